#include "schema.h"

#include <xapian.h>

#include <bit>
#include <cstdint>
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

// True when Xapian's QueryParser reads all of `norm` as one word (every character a word
// character): nearly every token, decided without decoding when it is ASCII.
bool IsOneXapianWord(const std::string& norm) {
  if (norm.empty()) return false;
  bool ascii = true;
  for (char ch : norm) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80) {
      ascii = false;
      break;
    }
    // ASCII word characters for Xapian: letters, digits and the connector '_'.
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
      return false;
  }
  if (ascii) return true;
  for (Xapian::Utf8Iterator it(norm); it != Xapian::Utf8Iterator(); ++it)
    if (!Xapian::Unicode::is_wordchar(*it)) return false;
  return true;
}

// Splits one normalised token where Xapian's QueryParser would end a word, so the query side
// (which Xapian tokenises) and the index side agree term for term. Callers first ask
// IsOneXapianWord: nearly every token is one run of word characters, its own single piece.
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

constexpr char kMetadataVersion = 1;

void PutVarint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out += static_cast<char>((v & 0x7F) | 0x80);
    v >>= 7;
  }
  out += static_cast<char>(v);
}

void PutString(std::string& out, std::string_view s) {
  PutVarint(out, s.size());
  out.append(s);
}

// Reads the encoding back; every Get fails (and stays failed) past the end.
class MetadataReader {
 public:
  explicit MetadataReader(std::string_view b) : b_(b) {}
  bool Varint(std::uint64_t& v) {
    v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (p_ >= b_.size()) return false;
      const auto c = static_cast<unsigned char>(b_[p_++]);
      v |= static_cast<std::uint64_t>(c & 0x7F) << shift;
      if (!(c & 0x80)) return true;
    }
    return false;
  }
  bool String(std::string& s) {
    std::uint64_t n = 0;
    if (!Varint(n) || n > b_.size() - p_) return false;
    s.assign(b_.substr(p_, n));
    p_ += n;
    return true;
  }
  bool Double(double& d) {
    if (b_.size() - p_ < 8) return false;
    std::uint64_t u = 0;
    for (int i = 0; i < 8; ++i)
      u |= static_cast<std::uint64_t>(static_cast<unsigned char>(b_[p_ + i])) << (8 * i);
    p_ += 8;
    d = std::bit_cast<double>(u);
    return true;
  }
  bool AtEnd() const { return p_ == b_.size(); }

 private:
  std::string_view b_;
  std::size_t p_ = 0;
};

}  // namespace

std::string EncodeMetadata(const corpus::Document& doc) {
  std::string out;
  out.reserve(512);
  out += kMetadataVersion;
  for (const std::string* s :
       {&doc.id, &doc.url, &doc.canonical_url, &doc.title, &doc.outlet, &doc.site_name,
        &doc.language, &doc.published, &doc.modified, &doc.section, &doc.description,
        &doc.country, &doc.source_type, &doc.frame, &doc.cluster, &doc.archive.file,
        &doc.archive.record_id, &doc.archive.digest, &doc.archive.captured})
    PutString(out, *s);
  PutVarint(out, doc.authors.size());
  for (const std::string& a : doc.authors) PutString(out, a);
  PutVarint(out, doc.scores.size());
  for (const auto& [frame, p] : doc.scores) {
    PutString(out, frame);
    const auto u = std::bit_cast<std::uint64_t>(p);
    for (int i = 0; i < 8; ++i) out += static_cast<char>((u >> (8 * i)) & 0xFF);
  }
  PutVarint(out, doc.archive.offset);
  return out;
}

bool DecodeMetadata(std::string_view bytes, corpus::Document& doc) {
  if (bytes.empty() || bytes[0] != kMetadataVersion) return false;
  MetadataReader r(bytes.substr(1));
  doc = corpus::Document();
  for (std::string* s :
       {&doc.id, &doc.url, &doc.canonical_url, &doc.title, &doc.outlet, &doc.site_name,
        &doc.language, &doc.published, &doc.modified, &doc.section, &doc.description,
        &doc.country, &doc.source_type, &doc.frame, &doc.cluster, &doc.archive.file,
        &doc.archive.record_id, &doc.archive.digest, &doc.archive.captured}) {
    if (!r.String(*s)) return false;
  }
  std::uint64_t n = 0;
  if (!r.Varint(n) || n > bytes.size()) return false;
  doc.authors.resize(n);
  for (std::string& a : doc.authors) {
    if (!r.String(a)) return false;
  }
  if (!r.Varint(n) || n > bytes.size()) return false;
  for (std::uint64_t i = 0; i < n; ++i) {
    std::string frame;
    double p = 0;
    if (!r.String(frame) || !r.Double(p)) return false;
    doc.scores.emplace(std::move(frame), p);
  }
  return r.Varint(doc.archive.offset) && r.AtEnd();
}

std::vector<Word> AnalyzeText(std::string_view text) {
  return AnalyzeTokens(corpus::Tokenize(text));
}

std::vector<Word> AnalyzeTokens(const std::vector<corpus::Token>& tokens) {
  std::vector<Word> out;
  out.reserve(tokens.size());
  for (const corpus::Token& t : tokens) {
    auto add = [&](std::string term) {
      Word w;
      if (term.size() <= kMaxWordBytes) w.term = std::move(term);
      w.begin = t.begin;
      w.end = t.end;
      out.push_back(std::move(w));
    };
    if (IsOneXapianWord(t.norm)) {
      add(t.norm);
    } else {
      for (std::string& piece : SplitLikeXapian(t.norm)) add(std::move(piece));
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
