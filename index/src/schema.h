// The on-disk layout of a Framescope index, and the text analysis shared by indexing and query
// parsing. Keep docs/INDEX_SCHEMA.md in step with this table. The terms and values below are those
// of every shard (writer.cc: a new index is two shards behind a stub file; the metadata is in
// shard 0).
//
// Terms
// | prefix | term                                  | positions | source                          |
// | ------ | ------------------------------------- | --------- | ------------------------------- |
// | (none) | word of title and body                | yes       | AnalyzeText (ICU words)         |
// | S      | word of the title                     | yes       | AnalyzeText(title)              |
// | Z      | stem of a title or body word          | no        | Xapian::Stem(language)          |
// | ZS     | stem of a title word                  | no        | Xapian::Stem(language)          |
// | Q      | document id (unique)                  | boolean   | doc.id                          |
// | XO     | outlet                                | boolean   | BooleanValue(doc.outlet)        |
// | L      | language                              | boolean   | LanguageValue(doc.language)     |
// | XC     | country                               | boolean   | BooleanValue(doc.country)       |
// | XT     | source type                           | boolean   | BooleanValue(doc.source_type)   |
// | XF     | frame                                 | boolean   | BooleanValue(doc.frame)         |
// | A      | author (one term per author)          | boolean   | BooleanValue(author)            |
// | Y      | publication year "YYYY"               | boolean   | doc.published                   |
//
// Title words take positions 1..n, body words start at n + kTitleBodyGap so that no phrase
// spans the title and the body. Z terms exist only when Xapian has a stemmer for the language.
//
// Values
// | slot | content                                                    |
// | ---- | ---------------------------------------------------------- |
// | 0    | published date "YYYYMMDD" ("" when unknown): ranges, sort  |
// | 1    | frame, as given                                            |
// | 2    | outlet, as given                                           |
// | 3    | near-duplicate cluster id (collapse key for dedup)        |
// | 4    | SimHash, 16 lower-case hex digits                          |
// | 5    | text length in code points, Xapian::sortable_serialise     |
// | 6    | language, as indexed in L                                  |
// | 7    | country, as given                                          |
// | 8    | source type, as given                                      |
// | 9    | publication year "YYYY"                                    |
// | 10   | scores, JSON object {"frame": probability}                 |
// | 11   | authors as given, joined by U+001F                         |
// | 12   | the document without its text, EncodeMetadata (binary)     |
//
// Document data: corpus::ToJson(doc), the whole document including its text, with an empty
// cluster (slot 3 holds it; older indexes have it in the JSON too).
// Older indexes also carry XB terms (eight SimHash bands per document), which nothing reads any
// more: near-duplicate candidates are found in memory from the fingerprints in slot 4.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "framescope/corpus/document.h"
#include "framescope/corpus/text.h"

namespace framescope::index::schema {

inline constexpr char kWordTitle[] = "S";
inline constexpr char kStem[] = "Z";
inline constexpr char kId[] = "Q";
inline constexpr char kOutlet[] = "XO";
inline constexpr char kLanguage[] = "L";
inline constexpr char kCountry[] = "XC";
inline constexpr char kType[] = "XT";
inline constexpr char kFrame[] = "XF";
inline constexpr char kAuthor[] = "A";
inline constexpr char kYear[] = "Y";

inline constexpr unsigned kSlotDate = 0;
inline constexpr unsigned kSlotFrame = 1;
inline constexpr unsigned kSlotOutlet = 2;
inline constexpr unsigned kSlotCluster = 3;
inline constexpr unsigned kSlotSimHash = 4;
inline constexpr unsigned kSlotLength = 5;
inline constexpr unsigned kSlotLanguage = 6;
inline constexpr unsigned kSlotCountry = 7;
inline constexpr unsigned kSlotType = 8;
inline constexpr unsigned kSlotYear = 9;
inline constexpr unsigned kSlotScores = 10;
inline constexpr unsigned kSlotAuthors = 11;
// Read in docid order when only metadata is wanted (trend, coverage): a few hundred bytes a
// document instead of the stored JSON with the whole text.
inline constexpr unsigned kSlotMeta = 12;

inline constexpr char kAuthorSeparator = '\x1f';
inline constexpr unsigned kTitleBodyGap = 100;
// Words longer than this (in bytes) are not indexed (as Xapian's TermGenerator does by default):
// they are nearly always junk such as base64 or glued URLs.
inline constexpr std::size_t kMaxWordBytes = 64;
// Boolean values are cut to this many bytes (at a character boundary); Xapian's limit for a whole
// term is 245 bytes.
inline constexpr std::size_t kMaxBooleanValueBytes = 200;

// One indexed word: its term and the byte span of the word it comes from in the analysed text.
struct Word {
  std::string term;
  std::size_t begin = 0;
  std::size_t end = 0;
};

// The words of `text` as index terms: corpus::Tokenize (ICU word break, dictionary-segmented
// Chinese/Japanese, NFKC case-folded), each token then cut where Xapian's QueryParser would cut
// it (at any non-word character, except an apostrophe between word characters and '.' or ','
// between digits), so that every term is something the QueryParser reads back as one word.
// Words longer than kMaxWordBytes are kept (they hold a position) with an empty term.
std::vector<Word> AnalyzeText(std::string_view text);

// AnalyzeText for a text already tokenised by corpus::Tokenize (the same words).
std::vector<Word> AnalyzeTokens(const std::vector<corpus::Token>& tokens);

// The form of a metadata value in a boolean term: NFKC case-folded, whitespace collapsed,
// cut to kMaxBooleanValueBytes.
std::string BooleanValue(std::string_view value);

// Every field of `doc` but its text, for slot 12, in a compact binary form that decodes an order
// of magnitude faster than the stored JSON: a version byte, then varint-length strings (id, url,
// canonical_url, title, outlet, site_name, language, published, modified, section, description,
// country, source_type, frame, cluster, archive file, record id, digest, captured), the authors
// (count, strings), the scores (count, name, IEEE double as 8 little-endian bytes) and the archive
// offset (varint). A field added to corpus::Document must be added here too.
std::string EncodeMetadata(const corpus::Document& doc);

// The document EncodeMetadata wrote (text empty); false when `bytes` is not such an encoding.
bool DecodeMetadata(std::string_view bytes, corpus::Document& doc);

// BooleanValue of the primary language subtag ("en-GB" -> "en").
std::string LanguageValue(std::string_view value);

// "YYYYMMDD" for a valid ISO 8601 date (only its date part), "" otherwise.
std::string DateValue(std::string_view published);

}  // namespace framescope::index::schema
