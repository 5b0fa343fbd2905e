// Text analysis shared by indexing, classification and reports, built on ICU: normalisation,
// word segmentation (dictionary-based for Chinese and Japanese) and sentence segmentation.
// All functions take and return UTF-8; invalid bytes are replaced by U+FFFD, never a crash.
// Thread-safe: each thread keeps its own break iterators.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace framescope::corpus {

struct Token {
  std::string norm;   // NFKC case-folded form
  std::size_t begin;  // byte offsets of the original spelling in the input
  std::size_t end;
  bool cjk;           // Han, Hiragana or Katakana
};

struct Span {
  std::size_t begin;
  std::size_t end;
};

// Words of `text` (letters, numbers and ideographs; punctuation and spaces dropped).
std::vector<Token> Tokenize(std::string_view text);

// The words of a document's title and of its text (Tokenize of each, offsets into each), made
// once and shared by the classifier and the index analysis, which would otherwise each segment
// the same text with ICU.
struct DocumentTokens {
  std::vector<Token> title;
  std::vector<Token> text;
};

// Sentences of `text` as byte ranges, trailing whitespace excluded; empty ones dropped.
std::vector<Span> SplitSentences(std::string_view text);

// NFKC + case folding, the form used for index terms and cue matching.
std::string Normalize(std::string_view text);

// Replaces invalid UTF-8 sequences with U+FFFD.
std::string ToValidUtf8(std::string_view bytes);

// True when the string contains a Han, Hiragana or Katakana character.
bool HasCjk(std::string_view text);

// Collapses runs of whitespace (incl. NBSP) to one space and trims both ends.
std::string CollapseSpace(std::string_view text);

// The number of characters (UTF-8 code points) CollapseSpace would return for text fed in pieces,
// counted without building the string: a run of white space (NBSP included) between words counts
// as one. Space() feeds a break (a block boundary, a <br>) that reads as white space.
class CollapsedLength {
 public:
  void Space() { space_ = true; }
  void Feed(std::string_view text);
  std::size_t chars() const { return chars_; }

 private:
  std::size_t chars_ = 0;
  bool content_ = false, space_ = false;
};

}  // namespace framescope::corpus
