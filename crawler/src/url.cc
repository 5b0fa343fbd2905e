#include "framescope/crawler/url.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace framescope::crawler {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string RemoveDotSegments(std::string_view path) {
  std::vector<std::string> out;
  std::size_t i = 0;
  bool trailing = false;
  while (i <= path.size()) {
    std::size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    std::string_view seg = path.substr(i, j - i);
    trailing = false;
    if (seg == ".") {
      trailing = true;
    } else if (seg == "..") {
      if (!out.empty()) out.pop_back();
      trailing = true;
    } else if (!(seg.empty() && i == 0)) {
      out.emplace_back(seg);
    }
    i = j + 1;
  }
  std::string r;
  for (const auto& s : out) r += "/" + s;
  if (trailing || r.empty()) r += "/";
  return r;
}

bool IsTrackingParam(std::string_view key) {
  std::string k = Lower(key);
  if (k.starts_with("utm_")) return true;
  static const char* kNames[] = {"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid",
                                 "_ga", "yclid", "igshid", "ref_src", "cmpid", "ocid"};
  for (const char* n : kNames)
    if (k == n) return true;
  return false;
}

}  // namespace

std::optional<UrlParts> ParseUrl(std::string_view url) {
  auto colon = url.find("://");
  if (colon == std::string_view::npos) return std::nullopt;
  UrlParts p;
  p.scheme = Lower(url.substr(0, colon));
  if (p.scheme != "http" && p.scheme != "https") return std::nullopt;
  std::string_view rest = url.substr(colon + 3);
  rest = rest.substr(0, rest.find('#'));
  std::size_t auth_end = rest.find_first_of("/?");
  std::string_view auth = rest.substr(0, auth_end);
  std::string_view tail = auth_end == std::string_view::npos ? "" : rest.substr(auth_end);
  if (auto at = auth.rfind('@'); at != std::string_view::npos) auth = auth.substr(at + 1);
  std::string_view port;
  if (!auth.empty() && auth[0] == '[') {
    auto close = auth.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    p.host = Lower(auth.substr(1, close - 1));
    if (close + 1 < auth.size() && auth[close + 1] == ':') port = auth.substr(close + 2);
  } else {
    auto c = auth.find(':');
    p.host = Lower(auth.substr(0, c));
    if (c != std::string_view::npos) port = auth.substr(c + 1);
  }
  if (!p.host.empty() && p.host.back() == '.') p.host.pop_back();
  if (p.host.empty()) return std::nullopt;
  if (!port.empty()) {
    int v = 0;
    for (char ch : port) {
      if (!std::isdigit(static_cast<unsigned char>(ch)) || v > 65535) return std::nullopt;
      v = v * 10 + (ch - '0');
    }
    if (v > 65535) return std::nullopt;
    if (!((p.scheme == "http" && v == 80) || (p.scheme == "https" && v == 443))) p.port = v;
  }
  auto q = tail.find('?');
  p.path = std::string(tail.substr(0, q));
  if (p.path.empty()) p.path = "/";
  if (q != std::string_view::npos) p.query = std::string(tail.substr(q + 1));
  return p;
}

std::string ResolveUrl(std::string_view base, std::string_view ref) {
  // Trim whitespace that HTML attributes often carry.
  while (!ref.empty() && std::isspace(static_cast<unsigned char>(ref.front()))) ref.remove_prefix(1);
  while (!ref.empty() && std::isspace(static_cast<unsigned char>(ref.back()))) ref.remove_suffix(1);
  auto scheme_end = ref.find(':');
  auto first_delim = ref.find_first_of("/?#");
  if (scheme_end != std::string_view::npos &&
      (first_delim == std::string_view::npos || scheme_end < first_delim)) {
    std::string scheme = Lower(ref.substr(0, scheme_end));
    if (scheme != "http" && scheme != "https") return "";
    return std::string(ref);
  }
  auto b = ParseUrl(base);
  if (!b) return "";
  std::string origin = b->scheme + "://" +
                       (b->host.find(':') != std::string::npos ? "[" + b->host + "]" : b->host) +
                       (b->port ? ":" + std::to_string(b->port) : "");
  if (ref.starts_with("//")) return b->scheme + ":" + std::string(ref);
  if (ref.empty()) return origin + b->path + (b->query.empty() ? "" : "?" + b->query);
  if (ref[0] == '#') return origin + b->path + (b->query.empty() ? "" : "?" + b->query);
  if (ref[0] == '?') return origin + b->path + std::string(ref);
  if (ref[0] == '/') {
    std::string_view r = ref;
    auto q = r.find_first_of("?#");
    return origin + RemoveDotSegments(r.substr(0, q)) +
           (q == std::string_view::npos ? "" : std::string(r.substr(q)));
  }
  std::string dir = b->path.substr(0, b->path.rfind('/') + 1);
  auto q = ref.find_first_of("?#");
  std::string merged = dir + std::string(ref.substr(0, q));
  return origin + RemoveDotSegments(merged) +
         (q == std::string_view::npos ? "" : std::string(ref.substr(q)));
}

std::string NormalizeUrl(std::string_view url) {
  auto p = ParseUrl(url);
  if (!p) return "";
  std::string out = p->scheme + "://" +
                    (p->host.find(':') != std::string::npos ? "[" + p->host + "]" : p->host);
  if (p->port) out += ":" + std::to_string(p->port);
  out += RemoveDotSegments(p->path);
  std::string query;
  std::size_t i = 0;
  while (i <= p->query.size() && !p->query.empty()) {
    std::size_t j = p->query.find('&', i);
    if (j == std::string::npos) j = p->query.size();
    std::string_view kv = std::string_view(p->query).substr(i, j - i);
    std::string_view key = kv.substr(0, kv.find('='));
    if (!kv.empty() && !IsTrackingParam(key)) {
      if (!query.empty()) query += "&";
      query += kv;
    }
    i = j + 1;
  }
  if (!query.empty()) out += "?" + query;
  return out;
}

std::string UrlOrigin(std::string_view url) {
  auto p = ParseUrl(url);
  if (!p) return "";
  return p->scheme + "://" + p->host + (p->port ? ":" + std::to_string(p->port) : "");
}

std::string UrlPathAndQuery(std::string_view url) {
  auto p = ParseUrl(url);
  if (!p) return "/";
  return p->path + (p->query.empty() ? "" : "?" + p->query);
}

}  // namespace framescope::crawler
