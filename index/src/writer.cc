#include <xapian.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>

#include "framescope/corpus/fingerprint.h"
#include "framescope/index/index.h"
#include "schema.h"
#include "xapian_error.h"

namespace framescope::index {
namespace {

// Xapian's glass backend allows terms of at most 245 bytes.
constexpr std::size_t kMaxTermBytes = 245;
// Each commit rewrites every B-tree block the batch touched (glass is copy-on-write), so small
// batches multiply the bytes written: at 1,000 a 50,000-document run wrote 9.8 GB for a 1 GB index.
// 5,000 wrote 2.6 GB with the pending changes near 300 MB of memory. 10,000 is Xapian's own
// default, which omindex and scriptindex use (scriptindex wrote 1.7 GB for the same index): half
// the commits, with pending changes under 1 GB (docs/BENCHMARKS.md).
constexpr std::size_t kAutoCommitEvery = 10000;
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
  Impl(std::string p, Xapian::WritableDatabase d) : path(std::move(p)), db(std::move(d)) {}

  // The cluster of the earliest-added other document within kNearDuplicateBits of `hash`, or ""
  // when there is none. Candidates are the documents sharing at least one band, which every
  // fingerprint that close does (pigeonhole over 8 bands of 8 bits).
  std::string FindCluster(std::uint64_t hash, Xapian::docid self) {
    LoadFingerprints();
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
      std::string cluster = db.get_document(did).get_value(schema::kSlotCluster);
      if (!cluster.empty()) return cluster;
    }
    return "";
  }

  static std::size_t BandKey(std::uint64_t hash, unsigned band) {
    return band * 256 + ((hash >> (8 * band)) & 0xFF);
  }

  // Records the fingerprint of document `did` (new, or replaced: its old band entries then
  // stay behind, harmlessly, since candidates are checked against the current fingerprint).
  void Remember(Xapian::docid did, std::uint64_t hash) {
    if (did >= known.size()) {
      known.resize(did + 1024, false);
      hashes.resize(did + 1024, 0);
    }
    known[did] = true;
    hashes[did] = hash;
    for (unsigned b = 0; b < 8; ++b) band_docs[BandKey(hash, b)].push_back(did);
  }

  // Reads every fingerprint (slot 4) once, on the first Add. Finding candidates in memory costs
  // a few thousand popcounts per document, where walking the band terms' posting lists through
  // Xapian (merged with the uncommitted changes) grew with the index and came to dominate it.
  void LoadFingerprints() {
    if (fingerprints_loaded) return;
    fingerprints_loaded = true;
    for (auto v = db.valuestream_begin(schema::kSlotSimHash);
         v != db.valuestream_end(schema::kSlotSimHash); ++v) {
      const std::string hex = *v;
      std::uint64_t h = 0;
      auto [ptr, ec] = std::from_chars(hex.data(), hex.data() + hex.size(), h, 16);
      if (ec == std::errc() && ptr == hex.data() + hex.size()) Remember(v.get_docid(), h);
    }
  }

  Status CountChange() {
    if (++pending >= kAutoCommitEvery) {
      db.commit();
      pending = 0;
    }
    return {};
  }

  std::string path;
  Xapian::WritableDatabase db;
  std::size_t pending = 0;
  bool fingerprints_loaded = false;
  std::vector<bool> known;            // by docid: a fingerprint is recorded
  std::vector<std::uint64_t> hashes;  // by docid
  std::array<std::vector<Xapian::docid>, 8 * 256> band_docs;  // by BandKey
};

IndexWriter::IndexWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

IndexWriter::~IndexWriter() {
  if (!impl_) return;
  try {
    impl_->db.commit();
  } catch (const Xapian::Error&) {
    // A destructor cannot report; callers who care call Commit() first.
  }
}

Result<std::unique_ptr<IndexWriter>> IndexWriter::Open(const std::string& path) {
  return Guard(path, [&]() -> Result<std::unique_ptr<IndexWriter>> {
    auto impl =
        std::make_unique<Impl>(path, Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN));
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
    Xapian::docid existing = 0;
    if (auto it = im.db.postlist_begin(id_term); it != im.db.postlist_end(id_term)) existing = *it;

    std::string cluster;
    if (p.clusterable) cluster = im.FindCluster(p.hash, existing);
    doc.cluster = cluster.empty() ? doc.id : cluster;

    p.x.add_value(schema::kSlotCluster, doc.cluster);
    p.x.add_value(schema::kSlotMeta, schema::EncodeMetadata(doc));
    im.LoadFingerprints();
    const Xapian::docid did = im.db.replace_document(id_term, p.x);
    im.Remember(did, p.hash);
    if (auto st = im.CountChange(); !st) return tl::unexpected<Error>(st.error());
    return existing == 0;
  });
}

Status IndexWriter::SetFrame(const std::string& id, const std::string& frame,
                             const std::map<std::string, double>& scores) {
  Impl& im = *impl_;
  return Guard(im.path, [&]() -> Status {
    const std::string id_term = schema::kId + id;
    auto p = im.db.postlist_begin(id_term);
    if (p == im.db.postlist_end(id_term)) {
      return Fail(ErrorCode::kNotFound,
                  "no document with id \"" + id + "\" in the index at " + im.path);
    }
    const Xapian::docid did = *p;
    Xapian::Document x = im.db.get_document(did);
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
    im.db.replace_document(did, x);
    return im.CountChange();
  });
}

Status IndexWriter::Commit() {
  Impl& im = *impl_;
  return Guard(im.path, [&]() -> Status {
    im.db.commit();
    im.pending = 0;
    return {};
  });
}

Status IndexWriter::SetMetadata(const std::string& key, const std::string& value) {
  Impl& im = *impl_;
  return Guard(im.path, [&]() -> Status {
    im.db.set_metadata(key, value);
    return {};
  });
}

Result<std::string> IndexWriter::GetMetadata(const std::string& key) const {
  Impl& im = *impl_;
  return Guard(im.path, [&]() -> Result<std::string> { return im.db.get_metadata(key); });
}

std::size_t IndexWriter::doc_count() const {
  try {
    return impl_->db.get_doccount();
  } catch (const Xapian::Error&) {
    return 0;
  }
}

}  // namespace framescope::index
