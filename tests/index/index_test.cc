#include "framescope/index/index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <optional>
#include <set>
#include <thread>

#include "test_corpus.h"

namespace framescope::index {
namespace {

using testing::SampleCorpus;
using testing::TempDir;

// One index of the sample corpus, built once for the read-only tests.
class IndexTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    auto writer = IndexWriter::Open(db_path());
    ASSERT_TRUE(writer.has_value()) << writer.error().message;
    std::vector<corpus::Document> docs = SampleCorpus();
    for (corpus::Document& d : docs) {
      auto added = (*writer)->Add(d);
      ASSERT_TRUE(added.has_value()) << added.error().message;
      ASSERT_TRUE(*added) << d.id;
      clusters_[d.id] = d.cluster;
    }
    ASSERT_TRUE((*writer)->Commit().has_value());
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

  static std::string db_path() { return *dir_ / "db"; }

  static std::unique_ptr<Searcher> Open(const std::string& path = db_path()) {
    auto s = Searcher::Open(path);
    EXPECT_TRUE(s.has_value()) << s.error().message;
    return s ? std::move(*s) : nullptr;
  }

  // Ids of every hit of `query`, sorted.
  static std::set<std::string> Ids(const std::string& query, bool dedup = false) {
    auto s = Open();
    SearchOptions o;
    o.limit = 100;
    o.dedup = dedup;
    auto r = s->Search(query, o);
    EXPECT_TRUE(r.has_value()) << query << ": " << (r ? "" : r.error().message);
    std::set<std::string> ids;
    if (!r) return ids;
    EXPECT_EQ(r->total, r->hits.size()) << query;
    for (const Hit& h : r->hits) ids.insert(h.doc.id);
    return ids;
  }

  static std::size_t Total(const std::string& query, bool dedup = false) {
    auto s = Open();
    SearchOptions o;
    o.limit = 0;
    o.dedup = dedup;
    auto r = s->Search(query, o);
    EXPECT_TRUE(r.has_value()) << query << ": " << (r ? "" : r.error().message);
    return r ? r->total : 0;
  }

