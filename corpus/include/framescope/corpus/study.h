// The study folder: one research project on disk (DESIGN.md "A study folder").
//
//   STUDY/
//     framescope.toml   configuration (seeds, politeness, codebook, model)
//     sources.csv       outlet metadata
//     archive/          *.warc.gz, append-only: the source of truth
//     crawl.sqlite      frontier, fetch log, robots and feed state
//     index/            the Xapian database (derived; `index --rebuild` recreates it)
//     models/           trained classifiers with their evaluation
//     reports/          generated reports
#pragma once

#include <string>
#include <vector>

#include "framescope/corpus/result.h"
#include "framescope/corpus/sources.h"

namespace framescope::corpus {

struct CrawlSettings {
  std::vector<std::string> seeds;
  std::string user_agent = "Framescope/0.1 (research crawler; +https://framescope.invalid/bot)";
  double delay_seconds = 1.0;  // between requests to one host
  int concurrency = 4;         // hosts fetched at once
  int max_pages = 0;           // 0 = no limit
  bool allow_private = false;
  double timeout_seconds = 30;
  long max_body_bytes = 10L * 1024 * 1024;
  int max_retries = 3;
  // Same-site link following from fetched pages (off by default: feeds and sitemaps are the
  // usual way in). URLs must match one `include` pattern (if any) and no `exclude` pattern
  // (ECMAScript regular expressions, searched anywhere in the URL).
  bool follow_links = false;
  int max_depth = 2;
  std::vector<std::string> include;
  std::vector<std::string> exclude;
  // PEM file of certificate authorities to trust for https, e.g. a private or test CA ("" = the
  // system's). libcurl uses it in place of the system bundle file; Debian's libcurl still looks
  // in /etc/ssl/certs too, so public sites keep verifying. Certificates are always verified.
  // A relative path is taken from the study folder.
  std::string ca_file;
};

struct StudyConfig {
  std::string name;
  CrawlSettings crawl;
  std::string codebook;  // path; "" = the bundled default
  std::string model;     // path; "" = the bundled default model
};

class Study {
 public:
  // Creates the folder layout and a commented framescope.toml; keeps anything already there.
  static Result<Study> Init(const std::string& root, const std::string& name = "");
  // Opens an existing study. Error if there is no framescope.toml, or it does not parse
  // (the message names the file, line and column).
  static Result<Study> Open(const std::string& root);

  const std::string& root() const { return root_; }
  std::string config_path() const { return root_ + "/framescope.toml"; }
  std::string sources_path() const { return root_ + "/sources.csv"; }
  std::string archive_dir() const { return root_ + "/archive"; }
  std::string crawl_db() const { return root_ + "/crawl.sqlite"; }
  std::string index_dir() const { return root_ + "/index"; }
  std::string models_dir() const { return root_ + "/models"; }
  std::string reports_dir() const { return root_ + "/reports"; }
  const StudyConfig& config() const { return config_; }
  // Outlet metadata; empty when the study has no sources.csv.
  const SourceTable& sources() const { return sources_; }

 private:
  std::string root_;
  StudyConfig config_;
  SourceTable sources_;
};

// Parses framescope.toml text. `name` is used in error messages.
Result<StudyConfig> ParseStudyConfig(const std::string& toml_text, const std::string& name);

// Folder of the bundled data (codebook, default model, demo site): $FRAMESCOPE_DATA if set, else
// the source tree's data/ recorded at build time, else <binary>/../share/framescope.
std::string DataDir();

// Reads a whole file. Errors name the path.
Result<std::string> ReadFile(const std::string& path);
// Writes a file atomically (temporary file + rename), so a crash never leaves half a file.
Status WriteFileAtomic(const std::string& path, std::string_view content);

}  // namespace framescope::corpus
