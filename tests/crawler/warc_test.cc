#include "framescope/crawler/warc.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include <zlib.h>

#include "framescope/corpus/hash.h"
#include "framescope/corpus/study.h"

namespace framescope::crawler {
namespace fs = std::filesystem;

namespace {
std::string TempDir(const std::string& name) {
  std::string d = ::testing::TempDir() + "/warc_" + name + "_" + std::to_string(::getpid());
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

HttpExchange Exchange(const std::string& url, const std::string& body) {
  HttpExchange ex;
  ex.url = url;
  ex.status = 200;
  ex.reason = "OK";
  ex.request_headers = {{"Host", "x.test"}, {"User-Agent", "test"}};
  ex.response_headers = {{"Content-Type", "text/html; charset=utf-8"},
                         {"Content-Length", std::to_string(body.size())}};
  ex.body = body;
  return ex;
}
}  // namespace

TEST(WarcTest, WritesRecordsThatReadBackWithDigests) {
  std::string dir = TempDir("rt");
  auto w = WarcWriter::Create(dir, "t", 0, "test-agent");
  ASSERT_TRUE(w);
  auto ref = (*w)->WriteExchange(Exchange("http://x.test/a", "<p>hello</p>"));
  ASSERT_TRUE(ref);
  EXPECT_EQ(ref->digest, corpus::WarcSha1("<p>hello</p>"));
  std::string path = dir + "/" + ref->file;
  auto r = WarcReader::Open(path);
  ASSERT_TRUE(r);
  std::vector<std::string> types;
  for (;;) {
    auto rec = (*r)->Next();
    ASSERT_TRUE(rec) << rec.error().message;
    if (!*rec) break;
    types.push_back((*rec)->Header("WARC-Type"));
    EXPECT_EQ((*rec)->Header("WARC-Block-Digest"), corpus::WarcSha1((*rec)->block));
    if ((*rec)->Header("WARC-Type") == "response") {
      EXPECT_EQ((*rec)->Header("WARC-Record-ID"), ref->record_id);
      auto http = ParseHttpResponse((*rec)->block);
      ASSERT_TRUE(http);
      EXPECT_EQ(http->status, 200);
      EXPECT_EQ(http->body, "<p>hello</p>");
    }
  }
  EXPECT_EQ(types, (std::vector<std::string>{"warcinfo", "response", "request"}));
  auto at = WarcReader::ReadAt(path, ref->offset);
  ASSERT_TRUE(at);
  EXPECT_EQ(at->Header("WARC-Target-URI"), "http://x.test/a");
}

TEST(WarcTest, BatchesWrittenOnSeveralThreadsKeepTheirOrderAndRotateFiles) {
  std::string dir = TempDir("batch");
  // Files rotate after 20 kB, so a batch of 40 records spreads over several files.
  auto w = WarcWriter::Create(dir, "b", 20000, "test-agent");
  ASSERT_TRUE(w);
  (*w)->set_compression_level(1);
  std::vector<WarcWriter::Record> batch;
  for (int i = 0; i < 40; ++i) {
    std::string body = "<p>page " + std::to_string(i) + "</p>";
    // Letters from a pseudo-random sequence, so that compression cannot shrink them much.
    std::uint32_t x = 12345u + static_cast<std::uint32_t>(i);
    for (int k = 0; k < 1000 + 37 * i; ++k) {
      x = x * 1103515245u + 12345u;
      body += static_cast<char>('a' + (x >> 16) % 26);
    }
    batch.push_back({"resource", {{"WARC-Target-URI", "file:///p" + std::to_string(i)}},
                     "text/html", body});
  }
  auto refs = (*w)->WriteRecords(batch, 4);
  ASSERT_TRUE(refs) << refs.error().message;
  ASSERT_EQ(refs->size(), batch.size());
  std::set<std::string> files;
  for (std::size_t i = 0; i < batch.size(); ++i) {
    const auto& ref = (*refs)[i];
    files.insert(ref.file);
    EXPECT_EQ(ref.digest, corpus::WarcSha1(batch[i].block));
    auto rec = WarcReader::ReadAt(dir + "/" + ref.file, ref.offset);
    ASSERT_TRUE(rec) << rec.error().message;
    EXPECT_EQ(rec->Header("WARC-Record-ID"), ref.record_id);
    EXPECT_EQ(rec->Header("WARC-Target-URI"), "file:///p" + std::to_string(i));
    EXPECT_EQ(rec->Header("WARC-Block-Digest"), ref.digest);
    EXPECT_EQ(rec->block, batch[i].block);
  }
  EXPECT_GT(files.size(), 2u);
  // Within each file, records follow the batch order, each file opening with its warcinfo.
  int expected = 0;
  std::vector<std::string> names(files.begin(), files.end());
  for (const auto& f : names) {
    auto r = WarcReader::Open(dir + "/" + f);
    ASSERT_TRUE(r);
    bool first = true;
    for (;;) {
      auto rec = (*r)->Next();
      ASSERT_TRUE(rec) << rec.error().message;
      if (!*rec) break;
      if (first) {
        EXPECT_EQ((*rec)->Header("WARC-Type"), "warcinfo");
        first = false;
        continue;
      }
      EXPECT_EQ((*rec)->Header("WARC-Target-URI"), "file:///p" + std::to_string(expected++));
    }
  }
  EXPECT_EQ(expected, 40);
}

TEST(WarcTest, RecordsLargerThanTheReadWindowReadBackWhole) {
  // The reader inflates whole members from a 4 MiB window into at most 16 MiB; bigger members
  // (here 9 MiB and 20 MiB of letters that barely compress) take the streaming path.
  std::string dir = TempDir("big");
  auto w = WarcWriter::Create(dir, "g", 0, "test-agent");
  ASSERT_TRUE(w);
  auto letters = [](std::size_t n, std::uint32_t seed) {
    std::string s(n, 'a');
    for (auto& c : s) {
      seed = seed * 1103515245u + 12345u;
      c = static_cast<char>('a' + (seed >> 16) % 26);
    }
    return s;
  };
  std::vector<std::string> blocks = {"<p>small one</p>", letters(9u << 20, 1), "<p>small two</p>",
                                     letters(20u << 20, 2), "<p>small three</p>"};
  std::vector<WarcWriter::Record> batch;
  for (std::size_t i = 0; i < blocks.size(); ++i)
    batch.push_back({"resource", {{"WARC-Target-URI", "file:///b" + std::to_string(i)}},
                     "text/plain", blocks[i]});
  auto refs = (*w)->WriteRecords(batch);
  ASSERT_TRUE(refs);
  auto r = WarcReader::Open(dir + "/" + refs->front().file);
  ASSERT_TRUE(r);
  std::size_t i = 0;
  for (;;) {
    auto rec = (*r)->Next();
    ASSERT_TRUE(rec) << rec.error().message;
    if (!*rec) break;
    if ((*rec)->Header("WARC-Type") == "warcinfo") continue;
    ASSERT_LT(i, blocks.size());
    EXPECT_EQ((*rec)->offset, (*refs)[i].offset);
    EXPECT_TRUE((*rec)->block == blocks[i]) << "record " << i;
    ++i;
  }
  EXPECT_EQ(i, blocks.size());
}

TEST(WarcTest, TruncatedRecordIsDetectedNotReadAsWhole) {
  std::string dir = TempDir("trunc");
  std::string file;
  std::uint64_t cut = 0;
  {
    auto w = WarcWriter::Create(dir, "t", 0, "test-agent");
    ASSERT_TRUE(w);
    ASSERT_TRUE((*w)->WriteExchange(Exchange("http://x.test/1", std::string(5000, 'a'))));
    auto last = (*w)->WriteExchange(Exchange("http://x.test/2", std::string(20000, 'b') + "END"));
    ASSERT_TRUE(last);
    file = dir + "/" + last->file;
    cut = last->offset + 100;
  }
  // Cut the file in the middle of the last response record, as a kill -9 during a write would.
  fs::resize_file(file, cut);
  auto r = WarcReader::Open(file);
  ASSERT_TRUE(r);
  int good = 0, errors = 0;
  for (int guard = 0; guard < 20; ++guard) {
    auto rec = (*r)->Next();
    if (!rec) {
      ++errors;
      EXPECT_NE(rec.error().message.find("offset"), std::string::npos);
      continue;
    }
    if (!*rec) break;
    ++good;
    EXPECT_EQ((*rec)->block.find("END"), std::string::npos);
  }
  EXPECT_EQ(errors, 1);
  EXPECT_EQ(good, 3);  // warcinfo, response and request of the first exchange
}

TEST(WarcTest, CorruptAndForeignInputsGiveErrors) {
  std::string dir = TempDir("bad");
  const std::pair<const char*, std::string> cases[] = {
      {"garbage.warc", "this is not a warc file\r\n\r\n"},
      {"badlen.warc", "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 999\r\n\r\nshort"},
      {"badgz.warc.gz", std::string("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03garbage", 18)},
  };
  for (const auto& [name, content] : cases) {
    std::ofstream(dir + "/" + name, std::ios::binary) << content;
    auto r = WarcReader::Open(dir + "/" + name);
    ASSERT_TRUE(r);
    auto rec = (*r)->Next();
    EXPECT_FALSE(rec) << name;
    auto after = (*r)->Next();  // the reader moves on instead of looping
    EXPECT_TRUE(!after || !*after) << name;
  }
  EXPECT_FALSE(WarcReader::Open(dir + "/missing.warc"));
}

TEST(WarcTest, InflateRefusesBombsAndTruncation) {
  std::string big(10 << 20, 'x');
  // Make a gzip of 10 MiB of 'x' through a WARC member and take its bytes.
  std::string dir = TempDir("bomb");
  auto w = WarcWriter::Create(dir, "t", 0, "a");
  ASSERT_TRUE(w);
  auto ref = (*w)->WriteRecord("resource", {}, "text/plain", big);
  ASSERT_TRUE(ref);
  auto read = corpus::ReadFile(dir + "/" + ref->file);
  ASSERT_TRUE(read);
  std::string bytes = *read;
  std::string member = bytes.substr(ref->offset);
  EXPECT_FALSE(Inflate(member, 1 << 20));  // over the limit
  auto full = Inflate(member, 64u << 20);
  ASSERT_TRUE(full);
  EXPECT_FALSE(Inflate(member.substr(0, member.size() / 2), 64u << 20));
}

}  // namespace framescope::crawler

namespace framescope::crawler {

// ARC files (the format before WARC, e.g. old Internet Archive and Heritrix crawls) read as the
// WARC records they would have been, plain or one gzip member per record.
TEST(WarcTest, ReadsArcFilesPlainAndGzipped) {
  std::string dir = TempDir("arc");
  std::string http = "HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n<p>old page</p>";
  std::string desc = "1 0 Framescope test\nURL IP-address Archive-date Content-type Archive-length\n";
  std::string r0 = "filedesc://test.arc 0.0.0.0 20050614070159 text/plain " +
                   std::to_string(desc.size()) + "\n" + desc + "\n";
  std::string r1 = "http://old.test/page.html 192.0.2.7 20050614070201 text/html " +
                   std::to_string(http.size()) + "\n" + http + "\n";
  std::ofstream(dir + "/t.arc", std::ios::binary) << r0 << r1;
  // Gzipped: one member per record, as Heritrix wrote them.
  auto gzip = [](const std::string& data) {
    z_stream zs{};
    deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY);
    std::string out(deflateBound(&zs, static_cast<uLong>(data.size())) + 32, '\0');
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    zs.avail_in = static_cast<uInt>(data.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    deflate(&zs, Z_FINISH);
    out.resize(zs.total_out);
    deflateEnd(&zs);
    return out;
  };
  std::ofstream(dir + "/t.arc.gz", std::ios::binary) << gzip(r0) << gzip(r1);
  for (const std::string& path : {dir + "/t.arc", dir + "/t.arc.gz"}) {
    auto r = WarcReader::Open(path);
    ASSERT_TRUE(r);
    auto info = (*r)->Next();
    ASSERT_TRUE(info && *info) << (info ? "" : info.error().message);
    EXPECT_EQ((*info)->Header("WARC-Type"), "warcinfo");
    auto page = (*r)->Next();
    ASSERT_TRUE(page && *page) << (page ? "" : page.error().message);
    EXPECT_EQ((*page)->Header("WARC-Type"), "response");
    EXPECT_EQ((*page)->Header("WARC-Target-URI"), "http://old.test/page.html");
    EXPECT_EQ((*page)->Header("WARC-Date"), "2005-06-14T07:02:01Z");
    auto parsed = ParseHttpResponse((*page)->block);
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->body, "<p>old page</p>");
    auto end = (*r)->Next();
    ASSERT_TRUE(end);
    EXPECT_FALSE(*end);
  }
  // Truncated ARC record: an error, never a short page.
  std::ofstream(dir + "/cut.arc", std::ios::binary) << r0 << r1.substr(0, r1.size() - 10);
  auto r = WarcReader::Open(dir + "/cut.arc");
  ASSERT_TRUE(r);
  ASSERT_TRUE((*r)->Next());
  EXPECT_FALSE((*r)->Next());
}

}  // namespace framescope::crawler

