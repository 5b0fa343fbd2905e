// URL handling for the crawler: resolution against a base and normalisation, so that one article
// is fetched once whatever tracking parameters or spelling a link used.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace framescope::crawler {

struct UrlParts {
  std::string scheme;  // lower case
  std::string host;    // lower case, without brackets for IPv6
  int port = 0;        // 0 = default for the scheme
  std::string path;    // starts with '/'
  std::string query;   // without '?'
};

// Splits an absolute http(s) URL; nullopt for anything else.
std::optional<UrlParts> ParseUrl(std::string_view url);

// Resolves `ref` (absolute, scheme-relative, root-relative or relative) against `base`
// (RFC 3986 section 5.2). Returns "" when the result is not http(s).
std::string ResolveUrl(std::string_view base, std::string_view ref);

// Normal form: lower-case scheme and host, default port dropped, fragment dropped, "." and ".."
// segments removed, empty path -> "/", tracking parameters (utm_*, fbclid, gclid, ...) removed and
// the remaining query kept in its order. Returns "" for non-http(s) URLs.
std::string NormalizeUrl(std::string_view url);

// scheme://host[:port] of a URL, "" if it has none.
std::string UrlOrigin(std::string_view url);
// path[?query] of a URL (what robots.txt rules match).
std::string UrlPathAndQuery(std::string_view url);

}  // namespace framescope::crawler
