#include "featurizer.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <string_view>

#include "framescope/corpus/hash.h"

namespace framescope::classify::detail {
namespace {

// splitmix64's finaliser: spreads the bits of a chained hash so that the masked bucket does not
// depend on the low bits of one part only.
std::uint64_t Mix(std::uint64_t h) {
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebULL;
  h ^= h >> 31;
  return h;
}

std::uint64_t Chain(std::uint64_t h, std::uint64_t part) {
  return Mix(h * 0x9e3779b97f4a7c15ULL + part);
}

// Feature kinds: the first part of every feature name.
const std::uint64_t kWord = corpus::Fnv1a64("w:");
const std::uint64_t kBigram = corpus::Fnv1a64("b:");
const std::uint64_t kCjk = corpus::Fnv1a64("c:");
const std::uint64_t kGram = corpus::Fnv1a64("g:");
const std::uint64_t kNamed = corpus::Fnv1a64("n:");

// Sums values per bucket in an open-addressing table; remembers first-insertion order so that
// the output (and the floating-point sums computed from it) never depend on the table layout.
class Accumulator {
 public:
  // `expected`: about how many distinct buckets will be added (the table then never grows).
  Accumulator(int hash_bits, std::size_t expected) : mask_((1u << hash_bits) - 1) {
    std::size_t n = 64;
    while (n < 2 * expected) n *= 2;
    Resize(n);
    items_.reserve(expected);
  }

  void Add(std::uint64_t h, double v) {
    const auto idx = static_cast<std::uint32_t>((h ^ (h >> 32)) & mask_);
    std::size_t slot = (idx * 2654435761u) & (slots_.size() - 1);
    while (slots_[slot] != 0) {
      if (items_[slots_[slot] - 1].first == idx) {
        items_[slots_[slot] - 1].second += v;
        return;
      }
      slot = (slot + 1) & (slots_.size() - 1);
    }
    items_.emplace_back(idx, v);
    slots_[slot] = static_cast<std::uint32_t>(items_.size());
    if (2 * items_.size() > slots_.size()) Resize(slots_.size() * 2);
  }

  // The bucket a hash lands in (for recording feature names).
  std::uint32_t Bucket(std::uint64_t h) const {
    return static_cast<std::uint32_t>((h ^ (h >> 32)) & mask_);
  }

  std::vector<std::pair<std::uint32_t, double>>& items() { return items_; }

 private:
  void Resize(std::size_t n) {
    slots_.assign(n, 0);
    for (std::size_t i = 0; i < items_.size(); ++i) {
      std::size_t slot = (items_[i].first * 2654435761u) & (n - 1);
      while (slots_[slot] != 0) slot = (slot + 1) & (n - 1);
      slots_[slot] = static_cast<std::uint32_t>(i + 1);
    }
  }

