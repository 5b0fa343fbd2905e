// The trained model's feature extraction (classify/src/featurizer.h), the phrase index that feeds
// it (matcher.h) and the half-precision weights of the model file (half.h): module-internal
// parts, tested directly because their mistakes would only show up as slightly worse accuracy.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>
#include <stdexcept>
#include <string>

#include "analysis.h"
#include "featurizer.h"
#include "framescope/classify/codebook.h"
#include "framescope/classify/cues.h"
#include "half.h"
#include "fixtures.h"

namespace framescope::classify {
namespace {

const Codebook& Default() { return testing::DefaultCodebook(); }

corpus::Document Doc(std::string text, std::string language = "en", std::string title = "") {
  corpus::Document d;
  d.text = std::move(text);
  d.language = std::move(language);
  d.title = std::move(title);
  return d;
}

// Feature name -> value of the combined vector (word scale 1), and the names of each block.
struct Named {
  std::map<std::string, double> all;
  std::set<std::string> codebook;
};

Named Features(const corpus::Document& doc) {
  std::map<std::uint32_t, std::string> names;
  detail::DocumentAnalysis a = detail::AnalyseInternal(Default(), doc);
  detail::FeatureBlocks blocks =
      detail::ExtractFeatureBlocks(a, Default(), detail::kHashBits, &names);
  detail::SparseVector x = detail::CombineBlocks(blocks, 1.0);
  Named out;
  for (std::size_t i = 0; i < x.index.size(); ++i) out.all[names.at(x.index[i])] += x.value[i];
  for (std::uint32_t idx : blocks.codebook.index) out.codebook.insert(names.at(idx));
  return out;
}

TEST(FeaturesTest, CueFeaturesCarryTheirVoice) {
  Named own = Features(Doc("The social credit system is an Orwellian dystopia."));
  EXPECT_TRUE(own.codebook.count("cue:alarmist:own"));
  EXPECT_FALSE(own.codebook.count("cue:alarmist:rebutted"));
  // Weights 2.0 (Orwellian) + 1.5 (dystopia*) under the default codebook.
  EXPECT_NEAR(own.all.at("cue:alarmist:own"), std::log1p(3.5), 1e-6);

  Named rebutted = Features(
      Doc("Far from the Orwellian dystopia of Western headlines, the social credit system is a "
          "patchwork of court blacklists."));
  EXPECT_TRUE(rebutted.codebook.count("cue:alarmist:rebutted"));
  EXPECT_FALSE(rebutted.codebook.count("cue:alarmist:own"));
  EXPECT_TRUE(rebutted.codebook.count("cue:balanced:own"));

  Named attributed = Features(Doc("Critics said the social credit system is Orwellian."));
  EXPECT_TRUE(attributed.codebook.count("cue:alarmist:attributed"));
  EXPECT_FALSE(attributed.codebook.count("cue:alarmist:own"));

  Named quoted = Features(Doc("The social credit system, a \u201cdigital dictatorship\u201d?"));
  EXPECT_TRUE(quoted.codebook.count("cue:alarmist:quoted"));

  Named negated = Features(Doc("The social credit system is not totalitarian."));
  EXPECT_TRUE(negated.codebook.count("cue:alarmist:negated"));
}

TEST(FeaturesTest, WordsNgramsAndCjkBigrams) {
  Named de = Features(Doc("Der Überwachungsstaat und das Sozialkreditsystem.", "de"));
  EXPECT_TRUE(de.all.count("w:überwachungsstaat"));
  EXPECT_TRUE(de.all.count("b:der überwachungsstaat"));
  // Character 4-grams by code point, with the word's edges marked.
  EXPECT_TRUE(de.all.count("g:<übe"));
  EXPECT_TRUE(de.all.count("g:aat>"));
  EXPECT_FALSE(de.all.count("g:<der"));  // words under four bytes have none
  Named zh = Features(Doc("社会信用体系不是黑镜。", "zh"));
  EXPECT_TRUE(zh.all.count("c:社会"));
  EXPECT_TRUE(zh.all.count("c:黑镜"));
  for (const auto& [name, v] : zh.all) {
    EXPECT_NE(name.rfind("g:", 0), 0u) << "no character n-grams of CJK words: " << name;
  }
}

TEST(FeaturesTest, TopicAndAnchorFeatures) {
  Named china = Features(Doc("China's social credit system keeps a blacklist."));
  EXPECT_TRUE(china.codebook.count("topic"));
  EXPECT_TRUE(china.codebook.count("topic:terms"));
  EXPECT_TRUE(china.codebook.count("anchor"));
  EXPECT_FALSE(china.codebook.count("noanchor"));
  Named spam = Features(Doc("Our mail server landed on a spam blacklist."));
  EXPECT_TRUE(spam.codebook.count("topic"));
  EXPECT_TRUE(spam.codebook.count("noanchor"));
  EXPECT_FALSE(spam.codebook.count("anchor"));
}

TEST(FeaturesTest, WordBlockHasUnitLengthAndScales) {
  auto doc = Doc("The social credit system is a patchwork of pilots. The pilots differ.");
  detail::DocumentAnalysis a = detail::AnalyseInternal(Default(), doc);
  detail::FeatureBlocks blocks = detail::ExtractFeatureBlocks(a, Default(), 18, nullptr);
  double norm = 0;
  for (float v : blocks.words.value) norm += static_cast<double>(v) * v;
  EXPECT_NEAR(std::sqrt(norm), 1.0, 1e-5);
  detail::SparseVector one = detail::CombineBlocks(blocks, 1.0);
  detail::SparseVector ten = detail::CombineBlocks(blocks, 10.0);
  ASSERT_EQ(one.index, ten.index);
  double word_part = 0;
  std::set<std::uint32_t> cb(blocks.codebook.index.begin(), blocks.codebook.index.end());
  for (std::size_t i = 0; i < ten.index.size(); ++i) {
    if (!cb.count(ten.index[i])) word_part += static_cast<double>(ten.value[i]) * ten.value[i];
  }
  EXPECT_NEAR(std::sqrt(word_part), 10.0, 1e-3);
  // Distinct buckets, every one inside the hash space, and the same vector every time.
  EXPECT_EQ(std::set<std::uint32_t>(one.index.begin(), one.index.end()).size(), one.index.size());
  for (std::uint32_t idx : one.index) EXPECT_LT(idx, 1u << 18);
  detail::SparseVector again = detail::ExtractFeatures(a, Default(), 18, 1.0, nullptr);
  EXPECT_EQ(again.index, one.index);
  EXPECT_EQ(again.value, one.value);
}

TEST(FeaturesTest, EmptyAndOddDocumentsGiveValidVectors) {
  for (const char* text : {"", " ", "\xff\xfe broken", "!!! ??? ...", "a", "社", "\u201c\u201d"}) {
    auto doc = Doc(text, "");
    detail::DocumentAnalysis a = detail::AnalyseInternal(Default(), doc);
    detail::SparseVector x = detail::ExtractFeatures(a, Default(), 18, 20.0, nullptr);
    EXPECT_EQ(x.index.size(), x.value.size());
    for (float v : x.value) EXPECT_TRUE(std::isfinite(v));
  }
}

// The phrase index skips tokens that start no phrase; phrases it must still find: one-byte
// prefixes (every token is then a candidate), CJK phrases that start with a Latin letter, and
// phrases whose first word is a common word.
TEST(MatcherTest, IndexedLookupFindsEveryKindOfPhrase) {
  auto cb = Codebook::Parse(R"([[frames]]
name = "a"
[frames.cues]
en = ["x*", "the machine", "over*"]
zh = ["P2P网贷", "黑镜", "镜"]
)",
                            "index.toml");
  ASSERT_TRUE(cb) << cb.error().message;
  auto hits = AnalyseCues(*cb, Doc("Xylophones play over the machine overtures.", "en"));
  std::multiset<std::string> cues;
  for (const auto& h : hits) cues.insert(h.cue);
  EXPECT_EQ(cues.count("x*"), 1u);
  EXPECT_EQ(cues.count("the machine"), 1u);
  EXPECT_EQ(cues.count("over*"), 2u);  // "over" and "overtures"
  hits = AnalyseCues(*cb, Doc("他们说P2P网贷像黑镜。", "zh"));
  cues.clear();
  for (const auto& h : hits) cues.insert(h.cue);
  EXPECT_EQ(cues.count("P2P网贷"), 1u);
  EXPECT_EQ(cues.count("黑镜"), 1u);
  // Without the one-byte prefix, tokens are filtered; the same phrases are still found.
  auto filtered = Codebook::Parse(R"([[frames]]
name = "a"
[frames.cues]
en = ["the machine", "over*"]
)",
                                  "filtered.toml");
  ASSERT_TRUE(filtered);
  hits = AnalyseCues(*filtered, Doc("Xylophones play over the machine overtures.", "en"));
  EXPECT_EQ(hits.size(), 3u);
}

