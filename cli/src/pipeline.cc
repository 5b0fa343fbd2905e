#include "pipeline.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <future>
#include <mutex>
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

// The classifier, loading on a thread of its own (see RunIndexPipeline).
using ClassifierFuture = std::shared_future<Result<classify::Classifier>>;

// Everything needed to turn one record into a document. Thread-safe: the classifier's Predict
// and the extractor keep no shared mutable state.
struct RecordProcessor {
  const corpus::Study& study;
  const std::unordered_map<std::string, std::string>& kind_of;
  std::string path, rel;

  // `model` is the calling thread's own copy of the future (a shared_future may be waited on by
  // several threads only through separate copies).
  Outcome operator()(const crawler::WarcRecord& r, const ClassifierFuture& model) const {
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
    const Result<classify::Classifier>& classifier = model.get();  // waits while it loads
    if (!classifier) {  // RunIndexPipeline reports the error itself and writes nothing
      out.kind = Outcome::kFailed;
      out.warning = classifier.error().message;
      return out;
    }
    auto pred = classifier->Predict(doc, tokens);
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
  // Reading the codebook and the model takes about a tenth of a second with one core: it runs
  // on a thread of its own while the index opens and the workers extract their first pages, and
  // is waited for before the first document is written (and before --rebuild removes anything).
  const ClassifierFuture classifier =
      std::async(std::launch::async, [&study, model = opts.model] {
        return LoadClassifier(study, model);
      }).share();
  if (opts.rebuild) {
    if (const auto& c = classifier.get(); !c) return tl::unexpected(c.error());
    std::error_code ec;
    fs::remove_all(study.index_dir(), ec);
  }
  auto writer = index::IndexWriter::Open(study.index_dir());
  if (!writer) return tl::unexpected(writer.error());
  bool model_checked = false;
  auto check_model = [&]() -> Status {
    if (model_checked) return {};
    const Result<classify::Classifier>& c = classifier.get();
    if (!c) return tl::unexpected(c.error());
    model_checked = true;
    // Which model labelled the documents, for report manifests (committed with the first batch).
    return (*writer)->SetMetadata(kModelMetadataKey,
                                  ModelIdentity(*c, ModelPath(study, opts.model)));
  };

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
  // Extraction, classification and the index analysis run on worker threads. Each worker takes
  // the next record from the file (one at a time, under a lock), turns it into a document and
  // leaves it in a window of kWindow slots; this thread, the only Xapian writer (Xapian allows
  // one), takes them in file order. Workers run up to kWindow records ahead of the writer, so
  // they keep working while it commits; memory stays bounded by the window.
  constexpr std::size_t kWindow = 512, kProgressEvery = 128;
  unsigned threads = std::max(1u, std::min(8u, std::thread::hardware_concurrency()));
  struct Slot {
    Outcome outcome;
    std::uint64_t end = 0;  // reader position after this record
    bool ready = false;
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
    RecordProcessor process{study, kind_of, path, rel};

    std::vector<Slot> slots(kWindow);
    std::mutex mu;                             // slots, written, eof, total, stop
    std::condition_variable ready_cv, space_cv;
    std::mutex read_mu;                        // the reader and next_read
    std::size_t next_read = 0, written = 0, total = 0;
    bool eof = false, stop = false;
    auto work = [&] {
      const ClassifierFuture model = classifier;  // this thread's own copy
      for (;;) {
        std::optional<Result<std::optional<crawler::WarcRecord>>> got;
        std::size_t seq = 0;
        std::uint64_t end = 0;
        {
          std::lock_guard<std::mutex> rl(read_mu);
          {
            std::unique_lock<std::mutex> l(mu);
            space_cv.wait(l, [&] { return stop || eof || next_read < written + kWindow; });
            if (stop || eof) return;
          }
          got = (*reader)->Next();
          if (*got && !**got) {
            {
              std::lock_guard<std::mutex> l(mu);
              eof = true;
              total = next_read;
            }
            ready_cv.notify_all();
            space_cv.notify_all();
            return;
          }
          seq = next_read++;
          end = (*reader)->position();
        }
        Outcome o;
        if (!*got) {
          o.kind = Outcome::kFailed;
          o.warning = got->error().message + " (skipped)";
        } else {
          o = process(***got, model);
        }
        {
          std::lock_guard<std::mutex> l(mu);
          Slot& slot = slots[seq % kWindow];
          slot.outcome = std::move(o);
          slot.end = end;
          slot.ready = true;
        }
        ready_cv.notify_all();
      }
    };
    std::vector<std::thread> pool;
    auto finish = [&] {
      {
        std::lock_guard<std::mutex> l(mu);
        stop = true;
      }
      space_cv.notify_all();
      for (auto& t : pool) t.join();
      pool.clear();
    };
    struct JoinOnExit {
      std::function<void()> f;
      ~JoinOnExit() { f(); }
    } join_on_exit{finish};
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back(work);
    // The workers are extracting: now wait for the model, before anything is written.
    if (auto s = check_model(); !s) return tl::unexpected(s.error());

    std::size_t since_progress = 0;
    for (std::size_t w = 0;; ++w) {
      Outcome o;
      std::uint64_t end = 0;
      {
        std::unique_lock<std::mutex> l(mu);
        Slot& slot = slots[w % kWindow];
        ready_cv.wait(l, [&] { return slot.ready || (eof && w >= total); });
        if (!slot.ready) break;  // the file is done
        o = std::move(slot.outcome);
        slot.outcome = Outcome{};
        slot.ready = false;
        end = slot.end;
        written = w + 1;
      }
      space_cv.notify_all();
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
          break;
        }
      }
      if (++since_progress == kProgressEvery) {
        since_progress = 0;
        if (progress) progress(sum.records, rel);
        // Committed with the documents before it: a run killed later resumes from here.
        auto s = (*writer)->SetMetadata(ProgressKey(rel), std::to_string(end));
        if (!s) return tl::unexpected(s.error());
      }
    }
    finish();
    if (progress) progress(sum.records, rel);
    // Every record was read and handled: the file is done up to where the reader stopped.
    auto s = (*writer)->SetMetadata(ProgressKey(rel), std::to_string((*reader)->position()));
    if (!s) return tl::unexpected(s.error());
  }
  if (auto s = check_model(); !s) return tl::unexpected(s.error());  // no file had new records
  if (auto s = (*writer)->Commit(); !s) return tl::unexpected(s.error());
  sum.total_docs = (*writer)->doc_count();
  sum.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return sum;
}

}  // namespace framescope::cli
