// Assembles the HTML report's input from the index and the classifier (used by `report` and
// `demo`).
#pragma once

#include <string>

#include "framescope/corpus/study.h"
#include "framescope/report/html_report.h"

namespace framescope::cli {

struct ReportRequest {
  std::string query = "*";
  std::string by = "year";
  std::string group = "type";
  std::string index;  // "" = study index
  bool dedup = false;
  bool normalize = false;  // shares of all coverage of the period, not of what the query matched
  std::size_t evidence_per_frame = 5;
};

Result<report::ReportInput> BuildReport(const corpus::Study& study, const ReportRequest& req);

}  // namespace framescope::cli
