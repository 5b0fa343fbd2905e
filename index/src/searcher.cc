#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <utility>

#include "framescope/index/index.h"
#include "highlight.h"
#include "layout.h"
#include "query.h"
#include "schema.h"
#include "xapian_error.h"

namespace framescope::index {
namespace {

// Documents fetched per batch when walking every match, so a remote shard is not asked for
// everything at once and KWIC can stop early.
constexpr Xapian::doccount kBatch = 200;

// Calls `fn(const Xapian::MSetIterator&)` for every match of `enq` in its order until it returns
// false. One MSet holds every match (docids and sort keys only); documents come in batches.
template <class Fn>
void ForEachMatch(Xapian::Enquire& enq, Xapian::doccount all, Fn&& fn) {
  Xapian::MSet mset = enq.get_mset(0, all, all);
  for (auto batch = mset.begin(); batch != mset.end();) {
    auto batch_end = batch;
    for (Xapian::doccount k = 0; k < kBatch && batch_end != mset.end(); ++k) ++batch_end;
    mset.fetch(batch, batch_end);
    for (auto it = batch; it != batch_end; ++it) {
      if (!fn(it)) return;
    }
    batch = batch_end;
  }
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

Xapian::valueno SlotOf(Field f) {
  switch (f) {
    case Field::kOutlet:
      return schema::kSlotOutlet;
    case Field::kLanguage:
      return schema::kSlotLanguage;
    case Field::kCountry:
      return schema::kSlotCountry;
    case Field::kType:
      return schema::kSlotType;
    case Field::kFrame:
      return schema::kSlotFrame;
    case Field::kYear:
      return schema::kSlotYear;
    case Field::kAuthor:
      return schema::kSlotAuthors;
  }
  return schema::kSlotOutlet;
}

struct Compiled {
  Xapian::Query query;
  std::vector<Pattern> patterns;
};

}  // namespace

std::optional<Field> ParseField(std::string_view name) {
  const std::string n = Lower(name);
  if (n == "outlet") return Field::kOutlet;
  if (n == "language" || n == "lang") return Field::kLanguage;
  if (n == "country") return Field::kCountry;
  if (n == "type") return Field::kType;
  if (n == "frame") return Field::kFrame;
  if (n == "year") return Field::kYear;
  if (n == "author") return Field::kAuthor;
  return std::nullopt;
}

std::string FieldName(Field field) {
  switch (field) {
    case Field::kOutlet:
      return "outlet";
    case Field::kLanguage:
      return "language";
    case Field::kCountry:
      return "country";
    case Field::kType:
      return "type";
    case Field::kFrame:
      return "frame";
    case Field::kYear:
      return "year";
    case Field::kAuthor:
      return "author";
  }
  return "";
}

struct Searcher::Impl {
  Impl(std::string p, Xapian::Database d) : path(std::move(p)), db(std::move(d)) {}

  // Runs `fn` under the module's error guard. A reader can be overtaken by a writer's commits
  // (Xapian::DatabaseModifiedError): then it moves to the latest revision and tries once more.
  template <class Fn>
  auto Run(Fn&& fn) const -> decltype(fn()) {
    return Guard(path, [&]() -> decltype(fn()) {
      try {
        return fn();
      } catch (const Xapian::DatabaseModifiedError&) {
        db.reopen();
        return fn();
      }
    });
  }

  Result<Compiled> Compile(const std::string& text) const {
    Result<RewrittenQuery> rewritten = RewriteQuery(text);
    if (!rewritten) return tl::unexpected<Error>(rewritten.error());
    try {
      return Compiled{BuildXapianQuery(db, *rewritten), std::move(rewritten->patterns)};
    } catch (const Xapian::QueryParserError& e) {
      return Fail(ErrorCode::kInvalidInput, "invalid query \"" + text + "\": " + e.get_msg());
    }
  }