  static TempDir* dir_;
  static std::map<std::string, std::string> clusters_;
};

TempDir* IndexTest::dir_ = nullptr;
std::map<std::string, std::string> IndexTest::clusters_;

using IdSet = std::set<std::string>;

TEST_F(IndexTest, EveryDocumentIsIndexed) {
  auto s = Open();
  EXPECT_EQ(s->doc_count(), SampleCorpus().size());
  EXPECT_FALSE(s->revision().empty());
}

TEST_F(IndexTest, PlainWordsAreAndedAndCaseInsensitive) {
  EXPECT_EQ(Ids("orwellian"), (IdSet{"en-ledger", "en-wire"}));
  EXPECT_EQ(Ids("ORWELLIAN Nightmare"), (IdSet{"en-ledger", "en-wire"}));
  EXPECT_EQ(Ids("orwellian defaulters"), IdSet{});
  EXPECT_EQ(Ids("orwellian OR defaulters"), (IdSet{"en-ledger", "en-wire", "en-review"}));
}

TEST_F(IndexTest, PhraseMatchesOnlyAdjacentWordsInOrder) {
  EXPECT_EQ(Ids("\"black mirror\""), (IdSet{"en-ledger", "en-wire"}));
  EXPECT_EQ(Ids("\"mirror black\""), IdSet{});
  EXPECT_EQ(Ids("\"judgment defaulters\""), IdSet{"en-review"});
  EXPECT_EQ(Ids("\"crédit social\""), IdSet{"fr-monde"});  // es-diario: "crédito social"
  EXPECT_EQ(Ids("\"social crédit\""), IdSet{});
}

TEST_F(IndexTest, HyphenatedAndDottedWordsMatchAsPhrases) {
  EXPECT_EQ(Ids("U.S."), IdSet{"en-controls"});
  EXPECT_EQ(Ids("u.s"), IdSet{"en-controls"});
  EXPECT_EQ(Ids("China's"), (IdSet{"en-ledger", "en-wire"}));
  EXPECT_EQ(Ids("China’s"), (IdSet{"en-ledger", "en-wire"}));
}

TEST_F(IndexTest, AccentsAndCaseFoldLikeTheIndex) {
  EXPECT_EQ(Ids("überwachungsstaat"), IdSet{"de-zeit"});
  EXPECT_EQ(Ids("Überwachungsstaat"), IdSet{"de-zeit"});
  // Case folding maps ß to ss on both sides.
  EXPECT_EQ(Ids("strasse"), IdSet{"de-zeit"});
  EXPECT_EQ(Ids("STRASSE"), IdSet{"de-zeit"});
  // Accents are kept: in a phrase (never stemmed) "credit" does not match "crédit".
  EXPECT_EQ(Ids("\"credit social\""), IdSet{});
  // A single word also matches through the stemmer of each document's language: the Spanish
  // stemmer takes both "crédit" and "crédito" to "credit".
  EXPECT_EQ(Ids("crédit"), (IdSet{"fr-monde", "es-diario"}));
}

TEST_F(IndexTest, TitlePrefixSearchesTitlesOnly) {
  EXPECT_EQ(Ids("title:nightmare"), IdSet{"en-ledger"});
  EXPECT_EQ(Ids("nightmare"), (IdSet{"en-ledger", "en-wire"}));
  EXPECT_EQ(Ids("title:\"black mirror\""), (IdSet{"en-ledger", "en-wire"}));
  EXPECT_EQ(Ids("Title:(myths facts)"), IdSet{"en-review"});
}

TEST_F(IndexTest, BooleanPrefixesFilterOnNormalisedValues) {
  EXPECT_EQ(Ids("outlet:\"The Harbour Ledger\""), IdSet{"en-ledger"});
  EXPECT_EQ(Ids("outlet:\"the  HARBOUR ledger\""), IdSet{"en-ledger"});
  EXPECT_EQ(Ids("outlet:harbour"), IdSet{});
  EXPECT_EQ(Ids("lang:fr"), IdSet{"fr-monde"});
  EXPECT_EQ(Ids("language:FR"), IdSet{"fr-monde"});
  EXPECT_EQ(Ids("lang:de-AT"), IdSet{"de-zeit"});
  EXPECT_EQ(Ids("country:cn"), (IdSet{"zh-daily", "zh-xinhua"}));
  EXPECT_EQ(Ids("type:state_media"), (IdSet{"zh-daily", "zh-xinhua"}));
  EXPECT_EQ(Ids("frame:alarmist"), (IdSet{"en-ledger", "en-wire", "fr-monde"}));
  EXPECT_EQ(Ids("author:\"Jane Doe\""), (IdSet{"en-ledger", "en-review"}));
  EXPECT_EQ(Ids("year:2019"), (IdSet{"en-review", "fr-monde", "de-zeit", "zh-daily"}));
  EXPECT_EQ(Ids("outlet:人民日报"), IdSet{"zh-daily"});
  // Two values of one field are alternatives; different fields must all hold.
  EXPECT_EQ(Ids("lang:fr lang:de"), (IdSet{"fr-monde", "de-zeit"}));
  EXPECT_EQ(Ids("frame:balanced country:us"), (IdSet{"en-review", "en-controls"}));
  EXPECT_EQ(Ids("social frame:alarmist lang:en"), (IdSet{"en-ledger", "en-wire"}));
}

TEST_F(IndexTest, DateRangesIncludeWholeYearsAndMonths) {
  const IdSet y2019{"en-review", "fr-monde", "de-zeit", "zh-daily"};
  EXPECT_EQ(Ids("date:2019-01-01..2019-12-31"), y2019);
  EXPECT_EQ(Ids("date:2019..2019"), y2019);
  EXPECT_EQ(Ids("date:2019"), y2019);
  EXPECT_EQ(Ids("date:2018..2019"),
            (IdSet{"en-ledger", "en-wire", "en-review", "fr-monde", "de-zeit", "zh-daily"}));
  EXPECT_EQ(Ids("date:2019-06..2019-07"), (IdSet{"en-review", "zh-daily"}));
  EXPECT_EQ(Ids("date:2018-03-06"), IdSet{"en-wire"});
  EXPECT_EQ(Ids("date:2020.."), (IdSet{"en-controls", "es-diario", "zh-xinhua"}));
  EXPECT_EQ(Ids("date:..2018"), (IdSet{"en-ledger", "en-wire"}));
  EXPECT_EQ(Ids("crédit date:2020"), IdSet{"es-diario"});
}

TEST_F(IndexTest, StarAndEmptyQueryMatchEverything) {
  const std::size_t n = SampleCorpus().size();
  EXPECT_EQ(Total("*"), n);
  EXPECT_EQ(Total(""), n);
  EXPECT_EQ(Total("  "), n);
  EXPECT_EQ(Total("* NOT lang:en"), n - 5);
  EXPECT_EQ(Total("* lang:zh"), 2u);
  EXPECT_EQ(Total("* AND lang:zh"), 2u);
}

TEST_F(IndexTest, NotAndMinusExcludeExactlyTheNextOperand) {
  // "social" is also a French and Spanish word.
  EXPECT_EQ(Ids("social NOT mirror"), (IdSet{"en-review", "fr-monde", "es-diario"}));
  EXPECT_EQ(Ids("social -mirror"), (IdSet{"en-review", "fr-monde", "es-diario"}));
  EXPECT_EQ(Ids("social NOT mirror lang:en"), IdSet{"en-review"});
  EXPECT_EQ(Ids("NOT mirror social lang:en"), IdSet{"en-review"});
  EXPECT_EQ(Ids("social -\"black mirror\" -blacklist"), (IdSet{"fr-monde", "es-diario"}));
  EXPECT_EQ(Ids("NOT lang:en NOT lang:zh"), (IdSet{"fr-monde", "de-zeit", "es-diario"}));
  EXPECT_EQ(Ids("-outlet:\"policy review\" lang:en"), (IdSet{"en-ledger", "en-wire"}));
  EXPECT_EQ(Ids("lang:en NOT outlet:\"policy review\""), (IdSet{"en-ledger", "en-wire"}));
  EXPECT_EQ(Ids("social AND NOT (mirror OR blacklist)"), (IdSet{"fr-monde", "es-diario"}));
  EXPECT_EQ(Ids("(social OR crédit) NOT lang:en"), (IdSet{"fr-monde", "es-diario"}));
  EXPECT_EQ(Ids("orwellian OR NOT lang:en"), (IdSet{"en-ledger", "en-wire", "fr-monde", "de-zeit",
                                                    "es-diario", "zh-daily", "zh-xinhua"}));
}

TEST_F(IndexTest, NearAndWildcards) {
  EXPECT_EQ(Ids("orwellian NEAR/3 nightmare"), (IdSet{"en-ledger", "en-wire"}));
  EXPECT_EQ(Ids("orwellian NEAR/3 dictatorship"), IdSet{});
  EXPECT_EQ(Ids("orwellian NEAR/3 nightmare lang:en NOT outlet:\"coastal wire\""),
            IdSet{"en-ledger"});
  EXPECT_EQ(Ids("black ADJ mirror"), (IdSet{"en-ledger", "en-wire"}));
  EXPECT_EQ(Ids("mirror ADJ black"), IdSet{});
  EXPECT_EQ(Ids("surveil*"), (IdSet{"en-controls", "fr-monde"}));
  EXPECT_EQ(Ids("defaulter*"), IdSet{"en-review"});
}

TEST_F(IndexTest, ChineseWordQueryFindsOnlyTheDocumentWithThatWord) {
  // Indexed as the words 失信 / 被 / 执行 / 人; zh-xinhua has 失信 but not the whole term.
  EXPECT_EQ(Ids("失信被执行人"), IdSet{"zh-daily"});
  EXPECT_EQ(Ids("\"失信被执行人\""), IdSet{"zh-daily"});
  EXPECT_EQ(Ids("失信"), (IdSet{"zh-daily", "zh-xinhua"}));
  EXPECT_EQ(Ids("社会信用体系"), (IdSet{"zh-daily", "zh-xinhua"}));
  EXPECT_EQ(Ids("诚信 NOT 被执行人"), IdSet{"zh-xinhua"});
  EXPECT_EQ(Ids("title:诚信为本"), IdSet{"zh-xinhua"});
}

TEST_F(IndexTest, StemmedFormsMatchWithinTheDocumentsLanguage) {
  // "control" is not in any text; en-controls has "controls" (English stem "control").
  EXPECT_EQ(Ids("control"), IdSet{"en-controls"});
  EXPECT_EQ(Ids("defaulter"), IdSet{"en-review"});
  // Exact words match whatever the language.
  EXPECT_EQ(Ids("controls"), IdSet{"en-controls"});
}

TEST_F(IndexTest, FacetCountsEqualSearchTotalsPerValue) {
  auto s = Open();
  for (const char* query : {"*", "social", "date:2019..2020"}) {
    for (Field f : {Field::kOutlet, Field::kLanguage, Field::kCountry, Field::kType, Field::kFrame,
                    Field::kYear, Field::kAuthor}) {
      for (bool dedup : {false, true}) {
        auto facets = s->Facets(query, f, dedup);
        ASSERT_TRUE(facets.has_value()) << facets.error().message;
        ASSERT_FALSE(facets->empty()) << query << " " << FieldName(f);
        std::string field = FieldName(f);
        for (const auto& [value, count] : *facets) {
          std::string q = std::string(query) + " " + field + ":\"" + value + "\"";
          EXPECT_EQ(count, Total(q, dedup)) << q << " dedup=" << dedup;
        }
      }
    }
  }
  auto by_lang = s->Facets("*", Field::kLanguage, false);
  ASSERT_TRUE(by_lang.has_value());
  EXPECT_EQ(*by_lang, (std::map<std::string, std::size_t>{
                          {"de", 1}, {"en", 5}, {"es", 1}, {"fr", 1}, {"zh", 2}}));
  auto by_author = s->Facets("*", Field::kAuthor, false);
  ASSERT_TRUE(by_author.has_value());
  EXPECT_EQ(*by_author, (std::map<std::string, std::size_t>{{"Jane Doe", 2}, {"John Smith", 1}}));
}

TEST_F(IndexTest, NearDuplicatesShareAClusterAndDedupCountsThemOnce) {
  EXPECT_EQ(clusters_.at("en-ledger"), "en-ledger");
  EXPECT_EQ(clusters_.at("en-wire"), "en-ledger");
  EXPECT_EQ(clusters_.at("en-review"), "en-review");
  EXPECT_EQ(clusters_.at("zh-daily"), "zh-daily");

  EXPECT_EQ(Total("\"black mirror\""), 2u);
  EXPECT_EQ(Total("\"black mirror\"", true), 1u);
  const std::size_t n = SampleCorpus().size();
  EXPECT_EQ(Total("*", true), n - 1);

  auto s = Open();
  auto docs = s->Documents("*", true, false);
  ASSERT_TRUE(docs.has_value());
  EXPECT_EQ(docs->size(), n - 1);
  auto facets = s->Facets("*", Field::kFrame, true);
  ASSERT_TRUE(facets.has_value());
  EXPECT_EQ(facets->at("alarmist"), 2u);  // en-ledger/en-wire once, fr-monde
  auto got = s->Get("en-wire");
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->cluster, "en-ledger");
}

