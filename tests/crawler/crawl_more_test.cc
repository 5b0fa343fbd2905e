// More crawler behaviours against a real loopback server: conditional recrawl (304 revisit),
// link following, timeouts, resets, the size cap, gzip bodies and politeness timing.
#include <gtest/gtest.h>
#include <brotli/encode.h>
#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <vector>

#include "framescope/crawler/crawl.h"
#include "framescope/crawler/loopback_server.h"
#include "framescope/crawler/warc.h"

namespace framescope::crawler {
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

std::string Page(const std::string& body) {
  return "<html><body><article><p>" + body + "</p></article></body></html>";
}

std::string Gzip(const std::string& data, int level = Z_BEST_SPEED) {
  z_stream zs{};
  deflateInit2(&zs, level, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, static_cast<uLong>(data.size())) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

std::string Brotli(const std::string& data) {
  std::size_t size = BrotliEncoderMaxCompressedSize(data.size());
  std::string out(size, '\0');
  BrotliEncoderCompress(BROTLI_DEFAULT_QUALITY, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, data.size(),
                        reinterpret_cast<const uint8_t*>(data.data()), &size,
                        reinterpret_cast<uint8_t*>(out.data()));
  out.resize(size);
  return out;
}

struct Site {
  std::mutex mu;
  std::map<std::string, std::vector<Clock::time_point>> hits;
  std::atomic<int> port{0};
  std::function<void(const ServerRequest&, ServerReply&)> handler;
  int Hits(const std::string& t) {
    std::lock_guard<std::mutex> lock(mu);
    return static_cast<int>(hits[t].size());
  }
  std::vector<Clock::time_point> Times() {
    std::lock_guard<std::mutex> lock(mu);
    std::vector<Clock::time_point> all;
    for (auto& [t, v] : hits)
      if (t != "/robots.txt") all.insert(all.end(), v.begin(), v.end());
    std::sort(all.begin(), all.end());
    return all;
  }
};

struct Fixture {
  Site site;
  std::unique_ptr<LoopbackServer> server;
  std::string dir;
  std::string origin;

  explicit Fixture(const std::string& name) {
    auto s = LoopbackServer::Start([this](const ServerRequest& q, ServerReply& r) {
      {
        std::lock_guard<std::mutex> lock(site.mu);
        site.hits[q.target].push_back(Clock::now());
      }
      site.handler(q, r);
    });
    server = std::move(*s);
    site.port = server->port();
    origin = "http://site.localhost:" + std::to_string(site.port.load());
    dir = ::testing::TempDir() + "/crawlmore_" + name + "_" + std::to_string(::getpid());
    fs::remove_all(dir);
    (void)corpus::Study::Init(dir);
  }
  ~Fixture() { fs::remove_all(dir); }
  Result<CrawlSummary> Run(CrawlOptions opts) {
    opts.settings.allow_private = true;
    auto study = corpus::Study::Open(dir);
    return Crawl(*study, opts, nullptr, nullptr);
  }
  std::vector<WarcRecord> Records() {
    std::vector<WarcRecord> out;
    std::vector<std::string> files;
    for (const auto& e : fs::directory_iterator(dir + "/archive")) files.push_back(e.path().string());
    std::sort(files.begin(), files.end());  // names start with the UTC time of their creation
    for (const auto& file : files) {
      auto r = WarcReader::Open(file);
      for (;;) {
        auto rec = (*r)->Next();
        if (!rec || !*rec) break;
        out.push_back(**rec);
      }
    }
    return out;
  }
};

}  // namespace

TEST(CrawlMoreTest, RecrawlOfPagesFromASitemap) {
  Fixture f("recrawl2");
  std::atomic<int> version{1};
  f.site.handler = [&](const ServerRequest& q, ServerReply& r) {
    r.headers = {{"Content-Type", "text/html"}};
    if (q.target == "/robots.txt") {
      r.body = "User-agent: *\nAllow: /\nSitemap: " + f.origin + "/sitemap.xml\n";
    } else if (q.target == "/sitemap.xml") {
      r.headers = {{"Content-Type", "application/xml"}};
      r.body = "<urlset><url><loc>" + f.origin + "/same.html</loc></url><url><loc>" + f.origin +
               "/changed.html</loc></url></urlset>";
    } else if (q.target == "/same.html") {
      r.headers.push_back({"ETag", "\"v1\""});
      if (q.Header("If-None-Match") == "\"v1\"") r.status = 304;
      else r.body = Page("unchanged article text");
    } else if (q.target == "/changed.html") {
      std::string tag = "\"c" + std::to_string(version.load()) + "\"";
      r.headers.push_back({"ETag", tag});
      if (q.Header("If-None-Match") == tag) r.status = 304;
      else r.body = Page("version " + std::to_string(version.load()));
    }
  };
  CrawlOptions opts;
  opts.settings.delay_seconds = 0;
  opts.seeds = {f.origin + "/robots.txt"};
  ASSERT_TRUE(f.Run(opts));
  version = 2;
  opts.recrawl = true;
  auto s = f.Run(opts);
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->unchanged, 1u);
  EXPECT_EQ(f.site.Hits("/same.html"), 2);
  EXPECT_EQ(f.site.Hits("/changed.html"), 2);
  int revisits = 0, changed_versions = 0;
  std::string first_same_id;
  for (const auto& r : f.Records()) {
    std::string type = r.Header("WARC-Type");
    std::string uri = r.Header("WARC-Target-URI");
    if (type == "response" && uri.ends_with("/same.html")) first_same_id = r.Header("WARC-Record-ID");
    if (type == "revisit") {
      ++revisits;
      EXPECT_TRUE(uri.ends_with("/same.html"));
      EXPECT_EQ(r.Header("WARC-Refers-To"), first_same_id);
      EXPECT_NE(r.Header("WARC-Profile").find("server-not-modified"), std::string::npos);
    }
    if (type == "response" && uri.ends_with("/changed.html")) ++changed_versions;
  }
  EXPECT_EQ(revisits, 1);
  EXPECT_EQ(changed_versions, 2);
}

