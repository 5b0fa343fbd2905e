// Which classifier a study uses: --model, else framescope.toml [classify] model, else the
// bundled default model (data/models/default.json) if present, else the codebook model.
#pragma once

#include <string>

#include "framescope/classify/classify.h"
#include "framescope/corpus/study.h"

namespace framescope::cli {

Result<classify::Codebook> LoadCodebook(const corpus::Study* study);
Result<classify::Classifier> LoadClassifier(const corpus::Study& study, const std::string& model);

}  // namespace framescope::cli
