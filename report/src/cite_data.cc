#include "cite_data.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "framescope/corpus/dates.h"
#include "framescope/corpus/text.h"
#include "text_util.h"

namespace framescope::report::internal {
namespace {

std::vector<std::string> SplitWords(std::string_view s) {
  std::vector<std::string> words;
  std::string cur;
  for (char c : s) {
    if (c == ' ') {
      if (!cur.empty()) words.push_back(std::move(cur));
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) words.push_back(std::move(cur));
  return words;
}

bool StartsLower(std::string_view word) {
  const auto* p = reinterpret_cast<const uint8_t*>(word.data());
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(p, i, static_cast<int32_t>(word.size()), c);
  return c >= 0 && u_isULowercase(c);
}

std::string Join(const std::vector<std::string>& words, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) {
    if (!out.empty()) out.push_back(' ');
    out += words[i];
  }
  return out;
}

}  // namespace

CslName ParseName(std::string_view raw) {
  std::string name = corpus::CollapseSpace(raw);
  CslName n;
  std::vector<std::string> family_words, given_words;
  if (auto comma = name.find(','); comma != std::string::npos) {
    family_words = SplitWords(name.substr(0, comma));
    given_words = SplitWords(name.substr(comma + 1));
  } else {
    std::vector<std::string> words = SplitWords(name);
    if (words.size() < 2) {
      n.literal = name;
      return n;
    }
    // The family name is the last word plus any lower-case particles just before it, as long as
    // one given name is left.
    std::size_t start = words.size() - 1;
    while (start > 1 && StartsLower(words[start - 1])) --start;
    family_words.assign(words.begin() + static_cast<std::ptrdiff_t>(start), words.end());
    given_words.assign(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(start));
  }
  if (family_words.empty() || given_words.empty()) {
    n.literal = name;
    return n;
  }
  std::size_t particles = 0;
  while (particles + 1 < family_words.size() && StartsLower(family_words[particles])) ++particles;
  n.particle = Join(family_words, 0, particles);
  n.family = Join(family_words, particles, family_words.size());
  n.given = Join(given_words, 0, given_words.size());
  return n;
}

std::optional<CslDate> ParseCslDate(std::string_view iso) {
  iso = Trim(iso);
  std::optional<corpus::Date> d = corpus::ParseIsoDate(iso);
  if (!d) return std::nullopt;
  CslDate out{d->year, 0, 0};
  if (iso.size() >= 7) out.month = d->month;
  if (iso.size() >= 10) out.day = d->day;
  return out;
}

CiteData MakeCiteData(const corpus::Document& doc, std::size_t index) {
  CiteData c;
  c.id = doc.id.empty() ? "item-" + std::to_string(index + 1) : doc.id;
  c.title = corpus::CollapseSpace(doc.title);
  c.container = corpus::CollapseSpace(doc.outlet.empty() ? doc.site_name : doc.outlet);
  c.url = std::string(Trim(doc.url.empty() ? doc.canonical_url : doc.url));
  c.language = std::string(Trim(doc.language));
  for (const std::string& a : doc.authors) {
    if (!Trim(a).empty()) c.authors.push_back(ParseName(a));
  }
  c.issued = ParseCslDate(doc.published);
  if (!doc.archive.empty()) {
    c.archive = doc.archive.file;
    c.archive_location = "WARC-Record-ID " + doc.archive.record_id;
    if (!doc.archive.captured.empty()) c.archive_location += "; captured " + doc.archive.captured;
    if (!doc.archive.digest.empty()) c.archive_location += "; payload digest " + doc.archive.digest;
    // The capture is when the page was accessed; only its date goes into the citation.
    if (doc.archive.captured.size() >= 10)
      c.accessed = ParseCslDate(doc.archive.captured.substr(0, 10));
  }
  return c;
}

}  // namespace framescope::report::internal
