// libFuzzer target: the WARC reader (plain and gzip) and the HTTP response parser survive any
// bytes, report errors and always reach the end of the file.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "framescope/crawler/warc.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path = "/tmp/framescope_warc_fuzz_" + std::to_string(getpid());
  if (FILE* f = std::fopen(path.c_str(), "wb")) {
    std::fwrite(data, 1, size, f);
    std::fclose(f);
  }
  auto reader = framescope::crawler::WarcReader::Open(path);
  if (!reader) return 0;
  for (int i = 0; i < 10000; ++i) {  // the bound turns a reader that stops advancing into a finding
    auto rec = (*reader)->Next();
    if (!rec) continue;
    if (!*rec) return 0;
    (void)framescope::crawler::ParseHttpResponse((*rec)->block);
  }
  __builtin_trap();
}