  std::uint32_t mask_;
  std::vector<std::uint32_t> slots_;  // 1 + index into items_, 0 = empty
  std::vector<std::pair<std::uint32_t, double>> items_;
};

SparseVector ToSparse(const std::vector<std::pair<std::uint32_t, double>>& items) {
  SparseVector out;
  out.index.reserve(items.size());
  out.value.reserve(items.size());
  for (const auto& [idx, v] : items) {
    if (v == 0) continue;
    out.index.push_back(idx);
    out.value.push_back(static_cast<float>(v));
  }
  return out;
}

}  // namespace

FeatureBlocks ExtractFeatureBlocks(const DocumentAnalysis& analysis, const Codebook& codebook,
                                   int hash_bits, std::map<std::uint32_t, std::string>* names) {
  const TokenStream& ts = analysis.stream;
  const CueAnalysis& ca = analysis.result;
  FeatureBlocks out;

  // A word gives about four features (itself, a bigram, n-grams), most of them repeated.
  Accumulator words(hash_bits, 3 * ts.tokens.size() + 16);
  auto name = [&](std::uint64_t h, std::initializer_list<std::string_view> parts) {
    if (!names) return;
    std::uint32_t b = words.Bucket(h);
    if (names->count(b)) return;
    std::string n;
    for (std::string_view p : parts) n += p;
    names->emplace(b, std::move(n));
  };
  std::vector<int32_t> cps;  // code point starts of a padded word
  std::string padded;
  for (std::size_t s = 0; s < ts.sentences.size(); ++s) {
    const auto [tb, te] = ts.sentence_tokens[s];
    for (std::size_t i = tb; i < te; ++i) {
      const KeyToken& tok = ts.tokens[i];
      const std::uint64_t hw = Chain(kWord, tok.hash);
      words.Add(hw, 1);
      name(hw, {"w:", tok.key});
      if (i > tb) {
        const KeyToken& prev = ts.tokens[i - 1];
        const std::uint64_t hb = Chain(Chain(kBigram, prev.hash), tok.hash);
        words.Add(hb, 1);
        name(hb, {"b:", prev.key, " ", tok.key});
      }
      if (tok.cjk || tok.key.size() < 4) continue;
      // Character n-grams by code point, with the word's edges marked.
      padded.assign("<");
      padded += tok.key;
      padded += '>';
      cps.clear();
      const auto* p8 = reinterpret_cast<const uint8_t*>(padded.data());
      const auto len = static_cast<int32_t>(padded.size());
      for (int32_t pos = 0; pos < len;) {
        cps.push_back(pos);
        UChar32 c;
        U8_NEXT(p8, pos, len, c);
        (void)c;
      }
      cps.push_back(len);
      for (std::size_t q = 0; q + kCharNgram < cps.size(); ++q) {
        std::string_view gram(padded.data() + cps[q],
                              static_cast<std::size_t>(cps[q + kCharNgram] - cps[q]));
        const std::uint64_t hg = Chain(kGram, corpus::Fnv1a64(gram));
        words.Add(hg, 1);
        name(hg, {"g:", gram});
      }
    }
    // Chinese/Japanese character bigrams within each run of CJK tokens.
    const std::string& joined = ts.joined[s];
    const auto* p8 = reinterpret_cast<const uint8_t*>(joined.data());
    const auto stop_all = static_cast<int32_t>(joined.size());
    int32_t prev = -1;
    for (int32_t pos = 0; pos < stop_all;) {
      if (joined[static_cast<std::size_t>(pos)] == '\x1f') {
        prev = -1;
        ++pos;
        continue;
      }
      const int32_t start = pos;
      UChar32 c;
      U8_NEXT(p8, pos, stop_all, c);
      (void)c;
      if (prev >= 0) {
        std::string_view bigram(joined.data() + prev, static_cast<std::size_t>(pos - prev));
        const std::uint64_t hc = Chain(kCjk, corpus::Fnv1a64(bigram));
        words.Add(hc, 1);
        name(hc, {"c:", bigram});
      }
      prev = start;
    }
  }
  // Counts are small whole numbers: their logarithms come from a table.
  static const std::vector<double> kLog1p = [] {
    std::vector<double> t(64);
    for (std::size_t i = 0; i < t.size(); ++i) t[i] = std::log1p(static_cast<double>(i));
    return t;
  }();
  double norm = 0;
  for (auto& [idx, v] : words.items()) {
    const auto n = static_cast<std::size_t>(v);
    v = n < kLog1p.size() && static_cast<double>(n) == v ? kLog1p[n] : std::log1p(v);
    norm += v * v;
  }
  norm = norm > 0 ? std::sqrt(norm) : 1;
  for (auto& [idx, v] : words.items()) v /= norm;
  out.words = ToSparse(words.items());

  // Codebook block: the voice analysis summed per frame and voice, the codebook model's evidence,
  // and whether the document is on topic and anchored in the topic's setting.
  Accumulator cb(hash_bits, 32);
  auto add = [&](std::string_view a, std::string_view b, std::string_view c, double v) {
    std::uint64_t h = kNamed;
    for (std::string_view p : {a, b, c}) h = corpus::Fnv1a64(p, h);
    h = Mix(h);
    cb.Add(h, v);
    if (names && !names->count(cb.Bucket(h))) {
      names->emplace(cb.Bucket(h), std::string(a) + std::string(b) + std::string(c));
    }
  };
  const std::vector<Frame>& frames = codebook.frames();
  // Summed cue weight per frame and voice; frames are few, so a flat table beats a map.
  constexpr std::size_t kVoices = 5;
  std::vector<double> by_voice(frames.size() * kVoices, 0.0);
  for (std::size_t i = 0; i < ca.hits.size(); ++i) {
    const int f = codebook.FrameIndex(ca.hits[i].frame);
    if (f < 0) continue;
    by_voice[static_cast<std::size_t>(f) * kVoices + static_cast<std::size_t>(ca.hits[i].voice)] +=
        analysis.cue_cues[i]->weight;
  }
  for (std::size_t f = 0; f < frames.size(); ++f) {
    for (std::size_t v = 0; v < kVoices; ++v) {
      const double w = by_voice[f * kVoices + v];
      if (w > 0) add("cue:", frames[f].name, ":" + std::string(VoiceName(Voice(v))), std::log1p(w));
    }
    auto it = ca.evidence.find(frames[f].name);
    const double e = it == ca.evidence.end() ? 0 : it->second - frames[f].prior;
    if (e > 0) add("ev:", frames[f].name, "", std::log1p(e));
  }
  if (ca.on_topic) add("topic", "", "", 1);
  if (!ca.topic_terms.empty()) {
    add("topic:terms", "", "", std::log1p(static_cast<double>(ca.topic_terms.size())));
  }
  if (!ca.anchor_terms.empty()) {
    add("anchor", "", "", std::log1p(static_cast<double>(ca.anchor_terms.size())));
  } else {
    add("noanchor", "", "", 1);
  }
  out.codebook = ToSparse(cb.items());
  return out;
}

SparseVector CombineBlocks(const FeatureBlocks& blocks, double word_scale) {
  SparseVector out;
  const SparseVector& w = blocks.words;
  const SparseVector& c = blocks.codebook;
  out.index.reserve(w.index.size() + c.index.size());
  out.value.reserve(w.index.size() + c.index.size());
  // The codebook block has a dozen entries; a word that shares a bucket with one of them (a hash
  // collision) is found through a small table of those buckets.
  std::size_t size = 16;
  while (size < 4 * c.index.size()) size *= 2;
  std::vector<std::int64_t> table(size, -1);  // slot -> position in c
  auto slot_of = [&](std::uint32_t idx) {
    std::size_t s = (idx * 2654435761u) & (size - 1);
    while (table[s] >= 0 && c.index[static_cast<std::size_t>(table[s])] != idx) {
      s = (s + 1) & (size - 1);
    }
    return s;
  };
  for (std::size_t i = 0; i < c.index.size(); ++i)
    table[slot_of(c.index[i])] = static_cast<std::int64_t>(i);
  std::vector<float> extra(c.value.begin(), c.value.end());
  for (std::size_t i = 0; i < w.index.size(); ++i) {
    float v = static_cast<float>(w.value[i] * word_scale);
    const std::int64_t hit = table[slot_of(w.index[i])];
    if (hit >= 0) {
      v += extra[static_cast<std::size_t>(hit)];
      extra[static_cast<std::size_t>(hit)] = 0;
      if (v == 0) continue;
    }
    out.index.push_back(w.index[i]);
    out.value.push_back(v);
  }
  for (std::size_t i = 0; i < c.index.size(); ++i) {
    if (extra[i] == 0) continue;
    out.index.push_back(c.index[i]);
    out.value.push_back(extra[i]);
  }
  return out;
}

SparseVector ExtractFeatures(const DocumentAnalysis& analysis, const Codebook& codebook,
                             int hash_bits, double word_scale,
                             std::map<std::uint32_t, std::string>* names) {
  return CombineBlocks(ExtractFeatureBlocks(analysis, codebook, hash_bits, names), word_scale);
}

}  // namespace framescope::classify::detail
