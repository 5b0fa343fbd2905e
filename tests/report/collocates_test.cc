#include "framescope/report/collocates.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

namespace framescope::report {
namespace {

// A hand-computed example: node "credit", window 2.
//   text 1: the credit score rose and the score fell   node at 1: slots the(0) score(2) rose(3)
//   text 2: a social credit system                     node at 2: slots a(0) social(1) system(3)
//   text 3: credit score credit                        nodes at 0 and 2: slot score(1), once
// N = 8 + 4 + 3 = 15 tokens, node frequency 4, R1 = 3 + 3 + 1 = 7 slots, R2 = 8.
// In the slots: score 2, the 1, rose 1, a 1, social 1, system 1 (sum 7).
//
// score: O11 = 2, C1 = 3 (twice in text 1, once in text 3); O12 = 5, O21 = 1, O22 = 7.
//   E11 = 7*3/15 = 1.4, E12 = 7*12/15 = 5.6, E21 = 8*3/15 = 1.6, E22 = 8*12/15 = 6.4
//   G2 = 2(2 ln(2/1.4) + 5 ln(5/5.6) + 1 ln(1/1.6) + 7 ln(7/6.4))
//      = 2(0.713350 - 0.566643 - 0.470004 + 0.627285) = 0.607976
//   MI = log2(2/1.4) = 0.514573
// rose (likewise a, social, system): O11 = 1, C1 = 1; O12 = 6, O21 = 0, O22 = 8.
//   E11 = 7/15 = 0.466667, E12 = 98/15 = 6.533333, E22 = 112/15 = 7.466667
//   G2 = 2(ln(15/7) + 6 ln(6/6.533333) + 8 ln(8/7.466667)) = 2(0.762140 - 0.510948 + 0.551946)
//      = 1.606272
//   MI = log2(15/7) = 1.099536
// the: O11 = 1, C1 = 2; E11 = 14/15: barely attracted; MI = log2(15/14) = 0.099536,
//   G2 = 2(ln(15/14) + 6 ln(6/6.066667) + 1 ln(1/1.066667) + 7 ln(7/6.933333)) = 0.010283
// Sides: the, a, social are left of their node; score (once a tie between two nodes, which goes
// to the preceding one), rose and system are right.
const std::vector<std::string> kTexts = {"The credit score rose, and the score fell.",
                                         "A social credit system", "credit score credit"};

const CollocateRow* Find(const std::vector<CollocateRow>& rows, const std::string& word) {
  for (const CollocateRow& r : rows)
    if (r.collocate == word) return &r;
  return nullptr;
}

TEST(CollocatesTest, MatchesHandComputation) {
  auto rows = Collocates(kTexts, "credit", 2, 1, 0);
  ASSERT_TRUE(rows.has_value()) << rows.error().message;
  std::vector<std::string> order;
  for (const CollocateRow& r : *rows) order.push_back(r.collocate);
  // Equal G2 and frequency: alphabetical.
  EXPECT_EQ(order, (std::vector<std::string>{"a", "rose", "social", "system", "score", "the"}));
  const CollocateRow* score = Find(*rows, "score");
  ASSERT_NE(score, nullptr);
  EXPECT_EQ(score->freq_with_node, 2u);
  EXPECT_EQ(score->freq_left, 0u);
  EXPECT_EQ(score->freq_right, 2u);
  EXPECT_EQ(score->freq_total, 3u);
  EXPECT_EQ(score->node_freq, 4u);
  EXPECT_EQ(score->window_tokens, 7u);
  EXPECT_EQ(score->corpus_size, 15u);
  EXPECT_NEAR(score->log_likelihood, 0.607976, 1e-6);
  EXPECT_NEAR(score->mutual_information, 0.514573, 1e-6);
  const CollocateRow* rose = Find(*rows, "rose");
  ASSERT_NE(rose, nullptr);
  EXPECT_NEAR(rose->log_likelihood, 1.606272, 1e-6);
  EXPECT_NEAR(rose->mutual_information, 1.099536, 1e-6);
  EXPECT_EQ(rose->freq_right, 1u);
  const CollocateRow* the = Find(*rows, "the");
  ASSERT_NE(the, nullptr);
  EXPECT_EQ(the->freq_with_node, 1u);
  EXPECT_EQ(the->freq_total, 2u);
  EXPECT_EQ(the->freq_left, 1u);
  EXPECT_NEAR(the->log_likelihood, 0.010283, 1e-6);
  EXPECT_NEAR(the->mutual_information, 0.099536, 1e-6);
  for (const char* side : {"a", "social"}) {
    const CollocateRow* r = Find(*rows, side);
    ASSERT_NE(r, nullptr) << side;
    EXPECT_EQ(r->freq_left, 1u) << side;
    EXPECT_EQ(r->freq_right, 0u) << side;
  }
  // The node itself is never its own collocate, and words outside every window are not listed.
  EXPECT_EQ(Find(*rows, "credit"), nullptr);
  EXPECT_EQ(Find(*rows, "fell"), nullptr);
  EXPECT_EQ(Find(*rows, "and"), nullptr);
}

TEST(CollocatesTest, MinimumFrequencyAndTopN) {
  auto rows = Collocates(kTexts, "credit", 2, 2, 0);
  ASSERT_TRUE(rows.has_value());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].collocate, "score");
  rows = Collocates(kTexts, "credit", 2, 1, 2);
  ASSERT_TRUE(rows.has_value());
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].collocate, "a");
  EXPECT_EQ((*rows)[1].collocate, "rose");
}

