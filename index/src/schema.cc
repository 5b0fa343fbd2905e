#include "schema.h"

#include <xapian.h>

#include <cstdio>

#include "framescope/corpus/dates.h"
#include "framescope/corpus/language.h"
#include "framescope/corpus/text.h"

namespace framescope::index::schema {
namespace {

bool IsDigit(unsigned c) {
  return Xapian::Unicode::get_category(c) == Xapian::Unicode::DECIMAL_DIGIT_NUMBER;
}

// Cuts `s` to at most `max` bytes without splitting a UTF-8 sequence.
std::string CutUtf8(std::string s, std::size_t max) {
  if (s.size() <= max) return s;
  std::size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  s.resize(n);
  return s;
}

// Splits one normalised token where Xapian's QueryParser would end a word, so the query side
// (which Xapian tokenises) and the index side agree term for term.
std::vector<std::string> SplitLikeXapian(const std::string& norm) {
  std::vector<unsigned> cps;
  for (Xapian::Utf8Iterator it(norm); it != Xapian::Utf8Iterator(); ++it) {
    unsigned c = *it;
    // Xapian reads typographic apostrophes as ASCII ones.
    if (c == 0x2019 || c == 0x201B) c = '\'';
    cps.push_back(c);
  }
  std::vector<std::string> pieces;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) pieces.push_back(std::move(cur));
    cur.clear();
  };
  for (std::size_t i = 0; i < cps.size(); ++i) {
    unsigned c = cps[i];
    bool keep = Xapian::Unicode::is_wordchar(c);
    if (!keep && i > 0 && i + 1 < cps.size() && !cur.empty()) {
      unsigned prev = cps[i - 1], next = cps[i + 1];
      if (c == '\'') {
        keep = Xapian::Unicode::is_wordchar(prev) && Xapian::Unicode::is_wordchar(next);
      } else if (c == '.' || c == ',') {
        keep = IsDigit(prev) && IsDigit(next);
      }
    }
    if (keep) {
      Xapian::Unicode::append_utf8(cur, c);
    } else {
      flush();
    }
  }
  flush();
  return pieces;
}

}  // namespace

std::vector<Word> AnalyzeText(std::string_view text) {
  std::vector<Word> out;
  for (const corpus::Token& t : corpus::Tokenize(text)) {
    for (std::string& piece : SplitLikeXapian(t.norm)) {
      Word w;
      if (piece.size() <= kMaxWordBytes) w.term = std::move(piece);
      w.begin = t.begin;
      w.end = t.end;
      out.push_back(std::move(w));
    }
  }
  return out;
}

std::string BooleanValue(std::string_view value) {
  return CutUtf8(corpus::CollapseSpace(corpus::Normalize(value)), kMaxBooleanValueBytes);
}

std::string LanguageValue(std::string_view value) {
  return BooleanValue(corpus::PrimaryLanguage(corpus::CollapseSpace(value)));
}

std::string DateValue(std::string_view published) {
  std::optional<corpus::Date> d = corpus::ParseIsoDate(published);
  if (!d || d->year < 0 || d->year > 9999) return "";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", d->year, d->month, d->day);
  return buf;
}

}  // namespace framescope::index::schema
