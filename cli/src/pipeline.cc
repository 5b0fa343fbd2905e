#include "pipeline.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <unordered_map>

#include "framescope/classify/classify.h"
#include "framescope/corpus/document.h"
#include "framescope/corpus/sources.h"
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
  for (const auto& path : files) {
    std::string rel = fs::relative(path, study.archive_dir()).string();
    auto reader = crawler::WarcReader::Open(path);
    if (!reader) {
      warn(reader.error().message);
      ++sum.failed;
      continue;
    }
    for (;;) {
      auto rec = (*reader)->Next();
      if (!rec) {
        warn(rec.error().message + " (skipped)");
        ++sum.failed;
        continue;
      }
      if (!*rec) break;
      const crawler::WarcRecord& r = **rec;
      ++sum.records;
      if (progress) progress(sum.records, rel);
      std::string type = r.Header("WARC-Type");
      std::string ctype = Lower(r.Header("Content-Type"));
      std::string url = r.Header("WARC-Target-URI");
      corpus::Document doc;
      bool have = false;
      if (type == "response" && ctype.find("application/http") != std::string::npos) {
        auto kind = kind_of.find(r.Header("WARC-Record-ID"));
        if (kind != kind_of.end() && kind->second != "page") {
          ++sum.skipped;
          continue;
        }
        auto http = crawler::ParseHttpResponse(r.block);
        if (!http) {
          warn(path + " at offset " + std::to_string(r.offset) + " (" + url +
               "): " + http.error().message + " (skipped)");
          ++sum.failed;
          continue;
        }
        std::string body_type = Lower(http->Header("Content-Type"));
        bool html = body_type.empty() || body_type.find("html") != std::string::npos;
        if (http->status < 200 || http->status >= 300 || !html) {
          ++sum.skipped;
          continue;
        }
        crawler::ExtractInput in;
        in.html = http->body;
        in.url = url;
        in.content_type = http->Header("Content-Type");
        in.fetched_at = r.Header("WARC-Date");
        auto ex = crawler::ExtractArticle(in);
        if (!ex) {
          warn(ex.error().message + " (skipped)");
          ++sum.failed;
          continue;
        }
        if (!ex->is_article) {
          ++sum.listings;
          continue;
        }
        doc = std::move(ex->doc);
        doc.archive.digest = r.Header("WARC-Payload-Digest");
        have = true;
      } else if (type == "resource" && ctype.find("framescope.document+json") != std::string::npos) {
        auto d = corpus::DocumentFromJson(r.block);
        if (!d) {
          warn(path + " at offset " + std::to_string(r.offset) + ": " + d.error().message);
          ++sum.failed;
          continue;
        }
        doc = std::move(*d);
        doc.archive.digest = r.Header("WARC-Block-Digest");
        have = true;
      } else if (type == "resource" && ctype.find("html") != std::string::npos) {
        crawler::ExtractInput in;
        in.html = r.block;
        in.url = url;
        in.content_type = r.Header("Content-Type");
        auto ex = crawler::ExtractArticle(in);
        if (!ex) {
          warn(ex.error().message + " (skipped)");
          ++sum.failed;
          continue;
        }
        doc = std::move(ex->doc);
        doc.archive.digest = r.Header("WARC-Block-Digest");
        have = true;
      }
      if (!have) {
        ++sum.skipped;
        continue;
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
      if (doc.outlet.empty()) doc.outlet = doc.site_name.empty() ? corpus::UrlHost(doc.url) : doc.site_name;
      auto pred = classifier->Predict(doc);
      doc.frame = pred.label;
      doc.scores = pred.scores;
      auto added = (*writer)->Add(doc);
      if (!added) return tl::unexpected(added.error());
      ++sum.indexed;
      if (*added) ++sum.new_docs;
      ++sum.languages[doc.language.empty() ? "und" : doc.language];
      ++sum.outlets[doc.outlet];
      ++sum.frames[doc.frame];
    }
  }
  if (auto s = (*writer)->Commit(); !s) return tl::unexpected(s.error());
  sum.total_docs = (*writer)->doc_count();
  sum.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return sum;
}

}  // namespace framescope::cli
