// libFuzzer target: HTML in, document out, for any bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "framescope/crawler/extract.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  framescope::crawler::ExtractInput in;
  in.html = std::string_view(reinterpret_cast<const char*>(data), size);
  in.url = "http://fuzz.test/2019/03/03/page.html";
  (void)framescope::crawler::ExtractArticle(in);
  (void)framescope::crawler::FindDateInText(in.html.substr(0, 4096));
  (void)framescope::crawler::FindDatesInText(in.html.substr(0, 4096), size % 2 == 0);
  return 0;
}