namespace framescope::crawler {

// Folded header lines (a line starting with a blank continues the previous header). A line of
// only blanks continues nothing; it used to throw std::out_of_range (found by the WARC fuzzer,
// tests/fuzz/regressions/warc-blank-continuation-line.warc).
TEST(WarcTest, BlankContinuationLinesAreIgnored) {
  std::string dir = TempDir("fold");
  std::string block = "hello";
  std::string record = "WARC/1.1\r\nWARC-Type: resource\r\nWARC-Target-URI: http://x.test/\r\n"
                       "X-Folded: first\r\n   second\r\n  \r\n\t\r\nContent-Length: 5\r\n\r\n" +
                       block + "\r\n\r\n";
  for (const std::string& head : {std::string(), std::string("   \r\n")}) {
    // Also a blank continuation line before any header: nothing to continue.
    std::string text = record;
    text.insert(text.find("\r\n") + 2, head);
    std::ofstream(dir + "/f.warc", std::ios::binary | std::ios::trunc) << text;
    auto r = WarcReader::Open(dir + "/f.warc");
    ASSERT_TRUE(r);
    auto rec = (*r)->Next();
    ASSERT_TRUE(rec && *rec) << (rec ? "" : rec.error().message);
    EXPECT_EQ((*rec)->Header("X-Folded"), "first second");
    EXPECT_EQ((*rec)->Header("WARC-Type"), "resource");
    EXPECT_EQ((*rec)->block, block);
    auto end = (*r)->Next();
    ASSERT_TRUE(end);
    EXPECT_FALSE(*end);
  }
}

// Inputs the fuzzers found: each must end (an error is fine), never loop or crash.
TEST(WarcTest, FuzzerRegressionsTerminate) {
  std::string dir = std::string(FRAMESCOPE_SOURCE_DIR) + "/tests/fuzz/regressions";
  std::size_t files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (!e.path().string().ends_with(".warc")) continue;
    ++files;
    auto r = WarcReader::Open(e.path().string());
    ASSERT_TRUE(r);
    int steps = 0;
    for (; steps < 1000; ++steps) {
      auto rec = (*r)->Next();
      if (rec && !*rec) break;
    }
    EXPECT_LT(steps, 1000) << e.path() << ": the reader stopped advancing";
  }
  EXPECT_GT(files, 0u);
}

}  // namespace framescope::crawler
