#include "framescope/report/html_report.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>
#include <tuple>

#include "framescope/corpus/text.h"
#include "framescope/report/cite.h"
#include "text_util.h"
#include "trend_internal.h"

namespace framescope::report {
namespace {

using internal::DisplayGroup;
using internal::FormatFixed;

// Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
constexpr const char* kColours[] = {"#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                    "#E69F00", "#56B4E9", "#000000", "#8C6D31"};
constexpr std::size_t kColourCount = sizeof kColours / sizeof kColours[0];
constexpr std::size_t kMaxEvidencePerFrame = 10;

constexpr const char* kStyle = R"CSS(
:root { color-scheme: light; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", sans-serif;
  color: #1b1b1b; margin: 0 auto; max-width: 1040px; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin-top: 2.2rem; border-bottom: 1px solid #ccc; padding-bottom: .2rem; }
h3 { font-size: 1.05rem; margin-top: 1.4rem; }
.sub, .meta, .note { color: #555; }
nav ul { list-style: none; padding: 0; display: flex; gap: 1rem; flex-wrap: wrap; }
figure { margin: 1rem 0 1.5rem; }
figcaption { font-size: .9rem; }
svg { max-width: 100%; height: auto; font-family: inherit; }
svg .axis { stroke: #999; stroke-width: 1; }
svg .grid { stroke: #e4e4e4; stroke-width: 1; }
svg text { font-size: 11px; fill: #444; }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; margin: .3rem 0; }
.swatch { display: inline-block; width: .9em; height: .9em; margin-right: .35em; vertical-align: -.1em; border-radius: 2px; }
table { border-collapse: collapse; margin: .6rem 0; font-size: .9rem; }
th, td { border: 1px solid #d6d6d6; padding: .25rem .5rem; vertical-align: top; }
th { background: #f3f3f3; text-align: left; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.ci { color: #666; font-size: .8rem; }
blockquote { margin: .6rem 0 .2rem; padding: .3rem .8rem; border-left: 3px solid #bbb; background: #fafafa; }
mark { background: #ffe58a; }
.cite { font-size: .88rem; margin: 0 0 .9rem .8rem; }
code { font-size: .85em; word-break: break-all; }
details { margin: .25rem 0; }
summary { cursor: pointer; }
details ol { margin: .3rem 0 .8rem; }
dl.manifest { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dl.manifest dt { font-weight: 600; }
dl.manifest dd { margin: 0; word-break: break-word; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav { display: none; }
  a { color: inherit; text-decoration: none; }
  figure, blockquote, tr, .cite, dl.manifest { break-inside: avoid; page-break-inside: avoid; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  svg { max-width: 17cm; }
  mark { background: none; font-weight: 700; }
  table { font-size: 8.5pt; }
  td.num { white-space: normal; }
  summary { list-style: none; }
  summary::-webkit-details-marker { display: none; }
}
/* On paper every list of documents is shown, since a closed details element cannot be opened
   there. Kept apart so that a browser without ::details-content drops only this rule. */
@media print {
  details::details-content { content-visibility: visible; display: block; }
}
)CSS";

bool IsWebUrl(std::string_view url) {
  auto starts = [&](std::string_view prefix) {
    if (url.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
      char c = url[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != prefix[i]) return false;
    }
    return true;
  };
  return starts("http://") || starts("https://");
}

// A link to `url` showing `text`, or just the text when the URL is not http(s): a
// "javascript:" URL in a crawled page must not become a clickable link.
std::string Link(std::string_view url, std::string_view text) {
  if (!IsWebUrl(url)) return HtmlEscape(text);
  return "<a href=\"" + HtmlEscape(url) + "\" rel=\"noopener noreferrer\">" + HtmlEscape(text) +
         "</a>";
}

std::string Percent(double share) { return FormatFixed(share * 100, 1) + "%"; }

// The sentence with the first occurrence of the cue (ASCII case-insensitive) marked.
std::string Highlight(const std::string& sentence, const std::string& cue) {
  if (!cue.empty()) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    auto it = std::search(sentence.begin(), sentence.end(), cue.begin(), cue.end(),
                          [&](char a, char b) { return lower(a) == lower(b); });
    if (it != sentence.end()) {
      auto pos = static_cast<std::size_t>(it - sentence.begin());
      return HtmlEscape(std::string_view(sentence).substr(0, pos)) + "<mark>" +
             HtmlEscape(std::string_view(sentence).substr(pos, cue.size())) + "</mark>" +
             HtmlEscape(std::string_view(sentence).substr(pos + cue.size()));
    }
  }
  return HtmlEscape(sentence);
}

using RowKey = std::tuple<std::string, std::string, std::string>;

std::map<RowKey, const TrendRow*> IndexRows(const Trend& trend) {
  std::map<RowKey, const TrendRow*> index;
  for (const TrendRow& r : trend.rows) index[{r.period, r.group, r.frame}] = &r;
  return index;
}

void WriteChart(const Trend& trend, const std::string& frame, std::size_t frame_index,
                const std::map<RowKey, const TrendRow*>& rows, std::ostream& out) {
  const double width = 720, height = 250;
  const double left = 46, right = 14, top = 14, bottom = 36;
  const double pw = width - left - right, ph = height - top - bottom;
  const std::size_t n = trend.periods.size();
  auto x = [&](std::size_t i) {
    return n <= 1 ? left + pw / 2 : left + pw * static_cast<double>(i) / static_cast<double>(n - 1);
  };
  auto y = [&](double v) { return top + ph * (1 - v); };
  auto num = [](double v) { return FormatFixed(v, 1); };
  const std::string id = "chart-" + std::to_string(frame_index);
  out << "<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " << num(width) << ' '
      << num(height) << "\" width=\"" << num(width) << "\" height=\"" << num(height)
      << "\" role=\"img\" aria-labelledby=\"" << id << "\">\n<title id=\"" << id
      << "\">Share of documents framed " << HtmlEscape(frame)
      << " per period, with 95% Wilson intervals</title>\n";
  for (int k = 0; k <= 4; ++k) {
    double v = k / 4.0;
    out << "<line class=\"grid\" x1=\"" << num(left) << "\" x2=\"" << num(left + pw) << "\" y1=\""
        << num(y(v)) << "\" y2=\"" << num(y(v)) << "\"/>"
        << "<text x=\"" << num(left - 6) << "\" y=\"" << num(y(v) + 4) << "\" text-anchor=\"end\">"
        << k * 25 << "%</text>\n";
  }
  out << "<line class=\"axis\" x1=\"" << num(left) << "\" x2=\"" << num(left + pw) << "\" y1=\""
      << num(y(0)) << "\" y2=\"" << num(y(0)) << "\"/>\n";
  const std::size_t step = std::max<std::size_t>(1, (n + 11) / 12);
  for (std::size_t i = 0; i < n; i += step) {
    out << "<text x=\"" << num(x(i)) << "\" y=\"" << num(height - bottom + 16)
        << "\" text-anchor=\"middle\">" << HtmlEscape(trend.periods[i]) << "</text>\n";
  }
  for (std::size_t g = 0; g < trend.groups.size(); ++g) {
    const char* colour = kColours[g % kColourCount];
    // The second round through the palette is dashed so that groups stay apart.
    const char* dash = (g / kColourCount) % 2 == 1 ? " stroke-dasharray=\"5 3\"" : "";
    std::vector<std::pair<std::size_t, const TrendRow*>> points;
    auto flush = [&] {
      if (points.empty()) return;
      std::string band, line;
      for (const auto& [i, r] : points) band += num(x(i)) + "," + num(y(r->ci.high)) + " ";
      for (auto it = points.rbegin(); it != points.rend(); ++it)
        band += num(x(it->first)) + "," + num(y(it->second->ci.low)) + " ";
      for (const auto& [i, r] : points) line += num(x(i)) + "," + num(y(r->share)) + " ";
      if (points.size() > 1) {
        out << "<polygon points=\"" << band << "\" fill=\"" << colour
            << "\" fill-opacity=\"0.14\" stroke=\"none\"/>\n<polyline points=\"" << line
            << "\" fill=\"none\" stroke=\"" << colour << "\" stroke-width=\"2\"" << dash << "/>\n";
      }
      for (const auto& [i, r] : points) {
        // A lone point shows its interval as a bar, since there is no band to draw.
        if (points.size() == 1) {
          out << "<line x1=\"" << num(x(i)) << "\" x2=\"" << num(x(i)) << "\" y1=\""
              << num(y(r->ci.low)) << "\" y2=\"" << num(y(r->ci.high)) << "\" stroke=\"" << colour
              << "\" stroke-opacity=\"0.5\" stroke-width=\"6\"/>\n";
        }
        out << "<circle cx=\"" << num(x(i)) << "\" cy=\"" << num(y(r->share))
            << "\" r=\"3\" fill=\"" << colour << "\"><title>" << HtmlEscape(r->period);
        if (trend.options.group != Group::kNone) out << " · " << HtmlEscape(DisplayGroup(r->group));
        out << ": " << r->count << " of " << r->total << " (" << Percent(r->share) << ", 95% CI "
            << Percent(r->ci.low) << "–" << Percent(r->ci.high) << ")</title></circle>\n";
      }
      points.clear();
    };
    for (std::size_t i = 0; i < n; ++i) {
      auto it = rows.find({trend.periods[i], trend.groups[g], frame});
      if (it == rows.end() || it->second->total == 0) {
        flush();  // no documents: a gap, not a drop to zero
        continue;
      }
      points.emplace_back(i, it->second);
    }
    flush();
  }
  out << "</svg>\n<figcaption>";
  if (trend.options.group != Group::kNone) {
    out << "<ul class=\"legend\">";
    for (std::size_t g = 0; g < trend.groups.size(); ++g) {
      out << "<li><span class=\"swatch\" style=\"background:" << kColours[g % kColourCount]
          << "\"></span>" << HtmlEscape(DisplayGroup(trend.groups[g])) << "</li>";
    }
    out << "</ul>";
  }
  out << (trend.options.normalize_totals ? "Share of all documents of the period framed <strong>"
                                         : "Share of documents framed <strong>")
      << HtmlEscape(frame) << "</strong> per " << GranularityName(trend.options.by)
      << "; shaded bands are 95% Wilson intervals; periods without documents are left as gaps."
      << "</figcaption>\n</figure>\n";
}

void WriteTable(const Trend& trend, const std::map<RowKey, const TrendRow*>& rows,
                std::ostream& out) {
  const bool grouped = trend.options.group != Group::kNone;
  const bool normalized = trend.options.normalize_totals.has_value();
  out << "<table>\n<thead><tr><th>period</th>";
  if (grouped) out << "<th>" << GroupName(trend.options.group) << "</th>";
  for (const std::string& f : trend.frames) out << "<th>" << HtmlEscape(f) << "</th>";
  out << (normalized ? "<th>matched</th><th>all documents</th>" : "<th>total</th>")
      << "</tr></thead>\n<tbody>\n";
  for (const std::string& p : trend.periods) {
    for (const std::string& g : trend.groups) {
      std::size_t total = 0, matched = 0;
      out << "<tr><td>" << HtmlEscape(p) << "</td>";
      if (grouped) out << "<td>" << HtmlEscape(DisplayGroup(g)) << "</td>";
      for (const std::string& f : trend.frames) {
        auto it = rows.find({p, g, f});
        if (it == rows.end() || it->second->total == 0) {
          out << "<td class=\"num\">–</td>";
          continue;
        }
        const TrendRow& r = *it->second;
        total = r.total;
        matched = r.matched;
        out << "<td class=\"num\">" << r.count << " (" << Percent(r.share)
            << ")<br><span class=\"ci\">" << Percent(r.ci.low) << "–" << Percent(r.ci.high)
            << "</span></td>";
      }
      if (normalized) out << "<td class=\"num\">" << matched << "</td>";
      out << "<td class=\"num\">" << total << "</td></tr>\n";
    }
  }
  out << "</tbody>\n</table>\n";
  if (trend.undated > 0) {
    out << "<p class=\"note\">" << trend.undated
        << " document(s) without a publication date are left out of the chart and table.</p>\n";
  }
}

void WriteDocumentItem(const corpus::Document& d, std::ostream& out) {
  std::string title = corpus::CollapseSpace(d.title);
  if (title.empty()) title = d.url.empty() ? "(untitled)" : d.url;
  out << "<li>" << Link(d.url, title) << " <span class=\"meta\">";
  std::string meta;
  for (const std::string* part : {&d.outlet, &d.published, &d.frame}) {
    if (part->empty()) continue;
    if (!meta.empty()) meta += " · ";
    meta += HtmlEscape(*part);
  }
  out << meta << "</span>";
  if (!d.archive.empty()) {
    out << "<br><span class=\"meta\">archived: " << HtmlEscape(d.archive.file) << " · <code>"
        << HtmlEscape(d.archive.record_id) << "</code></span>";
  }
  out << "</li>\n";
}

void WriteDocuments(const ReportInput& in, std::ostream& out) {
  const Trend& trend = in.trend;
  std::map<std::pair<std::string, std::string>, std::vector<const corpus::Document*>> cells;
  std::vector<const corpus::Document*> undated;
  for (std::size_t i : internal::CountedDocuments(in.docs, trend.options.dedup)) {
    const corpus::Document& d = in.docs[i];
    std::optional<std::string> period = internal::PeriodOf(d, trend.options.by);
    if (!period) {
      undated.push_back(&d);
      continue;
    }
    cells[{*period, internal::GroupValue(d, trend.options.group)}].push_back(&d);
  }
  auto by_date = [](const corpus::Document* a, const corpus::Document* b) {
    return std::tie(a->published, a->title, a->id) < std::tie(b->published, b->title, b->id);
  };
  for (const std::string& p : trend.periods) {
    for (const std::string& g : trend.groups) {
      auto it = cells.find({p, g});
      if (it == cells.end()) continue;
      std::vector<const corpus::Document*>& docs = it->second;
      std::sort(docs.begin(), docs.end(), by_date);
      std::map<std::string, std::size_t> frames;
      for (const corpus::Document* d : docs) ++frames[d->frame.empty() ? "unclassified" : d->frame];
      out << "<details><summary><strong>" << HtmlEscape(p);
      if (trend.options.group != Group::kNone) out << " · " << HtmlEscape(DisplayGroup(g));
      out << "</strong>: " << docs.size() << " document(s) (";
      bool first = true;
      for (const auto& [f, c] : frames) {
        out << (first ? "" : ", ") << HtmlEscape(f) << ' ' << c;
        first = false;
      }
      out << ")</summary>\n<ol>\n";
      for (const corpus::Document* d : docs) WriteDocumentItem(*d, out);
      out << "</ol></details>\n";
    }
  }
  if (!undated.empty()) {
    std::sort(undated.begin(), undated.end(), by_date);
    out << "<details><summary><strong>Undated</strong>: " << undated.size()
        << " document(s)</summary>\n<ol>\n";
    for (const corpus::Document* d : undated) WriteDocumentItem(*d, out);
    out << "</ol></details>\n";
  }
  if (cells.empty() && undated.empty()) out << "<p class=\"note\">No documents.</p>\n";
}

void WriteEvidence(const ReportInput& in, std::ostream& out) {
  std::map<std::string, const corpus::Document*> by_id;
  for (const corpus::Document& d : in.docs) by_id.emplace(d.id, &d);
  std::vector<std::string> frames = in.trend.frames;
  for (const Evidence& e : in.evidence) {
    if (std::find(frames.begin(), frames.end(), e.frame) == frames.end()) frames.push_back(e.frame);
  }
  bool any = false;
  for (const std::string& frame : frames) {
    std::vector<const Evidence*> list;
    for (const Evidence& e : in.evidence)
      if (e.frame == frame) list.push_back(&e);
    if (list.empty()) continue;
    any = true;
    std::stable_sort(list.begin(), list.end(),
                     [](const Evidence* a, const Evidence* b) { return a->score > b->score; });
    if (list.size() > kMaxEvidencePerFrame) list.resize(kMaxEvidencePerFrame);
    out << "<h3>" << HtmlEscape(frame) << "</h3>\n";
    for (const Evidence* e : list) {
      out << "<blockquote>" << Highlight(e->sentence, e->cue)
          << "</blockquote>\n<p class=\"cite\">";
      auto it = by_id.find(e->doc_id);
      if (it != by_id.end()) {
        const corpus::Document& d = *it->second;
        std::string cite = HtmlEscape(Cite(d, CiteStyle::kApa));
        // The URL inside the citation becomes the link to the article.
        const std::string url = HtmlEscape(d.url);
        if (std::size_t at = cite.rfind(url); IsWebUrl(d.url) && at != std::string::npos) {
          cite.replace(at, url.size(), Link(d.url, d.url));
        }
        out << cite;
      } else {
        out << "Document <code>" << HtmlEscape(e->doc_id) << "</code>";
      }
      out << " <span class=\"meta\">(score " << FormatFixed(e->score, 2);
      if (!e->cue.empty()) out << "; cue “" << HtmlEscape(e->cue) << "”";
      out << ")</span></p>\n";
    }
  }
  if (!any) out << "<p class=\"note\">No evidence sentences were given.</p>\n";
}

void WriteManifest(const ReportInput& in, std::ostream& out) {
  const Trend& t = in.trend;
  const std::pair<const char*, std::string> fields[] = {
      {"Framescope version", in.version},
      {"Study", in.study},
      {"Index revision", in.index_revision},
      {"Model", in.model},
      {"Codebook hash", in.codebook_hash},
      {"Query", in.query},
      {"Generated at", in.generated_at},
      {"Documents", std::to_string(in.docs.size())},
      {"Undated documents", std::to_string(t.undated)},
      {"Periods", std::string(GranularityName(t.options.by))},
      {"Grouped by", std::string(GroupName(t.options.group))},
      {"Near-duplicates", t.options.dedup ? "counted once per cluster" : "all counted"},
      {"Shares of", t.options.normalize_totals ? "all documents of each period (normalised)"
                                               : "the documents matched"},
      {"Intervals", "95% Wilson score intervals"},
  };
  out << "<dl class=\"manifest\">\n";
  for (const auto& [name, value] : fields) {
    out << "<dt>" << name << "</dt><dd>" << (value.empty() ? "–" : HtmlEscape(value)) << "</dd>\n";
  }
  out << "</dl>\n";
}

}  // namespace

std::string HtmlEscape(std::string_view text) {
  std::string valid = corpus::ToValidUtf8(text);
  std::string out;
  out.reserve(valid.size() + valid.size() / 8);
  for (char ch : valid) {
    auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      // '=' and '`' are harmless in text, but escaping them keeps attribute values safe even
      // unquoted and leaves no "onerror=" of a hostile title in the page at all.
      case '=':
        out += "&#61;";
        break;
      case '`':
        out += "&#96;";
        break;
      default:
        // Control characters are not allowed in HTML text; TAB, LF and CR are.
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) break;
        out.push_back(ch);
    }
  }
  return out;
}

void WriteHtmlReport(const ReportInput& in, std::ostream& out) {
  const std::string title = in.title.empty() ? "Framescope report" : in.title;
  const auto rows = IndexRows(in.trend);
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      // Even if some escaping were missed, the browser would run no script and fetch nothing.
      << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
         "style-src 'unsafe-inline'; img-src data:\">\n"
      << "<meta name=\"generator\" content=\"Framescope " << HtmlEscape(in.version) << "\">\n"
      << "<title>" << HtmlEscape(title) << "</title>\n<style>" << kStyle << "</style>\n</head>\n"
      << "<body>\n<header>\n<h1>" << HtmlEscape(title) << "</h1>\n<p class=\"sub\">";
  if (!in.query.empty()) out << "Query <code>" << HtmlEscape(in.query) << "</code> · ";
  out << in.docs.size() << " document(s)";
  if (!in.study.empty()) out << " · study " << HtmlEscape(in.study);
  if (!in.generated_at.empty()) out << " · generated " << HtmlEscape(in.generated_at);
  out << "</p>\n</header>\n<nav><ul><li><a href=\"#chart\">Chart</a></li>"
      << "<li><a href=\"#table\">Table</a></li><li><a href=\"#evidence\">Evidence</a></li>"
      << "<li><a href=\"#documents\">Documents</a></li><li><a href=\"#manifest\">Manifest</a></li>"
      << "</ul></nav>\n<main>\n";

  out << "<section id=\"chart\">\n<h2>Frame share over time</h2>\n";
  if (in.trend.periods.empty() || in.trend.frames.empty()) {
    out << "<p class=\"note\">No dated, classified documents to chart.</p>\n";
  } else {
    for (std::size_t f = 0; f < in.trend.frames.size(); ++f) {
      out << "<h3>" << HtmlEscape(in.trend.frames[f]) << "</h3>\n";
      WriteChart(in.trend, in.trend.frames[f], f, rows, out);
    }
  }
  out << "</section>\n<section id=\"table\">\n<h2>Trend table</h2>\n"
      << "<p class=\"note\">Each cell: documents with the frame (share of "
      << (in.trend.options.normalize_totals ? "all documents of the period, not only those matched"
                                            : "the period's documents")
      << ") and the 95% Wilson interval of the share.</p>\n";
  WriteTable(in.trend, rows, out);
  out << "</section>\n<section id=\"evidence\">\n<h2>Evidence</h2>\n"
      << "<p class=\"note\">The sentences that weighed most for each frame, with the cue that "
         "matched and a citation of the article.</p>\n";
  WriteEvidence(in, out);
  out << "</section>\n<section id=\"documents\">\n<h2>Documents behind each data point</h2>\n";
  WriteDocuments(in, out);
  out << "</section>\n<section id=\"manifest\">\n<h2>Manifest</h2>\n";
  WriteManifest(in, out);
  out << "</section>\n</main>\n</body>\n</html>\n";
}

}  // namespace framescope::report
