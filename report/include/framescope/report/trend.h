// Frame shares over time: how many documents of each period (and outlet, language, country or
// source type) carry each frame, with 95% Wilson score intervals (DESIGN.md, `trend`).
#pragma once

#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
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
  std::size_t count = 0;  // documents of this period+group with this frame
  std::size_t total = 0;  // all documents of this period+group (any frame, or none)
  double share = 0;       // count / total, 0 when total == 0
  Interval ci;            // 95% Wilson interval of share, {0, 0} when total == 0
};

struct TrendOptions {
  corpus::Granularity by = corpus::Granularity::kYear;
  Group group = Group::kNone;
  // Count each near-duplicate cluster once, through its earliest dated document (ties: smallest
  // id). Documents without a cluster are their own cluster.
  bool dedup = false;
  // The frames to report, in this order; empty = the non-empty frames present, sorted.
  // Documents with other frames (or none) still count in `total`.
  std::vector<std::string> frames;
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

// Computes the trend of `docs` (each document's `published`, `frame`, `cluster` and the field
// named by opts.group). Never fails; with no dated documents the result has no periods and no
// rows. Thread-safe.
Trend ComputeTrend(const std::vector<corpus::Document>& docs, const TrendOptions& opts);

// CSV with the header `period,<group_column_name>,frame,count,total,share,ci_low,ci_high`; the
// group column is left out when `group_column_name` is empty. Shares and bounds have 6 decimals.
void WriteTrendCsv(const Trend& trend, const std::string& group_column_name, std::ostream& out);
// One JSON object: {"by", "group", "dedup", "undated", "periods", "groups", "frames", "rows":
// [{"period", "group", "frame", "count", "total", "share", "ci_low", "ci_high"}]} and a newline.
void WriteTrendJson(const Trend& trend, std::ostream& out);
// An aligned text table for terminals: one line per period+group, one column per frame holding
// "count (share%)", and the period's total; columns are aligned by display width (CJK = 2).
void WriteTrendTable(const Trend& trend, std::ostream& out);
// The same table as GitHub-flavoured Markdown; cell text is escaped so it cannot break the table
// or inject HTML.
void WriteTrendMarkdown(const Trend& trend, std::ostream& out);

}  // namespace framescope::report