TEST(CollocatesTest, NodeMatchesCaseInsensitivelyAndAsAPhrase) {
  auto upper = Collocates(kTexts, "CREDIT", 2, 1, 0);
  ASSERT_TRUE(upper.has_value());
  EXPECT_EQ(upper->size(), 6u);
  // "social credit" occurs once (text 2); "social" alone elsewhere is an ordinary word.
  auto phrase =
      Collocates({"the social credit system grows", "credit is social"}, "Social  Credit", 1, 1, 0);
  ASSERT_TRUE(phrase.has_value()) << phrase.error().message;
  ASSERT_EQ(phrase->size(), 2u);
  EXPECT_EQ((*phrase)[0].node_freq, 1u);
  EXPECT_EQ((*phrase)[0].window_tokens, 2u);
  EXPECT_EQ((*phrase)[0].corpus_size, 8u);
  EXPECT_NE(Find(*phrase, "the"), nullptr);
  EXPECT_NE(Find(*phrase, "system"), nullptr);
  EXPECT_EQ(Find(*phrase, "social"), nullptr);
}

TEST(CollocatesTest, OverlappingWindowsCountATokenOnce) {
  auto rows = Collocates({"credit x credit y z"}, "credit", 5, 1, 0);
  ASSERT_TRUE(rows.has_value());
  const CollocateRow* x = Find(*rows, "x");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(x->freq_with_node, 1u);
  EXPECT_EQ(x->window_tokens, 3u);  // x, y, z
  EXPECT_EQ(x->node_freq, 2u);
}

TEST(CollocatesTest, WindowsDoNotCrossTexts) {
  auto rows = Collocates({"alpha beta", "credit", "gamma delta"}, "credit", 5, 1, 0);
  ASSERT_TRUE(rows.has_value());
  EXPECT_TRUE(rows->empty());
}

TEST(CollocatesTest, AbsentNodeGivesNoRows) {
  auto rows = Collocates(kTexts, "harmony", 5, 1, 0);
  ASSERT_TRUE(rows.has_value());
  EXPECT_TRUE(rows->empty());
  rows = Collocates({}, "credit", 5, 1, 0);
  ASSERT_TRUE(rows.has_value());
  EXPECT_TRUE(rows->empty());
}

TEST(CollocatesTest, SegmentsChineseText) {
  // ICU's dictionary splits 社会信用体系 into 社会 / 信用 / 体系; the node is split the same way.
  auto rows = Collocates({"社会信用体系建设。信用体系很重要。"}, "信用", 1, 1, 0);
  ASSERT_TRUE(rows.has_value()) << rows.error().message;
  const CollocateRow* system = Find(*rows, "体系");
  ASSERT_NE(system, nullptr);
  EXPECT_EQ(system->freq_with_node, 2u);
  EXPECT_EQ(system->freq_right, 2u);
  EXPECT_EQ(system->node_freq, 2u);
  auto phrase = Collocates({"社会信用体系建设。信用体系很重要。"}, "社会信用", 1, 1, 0);
  ASSERT_TRUE(phrase.has_value());
  ASSERT_FALSE(phrase->empty());
  EXPECT_EQ((*phrase)[0].node_freq, 1u);
}

TEST(CollocatesTest, UnusableArgumentsAreUsageErrors) {
  const struct {
    const char* node;
    std::size_t window;
  } cases[] = {{"", 5}, {"   ", 5}, {"!?…", 5}, {"\xff\xfe", 5}, {"credit", 0}};
  for (const auto& c : cases) {
    auto rows = Collocates(kTexts, c.node, c.window, 1, 0);
    ASSERT_FALSE(rows.has_value()) << c.node;
    EXPECT_EQ(rows.error().code, ErrorCode::kUsage) << c.node;
    EXPECT_FALSE(rows.error().message.empty());
  }
}

