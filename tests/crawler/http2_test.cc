// HTTP/2 over TLS against a real server: Node's built-in http2 module (tests/crawler/
// http2_server.mjs) with a certificate authority made by openssl for each run. The crawler must
// use HTTP/2 where the server offers it, fall back to HTTP/1.1 where it does not, archive both as
// WARC records readers accept, trust a private CA only through ca_file, and refuse a certificate
// that does not verify. Skipped when node or openssl is missing (scripts/install-deps.sh installs
// both).
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "framescope/corpus/study.h"
#include "framescope/crawler/crawl.h"
#include "framescope/crawler/warc.h"

namespace framescope::crawler {
namespace fs = std::filesystem;

namespace {

bool HaveTool(const std::string& name) {
  return std::system(("command -v " + name + " >/dev/null 2>&1").c_str()) == 0;
}

std::string FreshDir(const std::string& name) {
  std::string d = ::testing::TempDir() + "/http2_" + name + "_" + std::to_string(::getpid());
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

bool Run(const std::string& cmd) { return std::system((cmd + " >/dev/null 2>&1").c_str()) == 0; }

// A certificate authority and a server certificate it signed for 127.0.0.1 and localhost (in
// subjectAltName, where clients look), P-256 keys so that generating them is quick.
struct TestPki {
  std::string ca, leaf, leaf_key;
};

bool MakePki(const std::string& dir, const std::string& ca_name, TestPki* out) {
  std::string ec = "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";
  std::ofstream(dir + "/leaf.ext") << "subjectAltName=DNS:localhost,IP:127.0.0.1\n"
                                      "basicConstraints=CA:FALSE\n"
                                      "keyUsage=critical,digitalSignature\n"
                                      "extendedKeyUsage=serverAuth\n";
  bool ok =
      Run("cd " + dir + " && openssl req -x509 " + ec + " -keyout ca.key -out ca.pem -days 2" +
          " -subj '/CN=" + ca_name + "' -addext 'basicConstraints=critical,CA:TRUE'" +
          " -addext 'keyUsage=critical,keyCertSign,cRLSign'") &&
      Run("cd " + dir + " && openssl req -new " + ec +
          " -keyout leaf.key -out leaf.csr -subj '/CN=localhost'") &&
      Run("cd " + dir + " && openssl x509 -req -in leaf.csr -CA ca.pem -CAkey ca.key" +
          " -CAcreateserial -out leaf.pem -days 2 -extfile leaf.ext");
  *out = {dir + "/ca.pem", dir + "/leaf.pem", dir + "/leaf.key"};
  return ok;
}

// tests/crawler/http2_server.mjs as a child process; stopped (SIGTERM) when destroyed.
class NodeServer {
 public:
  static std::unique_ptr<NodeServer> Start(const std::string& mode, const TestPki& pki,
                                           const std::string& log) {
    int fds[2];
    if (pipe(fds) != 0) return nullptr;
    std::string script = std::string(FRAMESCOPE_SOURCE_DIR) + "/tests/crawler/http2_server.mjs";
    pid_t pid = fork();
    if (pid < 0) return nullptr;
    if (pid == 0) {
      dup2(fds[1], 1);
      close(fds[0]);
      close(fds[1]);
      execlp("node", "node", script.c_str(), mode.c_str(), pki.leaf.c_str(), pki.leaf_key.c_str(),
             log.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    close(fds[1]);
    auto server = std::unique_ptr<NodeServer>(new NodeServer(pid, log));
    // The first line on stdout is {"port":N}; wait up to 20 s for it.
    std::string line;
    pollfd p{fds[0], POLLIN, 0};
    while (line.find('\n') == std::string::npos && poll(&p, 1, 20000) > 0) {
      char buf[256];
      ssize_t n = read(fds[0], buf, sizeof buf);
      if (n <= 0) break;
      line.append(buf, static_cast<std::size_t>(n));
    }
    close(fds[0]);
    auto at = line.find("\"port\":");
    if (at == std::string::npos) return nullptr;
    server->port_ = std::atoi(line.c_str() + at + 7);
    return server;
  }
  ~NodeServer() {
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
  }
  std::string Origin() const { return "https://127.0.0.1:" + std::to_string(port_); }
  // The HTTP version of each request the server answered, by path ("2.0", "1.1").
  std::multimap<std::string, std::string> Requests() const {
    std::multimap<std::string, std::string> out;
    std::ifstream in(log_);
    std::string line;
    while (std::getline(in, line)) {
      auto field = [&](const std::string& key) {
        auto at = line.find("\"" + key + "\":\"");
        if (at == std::string::npos) return std::string();
        at += key.size() + 4;
        return line.substr(at, line.find('"', at) - at);
      };
      out.emplace(field("path"), field("version"));
    }
    return out;
  }

 private:
  NodeServer(pid_t pid, std::string log) : pid_(pid), log_(std::move(log)) {}
  pid_t pid_;
  std::string log_;
  int port_ = 0;
};

bool HaveNodeAndOpenssl() { return HaveTool("node") && HaveTool("openssl"); }
constexpr const char* kSkipReason =
    "node or openssl not installed (scripts/install-deps.sh installs them)";

struct CrawlRun {
  Result<CrawlSummary> summary = Fail(ErrorCode::kIo, "not run");
  std::vector<FetchEvent> events;
  std::vector<std::string> warnings;
};

CrawlRun CrawlSitemap(const corpus::Study& study, const std::string& origin,
                      corpus::CrawlSettings settings) {
  CrawlRun run;
  CrawlOptions opts;
  opts.settings = std::move(settings);
  opts.settings.allow_private = true;
  opts.settings.delay_seconds = 0;
  opts.settings.max_retries = 1;
  opts.seeds = {origin + "/sitemap.xml"};
  opts.on_fetch = [&](const FetchEvent& e) { run.events.push_back(e); };
  run.summary =
      Crawl(study, opts, nullptr, [&](const std::string& w) { run.warnings.push_back(w); });
  return run;
}

// Every record of the study's archive, read back with our reader.
std::vector<WarcRecord> ArchiveRecords(const corpus::Study& study) {
  std::vector<WarcRecord> out;
  for (const auto& e : fs::directory_iterator(study.archive_dir())) {
    auto r = WarcReader::Open(e.path().string());
    EXPECT_TRUE(r);
    if (!r) continue;
    for (;;) {
      auto rec = (*r)->Next();
      EXPECT_TRUE(rec) << rec.error().message;
      if (!rec || !*rec) break;
      out.push_back(std::move(**rec));
    }
  }
  return out;
}

// Checks what a crawl of the test site archived over `protocol` ("h2" or "http/1.1").
void ExpectArchivedOver(const corpus::Study& study, const CrawlRun& run,
                        const std::string& protocol) {
  ASSERT_TRUE(run.summary) << run.summary.error().message;
  EXPECT_EQ(run.summary->new_pages, 3u);
  EXPECT_EQ(run.summary->failed, 0u);
  // robots.txt, sitemap.xml, three pages: each fetched once, all over `protocol`.
  ASSERT_EQ(run.events.size(), 5u);
  for (const auto& e : run.events) {
    EXPECT_EQ(e.status, 200) << e.url;
    EXPECT_EQ(e.outcome, "archived") << e.url;
    EXPECT_EQ(e.protocol, protocol) << e.url;
  }
  std::size_t responses = 0, requests = 0, pages = 0;
  for (const auto& rec : ArchiveRecords(study)) {
    std::string type = rec.Header("WARC-Type");
    if (type == "request") {
      ++requests;
      EXPECT_EQ(rec.Header("WARC-Protocol"), protocol);
      EXPECT_TRUE(rec.block.starts_with("GET /")) << rec.block.substr(0, 40);
    }
    if (type != "response") continue;
    ++responses;
    EXPECT_EQ(rec.Header("WARC-Protocol"), protocol);
    // HTTP/1.1 message syntax whatever the wire protocol: readers know no other.
    EXPECT_TRUE(rec.block.starts_with("HTTP/1.1 200 OK\r\n")) << rec.block.substr(0, 40);
    auto http = ParseHttpResponse(rec.block);
    ASSERT_TRUE(http) << http.error().message;
    EXPECT_EQ(http->status, 200);
    EXPECT_FALSE(http->Header("Content-Type").empty());
    if (rec.Header("WARC-Target-URI").ends_with(".html")) {
      ++pages;
      EXPECT_NE(http->body.find("page of article text"), std::string::npos);
    }
  }
  EXPECT_EQ(responses, 5u);
  EXPECT_EQ(requests, 5u);
  EXPECT_EQ(pages, 3u);
  // The frontier points at readable records.
  auto archived = ListArchivedPages(study);
  ASSERT_TRUE(archived);
  std::size_t page_rows = 0;
  for (const auto& p : *archived) {
    if (p.kind != "page") continue;
    ++page_rows;
    auto rec = WarcReader::ReadAt(study.archive_dir() + "/" + p.warc_file, p.offset);
    ASSERT_TRUE(rec) << rec.error().message;
    EXPECT_EQ(rec->Header("WARC-Record-ID"), p.record_id);
  }
  EXPECT_EQ(page_rows, 3u);
}

// warcio (webrecorder) reads the archive, when tests/interop has it installed.
void ExpectWarcioReads(const corpus::Study& study) {
  std::string tools = std::string(FRAMESCOPE_SOURCE_DIR) + "/tests/interop";
  if (!fs::exists(tools + "/node_modules/warcio")) return;
  for (const auto& e : fs::directory_iterator(study.archive_dir())) {
    std::string out = study.root() + "/warcio.jsonl";
    std::string cmd = "cd " + tools + " && node warcio_list.mjs " + e.path().string() + " > " + out;
    ASSERT_EQ(std::system(cmd.c_str()), 0) << "warcio could not read " << e.path();
    auto text = corpus::ReadFile(out);
    ASSERT_TRUE(text);
    std::size_t ok = 0;
    for (std::size_t at = 0; (at = text->find("\"status\":200", at)) != std::string::npos; ++at)
      ++ok;
    EXPECT_EQ(ok, 5u) << *text;
  }
}

}  // namespace

TEST(Http2Test, UsesHttp2WhereTheServerOffersIt) {
  if (!HaveNodeAndOpenssl()) GTEST_SKIP() << kSkipReason;
  std::string dir = FreshDir("h2");
  TestPki pki;
  ASSERT_TRUE(MakePki(dir, "Framescope test CA", &pki));
  auto server = NodeServer::Start("h2", pki, dir + "/requests.jsonl");
  ASSERT_TRUE(server) << "the node test server did not start";
  // The CA comes from framescope.toml, relative to the study folder.
  std::string root = dir + "/study";
  ASSERT_TRUE(corpus::Study::Init(root));
  fs::copy_file(pki.ca, root + "/test-ca.pem");
  auto text = corpus::ReadFile(root + "/framescope.toml");
  ASSERT_TRUE(text);
  std::string config = *text;
  auto at = config.find("ca_file = \"\"");
  ASSERT_NE(at, std::string::npos);
  config.replace(at, 12, "ca_file = \"test-ca.pem\"");
  ASSERT_TRUE(corpus::WriteFileAtomic(root + "/framescope.toml", config));
  auto study = corpus::Study::Open(root);
  ASSERT_TRUE(study) << study.error().message;
  EXPECT_EQ(study->config().crawl.ca_file, "test-ca.pem");

  CrawlRun run = CrawlSitemap(*study, server->Origin(), study->config().crawl);
  ExpectArchivedOver(*study, run, "h2");
  auto requests = server->Requests();
  EXPECT_EQ(requests.size(), 5u);
  for (const auto& [path, version] : requests) EXPECT_EQ(version, "2.0") << path;
  ExpectWarcioReads(*study);
  fs::remove_all(dir);
}

TEST(Http2Test, FallsBackToHttp11WhenTheServerOffersOnlyThat) {
  if (!HaveNodeAndOpenssl()) GTEST_SKIP() << kSkipReason;
  std::string dir = FreshDir("h1");
  TestPki pki;
  ASSERT_TRUE(MakePki(dir, "Framescope test CA", &pki));
  auto server = NodeServer::Start("http1", pki, dir + "/requests.jsonl");
  ASSERT_TRUE(server) << "the node test server did not start";
  auto study = corpus::Study::Init(dir + "/study");
  ASSERT_TRUE(study);
  corpus::CrawlSettings settings;
  settings.ca_file = pki.ca;  // absolute, as `crawl --ca-file` passes it
  CrawlRun run = CrawlSitemap(*study, server->Origin(), settings);
  ExpectArchivedOver(*study, run, "http/1.1");
  auto requests = server->Requests();
  EXPECT_EQ(requests.size(), 5u);
  for (const auto& [path, version] : requests) EXPECT_EQ(version, "1.1") << path;
  ExpectWarcioReads(*study);
  fs::remove_all(dir);
}

TEST(Http2Test, CertificateFromAnotherAuthorityIsRefused) {
  if (!HaveNodeAndOpenssl()) GTEST_SKIP() << kSkipReason;
  std::string dir = FreshDir("refused");
  fs::create_directories(dir + "/trusted");
  fs::create_directories(dir + "/other");
  TestPki trusted, other;
  ASSERT_TRUE(MakePki(dir + "/trusted", "Framescope trusted CA", &trusted));
  ASSERT_TRUE(MakePki(dir + "/other", "Framescope other CA", &other));
  auto server = NodeServer::Start("h2", other, dir + "/requests.jsonl");
  ASSERT_TRUE(server) << "the node test server did not start";
  auto study = corpus::Study::Init(dir + "/study");
  ASSERT_TRUE(study);
  // With the wrong CA file, and with none (the system's authorities do not know the test CA).
  for (const std::string& ca : {trusted.ca, std::string()}) {
    SCOPED_TRACE("ca_file=" + ca);
    corpus::CrawlSettings settings;
    settings.ca_file = ca;
    CrawlRun run = CrawlSitemap(*study, server->Origin(), settings);
    ASSERT_TRUE(run.summary) << run.summary.error().message;
    EXPECT_EQ(run.summary->fetched, 0u);
    EXPECT_EQ(run.summary->new_pages, 0u);
    EXPECT_EQ(run.summary->already_archived, 0u);
    // robots.txt fails once, without retries, and nothing else of the host is tried.
    EXPECT_EQ(run.summary->failed, 1u);
    ASSERT_EQ(run.summary->failures_by_reason.size(), 1u);
    const std::string& reason = run.summary->failures_by_reason.begin()->first;
    EXPECT_TRUE(reason.starts_with("TLS certificate not trusted: ")) << reason;
    EXPECT_NE(reason.find("unable to get local issuer certificate"), std::string::npos) << reason;
    ASSERT_EQ(run.events.size(), 1u);
    EXPECT_TRUE(run.events[0].url.ends_with("/robots.txt")) << run.events[0].url;
    EXPECT_EQ(run.events[0].outcome, "failed");
    EXPECT_EQ(run.events[0].status, 0);
    EXPECT_EQ(run.events[0].protocol, "");
    ASSERT_EQ(run.warnings.size(), 1u);
    EXPECT_NE(run.warnings[0].find("--ca-file"), std::string::npos) << run.warnings[0];
    auto pages = ListArchivedPages(*study);
    ASSERT_TRUE(pages);
    EXPECT_TRUE(pages->empty());
    EXPECT_TRUE(fs::is_empty(study->archive_dir()));
  }
  EXPECT_TRUE(server->Requests().empty()) << "no request may be sent over an untrusted connection";
  // The sitemap stayed queued: trusting the right authority continues the crawl.
  corpus::CrawlSettings settings;
  settings.ca_file = other.ca;
  CrawlRun run = CrawlSitemap(*study, server->Origin(), settings);
  ExpectArchivedOver(*study, run, "h2");
  EXPECT_EQ(server->Requests().size(), 5u);
  fs::remove_all(dir);
}

TEST(Http2Test, UnreadableCaFileIsAnError) {
  std::string dir = FreshDir("badca");
  auto study = corpus::Study::Init(dir + "/study");
  ASSERT_TRUE(study);
  CrawlOptions opts;
  opts.settings.ca_file = "missing-ca.pem";
  opts.seeds = {"https://127.0.0.1:9/"};
  auto s = Crawl(*study, opts, nullptr, nullptr);
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().message.find(dir + "/study/missing-ca.pem"), std::string::npos)
      << s.error().message;
  // A config value that is not a path is refused when the study is read.
  auto bad = corpus::ParseStudyConfig("[crawl]\nca_file = 3\n", "framescope.toml");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("ca_file"), std::string::npos);
  fs::remove_all(dir);
}

// HTTP/2 responses have no reason phrase and no text status line: the WARC writer stores them in
// HTTP/1.1 syntax with the standard phrase, and the real version as WARC-Protocol.
TEST(Http2Test, WarcWriterStoresHttp2AsHttp11Syntax) {
  std::string dir = FreshDir("writer");
  auto w = WarcWriter::Create(dir, "t", 0, "agent");
  ASSERT_TRUE(w);
  HttpExchange ex;
  ex.url = "https://x.test/gone";
  ex.http_version = "HTTP/2";
  ex.status = 410;
  ex.request_headers = {{"Host", "x.test"}};
  ex.response_headers = {{"content-type", "text/plain"}};
  ex.body = "gone";
  auto ref = (*w)->WriteExchange(ex);
  ASSERT_TRUE(ref);
  auto rec = WarcReader::ReadAt(dir + "/" + ref->file, ref->offset);
  ASSERT_TRUE(rec);
  EXPECT_TRUE(rec->block.starts_with("HTTP/1.1 410 Gone\r\ncontent-type: text/plain\r\n"))
      << rec->block;
  EXPECT_EQ(rec->Header("WARC-Protocol"), "h2");
  EXPECT_EQ(ProtocolName("HTTP/1.0"), "http/1.0");
  EXPECT_EQ(ProtocolName("HTTP/3"), "h3");
  EXPECT_EQ(ProtocolName("SPDY/3"), "");
  EXPECT_EQ(ReasonPhrase(299), "");
  fs::remove_all(dir);
}

}  // namespace framescope::crawler
