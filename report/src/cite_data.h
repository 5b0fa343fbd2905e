// The bibliographic data of a document, in CSL terms, from which every citation style is made.
// Keeping one source for CSL-JSON and the text styles is what lets the test compare them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "framescope/corpus/document.h"

namespace framescope::report::internal {

struct CslName {
  std::string family;
  std::string given;
  std::string particle;  // non-dropping particle: "von der", "van de"
  std::string literal;   // an organisation or a one-word name
};

struct CslDate {
  int year = 0;
  int month = 0;  // 0 = not given
  int day = 0;    // 0 = not given
};

struct CiteData {
  std::string id;
  std::string title;
  std::string container;  // outlet
  std::string url;
  std::string language;
  std::vector<CslName> authors;
  std::optional<CslDate> issued;
  std::optional<CslDate> accessed;
  std::string archive;           // WARC file
  std::string archive_location;  // record id, capture time, payload digest
};

// "Jane Anne Smith" -> given "Jane Anne", family "Smith"; "Smith, Jane" likewise; lower-case
// words before the family name ("Ursula von der Leyen") are its particle; a name without spaces
// ("Reuters", "新华社") is a literal.
CslName ParseName(std::string_view raw);

// Year, year-month or full date of an ISO 8601 string; nullopt when it does not parse.
std::optional<CslDate> ParseCslDate(std::string_view iso);

CiteData MakeCiteData(const corpus::Document& doc, std::size_t index);

}  // namespace framescope::report::internal
