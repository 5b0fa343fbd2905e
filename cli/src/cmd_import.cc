#include <filesystem>
#include <future>

#include "commands.h"
#include "framescope/corpus/document.h"
#include "framescope/crawler/warc.h"

namespace fs = std::filesystem;

namespace framescope::cli {

// Everything imported goes into the study's archive/ first (the source of truth); `index` then
// reads it like crawled pages. WARC files are checked record by record and copied; JSONL documents
// and HTML files become WARC resource records of a new archive file.
int RunImport(const corpus::Study& study, const std::vector<std::string>& paths) {
  std::unique_ptr<crawler::WarcWriter> writer;
  // JSONL documents and HTML pages are written in batches: while one batch is digested and
  // compressed (on every core) and written, on a thread of its own, this thread reads the next.
  std::vector<crawler::WarcWriter::Record> batch;
  std::size_t batch_bytes = 0;
  std::future<Status> writing;  // the batch in flight, if any
  auto wait = [&]() -> Status {
    if (!writing.valid()) return {};
    return writing.get();
  };
  auto flush = [&]() -> Status {
    if (auto s = wait(); !s) return s;
    if (batch.empty()) return {};
    if (!writer) {
      auto w = crawler::WarcWriter::Create(study.archive_dir(), "import", 1ull << 30,
                                           "framescope import");
      if (!w) return tl::unexpected(w.error());
      writer = std::move(*w);
      // The imported files stay with the scholar: favour speed (about 10% larger than level 6).
      writer->set_compression_level(1);
    }
    writing = std::async(std::launch::async,
                         [&w = *writer, records = std::move(batch)]() -> Status {
                           auto refs = w.WriteRecords(records);
                           if (!refs) return tl::unexpected(refs.error());
                           return {};
                         });
    batch.clear();
    batch_bytes = 0;
    return {};
  };
  auto add = [&](crawler::WarcWriter::Record r) -> Status {
    batch_bytes += r.block.size();
    batch.push_back(std::move(r));
    if (batch.size() >= 256 || batch_bytes >= (32u << 20)) return flush();
    return {};
  };
  std::size_t warcs = 0, docs = 0, pages = 0, bad = 0, done = 0;
  ProgressLine progress("import: records");
  auto warn = [&](const std::string& w) {
    progress.Finish();
    Warn(w);
  };
  std::vector<std::string> files;
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      for (const auto& e : fs::recursive_directory_iterator(p, ec))
        if (e.is_regular_file()) files.push_back(e.path().string());
    } else if (fs::exists(p, ec)) {
      files.push_back(p);
    } else {
      warn(p + ": no such file (skipped)");
      ++bad;
    }
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    std::string name = fs::path(f).filename().string();
    if (name.ends_with(".warc.gz") || name.ends_with(".warc") ||
                                  name.ends_with(".arc.gz") || name.ends_with(".arc")) {
      auto reader = crawler::WarcReader::Open(f);
      if (!reader) {
        warn(reader.error().message);
        ++bad;
        continue;
      }
      std::size_t records = 0, broken = 0;
      for (;;) {
        auto rec = (*reader)->Next();
        if (!rec) {
          warn(rec.error().message + " (record skipped)");
          ++broken;
          continue;
        }
        if (!*rec) break;
        ++records;
      }
      fs::create_directories(study.archive_dir() + "/imported");
      std::string dest = study.archive_dir() + "/imported/" + name;
      std::error_code ec;
      fs::copy_file(f, dest, fs::copy_options::skip_existing, ec);
      if (ec) {
        warn(f + ": cannot copy into the archive: " + ec.message());
        ++bad;
        continue;
      }
      progress.Finish();
      std::cerr << "import: " << f << ": " << records << " records";
      if (broken) std::cerr << ", " << broken << " corrupt or truncated (will be skipped)";
      std::cerr << "\n";
      ++warcs;
    } else if (name.ends_with(".jsonl") || name.ends_with(".json")) {
      Status failed;
      auto n = corpus::ReadJsonl(
          f,
          [&](corpus::Document&& d) {
            if (!failed) return;
            std::string uri = d.url.empty() ? "urn:framescope:doc:" + d.id : d.url;
            failed = add({"resource", {{"WARC-Target-URI", uri}},
                          "application/vnd.framescope.document+json", corpus::ToJson(d)});
            if (failed) ++docs;
            progress.Update(++done, 0, f);
          },
          [&](const Error& e) {
            warn(e.message + " (skipped)");
            ++bad;
          });
      if (!n) warn(n.error().message);
      if (failed) failed = flush();
      if (!failed) return ReportError(failed.error());
    } else if (name.ends_with(".html") || name.ends_with(".htm")) {
      auto bytes = corpus::ReadFile(f);
      if (!bytes) {
        warn(bytes.error().message);
        ++bad;
        continue;
      }
      if (auto s = add({"resource", {{"WARC-Target-URI", "file://" + fs::absolute(f).string()}},
                        "text/html", std::move(*bytes)});
          !s)
        return ReportError(s.error());
      ++pages;
      progress.Update(++done, 0, f);
    } else {
      warn(f + ": not a WARC, JSONL or HTML file (skipped)");
      ++bad;
    }
  }
  if (auto s = flush(); !s) return ReportError(s.error());
  if (auto s = wait(); !s) return ReportError(s.error());
  progress.Finish();
  std::cerr << "import: " << warcs << " WARC files, " << docs << " JSONL documents, " << pages
            << " HTML pages into " << study.archive_dir() << "; " << bad
            << " skipped. Next: framescope index\n";
  return kExitOk;
}

void RegisterImport(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("import", "Bring WARC files, JSONL documents or HTML files into the study");
  cmd->footer("Example:\n  framescope import --study mystudy CC-NEWS-20190101.warc.gz docs.jsonl pages/\n"
              "Then run 'framescope index'.");
  AddStudyOption(cmd, ctx);
  static std::vector<std::string> paths;
  cmd->add_option("PATH", paths, "WARC(.gz), JSONL or HTML files, or folders")->required();
  cmd->callback([&ctx] {
    ctx.run = [&ctx] {
      auto study = OpenStudy(ctx);
      if (!study) return kExitRuntime;
      return RunImport(*study, paths);
    };
  });
}

}  // namespace framescope::cli
