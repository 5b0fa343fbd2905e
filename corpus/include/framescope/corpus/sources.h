// Outlet metadata (the study's sources.csv): which outlet a URL belongs to, its country,
// language and type.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "framescope/corpus/result.h"

namespace framescope::corpus {

struct Source {
  std::string name;
  std::string slug;
  std::vector<std::string> domains;  // host names; a URL on a subdomain matches too
  std::string country;
  std::string language;
  std::string type;  // western_press, wire_service, think_tank, state_media, blog, ...
  std::string homepage;
};

class SourceTable {
 public:
  // Reads a CSV with a header naming at least `name` and `domains` (domains separated by ';' or
  // spaces). Errors name the file and line. A missing file is an error; use an empty table
  // instead when the study has none.
  static Result<SourceTable> Load(const std::string& path);
  static Result<SourceTable> Parse(std::string_view csv, const std::string& name);

  // The source whose domain matches the URL's host, or nullptr.
  const Source* FindByUrl(std::string_view url) const;
  const Source* FindByName(std::string_view name) const;
  const std::vector<Source>& sources() const { return sources_; }

 private:
  std::vector<Source> sources_;
};

// Splits CSV text into rows of fields (RFC 4180: quotes, doubled quotes, newlines in quotes).
// Returns an error naming `name` and the line of an unterminated quote.
Result<std::vector<std::vector<std::string>>> ParseCsv(std::string_view csv, const std::string& name);

// Host of a URL, lower-cased, without port or credentials ("" if there is none).
std::string UrlHost(std::string_view url);

}  // namespace framescope::corpus
