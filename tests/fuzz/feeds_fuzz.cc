// libFuzzer target: feed, sitemap and OPML parsing gives a result or an Error, never a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "framescope/crawler/feeds.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  (void)framescope::crawler::LooksLikeDiscoveryXml(in, "application/xml");
  (void)framescope::crawler::ParseDiscovery(in, "http://fuzz.test/feed.xml");
  return 0;
}
