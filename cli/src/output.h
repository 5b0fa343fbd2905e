// Printing of records in the formats of DESIGN.md (table, json, jsonl, csv).
#pragma once

#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "common.h"
#include "framescope/corpus/document.h"
#include "framescope/index/index.h"

namespace framescope::cli {

// search: id, url, title, outlet, language, published, frame, cluster, snippet (+ full metadata
// in json/jsonl/csv).
void PrintHits(const index::SearchResult& res, Format f, std::ostream& out);
// Generic records: header + rows; json prints an array of objects, jsonl one object per line.
void PrintRecords(const std::vector<std::string>& header,
                  const std::vector<std::vector<std::string>>& rows, Format f, std::ostream& out);

}  // namespace framescope::cli
