// WARC files written by other tools must read cleanly: here GNU wget's --warc-file output.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "framescope/crawler/loopback_server.h"
#include "framescope/corpus/study.h"
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

namespace framescope::crawler {

// Our WARC files must read cleanly in webrecorder's warcio (the npm package, installed by
// scripts/test.sh into tests/interop/node_modules).
TEST(InteropTest, WarcioReadsOurWarcFiles) {
  std::string tools = std::string(FRAMESCOPE_SOURCE_DIR) + "/tests/interop";
  if (!std::filesystem::exists(tools + "/node_modules/warcio"))
    GTEST_SKIP() << "warcio not installed (scripts/test.sh runs npm install in tests/interop)";
  std::string dir = ::testing::TempDir() + "/warcio_" + std::to_string(::getpid());
  std::filesystem::remove_all(dir);
  std::vector<std::string> ids;
  std::string file;
  {
    auto w = WarcWriter::Create(dir, "t", 0, "test-agent");
    ASSERT_TRUE(w);
    HttpExchange ex;
    ex.url = "http://x.test/a.html";
    ex.status = 200;
    ex.reason = "OK";
    ex.request_headers = {{"Host", "x.test"}};
    ex.response_headers = {{"Content-Type", "text/html"}, {"Transfer-Encoding", "chunked"}};
    ex.body = "<p>" + std::string(5000, 'z') + "</p>";
    auto r1 = (*w)->WriteExchange(ex);
    ASSERT_TRUE(r1);
    HttpExchange notmod = ex;
    notmod.status = 304;
    notmod.body.clear();
    notmod.refers_to_record = r1->record_id;
    notmod.refers_to_date = r1->captured;
    auto r2 = (*w)->WriteExchange(notmod);
    ASSERT_TRUE(r2);
    auto r3 = (*w)->WriteRecord("resource", {{"WARC-Target-URI", "urn:x"}}, "text/plain", "hello");
    ASSERT_TRUE(r3);
    ids = {r1->record_id, r2->record_id, r3->record_id};
    file = dir + "/" + r1->file;
  }
  std::string out_path = dir + "/list.jsonl";
  std::string cmd = "cd " + tools + " && node warcio_list.mjs " + file + " > " + out_path;
  ASSERT_EQ(std::system(cmd.c_str()), 0) << "warcio could not read " << file;
  auto out = corpus::ReadFile(out_path);
  ASSERT_TRUE(out);
  EXPECT_NE(out->find("\"type\":\"warcinfo\""), std::string::npos);
  EXPECT_NE(out->find("\"type\":\"revisit\""), std::string::npos);
  EXPECT_NE(out->find("\"status\":200"), std::string::npos);
  EXPECT_NE(out->find("\"payload_length\":5007"), std::string::npos);
  for (const auto& id : ids) EXPECT_NE(out->find(id), std::string::npos) << id;
  std::size_t lines = std::count(out->begin(), out->end(), '\n');
  EXPECT_EQ(lines, 6u);  // warcinfo + response + request + revisit + request + resource
  std::filesystem::remove_all(dir);
}

}  // namespace framescope::crawler
