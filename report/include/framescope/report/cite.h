// Citations of archived news articles: APA 7, Chicago notes-bibliography (bibliography entry),
// MLA 9, BibTeX, RIS and CSL-JSON, each naming the archived copy (WARC file and record id), and
// locating a quotation in a document so it can be cited with its sentence.
//
// The APA, Chicago and MLA text follows what the official CSL styles (apa.csl,
// chicago-notes-bibliography.csl, modern-language-association.csl) render through
// `pandoc --citeproc` from CslJson() of the same document, as plain text.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "framescope/corpus/document.h"
#include "framescope/corpus/result.h"

namespace framescope::report {

enum class CiteStyle { kApa, kChicago, kMla, kBibtex, kRis, kCslJson };

// "apa", "chicago", "mla", "bibtex", "ris", "csl-json" (also "csl", "csljson"); case-insensitive.
// nullopt for anything else.
std::optional<CiteStyle> ParseCiteStyle(std::string_view name);

// A CSL-JSON array (valid against the CSL 1.0.2 csl-data.json schema) with one item per document:
// type "article-newspaper", id, title, container-title (outlet), author (family/given, with a
// lower-case particle such as "von der" kept apart, when the name has spaces; else literal),
// issued (date-parts from `published`, as many parts as it has), URL, language, and for archived
// documents archive (WARC file), archive_location ("WARC-Record-ID <...>; captured ...; payload
// digest ...") and accessed (capture date). Empty fields are left out; a document without an id
// gets "item-N". Never fails. Thread-safe.
std::string CslJson(const std::vector<corpus::Document>& docs);

// One reference to `doc` in `style`. APA, Chicago and MLA give one line of plain text (titles and
// outlets unformatted, typographic quotes), with the archived copy where the style places an
// archive and its location; BibTeX gives one @article entry (archived copy in `note`); RIS one
// TY  - NEWS record (archived copy in DB, AN and N1); kCslJson the CslJson() array of this one
// document. Never fails. Thread-safe.
std::string Cite(const corpus::Document& doc, CiteStyle style);

struct QuoteLocation {
  std::string sentence;             // the whole sentence(s) holding the quote, whitespace collapsed
  std::size_t sentence_number = 0;  // 1-based (corpus::SplitSentences; a single line break
                                    // inside a paragraph does not end a sentence)
  std::size_t char_offset = 0;      // Unicode code points of doc.text before the quote
  std::size_t byte_offset = 0;      // UTF-8 bytes of doc.text before the quote
};

// Finds `quote` in doc.text, ignoring whitespace, case and Unicode spelling differences (NFKC,
// typographic quotes and dashes). When the quote runs over several sentences, `sentence` holds
// them all and `sentence_number` is the first. Errors: kUsage for an empty quote, kNotFound (the
// message names the document) when the text does not contain it. Thread-safe.
Result<QuoteLocation> LocateQuote(const corpus::Document& doc, const std::string& quote);

}  // namespace framescope::report
