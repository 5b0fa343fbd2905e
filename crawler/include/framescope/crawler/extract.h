// HTML to Document: the article's own text (without navigation, ads, comments, share bars or
// related links) and its metadata (title, authors, dates, canonical URL, site name, language),
// from any page in any charset. Built on our HTML parser (crawler/src/html_tree.h, which builds the
// tree libxml2's HTML parser would) and ICU's converters.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "framescope/corpus/document.h"
#include "framescope/corpus/result.h"

namespace framescope::crawler {

struct ExtractInput {
  std::string_view html;          // raw bytes as fetched
  std::string url;                // where it was fetched from (resolves links, dates in URLs)
  std::string content_type;       // HTTP Content-Type header, may carry the charset
  std::string fetched_at;         // ISO 8601; dates after it are impossible. "" = now
};

struct Extraction {
  corpus::Document doc;     // text, title, authors, published, modified, canonical_url,
                            // site_name, section, description, language filled when found
  std::string charset;      // what the bytes were decoded from
  std::string date_source;  // where the date came from: json-ld, meta, time, url, text
  // False for listing pages (home, section, tag pages): what `index` does not treat as articles.
  bool is_article = true;
  std::string page_kind;    // why: "article (metadata)", "listing (...)", "article (text)"
};

// Never throws and never crashes on hostile input; an Error only when the input has no text at
// all (empty, binary, or nothing left after boilerplate removal).
Result<Extraction> ExtractArticle(const ExtractInput& in);

// Decodes bytes to UTF-8: charset from the HTTP header, then a BOM, then <meta charset>, then ICU
// detection. Invalid sequences become U+FFFD. `charset_out` receives the charset used.
std::string DecodeHtml(std::string_view bytes, std::string_view content_type,
                       std::string* charset_out);

// Finds a date written in text ("3 mars 2019", "3. März 2019", "March 3, 2019", "2019年3月3日",
// "2019-03-03", "03.03.2019") and returns it as "YYYY-MM-DD", or "".
std::string FindDateInText(std::string_view text);

// Every date written in `text`, in the forms FindDateInText knows plus numeric ones with slashes
// or bars ("26/01/2022", "26 | 01 | 2022"), ordered by position; `month_first` reads an
// ambiguous numeric date as month/day (English usage). Impossible dates are left out.
struct TextDate {
  std::size_t pos;  // byte offset in `text`
  std::size_t len;  // bytes matched
  std::string iso;  // "YYYY-MM-DD"
};
std::vector<TextDate> FindDatesInText(std::string_view text, bool month_first);

}  // namespace framescope::crawler
