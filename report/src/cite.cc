#include "framescope/report/cite.h"

#include <array>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cite_data.h"
#include "text_util.h"

namespace framescope::report {
namespace {

using internal::CiteData;
using internal::CslDate;
using internal::CslName;

constexpr std::array<const char*, 12> kMonths = {"January",   "February", "March",    "April",
                                                 "May",       "June",     "July",     "August",
                                                 "September", "October",  "November", "December"};
// The en-US CSL locale's short month forms, which the MLA style uses.
constexpr std::array<const char*, 12> kShortMonths = {
    "Jan.", "Feb.", "Mar.", "Apr.", "May", "Jun.", "Jul.", "Aug.", "Sep.", "Oct.", "Nov.", "Dec."};

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// True when `s` already ends a sentence: ".", "?" or "!", possibly followed by closing quotes.
bool EndsWithStop(std::string_view s) {
  while (true) {
    if (EndsWith(s, "\u201D") || EndsWith(s, "\u2019")) {
      s.remove_suffix(3);
    } else if (EndsWith(s, "\"") || EndsWith(s, "'")) {
      s.remove_suffix(1);
    } else {
      break;
    }
  }
  return !s.empty() && (s.back() == '.' || s.back() == '?' || s.back() == '!');
}

void AddPeriod(std::string& s) {
  if (!s.empty() && !EndsWithStop(s)) s.push_back('.');
}

// Appends a new sentence-like segment: the previous one is closed with a period first.
void Segment(std::string& out, std::string_view part) {
  if (part.empty()) return;
  AddPeriod(out);
  if (!out.empty()) out.push_back(' ');
  out.append(part);
}

void Append(std::string& out, std::string_view sep, std::string_view part) {
  if (part.empty()) return;
  if (!out.empty()) out.append(sep);
  out.append(part);
}

// "March 5, 2019", "March 2019", "2019".
std::string UsDate(const CslDate& d) {
  std::string y = std::to_string(d.year);
  if (d.month == 0) return y;
  std::string m = kMonths[static_cast<std::size_t>(d.month - 1)];
  if (d.day == 0) return m + " " + y;
  return m + " " + std::to_string(d.day) + ", " + y;
}

// "2019, March 5", "2019, March", "2019".
std::string ApaDate(const CslDate& d) {
  std::string y = std::to_string(d.year);
  if (d.month == 0) return y;
  std::string m = kMonths[static_cast<std::size_t>(d.month - 1)];
  if (d.day == 0) return y + ", " + m;
  return y + ", " + m + " " + std::to_string(d.day);
}

// "5 Mar. 2019", "Mar. 2019", "2019".
std::string MlaDate(const CslDate& d) {
  std::string y = std::to_string(d.year);
  if (d.month == 0) return y;
  std::string m = kShortMonths[static_cast<std::size_t>(d.month - 1)];
  if (d.day == 0) return m + " " + y;
  return std::to_string(d.day) + " " + m + " " + y;
}

std::string WithParticle(const CslName& n) {
  return n.particle.empty() ? n.family : n.particle + " " + n.family;
}

// "Jane Anne" -> "J. A."; "Jean-Paul" -> "J.-P."; lower-case words are kept whole, as citeproc
// does.
std::string Initials(std::string_view given) {
  std::string out;
  std::size_t i = 0;
  while (i < given.size()) {
    while (i < given.size() && given[i] == ' ') ++i;
    std::size_t e = given.find(' ', i);
    if (e == std::string_view::npos) e = given.size();
    std::string_view word = given.substr(i, e - i);
    i = e;
    if (word.empty()) continue;
    if (!out.empty()) out.push_back(' ');
    if (internal::CapitalizeFirstLetter(word) != word) {
      out.append(word);
      continue;
    }
    std::size_t p = 0;
    bool first = true;
    while (p < word.size()) {
      std::size_t h = word.find('-', p);
      if (h == std::string_view::npos) h = word.size();
      std::string_view piece = word.substr(p, h - p);
      if (!piece.empty()) {
        if (!first) out.push_back('-');
        // First code point of the piece (a UTF-8 lead byte and its continuation bytes).
        std::size_t len = 1;
        while (len < piece.size() && (static_cast<unsigned char>(piece[len]) & 0xC0) == 0x80) ++len;
        out.append(piece.substr(0, len));
        out.push_back('.');
        first = false;
      }
      p = h + 1;
    }
  }
  return out;
}

std::string ApaName(const CslName& n) {
  if (!n.literal.empty()) return n.literal;
  return WithParticle(n) + ", " + Initials(n.given);
}

std::string InvertedName(const CslName& n, bool demote_particle) {
  if (!n.literal.empty()) return n.literal;
  if (demote_particle && !n.particle.empty()) return n.family + ", " + n.given + " " + n.particle;
  return WithParticle(n) + ", " + n.given;
}

std::string DirectName(const CslName& n) {
  if (!n.literal.empty()) return n.literal;
  return n.given + " " + WithParticle(n);
}

std::string ApaNames(const std::vector<CslName>& a) {
  if (a.size() == 1) return ApaName(a[0]);
  if (a.size() == 2) return ApaName(a[0]) + ", & " + ApaName(a[1]);
  std::string out;
  // APA 7: up to 20 authors are listed; beyond, the first 19, an ellipsis and the last.
  if (a.size() > 20) {
    for (std::size_t i = 0; i < 19; ++i) Append(out, ", ", ApaName(a[i]));
    return out + ", \u2026 " + ApaName(a.back());
  }
  for (std::size_t i = 0; i + 1 < a.size(); ++i) Append(out, ", ", ApaName(a[i]));
  return out + ", & " + ApaName(a.back());
}

std::string ChicagoNames(const std::vector<CslName>& a) {
  std::string first = InvertedName(a[0], true);
  if (a.size() == 1) return first;
  if (a.size() == 2) return first + ", and " + DirectName(a[1]);
  std::string out = first;
  // Chicago 18: up to six authors are listed; beyond, the first three and "et al."
  if (a.size() > 6) return out + ", " + DirectName(a[1]) + ", " + DirectName(a[2]) + ", et al.";
  for (std::size_t i = 1; i + 1 < a.size(); ++i) out += ", " + DirectName(a[i]);
  return out + ", and " + DirectName(a.back());
}

std::string MlaNames(const std::vector<CslName>& a) {
  std::string first = InvertedName(a[0], false);
  if (a.size() == 1) return first;
  if (a.size() == 2) return first + ", and " + DirectName(a[1]);
  return first + ", et al.";
}

struct Titles {
  std::string quoted;  // “Title.” as the inner part of a quoted title (nested quotes)
  std::string plain;   // Title, with quotes at the outer level
  std::string container;
};

Titles MakeTitles(const CiteData& c, bool title_case) {
  Titles t;
  const bool english = internal::IsEnglishOrUnset(c.language);
  std::string title = title_case && english ? internal::TitleCase(c.title) : c.title;
  // All three styles title-case the outlet's name (APA too: it is a periodical's name).
  std::string container = english ? internal::TitleCase(c.container) : c.container;
  t.plain = internal::SmartQuotes(title, false);
  if (!title.empty()) {
    std::string inner = internal::SmartQuotes(title, true);
    t.quoted = "\u201C" + inner + (EndsWithStop(inner) ? "" : ".") + "\u201D";
  }
  t.container = internal::SmartQuotes(container, false);
  return t;
}

std::string Apa(const CiteData& c) {
  Titles t = MakeTitles(c, false);
  std::string date = "(" + (c.issued ? ApaDate(*c.issued) : std::string("n.d.")) + ")";
  std::string out;
  if (!c.authors.empty()) {
    out = ApaNames(c.authors);
    Segment(out, date);
    Segment(out, t.plain);
  } else {
    out = t.plain;
    Segment(out, date);
  }
  Segment(out, t.container);
  if (!c.archive.empty() || !c.archive_location.empty()) {
    std::string loc = c.archive_location.empty() ? "" : "(" + c.archive_location + ")";
    std::string archive = c.archive;
    Append(archive, " ", loc);
    Segment(out, archive);
  }
  if (!c.url.empty()) {
    AddPeriod(out);
    if (c.issued) {
      out += " " + c.url;
    } else if (c.accessed) {
      out += " Retrieved " + UsDate(*c.accessed) + ", from " + c.url;
    } else {
      out += " Retrieved " + c.url;
    }
  } else {
    AddPeriod(out);
  }
  return out;
}

std::string Chicago(const CiteData& c) {
  Titles t = MakeTitles(c, true);
  std::string date = c.issued ? UsDate(*c.issued) : "n.d.";
  std::string out;
  if (!c.authors.empty()) out = ChicagoNames(c.authors);
  if (!t.container.empty() && !c.authors.empty()) {
    std::string head = t.quoted;
    Append(head, " ", t.container + ", " + date);
    Segment(out, head);
  } else {
    // Without an author the outlet takes the author's place, and the title is no longer quoted.
    Segment(out, t.container);
    Segment(out, t.plain);
    Segment(out, date);
  }
  if (!c.archive_location.empty())
    Segment(out, internal::CapitalizeFirstLetter(c.archive_location));
  Segment(out, c.archive);
  if (!c.issued && c.accessed) Segment(out, "Accessed " + UsDate(*c.accessed));
  Segment(out, c.url);
  AddPeriod(out);
  return out;
}

std::string Mla(const CiteData& c) {
  Titles t = MakeTitles(c, true);
  std::string out;
  if (!c.authors.empty()) out = MlaNames(c.authors);
  std::string details;
  if (c.issued) Append(details, ", ", MlaDate(*c.issued));
  Append(details, ", ", c.archive);
  Append(details, ", ", c.archive_location);
  Append(details, ", ", c.url);
  if (!t.container.empty()) {
    std::string head = t.quoted;
    Append(head, " ", t.container);
    Append(head, ", ", details);
    Segment(out, head);
  } else {
    Segment(out, t.plain);
    Segment(out, details);
  }
  if (!c.issued && c.accessed) Segment(out, "Accessed " + MlaDate(*c.accessed));
  AddPeriod(out);
  return out;
}

// Text for a braced BibTeX field: LaTeX's special characters escaped, braces balanced.
std::string BibText(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '\\':
        out += "\\textbackslash{}";
        break;
      case '{':
      case '}':
      case '&':
      case '%':
      case '$':
      case '#':
      case '_':
        out.push_back('\\');
        out.push_back(c);
        break;
      case '~':
        out += "\\textasciitilde{}";
        break;
      case '^':
        out += "\\textasciicircum{}";
        break;
      case '\n':
      case '\r':
      case '\t':
        out.push_back(' ');
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

// URLs stay verbatim for \url, except the characters that would unbalance the entry.
std::string BibUrl(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '{') {
      out += "%7B";
    } else if (c == '}') {
      out += "%7D";
    } else if (c == '\\') {
      out += "%5C";
    } else if (c == ' ') {
      out += "%20";
    } else if (static_cast<unsigned char>(c) >= 0x20) {
      out.push_back(c);
    }
  }
  return out;
}

std::string BibKey(const CiteData& c) {
  std::string key;
  for (char ch : c.id) {
    if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
        ch == '-' || ch == '_' || ch == ':' || ch == '.')
      key.push_back(ch);
  }
  return key.empty() ? "framescope" : key;
}

