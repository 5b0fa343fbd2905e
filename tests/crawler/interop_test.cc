// WARC files written by other tools must read cleanly: here GNU wget's --warc-file output.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "framescope/crawler/loopback_server.h"
#include "framescope/crawler/warc.h"

namespace framescope::crawler {

TEST(InteropTest, ReadsWarcWrittenByWget) {
  if (std::system("command -v wget >/dev/null 2>&1") != 0) GTEST_SKIP() << "wget not installed";
  auto server = LoopbackServer::Start([](const ServerRequest& req, ServerReply& r) {
    r.headers = {{"Content-Type", "text/html; charset=utf-8"}};
    r.body = "<html><body><p>Page " + req.target + " about the social credit system.</p></body></html>";
  });
  ASSERT_TRUE(server);
  std::string dir = ::testing::TempDir() + "/wget_" + std::to_string(::getpid());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::string url = "http://127.0.0.1:" + std::to_string((*server)->port()) + "/story.html";
  std::string cmd = "cd " + dir + " && wget -q --warc-file=crawl -O /dev/null '" + url + "'";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  auto reader = WarcReader::Open(dir + "/crawl.warc.gz");
  ASSERT_TRUE(reader) << reader.error().message;
  bool found = false;
  std::size_t records = 0;
  for (;;) {
    auto rec = (*reader)->Next();
    ASSERT_TRUE(rec) << rec.error().message;
    if (!*rec) break;
    ++records;
    if ((*rec)->Header("WARC-Type") != "response") continue;
    EXPECT_EQ((*rec)->Header("WARC-Target-URI"), url);
    auto http = ParseHttpResponse((*rec)->block);
    ASSERT_TRUE(http) << http.error().message;
    EXPECT_EQ(http->status, 200);
    EXPECT_NE(http->body.find("Page /story.html"), std::string::npos);
    found = true;
  }
  EXPECT_TRUE(found);
  EXPECT_GE(records, 3u);  // warcinfo, request, response (+ wget's metadata and log resource)
  std::filesystem::remove_all(dir);
}

}  // namespace framescope::crawler
