// Near-duplicate fingerprints: a 64-bit SimHash over word 3-shingles, so that a wire story
// republished with a different first or last paragraph stays within a few bits of the original.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "framescope/corpus/text.h"

namespace framescope::corpus {

std::uint64_t SimHash(std::string_view text);

// SimHash of a text from its words (corpus::Tokenize of the text): the same value, for callers
// that have tokenised the text already.
std::uint64_t SimHash(const std::vector<Token>& tokens);

inline int HammingDistance(std::uint64_t a, std::uint64_t b) { return __builtin_popcountll(a ^ b); }

// Fingerprints this close (in bits) are one syndication cluster.
constexpr int kNearDuplicateBits = 7;

}  // namespace framescope::corpus
