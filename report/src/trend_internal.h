// What ComputeTrend and the HTML report share: which documents count and where each one falls.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "framescope/corpus/document.h"
#include "framescope/report/trend.h"

namespace framescope::report::internal {

// Indices of the documents a trend counts: all of them, or with `dedup` one per cluster (its
// earliest dated member, ties by id; an undated cluster keeps its first member).
std::vector<std::size_t> CountedDocuments(const std::vector<corpus::Document>& docs, bool dedup);

// The document's value for `group` ("" when not grouped or unknown).
std::string GroupValue(const corpus::Document& doc, Group group);

// The period the document was published in, or nullopt when `published` does not parse.
std::optional<std::string> PeriodOf(const corpus::Document& doc, corpus::Granularity by);

// How a group value is shown to people: "(unknown)" for "".
std::string DisplayGroup(const std::string& group);

}  // namespace framescope::report::internal
