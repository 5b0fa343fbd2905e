// Which classifier a study uses: --model, else framescope.toml [classify] model, else the
// bundled default model (data/models/default.json) if present, else the codebook model.
#pragma once

#include <string>

#include "framescope/classify/classify.h"
#include "framescope/corpus/study.h"

namespace framescope::cli {

Result<classify::Codebook> LoadCodebook(const corpus::Study* study);
// The codebook of train and evaluate, which also work outside a study: `file` when given, else
// the codebook of the study at `study_root` when there is one (framescope.toml), else the default.
Result<classify::Codebook> LoadCodebookFor(const std::string& study_root, const std::string& file);

Result<classify::Classifier> LoadClassifier(const corpus::Study& study, const std::string& model);

// The model file LoadClassifier reads for `model` ("" for the codebook model).
std::string ModelPath(const corpus::Study& study, const std::string& model);

// What a report manifest says of a classifier: its description and, for a model file, the file's
// name and SHA-1, so a reader can tell exactly which model labelled the documents.
std::string ModelIdentity(const classify::Classifier& clf, const std::string& path);

// The Xapian metadata key under which `index` records the ModelIdentity of the model it used.
inline constexpr const char* kModelMetadataKey = "framescope:model";

}  // namespace framescope::cli