  Result<corpus::Document> Load(const Xapian::Document& x) const {
    Result<corpus::Document> doc = corpus::DocumentFromJson(x.get_data());
    if (!doc) {
      return Fail(ErrorCode::kCorrupt, "the index at " + path + ": stored document " +
                                           std::to_string(x.get_docid()) + ": " +
                                           doc.error().message);
    }
    if (doc->cluster.empty()) doc->cluster = x.get_value(schema::kSlotCluster);
    return doc;
  }

  // Every match of `enq` in its order, without text. The metadata (slot 12) is read along its
  // value stream in docid order, which costs a fraction of loading and parsing each document's
  // stored JSON with its whole text; documents without it (an index written before slot 12 existed,
  // or by a build that stored another form there) and backends without value streams are loaded the
  // slow way.
  Result<std::vector<corpus::Document>> Metadata(Xapian::Enquire& enq) const {
    const Xapian::doccount all = db.get_doccount();
    Xapian::MSet mset = enq.get_mset(0, all, all);
    std::vector<std::pair<Xapian::docid, std::size_t>> by_docid;
    by_docid.reserve(mset.size());
    std::size_t rank = 0;
    for (auto it = mset.begin(); it != mset.end(); ++it) by_docid.emplace_back(*it, rank++);
    std::sort(by_docid.begin(), by_docid.end());
    std::vector<corpus::Document> out(by_docid.size());
    auto slow = [&](Xapian::docid did, std::size_t at) -> Status {
      Result<corpus::Document> doc = Load(db.get_document(did, Xapian::DOC_ASSUME_VALID));
      if (!doc) return tl::unexpected<Error>(doc.error());
      doc->text.clear();
      out[at] = std::move(*doc);
      return {};
    };
    std::size_t i = 0;
    try {
      Xapian::ValueIterator v = db.valuestream_begin(schema::kSlotMeta);
      const Xapian::ValueIterator end = db.valuestream_end(schema::kSlotMeta);
      for (; i < by_docid.size(); ++i) {
        const auto [did, at] = by_docid[i];
        if (v != end) v.skip_to(did);
        if (v == end || v.get_docid() != did) {
          if (Status s = slow(did, at); !s) return tl::unexpected<Error>(s.error());
          continue;
        }
        if (!schema::DecodeMetadata(*v, out[at])) {
          if (Status s = slow(did, at); !s) return tl::unexpected<Error>(s.error());
        }
      }
    } catch (const Xapian::UnimplementedError&) {
      for (; i < by_docid.size(); ++i) {
        if (Status s = slow(by_docid[i].first, by_docid[i].second); !s)
          return tl::unexpected<Error>(s.error());
      }
    }
    return out;
  }

  Xapian::Enquire DateOrdered(const Compiled& c, bool dedup) const {
    Xapian::Enquire enq(db);
    enq.set_query(c.query);
    enq.set_sort_by_value(schema::kSlotDate, false);
    enq.set_docid_order(Xapian::Enquire::ASCENDING);
    if (dedup) enq.set_collapse_key(schema::kSlotCluster);
    return enq;
  }

