// The query language (docs/INDEX_SCHEMA.md): a strict pre-pass that checks the query and rewrites
// it into text Xapian::QueryParser reads the way the index was built, then the Xapian parse.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

#include "framescope/corpus/result.h"

namespace framescope::index {

// A positive query word or phrase, to find in a document's text for snippets and KWIC.
struct Pattern {
  std::vector<std::string> terms;  // index terms (schema::AnalyzeText), in order
  bool prefix = false;             // the last term is a wildcard prefix
};

struct RewrittenQuery {
  std::string xapian;             // text for Xapian::QueryParser (empty when `everything`)
  std::vector<Pattern> patterns;  // words and phrases not under NOT / '-'
  bool everything = false;        // the query is empty or "*"
};

// Checks and rewrites a user query: words are analysed exactly as at index time (a word that
// analyses to several terms, e.g. a Chinese run or "e-mail", becomes a phrase), field values are
// normalised, `date:A..B` becomes a range on value slot 0, '-' becomes NOT and '+' is dropped.
// Returns kInvalidInput naming the query, the problem and its character position (1-based) for
// an unclosed quote or parenthesis, an operator without operands, a field without a value, a bad
// date, or NEAR/ADJ between anything but single words.
Result<RewrittenQuery> RewriteQuery(std::string_view query);

// The Xapian query for a rewritten query on `db`: exact terms, OR'ed with a stemmed variant
// restricted to each language present in `db` that Xapian can stem. Throws Xapian::Error
// (e.g. Xapian::QueryParserError); callers guard.
Xapian::Query BuildXapianQuery(const Xapian::Database& db, const RewrittenQuery& query);

}  // namespace framescope::index