TEST_F(IndexTest, SearchReturnsWholeDocumentsAndMarkedSnippets) {
  auto s = Open();
  auto r = s->Search("dystopie", SearchOptions{});
  ASSERT_TRUE(r.has_value());
  ASSERT_EQ(r->hits.size(), 1u);
  const Hit& h = r->hits[0];
  EXPECT_EQ(h.doc.id, "fr-monde");
  EXPECT_EQ(h.doc.outlet, "Le Quotidien");
  EXPECT_EQ(h.doc.frame, "alarmist");
  EXPECT_EQ(h.doc.cluster, "fr-monde");
  EXPECT_NE(h.doc.text.find("notation des citoyens"), std::string::npos);
  EXPECT_GT(h.score, 0);
  EXPECT_EQ(h.snippet,
            "Le système de crédit social chinois est souvent décrit comme une «dystopie».");

  auto zh = s->Search("失信被执行人", SearchOptions{});
  ASSERT_TRUE(zh.has_value());
  ASSERT_EQ(zh->hits.size(), 1u);
  EXPECT_EQ(zh->hits[0].snippet, "法院公布«失信被执行人»名单，守信激励和失信惩戒机制不断完善。");

  // Only filters: the snippet is the first sentence.
  auto f = s->Search("lang:es", SearchOptions{});
  ASSERT_TRUE(f.has_value());
  ASSERT_EQ(f->hits.size(), 1u);
  EXPECT_EQ(f->hits[0].snippet, "El sistema de crédito social de China genera debate.");
}

