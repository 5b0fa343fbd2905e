#include "framescope/report/keyness.h"

#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

namespace framescope::report {
namespace {

// A hand-computed example. Corpus A has 10 tokens (credit 4, score 4, trust 2), corpus B has 10
// (credit 1, score 1, trust 6, harmony 2). With equal sizes both expected values are (a+b)/2:
//   credit:  a=4 b=1  E=2.5  G2 = 2(4 ln(4/2.5) + 1 ln(1/2.5)) = 2(4*0.470004 - 0.916291)
//   = 1.927448
//            log ratio = log2((4/10)/(1/10)) = 2
//   trust:   a=2 b=6  E=4    G2 = 2(2 ln(2/4) + 6 ln(6/4)) = 2(-1.386294 + 2.432791) = 2.092993
//            log ratio = log2(2/6) = -1.584963
//   harmony: a=0 b=2  E=1    G2 = 2(0 + 2 ln 2) = 2.772589
//            log ratio = log2(0.5/2) = -2   (0.5 stands in for the zero count)
const std::vector<std::string> kA = {"Credit score credit score.",
                                     "credit score credit score trust trust"};
const std::vector<std::string> kB = {
    "credit score trust trust trust trust trust trust harmony harmony"};

TEST(LogLikelihoodTest, MatchesHandComputation) {
  EXPECT_NEAR(LogLikelihood(4, 1, 10, 10), 1.927448, 1e-6);
  EXPECT_NEAR(LogLikelihood(2, 6, 10, 10), 2.092993, 1e-6);
  EXPECT_NEAR(LogLikelihood(0, 2, 10, 10), 2.772589, 1e-6);
  EXPECT_DOUBLE_EQ(LogLikelihood(3, 3, 10, 10), 0.0);  // evenly spread: not key anywhere
  EXPECT_DOUBLE_EQ(LogLikelihood(0, 0, 0, 0), 0.0);
}

TEST(LogRatioTest, AddsHalfToZeroCounts) {
  EXPECT_DOUBLE_EQ(LogRatio(4, 1, 10, 10), 2.0);
  EXPECT_NEAR(LogRatio(2, 6, 10, 10), -1.584963, 1e-6);
  EXPECT_DOUBLE_EQ(LogRatio(0, 2, 10, 10), -2.0);
  EXPECT_DOUBLE_EQ(LogRatio(2, 0, 10, 10), 2.0);
  EXPECT_DOUBLE_EQ(LogRatio(1, 1, 0, 10), 0.0);
}

TEST(KeynessTest, ListsKeyWordsOfAThenOfB) {
  std::vector<KeynessRow> rows = Keyness(kA, kB, 1, 10);
  ASSERT_EQ(rows.size(), 4u);
  // Key in A, strongest first; credit and score tie and are ordered by term.
  EXPECT_EQ(rows[0].term, "credit");
  EXPECT_EQ(rows[1].term, "score");
  EXPECT_EQ(rows[2].term, "harmony");
  EXPECT_EQ(rows[3].term, "trust");
  EXPECT_EQ(rows[0].freq_a, 4u);
  EXPECT_EQ(rows[0].freq_b, 1u);
  EXPECT_EQ(rows[0].size_a, 10u);
  EXPECT_EQ(rows[0].size_b, 10u);
  EXPECT_NEAR(rows[0].log_likelihood, 1.927448, 1e-6);
  EXPECT_DOUBLE_EQ(rows[0].log_ratio, 2.0);
  EXPECT_NEAR(rows[2].log_likelihood, 2.772589, 1e-6);
  EXPECT_DOUBLE_EQ(rows[2].log_ratio, -2.0);
  EXPECT_NEAR(rows[3].log_likelihood, 2.092993, 1e-6);
  EXPECT_LT(rows[3].log_ratio, 0);
}

TEST(KeynessTest, MinimumFrequencyAndTopNLimitEachSide) {
  std::vector<KeynessRow> rows = Keyness(kA, kB, 3, 10);
  for (const auto& r : rows) EXPECT_NE(r.term, "harmony");  // seen twice only
  rows = Keyness(kA, kB, 1, 1);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].term, "credit");
  EXPECT_EQ(rows[1].term, "harmony");
}

TEST(KeynessTest, SegmentsChineseText) {
  std::vector<KeynessRow> rows =
      Keyness({"社会信用体系建设 诚信 诚信 诚信"}, {"社会信用体系建设 监控 监控 监控"}, 1, 5);
  bool found = false;
  for (const auto& r : rows) found |= r.term == "诚信" && r.freq_a == 3 && r.log_ratio > 0;
  EXPECT_TRUE(found);
}

TEST(KeynessTest, EmptySideGivesNothing) {
  EXPECT_TRUE(Keyness({}, kB, 1, 10).empty());
  EXPECT_TRUE(Keyness(kA, {"  ...  "}, 1, 10).empty());
}

TEST(KeynessWritersTest, CsvKeepsNegativeNumbersNumeric) {
  std::ostringstream out;
  WriteKeynessCsv(Keyness(kA, kB, 1, 10), out);
  const std::string csv = out.str();
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "term,freq_a,freq_b,size_a,size_b,log_likelihood,log_ratio");
  EXPECT_NE(csv.find("credit,4,1,10,10,1.927448,2.000000\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("harmony,0,2,10,10,2.772589,-2.000000\n"), std::string::npos) << csv;
}

TEST(KeynessWritersTest, MarkdownIsATableWithEscapedTermsAndCorpusSizes) {
  std::ostringstream out;
  WriteKeynessMarkdown(Keyness(kA, kB, 1, 10), out);
  const std::string md = out.str();
  EXPECT_EQ(md.substr(0, md.find('\n')), "| term | freq_a | freq_b | log_likelihood | log_ratio |");
  EXPECT_NE(md.find("\n| credit | 4 | 1 | 1.93 | 2.00 |\n"), std::string::npos) << md;
  EXPECT_NE(md.find("\n| harmony | 0 | 2 | 2.77 | -2.00 |\n"), std::string::npos) << md;
  EXPECT_NE(md.find("Corpus A: 10 tokens; corpus B: 10 tokens."), std::string::npos) << md;
  std::ostringstream hostile;
  WriteKeynessMarkdown({{"a|b<i>_x_", 1, 0, 5, 5, 1.0, 1.0}}, hostile);
  EXPECT_NE(hostile.str().find("| a\\|b&lt;i&gt;\\_x\\_ |"), std::string::npos) << hostile.str();
  std::ostringstream empty;
  WriteKeynessMarkdown({}, empty);
  EXPECT_EQ(empty.str(),
            "| term | freq_a | freq_b | log_likelihood | log_ratio |\n"
            "| --- | ---: | ---: | ---: | ---: |\n");
}

}  // namespace
}  // namespace framescope::report
