// Near-duplicate fingerprints: a 64-bit SimHash over word 3-shingles, so that a wire story
// republished with a different first or last paragraph stays within a few bits of the original.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace framescope::corpus {

std::uint64_t SimHash(std::string_view text);

inline int HammingDistance(std::uint64_t a, std::uint64_t b) { return __builtin_popcountll(a ^ b); }

// The eight 8-bit bands of a fingerprint, as "<band><hex>" keys. Two fingerprints within
// 7 bits of each other share at least one band (pigeonhole), so bands find candidates.
std::vector<std::string> SimHashBands(std::uint64_t hash);

// Fingerprints this close (in bits) are one syndication cluster.
constexpr int kNearDuplicateBits = 7;

}  // namespace framescope::corpus
