#include "pipeline.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <optional>
#include <thread>
#include <unordered_map>

#include "framescope/classify/classify.h"
#include "framescope/corpus/document.h"
#include "framescope/corpus/sources.h"
#include "framescope/corpus/text.h"
#include "framescope/crawler/crawl.h"
#include "framescope/crawler/extract.h"
#include "framescope/crawler/warc.h"
#include "framescope/index/index.h"
#include "model_loader.h"

namespace fs = std::filesystem;

namespace framescope::cli {

namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// What became of one archive record.
struct Outcome {
  enum Kind { kSkipped, kListing, kFailed, kDocument } kind = kSkipped;
  std::optional<index::PreparedDocument> doc;  // set for kDocument
  std::string warning;
};

// Xapian metadata key holding how far (in bytes) an archive file has been indexed; committed
// with the documents, so an index killed mid-run resumes at its last commit.
std::string ProgressKey(const std::string& rel) { return "framescope:indexed:" + rel; }

// Everything needed to turn one record into a document. Thread-safe: the classifier's Predict
// and the extractor keep no shared mutable state.
struct RecordProcessor {
  const corpus::Study& study;
  const classify::Classifier& classifier;
  const std::unordered_map<std::string, std::string>& kind_of;
  std::string path, rel;

  Outcome operator()(const crawler::WarcRecord& r) const {
    Outcome out;
    std::string type = r.Header("WARC-Type");
    std::string ctype = Lower(r.Header("Content-Type"));
    std::string url = r.Header("WARC-Target-URI");
    std::string where = path + " at offset " + std::to_string(r.offset) + " (" + url + ")";
    corpus::Document doc;
    if (type == "response" && ctype.find("application/http") != std::string::npos) {
      auto kind = kind_of.find(r.Header("WARC-Record-ID"));
      if (kind != kind_of.end() && kind->second != "page") return out;
      auto http = crawler::ParseHttpResponse(r.block);
      if (!http) {
        out.kind = Outcome::kFailed;
        out.warning = where + ": " + http.error().message + " (skipped)";
        return out;
      }
      std::string body_type = Lower(http->Header("Content-Type"));
      bool html = body_type.empty() || body_type.find("html") != std::string::npos;
      if (http->status < 200 || http->status >= 300 || !html) return out;
      crawler::ExtractInput in;
      in.html = http->body;
      in.url = url;
      in.content_type = http->Header("Content-Type");
      in.fetched_at = r.Header("WARC-Date");
      auto ex = crawler::ExtractArticle(in);
      if (!ex) {
        out.kind = Outcome::kFailed;
        out.warning = ex.error().message + " (skipped)";
        return out;
      }
      if (!ex->is_article) {
        out.kind = Outcome::kListing;
        return out;
      }
      doc = std::move(ex->doc);
      doc.archive.digest = r.Header("WARC-Payload-Digest");
    } else if (type == "resource" && ctype.find("framescope.document+json") != std::string::npos) {
      auto d = corpus::DocumentFromJson(r.block);
      if (!d) {
        out.kind = Outcome::kFailed;
        out.warning = where + ": " + d.error().message + " (skipped)";
        return out;
      }
      doc = std::move(*d);
      doc.archive.digest = r.Header("WARC-Block-Digest");
    } else if (type == "resource" && ctype.find("html") != std::string::npos) {
      crawler::ExtractInput in;
      in.html = r.block;
      in.url = url;
      in.content_type = r.Header("Content-Type");
      auto ex = crawler::ExtractArticle(in);
      if (!ex) {
        out.kind = Outcome::kFailed;
        out.warning = ex.error().message + " (skipped)";
        return out;
      }
      doc = std::move(ex->doc);
      doc.archive.digest = r.Header("WARC-Block-Digest");
    } else {
      return out;
    }
    doc.archive.file = rel;
    doc.archive.record_id = r.Header("WARC-Record-ID");
    doc.archive.captured = r.Header("WARC-Date");
    doc.archive.offset = r.offset;
    if (doc.url.empty()) doc.url = url;
    if (const corpus::Source* src = study.sources().FindByUrl(doc.url)) {
      doc.outlet = src->name;
      if (doc.country.empty()) doc.country = src->country;
      if (doc.source_type.empty()) doc.source_type = src->type;
    }
    if (doc.outlet.empty())
      doc.outlet = doc.site_name.empty() ? corpus::UrlHost(doc.url) : doc.site_name;
    // The words are segmented once, for the classifier and the index analysis alike.
    const corpus::DocumentTokens tokens{corpus::Tokenize(doc.title), corpus::Tokenize(doc.text)};
    auto pred = classifier.Predict(doc, tokens);
    doc.frame = pred.label;
    doc.scores = pred.scores;
    out.kind = Outcome::kDocument;
    // The index analysis (words, stems, fingerprint) runs here too, off the writer's thread.
    out.doc = index::IndexWriter::Prepare(std::move(doc), tokens);
    return out;
  }
};

}  // namespace

