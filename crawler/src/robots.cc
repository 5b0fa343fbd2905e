#include "framescope/crawler/robots.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace framescope::crawler {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Percent-encodes bytes outside ASCII and decodes %XX of unreserved characters, so that a rule
// and a path compare in one spelling (RFC 9309 section 2.2.2).
std::string CanonicalPath(std::string_view s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      int v = std::strtol(std::string(s.substr(i + 1, 2)).c_str(), nullptr, 16);
      if (std::isalnum(v) || v == '-' || v == '.' || v == '_' || v == '~') {
        out.push_back(static_cast<char>(v));
      } else {
        out.push_back('%');
        out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(s[i + 1]))));
        out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(s[i + 2]))));
      }
      i += 2;
    } else if (c >= 0x80 || c <= 0x20) {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

}  // namespace

bool RobotsPatternMatches(std::string_view pattern, std::string_view path) {
  bool anchored = !pattern.empty() && pattern.back() == '$';
  if (anchored) pattern.remove_suffix(1);
  // Iterative wildcard match with backtracking to the last '*'.
  std::size_t p = 0, s = 0, star = std::string_view::npos, mark = 0;
  while (s < path.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = s;
    } else if (p < pattern.size() && pattern[p] == path[s]) {
      ++p;
      ++s;
    } else if (p == pattern.size() && !anchored) {
      return true;  // prefix match
    } else if (star != std::string_view::npos) {
      p = star + 1;
      s = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

RobotsRules RobotsRules::DisallowAll() {
  RobotsRules r;
  r.rules_.push_back({"/", false});
  return r;
}

RobotsRules RobotsRules::Parse(std::string_view text, std::string_view user_agent) {
  std::string product = Lower(user_agent.substr(0, user_agent.find_first_of("/ ")));
  struct Group {
    std::vector<std::string> agents;
    std::vector<Rule> rules;
    std::optional<double> delay;
  };
  std::vector<Group> groups;
  RobotsRules out;
  bool in_agents = false;  // consecutive user-agent lines share one group
  std::size_t pos = 0;
  // Bound the work on hostile input: RFC 9309 lets crawlers stop at 500 KiB.
  if (text.size() > 512 * 1024) text = text.substr(0, 512 * 1024);
  if (text.starts_with("\xEF\xBB\xBF")) pos = 3;
  while (pos < text.size()) {
    std::size_t end = text.find_first_of("\r\n", pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    if (auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string key = Lower(Trim(line.substr(0, colon)));
    std::string_view value = Trim(line.substr(colon + 1));
    if (key == "user-agent") {
      if (!in_agents) groups.emplace_back();
      groups.back().agents.push_back(Lower(value));
      in_agents = true;
      continue;
    }
    if (key == "sitemap") {
      if (!value.empty()) out.sitemaps_.emplace_back(value);
      continue;
    }
    in_agents = false;
    if (groups.empty()) continue;  // rules before any user-agent line
    if (key == "allow" || key == "disallow") {
      if (value.empty()) continue;  // "Disallow:" with no path allows everything
      groups.back().rules.push_back({CanonicalPath(value), key == "allow"});
    } else if (key == "crawl-delay") {
      char* endp = nullptr;
      std::string v(value);
      double d = std::strtod(v.c_str(), &endp);
      if (endp != v.c_str() && d >= 0 && d < 86400) groups.back().delay = d;
    }
  }
  // Our own product token's groups if any, else the '*' groups; all matching groups merge.
  bool specific = false;
  for (const auto& g : groups)
    for (const auto& a : g.agents)
      if (!product.empty() && a == product) specific = true;
  for (const auto& g : groups) {
    bool match = false;
    for (const auto& a : g.agents) match = match || (specific ? a == product : a == "*");
    if (!match) continue;
    out.rules_.insert(out.rules_.end(), g.rules.begin(), g.rules.end());
    if (g.delay) out.crawl_delay_ = std::max(out.crawl_delay_.value_or(0), *g.delay);
  }
  return out;
}

bool RobotsRules::IsAllowed(std::string_view path_and_query) const {
  if (path_and_query == "/robots.txt") return true;
  std::string path = CanonicalPath(path_and_query);
  const Rule* best = nullptr;
  for (const auto& r : rules_) {
    if (!RobotsPatternMatches(r.pattern, path)) continue;
    if (!best || r.pattern.size() > best->pattern.size() ||
        (r.pattern.size() == best->pattern.size() && r.allow && !best->allow)) {
      best = &r;
    }
  }
  return !best || best->allow;
}

}  // namespace framescope::crawler
