#include "framescope/corpus/text.h"

#include <array>
#include <cctype>
#include <cstring>
#include <memory>

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace framescope::corpus {
namespace {

icu::UnicodeString FromUtf8(std::string_view s) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

// Byte offset in the UTF-8 input of every UTF-16 index of `u` (u.length()+1 entries). Invalid
// input bytes became U+FFFD in `u`; the table follows ICU's own decoding so offsets stay in range.
std::vector<std::size_t> Utf16ToUtf8Offsets(std::string_view s, const icu::UnicodeString& u) {
  std::vector<std::size_t> map;
  map.reserve(static_cast<std::size_t>(u.length()) + 1);
  int32_t i = 0;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t n = static_cast<int32_t>(s.size());
  while (i < n) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) c = 0xFFFD;
    map.push_back(static_cast<std::size_t>(start));
    if (c > 0xFFFF) map.push_back(static_cast<std::size_t>(start));
  }
  map.push_back(s.size());
  // Should the two decodings ever disagree, pad so lookups stay in bounds.
  while (map.size() < static_cast<std::size_t>(u.length()) + 1) map.push_back(s.size());
  return map;
}

icu::BreakIterator& WordIterator() {
  thread_local std::unique_ptr<icu::BreakIterator> it = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> b(
        icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    return b;
  }();
  return *it;
}

icu::BreakIterator& SentenceIterator() {
  thread_local std::unique_ptr<icu::BreakIterator> it = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> b(
        icu::BreakIterator::createSentenceInstance(icu::Locale::getRoot(), status));
    return b;
  }();
  return *it;
}

const icu::Normalizer2* Nfkcf() {
  static const icu::Normalizer2* n = [] {
    UErrorCode status = U_ZERO_ERROR;
    return icu::Normalizer2::getNFKCCasefoldInstance(status);
  }();
  return n;
}

bool IsCjkChar(UChar32 c) {
  UErrorCode status = U_ZERO_ERROR;
  UScriptCode sc = uscript_getScript(c, &status);
  return sc == USCRIPT_HAN || sc == USCRIPT_HIRAGANA || sc == USCRIPT_KATAKANA;
}

bool IsAscii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

}  // namespace

std::string ToValidUtf8(std::string_view bytes) {
  // Most input is valid already: check first, convert only when needed.
  const auto* p = reinterpret_cast<const uint8_t*>(bytes.data());
  int32_t i = 0, n = static_cast<int32_t>(bytes.size());
  bool valid = bytes.size() < static_cast<std::size_t>(INT32_MAX);
  while (valid && i < n) {
    if (p[i] < 0x80) {
      ++i;
      // Eight ASCII bytes at a time while there are.
      while (i + 8 <= n) {
        std::uint64_t word;
        std::memcpy(&word, p + i, 8);
        if (word & 0x8080808080808080ull) break;
        i += 8;
      }
      continue;
    }
    UChar32 c;
    U8_NEXT(p, i, n, c);
    valid = c >= 0;
  }
  if (valid) return std::string(bytes);
  std::string out;
  FromUtf8(bytes).toUTF8String(out);
  return out;
}

std::string Normalize(std::string_view text) {
  icu::UnicodeString u = FromUtf8(text);
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString n = Nfkcf()->normalize(u, status);
  std::string out;
  (U_SUCCESS(status) ? n : u).toUTF8String(out);
  return out;
}

