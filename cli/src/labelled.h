// Reading labelled JSONL (DESIGN.md "Labelled data": id, language, title, text, label).
#pragma once

#include <string>
#include <vector>

#include "common.h"
#include "framescope/corpus/document.h"

namespace framescope::cli {

// Reads every file; lines without a label are skipped with a warning. The label goes to
// Document::frame.
Result<std::vector<corpus::Document>> ReadLabelled(const std::vector<std::string>& paths);

}  // namespace framescope::cli
