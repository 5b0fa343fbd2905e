#include "framescope/corpus/fingerprint.h"

#include <array>

#include "framescope/corpus/hash.h"
#include "framescope/corpus/text.h"

namespace framescope::corpus {

std::uint64_t SimHash(std::string_view text) { return SimHash(Tokenize(text)); }

std::uint64_t SimHash(const std::vector<Token>& tokens) {
  std::array<int, 64> votes{};
  auto vote = [&](std::uint64_t h) {
    for (int b = 0; b < 64; ++b) votes[b] += (h >> b) & 1 ? 1 : -1;
  };
  if (tokens.size() < 3) {
    for (const auto& t : tokens) vote(Fnv1a64(t.norm));
  } else {
    for (std::size_t i = 0; i + 2 < tokens.size(); ++i) {
      std::uint64_t h = Fnv1a64(tokens[i].norm);
      h = Fnv1a64("\x1f", h);
      h = Fnv1a64(tokens[i + 1].norm, h);
      h = Fnv1a64("\x1f", h);
      h = Fnv1a64(tokens[i + 2].norm, h);
      // FNV's low bits mix poorly; finish with a 64-bit avalanche (splitmix64).
      h ^= h >> 30;
      h *= 0xbf58476d1ce4e5b9ULL;
      h ^= h >> 27;
      h *= 0x94d049bb133111ebULL;
      h ^= h >> 31;
      vote(h);
    }
  }
  std::uint64_t out = 0;
  for (int b = 0; b < 64; ++b)
    if (votes[b] > 0) out |= (std::uint64_t{1} << b);
  return out;
}

}  // namespace framescope::corpus