TEST_F(IndexTest, SearchPagesAndSortsByDate) {
  auto s = Open();
  SearchOptions o;
  o.sort_by_date = true;
  o.limit = 3;
  auto first = s->Search("lang:en", o);
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->total, 5u);
  ASSERT_EQ(first->hits.size(), 3u);
  EXPECT_EQ(first->hits[0].doc.id, "en-undated");
  EXPECT_EQ(first->hits[1].doc.id, "en-ledger");
  EXPECT_EQ(first->hits[2].doc.id, "en-wire");
  o.offset = 3;
  auto second = s->Search("lang:en", o);
  ASSERT_TRUE(second.has_value());
  ASSERT_EQ(second->hits.size(), 2u);
  EXPECT_EQ(second->hits[0].doc.id, "en-review");
  EXPECT_EQ(second->hits[1].doc.id, "en-controls");
}

TEST_F(IndexTest, DocumentsComeInDateOrderWithTextOnlyWhenAsked) {
  auto s = Open();
  auto docs = s->Documents("social", false, false);
  ASSERT_TRUE(docs.has_value());
  std::vector<std::string> ids;
  for (const auto& d : *docs) {
    ids.push_back(d.id);
    EXPECT_TRUE(d.text.empty());
    EXPECT_FALSE(d.outlet.empty());
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"en-ledger", "en-wire", "fr-monde", "en-review",
                                           "es-diario"}));
  auto with_text = s->Documents("lang:de", false, true);
  ASSERT_TRUE(with_text.has_value());
  ASSERT_EQ(with_text->size(), 1u);
  EXPECT_NE(with_text->at(0).text.find("Flickenteppich"), std::string::npos);
  EXPECT_EQ(with_text->at(0).published, "2019-11-20");
}

