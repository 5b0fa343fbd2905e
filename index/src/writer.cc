#include <xapian.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>
#include <unordered_map>

#include "framescope/corpus/fingerprint.h"
#include "framescope/index/index.h"
#include "layout.h"
#include "schema.h"
#include "xapian_error.h"

namespace framescope::index {
namespace {

namespace fs = std::filesystem;

// Xapian's glass backend allows terms of at most 245 bytes.
constexpr std::size_t kMaxTermBytes = 245;
// Each commit rewrites every B-tree block the batch touched (glass is copy-on-write), so small
// batches multiply the bytes written: at 1,000 a 50,000-document run wrote 9.8 GB for a 1 GB index.
// 5,000 wrote 2.6 GB with the pending changes near 300 MB of memory. 10,000 is Xapian's own
// default, which omindex and scriptindex use (scriptindex wrote 1.7 GB for the same index): half
// the commits, with pending changes under 1 GB (docs/BENCHMARKS.md). Counted over all shards.
constexpr std::size_t kAutoCommitEvery = 10000;
// A new index is kNewIndexShards Xapian databases, shard0, shard1, ... in the index folder, listed
// by the stub file XAPIANDB, through which Xapian::Database (search, xapian-delve, xapian-tcpsrv)
// opens them as one database. Each shard is written by its own thread: Xapian's work for each
// document (its in-memory posting maps, the position and termlist tables) set the pace of
// indexing on one thread, and now runs on two. New documents go to the shards in turn, so the
// combined docids follow the order of adding exactly as in one database. An index written
// before shards (one glass database in the folder) is still opened and updated as one shard.
constexpr unsigned kNewIndexShards = 2;
// Changes queued for a shard's thread at most: the adding thread waits beyond.
constexpr std::size_t kQueueDepth = 256;
// Below this many words a SimHash says little: short texts ("Read more", a caption) would
// otherwise pile into one cluster.
constexpr std::size_t kMinClusterWords = 8;

std::string ScoresJson(const std::map<std::string, double>& scores) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [frame, p] : scores) j[frame] = p;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string HashHex(std::uint64_t h) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

std::size_t CodePoints(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

void AddBoolean(Xapian::Document& x, const char* prefix, const std::string& value) {
  if (!value.empty()) x.add_boolean_term(prefix + value);
}

// The stemmer for an (already normalised) language, or nullptr when Xapian has none. The cache is
// per thread because a Xapian::Stem must not be used by two threads at once.
const Xapian::Stem* StemmerFor(const std::string& lang) {
  thread_local std::map<std::string, std::optional<Xapian::Stem>> stemmers;
  auto it = stemmers.find(lang);
  if (it == stemmers.end()) {
    std::optional<Xapian::Stem> s;
    if (!lang.empty()) {
      try {
        Xapian::Stem stem(lang);
        if (!stem.is_none()) s = stem;
      } catch (const Xapian::InvalidArgumentError&) {
        // zh, ja and others: words are indexed unstemmed.
      }
    }
    it = stemmers.emplace(lang, std::move(s)).first;
  }
  return it->second ? &*it->second : nullptr;
}

// Adds `prefix` + stem of each distinct word of `words` with the number of its occurrences as
// wdf increment: one stemmer call and one term update per distinct word rather than per
// occurrence (the same terms and wdfs as adding each occurrence).
void AddStems(Xapian::Document& x, const Xapian::Stem& stem, const std::vector<schema::Word>& words,
              std::initializer_list<std::string_view> prefixes) {
  std::unordered_map<std::string_view, Xapian::termcount> counts;
  counts.reserve(words.size());
  for (const schema::Word& w : words) {
    if (!w.term.empty()) ++counts[w.term];
  }
  std::string term;
  for (const auto& [word, n] : counts) {
    const std::string s = stem(std::string(word));
    if (s.empty()) continue;
    for (std::string_view prefix : prefixes) {
      term.assign(prefix);
      term += s;
      x.add_term(term, n);
    }
  }
}

// Every term and value of `doc` but the cluster (slot 3) and the metadata (slot 12), which Add
// sets once the cluster is known.
Xapian::Document Build(const corpus::Document& doc, std::uint64_t hash,
                       const std::vector<schema::Word>& title,
                       const std::vector<schema::Word>& body) {
  Xapian::Document x;
  const std::string lang = schema::LanguageValue(doc.language);
  const Xapian::Stem* stem = StemmerFor(lang);

  Xapian::termpos pos = 0;
  std::string title_term;
  for (const schema::Word& w : title) {
    ++pos;
    if (w.term.empty()) continue;
    x.add_posting(w.term, pos);
    title_term.assign(schema::kWordTitle);
    title_term += w.term;
    x.add_posting(title_term, pos);
  }
  pos += schema::kTitleBodyGap;
  for (const schema::Word& w : body) {
    ++pos;
    if (w.term.empty()) continue;
    x.add_posting(w.term, pos);
  }
  if (stem) {
    const std::string title_stem = std::string(schema::kStem) + schema::kWordTitle;
    AddStems(x, *stem, title, {schema::kStem, title_stem});
    AddStems(x, *stem, body, {schema::kStem});
  }

  x.add_boolean_term(schema::kId + doc.id);
  AddBoolean(x, schema::kOutlet, schema::BooleanValue(doc.outlet));
  AddBoolean(x, schema::kLanguage, lang);
  AddBoolean(x, schema::kCountry, schema::BooleanValue(doc.country));
  AddBoolean(x, schema::kType, schema::BooleanValue(doc.source_type));
  AddBoolean(x, schema::kFrame, schema::BooleanValue(doc.frame));
  std::string authors;
  for (const std::string& a : doc.authors) {
    AddBoolean(x, schema::kAuthor, schema::BooleanValue(a));
    if (!authors.empty()) authors += schema::kAuthorSeparator;
    authors += a;
  }
  const std::string date = schema::DateValue(doc.published);
  const std::string year = date.empty() ? "" : date.substr(0, 4);
  AddBoolean(x, schema::kYear, year);

  x.add_value(schema::kSlotDate, date);
  x.add_value(schema::kSlotFrame, doc.frame);
  x.add_value(schema::kSlotOutlet, doc.outlet);
  x.add_value(schema::kSlotSimHash, HashHex(hash));
  x.add_value(schema::kSlotLength,
              Xapian::sortable_serialise(static_cast<double>(CodePoints(doc.text))));
  x.add_value(schema::kSlotLanguage, lang);
  x.add_value(schema::kSlotCountry, doc.country);
  x.add_value(schema::kSlotType, doc.source_type);
  x.add_value(schema::kSlotYear, year);
  x.add_value(schema::kSlotScores, ScoresJson(doc.scores));
  x.add_value(schema::kSlotAuthors, authors);
  return x;
}

}  // namespace

struct PreparedDocument::Impl {
  corpus::Document doc;
  Xapian::Document x;
  std::uint64_t hash = 0;
  bool clusterable = false;
};

PreparedDocument::PreparedDocument(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PreparedDocument::PreparedDocument(PreparedDocument&&) noexcept = default;
PreparedDocument& PreparedDocument::operator=(PreparedDocument&&) noexcept = default;
PreparedDocument::~PreparedDocument() = default;
const corpus::Document& PreparedDocument::doc() const { return impl_->doc; }

struct IndexWriter::Impl {
  // One pending change to a shard, applied by the shard's thread in the order queued.
  struct Op {
    enum class Kind { kReplace, kCommit } kind = Kind::kReplace;
    Xapian::docid did = 0;  // kReplace: the shard's own docid
    Xapian::Document doc;   // kReplace; the only handle (Xapian's reference counts are not atomic)
    std::uint64_t generation = 0;                           // kCommit
    std::vector<std::pair<std::string, std::string>> meta;  // kCommit, shard 0: set first
  };
  struct Shard {
    std::optional<Xapian::WritableDatabase> db;
    std::deque<Op> queue;         // under mu
    bool busy = false;            // under mu: an operation is being applied
    std::uint64_t committed = 0;  // under mu: generation of the last commit
    std::thread thread;
  };

  explicit Impl(std::string p) : path(std::move(p)) {}
  ~Impl() {
    {
      std::lock_guard<std::mutex> l(mu);
      quit = true;
    }
    cv.notify_all();
    for (auto& sh : shards) {
      if (sh->thread.joinable()) sh->thread.join();
    }
  }

  unsigned count() const { return static_cast<unsigned>(shards.size()); }
  // Xapian numbers the documents of n shards in turn: docid d of shard s is (d - 1) * n + s + 1.
  Xapian::docid Combined(unsigned s, Xapian::docid local) const {
    return (local - 1) * count() + s + 1;
  }
  unsigned ShardOf(Xapian::docid did) const { return (did - 1) % count(); }
  Xapian::docid LocalOf(Xapian::docid did) const { return (did - 1) / count() + 1; }

  void Start() {
    for (unsigned s = 0; s < count(); ++s) shards[s]->thread = std::thread([this, s] { Run(s); });
  }

  // A shard's thread: applies its queue in order. After any failure nothing more is applied
  // anywhere, and shard 0, which holds the progress metadata, commits only once every other shard
  // has committed the same point: a run killed in between resumes from no later than what every
  // shard holds (the documents after that point are replaced, not added twice).
  void Run(unsigned s) {
    Shard& sh = *shards[s];
    for (;;) {
      Op op;
      bool skip = false;
      {
        std::unique_lock<std::mutex> l(mu);
        cv.wait(l, [&] { return quit || !sh.queue.empty(); });
        if (sh.queue.empty()) return;
        op = std::move(sh.queue.front());
        sh.queue.pop_front();
        sh.busy = true;
        if (op.kind == Op::Kind::kCommit && s == 0) {
          cv.wait(l, [&] {
            if (error) return true;
            for (unsigned o = 1; o < count(); ++o) {
              if (shards[o]->committed < op.generation) return false;
            }
            return true;
          });
        }
        skip = error.has_value();
      }
      cv.notify_all();
      std::optional<Error> failure;
      if (!skip) failure = Apply(sh, op);
      const bool committed = op.kind == Op::Kind::kCommit && !skip && !failure;
      const std::uint64_t done = op.generation;
      op = Op{};
      {
        std::lock_guard<std::mutex> l(mu);
        sh.busy = false;
        if (failure && !error) error = std::move(failure);
        if (committed) sh.committed = done;
      }
      cv.notify_all();
    }
  }

  std::optional<Error> Apply(Shard& sh, Op& op) {
    try {
      if (op.kind == Op::Kind::kReplace) {
        sh.db->replace_document(op.did, op.doc);
      } else {
        for (const auto& [key, value] : op.meta) sh.db->set_metadata(key, value);
        sh.db->commit();
      }
      return std::nullopt;
    } catch (const Xapian::Error& e) {
      return FromXapian(e, path);
    } catch (const std::bad_alloc&) {
      return Error{ErrorCode::kInternal, "the index at " + path + ": out of memory"};
    } catch (const std::exception& e) {
      return Error{ErrorCode::kInternal, "the index at " + path + ": " + e.what()};
    }
  }

  Status Enqueue(unsigned s, Op op) {
    Shard& sh = *shards[s];
    {
      std::unique_lock<std::mutex> l(mu);
      cv.wait(l, [&] { return error || sh.queue.size() < kQueueDepth; });
      if (error) return tl::unexpected<Error>(*error);
      sh.queue.push_back(std::move(op));
    }
    cv.notify_all();
    return {};
  }

  // Waits until every queued change is applied; then the databases may be used from this thread.
  Status Drain() {
    std::unique_lock<std::mutex> l(mu);
    cv.wait(l, [&] {
      for (const auto& sh : shards) {
        if (sh->busy || !sh->queue.empty()) return false;
      }
      return true;
    });
    if (error) return tl::unexpected<Error>(*error);
    return {};
  }

  // Queues a commit of every shard (shard 0 last, with the metadata set since the last one).
  Status RequestCommit() {
    ++generation;
    pending = 0;
    for (unsigned s = count(); s-- > 0;) {
      Op op;
      op.kind = Op::Kind::kCommit;
      op.generation = generation;
      if (s == 0) {
        op.meta.assign(meta.begin(), meta.end());
        meta.clear();
      }
      if (auto st = Enqueue(s, std::move(op)); !st) return st;
    }
    return {};
  }

  Status CountChange() {
    if (++pending >= kAutoCommitEvery) return RequestCommit();
    return {};
  }

  // The ids, fingerprints and clusters of the stored documents, read once before the first
  // change that needs them. Looking them up in memory keeps the databases to their threads.
  Status Load() {
    if (loaded) return {};
    if (auto st = Drain(); !st) return st;
    next_local.assign(count(), 0);
    const std::string id_prefix = schema::kId;
    for (unsigned s = 0; s < count(); ++s) {
      Xapian::WritableDatabase& db = *shards[s]->db;
      next_local[s] = db.get_lastdocid() + 1;
      for (auto t = db.allterms_begin(id_prefix); t != db.allterms_end(id_prefix); ++t) {
        const std::string term = *t;
        auto p = db.postlist_begin(term);
        if (p != db.postlist_end(term)) ids.emplace(term.substr(id_prefix.size()), Combined(s, *p));
      }
      for (auto v = db.valuestream_begin(schema::kSlotSimHash);
           v != db.valuestream_end(schema::kSlotSimHash); ++v) {
        const std::string hex = *v;
        std::uint64_t h = 0;
        auto [ptr, ec] = std::from_chars(hex.data(), hex.data() + hex.size(), h, 16);
        if (ec == std::errc() && ptr == hex.data() + hex.size())
          Remember(Combined(s, v.get_docid()), h);
      }
      for (auto v = db.valuestream_begin(schema::kSlotCluster);
           v != db.valuestream_end(schema::kSlotCluster); ++v) {
        const Xapian::docid did = Combined(s, v.get_docid());
        Grow(did);
        clusters[did] = *v;
      }
    }
    loaded = true;
    return {};
  }

  // The docid for a new document: the shard whose next docid comes first, so that documents go
  // to the shards in turn and the combined docids follow the order of adding.
  Xapian::docid NewDocid() {
    unsigned best = 0;
    for (unsigned s = 1; s < count(); ++s) {
      if (Combined(s, next_local[s]) < Combined(best, next_local[best])) best = s;
    }
    return Combined(best, next_local[best]++);
  }

  // The cluster of the earliest-added other document within kNearDuplicateBits of `hash`, or ""
  // when there is none. Candidates are the documents sharing at least one band, which every
  // fingerprint that close does (pigeonhole over 8 bands of 8 bits).
  std::string FindCluster(std::uint64_t hash, Xapian::docid self) {
    std::vector<Xapian::docid> close;
    for (unsigned b = 0; b < 8; ++b) {
      for (Xapian::docid did : band_docs[BandKey(hash, b)]) {
        if (did != self && did < known.size() && known[did] &&
            corpus::HammingDistance(hash, hashes[did]) <= corpus::kNearDuplicateBits)
          close.push_back(did);
      }
    }
    std::sort(close.begin(), close.end());
    close.erase(std::unique(close.begin(), close.end()), close.end());
    for (Xapian::docid did : close) {
      if (!clusters[did].empty()) return clusters[did];
    }
    return "";
  }

  static std::size_t BandKey(std::uint64_t hash, unsigned band) {
    return band * 256 + ((hash >> (8 * band)) & 0xFF);
  }

  void Grow(Xapian::docid did) {
    if (did >= known.size()) {
      known.resize(did + 1024, false);
      hashes.resize(did + 1024, 0);
      clusters.resize(did + 1024);
    }
  }

  // Records the fingerprint of document `did` (new, or replaced: its old band entries then
  // stay behind, harmlessly, since candidates are checked against the current fingerprint).
  void Remember(Xapian::docid did, std::uint64_t hash) {
    Grow(did);
    known[did] = true;
    hashes[did] = hash;
    for (unsigned b = 0; b < 8; ++b) band_docs[BandKey(hash, b)].push_back(did);
  }

  std::string path;
  std::vector<std::unique_ptr<Shard>> shards;

  // Shared with the shard threads.
  std::mutex mu;
  std::condition_variable cv;
  bool quit = false;           // under mu
  std::optional<Error> error;  // under mu: the first failure; nothing is applied after it

  // The calling thread's own.
  std::uint64_t generation = 0;             // of the last commit queued
  std::size_t pending = 0;                  // changes since then
  std::map<std::string, std::string> meta;  // metadata for shard 0's next commit
  bool loaded = false;
  std::vector<Xapian::docid> next_local;                      // by shard
  std::unordered_map<std::string, Xapian::docid> ids;         // document id -> combined docid
  std::vector<bool> known;                                    // by docid: a fingerprint is recorded
  std::vector<std::uint64_t> hashes;                          // by docid
  std::vector<std::string> clusters;                          // by docid
  std::array<std::vector<Xapian::docid>, 8 * 256> band_docs;  // by BandKey
};

IndexWriter::IndexWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

IndexWriter::~IndexWriter() {
  if (!impl_) return;
  // A destructor cannot report; callers who care call Commit() first.
  (void)Commit();
}

namespace {

// True when `path` is missing, or a folder holding nothing but shard folders (a sharded index
// whose creation was interrupted before its stub file was written).
bool IsNewIndex(const std::string& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return true;
  if (!fs::is_directory(path, ec)) return false;
  for (const auto& e : fs::directory_iterator(path, ec)) {
    const std::string name = e.path().filename().string();
    if (!name.starts_with("shard") && name != std::string(kStubFile) + ".tmp") return false;
  }
  return !ec;
}

}  // namespace

Result<std::unique_ptr<IndexWriter>> IndexWriter::Open(const std::string& path) {
  return Guard(path, [&]() -> Result<std::unique_ptr<IndexWriter>> {
    auto impl = std::make_unique<Impl>(path);
    std::vector<std::string> shard_paths;
    bool create = false;
    std::error_code ec;
    if (fs::is_regular_file(fs::path(path) / kStubFile, ec)) {
      auto listed = ReadShardList(path);
      if (!listed) return tl::unexpected<Error>(listed.error());
      shard_paths = std::move(*listed);
    } else if (IsNewIndex(path)) {
      create = true;
      if (!fs::exists(path, ec) && !fs::create_directory(path, ec)) {
        return Fail(ErrorCode::kIo,
                    "the index at " + path + ": cannot create the folder: " + ec.message());
      }
      for (unsigned s = 0; s < kNewIndexShards; ++s)
        shard_paths.push_back(path + "/shard" + std::to_string(s));
    } else {
      shard_paths.push_back(path);  // one database, as written before shards
    }
    for (const std::string& p : shard_paths) {
      auto sh = std::make_unique<Impl::Shard>();
      sh->db.emplace(p, Xapian::DB_CREATE_OR_OPEN);
      impl->shards.push_back(std::move(sh));
    }
    if (create) {
      // Written last and renamed into place: a folder without it is still "new" next time.
      const std::string stub = path + "/" + kStubFile;
      {
        std::ofstream out(stub + ".tmp", std::ios::trunc);
        for (unsigned s = 0; s < kNewIndexShards; ++s) out << "auto shard" << s << "\n";
        out.flush();
        if (!out) return Fail(ErrorCode::kIo, "the index at " + path + ": cannot write " + stub);
      }
      fs::rename(stub + ".tmp", stub, ec);
      if (ec) {
        return Fail(ErrorCode::kIo,
                    "the index at " + path + ": cannot write " + stub + ": " + ec.message());
      }
    }
    impl->Start();
    return std::unique_ptr<IndexWriter>(new IndexWriter(std::move(impl)));
  });
}

PreparedDocument IndexWriter::Prepare(corpus::Document doc) {
  corpus::DocumentTokens tokens{corpus::Tokenize(doc.title), corpus::Tokenize(doc.text)};
  return Prepare(std::move(doc), tokens);
}

PreparedDocument IndexWriter::Prepare(corpus::Document doc, const corpus::DocumentTokens& tokens) {
  auto p = std::make_unique<PreparedDocument::Impl>();
  if (doc.id.empty()) {
    doc.id = corpus::MakeDocumentId(!doc.canonical_url.empty() ? doc.canonical_url
                                    : !doc.url.empty()         ? doc.url
                                                               : doc.text);
  }
  const std::vector<schema::Word> title = schema::AnalyzeTokens(tokens.title);
  // One ICU segmentation of the text serves the index terms and the fingerprint.
  const std::vector<schema::Word> body = schema::AnalyzeTokens(tokens.text);
  p->hash = corpus::SimHash(tokens.text);
  p->clusterable = body.size() >= kMinClusterWords;
  // An id too long for a term is refused by Add, before Xapian sees it.
  if (std::string(schema::kId).size() + doc.id.size() <= kMaxTermBytes) {
    p->x = Build(doc, p->hash, title, body);
    // The stored JSON leaves the cluster out (Add decides it): readers take it from slot 3.
    // Serialising here keeps the JSON off the writer's thread.
    doc.cluster.clear();
    p->x.set_data(corpus::ToJson(doc));
  }
  p->doc = std::move(doc);
  return PreparedDocument(std::move(p));
}

Result<bool> IndexWriter::Add(corpus::Document& doc) {
  PreparedDocument p = Prepare(std::move(doc));
  Result<bool> added = Add(p);
  doc = std::move(p.impl_->doc);
  return added;
}

Result<bool> IndexWriter::Add(PreparedDocument& prepared) {
  Impl& im = *impl_;
  PreparedDocument::Impl& p = *prepared.impl_;
  corpus::Document& doc = p.doc;
  return Guard(im.path, [&]() -> Result<bool> {
    const std::string id_term = schema::kId + doc.id;
    if (id_term.size() > kMaxTermBytes) {
      return Fail(ErrorCode::kInvalidInput, "the index at " + im.path + ": document id \"" +
                                                doc.id.substr(0, 40) + "...\" is too long");
    }
    if (auto st = im.Load(); !st) return tl::unexpected<Error>(st.error());
    auto known = im.ids.find(doc.id);
    const Xapian::docid existing = known == im.ids.end() ? 0 : known->second;

    std::string cluster;
    if (p.clusterable) cluster = im.FindCluster(p.hash, existing);
    doc.cluster = cluster.empty() ? doc.id : cluster;

    p.x.add_value(schema::kSlotCluster, doc.cluster);
    p.x.add_value(schema::kSlotMeta, schema::EncodeMetadata(doc));
    const Xapian::docid did = existing ? existing : im.NewDocid();
    if (!existing) im.ids.emplace(doc.id, did);
    im.Remember(did, p.hash);
    im.clusters[did] = doc.cluster;

    Impl::Op op;
    op.did = im.LocalOf(did);
    op.doc = p.x;
    p.x = Xapian::Document();  // the queue holds the only handle
    if (auto st = im.Enqueue(im.ShardOf(did), std::move(op)); !st)
      return tl::unexpected<Error>(st.error());
    if (auto st = im.CountChange(); !st) return tl::unexpected<Error>(st.error());
    return existing == 0;
  });
}

Status IndexWriter::SetFrame(const std::string& id, const std::string& frame,
                             const std::map<std::string, double>& scores) {
  Impl& im = *impl_;
  return Guard(im.path, [&]() -> Status {
    if (auto st = im.Load(); !st) return st;
    auto known = im.ids.find(id);
    if (known == im.ids.end()) {
      return Fail(ErrorCode::kNotFound,
                  "no document with id \"" + id + "\" in the index at " + im.path);
    }
    // Drained: the shard threads wait, so the database is used from this thread alone.
    if (auto st = im.Drain(); !st) return st;
    Xapian::WritableDatabase& db = *im.shards[im.ShardOf(known->second)]->db;
    const Xapian::docid did = im.LocalOf(known->second);
    Xapian::Document x = db.get_document(did);
    Result<corpus::Document> stored = corpus::DocumentFromJson(x.get_data());
    if (!stored) {
      return Fail(ErrorCode::kCorrupt, "the index at " + im.path + ": stored document \"" + id +
                                           "\": " + stored.error().message);
    }
    // Documents stored without their cluster have it in slot 3.
    if (stored->cluster.empty()) stored->cluster = x.get_value(schema::kSlotCluster);
    std::vector<std::string> old_frames;
    const std::string frame_prefix = schema::kFrame;
    auto t = x.termlist_begin();
    t.skip_to(frame_prefix);
    for (; t != x.termlist_end() && (*t).starts_with(frame_prefix); ++t) old_frames.push_back(*t);
    for (const std::string& term : old_frames) x.remove_term(term);
    AddBoolean(x, schema::kFrame, schema::BooleanValue(frame));
    x.add_value(schema::kSlotFrame, frame);
    x.add_value(schema::kSlotScores, ScoresJson(scores));
    stored->frame = frame;
    stored->scores = scores;
    x.add_value(schema::kSlotMeta, schema::EncodeMetadata(*stored));
    x.set_data(corpus::ToJson(*stored));
    db.replace_document(did, x);
    return im.CountChange();
  });
}

Status IndexWriter::Commit() {
  Impl& im = *impl_;
  return Guard(im.path, [&]() -> Status {
    if (auto st = im.RequestCommit(); !st) return st;
    return im.Drain();
  });
}

Status IndexWriter::SetMetadata(const std::string& key, const std::string& value) {
  // Kept until the next commit, which sets it on shard 0 after the other shards have committed.
  impl_->meta[key] = value;
  return {};
}

Result<std::string> IndexWriter::GetMetadata(const std::string& key) const {
  Impl& im = *impl_;
  if (auto it = im.meta.find(key); it != im.meta.end()) return it->second;
  return Guard(im.path, [&]() -> Result<std::string> {
    if (auto st = im.Drain(); !st) return tl::unexpected<Error>(st.error());
    return im.shards[0]->db->get_metadata(key);
  });
}

std::size_t IndexWriter::doc_count() const {
  Impl& im = *impl_;
  try {
    if (!im.Drain()) return 0;
    std::size_t n = 0;
    for (const auto& sh : im.shards) n += sh->db->get_doccount();
    return n;
  } catch (const Xapian::Error&) {
    return 0;
  }
}

}  // namespace framescope::index
