#include "framescope/crawler/crawl.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <mutex>

#include "framescope/crawler/loopback_server.h"
#include "framescope/crawler/warc.h"

namespace framescope::crawler {
namespace fs = std::filesystem;

namespace {

std::string Article(const std::string& title) {
  return "<html><head><title>" + title + "</title></head><body><article><p>" + title +
         " is a long enough paragraph of article text for the extractor to keep it.</p>"
         "</article></body></html>";
}

// A small news site with the failure modes a crawler must handle.
struct TestSite {
  std::mutex mu;
  std::map<std::string, int> hits;
  std::atomic<int> port{0};
  std::chrono::steady_clock::time_point first_429;
  std::chrono::steady_clock::time_point retry_after_429;

  void Handle(const ServerRequest& req, ServerReply& r) {
    std::string origin = "http://site.localhost:" + std::to_string(port.load());
    int n;
    {
      std::lock_guard<std::mutex> lock(mu);
      n = ++hits[req.target];
      if (req.target == "/limited.html" && n == 1) first_429 = std::chrono::steady_clock::now();
      if (req.target == "/limited.html" && n == 2) retry_after_429 = std::chrono::steady_clock::now();
    }
    r.headers = {{"Content-Type", "text/html; charset=utf-8"}};
    const std::string& t = req.target;
    if (t == "/robots.txt") {
      r.headers = {{"Content-Type", "text/plain"}};
      r.body = "User-agent: *\nDisallow: /private/\nSitemap: " + origin + "/sitemap.xml\n";
    } else if (t == "/sitemap.xml") {
      r.headers = {{"Content-Type", "application/xml"}};
      r.body = "<urlset>";
      for (const char* p : {"/a.html", "/a.html?utm_source=x", "/private/secret.html",
                            "/moved.html", "/gone.html", "/flaky.html", "/limited.html",
                            "/loop1.html", "/broken-feed.xml"})
        r.body += std::string("<url><loc>") + origin + p + "</loc></url>";
      r.body += "</urlset>";
    } else if (t == "/a.html" || t == "/b.html" || t == "/private/secret.html") {
      r.body = Article("Page " + t);
    } else if (t == "/moved.html") {
      r.status = 301;
      r.headers.push_back({"Location", "/b.html"});
    } else if (t == "/loop1.html") {
      r.status = 302;
      r.headers.push_back({"Location", "/loop2.html"});
    } else if (t == "/loop2.html") {
      r.status = 302;
      r.headers.push_back({"Location", "/loop1.html"});
    } else if (t == "/gone.html") {
      r.status = 410;
    } else if (t == "/flaky.html") {
      if (n == 1) r.status = 503;
      else r.body = Article("Flaky");
    } else if (t == "/limited.html") {
      if (n == 1) {
        r.status = 429;
        r.headers.push_back({"Retry-After", "1"});
      } else {
        r.body = Article("Limited");
      }
    } else if (t == "/broken-feed.xml") {
      r.headers = {{"Content-Type", "application/rss+xml"}};
      r.body = "<rss><channel><item><link>oops";
    } else {
      r.status = 404;
    }
  }
};

std::string NewStudy(const std::string& name) {
  std::string dir = ::testing::TempDir() + "/crawl_" + name + "_" + std::to_string(::getpid());
  fs::remove_all(dir);
  EXPECT_TRUE(corpus::Study::Init(dir));
  return dir;
}

}  // namespace

TEST(CrawlTest, PoliteArchivedCrawlOfALoopbackSite) {
  TestSite site;
  auto server = LoopbackServer::Start([&](const ServerRequest& q, ServerReply& r) { site.Handle(q, r); });
  ASSERT_TRUE(server);
  site.port = (*server)->port();
  std::string dir = NewStudy("polite");
  auto study = corpus::Study::Open(dir);
  ASSERT_TRUE(study);
  CrawlOptions opts;
  opts.settings.allow_private = true;
  opts.settings.delay_seconds = 0;
  opts.settings.max_retries = 2;
  opts.seeds = {"http://site.localhost:" + std::to_string(site.port.load()) + "/robots.txt"};
  std::vector<std::string> warnings;
  auto s = Crawl(*study, opts, nullptr, [&](const std::string& w) { warnings.push_back(w); });
  ASSERT_TRUE(s) << s.error().message;

  EXPECT_EQ(site.hits["/private/secret.html"], 0) << "robots.txt Disallow was not obeyed";
  EXPECT_EQ(s->robots_blocked, 1u);
  EXPECT_EQ(site.hits["/a.html"], 1) << "tracking parameters must not cause a second fetch";
  EXPECT_EQ(site.hits["/a.html?utm_source=x"], 0);
  EXPECT_EQ(site.hits["/b.html"], 1) << "redirect target fetched";
  EXPECT_EQ(site.hits["/gone.html"], 1) << "410 is not retried";
  EXPECT_EQ(site.hits["/flaky.html"], 2) << "503 retried once, then success";
  EXPECT_EQ(site.hits["/limited.html"], 2);
  EXPECT_GE(std::chrono::duration<double>(site.retry_after_429 - site.first_429).count(), 0.9)
      << "Retry-After must be honoured";
  EXPECT_LE(site.hits["/loop1.html"], 1) << "redirect loop must end";
  EXPECT_EQ(s->new_pages, 4u);  // a, b, flaky, limited
  bool broken_feed_reported = false;
  for (const auto& w : warnings)
    if (w.find("broken-feed.xml") != std::string::npos) broken_feed_reported = true;
  EXPECT_TRUE(broken_feed_reported);

  auto pages = ListArchivedPages(*study);
  ASSERT_TRUE(pages);
  std::size_t page_records = 0;
  for (const auto& p : *pages) {
    if (p.kind != "page") continue;
    ++page_records;
    auto rec = WarcReader::ReadAt(study->archive_dir() + "/" + p.warc_file, p.offset);
    ASSERT_TRUE(rec) << rec.error().message;
    EXPECT_EQ(rec->Header("WARC-Record-ID"), p.record_id);
    EXPECT_EQ(rec->Header("WARC-Target-URI"), p.url);
  }
  EXPECT_EQ(page_records, 4u);

  // The same command again fetches nothing that was archived.
  auto before = site.hits;
  auto again = Crawl(*study, opts, nullptr, nullptr);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->new_pages, 0u);
  EXPECT_EQ(site.hits["/a.html"], before["/a.html"]);
  EXPECT_EQ(site.hits["/b.html"], before["/b.html"]);
}