TEST_F(IndexTest, KwicShowsEveryOccurrenceWithContext) {
  auto s = Open();
  auto lines = s->Kwic("\"judgment defaulters\"", 20, 0);
  ASSERT_TRUE(lines.has_value()) << lines.error().message;
  ASSERT_EQ(lines->size(), 2u);
  for (const KwicLine& l : *lines) {
    EXPECT_EQ(l.id, "en-review");
    EXPECT_EQ(l.match, "judgment defaulters");
  }
  EXPECT_EQ(lines->at(0).left, "s is a blacklist of ");  // exactly 20 code points
  EXPECT_EQ(lines->at(0).right, " kept by the courts,");
  // The paragraph break is shown as one space.
  EXPECT_EQ(lines->at(1).left, "s. The blacklist of ");

  auto limited = s->Kwic("blacklist", 10, 1);
  ASSERT_TRUE(limited.has_value());
  EXPECT_EQ(limited->size(), 1u);

  auto zh = s->Kwic("失信", 4, 0);
  ASSERT_TRUE(zh.has_value());
  ASSERT_EQ(zh->size(), 3u);
  EXPECT_EQ(zh->at(0).id, "zh-daily");
  EXPECT_EQ(zh->at(0).match, "失信");
  EXPECT_EQ(zh->at(0).left, "法院公布");
  EXPECT_EQ(zh->at(0).right, "被执行人");
  EXPECT_EQ(zh->at(2).id, "zh-xinhua");

  auto phrase = s->Kwic("失信被执行人", 2, 0);
  ASSERT_TRUE(phrase.has_value());
  ASSERT_EQ(phrase->size(), 1u);
  EXPECT_EQ(phrase->at(0).left, "公布");
  EXPECT_EQ(phrase->at(0).match, "失信被执行人");
  EXPECT_EQ(phrase->at(0).right, "名单");

  // Words under NOT are not shown; stemmed forms are.
  auto stemmed = s->Kwic("control NOT mirror", 5, 0);
  ASSERT_TRUE(stemmed.has_value());
  ASSERT_EQ(stemmed->size(), 1u);
  EXPECT_EQ(stemmed->at(0).match, "controls");
}

TEST_F(IndexTest, GetFindsByIdAndNamesAMissingId) {
  auto s = Open();
  auto d = s->Get("de-zeit");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->title, "Überwachungsstaat oder Flickenteppich?");
  auto missing = s->Get("no-such-id");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_NE(missing.error().message.find("no-such-id"), std::string::npos);
}

TEST_F(IndexTest, StubFileListingTheDatabaseSearchesTheSame) {
  TempDir stubs;
  { std::ofstream(stubs / "absolute.stub") << "auto " << db_path() << "\n"; }
  auto s = Open(stubs / "absolute.stub");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->doc_count(), SampleCorpus().size());
  SearchOptions o;
  auto direct = Open()->Search("social", o);
  auto via_stub = s->Search("social", o);
  ASSERT_TRUE(direct.has_value());
  ASSERT_TRUE(via_stub.has_value());
  EXPECT_EQ(via_stub->total, direct->total);
  ASSERT_EQ(via_stub->hits.size(), direct->hits.size());
  for (std::size_t i = 0; i < direct->hits.size(); ++i) {
    EXPECT_EQ(via_stub->hits[i].doc.id, direct->hits[i].doc.id);
  }
  // Relative paths in a stub are relative to the stub file.
  { std::ofstream(*dir_ / "relative.stub") << "auto db\n"; }
  auto rel = Open(*dir_ / "relative.stub");
  ASSERT_NE(rel, nullptr);
  EXPECT_EQ(rel->doc_count(), SampleCorpus().size());
}

TEST(IndexOpenTest, MissingAndInvalidIndexesAreErrorsNamingThePath) {
  TempDir dir;
  auto missing = Searcher::Open(dir / "nothing-here");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_NE(missing.error().message.find(dir / "nothing-here"), std::string::npos);

  { std::ofstream(dir / "bad.stub") << "this is not a stub line\n"; }
  auto bad = Searcher::Open(dir / "bad.stub");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidInput);
  EXPECT_NE(bad.error().message.find("bad.stub"), std::string::npos);

  auto unwritable = IndexWriter::Open(dir / "no/such/parent/db");
  ASSERT_FALSE(unwritable.has_value());
  EXPECT_NE(unwritable.error().message.find("no/such/parent/db"), std::string::npos);
}

TEST(IndexOpenTest, EmptyIndexAnswersWithNothing) {
  TempDir dir;
  {
    auto w = IndexWriter::Open(dir / "db");
    ASSERT_TRUE(w.has_value()) << w.error().message;
    EXPECT_EQ((*w)->doc_count(), 0u);
  }
  auto s = Searcher::Open(dir / "db");
  ASSERT_TRUE(s.has_value()) << s.error().message;
  auto r = (*s)->Search("*", SearchOptions{});
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->total, 0u);
  EXPECT_TRUE(r->hits.empty());
  SearchOptions dedup;
  dedup.dedup = true;
  EXPECT_EQ((*s)->Search("social", dedup).value().total, 0u);
  EXPECT_TRUE((*s)->Facets("*", Field::kOutlet, false).value().empty());
  EXPECT_TRUE((*s)->Facets("*", Field::kAuthor, true).value().empty());
  EXPECT_TRUE((*s)->Documents("*", true, true).value().empty());
  EXPECT_TRUE((*s)->Kwic("social", 10, 0).value().empty());
  EXPECT_EQ((*s)->Get("x").error().code, ErrorCode::kNotFound);
}

