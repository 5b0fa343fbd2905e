#include "framescope/corpus/document.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "framescope/corpus/hash.h"
#include "framescope/corpus/sources.h"

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
