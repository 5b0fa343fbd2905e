// Hashed feature vectors for the trained model.
//
// Two blocks, hashed into one space of 2^hash_bits buckets:
//   words     w:<word> unigrams and b:<word> <word> bigrams within a sentence; c:<two CJK
//             characters> bigrams of Chinese/Japanese runs (independent of ICU's segmentation);
//             g:<4 characters> n-grams of every non-CJK word of 4+ bytes, with < > marking its
//             edges (so "Überwachungsstaat" and "Überwachungsstaates" share most features).
//             Values log(1 + count); the block is scaled to Euclidean length `word_scale`
//             (TrainOptions), so long and short documents weigh the same.
//   codebook  cue:<frame>:<voice> log(1 + summed cue weight) of the cue hits in each voice;
//             ev:<frame> log(1 + evidence above the prior) of the codebook model; topic (1 when
//             on topic), topic:terms log(1 + distinct topic terms); anchor log(1 + distinct
//             anchor terms) or noanchor (1). These carry the voice analysis and transfer across
//             languages and writers.
// A feature's bucket: FNV-1a 64 of each part of its name, chained through a 64-bit mixer (see
// BucketOf in features.cc), xor-folded to 32 bits and masked.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "analysis.h"
#include "framescope/classify/codebook.h"

namespace framescope::classify::detail {

inline constexpr int kHashBits = 18;
inline constexpr int kCharNgram = 4;  // code points per character n-gram

struct SparseVector {
  std::vector<std::uint32_t> index;  // distinct buckets, in a deterministic order
  std::vector<float> value;
};

// The two blocks of one document, the word block at unit length.
struct FeatureBlocks {
  SparseVector words;
  SparseVector codebook;
};

// Features of an analysed document. When `names` is given, the readable name of every bucket used
// is recorded (first name wins), for the model's report of its strongest features.
FeatureBlocks ExtractFeatureBlocks(const DocumentAnalysis& analysis, const Codebook& codebook,
                                   int hash_bits, std::map<std::uint32_t, std::string>* names);

// The model's input: words x word_scale, plus the codebook block (buckets shared by both are
// summed).
SparseVector CombineBlocks(const FeatureBlocks& blocks, double word_scale);

// ExtractFeatureBlocks then CombineBlocks.
SparseVector ExtractFeatures(const DocumentAnalysis& analysis, const Codebook& codebook,
                             int hash_bits, double word_scale,
                             std::map<std::uint32_t, std::string>* names);

}  // namespace framescope::classify::detail