std::string IsoDate(const CslDate& d) {
  char buf[16];
  if (d.month == 0) {
    std::snprintf(buf, sizeof buf, "%04d", d.year);
  } else if (d.day == 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02d", d.year, d.month);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  }
  return buf;
}

std::string ArchiveNote(const CiteData& c) {
  if (c.archive.empty() && c.archive_location.empty()) return "";
  std::string note = "Archived copy:";
  if (!c.archive.empty()) note += " WARC file " + c.archive;
  if (!c.archive_location.empty()) note += (c.archive.empty() ? " " : ", ") + c.archive_location;
  return note;
}

std::string Bibtex(const CiteData& c) {
  static constexpr std::array<const char*, 12> kMacros = {"jan", "feb", "mar", "apr", "may", "jun",
                                                          "jul", "aug", "sep", "oct", "nov", "dec"};
  std::string out = "@article{" + BibKey(c) + ",\n";
  auto field = [&](const char* name, const std::string& braced) {
    if (!braced.empty()) out += "  " + std::string(name) + " = {" + braced + "},\n";
  };
  std::string authors;
  for (const CslName& n : c.authors) {
    std::string one = n.literal.empty() ? BibText(WithParticle(n)) + ", " + BibText(n.given)
                                        : "{" + BibText(n.literal) + "}";
    Append(authors, " and ", one);
  }
  field("author", authors);
  // Double braces keep the title's capitalisation: it is a headline, not a sentence to recase.
  if (!c.title.empty()) field("title", "{" + BibText(c.title) + "}");
  field("journal", BibText(c.container));
  if (c.issued) {
    field("date", IsoDate(*c.issued));
    field("year", std::to_string(c.issued->year));
    if (c.issued->month) {
      out += "  month = " + std::string(kMacros[static_cast<std::size_t>(c.issued->month - 1)]) +
             ",\n";
    }
  }
  field("url", BibUrl(c.url));
  if (c.accessed) field("urldate", IsoDate(*c.accessed));
  field("language", BibText(c.language));
  field("note", BibText(ArchiveNote(c)));
  out += "  entrysubtype = {newspaper}\n}";
  return out;
}

std::string RisValue(std::string_view s) {
  std::string out;
  for (char c : s) out.push_back(c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
  return out;
}

std::string Ris(const CiteData& c) {
  std::string out;
  auto tag = [&](const char* t, const std::string& v) {
    if (!v.empty()) out += std::string(t) + "  - " + RisValue(v) + "\n";
  };
  tag("TY", "NEWS");
  for (const CslName& n : c.authors) {
    tag("AU", n.literal.empty() ? WithParticle(n) + ", " + n.given : n.literal);
  }
  tag("TI", c.title);
  tag("T2", c.container);
  auto ris_date = [](const CslDate& d) {
    char buf[24];
    if (d.month == 0) {
      std::snprintf(buf, sizeof buf, "%04d///", d.year);
    } else if (d.day == 0) {
      std::snprintf(buf, sizeof buf, "%04d/%02d//", d.year, d.month);
    } else {
      std::snprintf(buf, sizeof buf, "%04d/%02d/%02d/", d.year, d.month, d.day);
    }
    return std::string(buf);
  };
  if (c.issued) {
    tag("PY", std::to_string(c.issued->year));
    tag("DA", ris_date(*c.issued));
  }
  tag("UR", c.url);
  if (c.accessed) tag("Y2", ris_date(*c.accessed));
  tag("LA", c.language);
  // Zotero reads DB as the archive and AN as the location in the archive.
  tag("DB", c.archive);
  tag("AN", c.archive_location);
  tag("N1", ArchiveNote(c));
  out += "ER  - ";
  return out;
}

nlohmann::ordered_json DateJson(const CslDate& d) {
  nlohmann::ordered_json parts = nlohmann::ordered_json::array({d.year});
  if (d.month) parts.push_back(d.month);
  if (d.day) parts.push_back(d.day);
  return {{"date-parts", nlohmann::ordered_json::array({parts})}};
}

nlohmann::ordered_json CslItem(const CiteData& c) {
  nlohmann::ordered_json j;
  j["id"] = c.id;
  j["type"] = "article-newspaper";
  if (!c.title.empty()) j["title"] = c.title;
  if (!c.container.empty()) j["container-title"] = c.container;
  if (!c.authors.empty()) {
    nlohmann::ordered_json names = nlohmann::ordered_json::array();
    for (const CslName& n : c.authors) {
      nlohmann::ordered_json name;
      if (!n.literal.empty()) {
        name["literal"] = n.literal;
      } else {
        name["family"] = n.family;
        name["given"] = n.given;
        if (!n.particle.empty()) name["non-dropping-particle"] = n.particle;
      }
      names.push_back(std::move(name));
    }
    j["author"] = std::move(names);
  }
  if (c.issued) j["issued"] = DateJson(*c.issued);
  if (c.accessed) j["accessed"] = DateJson(*c.accessed);
  if (!c.url.empty()) j["URL"] = c.url;
  if (!c.language.empty()) j["language"] = c.language;
  if (!c.archive.empty()) j["archive"] = c.archive;
  if (!c.archive_location.empty()) j["archive_location"] = c.archive_location;
  return j;
}

}  // namespace

std::optional<CiteStyle> ParseCiteStyle(std::string_view name) {
  std::string n;
  for (char c : name) n.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  if (n == "apa") return CiteStyle::kApa;
  if (n == "chicago") return CiteStyle::kChicago;
  if (n == "mla") return CiteStyle::kMla;
  if (n == "bibtex") return CiteStyle::kBibtex;
  if (n == "ris") return CiteStyle::kRis;
  if (n == "csl-json" || n == "csl" || n == "csljson") return CiteStyle::kCslJson;
  return std::nullopt;
}

std::string CslJson(const std::vector<corpus::Document>& docs) {
  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < docs.size(); ++i) {
    items.push_back(CslItem(internal::MakeCiteData(docs[i], i)));
  }
  return items.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string Cite(const corpus::Document& doc, CiteStyle style) {
  CiteData c = internal::MakeCiteData(doc, 0);
  // A document with no title, outlet, date, URL or archive leaves a style nothing to show; its id
  // at least lets the reader find it.
  auto or_id = [&](std::string text) { return text.empty() ? "[" + c.id + "]" : text; };
  switch (style) {
    case CiteStyle::kApa:
      return or_id(Apa(c));
    case CiteStyle::kChicago:
      return or_id(Chicago(c));
    case CiteStyle::kMla:
      return or_id(Mla(c));
    case CiteStyle::kBibtex:
      return Bibtex(c);
    case CiteStyle::kRis:
      return Ris(c);
    case CiteStyle::kCslJson:
      return CslJson({doc});
  }
  return "";
}

}  // namespace framescope::report
