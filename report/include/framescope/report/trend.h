// Frame shares over time: how many documents of each period (and outlet, language, country or
// source type) carry each frame, with 95% Wilson score intervals (DESIGN.md, `trend`).
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "framescope/corpus/dates.h"
#include "framescope/corpus/document.h"

namespace framescope::report {

struct Interval {
  double low = 0;
  double high = 0;
};

// The Wilson score interval of a binomial proportion k/n; `z` defaults to the 97.5% normal
// quantile (a 95% interval). Returns {0, 0} when n == 0. REQUIRES: k <= n. Thread-safe.
Interval Wilson(std::size_t k, std::size_t n, double z = 1.959963984540054);

enum class Group { kNone, kOutlet, kLanguage, kCountry, kType };

// "outlet", "language", "country", "type" (also "none"); nullopt for anything else.
std::optional<Group> ParseGroup(std::string_view name);
// The inverse of ParseGroup: "none", "outlet", "language", "country", "type".
std::string_view GroupName(Group group);
// "year", "quarter", "month", "week".
std::string_view GranularityName(corpus::Granularity by);

// One cell of the trend: documents of `period` (and `group`) labelled `frame`.
struct TrendRow {
  std::string period;
  std::string group;  // "" when not grouped, or when a document has no value for the group
  std::string frame;
  std::size_t count = 0;    // counted documents of this period+group with this frame
  std::size_t matched = 0;  // all counted documents of this period+group (any frame, or none)
  // The denominator: `matched`, or when the trend is normalised, all documents of the
  // period+group in the coverage (never less than `matched`).
  std::size_t total = 0;
  double share = 0;  // count / total, 0 when total == 0
  Interval ci;       // 95% Wilson interval of share, {0, 0} when total == 0
};

// All coverage of each period and group, the denominators of a normalised trend (so that a share
// says "of everything published that period", not "of what the query matched"): documents per
// {period, group}, group "" when not grouped or when a document has no value for the group.
using CoverageTotals = std::map<std::pair<std::string, std::string>, std::size_t>;

struct TrendOptions {
  corpus::Granularity by = corpus::Granularity::kYear;
  Group group = Group::kNone;
  // Count each near-duplicate cluster once, through its earliest dated document (ties: smallest
  // id). Documents without a cluster are their own cluster.
  bool dedup = false;
  // The frames to report, in this order; empty = the non-empty frames present, sorted.
  // Documents with other frames (or none) still count in `total`.
  std::vector<std::string> frames;
  // When set, the trend is normalised: each row's `total` is the coverage of its period+group
  // (from CountCoverage over all documents, with the same by/group/dedup) instead of the
  // matched documents. Periods and groups still come from `docs` (so a date or outlet filter in
  // the query does not pull in empty years or outlets). A period+group missing from the
  // coverage, or with fewer documents than were matched (inconsistent input), falls back to the
  // matched count, so a share never exceeds 1.
  std::optional<CoverageTotals> normalize_totals;
};

struct Trend {
  // Ordered by period, then group, then frame (in the order of `periods`, `groups`, `frames`):
  // every combination is present, so a period without documents gives rows with total 0.
  std::vector<TrendRow> rows;
  std::size_t undated = 0;           // counted documents left out for want of a parsable date
  std::vector<std::string> periods;  // every period from the first to the last dated document
  std::vector<std::string> groups;   // sorted; {""} when not grouped
  std::vector<std::string> frames;
  TrendOptions options;  // the options the trend was computed with
};

// Counts `all` (typically every document of the study, without text) the way ComputeTrend counts
// with `opts`: same granularity, grouping and dedup; undated documents are left out. The result
// is meant for opts.normalize_totals. Never fails. Thread-safe.
CoverageTotals CountCoverage(const std::vector<corpus::Document>& all, const TrendOptions& opts);

// Computes the trend of `docs` (each document's `published`, `frame`, `cluster` and the field
// named by opts.group). Never fails; with no dated documents the result has no periods and no
// rows. Thread-safe.
Trend ComputeTrend(const std::vector<corpus::Document>& docs, const TrendOptions& opts);

// CSV with the header `period,<group_column_name>,frame,count,total,share,ci_low,ci_high`; the
// group column is left out when `group_column_name` is empty; a normalised trend has a last
// column `matched`. Shares and bounds have 6 decimals. Text cells go through CsvCell.
void WriteTrendCsv(const Trend& trend, const std::string& group_column_name, std::ostream& out);
// One JSON object: {"by", "group", "dedup", "normalize", "undated", "periods", "groups", "frames",
// "rows": [{"period", "group", "frame", "count", "matched", "total", "share", "ci_low",
// "ci_high"}]} and a newline.
void WriteTrendJson(const Trend& trend, std::ostream& out);
// An aligned text table for terminals: one line per period+group, one column per frame holding
// "count (share%)", and the period's total (preceded by the matched count when normalised, with a
// closing note saying what the shares are of); columns are aligned by display width (CJK = 2).
void WriteTrendTable(const Trend& trend, std::ostream& out);
// The same table as GitHub-flavoured Markdown; cell text is escaped so it cannot break the table
// or inject HTML.
void WriteTrendMarkdown(const Trend& trend, std::ostream& out);

}  // namespace framescope::report
