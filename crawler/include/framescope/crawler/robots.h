// robots.txt per RFC 9309: groups by user-agent, longest match wins, Allow wins a tie, `*` and
// `$` in patterns, Crawl-delay and Sitemap lines. Parsing never fails: unknown or malformed lines
// are ignored, as the RFC asks.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace framescope::crawler {

class RobotsRules {
 public:
  // Parses robots.txt `text` for the product token of `user_agent` (e.g. "Framescope" from
  // "Framescope/0.1 (...)"); falls back to the `*` group.
  static RobotsRules Parse(std::string_view text, std::string_view user_agent);
  static RobotsRules AllowAll() { return RobotsRules(); }
  static RobotsRules DisallowAll();

  // `path_and_query` as in the URL ("/a/b?c"). /robots.txt itself is always allowed.
  bool IsAllowed(std::string_view path_and_query) const;
  std::optional<double> crawl_delay() const { return crawl_delay_; }
  const std::vector<std::string>& sitemaps() const { return sitemaps_; }

 private:
  struct Rule {
    std::string pattern;
    bool allow;
  };
  std::vector<Rule> rules_;
  std::optional<double> crawl_delay_;
  std::vector<std::string> sitemaps_;
};

// True when `path` matches robots `pattern` (`*` any run, trailing `$` anchors the end).
bool RobotsPatternMatches(std::string_view pattern, std::string_view path);

}  // namespace framescope::crawler
