#include "features.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "framescope/corpus/hash.h"

namespace framescope::classify::detail {
namespace {

class Builder {
 public:
  Builder(int hash_bits, std::map<std::uint32_t, std::string>* names)
      : mask_((1u << hash_bits) - 1), names_(names) {}

  void Add(std::unordered_map<std::uint32_t, double>& block, const std::string& name, double v) {
    std::uint64_t h = corpus::Fnv1a64(name);
    auto idx = static_cast<std::uint32_t>((h ^ (h >> 32)) & mask_);
    block[idx] += v;
    if (names_) names_->emplace(idx, name);
  }

 private:
  std::uint32_t mask_;
  std::map<std::uint32_t, std::string>* names_;
};

}  // namespace

SparseVector ExtractFeatures(const DocumentAnalysis& analysis, const Codebook& codebook,
                             int hash_bits, std::map<std::uint32_t, std::string>* names) {
  Builder b(hash_bits, names);
  const TokenStream& ts = analysis.stream;

  // Words: unigrams and bigrams within a sentence, plus character bigrams of Chinese/Japanese
  // runs so that the model does not depend on ICU's word segmentation.
  std::unordered_map<std::uint32_t, double> words;
  for (std::size_t s = 0; s < ts.sentences.size(); ++s) {
    const auto [tb, te] = ts.sentence_tokens[s];
    for (std::size_t i = tb; i < te; ++i) {
      b.Add(words, "w:" + ts.tokens[i].key, 1);
      if (i > tb) b.Add(words, "b:" + ts.tokens[i - 1].key + " " + ts.tokens[i].key, 1);
    }
    const std::string& joined = ts.joined[s];
    std::size_t run = 0;
    while (run < joined.size()) {
      std::size_t stop = joined.find('\x1f', run);
      if (stop == std::string::npos) stop = joined.size();
      const auto* p = reinterpret_cast<const uint8_t*>(joined.data());
      int32_t pos = static_cast<int32_t>(run), prev = -1;
      while (pos < static_cast<int32_t>(stop)) {
        int32_t start = pos;
        UChar32 c;
        U8_NEXT(p, pos, static_cast<int32_t>(stop), c);
        (void)c;
        if (prev >= 0) {
          b.Add(words,
                "c:" + joined.substr(static_cast<std::size_t>(prev),
                                     static_cast<std::size_t>(pos - prev)),
                1);
        }
        prev = start;
      }
      run = stop + 1;
    }
  }
  double norm = 0;
  for (auto& [idx, v] : words) {
    v = std::log1p(v);
    norm += v * v;
  }
  norm = norm > 0 ? std::sqrt(norm) : 1;
  for (auto& [idx, v] : words) v /= norm;

  // Codebook evidence: cue weight by frame and voice, and the codebook model's evidence per
  // frame, so the model can learn how much each voice matters for each frame.
  std::unordered_map<std::uint32_t, double> cues;
  const CueAnalysis& ca = analysis.result;
  std::map<std::string, double> by_voice;
  for (std::size_t i = 0; i < ca.hits.size(); ++i) {
    const CueHit& h = ca.hits[i];
    by_voice["cue:" + h.frame + ":" + std::string(VoiceName(h.voice))] +=
        analysis.cue_cues[i]->weight;
  }
  for (const auto& [name, v] : by_voice) b.Add(cues, name, std::log1p(v));
  for (const Frame& f : codebook.frames()) {
    auto it = ca.evidence.find(f.name);
    double e = it == ca.evidence.end() ? 0 : it->second - f.prior;
    if (e > 0) b.Add(cues, "ev:" + f.name, std::log1p(e));
  }
  if (ca.on_topic) b.Add(cues, "topic", 1);
  if (!ca.topic_terms.empty())
    b.Add(cues, "topic:terms", std::log1p(static_cast<double>(ca.topic_terms.size())));

  for (const auto& [idx, v] : cues) words[idx] += v;
  SparseVector out;
  std::vector<std::pair<std::uint32_t, double>> all(words.begin(), words.end());
  std::sort(all.begin(), all.end());
  out.index.reserve(all.size());
  out.value.reserve(all.size());
  for (const auto& [idx, v] : all) {
    if (v == 0) continue;
    out.index.push_back(idx);
    out.value.push_back(static_cast<float>(v));
  }
  return out;
}

}  // namespace framescope::classify::detail