TEST(IndexWriterTest, SecondWriterIsRefusedWithLocked) {
  TempDir dir;
  auto first = IndexWriter::Open(dir / "db");
  ASSERT_TRUE(first.has_value()) << first.error().message;
  auto second = IndexWriter::Open(dir / "db");
  ASSERT_FALSE(second.has_value());
  EXPECT_EQ(second.error().code, ErrorCode::kLocked);
  EXPECT_EQ(second.error().message,
            "the index at " + (dir / "db") + " is being written by another process");
  // Readers are not blocked by the writer.
  EXPECT_TRUE(Searcher::Open(dir / "db").has_value());
  first->reset();
  EXPECT_TRUE(IndexWriter::Open(dir / "db").has_value());
}

TEST(IndexWriterTest, ReaddingTheSameDocumentChangesNothing) {
  TempDir dir;
  auto docs = SampleCorpus();
  {
    auto w = IndexWriter::Open(dir / "db");
    ASSERT_TRUE(w.has_value());
    for (auto& d : docs) ASSERT_TRUE((*w)->Add(d).value_or(false));
  }
  auto before = Searcher::Open(dir / "db");
  ASSERT_TRUE(before.has_value());
  auto facets_before = (*before)->Facets("*", Field::kOutlet, true);
  ASSERT_TRUE(facets_before.has_value());
  {
    auto w = IndexWriter::Open(dir / "db");
    ASSERT_TRUE(w.has_value());
    for (auto docs_again = SampleCorpus(); auto& d : docs_again) {
      auto added = (*w)->Add(d);
      ASSERT_TRUE(added.has_value()) << added.error().message;
      EXPECT_FALSE(*added) << d.id;
      const auto& original =
          *std::find_if(docs.begin(), docs.end(), [&](const auto& o) { return o.id == d.id; });
      EXPECT_EQ(d.cluster, original.cluster) << d.id;
    }
    EXPECT_EQ((*w)->doc_count(), docs.size());
  }
  auto after = Searcher::Open(dir / "db");
  ASSERT_TRUE(after.has_value());
  EXPECT_EQ((*after)->doc_count(), docs.size());
  auto facets_after = (*after)->Facets("*", Field::kOutlet, true);
  ASSERT_TRUE(facets_after.has_value());
  EXPECT_EQ(*facets_after, *facets_before);
  EXPECT_EQ((*after)->Search("orwellian", {}).value().total, 2u);
}

TEST(IndexWriterTest, DocumentWithoutIdGetsOneFromItsUrl) {
  TempDir dir;
  auto w = IndexWriter::Open(dir / "db");
  ASSERT_TRUE(w.has_value());
  corpus::Document d;
  d.url = "https://example.org/a";
  d.text = "Short text.";
  ASSERT_TRUE((*w)->Add(d).value_or(false));
  EXPECT_EQ(d.id, corpus::MakeDocumentId("https://example.org/a"));
  EXPECT_EQ(d.cluster, d.id);
  ASSERT_TRUE((*w)->Commit().has_value());
  auto s = Searcher::Open(dir / "db");
  ASSERT_TRUE(s.has_value());
  EXPECT_TRUE((*s)->Get(d.id).has_value());
}

TEST(IndexWriterTest, ShortTextsAreNotClustered) {
  TempDir dir;
  auto w = IndexWriter::Open(dir / "db");
  ASSERT_TRUE(w.has_value());
  auto a = testing::MakeDoc("a", "en", "X", "2020-01-01", "", "Read more.");
  auto b = testing::MakeDoc("b", "en", "Y", "2020-01-02", "", "Read more.");
  ASSERT_TRUE((*w)->Add(a).has_value());
  ASSERT_TRUE((*w)->Add(b).has_value());
  EXPECT_EQ(a.cluster, "a");
  EXPECT_EQ(b.cluster, "b");
}

TEST(IndexWriterTest, SetFrameRetagsTermsValuesAndStoredDocument) {
  TempDir dir;
  {
    auto w = IndexWriter::Open(dir / "db");
    ASSERT_TRUE(w.has_value());
    for (auto docs = SampleCorpus(); auto& d : docs) ASSERT_TRUE((*w)->Add(d).has_value());
    ASSERT_TRUE((*w)->SetFrame("fr-monde", "balanced", {{"alarmist", 0.25}, {"balanced", 0.75}})
                    .has_value());
    auto missing = (*w)->SetFrame("no-such-id", "balanced", {});
    ASSERT_FALSE(missing.has_value());
    EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
    EXPECT_NE(missing.error().message.find("no-such-id"), std::string::npos);
    ASSERT_TRUE((*w)->Commit().has_value());
  }
  auto s = Searcher::Open(dir / "db");
  ASSERT_TRUE(s.has_value());
  SearchOptions o;
  EXPECT_EQ((*s)->Search("frame:alarmist", o).value().total, 2u);
  EXPECT_EQ((*s)->Search("frame:balanced lang:fr", o).value().total, 1u);
  auto d = (*s)->Get("fr-monde");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->frame, "balanced");
  EXPECT_DOUBLE_EQ(d->scores.at("balanced"), 0.75);
  EXPECT_NE(d->text.find("dystopie"), std::string::npos);
  EXPECT_EQ((*s)->Search("dystopie", o).value().total, 1u);
  auto facets = (*s)->Facets("*", Field::kFrame, false);
  ASSERT_TRUE(facets.has_value());
  EXPECT_EQ(facets->at("balanced"), 5u);
}

