// How well predicted labels match gold labels: accuracy, macro F1, Cohen's kappa and
// Krippendorff's alpha between gold and predicted, per-frame precision/recall/F1, the confusion
// matrix, per-language scores, and bootstrap confidence intervals.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "framescope/corpus/result.h"

namespace framescope::classify {

struct FrameMetrics {
  double precision = 0;  // 0 when the label was never predicted
  double recall = 0;     // 0 when the label never occurs in the gold data
  double f1 = 0;
  std::size_t support = 0;  // gold occurrences
};

struct LanguageMetrics {
  std::size_t n = 0;
  double accuracy = 0;
  double macro_f1 = 0;
};

struct Evaluation {
  std::size_t n = 0;
  int folds = 0;                    // 0 when the predictions did not come from cross-validation
  std::vector<std::string> labels;  // every label seen in gold or predicted, sorted
  double accuracy = 0;
  double macro_f1 = 0;  // mean F1 over `labels`
  double kappa = 0;     // Cohen's kappa, gold vs predicted (NaN when undefined)
  double alpha = 0;     // Krippendorff's alpha (nominal), gold vs predicted (NaN when undefined)
  std::pair<double, double> accuracy_ci{0, 0};  // 95% percentile bootstrap, 1000 resamples
  std::pair<double, double> macro_f1_ci{0, 0};
  std::map<std::string, FrameMetrics> per_frame;
  std::map<std::string, std::map<std::string, std::size_t>> confusion;  // gold -> predicted -> n
  std::map<std::string, LanguageMetrics> per_language;                  // "" = language unknown
};

// Scores `predicted` against `gold` (same length, one entry per document; `languages` may be
// empty or of the same length). The bootstrap resamples documents with a generator seeded by
// `seed`, so the intervals are reproducible. Error when the lengths differ or n = 0.
Result<Evaluation> EvaluatePredictions(const std::vector<std::string>& gold,
                                       const std::vector<std::string>& predicted,
                                       const std::vector<std::string>& languages, int seed = 42);

// JSON object with the fields of Evaluation under the same names, except kappa and alpha, which
// are written "cohen_kappa" and "krippendorff_alpha" (as `framescope agree` prints them); NaN is
// written as null. Stable field names.
std::string EvaluationToJson(const Evaluation& evaluation);
// Reads what EvaluationToJson wrote. Error when the text is not such an object.
Result<Evaluation> EvaluationFromJson(std::string_view json);

}  // namespace framescope::classify
