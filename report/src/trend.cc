#include "framescope/report/trend.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>
#include <unordered_map>

#include "framescope/report/csv.h"
#include "text_util.h"
#include "trend_internal.h"

namespace framescope::report {
namespace internal {

std::vector<std::size_t> CountedDocuments(const std::vector<corpus::Document>& docs, bool dedup) {
  std::vector<std::size_t> out;
  out.reserve(docs.size());
  if (!dedup) {
    for (std::size_t i = 0; i < docs.size(); ++i) out.push_back(i);
    return out;
  }
  struct Best {
    std::size_t index;
    std::optional<corpus::Date> date;
  };
  // Keyed by cluster; a document without one forms its own cluster (keyed so it cannot collide
  // with a real cluster id).
  std::map<std::string, Best> best;
  std::vector<std::string> order;
  for (std::size_t i = 0; i < docs.size(); ++i) {
    const corpus::Document& d = docs[i];
    std::string key = d.cluster.empty() ? "\x01" + std::to_string(i) : d.cluster;
    std::optional<corpus::Date> date = corpus::ParseIsoDate(d.published);
    auto it = best.find(key);
    if (it == best.end()) {
      best.emplace(key, Best{i, date});
      order.push_back(key);
      continue;
    }
    Best& b = it->second;
    bool better = false;
    if (date && !b.date) {
      better = true;
    } else if (date && b.date) {
      better = *date < *b.date || (*date == *b.date && d.id < docs[b.index].id);
    }
    if (better) b = Best{i, date};
  }
  for (const std::string& key : order) out.push_back(best[key].index);
  std::sort(out.begin(), out.end());
  return out;
}

std::string GroupValue(const corpus::Document& doc, Group group) {
  switch (group) {
    case Group::kNone:
      return "";
    case Group::kOutlet:
      return doc.outlet;
    case Group::kLanguage:
      return doc.language;
    case Group::kCountry:
      return doc.country;
    case Group::kType:
      return doc.source_type;
  }
  return "";
}

std::optional<std::string> PeriodOf(const corpus::Document& doc, corpus::Granularity by) {
  std::optional<corpus::Date> date = corpus::ParseIsoDate(doc.published);
  if (!date) return std::nullopt;
  return corpus::PeriodKey(*date, by);
}

std::string DisplayGroup(const std::string& group) { return group.empty() ? "(unknown)" : group; }

}  // namespace internal

Interval Wilson(std::size_t k, std::size_t n, double z) {
  if (n == 0) return {0, 0};
  const double nn = static_cast<double>(n);
  const double p = static_cast<double>(k) / nn;
  const double z2 = z * z;
  const double denom = 1 + z2 / nn;
  const double centre = (p + z2 / (2 * nn)) / denom;
  const double half = z / denom * std::sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn));
  Interval ci{std::max(0.0, centre - half), std::min(1.0, centre + half)};
  // The bounds are exact at the edges; rounding must not move them off 0 or 1.
  if (k == 0) ci.low = 0;
  if (k >= n) ci.high = 1;
  return ci;
}

std::optional<Group> ParseGroup(std::string_view name) {
  if (name == "outlet") return Group::kOutlet;
  if (name == "language") return Group::kLanguage;
  if (name == "country") return Group::kCountry;
  if (name == "type") return Group::kType;
  if (name == "none") return Group::kNone;
  return std::nullopt;
}

std::string_view GroupName(Group group) {
  switch (group) {
    case Group::kNone:
      return "none";
    case Group::kOutlet:
      return "outlet";
    case Group::kLanguage:
      return "language";
    case Group::kCountry:
      return "country";
    case Group::kType:
      return "type";
  }
  return "none";
}

std::string_view GranularityName(corpus::Granularity by) {
  switch (by) {
    case corpus::Granularity::kYear:
      return "year";
    case corpus::Granularity::kQuarter:
      return "quarter";
    case corpus::Granularity::kMonth:
      return "month";
    case corpus::Granularity::kWeek:
      return "week";
  }
  return "year";
}

CoverageTotals CountCoverage(const std::vector<corpus::Document>& all, const TrendOptions& opts) {
  CoverageTotals totals;
  for (std::size_t i : internal::CountedDocuments(all, opts.dedup)) {
    std::optional<std::string> period = internal::PeriodOf(all[i], opts.by);
    if (period) ++totals[{std::move(*period), internal::GroupValue(all[i], opts.group)}];
  }
  return totals;
}