TEST(CrawlMoreTest, LaterRunsReadFeedsAgainAndFindNewArticles) {
  Fixture f("refresh");
  std::atomic<int> articles{2};
  f.site.handler = [&](const ServerRequest& q, ServerReply& r) {
    r.headers = {{"Content-Type", "text/html"}};
    if (q.target == "/robots.txt") {
      r.body = "User-agent: *\nAllow: /\nSitemap: " + f.origin + "/sitemap.xml\n";
    } else if (q.target == "/sitemap.xml") {
      r.headers = {{"Content-Type", "application/xml"}};
      r.body = "<urlset>";
      for (int i = 0; i < articles; ++i)
        r.body += "<url><loc>" + f.origin + "/a" + std::to_string(i) + ".html</loc></url>";
      r.body += "</urlset>";
    } else {
      r.body = Page(q.target);
    }
  };
  CrawlOptions opts;
  opts.settings.delay_seconds = 0;
  opts.seeds = {f.origin + "/robots.txt"};
  auto first = f.Run(opts);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->new_pages, 2u);
  EXPECT_EQ(f.site.Hits("/robots.txt"), 1) << "a robots.txt seed is fetched once, as the rules";
  articles = 3;
  auto soon = f.Run(opts);  // within the refresh interval: a resume, nothing fetched again
  ASSERT_TRUE(soon);
  EXPECT_EQ(f.site.Hits("/sitemap.xml"), 1);
  opts.refresh_seconds = 0;
  auto later = f.Run(opts);
  ASSERT_TRUE(later);
  EXPECT_EQ(f.site.Hits("/sitemap.xml"), 2);
  EXPECT_EQ(later->new_pages, 1u) << "only the new article";
  EXPECT_EQ(f.site.Hits("/a0.html"), 1);
  EXPECT_EQ(f.site.Hits("/a2.html"), 1);
}

