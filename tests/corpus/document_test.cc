#include "framescope/corpus/document.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "framescope/corpus/hash.h"
#include "framescope/corpus/sources.h"
#include "framescope/corpus/study.h"

namespace framescope::corpus {

TEST(DocumentTest, JsonRoundTrip) {
  Document d;
  d.id = "abc";
  d.url = "http://x.test/a";
  d.title = "Titre « guillemets »";
  d.text = "Line one\n\nLine two";
  d.authors = {"A. Writer", "B. Writer"};
  d.scores = {{"alarmist", 0.25}, {"balanced", 0.75}};
  d.archive.record_id = "<urn:uuid:1>";
  auto back = DocumentFromJson(ToJson(d));
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->title, d.title);
  EXPECT_EQ(back->text, d.text);
  EXPECT_EQ(back->authors, d.authors);
  EXPECT_DOUBLE_EQ(back->scores.at("balanced"), 0.75);
  EXPECT_EQ(back->archive.record_id, "<urn:uuid:1>");
}

TEST(DocumentTest, MalformedJsonIsAnErrorNotACrash) {
  for (const char* bad : {"", "{", "[1,2]", "{\"title\": \"no text\"}", "{\"text\": 5}", "nul",
                          "{\"text\":\"a\",}", "\xff\xfe"}) {
    EXPECT_FALSE(DocumentFromJson(bad)) << bad;
  }
}

TEST(DocumentTest, JsonlSkipsBadLinesAndReportsThem) {
  std::string path = ::testing::TempDir() + "/docs.jsonl";
  {
    std::ofstream out(path);
    out << "{\"text\": \"good one\"}\n{broken\n\n{\"text\": \"good two\", \"id\": \"x\"}\n";
  }
  std::vector<Document> docs;
  std::vector<std::string> errors;
  auto n = ReadJsonl(path, [&](Document&& d) { docs.push_back(d); },
                     [&](const Error& e) { errors.push_back(e.message); });
  ASSERT_TRUE(n);
  EXPECT_EQ(*n, 2u);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("docs.jsonl:2"), std::string::npos);
  EXPECT_EQ(docs[1].id, "x");
  EXPECT_EQ(docs[0].id.size(), 16u);
}

TEST(HashTest, Sha1KnownVectors) {
  EXPECT_EQ(Sha1Hex("abc"), "a9993e364706816aba3e25717850c26c9cd0d89d");
  EXPECT_EQ(Sha1Hex(""), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  EXPECT_EQ(Sha1Hex(std::string(1000000, 'a')), "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
  EXPECT_EQ(WarcSha1(""), "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ");
}

std::string DigestOf(std::string_view data, bool hardware, std::size_t chunk) {
  Sha1 s(hardware);
  for (std::size_t at = 0; at < data.size(); at += chunk) s.Update(data.substr(at, chunk));
  return Hex(s.Final());
}

TEST(HashTest, Sha1InstructionsAgreeWithThePortableCode) {
  // Known vectors through both paths (the hardware one only where the CPU has it).
  const std::string two_blocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  for (bool hw : {false, true}) {
    EXPECT_EQ(DigestOf("abc", hw, 64), "a9993e364706816aba3e25717850c26c9cd0d89d") << hw;
    EXPECT_EQ(DigestOf(two_blocks, hw, 64), "84983e441c3bd26ebaae4aa1f95129e5e54670f1") << hw;
    EXPECT_EQ(DigestOf(std::string(1000000, 'a'), hw, 4096),
              "34aa973cd4c4daa4f61eeb2bdbad27316534016f")
        << hw;
  }
  // Every length around the block boundaries, fed whole and in odd pieces.
  std::string data;
  std::uint32_t x = 12345;
  for (int i = 0; i < 70000; ++i) {
    x = x * 1103515245u + 12345u;
    data.push_back(static_cast<char>(x >> 24));
  }
  for (std::size_t len : {0, 1, 55, 56, 63, 64, 65, 119, 120, 127, 128, 129, 191, 640, 4097, 70000}) {
    const std::string_view d(data.data(), len);
    const std::string want = DigestOf(d, false, len ? len : 1);
    EXPECT_EQ(DigestOf(d, true, len ? len : 1), want) << len;
    EXPECT_EQ(DigestOf(d, true, 7), want) << len;
    EXPECT_EQ(DigestOf(d, true, 200), want) << len;
  }
  if (!Sha1::HardwareAvailable()) GTEST_LOG_(INFO) << "no SHA instructions: portable code only";
}

TEST(ReadFileTest, ReadsWholeFilesEmptyOnesAndOnesOfNoKnownSize) {
  const std::string path = ::testing::TempDir() + "/framescope-readfile.bin";
  std::string data;
  for (int i = 0; i < 200000; ++i) data.push_back(static_cast<char>(i * 7 % 256));
  { std::ofstream(path, std::ios::binary) << data; }
  EXPECT_EQ(ReadFile(path).value_or(""), data);
  { std::ofstream(path, std::ios::binary | std::ios::trunc); }
  auto empty = ReadFile(path);
  ASSERT_TRUE(empty.has_value());
  EXPECT_TRUE(empty->empty());
  std::remove(path.c_str());
  EXPECT_EQ(ReadFile(path).error().code, ErrorCode::kNotFound);
  // /proc files report a size of 0 but have content.
  auto status = ReadFile("/proc/self/status");
  ASSERT_TRUE(status.has_value());
  EXPECT_NE(status->find("Name:"), std::string::npos);
}

TEST(SourcesTest, FindsOutletBySubdomainAndReportsBadCsv) {
  auto t = SourceTable::Parse(
      "name,domains,country,type\n\"Ledger, The\",ledger.test;ledger.co.uk,GB,western_press\n",
      "sources.csv");
  ASSERT_TRUE(t);
  ASSERT_NE(t->FindByUrl("https://www.ledger.test/a"), nullptr);
  EXPECT_EQ(t->FindByUrl("https://www.ledger.test/a")->name, "Ledger, The");
  EXPECT_EQ(t->FindByUrl("https://notledger.test/"), nullptr);
  auto bad = SourceTable::Parse("name,domains\n\"unterminated,x\n", "s.csv");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("s.csv:2"), std::string::npos);
  EXPECT_FALSE(SourceTable::Parse("title,url\nx,y\n", "s.csv"));
}

}  // namespace framescope::corpus