TEST(IndexWriterTest, AutoCommitsEveryTenThousandChanges) {
  TempDir dir;
  auto w = IndexWriter::Open(dir / "db");
  ASSERT_TRUE(w.has_value());
  for (int i = 0; i < 10000; ++i) {
    auto d = testing::MakeDoc("doc" + std::to_string(i), "en", "X", "2020-01-01", "",
                              "Number " + std::to_string(i));
    ASSERT_TRUE((*w)->Add(d).has_value());
    if (i == 9998) {
      // One short of the interval, nothing is committed yet.
      auto before = Searcher::Open(dir / "db");
      ASSERT_TRUE(before.has_value());
      EXPECT_EQ((*before)->doc_count(), 0u);
    }
  }
  // Still open (no explicit commit), yet a reader sees the first ten thousand once the shards'
  // threads have done the queued work (doc_count waits for it, the commit included).
  EXPECT_EQ((*w)->doc_count(), 10000u);
  auto s = Searcher::Open(dir / "db");
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ((*s)->doc_count(), 10000u);
}

TEST(IndexWriterTest, DocumentsPreparedOnOtherThreadsAreIndexedLikeAddedOnes) {
  TempDir dir;
  std::vector<corpus::Document> docs = SampleCorpus();
  std::vector<std::optional<PreparedDocument>> prepared(docs.size());
  std::vector<std::thread> pool;
  for (std::size_t t = 0; t < 3; ++t) {
    pool.emplace_back([&, t] {
      for (std::size_t i = t; i < docs.size(); i += 3) prepared[i] = IndexWriter::Prepare(docs[i]);
    });
  }
  for (auto& t : pool) t.join();
  {
    auto w = IndexWriter::Open(dir / "prepared");
    ASSERT_TRUE(w.has_value());
    for (auto& p : prepared) ASSERT_TRUE((*w)->Add(*p).value_or(false));
    EXPECT_EQ(prepared[1]->doc().id, "en-wire");
    EXPECT_EQ(prepared[1]->doc().cluster, "en-ledger");
    auto w2 = IndexWriter::Open(dir / "added");
    ASSERT_TRUE(w2.has_value());
    for (auto& d : docs) ASSERT_TRUE((*w2)->Add(d).value_or(false));
  }
  auto a = Searcher::Open(dir / "prepared");
  auto b = Searcher::Open(dir / "added");
  ASSERT_TRUE(a.has_value() && b.has_value());
  for (const char* q : {"*", "\"black mirror\"", "control", "title:nightmare", "lang:zh"}) {
    auto ra = (*a)->Documents(q, true, true);
    auto rb = (*b)->Documents(q, true, true);
    ASSERT_TRUE(ra.has_value() && rb.has_value()) << q;
    ASSERT_EQ(ra->size(), rb->size()) << q;
    for (std::size_t i = 0; i < ra->size(); ++i) {
      EXPECT_EQ(corpus::ToJson((*ra)[i]), corpus::ToJson((*rb)[i])) << q;
    }
  }
}

TEST(IndexWriterTest, NearDuplicateOfADocumentAddedInAnEarlierRunJoinsItsCluster) {
  TempDir dir;
  std::vector<corpus::Document> docs = SampleCorpus();
  corpus::Document ledger = docs[0], wire = docs[1];
  ASSERT_EQ(wire.id, "en-wire");
  {
    auto w = IndexWriter::Open(dir / "db");
    ASSERT_TRUE(w.has_value());
    ASSERT_TRUE((*w)->Add(ledger).value_or(false));
  }
  auto w = IndexWriter::Open(dir / "db");
  ASSERT_TRUE(w.has_value());
  ASSERT_TRUE((*w)->Add(wire).value_or(false));
  EXPECT_EQ(wire.cluster, "en-ledger");
  // Replacing the first document with an unrelated text leaves the copy on its own.
  ledger.text = docs[2].text;
  ASSERT_TRUE((*w)->Add(ledger).has_value());
  corpus::Document again = docs[1];
  ASSERT_TRUE((*w)->Add(again).has_value());
  EXPECT_EQ(again.cluster, "en-wire");
}

