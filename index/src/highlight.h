// Finding the query's words in a document's text: snippets for search hits and KWIC lines.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "framescope/corpus/text.h"
#include "query.h"
#include "schema.h"

namespace framescope::index {

// Matches patterns against analysed text. A one-word pattern also matches words with the same
// stem in `language` when Xapian can stem it. Not thread-safe (Xapian::Stem).
class Highlighter {
 public:
  Highlighter(const std::vector<Pattern>& patterns, const std::string& language);

  // Byte spans (in the analysed text) of the matches, in order and not overlapping; at each word
  // the longest matching pattern wins.
  std::vector<corpus::Span> Find(const std::vector<schema::Word>& words) const;

  bool empty() const { return patterns_.empty(); }

 private:
  std::size_t MatchAt(const std::vector<schema::Word>& words, std::size_t i) const;

  std::vector<Pattern> patterns_;
  std::optional<Xapian::Stem> stem_;
  std::vector<std::string> stems_;  // per pattern: stem of a one-word pattern, else ""
};

// The first sentence of `text` holding a match (else the first sentence), at most about 300 code
// points around the first match, matches wrapped in « », whitespace runs as one space.
std::string Snippet(std::string_view text, const std::vector<corpus::Span>& matches);

// Up to `width` code points of `text` before `pos` / from `pos` on, whitespace runs as one space.
std::string LeftContext(std::string_view text, std::size_t pos, std::size_t width);
std::string RightContext(std::string_view text, std::size_t pos, std::size_t width);

// `text` with every whitespace run (incl. NBSP) replaced by one space; ends are not trimmed.
std::string FlattenSpace(std::string_view text);

}  // namespace framescope::index
