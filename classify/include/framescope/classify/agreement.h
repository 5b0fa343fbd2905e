// Agreement between human coders (and between coders and a model): Krippendorff's alpha for
// nominal data with any number of coders and missing values, and Cohen's kappa for two coders.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "framescope/corpus/result.h"

namespace framescope::classify {

struct Agreement {
  double krippendorff_alpha = 0;
  std::optional<double> cohen_kappa;  // only for exactly two coders
  std::size_t units = 0;              // units coded by at least two coders (pairable)
};

// One map per coder, unit id -> label ("" or an absent id = not coded). Errors: fewer than two
// coders, no unit coded by two coders, or no variation at all (every value the same label), where
// both coefficients are undefined.
Result<Agreement> ComputeAgreement(
    const std::vector<std::map<std::string, std::string>>& coder_labels);

// Krippendorff's alpha, nominal metric. `units[u][c]` is coder c's value for unit u, "" when
// missing; rows may differ in length. Units with fewer than two values are ignored. Returns NaN
// when undefined (no pairable values, or no variation).
double KrippendorffAlphaNominal(const std::vector<std::vector<std::string>>& units);

// Cohen's kappa over the positions where both `a` and `b` are non-empty (extra positions of the
// longer vector are ignored). Returns NaN when undefined (no such position, or expected
// agreement 1).
double CohenKappa(const std::vector<std::string>& a, const std::vector<std::string>& b);

}  // namespace framescope::classify