TEST(IndexWriterTest, AClusterGivenWithTheDocumentIsReplacedByTheOneTheIndexFinds) {
  TempDir dir;
  std::vector<corpus::Document> docs = SampleCorpus();
  corpus::Document ledger = docs[0], wire = docs[1];
  ASSERT_EQ(wire.id, "en-wire");
  ledger.cluster = "stale";
  wire.cluster = "stale-too";
  {
    auto w = IndexWriter::Open(dir / "db");
    ASSERT_TRUE(w.has_value());
    ASSERT_TRUE((*w)->Add(ledger).value_or(false));
    ASSERT_TRUE((*w)->Add(wire).value_or(false));
  }
  auto s = Searcher::Open(dir / "db");
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ((*s)->Get("en-ledger").value().cluster, "en-ledger");
  EXPECT_EQ((*s)->Get("en-wire").value().cluster, "en-ledger");
  for (bool with_text : {false, true}) {
    auto all = (*s)->Documents("*", false, with_text);
    ASSERT_TRUE(all.has_value());
    for (const corpus::Document& d : *all) EXPECT_EQ(d.cluster, "en-ledger") << d.id;
  }
}

TEST(IndexWriterTest, MetadataWithoutTextEqualsTheStoredDocumentsAfterSetFrame) {
  TempDir dir;
  {
    auto w = IndexWriter::Open(dir / "db");
    ASSERT_TRUE(w.has_value());
    for (auto docs = SampleCorpus(); auto& d : docs) ASSERT_TRUE((*w)->Add(d).has_value());
    ASSERT_TRUE((*w)->SetFrame("de-zeit", "alarmist", {{"alarmist", 0.9}}).has_value());
  }
  auto s = Searcher::Open(dir / "db");
  ASSERT_TRUE(s.has_value());
  auto meta = (*s)->Documents("*", false, false);
  auto full = (*s)->Documents("*", false, true);
  ASSERT_TRUE(meta.has_value() && full.has_value());
  ASSERT_EQ(meta->size(), full->size());
  for (std::size_t i = 0; i < meta->size(); ++i) {
    corpus::Document f = (*full)[i];
    f.text.clear();
    EXPECT_EQ(corpus::ToJson((*meta)[i]), corpus::ToJson(f));
  }
  auto zeit = std::find_if(meta->begin(), meta->end(),
                           [](const corpus::Document& d) { return d.id == "de-zeit"; });
  ASSERT_NE(zeit, meta->end());
  EXPECT_EQ(zeit->frame, "alarmist");
}

TEST(IndexWriterTest, MetadataKeepsEveryFieldButTheText) {
  TempDir dir;
  corpus::Document d = testing::MakeDoc("full", "fr-CA", "Le Devoir", "2021-02-03T04:05:06Z",
                                        "Un titre", "Le texte complet de l'article, assez long.");
  d.canonical_url = "https://example.org/canonical";
  d.site_name = "Le Devoir";
  d.modified = "2021-02-04";
  d.authors = {"Anne Roy", "Luc Côté"};
  d.section = "Politique";
  d.description = "Résumé \"cité\"\n sur deux lignes";
  d.country = "CA";
  d.source_type = "western_press";
  d.frame = "balanced";
  d.scores = {{"alarmist", 0.125}, {"balanced", 0.875}};
  d.archive = {"crawl/a.warc.gz", "<urn:uuid:1>", "sha1:ABC", "2021-02-05T00:00:00Z", 1234567890123};
  {
    auto w = IndexWriter::Open(dir / "db");
    ASSERT_TRUE(w.has_value());
    ASSERT_TRUE((*w)->Add(d).value_or(false));
  }
  auto s = Searcher::Open(dir / "db");
  ASSERT_TRUE(s.has_value());
  auto meta = (*s)->Documents("*", false, false);
  ASSERT_TRUE(meta.has_value());
  ASSERT_EQ(meta->size(), 1u);
  d.text.clear();
  EXPECT_EQ(corpus::ToJson(meta->at(0)), corpus::ToJson(d));
}

TEST(FieldTest, ParseFieldAcceptsTheDocumentedNames) {
  EXPECT_EQ(ParseField("outlet"), Field::kOutlet);
  EXPECT_EQ(ParseField("lang"), Field::kLanguage);
  EXPECT_EQ(ParseField("Language"), Field::kLanguage);
  EXPECT_EQ(ParseField("country"), Field::kCountry);
  EXPECT_EQ(ParseField("type"), Field::kType);
  EXPECT_EQ(ParseField("frame"), Field::kFrame);
  EXPECT_EQ(ParseField("year"), Field::kYear);
  EXPECT_EQ(ParseField("author"), Field::kAuthor);
  EXPECT_EQ(ParseField("title"), std::nullopt);
  EXPECT_EQ(ParseField(""), std::nullopt);
  for (Field f : {Field::kOutlet, Field::kLanguage, Field::kCountry, Field::kType, Field::kFrame,
                  Field::kYear, Field::kAuthor}) {
    EXPECT_EQ(ParseField(FieldName(f)), f);
  }
}

}  // namespace
}  // namespace framescope::index