  std::string path;
  mutable Xapian::Database db;
};

Searcher::Searcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Searcher::~Searcher() = default;

Result<std::unique_ptr<Searcher>> Searcher::Open(const std::string& path) {
  return Guard(path, [&]() -> Result<std::unique_ptr<Searcher>> {
    auto impl = std::make_unique<Impl>(path, Xapian::Database(path));
    return std::unique_ptr<Searcher>(new Searcher(std::move(impl)));
  });
}

Result<SearchResult> Searcher::Search(const std::string& query, const SearchOptions& opts) const {
  const Impl& im = *impl_;
  return im.Run([&]() -> Result<SearchResult> {
    Result<Compiled> c = im.Compile(query);
    if (!c) return tl::unexpected<Error>(c.error());
    Xapian::Enquire enq(im.db);
    enq.set_query(c->query);
    if (opts.dedup) enq.set_collapse_key(schema::kSlotCluster);
    if (opts.sort_by_date) enq.set_sort_by_value_then_relevance(schema::kSlotDate, false);
    const Xapian::doccount all = im.db.get_doccount();
    const auto offset = static_cast<Xapian::doccount>(std::min<std::size_t>(opts.offset, all));
    const auto limit = static_cast<Xapian::doccount>(std::min<std::size_t>(opts.limit, all));
    SearchResult out;
    Xapian::MSet mset;
    Xapian::MSetIterator first, last;
    if (opts.dedup) {
      // Xapian counts collapsed matches exactly only for documents that made it into the MSet,
      // so with dedup every match is ranked and the page is cut out here.
      mset = enq.get_mset(0, all, all);
      out.total = mset.size();
      first = mset.begin();
      for (Xapian::doccount k = 0; k < offset && first != mset.end(); ++k) ++first;
      last = first;
      for (Xapian::doccount k = 0; k < limit && last != mset.end(); ++k) ++last;
    } else {
      // Checking every document makes the count exact rather than Xapian's estimate.
      mset = enq.get_mset(offset, limit, all);
      out.total = mset.get_matches_estimated();
      first = mset.begin();
      last = mset.end();
    }
    if (first != last) mset.fetch(first, last);
    for (auto it = first; it != last; ++it) {
      Result<corpus::Document> doc = im.Load(it.get_document());
      if (!doc) return tl::unexpected<Error>(doc.error());
      Hit hit;
      hit.score = it.get_weight();
      Highlighter h(c->patterns, doc->language);
      hit.snippet = Snippet(doc->text, h.Find(schema::AnalyzeText(doc->text)));
      hit.doc = std::move(*doc);
      out.hits.push_back(std::move(hit));
    }
    return out;
  });
}

Result<std::vector<corpus::Document>> Searcher::Documents(const std::string& query, bool dedup,
                                                          bool with_text) const {
  const Impl& im = *impl_;
  return im.Run([&]() -> Result<std::vector<corpus::Document>> {
    Result<Compiled> c = im.Compile(query);
    if (!c) return tl::unexpected<Error>(c.error());
    Xapian::Enquire enq = im.DateOrdered(*c, dedup);
    if (!with_text) return im.Metadata(enq);
    std::vector<corpus::Document> out;
    Error failure;
    bool failed = false;
    ForEachMatch(enq, im.db.get_doccount(), [&](const Xapian::MSetIterator& it) {
      Result<corpus::Document> doc = im.Load(it.get_document());
      if (!doc) {
        failure = doc.error();
        failed = true;
        return false;
      }
      if (!with_text) doc->text.clear();
      out.push_back(std::move(*doc));
      return true;
    });
    if (failed) return tl::unexpected<Error>(failure);
    return out;
  });
}

Result<std::map<std::string, std::size_t>> Searcher::Facets(const std::string& query, Field by,
                                                            bool dedup) const {
  const Impl& im = *impl_;
  return im.Run([&]() -> Result<std::map<std::string, std::size_t>> {
    Result<Compiled> c = im.Compile(query);
    if (!c) return tl::unexpected<Error>(c.error());
    const Xapian::valueno slot = SlotOf(by);
    const Xapian::doccount all = im.db.get_doccount();
    std::map<std::string, std::size_t> counts;
    if (!dedup && by != Field::kAuthor) {
      // A match spy sees every match without fetching documents, and works through remote
      // shards. It runs before collapsing, so it cannot serve `dedup`.
      Xapian::Enquire enq(im.db);
      enq.set_query(c->query);
      Xapian::ValueCountMatchSpy spy(slot);
      enq.add_matchspy(&spy);
      enq.get_mset(0, 0, all);
      for (auto v = spy.values_begin(); v != spy.values_end(); ++v) {
        if (!(*v).empty()) counts[*v] = v.get_termfreq();
      }
      return counts;
    }
    Xapian::Enquire enq = im.DateOrdered(*c, dedup);
    // Authors: count case-insensitively distinct names, keyed by the first spelling met.
    std::map<std::string, std::string> author_key;
    ForEachMatch(enq, all, [&](const Xapian::MSetIterator& it) {
      const std::string value = it.get_document().get_value(slot);
      if (value.empty()) return true;
      if (by != Field::kAuthor) {
        ++counts[value];
        return true;
      }
      std::set<std::string> seen;  // one count per document even if a name repeats
      std::size_t b = 0;
      while (b <= value.size()) {
        std::size_t e = value.find(schema::kAuthorSeparator, b);
        if (e == std::string::npos) e = value.size();
        std::string name = value.substr(b, e - b);
        std::string norm = schema::BooleanValue(name);
        if (!norm.empty() && seen.insert(norm).second) {
          auto k = author_key.emplace(norm, name).first;
          ++counts[k->second];
        }
        b = e + 1;
      }
      return true;
    });
    return counts;
  });
}

Result<std::vector<KwicLine>> Searcher::Kwic(const std::string& query, std::size_t width,
                                             std::size_t limit) const {
  const Impl& im = *impl_;
  return im.Run([&]() -> Result<std::vector<KwicLine>> {
    Result<Compiled> c = im.Compile(query);
    if (!c) return tl::unexpected<Error>(c.error());
    std::vector<KwicLine> out;
    if (c->patterns.empty()) return out;  // only filters: no words to show in context
    Xapian::Enquire enq = im.DateOrdered(*c, false);
    Error failure;
    bool failed = false;
    ForEachMatch(enq, im.db.get_doccount(), [&](const Xapian::MSetIterator& it) {
      Result<corpus::Document> doc = im.Load(it.get_document());
      if (!doc) {
        failure = doc.error();
        failed = true;
        return false;
      }
      const std::string& text = doc->text;
      Highlighter h(c->patterns, doc->language);
      for (const corpus::Span& m : h.Find(schema::AnalyzeText(text))) {
        KwicLine line;
        line.id = doc->id;
        line.left = LeftContext(text, m.begin, width);
        line.match = FlattenSpace(text.substr(m.begin, m.end - m.begin));
        line.right = RightContext(text, m.end, width);
        out.push_back(std::move(line));
        if (limit != 0 && out.size() >= limit) return false;
      }
      return true;
    });
    if (failed) return tl::unexpected<Error>(failure);
    return out;
  });
}

Result<corpus::Document> Searcher::Get(const std::string& id) const {
  const Impl& im = *impl_;
  return im.Run([&]() -> Result<corpus::Document> {
    const std::string term = schema::kId + id;
    auto p = im.db.postlist_begin(term);
    if (id.empty() || p == im.db.postlist_end(term)) {
      return Fail(ErrorCode::kNotFound,
                  "no document with id \"" + id + "\" in the index at " + im.path);
    }
    return im.Load(im.db.get_document(*p));
  });
}

std::size_t Searcher::doc_count() const {
  try {
    return impl_->db.get_doccount();
  } catch (const Xapian::Error&) {
    return 0;
  }
}

std::string Searcher::revision() const {
  try {
    std::string uuid = impl_->db.get_uuid();
    try {
      return uuid + "@" + std::to_string(impl_->db.get_revision());
    } catch (const Xapian::Error&) {
      // Several shards: the revision of each, when they are folders of a study's index.
      std::error_code ec;
      if (!std::filesystem::is_directory(impl_->path, ec)) return uuid;
      auto shards = ReadShardList(impl_->path);
      if (!shards) return uuid;
      std::string revisions;
      for (const std::string& shard : *shards) {
        if (!revisions.empty()) revisions += '+';
        revisions += std::to_string(Xapian::Database(shard).get_revision());
      }
      return uuid + "@" + revisions;
    }
  } catch (const Xapian::Error&) {
    return "";
  }
}

std::string Searcher::metadata(const std::string& key) const {
  try {
    return impl_->db.get_metadata(key);
  } catch (const Xapian::Error&) {
    return "";
  }
}

}  // namespace framescope::index
