// The on-disk layout of the index: a new index is two shards written on two threads behind a stub
// file; an index written as one database stays one. Xapian itself reads the result here, as
// xapian-delve or xapian-tcpsrv would.
#include <gtest/gtest.h>
#include <xapian.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "framescope/index/index.h"
#include "test_corpus.h"

namespace framescope::index {
namespace {

using testing::MakeDoc;
using testing::TempDir;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

corpus::Document Numbered(int i, const std::string& title = "") {
  return MakeDoc("doc" + std::to_string(i), "en", "Outlet " + std::to_string(i % 3),
                 "2020-01-0" + std::to_string(1 + i % 9),
                 title.empty() ? "Headline number " + std::to_string(i) : title,
                 "A body of text about the credit system, paragraph " + std::to_string(i) +
                     ", with enough words to be clustered on its own merits.");
}

// The combined docid of the document with `id` in the database (or stub) at `path`; 0 if none.
Xapian::docid DocidOf(const std::string& path, const std::string& id) {
  Xapian::Database db(path);
  auto p = db.postlist_begin("Q" + id);
  return p == db.postlist_end("Q" + id) ? 0 : *p;
}

TEST(IndexShardsTest, NewIndexIsTwoShardsFilledInTurnBehindAStubFile) {
  TempDir dir;
  const std::string db = dir / "db";
  {
    auto w = IndexWriter::Open(db);
    ASSERT_TRUE(w.has_value()) << w.error().message;
    for (int i = 1; i <= 5; ++i) {
      corpus::Document d = Numbered(i);
      ASSERT_TRUE((*w)->Add(d).value_or(false)) << i;
    }
    ASSERT_TRUE((*w)->Commit().has_value());
  }
  EXPECT_EQ(ReadFile(db + "/XAPIANDB"), "auto shard0\nauto shard1\n");
  EXPECT_EQ(Xapian::Database(db + "/shard0").get_doccount(), 3u);
  EXPECT_EQ(Xapian::Database(db + "/shard1").get_doccount(), 2u);
  // Xapian interleaves the shards' docids: they follow the order of adding, as in one database.
  for (int i = 1; i <= 5; ++i) EXPECT_EQ(DocidOf(db, "doc" + std::to_string(i)), Xapian::docid(i));
  auto s = Searcher::Open(db);
  ASSERT_TRUE(s.has_value()) << s.error().message;
  EXPECT_EQ((*s)->doc_count(), 5u);
  EXPECT_EQ((*s)->Search("headline", SearchOptions{}).value().total, 5u);
  // For report manifests: both shards' UUIDs and revisions (one commit each).
  const std::string revision = (*s)->revision();
  EXPECT_EQ(revision.substr(revision.find('@')), "@1+1") << revision;
  EXPECT_EQ(revision.substr(0, revision.find('@')), Xapian::Database(db).get_uuid());
}

TEST(IndexShardsTest, ReaddedDocumentIsReplacedInItsShardAndNewOnesContinueInTurn) {
  TempDir dir;
  const std::string db = dir / "db";
  {
    auto w = IndexWriter::Open(db);
    ASSERT_TRUE(w.has_value());
    for (int i = 1; i <= 4; ++i) {
      corpus::Document d = Numbered(i);
      ASSERT_TRUE((*w)->Add(d).value_or(false));
    }
  }
  {
    auto w = IndexWriter::Open(db);
    ASSERT_TRUE(w.has_value());
    corpus::Document changed = Numbered(2, "Rewritten headline about surveillance");
    auto added = (*w)->Add(changed);
    ASSERT_TRUE(added.has_value()) << added.error().message;
    EXPECT_FALSE(*added);
    corpus::Document fifth = Numbered(5);
    EXPECT_TRUE((*w)->Add(fifth).value_or(false));
    EXPECT_EQ((*w)->doc_count(), 5u);
  }
  EXPECT_EQ(DocidOf(db, "doc2"), 2u);
  EXPECT_EQ(DocidOf(db, "doc5"), 5u);
  EXPECT_EQ(Xapian::Database(db + "/shard1").get_doccount(), 2u);
  auto s = Searcher::Open(db);
  ASSERT_TRUE(s.has_value());
  auto r = (*s)->Search("surveillance", SearchOptions{});
  ASSERT_TRUE(r.has_value());
  ASSERT_EQ(r->total, 1u);
  EXPECT_EQ(r->hits[0].doc.id, "doc2");
  EXPECT_EQ((*s)->Search("\"headline number 2\"", SearchOptions{}).value().total, 0u);
}

TEST(IndexShardsTest, NearDuplicatesAcrossShardsShareACluster) {
  TempDir dir;
  auto w = IndexWriter::Open(dir / "db");
  ASSERT_TRUE(w.has_value());
  std::string wire =
      "Officials in the city announced on Monday a new scoring pilot for local firms, which will "
      "rate tax records, court judgements and permits, and publish the lists every quarter.";
  // Long enough that a line added at the end moves few bits of the fingerprint.
  for (int i = 0; i < 4; ++i) wire += " " + wire;
  corpus::Document a = MakeDoc("a", "en", "Wire One", "2020-01-01", "Pilot announced", wire);
  corpus::Document b =
      MakeDoc("b", "en", "Daily Two", "2020-01-02", "City pilot", wire + " More at eleven.");
  ASSERT_TRUE((*w)->Add(a).value_or(false));
  ASSERT_TRUE((*w)->Add(b).value_or(false));  // the other shard
  EXPECT_EQ(a.cluster, "a");
  EXPECT_EQ(b.cluster, "a");
  ASSERT_TRUE((*w)->Commit().has_value());
  // A later run, which reads the clusters back from both shards, still joins them.
  w->reset();
  auto again = IndexWriter::Open(dir / "db");
  ASSERT_TRUE(again.has_value());
  corpus::Document c = MakeDoc("c", "en", "Third", "2020-01-03", "Pilot", wire + " Updated.");
  ASSERT_TRUE((*again)->Add(c).value_or(false));
  EXPECT_EQ(c.cluster, "a");
}

TEST(IndexShardsTest, MetadataReachesTheDiskOnlyWithACommit) {
  TempDir dir;
  const std::string db = dir / "db";
  auto w = IndexWriter::Open(db);
  ASSERT_TRUE(w.has_value());
  corpus::Document d = Numbered(1);
  ASSERT_TRUE((*w)->Add(d).value_or(false));
  ASSERT_TRUE((*w)->SetMetadata("progress", "42").has_value());
  EXPECT_EQ((*w)->GetMetadata("progress").value_or(""), "42");
  // Progress is set on shard 0 as it commits, after the other shards have committed: an
  // interrupted run never claims documents a shard does not hold.
  EXPECT_EQ(Xapian::Database(db).get_metadata("progress"), "");
  ASSERT_TRUE((*w)->Commit().has_value());
  EXPECT_EQ(Xapian::Database(db + "/shard0").get_metadata("progress"), "42");
  EXPECT_EQ(Xapian::Database(db + "/shard1").get_metadata("progress"), "");
  auto s = Searcher::Open(db);
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ((*s)->metadata("progress"), "42");
}

TEST(IndexShardsTest, RunResumedAfterShardsCommittedApartAddsNothingTwice) {
  TempDir dir;
  const std::string db = dir / "db";
  {
    auto w = IndexWriter::Open(db);
    ASSERT_TRUE(w.has_value());
    for (int i = 1; i <= 6; ++i) {
      corpus::Document d = Numbered(i);
      ASSERT_TRUE((*w)->Add(d).value_or(false));
    }
  }
  // As if killed after shard 1's commit and before shard 0's: shard 0 lacks its last document.
  {
    Xapian::WritableDatabase shard0(db + "/shard0", Xapian::DB_OPEN);
    shard0.delete_document("Qdoc5");
    shard0.commit();
  }
  auto w = IndexWriter::Open(db);
  ASSERT_TRUE(w.has_value());
  // The resumed run meets documents 5 and 6 again: 6 (in shard 1) is replaced, 5 added anew.
  corpus::Document five = Numbered(5), six = Numbered(6);
  EXPECT_TRUE((*w)->Add(five).value_or(false));
  EXPECT_FALSE((*w)->Add(six).value_or(true));
  ASSERT_TRUE((*w)->Commit().has_value());
  EXPECT_EQ((*w)->doc_count(), 6u);
  Xapian::Database x(db);
  EXPECT_EQ(x.get_termfreq("Qdoc5"), 1u);
  EXPECT_EQ(x.get_termfreq("Qdoc6"), 1u);
  EXPECT_EQ(DocidOf(db, "doc6"), 6u);
}

TEST(IndexShardsTest, IndexWrittenAsOneDatabaseIsUpdatedAsOne) {
  TempDir dir;
  const std::string db = dir / "db";
  Xapian::WritableDatabase(db, Xapian::DB_CREATE).commit();
  {
    auto w = IndexWriter::Open(db);
    ASSERT_TRUE(w.has_value()) << w.error().message;
    for (int i = 1; i <= 3; ++i) {
      corpus::Document d = Numbered(i);
      ASSERT_TRUE((*w)->Add(d).value_or(false));
    }
    corpus::Document again = Numbered(2);
    EXPECT_FALSE((*w)->Add(again).value_or(true));
    ASSERT_TRUE((*w)->SetMetadata("k", "v").has_value());
  }
  EXPECT_FALSE(std::filesystem::exists(db + "/XAPIANDB"));
  EXPECT_FALSE(std::filesystem::exists(db + "/shard0"));
  Xapian::Database x(db);
  EXPECT_EQ(x.get_doccount(), 3u);
  EXPECT_EQ(x.get_metadata("k"), "v");
  EXPECT_EQ(DocidOf(db, "doc3"), 3u);
}

TEST(IndexShardsTest, CreationInterruptedBeforeTheStubFileIsCompleted) {
  TempDir dir;
  const std::string db = dir / "db";
  std::filesystem::create_directory(db);
  Xapian::WritableDatabase(db + "/shard0", Xapian::DB_CREATE).commit();
  auto w = IndexWriter::Open(db);
  ASSERT_TRUE(w.has_value()) << w.error().message;
  corpus::Document d = Numbered(1);
  ASSERT_TRUE((*w)->Add(d).value_or(false));
  ASSERT_TRUE((*w)->Commit().has_value());
  EXPECT_EQ(ReadFile(db + "/XAPIANDB"), "auto shard0\nauto shard1\n");
  EXPECT_EQ(Xapian::Database(db).get_doccount(), 1u);
}

TEST(IndexShardsTest, StubFileListingAnythingButFoldersBesideItIsRefused) {
  TempDir dir;
  const std::string db = dir / "db";
  std::filesystem::create_directory(db);
  { std::ofstream(db + "/XAPIANDB") << "auto shard0\nremote localhost:33333\n"; }
  auto w = IndexWriter::Open(db);
  ASSERT_FALSE(w.has_value());
  EXPECT_EQ(w.error().code, ErrorCode::kInvalidInput);
  EXPECT_NE(w.error().message.find(db + "/XAPIANDB, line 2"), std::string::npos)
      << w.error().message;
  { std::ofstream(db + "/XAPIANDB") << "auto ../elsewhere\n"; }
  EXPECT_EQ(IndexWriter::Open(db).error().code, ErrorCode::kInvalidInput);
  { std::ofstream(db + "/XAPIANDB") << "# nothing\n"; }
  EXPECT_EQ(IndexWriter::Open(db).error().code, ErrorCode::kInvalidInput);
}

TEST(IndexShardsTest, SecondWriterIsRefusedWhileTheFirstHoldsTheShards) {
  TempDir dir;
  auto first = IndexWriter::Open(dir / "db");
  ASSERT_TRUE(first.has_value());
  auto second = IndexWriter::Open(dir / "db");
  ASSERT_FALSE(second.has_value());
  EXPECT_EQ(second.error().code, ErrorCode::kLocked);
  // The refused writer left the first one working.
  corpus::Document d = Numbered(1);
  EXPECT_TRUE((*first)->Add(d).value_or(false));
  EXPECT_TRUE((*first)->Commit().has_value());
}

}  // namespace
}  // namespace framescope::index
