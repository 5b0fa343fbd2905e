#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>

#include "framescope/corpus/text.h"
#include "framescope/report/cite.h"

namespace framescope::report {
namespace {

// Text reduced to what a quotation must match, with the place in the original of every byte.
struct SearchText {
  std::string text;
  std::vector<std::size_t> begin;  // original byte offset of the character each byte came from
  std::vector<std::size_t> end;    // and the end of that character
};

const icu::Normalizer2* Nfkcf() {
  static const icu::Normalizer2* n = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* inst = icu::Normalizer2::getNFKCCasefoldInstance(status);
    return U_SUCCESS(status) ? inst : nullptr;
  }();
  return n;
}

// Typographic quotes and dashes count as their ASCII forms: a scholar types ' for ’.
UChar32 Fold(UChar32 c) {
  switch (c) {
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B:
    case 0x2032:
      return '\'';
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x2033:
    case 0x00AB:
    case 0x00BB:
      return '"';
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212:
      return '-';
    default:
      return c;
  }
}

SearchText Reduce(std::string_view s) {
  SearchText out;
  const icu::Normalizer2* norm = Nfkcf();
  icu::UnicodeString chunk;
  std::size_t chunk_begin = 0, chunk_end = 0;
  auto flush = [&] {
    if (chunk.isEmpty()) return;
    std::string utf8;
    UErrorCode status = U_ZERO_ERROR;
    if (norm) {
      icu::UnicodeString n = norm->normalize(chunk, status);
      (U_SUCCESS(status) ? n : chunk).toUTF8String(utf8);
    } else {
      chunk.toUTF8String(utf8);
    }
    out.text += utf8;
    out.begin.insert(out.begin.end(), utf8.size(), chunk_begin);
    out.end.insert(out.end.end(), utf8.size(), chunk_end);
    chunk.remove();
  };
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto n = static_cast<int32_t>(s.size());
  int32_t i = 0;
  while (i < n) {
    const auto start = static_cast<std::size_t>(i);
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) c = 0xFFFD;
    if (u_isUWhiteSpace(c) || c == 0x200B || c == 0xFEFF) {
      flush();
      continue;
    }
    c = Fold(c);
    // Normalisation never reaches across a boundary, so chunks can be normalised on their own and
    // every output byte still maps to the original characters it came from.
    if (norm == nullptr || norm->hasBoundaryBefore(c)) {
      flush();
      chunk_begin = start;
    }
    chunk.append(c);
    chunk_end = static_cast<std::size_t>(i);
  }
  flush();
  return out;
}

// ICU ends a sentence at every line break, but inside a paragraph a line break is only wrapping
// (paragraphs are separated by blank lines). Same length, so offsets stay valid.
std::string UnwrapLines(std::string_view text) {
  std::string out(text);
  std::size_t i = 0;
  while (i < out.size()) {
    if (out[i] != ' ' && out[i] != '\t' && out[i] != '\n' && out[i] != '\r') {
      ++i;
      continue;
    }
    std::size_t j = i, newlines = 0;
    while (j < out.size() &&
           (out[j] == ' ' || out[j] == '\t' || out[j] == '\n' || out[j] == '\r')) {
      newlines += out[j] == '\n';
      ++j;
    }
    if (newlines == 1) {
      for (std::size_t k = i; k < j; ++k)
        if (out[k] == '\n' || out[k] == '\r') out[k] = ' ';
    }
    i = j;
  }
  return out;
}

}  // namespace

Result<QuoteLocation> LocateQuote(const corpus::Document& doc, const std::string& quote) {
  SearchText needle = Reduce(quote);
  if (needle.text.empty()) return Fail(ErrorCode::kUsage, "the quote to locate is empty");
  SearchText hay = Reduce(doc.text);
  std::size_t pos = hay.text.find(needle.text);
  if (pos == std::string::npos) {
    return Fail(ErrorCode::kNotFound, "quote not found in document " +
                                          (doc.id.empty() ? std::string("(no id)") : doc.id));
  }
  const std::size_t begin = hay.begin[pos];
  const std::size_t end = hay.end[pos + needle.text.size() - 1];
  QuoteLocation loc;
  loc.byte_offset = begin;
  loc.char_offset = static_cast<std::size_t>(
      std::count_if(doc.text.begin(), doc.text.begin() + static_cast<std::ptrdiff_t>(begin),
                    [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
  std::vector<corpus::Span> sentences = corpus::SplitSentences(UnwrapLines(doc.text));
  std::size_t first = sentences.size(), last = 0;
  for (std::size_t k = 0; k < sentences.size(); ++k) {
    if (sentences[k].end > begin && sentences[k].begin < end) {
      first = std::min(first, k);
      last = k;
    }
  }
  if (first == sentences.size()) {
    // Cannot happen for a match on real characters; fall back to the match itself.
    loc.sentence = corpus::CollapseSpace(std::string_view(doc.text).substr(begin, end - begin));
    loc.sentence_number = 0;
    return loc;
  }
  const std::size_t sb = sentences[first].begin, se = sentences[last].end;
  loc.sentence = corpus::CollapseSpace(std::string_view(doc.text).substr(sb, se - sb));
  loc.sentence_number = first + 1;
  return loc;
}

}  // namespace framescope::report
