#include "framescope/corpus/sources.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

namespace framescope::corpus {

Result<std::vector<std::vector<std::string>>> ParseCsv(std::string_view csv,
                                                        const std::string& name) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false;
  std::size_t line = 1, quote_line = 0;
  for (std::size_t i = 0; i < csv.size(); ++i) {
    char c = csv[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < csv.size() && csv[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        field.push_back(c);
      }
      continue;
    }
    switch (c) {
      case '"':
        quoted = true;
        quote_line = line;
        any = true;
        break;
      case ',':
        row.push_back(std::move(field));
        field.clear();
        any = true;
        break;
      case '\r':
        break;
      case '\n':
        ++line;
        if (any || !field.empty()) {
          row.push_back(std::move(field));
          rows.push_back(std::move(row));
        }
        field.clear();
        row.clear();
        any = false;
        break;
      default:
        field.push_back(c);
        any = true;
    }
  }
  if (quoted) {
    return Fail(ErrorCode::kInvalidInput,
                name + ":" + std::to_string(quote_line) + ": unterminated quoted field");
  }
  if (any || !field.empty()) {
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string UrlHost(std::string_view url) {
  auto scheme = url.find("://");
  if (scheme == std::string_view::npos) return "";
  std::string_view rest = url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (auto at = rest.rfind('@'); at != std::string_view::npos) rest = rest.substr(at + 1);
  if (!rest.empty() && rest[0] == '[') {
    auto close = rest.find(']');
    rest = rest.substr(0, close == std::string_view::npos ? rest.size() : close + 1);
  } else if (auto colon = rest.find(':'); colon != std::string_view::npos) {
    rest = rest.substr(0, colon);
  }
  std::string host(rest);
  std::transform(host.begin(), host.end(), host.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (!host.empty() && host.back() == '.') host.pop_back();
  return host;
}

Result<SourceTable> SourceTable::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(ErrorCode::kNotFound, path + ": cannot open");
  std::stringstream ss;
  ss << in.rdbuf();
  return Parse(ss.str(), path);
}

Result<SourceTable> SourceTable::Parse(std::string_view csv, const std::string& name) {
  auto rows = ParseCsv(csv, name);
  if (!rows) return tl::unexpected(rows.error());
  SourceTable table;
  if (rows->empty()) return table;
  const auto& header = rows->front();
  auto col = [&](const char* key) -> int {
    for (std::size_t i = 0; i < header.size(); ++i)
      if (header[i] == key) return static_cast<int>(i);
    return -1;
  };
  int c_name = col("name"), c_domains = col("domains"), c_slug = col("slug"),
      c_country = col("country"), c_lang = col("language"), c_type = col("type"),
      c_home = col("homepage");
  if (c_name < 0 || c_domains < 0) {
    return Fail(ErrorCode::kInvalidInput,
                name + ":1: the header must name the columns \"name\" and \"domains\"");
  }
  auto get = [](const std::vector<std::string>& r, int c) -> std::string {
    return c >= 0 && static_cast<std::size_t>(c) < r.size() ? r[static_cast<std::size_t>(c)] : "";
  };
  for (std::size_t i = 1; i < rows->size(); ++i) {
    const auto& r = (*rows)[i];
    Source s;
    s.name = get(r, c_name);
    if (s.name.empty()) {
      return Fail(ErrorCode::kInvalidInput,
                  name + ": row " + std::to_string(i + 1) + ": empty outlet name");
    }
    s.slug = get(r, c_slug);
    s.country = get(r, c_country);
    s.language = get(r, c_lang);
    s.type = get(r, c_type);
    s.homepage = get(r, c_home);
    std::string d = get(r, c_domains);
    std::string cur;
    for (char ch : d + ";") {
      if (ch == ';' || ch == ' ' || ch == '|') {
        if (!cur.empty()) s.domains.push_back(UrlHost("http://" + cur));
        cur.clear();
      } else {
        cur.push_back(ch);
      }
    }
    table.sources_.push_back(std::move(s));
  }
  return table;
}

const Source* SourceTable::FindByUrl(std::string_view url) const {
  std::string host = UrlHost(url);
  if (host.empty()) return nullptr;
  const Source* best = nullptr;
  std::size_t best_len = 0;
  for (const auto& s : sources_) {
    for (const auto& d : s.domains) {
      bool match = host == d || (host.size() > d.size() && host.ends_with(d) &&
                                 host[host.size() - d.size() - 1] == '.');
      if (match && d.size() > best_len) {
        best = &s;
        best_len = d.size();
      }
    }
  }
  return best;
}

const Source* SourceTable::FindByName(std::string_view name) const {
  for (const auto& s : sources_)
    if (s.name == name || s.slug == name) return &s;
  return nullptr;
}

}  // namespace framescope::corpus
