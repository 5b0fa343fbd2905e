// The query parser through the public API: malformed queries are errors naming the problem,
// odd but well-formed ones are not, and nothing crashes.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "framescope/index/index.h"
#include "test_corpus.h"

namespace framescope::index {
namespace {

using testing::TempDir;

class QueryTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    auto w = IndexWriter::Open(*dir_ / "db");
    ASSERT_TRUE(w.has_value()) << w.error().message;
    for (auto docs = testing::SampleCorpus(); auto& d : docs) {
      ASSERT_TRUE((*w)->Add(d).has_value());
    }
    ASSERT_TRUE((*w)->Commit().has_value());
    auto s = Searcher::Open(*dir_ / "db");
    ASSERT_TRUE(s.has_value()) << s.error().message;
    searcher_ = s->release();
  }
  static void TearDownTestSuite() {
    delete searcher_;
    searcher_ = nullptr;
    delete dir_;
    dir_ = nullptr;
  }

  static TempDir* dir_;
  static Searcher* searcher_;
};

TempDir* QueryTest::dir_ = nullptr;
Searcher* QueryTest::searcher_ = nullptr;

struct Malformed {
  const char* query;
  const char* problem;  // part of the expected message
};

TEST_F(QueryTest, MalformedQueriesAreInvalidInputNamingTheProblem) {
  const Malformed cases[] = {
      {"\"unclosed", "unclosed quote at character 1"},
      {"social \"black mirror", "unclosed quote at character 8"},
      {"outlet:\"The Harbour", "unclosed quote"},
      {"AND AND", "\"AND\" has nothing before it at character 1"},
      {"AND social", "\"AND\" has nothing before it"},
      {"social AND", "\"AND\" has nothing after it at character 8"},
      {"social OR", "\"OR\" has nothing after it"},
      {"social OR OR credit", "\"OR\" has nothing before it at character 11"},
      {"social NOT", "\"NOT\" has nothing after it"},
      {"NOT NOT social", "\"NOT\" cannot follow \"NOT\""},
      {"social XOR NOT credit", "\"NOT\" cannot follow \"XOR\""},
      {"(social", "unclosed \"(\" at character 1"},
      {"social)", "unmatched \")\" at character 7"},
      {"((social) OR credit", "unclosed \"(\""},
      {"()", "empty brackets"},
      {"social (AND credit)", "\"AND\" has nothing before it"},
      {"(social OR) credit", "\"OR\" has nothing after it"},
      {"NEAR social", "\"NEAR\" has nothing before it"},
      {"social NEAR", "\"NEAR\" has nothing after it"},
      {"social NEAR \"credit system\"", "\"NEAR\" needs a single word on each side"},
      {"\"social credit\" NEAR/3 system", "\"NEAR/3\" needs a single word on each side"},
      {"social NEAR (credit OR score)", "\"NEAR\" needs a single word on each side"},
      {"social NEAR NOT credit", "\"NOT\" cannot follow \"NEAR\""},
      {"social ADJ outlet:x", "\"ADJ\" needs a single word on each side"},
      {"social NEAR surveil*", "\"NEAR\" needs a single word on each side"},
      {"social NEAR credit ADJ score", "\"NEAR\" and \"ADJ\" cannot be chained at character 20"},
      {"title:", "the field \"title:\" needs a value"},
      {"outlet:", "the field \"outlet:\" needs a value"},
      {"outlet: social", "the field \"outlet:\" needs a value"},
      {"outlet:(a b)", "the field \"outlet:\" needs a value"},
      {"lang:\"\"", "the field \"lang:\" needs a value"},
      {"title:\"...\"", "\"title:\" needs a word"},
      {"year:19", "\"year:\" needs a four-digit year"},
      {"year:twenty", "\"year:\" needs a four-digit year"},
      {"date:", "the field \"date:\" needs a value"},
      {"date:..", "\"date:..\" needs at least one date"},
      {"date:2019-13", "bad date \"2019-13\""},
      {"date:2019-02-30", "bad date \"2019-02-30\""},
      {"date:19..2020", "bad date \"19\""},
      {"date:2019/01/01", "bad date"},
      {"date:yesterday", "bad date"},
      {"date:2019-1-1", "bad date"},
      {"date:2018-01-01T10:00..2019", "bad date"},
      {"date:2020..2019", "ends before it starts"},
      {"date:2019-06..2019-05-31", "ends before it starts"},
      {"-", "\"-\" must be followed directly by a word, phrase or group"},
      {"social - credit", "\"-\" must be followed directly by a word, phrase or group"},
      {"NEAR/3", "\"NEAR/3\" has nothing before it"},
      {"social -", "\"-\" must be followed"},
  };
  for (const Malformed& c : cases) {
    SearchOptions o;
    auto r = searcher_->Search(c.query, o);
    ASSERT_FALSE(r.has_value()) << c.query << " was accepted";
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput) << c.query;
    EXPECT_NE(r.error().message.find(c.problem), std::string::npos)
        << c.query << " gave: " << r.error().message;
    EXPECT_NE(r.error().message.find(std::string("\"") + c.query + "\""), std::string::npos)
        << "the message should quote the query: " << r.error().message;
    // Every entry point parses the same way.
    EXPECT_FALSE(searcher_->Documents(c.query, false, false).has_value()) << c.query;
    EXPECT_FALSE(searcher_->Facets(c.query, Field::kOutlet, false).has_value()) << c.query;
    EXPECT_FALSE(searcher_->Kwic(c.query, 10, 0).has_value()) << c.query;
  }
}

