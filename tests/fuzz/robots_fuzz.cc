// libFuzzer target: robots.txt parsing and matching never crash or hang.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "framescope/crawler/robots.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  // The first line doubles as a path to test, so matching is fuzzed too.
  std::string_view path = in.substr(0, in.find('\n'));
  auto rules = framescope::crawler::RobotsRules::Parse(in, "Framescope/0.1");
  (void)rules.IsAllowed(path);
  (void)rules.IsAllowed("/");
  (void)framescope::crawler::RobotsPatternMatches(path, in.substr(path.size()));
  return 0;
}
