#include "../../crawler/src/curl_library.h"

#include <gtest/gtest.h>
#include <link.h>

#include <string>

namespace framescope::crawler {
namespace {

bool LibcurlMapped() {
  bool found = false;
  dl_iterate_phdr(
      [](dl_phdr_info* info, std::size_t, void* data) {
        if (info->dlpi_name && std::string(info->dlpi_name).find("libcurl") != std::string::npos)
          *static_cast<bool*>(data) = true;
        return 0;
      },
      &found);
  return found;
}

// Each test runs in a process of its own (gtest_discover_tests), so nothing else loaded libcurl.
TEST(CurlLibraryTest, IsLoadedOnlyWhenACrawlNeedsIt) {
  EXPECT_FALSE(LibcurlMapped()) << "libcurl is linked into the program again";
  auto curl = LoadCurl();
  ASSERT_TRUE(curl) << curl.error().message;
  EXPECT_TRUE(LibcurlMapped());
  CURL* e = (*curl)->easy_init();
  ASSERT_NE(e, nullptr);
  EXPECT_EQ((*curl)->easy_setopt(e, CURLOPT_URL, "http://127.0.0.1:9/"), CURLE_OK);
  EXPECT_STREQ((*curl)->easy_strerror(CURLE_OK), Curl().easy_strerror(CURLE_OK));
  (*curl)->easy_cleanup(e);
  // A second call returns the same table without loading anything again.
  auto again = LoadCurl();
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, *curl);
}

}  // namespace
}  // namespace framescope::crawler