TEST_F(QueryTest, PositionsCountCharactersNotBytes) {
  auto r = searcher_->Search("失信 AND", SearchOptions{});
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().message.find("at character 4"), std::string::npos) << r.error().message;
}

TEST_F(QueryTest, OddButWellFormedQueriesAreAccepted) {
  const char* cases[] = {
      "social   credit",
      "SOCIAL",
      "social and credit",  // lower-case operators are words
      "\"\"",
      "--- social",
      "social …",
      "+social +credit",
      "**",
      "* *",
      "Title:nightmare",
      "OUTLET:\"The Harbour Ledger\"",
      "outlet:\"The (Harbour) Ledger\"",
      "date:2019 date:2020",
      "(social) (credit)",
      "((social))",
      "social NEAR/10 credit NEAR score",
      "NOT (social OR credit)",
      "-(social credit)",
      "-\"black mirror\"",
      "social AND NOT credit",
      "social OR NOT credit",
      "unknownfield:value",
      "http://example.org/path",
      "🙂 social",
      "C++ c# .net",
      "e-mail",
      "Überwachungsstaat",
      "ＳＯＣＩＡＬ",  // full-width letters fold to "social"
      "失信被执行人 OR 诚信",
      "日本の社会信用システム",
      "a*",
      "title:black*",
      "-*",  // everything excluded: matches nothing
  };
  for (const char* q : cases) {
    auto r = searcher_->Search(q, SearchOptions{});
    EXPECT_TRUE(r.has_value()) << q << ": " << (r ? "" : r.error().message);
  }
  EXPECT_EQ(searcher_->Search("ＳＯＣＩＡＬ", SearchOptions{})->total,
            searcher_->Search("social", SearchOptions{})->total);
  // Lower-case "and" is a word every hit must contain (es-diario and fr-monde have none).
  EXPECT_EQ(searcher_->Search("social and credit", SearchOptions{})->total, 3u);
  EXPECT_EQ(searcher_->Search("social AND credit", SearchOptions{})->total, 5u);
  EXPECT_EQ(searcher_->Search("-(social credit) lang:en", SearchOptions{})->total, 2u);
  EXPECT_EQ(searcher_->Search("-*", SearchOptions{})->total, 0u);
  // A sign on something with no word in it is dropped with it, not applied to the next word.
  const std::size_t social = searcher_->Search("social", SearchOptions{})->total;
  EXPECT_EQ(searcher_->Search("--- social", SearchOptions{})->total, social);
  EXPECT_EQ(searcher_->Search("-\"\" social", SearchOptions{})->total, social);
  EXPECT_EQ(searcher_->Search("-… social", SearchOptions{})->total, social);
}

TEST_F(QueryTest, RandomBytesNeverCrash) {
  std::mt19937 rng(12345);
  const std::string alphabet = "ab \"()*:-+.NOTANDORNEAR/3date:2019..title:outlet:\xe5\xa4\xb1\xff";
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  std::uniform_int_distribution<int> len(0, 24);
  for (int i = 0; i < 2000; ++i) {
    std::string q;
    for (int n = len(rng); n > 0; --n) q.push_back(alphabet[pick(rng)]);
    auto r = searcher_->Search(q, SearchOptions{});
    if (!r) {
      EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput) << q;
    }
  }
}

TEST_F(QueryTest, InvalidUtf8IsHandled) {
  auto r = searcher_->Search(std::string("soc\xff\xfe"
                                         "ial"),
                             SearchOptions{});
  EXPECT_TRUE(r.has_value()) << r.error().message;
  auto k = searcher_->Kwic(std::string("\xc3"), 5, 0);
  EXPECT_TRUE(k.has_value()) << k.error().message;
}

}  // namespace
}  // namespace framescope::index