TEST(CrawlMoreTest, RedirectKindsGzippedSitemapsAndRobotsFailures) {
  // Host "site": 307/308 chain, 404, a gzipped sitemap. Host "down": robots.txt answers 503
  // (disallow for now). Host "gone": robots.txt is 404 (allow everything).
  Fixture f("redirects");
  std::string port = std::to_string(f.site.port.load());
  std::string down = "http://down.localhost:" + port, gone = "http://gone.localhost:" + port;
  f.site.handler = [&](const ServerRequest& q, ServerReply& r) {
    r.headers = {{"Content-Type", "text/html"}};
    if (q.host == "down.localhost") {
      r.status = 503;  // every request, robots.txt included
      return;
    }
    if (q.host == "gone.localhost") {
      if (q.target == "/robots.txt") r.status = 404;
      else r.body = Page("allowed because robots.txt is missing");
      return;
    }
    if (q.target == "/robots.txt") {
      r.body = "User-agent: *\nAllow: /\nSitemap: " + f.origin + "/sitemap.xml.gz\n";
    } else if (q.target == "/sitemap.xml.gz") {
      r.headers = {{"Content-Type", "application/gzip"}};
      r.body = Gzip("<urlset><url><loc>" + f.origin + "/t307.html</loc></url><url><loc>" +
                    f.origin + "/missing.html</loc></url></urlset>");
    } else if (q.target == "/t307.html") {
      r.status = 307;
      r.headers.push_back({"Location", "/t308.html"});
    } else if (q.target == "/t308.html") {
      r.status = 308;
      r.headers.push_back({"Location", f.origin + "/final.html"});
    } else if (q.target == "/final.html") {
      r.body = Page("the end of the chain");
    } else {
      r.status = 404;
    }
  };
  CrawlOptions opts;
  opts.settings.delay_seconds = 0;
  opts.settings.max_retries = 1;
  opts.seeds = {f.origin + "/robots.txt", down + "/page.html", gone + "/page.html"};
  auto s = f.Run(opts);
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(f.site.Hits("/final.html"), 1) << "307 then 308 followed";
  EXPECT_EQ(f.site.Hits("/missing.html"), 1) << "404 recorded, not retried";
  EXPECT_EQ(s->failures_by_reason["HTTP 404"], 1u);
  EXPECT_GE(f.site.Hits("/robots.txt"), 3) << "robots.txt asked again after 503";
  std::size_t gone_pages = 0, down_pages = 0;
  for (const auto& r : f.Records()) {
    std::string uri = r.Header("WARC-Target-URI");
    if (r.Header("WARC-Type") != "response") continue;
    if (uri == gone + "/page.html") ++gone_pages;
    if (uri == down + "/page.html") ++down_pages;
  }
  EXPECT_EQ(gone_pages, 1u) << "4xx robots.txt means allow all";
  EXPECT_EQ(down_pages, 0u) << "5xx robots.txt means disallow";
}

TEST(CrawlMoreTest, WarcFilesRotateBySize) {
  std::string dir = ::testing::TempDir() + "/rotate_" + std::to_string(::getpid());
  fs::remove_all(dir);
  auto w = WarcWriter::Create(dir, "rot", 20000, "a");
  ASSERT_TRUE(w);
  std::set<std::string> files;
  for (int i = 0; i < 30; ++i) {
    HttpExchange ex;
    ex.url = "http://x.test/" + std::to_string(i);
    ex.status = 200;
    // Incompressible-ish body so each record adds real size.
    std::string body;
    std::uint32_t x = 2463534242u + static_cast<std::uint32_t>(i);
    for (int k = 0; k < 4000; ++k) {
      x ^= x << 13;
      x ^= x >> 17;
      x ^= x << 5;
      body.push_back(static_cast<char>('a' + x % 26));
    }
    ex.body = body;
    auto ref = (*w)->WriteExchange(ex);
    ASSERT_TRUE(ref);
    files.insert(ref->file);
  }
  EXPECT_GT(files.size(), 1u);
  for (const auto& f : files) {
    auto size = fs::file_size(dir + "/" + f);
    EXPECT_LT(size, 20000u + 8000u) << f << " stops growing once over the limit";
    auto r = WarcReader::Open(dir + "/" + f);
    ASSERT_TRUE(r);
    auto first = (*r)->Next();
    ASSERT_TRUE(first && *first);
    EXPECT_EQ((*first)->Header("WARC-Type"), "warcinfo") << "every file starts with warcinfo";
  }
  fs::remove_all(dir);
}

