// kill -9 in the middle of a crawl, then the same crawl again: nothing archived is lost, nothing
// archived is fetched again, a record cut off by the kill is never read as a whole page.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "framescope/crawler/crawl.h"
#include "framescope/crawler/loopback_server.h"
#include "framescope/crawler/warc.h"

namespace framescope::crawler {

TEST(ResumeTest, KillNineThenResumeLosesAndRefetchesNothing) {
  constexpr int kPages = 60;
  std::mutex mu;
  std::map<std::string, int> hits;
  std::atomic<int> port{0};
  auto server = LoopbackServer::Start([&](const ServerRequest& req, ServerReply& r) {
    {
      std::lock_guard<std::mutex> lock(mu);
      ++hits[req.target];
    }
    std::string origin = "http://site.localhost:" + std::to_string(port.load());
    r.headers = {{"Content-Type", "text/html"}};
    if (req.target == "/robots.txt") {
      r.body = "User-agent: *\nAllow: /\nSitemap: " + origin + "/sitemap.xml\n";
    } else if (req.target == "/sitemap.xml") {
      r.headers = {{"Content-Type", "application/xml"}};
      r.body = "<urlset>";
      for (int i = 0; i < kPages; ++i)
        r.body += "<url><loc>" + origin + "/p" + std::to_string(i) + ".html</loc></url>";
      r.body += "</urlset>";
    } else {
      r.delay_ms = 25;
      r.body = "<html><body><article><p>" + std::string(3000, 'x') + req.target +
               "</p></article></body></html>";
    }
  });
  ASSERT_TRUE(server);
  port = (*server)->port();
  std::string dir = ::testing::TempDir() + "/resume_" + std::to_string(::getpid());
  std::filesystem::remove_all(dir);
  ASSERT_TRUE(corpus::Study::Init(dir));
  CrawlOptions opts;
  opts.settings.allow_private = true;
  opts.settings.delay_seconds = 0;
  opts.seeds = {"http://site.localhost:" + std::to_string(port.load()) + "/robots.txt"};

  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    auto study = corpus::Study::Open(dir);
    if (study) (void)Crawl(*study, opts, nullptr, nullptr);
    ::_exit(0);
  }
  for (int i = 0; i < 400; ++i) {
    {
      std::lock_guard<std::mutex> lock(mu);
      int pages = 0;
      for (const auto& [t, n] : hits) pages += t.starts_with("/p");
      if (pages >= kPages / 3) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ::kill(child, SIGKILL);
  int status = 0;
  ::waitpid(child, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the crawl finished before it could be killed";

  auto study = corpus::Study::Open(dir);
  ASSERT_TRUE(study);
  auto before = hits;
  auto resumed = Crawl(*study, opts, nullptr, nullptr);
  ASSERT_TRUE(resumed) << resumed.error().message;

  // Every page archived exactly once across all WARC files; the cut-off record is reported.
  std::map<std::string, int> responses;
  std::size_t broken = 0;
  for (const auto& e : std::filesystem::directory_iterator(study->archive_dir())) {
    auto r = WarcReader::Open(e.path().string());
    ASSERT_TRUE(r);
    for (;;) {
      auto rec = (*r)->Next();
      if (!rec) {
        ++broken;
        continue;
      }
      if (!*rec) break;
      if ((*rec)->Header("WARC-Type") == "response") {
        auto http = ParseHttpResponse((*rec)->block);
        ASSERT_TRUE(http);
        std::string uri = (*rec)->Header("WARC-Target-URI");
        if (uri.find("/p") != std::string::npos) {
          ++responses[uri];
          std::string whole = "<html><body><article><p>" + std::string(3000, 'x') +
                              uri.substr(uri.rfind('/')) + "</p></article></body></html>";
          EXPECT_EQ(http->body, whole) << "a whole page, never a truncated one";
        }
      }
    }
  }
  EXPECT_LE(broken, 1u);
  EXPECT_EQ(responses.size(), static_cast<std::size_t>(kPages)) << "nothing lost";
  for (const auto& [uri, n] : responses) EXPECT_EQ(n, 1) << uri << " archived twice";
  auto pages = ListArchivedPages(*study);
  ASSERT_TRUE(pages);
  std::size_t page_rows = 0;
  for (const auto& p : *pages) page_rows += p.kind == "page";
  EXPECT_EQ(page_rows, static_cast<std::size_t>(kPages));
  std::filesystem::remove_all(dir);
}

}  // namespace framescope::crawler