bool HasCjk(std::string_view text) {
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  int32_t i = 0, n = static_cast<int32_t>(text.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c >= 0x2E80 && IsCjkChar(c)) return true;
  }
  return false;
}

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> out;
  if (text.empty()) return out;
  icu::UnicodeString u = FromUtf8(text);
  auto offsets = Utf16ToUtf8Offsets(text, u);
  icu::BreakIterator& bi = WordIterator();
  bi.setText(u);
  int32_t start = bi.first();
  for (int32_t end = bi.next(); end != icu::BreakIterator::DONE; start = end, end = bi.next()) {
    int32_t status = bi.getRuleStatus();
    if (status < UBRK_WORD_NONE_LIMIT) continue;  // spaces and punctuation
    Token t;
    t.begin = offsets[static_cast<std::size_t>(start)];
    t.end = offsets[static_cast<std::size_t>(end)];
    // Most words of most texts are ASCII, whose NFKC case folding is plain lower-casing; and
    // most other words are normalised already. Both skip the normaliser's copy.
    const std::string_view bytes = text.substr(t.begin, t.end - t.begin);
    if (IsAscii(bytes) && static_cast<int32_t>(bytes.size()) == end - start) {
      t.norm.assign(bytes);
      for (char& c : t.norm) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      }
      t.cjk = false;
    } else {
      icu::UnicodeString word = u.tempSubStringBetween(start, end);
      UErrorCode err = U_ZERO_ERROR;
      if (Nfkcf()->isNormalized(word, err) && U_SUCCESS(err)) {
        word.toUTF8String(t.norm);
      } else {
        err = U_ZERO_ERROR;
        icu::UnicodeString norm = Nfkcf()->normalize(word, err);
        (U_SUCCESS(err) ? norm : word).toUTF8String(t.norm);
      }
      const UChar32 first = word.char32At(0);
      t.cjk = first >= 0x2E80 && IsCjkChar(first);
    }
    out.push_back(std::move(t));
  }
  return out;
}

std::vector<Span> SplitSentences(std::string_view text) {
  std::vector<Span> out;
  if (text.empty()) return out;
  icu::UnicodeString u = FromUtf8(text);
  auto offsets = Utf16ToUtf8Offsets(text, u);
  icu::BreakIterator& bi = SentenceIterator();
  bi.setText(u);
  int32_t start = bi.first();
  for (int32_t end = bi.next(); end != icu::BreakIterator::DONE; start = end, end = bi.next()) {
    std::size_t b = offsets[static_cast<std::size_t>(start)];
    std::size_t e = offsets[static_cast<std::size_t>(end)];
    while (b < e && std::isspace(static_cast<unsigned char>(text[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(text[e - 1]))) --e;
    if (e > b) out.push_back({b, e});
  }
  return out;
}

namespace {

// The bytes of the white space CollapseSpace collapses at `q` (ASCII white space, or NBSP), or 0.
int SpaceBytesAt(const char* q, const char* end) {
  static constexpr auto kSpace = [] {
    std::array<bool, 256> t{};
    for (unsigned char c : {' ', '\t', '\n', '\r', '\f', '\v'}) t[c] = true;
    return t;
  }();
  const auto c = static_cast<unsigned char>(*q);
  if (kSpace[c]) return 1;
  if (c == 0xC2 && q + 1 < end && static_cast<unsigned char>(q[1]) == 0xA0) return 2;  // NBSP
  return 0;
}

}  // namespace

std::string CollapseSpace(std::string_view text) {
  // Runs of other bytes are copied whole: this runs over every text node of every page.
  const char* p = text.data();
  const char* const end = p + text.size();
  std::string out;
  out.reserve(text.size());
  bool space = false;
  while (p < end) {
    const char* run = p;
    while (p < end && SpaceBytesAt(p, end) == 0) ++p;
    if (p > run) {
      if (space && !out.empty()) out.push_back(' ');
      out.append(run, static_cast<std::size_t>(p - run));
      space = false;
    }
    while (p < end) {
      const int n = SpaceBytesAt(p, end);
      if (n == 0) break;
      p += n;
      space = true;
    }
  }
  return out;
}

void CollapsedLength::Feed(std::string_view text) {
  const char* p = text.data();
  const char* const end = p + text.size();
  while (p < end) {
    if (const int n = SpaceBytesAt(p, end); n > 0) {
      space_ = true;
      p += n;
      continue;
    }
    if ((static_cast<unsigned char>(*p) & 0xC0) != 0x80) {  // a code point starts here
      if (space_ && content_) ++chars_;
      space_ = false;
      content_ = true;
      ++chars_;
    }
    ++p;
  }
}

}  // namespace framescope::corpus