TEST(CrawlMoreTest, DelayGrowsWithTheHostsResponseTime) {
  Fixture f("slowhost");
  f.site.handler = [&](const ServerRequest& q, ServerReply& r) {
    r.headers = {{"Content-Type", "text/html"}};
    if (q.target == "/robots.txt") {
      r.body = "User-agent: *\nAllow: /\nSitemap: " + f.origin + "/sitemap.xml\n";
    } else if (q.target == "/sitemap.xml") {
      r.headers = {{"Content-Type", "application/xml"}};
      r.body = "<urlset>";
      for (int i = 0; i < 3; ++i)
        r.body += "<url><loc>" + f.origin + "/p" + std::to_string(i) + ".html</loc></url>";
      r.body += "</urlset>";
    } else {
      r.delay_ms = 200;  // a slow host
      r.body = Page(q.target);
    }
  };
  CrawlOptions opts;
  opts.settings.delay_seconds = 0.05;  // configured delay, far below what the host's pace asks
  opts.seeds = {f.origin + "/robots.txt"};
  ASSERT_TRUE(f.Run(opts));
  std::vector<Clock::time_point> pages;
  {
    std::lock_guard<std::mutex> lock(f.site.mu);
    for (auto& [t, v] : f.site.hits)
      if (t.starts_with("/p")) pages.insert(pages.end(), v.begin(), v.end());
  }
  std::sort(pages.begin(), pages.end());
  ASSERT_EQ(pages.size(), 3u);
  for (std::size_t i = 1; i < pages.size(); ++i) {
    double gap = std::chrono::duration<double>(pages[i] - pages[i - 1]).count();
    // 0.2 s answering, then twice the response time before the next request.
    EXPECT_GE(gap, 0.55) << "request " << i;
  }
}

TEST(CrawlMoreTest, FollowsSameSiteLinksWithinDepthAndPatterns) {
  Fixture f("links");
  f.site.handler = [&](const ServerRequest& q, ServerReply& r) {
    r.headers = {{"Content-Type", "text/html"}};
    if (q.target == "/robots.txt") {
      r.body = "User-agent: *\nAllow: /\n";
    } else if (q.target == "/news/index.html") {
      r.body = "<a href='/news/a.html'>a</a> <a href=\"b.html#x\">b</a> <a href='/tag/x.html'>t</a>"
               " <a href='http://elsewhere.localhost:" + std::to_string(f.site.port.load()) +
               "/news/c.html'>c</a>";
    } else if (q.target == "/news/a.html") {
      r.body = Page("a") + "<a href='/news/deep.html'>deeper</a>";
    } else {
      r.body = Page(q.target);
    }
  };
  CrawlOptions opts;
  opts.settings.delay_seconds = 0;
  opts.settings.follow_links = true;
  opts.settings.max_depth = 1;
  opts.settings.exclude = {"/tag/"};
  opts.seeds = {f.origin + "/news/index.html"};
  auto s = f.Run(opts);
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(f.site.Hits("/news/a.html"), 1);
  EXPECT_EQ(f.site.Hits("/news/b.html"), 1);
  EXPECT_EQ(f.site.Hits("/tag/x.html"), 0) << "excluded pattern";
  EXPECT_EQ(f.site.Hits("/news/deep.html"), 0) << "beyond max_depth";
  EXPECT_EQ(f.site.Hits("/news/c.html"), 0) << "other host";

  CrawlOptions bad = opts;
  bad.settings.include = {"(unclosed"};
  auto err = f.Run(bad);
  ASSERT_FALSE(err);
  EXPECT_NE(err.error().message.find("(unclosed"), std::string::npos);
}

