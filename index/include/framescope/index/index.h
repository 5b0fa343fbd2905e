// The Xapian index of a study: IndexWriter adds documents (with near-duplicate clustering) and
// Searcher answers queries, KWIC concordances and facet counts. The on-disk layout (term prefixes
// and value slots) is documented in index/src/schema.h and docs/INDEX_SCHEMA.md; the query
// language in docs/INDEX_SCHEMA.md ("Query language").
//
// No Xapian type appears here: every Xapian failure is returned as a framescope::Error whose
// message names the index path (and the query, for a bad query).
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "framescope/corpus/document.h"
#include "framescope/corpus/result.h"
#include "framescope/corpus/text.h"

namespace framescope::index {

// Metadata a report can group or count by.
enum class Field { kOutlet, kLanguage, kCountry, kType, kFrame, kYear, kAuthor };

// "outlet", "language" or "lang", "country", "type", "frame", "year", "author" (any case).
// Returns nullopt for any other name.
std::optional<Field> ParseField(std::string_view name);

// The canonical name of a field ("outlet", "language", ...), as ParseField accepts it.
std::string FieldName(Field field);

// A document analysed for the index (its words, stems, fingerprint and every term and value but
// the near-duplicate cluster), made by IndexWriter::Prepare and consumed by IndexWriter::Add.
// Preparing needs no database, so callers can analyse on many threads and add from one.
class PreparedDocument {
 public:
  PreparedDocument(PreparedDocument&&) noexcept;
  PreparedDocument& operator=(PreparedDocument&&) noexcept;
  ~PreparedDocument();

  // The document as it will be stored (its id filled in when it had none; its cluster is set by
  // Add).
  const corpus::Document& doc() const;

