// Hashed feature vectors for the trained model.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "analysis.h"
#include "framescope/classify/codebook.h"

namespace framescope::classify::detail {

inline constexpr int kHashBits = 18;

struct SparseVector {
  std::vector<std::uint32_t> index;  // ascending, distinct
  std::vector<float> value;
};

// Features of an analysed document (see classifier.h for the list). When `names` is given, the
// readable name of every bucket used is recorded (first name wins), for the model's report of
// its strongest features.
SparseVector ExtractFeatures(const DocumentAnalysis& analysis, const Codebook& codebook,
                             int hash_bits, std::map<std::uint32_t, std::string>* names);

}  // namespace framescope::classify::detail
