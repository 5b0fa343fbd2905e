#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "framescope/crawler/crawl.h"

namespace framescope::cli {

int RunCrawl(const corpus::Study& study, crawler::CrawlOptions opts, bool quiet_summary) {
  ProgressLine progress("crawl: fetched");
  auto summary = crawler::Crawl(
      study, opts,
      [&](const crawler::CrawlProgress& p) {
        // The queue grows as feeds and sitemaps are read, so the ETA is for what is known now.
        progress.Update(p.done, p.done + p.queued,
                        "pages " + std::to_string(p.pages) + ", errors " + std::to_string(p.errors));
      },
      [&](const std::string& w) {
        progress.Finish();
        Warn(w);
      });
  progress.Finish();
  if (!summary) return ReportError(summary.error());
  const auto& s = *summary;
  if (!quiet_summary || s.failed) {
    std::cerr << "crawl: " << s.fetched << " fetched (" << s.new_pages << " new pages, "
              << s.discovery << " feeds/sitemaps/robots), " << s.unchanged << " unchanged, "
              << s.already_archived << " already archived, " << s.robots_blocked << " blocked by robots.txt, "
              << s.refused << " refused, " << s.failed << " failed";
    char buf[64];
    std::snprintf(buf, sizeof buf, " in %.1f s", s.seconds);
    std::cerr << buf << "\n";
    for (const auto& [reason, n] : s.failures_by_reason)
      std::cerr << "  failed: " << n << " × " << reason << "\n";
  }
  return kExitOk;
}

void RegisterCrawl(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("crawl", "Fetch and archive pages from feeds, sitemaps and URLs");
  cmd->footer(
      "Example:\n  framescope crawl --study mystudy --seed https://news.example/feed.xml "
      "--max-pages 500\nSeeds and settings come from framescope.toml; flags override them. "
      "Run the same command again to resume.");
  AddStudyOption(cmd, ctx);
  struct Opts {
    std::vector<std::string> seeds;
    std::string seeds_file, ca_file;
    int max_pages = -1, concurrency = -1;
    double delay = -1;
    bool allow_private = false, recrawl = false, follow_links = false, log_json = false;
    int max_depth = -1;
  };
  static Opts o;
  cmd->add_option("--seed", o.seeds, "Feed, sitemap, robots.txt or page URL (repeatable)");
  cmd->add_option("--seeds", o.seeds_file, "File with one URL per line");
  cmd->add_option("--max-pages", o.max_pages, "Stop after this many article pages");
  cmd->add_option("--delay", o.delay, "Seconds between requests to one host");
  cmd->add_option("--concurrency", o.concurrency, "Hosts fetched at once");
  cmd->add_flag("--allow-private", o.allow_private, "Allow loopback and private addresses");
  cmd->add_flag("--recrawl", o.recrawl,
                "Fetch archived pages again with conditional requests (304 = WARC revisit)");
  cmd->add_flag("--follow-links", o.follow_links, "Also follow same-site links in pages");
  cmd->add_option("--max-depth", o.max_depth, "Link depth for --follow-links (default 2)");
  cmd->add_flag("--log-json", o.log_json, "Print one JSON line per HTTP exchange on stdout");
  cmd->add_option("--ca-file", o.ca_file,
                  "PEM file of certificate authorities to trust for https, e.g. a private CA "
                  "(overrides [crawl] ca_file; certificates are always verified)");
  cmd->callback([&ctx] {
    ctx.run = [&ctx] {
      auto study = OpenStudy(ctx);
      if (!study) return kExitRuntime;
      crawler::CrawlOptions opts;
      opts.settings = study->config().crawl;
      opts.seeds = opts.settings.seeds;
      for (const auto& s : o.seeds) opts.seeds.push_back(s);
      if (!o.seeds_file.empty()) {
        std::ifstream in(o.seeds_file);
        if (!in) return ReportError({ErrorCode::kNotFound, o.seeds_file + ": cannot open"});
        std::string line;
        while (std::getline(in, line)) {
          line.erase(0, line.find_first_not_of(" \t\r"));
          line.erase(line.find_last_not_of(" \t\r") + 1);
          if (!line.empty() && line[0] != '#') opts.seeds.push_back(line);
        }
      }
      if (o.max_pages >= 0) opts.settings.max_pages = o.max_pages;
      if (o.delay >= 0) opts.settings.delay_seconds = o.delay;
      if (o.concurrency > 0) opts.settings.concurrency = o.concurrency;
      if (o.allow_private) opts.settings.allow_private = true;
      if (o.follow_links) opts.settings.follow_links = true;
      if (o.max_depth >= 0) opts.settings.max_depth = o.max_depth;
      // A path given on the command line is relative to where the command runs.
      if (!o.ca_file.empty()) opts.settings.ca_file = std::filesystem::absolute(o.ca_file).string();
      opts.recrawl = o.recrawl;
      if (o.log_json) {
        opts.on_fetch = [](const crawler::FetchEvent& e) {
          nlohmann::json j = {
              {"url", e.url},         {"kind", e.kind},           {"status", e.status},
              {"outcome", e.outcome}, {"reason", e.reason},       {"bytes", e.bytes},
              {"seconds", e.seconds}, {"record_id", e.record_id}, {"protocol", e.protocol}};
          std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
        };
      }
      return RunCrawl(*study, opts, false);
    };
  });
}

}  // namespace framescope::cli