Result<IndexRunSummary> RunIndexPipeline(
    const corpus::Study& study, const IndexRunOptions& opts,
    const std::function<void(std::size_t, const std::string&)>& progress,
    const std::function<void(const std::string&)>& warn) {
  auto t0 = std::chrono::steady_clock::now();
  IndexRunSummary sum;
  // What the crawler knows: only article pages are indexed, not feeds, sitemaps or home pages.
  std::unordered_map<std::string, std::string> kind_of;
  if (fs::exists(study.crawl_db())) {
    auto pages = crawler::ListArchivedPages(study);
    if (!pages) return tl::unexpected(pages.error());
    for (const auto& p : *pages) kind_of[p.record_id] = p.kind;
  }
  auto classifier = LoadClassifier(study, opts.model);
  if (!classifier) return tl::unexpected(classifier.error());
  if (opts.rebuild) {
    std::error_code ec;
    fs::remove_all(study.index_dir(), ec);
  }
  auto writer = index::IndexWriter::Open(study.index_dir());
  if (!writer) return tl::unexpected(writer.error());
  // Which model labelled the documents, for report manifests (committed with the first batch).
  if (auto s = (*writer)->SetMetadata(kModelMetadataKey,
                                      ModelIdentity(*classifier, ModelPath(study, opts.model)));
      !s)
    return tl::unexpected(s.error());

  std::vector<std::string> files;
  std::error_code ec;
  if (fs::exists(study.archive_dir())) {
    for (const auto& e : fs::recursive_directory_iterator(study.archive_dir(), ec)) {
      std::string name = e.path().filename().string();
      if (e.is_regular_file() && (name.ends_with(".warc.gz") || name.ends_with(".warc") ||
                                  name.ends_with(".arc.gz") || name.ends_with(".arc")))
        files.push_back(e.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  // Extraction, classification and the index analysis run on worker threads, one batch ahead of
  // the writer: while this thread adds batch k to Xapian (which only one thread may do), the
  // workers process batch k + 1. Memory stays bounded by two batches.
  constexpr std::size_t kBatch = 128;
  unsigned threads = std::max(1u, std::min(8u, std::thread::hardware_concurrency()));
  struct Batch {
    std::vector<crawler::WarcRecord> records;
    std::vector<Outcome> outcomes;
    std::uint64_t end = 0;   // reader position after the batch
    bool last = false;       // the file ends with this batch
    std::atomic<std::size_t> next{0};
    std::vector<std::thread> pool;
    ~Batch() { Join(); }
    void Join() {
      for (auto& t : pool) t.join();
      pool.clear();
    }
  };
  for (const auto& path : files) {
    std::string rel = fs::relative(path, study.archive_dir()).string();
    auto done = (*writer)->GetMetadata(ProgressKey(rel));
    if (!done) return tl::unexpected(done.error());
    std::uint64_t start = done->empty() ? 0 : std::strtoull(done->c_str(), nullptr, 10);
    std::error_code size_ec;
    auto size = fs::file_size(path, size_ec);
    if (!size_ec && start >= size) continue;  // indexed completely before
    auto reader = crawler::WarcReader::Open(path);
    if (!reader) {
      warn(reader.error().message);
      ++sum.failed;
      continue;
    }
    (*reader)->Seek(start);
    RecordProcessor process{study, *classifier, kind_of, path, rel};
    // Reads the next batch and starts the workers on it.
    auto start_batch = [&]() {
      auto b = std::make_unique<Batch>();
      while (b->records.size() < kBatch) {
        auto rec = (*reader)->Next();
        if (!rec) {
          warn(rec.error().message + " (skipped)");
          ++sum.failed;
          continue;
        }
        if (!*rec) {
          b->last = true;
          break;
        }
        b->records.push_back(std::move(**rec));
      }
      b->end = (*reader)->position();
      b->outcomes.resize(b->records.size());
      Batch* raw = b.get();
      auto work = [raw, &process] {
        for (std::size_t i = raw->next++; i < raw->records.size(); i = raw->next++)
          raw->outcomes[i] = process(raw->records[i]);
      };
      unsigned n = raw->records.empty() ? 0 : std::min<unsigned>(threads, raw->records.size());
      for (unsigned t = 0; t < n; ++t) raw->pool.emplace_back(work);
      return b;
    };
    std::unique_ptr<Batch> cur = start_batch();
    while (cur) {
      cur->Join();
      std::unique_ptr<Batch> ahead = cur->last ? nullptr : start_batch();
      for (auto& o : cur->outcomes) {
        ++sum.records;
        switch (o.kind) {
          case Outcome::kSkipped:
            ++sum.skipped;
            break;
          case Outcome::kListing:
            ++sum.listings;
            break;
          case Outcome::kFailed:
            ++sum.failed;
            warn(o.warning);
            break;
          case Outcome::kDocument: {
            auto added = (*writer)->Add(*o.doc);
            if (!added) return tl::unexpected(added.error());
            ++sum.indexed;
            if (*added) ++sum.new_docs;
            const corpus::Document& d = o.doc->doc();
            ++sum.languages[d.language.empty() ? "und" : d.language];
            ++sum.outlets[d.outlet];
            ++sum.frames[d.frame];
            o.doc.reset();
            break;
          }
        }
      }
      if (progress) progress(sum.records, rel);
      auto s = (*writer)->SetMetadata(ProgressKey(rel), std::to_string(cur->end));
      if (!s) return tl::unexpected(s.error());
      cur = std::move(ahead);
    }
  }
  if (auto s = (*writer)->Commit(); !s) return tl::unexpected(s.error());
  sum.total_docs = (*writer)->doc_count();
  sum.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return sum;
}

}  // namespace framescope::cli