TEST(CollocatesWritersTest, CsvJsonTableAndMarkdown) {
  auto rows = Collocates(kTexts, "credit", 2, 2, 0);
  ASSERT_TRUE(rows.has_value());
  std::ostringstream csv;
  WriteCollocatesCsv(*rows, csv);
  EXPECT_EQ(csv.str(),
            "collocate,freq_with_node,freq_left,freq_right,freq_total,node_freq,window_tokens,"
            "corpus_size,log_likelihood,mutual_information\n"
            "score,2,0,2,3,4,7,15,0.607976,0.514573\n");
  std::ostringstream json;
  WriteCollocatesJson(*rows, json);
  auto j = nlohmann::json::parse(json.str());
  ASSERT_EQ(j.size(), 1u);
  EXPECT_EQ(j[0]["collocate"], "score");
  EXPECT_EQ(j[0]["freq_right"], 2);
  EXPECT_NEAR(j[0]["log_likelihood"].get<double>(), 0.607976, 1e-6);
  std::ostringstream table;
  WriteCollocatesTable(*rows, table);
  EXPECT_EQ(table.str(),
            "collocate  freq  left  right  total  log_likelihood    MI\n"
            "score         2     0      2      3            0.61  0.51\n");
  std::ostringstream md;
  WriteCollocatesMarkdown(*rows, md);
  EXPECT_NE(md.str().find("| score | 2 | 0 | 2 | 3 | 0.61 | 0.51 |"), std::string::npos)
      << md.str();
  EXPECT_NE(md.str().find("Node: 4 occurrence(s); 7 token(s) in its windows; 15 token(s)"),
            std::string::npos)
      << md.str();
}

// The counting checked against a brute-force count on random texts: for every token, the
// distance to every node occurrence is measured directly.
TEST(CollocatesTest, AgreesWithABruteForceCountOnRandomTexts) {
  std::mt19937 rng(20240506);
  const std::vector<std::string> vocab = {"credit", "score", "trust", "state", "bank", "citizen"};
  for (int round = 0; round < 200; ++round) {
    std::vector<std::string> texts;
    std::vector<std::vector<std::string>> words;
    for (int t = 0; t < 3; ++t) {
      std::vector<std::string> w;
      std::string text;
      const int n = static_cast<int>(rng() % 25);
      for (int i = 0; i < n; ++i) {
        w.push_back(vocab[rng() % vocab.size()]);
        text += w.back() + " ";
      }
      words.push_back(w);
      texts.push_back(text);
    }
    const std::size_t window = 1 + rng() % 4;
    // Brute force, node "credit": slots are non-node tokens within `window` of a node token.
    std::map<std::string, std::size_t> in_window, total;
    std::size_t slots = 0, tokens = 0, nodes = 0;
    for (const auto& w : words) {
      tokens += w.size();
      for (std::size_t j = 0; j < w.size(); ++j) {
        ++total[w[j]];
        if (w[j] == "credit") {
          ++nodes;
          continue;
        }
        bool near = false;
        for (std::size_t k = 0; k < w.size(); ++k) {
          const std::size_t d = j > k ? j - k : k - j;
          if (w[k] == "credit" && d <= window) near = true;
        }
        if (near) {
          ++slots;
          ++in_window[w[j]];
        }
      }
    }
    auto rows = Collocates(texts, "credit", window, 1, 0);
    ASSERT_TRUE(rows.has_value());
    std::size_t listed = 0;
    for (const auto& [word, o11] : in_window) {
      // Attracted words only: O11 * N > R1 * C1.
      if (o11 * tokens <= slots * total[word]) continue;
      ++listed;
      const CollocateRow* r = Find(*rows, word);
      ASSERT_NE(r, nullptr) << "round " << round << ": " << word;
      EXPECT_EQ(r->freq_with_node, o11);
      EXPECT_EQ(r->freq_left + r->freq_right, o11);
      EXPECT_EQ(r->freq_total, total[word]);
      EXPECT_EQ(r->window_tokens, slots);
      EXPECT_EQ(r->corpus_size, tokens);
      EXPECT_EQ(r->node_freq, nodes);
      EXPECT_GT(r->mutual_information, 0);
      EXPECT_TRUE(std::isfinite(r->log_likelihood));
      EXPECT_GE(r->log_likelihood, 0);
    }
    EXPECT_EQ(rows->size(), listed) << "round " << round;
  }
}

}  // namespace
}  // namespace framescope::report