 private:
  friend class IndexWriter;
  struct Impl;
  explicit PreparedDocument(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Writes one index. Not thread-safe: one writer per database, used from one thread (which hands
// the Xapian work to one thread per shard of the index). Xapian allows a single writer per
// database across all processes; readers (Searcher) may run meanwhile and see the last committed
// state.
class IndexWriter {
 public:
  // Creates the index at `path` if needed and opens it for writing. A new index is a folder of
  // two shards and a stub file XAPIANDB listing them (Searcher::Open, xapian-delve and
  // xapian-tcpsrv open it as one database); a folder holding one Xapian database (an index
  // written before shards) is written as it is. Fails with kLocked ("the index at PATH is being
  // written by another process") when another writer holds it, kIo when it cannot be created,
  // kCorrupt when it is damaged, kInvalidInput when its stub file lists anything but folders
  // beside it.
  static Result<std::unique_ptr<IndexWriter>> Open(const std::string& path);

  // Adds `doc`, or replaces the stored document with the same id. A doc without an id gets
  // corpus::MakeDocumentId of its canonical URL, else its URL, else its text. Sets doc.id (when
  // empty) and doc.cluster: the cluster of the earliest-added indexed document whose SimHash is
  // within corpus::kNearDuplicateBits bits, or the doc's own id when there is none (documents of
  // fewer than 8 words are never clustered). Returns true if the id was not yet in the index.
  // Commits by itself every 10,000 changes. On a Xapian failure nothing of this doc is
  // committed. Xapian's own failures may surface from a later call (the shards are written on
  // their own threads); after one, every call fails with it and nothing more is committed.
  Result<bool> Add(corpus::Document& doc);

  // Does the analysis part of Add (the id, words, stems, SimHash) without touching a database.
  // Thread-safe: may run on any number of threads at once, also while a writer is adding.
  static PreparedDocument Prepare(corpus::Document doc);

  // Prepare for a document whose words are segmented already (the same result).
  // REQUIRES: tokens.title == corpus::Tokenize(doc.title) and
  // tokens.text == corpus::Tokenize(doc.text).
  static PreparedDocument Prepare(corpus::Document doc, const corpus::DocumentTokens& tokens);

  // Add for a prepared document: the same result as Add(doc) for the document it was prepared
  // from. Sets the cluster of `prepared`'s document. Fails like Add (a too-long id included).
  Result<bool> Add(PreparedDocument& prepared);

  // Re-tags an indexed document: sets only its frame and per-frame scores (terms, values and the
  // stored JSON). Fails with kNotFound naming the id when no document has that id.
  Status SetFrame(const std::string& id, const std::string& frame,
                  const std::map<std::string, double>& scores);

  // Makes every change so far durable and visible to new readers.
  Status Commit();
  // User metadata stored in the database and committed with the documents (e.g. how far each
  // archive file has been indexed, so an interrupted run resumes at the last commit).
  Status SetMetadata(const std::string& key, const std::string& value);
  Result<std::string> GetMetadata(const std::string& key) const;  // "" when unset

  // Documents in the database, uncommitted changes included; 0 if Xapian fails.
  std::size_t doc_count() const;

  // Commits pending changes; a failure here is lost (call Commit() to see it).
  ~IndexWriter();

  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;

 private:
  struct Impl;
  explicit IndexWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

struct SearchOptions {
  std::size_t limit = 20;     // hits returned at most
  std::size_t offset = 0;     // hits skipped first (paging)
  bool sort_by_date = false;  // oldest first (undated documents first); else by relevance
  bool dedup = false;         // one hit per near-duplicate cluster; `total` counts clusters
};

struct Hit {
  corpus::Document doc;  // every stored field, text included
  double score = 0;      // Xapian BM25 weight (0 for queries made only of filters)
  std::string snippet;   // first sentence with a query word, matches wrapped in « »
};

struct SearchResult {
  std::size_t total = 0;  // exact number of matching documents (or clusters with dedup)
  std::vector<Hit> hits;
};

struct KwicLine {
  std::string id;     // document id
  std::string left;   // up to `width` code points before the match, whitespace runs as one space
  std::string match;  // the matched words as written in the text
  std::string right;  // up to `width` code points after the match
};

// Reads an index: a Xapian database folder or a Xapian stub file, one database a line:
// "auto /path/to/db" (relative paths are relative to the stub), "remote HOST:PORT" for a shard
// served by xapian-tcpsrv (Xapian reads "remote :PROGRAM ARGS" as a program to run). Every call
// sees the revision current when the Searcher was opened (it reopens by itself if a writer's
// commits invalidate it). Not thread-safe: use one Searcher per thread.
class Searcher {
 public:
  // Fails with kNotFound when nothing is at `path`, kInvalidInput when it is neither a database
  // nor a valid stub, kNetwork when a remote shard cannot be reached, kCorrupt when damaged.
  // Every error message names the path.
  static Result<std::unique_ptr<Searcher>> Open(const std::string& path);

  // Ranked (or date-ordered) hits of `query` (see docs/INDEX_SCHEMA.md for the language; "" and
  // "*" match everything). A malformed query gives kInvalidInput with the query and the problem.
  Result<SearchResult> Search(const std::string& query, const SearchOptions& opts) const;

  // Every matching document in date order (oldest first, undated first), one per cluster when
  // `dedup`. `text` is filled only when `with_text`; every other field always is.
  Result<std::vector<corpus::Document>> Documents(const std::string& query, bool dedup,
                                                  bool with_text) const;

  // Number of matching documents (clusters when `dedup`) per value of `by`. Documents with no
  // value are not counted; a document with several authors counts once for each. Author keys are
  // the first spelling met of each case-insensitively distinct name.
  Result<std::map<std::string, std::size_t>> Facets(const std::string& query, Field by,
                                                    bool dedup) const;

  // Every occurrence in the text of matching documents (date order) of the query's positive words
  // and phrases (not those under NOT or '-', not filters), by the same word segmentation as the
  // index, so Chinese and Japanese match whole words. Stemmed variants in the document's language
  // match too. Returns at most `limit` lines (0 = no limit).
  Result<std::vector<KwicLine>> Kwic(const std::string& query, std::size_t width,
                                     std::size_t limit) const;

  // The stored document with this id; kNotFound naming the id when there is none.
  Result<corpus::Document> Get(const std::string& id) const;

  // Documents in the index (all shards); 0 if Xapian fails.
  std::size_t doc_count() const;

  // Identifies the exact state searched, for report manifests: "UUID@REVISION" for one local
  // database; for a study's sharded index folder the shards' UUIDs joined by ':', '@' and their
  // revisions joined by '+'; for any other stub the UUIDs alone; "" if Xapian cannot tell.
  std::string revision() const;

  // A value stored with IndexWriter::SetMetadata (of the first shard for a stub); "" when unset
  // or unreadable.
  std::string metadata(const std::string& key) const;

  ~Searcher();
  Searcher(const Searcher&) = delete;
  Searcher& operator=(const Searcher&) = delete;

 private:
  struct Impl;
  explicit Searcher(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace framescope::index