Trend ComputeTrend(const std::vector<corpus::Document>& docs, const TrendOptions& opts) {
  Trend trend;
  trend.options = opts;
  std::optional<corpus::Date> first, last;
  std::map<std::pair<std::string, std::string>, std::size_t> matched;
  std::map<std::tuple<std::string, std::string, std::string>, std::size_t> counts;
  std::set<std::string> groups, frames;
  for (std::size_t i : internal::CountedDocuments(docs, opts.dedup)) {
    const corpus::Document& d = docs[i];
    std::optional<corpus::Date> date = corpus::ParseIsoDate(d.published);
    if (!date) {
      ++trend.undated;
      continue;
    }
    if (!first || *date < *first) first = date;
    if (!last || *last < *date) last = date;
    std::string period = corpus::PeriodKey(*date, opts.by);
    std::string group = internal::GroupValue(d, opts.group);
    groups.insert(group);
    ++matched[{period, group}];
    if (!d.frame.empty()) {
      frames.insert(d.frame);
      ++counts[{period, group, d.frame}];
    }
  }
  if (!first) {
    trend.frames = opts.frames;
    return trend;
  }
  trend.periods = corpus::PeriodsBetween(*first, *last, opts.by);
  trend.groups.assign(groups.begin(), groups.end());
  if (opts.group == Group::kNone) trend.groups = {""};
  trend.frames =
      opts.frames.empty() ? std::vector<std::string>(frames.begin(), frames.end()) : opts.frames;
  trend.rows.reserve(trend.periods.size() * trend.groups.size() * trend.frames.size());
  for (const std::string& period : trend.periods) {
    for (const std::string& group : trend.groups) {
      auto m = matched.find({period, group});
      const std::size_t in_query = m == matched.end() ? 0 : m->second;
      std::size_t total = in_query;
      if (opts.normalize_totals) {
        auto c = opts.normalize_totals->find({period, group});
        // Coverage smaller than the matches means the two were counted differently; the
        // matches are the better lower bound, and Wilson needs count <= total.
        if (c != opts.normalize_totals->end()) total = std::max(total, c->second);
      }
      for (const std::string& frame : trend.frames) {
        auto c = counts.find({period, group, frame});
        std::size_t count = c == counts.end() ? 0 : c->second;
        TrendRow row{period, group, frame, count, in_query, total, 0, {}};
        if (total > 0) row.share = static_cast<double>(count) / static_cast<double>(total);
        row.ci = Wilson(count, total);
        trend.rows.push_back(std::move(row));
      }
    }
  }
  return trend;
}

void WriteTrendCsv(const Trend& trend, const std::string& group_column_name, std::ostream& out) {
  const bool grouped = !group_column_name.empty();
  out << "period,";
  if (grouped) out << CsvCell(group_column_name) << ',';
  const bool normalized = trend.options.normalize_totals.has_value();
  out << "frame,count,total,share,ci_low,ci_high" << (normalized ? ",matched\n" : "\n");
  for (const TrendRow& r : trend.rows) {
    out << CsvCell(r.period) << ',';
    if (grouped) out << CsvCell(r.group) << ',';
    out << CsvCell(r.frame) << ',' << r.count << ',' << r.total << ','
        << internal::FormatFixed(r.share, 6) << ',' << internal::FormatFixed(r.ci.low, 6) << ','
        << internal::FormatFixed(r.ci.high, 6);
    if (normalized) out << ',' << r.matched;
    out << '\n';
  }
}

void WriteTrendJson(const Trend& trend, std::ostream& out) {
  nlohmann::ordered_json j;
  j["by"] = std::string(GranularityName(trend.options.by));
  j["group"] = std::string(GroupName(trend.options.group));
  j["dedup"] = trend.options.dedup;
  j["normalize"] = trend.options.normalize_totals.has_value();
  j["undated"] = trend.undated;
  j["periods"] = trend.periods;
  j["groups"] = trend.groups;
  j["frames"] = trend.frames;
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (const TrendRow& r : trend.rows) {
    rows.push_back({{"period", r.period},
                    {"group", r.group},
                    {"frame", r.frame},
                    {"count", r.count},
                    {"matched", r.matched},
                    {"total", r.total},
                    {"share", r.share},
                    {"ci_low", r.ci.low},
                    {"ci_high", r.ci.high}});
  }
  j["rows"] = std::move(rows);
  // Replace, not throw, on invalid UTF-8 in outlet names: the report must still come out.
  out << j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
}