TEST(CrawlTest, RefusesLoopbackWithoutAllowPrivate) {
  TestSite site;
  auto server = LoopbackServer::Start([&](const ServerRequest& q, ServerReply& r) { site.Handle(q, r); });
  ASSERT_TRUE(server);
  site.port = (*server)->port();
  std::string dir = NewStudy("private");
  auto study = corpus::Study::Open(dir);
  ASSERT_TRUE(study);
  CrawlOptions opts;
  opts.settings.delay_seconds = 0;
  opts.settings.max_retries = 0;
  opts.seeds = {"http://127.0.0.1:" + std::to_string(site.port.load()) + "/a.html",
                "ftp://127.0.0.1/x"};
  auto s = Crawl(*study, opts, nullptr, nullptr);
  ASSERT_TRUE(s);
  EXPECT_EQ(site.hits["/a.html"], 0);
  EXPECT_EQ(s->new_pages, 0u);
  EXPECT_GE(s->refused, 1u);
}

TEST(IsPrivateAddressTest, Ranges) {
  for (const char* ip : {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.1.1",
                         "::1", "fe80::1", "fd00::1", "::ffff:127.0.0.1", "0.0.0.0", "garbage"})
    EXPECT_TRUE(IsPrivateAddress(ip)) << ip;
  for (const char* ip : {"8.8.8.8", "172.32.0.1", "2001:4860::8888", "93.184.216.34"})
    EXPECT_FALSE(IsPrivateAddress(ip)) << ip;
}

}  // namespace framescope::crawler
