// The HTML report: one self-contained file (no network, no scripts) with the trend chart, the
// trend table, evidence sentences with citations, the documents behind every data point and a
// manifest saying how the report was made.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "framescope/corpus/document.h"
#include "framescope/report/trend.h"

namespace framescope::report {

// A sentence that drove a document's frame label.
struct Evidence {
  std::string frame;
  std::string doc_id;
  std::string sentence;
  std::string cue;  // the cue that matched, highlighted in the sentence; may be ""
  double score = 0;
};

struct ReportInput {
  std::string title;
  std::string query;
  std::string study;
  std::string index_revision;
  std::string model;  // description of the classifier
  std::string codebook_hash;
  std::string generated_at;  // ISO 8601
  std::string version;       // Framescope version
  Trend trend;               // computed from `docs` with trend.options
  std::vector<corpus::Document> docs;
  std::vector<Evidence> evidence;  // shown by frame, highest score first, at most 10 per frame
};

// Writes the report as one HTML5 document. Every string taken from the input is escaped; links
// are made only to http(s) URLs; a Content-Security-Policy forbids scripts and remote resources;
// @media print CSS keeps charts and tables whole on paper. Never fails (stream errors are the
// caller's to check). Thread-safe.
void WriteHtmlReport(const ReportInput& in, std::ostream& out);

// `text` with & < > " ' = ` replaced by entities, invalid UTF-8 replaced by U+FFFD and control
// characters other than TAB, LF and CR dropped: safe in element content and quoted attributes of
// HTML and SVG. Thread-safe.
std::string HtmlEscape(std::string_view text);

}  // namespace framescope::report