namespace {

constexpr const char* kNormalizedNote =
    "Shares are of all documents of each period (and group), not only of those matched";

// The table both text writers show: a header and one line per period+group.
struct Grid {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> lines;
  std::size_t numeric_from = 0;  // columns from here on are right-aligned
};

// with_intervals: each cell also gives the 95% Wilson interval of the share (the Markdown table,
// which goes into papers; the terminal table stays narrow).
Grid MakeGrid(const Trend& trend, bool with_intervals) {
  Grid g;
  const bool grouped = trend.options.group != Group::kNone;
  g.header.push_back("period");
  if (grouped) g.header.emplace_back(GroupName(trend.options.group));
  g.numeric_from = g.header.size();
  const bool normalized = trend.options.normalize_totals.has_value();
  for (const std::string& f : trend.frames) g.header.push_back(f);
  if (normalized) g.header.push_back("matched");
  g.header.push_back(normalized ? "all documents" : "total");
  const std::size_t per_line = trend.frames.size();
  for (std::size_t i = 0; i < trend.rows.size(); i += std::max<std::size_t>(per_line, 1)) {
    if (per_line == 0) break;
    const TrendRow& first = trend.rows[i];
    std::vector<std::string> line{first.period};
    if (grouped) line.push_back(internal::DisplayGroup(first.group));
    for (std::size_t k = 0; k < per_line; ++k) {
      const TrendRow& r = trend.rows[i + k];
      if (r.total == 0) {
        line.emplace_back("-");
        continue;
      }
      std::string cell = std::to_string(r.count) + " (" + internal::FormatFixed(r.share * 100, 1);
      if (with_intervals)
        cell += "%, " + internal::FormatFixed(r.ci.low * 100, 1) + "–" +
                internal::FormatFixed(r.ci.high * 100, 1);
      line.push_back(cell + "%)");
    }
    if (normalized) line.push_back(std::to_string(first.matched));
    line.push_back(std::to_string(first.total));
    g.lines.push_back(std::move(line));
  }
  return g;
}

}  // namespace

void WriteTrendTable(const Trend& trend, std::ostream& out) {
  Grid g = MakeGrid(trend, false);
  std::vector<std::size_t> width(g.header.size(), 0);
  auto measure = [&](const std::vector<std::string>& line) {
    for (std::size_t c = 0; c < line.size(); ++c)
      width[c] = std::max(width[c], internal::DisplayWidth(line[c]));
  };
  measure(g.header);
  for (const auto& line : g.lines) measure(line);
  auto print = [&](const std::vector<std::string>& line) {
    std::string text;
    for (std::size_t c = 0; c < line.size(); ++c) {
      std::string pad(width[c] - internal::DisplayWidth(line[c]), ' ');
      if (c) text += "  ";
      text += c >= g.numeric_from ? pad + line[c] : line[c] + pad;
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    out << text << '\n';
  };
  print(g.header);
  for (const auto& line : g.lines) print(line);
  if (trend.frames.empty() && !trend.periods.empty()) out << "no document has a frame\n";
  if (trend.options.normalize_totals && !trend.rows.empty()) out << kNormalizedNote << '\n';
  if (trend.undated > 0) out << trend.undated << " undated document(s) left out\n";
}

void WriteTrendMarkdown(const Trend& trend, std::ostream& out) {
  Grid g = MakeGrid(trend, true);
  out << '|';
  for (const auto& h : g.header) out << ' ' << internal::MarkdownCell(h) << " |";
  out << "\n|";
  for (std::size_t c = 0; c < g.header.size(); ++c)
    out << (c >= g.numeric_from ? " ---: |" : " --- |");
  out << '\n';
  for (const auto& line : g.lines) {
    out << '|';
    for (const auto& cell : line) out << ' ' << internal::MarkdownCell(cell) << " |";
    out << '\n';
  }
  if (!g.lines.empty())
    out << "\nEach cell: count (share, 95% Wilson interval of the share).\n";
  if (trend.options.normalize_totals && !trend.rows.empty())
    out << '\n' << kNormalizedNote << ".\n";
  if (trend.undated > 0) out << "\n" << trend.undated << " undated document(s) left out.\n";
}

}  // namespace framescope::report
