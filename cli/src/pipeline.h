// The `index` pipeline, wiring crawler (archive reading, extraction), corpus (language, sources),
// classify and index: every article in the study's archive becomes a classified, indexed document.
// It lives in cli/ because it is the one place allowed to depend on all modules.
#pragma once

#include <functional>
#include <map>
#include <string>

#include "framescope/corpus/result.h"
#include "framescope/corpus/study.h"

namespace framescope::cli {

struct IndexRunOptions {
  bool rebuild = false;
  std::string model;  // overrides the study's model; "" = study config / bundled default
};

struct IndexRunSummary {
  std::size_t records = 0;   // archive records seen
  std::size_t indexed = 0;   // documents written (new or replaced)
  std::size_t new_docs = 0;
  std::size_t skipped = 0;   // not articles (feeds, robots.txt, redirects, non-HTML)
  std::size_t failed = 0;    // records that could not be read or extracted
  std::size_t listings = 0;  // home, section and tag pages: not articles
  std::map<std::string, std::size_t> languages, outlets, frames;
  std::size_t total_docs = 0;
  double seconds = 0;
};

Result<IndexRunSummary> RunIndexPipeline(
    const corpus::Study& study, const IndexRunOptions& opts,
    const std::function<void(std::size_t done, const std::string& file)>& progress,
    const std::function<void(const std::string&)>& warn);

}  // namespace framescope::cli