TEST(CrawlMoreTest, TimeoutsResetsAndOversizedBodiesFailWithoutArchivingAPage) {
  // Compressed before the server starts, so that serving it is instant.
  static const std::string bomb = Gzip(std::string(80u << 20, 'a'), Z_BEST_COMPRESSION);
  Fixture f("faults");
  f.site.handler = [&](const ServerRequest& q, ServerReply& r) {
    r.headers = {{"Content-Type", "text/html"}};
    if (q.target == "/robots.txt") {
      r.body = "User-agent: *\nAllow: /\nSitemap: " + f.origin + "/sitemap.xml\n";
    } else if (q.target == "/sitemap.xml") {
      r.headers = {{"Content-Type", "application/xml"}};
      r.body = "<urlset>";
      for (const char* p : {"/slow.html", "/reset.html", "/big.html", "/ok.html", "/gz.html", "/br.html", "/bomb.html"})
        r.body += "<url><loc>" + f.origin + p + "</loc></url>";
      r.body += "</urlset>";
    } else if (q.target == "/slow.html") {
      r.delay_ms = 4000;
      r.body = Page("slow");
    } else if (q.target == "/reset.html") {
      r.reset = true;
    } else if (q.target == "/big.html") {
      r.body = Page(std::string(300000, 'b'));
    } else if (q.target == "/gz.html") {
      r.headers.push_back({"Content-Encoding", "gzip"});
      r.body = Gzip(Page("compressed article"));
    } else if (q.target == "/br.html") {
      EXPECT_NE(q.Header("Accept-Encoding").find("br"), std::string::npos);
      r.headers.push_back({"Content-Encoding", "br"});
      r.body = Brotli(Page("brotli article"));
    } else if (q.target == "/bomb.html") {
      // About 80 KB on the wire, 80 MB decoded: archived as received, refused when decoded.
      r.headers.push_back({"Content-Encoding", "gzip"});
      r.body = bomb;
    } else {
      r.body = Page("fine");
    }
  };
  CrawlOptions opts;
  opts.settings.delay_seconds = 0;
  opts.settings.timeout_seconds = 2;
  opts.settings.max_retries = 0;
  opts.settings.max_body_bytes = 100000;
  opts.settings.concurrency = 4;
  opts.seeds = {f.origin + "/robots.txt"};
  auto s = f.Run(opts);
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->failed, 3u);
  EXPECT_EQ(s->failures_by_reason["body over the size cap"], 1u);
  EXPECT_EQ(s->new_pages, 4u);  // ok, gz, br, bomb (archived raw; decoding it is refused)
  bool gz_raw = false, br_seen = false, bomb_seen = false;
  for (const auto& r : f.Records()) {
    std::string uri = r.Header("WARC-Target-URI");
    EXPECT_FALSE(uri.ends_with("/big.html") && r.Header("WARC-Type") == "response")
        << "a truncated body must never be archived as a page";
    EXPECT_FALSE(uri.ends_with("/slow.html") && r.Header("WARC-Type") == "response");
    if (uri.ends_with("/gz.html") && r.Header("WARC-Type") == "response") {
      // Archived as received (still gzip), readable decoded.
      EXPECT_NE(r.block.find("\r\n\r\n\x1f\x8b"), std::string::npos);
      auto http = ParseHttpResponse(r.block);
      ASSERT_TRUE(http);
      EXPECT_NE(http->body.find("compressed article"), std::string::npos);
      gz_raw = true;
    }
    if (uri.ends_with("/br.html") && r.Header("WARC-Type") == "response") {
      auto http = ParseHttpResponse(r.block);
      ASSERT_TRUE(http) << http.error().message;
      EXPECT_NE(http->body.find("brotli article"), std::string::npos);
      br_seen = true;
    }
    if (uri.ends_with("/bomb.html") && r.Header("WARC-Type") == "response") {
      auto http = ParseHttpResponse(r.block);
      ASSERT_FALSE(http) << "a gzip bomb must not be inflated without a bound";
      EXPECT_NE(http.error().message.find("expands beyond"), std::string::npos);
      bomb_seen = true;
    }
  }
  EXPECT_TRUE(gz_raw);
  EXPECT_TRUE(br_seen);
  EXPECT_TRUE(bomb_seen);
}

TEST(CrawlMoreTest, PolitenessDelayAndCrawlDelaySpaceRequestsToOneHost) {
  for (bool use_robots : {false, true}) {
    Fixture f(use_robots ? "crawldelay" : "delay");
    f.site.handler = [&](const ServerRequest& q, ServerReply& r) {
      r.headers = {{"Content-Type", "text/html"}};
      if (q.target == "/robots.txt") {
        r.body = std::string("User-agent: *\nAllow: /\n") + (use_robots ? "Crawl-delay: 0.4\n" : "") +
                 "Sitemap: " + f.origin + "/sitemap.xml\n";
      } else if (q.target == "/sitemap.xml") {
        r.headers = {{"Content-Type", "application/xml"}};
        r.body = "<urlset>";
        for (int i = 0; i < 4; ++i)
          r.body += "<url><loc>" + f.origin + "/p" + std::to_string(i) + ".html</loc></url>";
        r.body += "</urlset>";
      } else {
        r.body = Page(q.target);
      }
    };
    CrawlOptions opts;
    opts.settings.delay_seconds = use_robots ? 0.05 : 0.25;
    opts.settings.concurrency = 4;
    opts.seeds = {f.origin + "/robots.txt"};
    ASSERT_TRUE(f.Run(opts));
    auto times = f.site.Times();
    ASSERT_GE(times.size(), 5u);
    double expected = use_robots ? 0.4 : 0.25;
    for (std::size_t i = 1; i < times.size(); ++i) {
      double gap = std::chrono::duration<double>(times[i] - times[i - 1]).count();
      EXPECT_GE(gap, expected * 0.95) << "request " << i << (use_robots ? " (Crawl-delay)" : "");
    }
  }
}

}  // namespace framescope::crawler
