#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "commands.h"
#include "framescope/crawler/crawl.h"
#include "framescope/crawler/loopback_server.h"
#include "framescope/index/index.h"
#include "framescope/report/cite.h"
#include "framescope/report/trend.h"
#include "output.h"
#include "pipeline.h"
#include "report_builder.h"

namespace fs = std::filesystem;

namespace framescope::cli {

int RunCrawl(const corpus::Study& study, crawler::CrawlOptions opts, bool quiet_summary);
int PrintIndexSummary(const IndexRunSummary& s);

namespace {

// Port the bundled site's files are written for; the server rewrites it if another is used.
constexpr int kDemoSitePort = 48080;

double Since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

void Stage(const char* name) { std::cout << "\n== " << name << " ==\n" << std::flush; }

}  // namespace

int RunDemo(const std::string& dir, bool keep_serving) {
  auto t_all = std::chrono::steady_clock::now();
  std::string site = corpus::DataDir() + "/demo-site";
  if (!fs::exists(site + "/www"))
    return ReportError({ErrorCode::kNotFound, site + "/www: the bundled demo site is missing"});
  std::vector<std::pair<std::string, double>> timings;

  Stage("1. Serve the bundled demo site on loopback");
  auto actual = std::make_shared<std::atomic<int>>(kDemoSitePort);
  auto server = crawler::LoopbackServer::Start(
      crawler::StaticSiteHandler(site + "/www", kDemoSitePort, actual), kDemoSitePort);
  if (!server) return ReportError(server.error());
  actual->store((*server)->port());
  int port = (*server)->port();
  std::cout << "serving " << site << "/www on 127.0.0.1:" << port
            << " (hosts <outlet>.localhost)\n";

  auto study = corpus::Study::Init(dir, "Framescope demo: social credit coverage");
  if (!study) return ReportError(study.error());
  if (auto s = corpus::ReadFile(site + "/sources.csv"); s) {
    if (auto w = corpus::WriteFileAtomic(study->sources_path(), *s); !w) return ReportError(w.error());
  }
  study = corpus::Study::Open(dir);
  if (!study) return ReportError(study.error());
  std::cout << "study folder: " << dir << " (" << study->sources().sources().size() << " outlets in sources.csv)\n";

  Stage("2. Crawl: robots.txt, sitemaps and feeds of every outlet, archived to WARC");
  auto t = std::chrono::steady_clock::now();
  crawler::CrawlOptions copts;
  copts.settings = study->config().crawl;
  copts.settings.allow_private = true;
  copts.settings.delay_seconds = 0.02;
  copts.settings.concurrency = 8;
  copts.settings.user_agent = "Framescope/0.1 (demo; +https://framescope.invalid/bot)";
  for (const auto& src : study->sources().sources()) {
    for (const auto& d : src.domains) copts.seeds.push_back("http://" + d + ":" + std::to_string(port) + "/");
  }
  if (int rc = RunCrawl(*study, copts, false); rc != kExitOk) return rc;
  timings.push_back({"crawl", Since(t)});

  Stage("3. Extract, identify language, deduplicate, classify and index");
  t = std::chrono::steady_clock::now();
  ProgressLine progress("index: records");
  auto idx = RunIndexPipeline(
      *study, IndexRunOptions{},
      [&](std::size_t done, const std::string& f) { progress.Update(done, 0, f); },
      [&](const std::string& w) {
        progress.Finish();
        Warn(w);
      });
  progress.Finish();
  if (!idx) return ReportError(idx.error());
  PrintIndexSummary(*idx);
  timings.push_back({"index", Since(t)});
  std::cout << "languages:";
  for (const auto& [l, n] : idx->languages) std::cout << " " << l << " " << n;
  std::cout << "\nframes:";
  for (const auto& [f, n] : idx->frames) std::cout << " " << f << " " << n;
  std::cout << "\noutlets: " << idx->outlets.size() << "\n";

  auto searcher = index::Searcher::Open(study->index_dir());
  if (!searcher) return ReportError(searcher.error());

  Stage("4. Trend: share of each frame by year and outlet type (95% Wilson intervals)");
  t = std::chrono::steady_clock::now();
  auto docs = (*searcher)->Documents("*", false, false);
  if (!docs) return ReportError(docs.error());
  report::TrendOptions topts;
  topts.by = corpus::Granularity::kYear;
  topts.group = report::Group::kType;
  report::WriteTrendTable(report::ComputeTrend(*docs, topts), std::cout);
  timings.push_back({"trend", Since(t)});

  Stage("5. Search: \"black mirror\" (a phrase, all languages)");
  t = std::chrono::steady_clock::now();
  index::SearchOptions so;
  so.limit = 5;
  auto hits = (*searcher)->Search("\"black mirror\"", so);
  if (!hits) return ReportError(hits.error());
  PrintHits(*hits, Format::kTable, std::cout);
  timings.push_back({"search", Since(t)});

  Stage("6. Report");
  t = std::chrono::steady_clock::now();
  std::string report_path = study->reports_dir() + "/demo.html";
  {
    ReportRequest req;
    auto in = BuildReport(*study, req);
    if (!in) return ReportError(in.error());
    std::ofstream f(report_path, std::ios::binary);
    report::WriteHtmlReport(*in, f);
  }
  std::cout << "wrote " << report_path << "\n";
  timings.push_back({"report", Since(t)});

  Stage("7. Cite (APA), with the archived copy");
  if (!hits->hits.empty()) std::cout << report::Cite(hits->hits.front().doc, report::CiteStyle::kApa) << "\n";

  Stage("Timings");
  for (const auto& [name, secs] : timings) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "  %-8s %6.2f s\n", name.c_str(), secs);
    std::cout << buf;
  }
  char total[64];
  std::snprintf(total, sizeof total, "  %-8s %6.2f s\n", "total", Since(t_all));
  std::cout << total;

  std::string id = hits->hits.empty() ? "ID" : hits->hits.front().doc.id;
  std::cout << "\nThe study is in " << dir << ". Try:\n"
            << "  framescope search --study " << dir << " '\"social credit\" AND frame:alarmist'\n"
            << "  framescope kwic --study " << dir << " '\"black mirror\"'\n"
            << "  framescope facets --study " << dir << " '*' --by outlet\n"
            << "  framescope trend --study " << dir << " --by year --group language\n"
            << "  framescope explain --study " << dir << " " << id << "\n"
            << "  framescope cite --study " << dir << " " << id << " --style chicago\n"
            << "  framescope report --study " << dir << " 'lang:zh' --out " << dir << "/reports/zh.html\n";
  if (keep_serving) {
    std::cout << "\nServing the demo site on port " << port << "; press Ctrl-C to stop.\n" << std::flush;
    for (;;) std::this_thread::sleep_for(std::chrono::hours(1));
  }
  return kExitOk;
}

void RegisterDemo(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("demo", "Serve the bundled demo site on loopback and run the whole pipeline");
  cmd->footer("Example:\n  framescope demo --study demo-study");
  static bool serve = false;
  AddStudyOption(cmd, ctx);
  cmd->add_flag("--serve", serve, "Keep serving the demo site afterwards");
  cmd->callback([&ctx] {
    ctx.run = [&ctx] {
      std::string dir = ctx.study == "." ? "framescope-demo" : ctx.study;
      return RunDemo(dir, serve);
    };
  });
}

}  // namespace framescope::cli