TEST(HalfTest, EveryHalfSurvivesARoundTrip) {
  for (std::uint32_t h = 0; h < 0x10000; ++h) {
    const auto bits = static_cast<std::uint16_t>(h);
    const float f = detail::HalfToFloat(bits);
    if (std::isnan(f)) continue;
    EXPECT_EQ(detail::FloatToHalf(f), bits) << std::hex << h;
  }
}

TEST(HalfTest, RoundsToNearestAndSaturates) {
  EXPECT_EQ(detail::RoundToHalf(1.0f), 1.0f);
  EXPECT_EQ(detail::RoundToHalf(-2.5f), -2.5f);
  EXPECT_EQ(detail::RoundToHalf(0.0f), 0.0f);
  EXPECT_NEAR(detail::RoundToHalf(0.1f), 0.1f, 0.1f / 1024);
  EXPECT_NEAR(detail::RoundToHalf(3.14159f), 3.14159f, 3.14159f / 1024);
  EXPECT_EQ(detail::RoundToHalf(1.0f + 1.0f / 4096), 1.0f);  // below half an ulp: rounds down
  EXPECT_EQ(detail::RoundToHalf(65504.0f), 65504.0f);        // the largest half
  EXPECT_TRUE(std::isinf(detail::RoundToHalf(1e6f)));
  EXPECT_EQ(detail::RoundToHalf(1e-9f), 0.0f);
  EXPECT_NEAR(detail::RoundToHalf(3e-6f), 3e-6f, 6e-8f);  // a subnormal half
}

}  // namespace
}  // namespace framescope::classify
