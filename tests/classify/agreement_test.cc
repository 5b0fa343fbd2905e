#include "framescope/classify/agreement.h"

#include <gtest/gtest.h>

#include <cmath>

namespace framescope::classify {
namespace {

// Krippendorff's worked example for nominal data: four observers A-D, twelve units, missing
// values ("" here). Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011): alpha =
// 0.743.
const std::vector<std::vector<std::string>> kCoders = {
    // unit: 1    2    3    4    5    6    7    8    9    10   11   12
    {"1", "2", "3", "3", "2", "1", "4", "1", "2", "", "", ""},    // A
    {"1", "2", "3", "3", "2", "2", "4", "1", "2", "5", "", "3"},  // B
    {"", "3", "3", "3", "2", "3", "4", "2", "2", "5", "1", ""},   // C
    {"1", "2", "3", "3", "2", "4", "4", "1", "2", "5", "1", ""},  // D
};

std::vector<std::vector<std::string>> Units() {
  std::vector<std::vector<std::string>> units(12);
  for (const auto& coder : kCoders) {
    for (std::size_t u = 0; u < 12; ++u) units[u].push_back(coder[u]);
  }
  return units;
}

TEST(AgreementTest, KrippendorffPublishedNominalExample) {
  double alpha = KrippendorffAlphaNominal(Units());
  EXPECT_NEAR(alpha, 0.743, 0.0005);
}

TEST(AgreementTest, ComputeAgreementOnCoderMaps) {
  std::vector<std::map<std::string, std::string>> coders(4);
  for (std::size_t c = 0; c < 4; ++c) {
    for (std::size_t u = 0; u < 12; ++u) {
      if (!kCoders[c][u].empty()) coders[c]["unit" + std::to_string(u + 1)] = kCoders[c][u];
    }
  }
  auto a = ComputeAgreement(coders);
  ASSERT_TRUE(a) << a.error().message;
  EXPECT_NEAR(a->krippendorff_alpha, 0.743, 0.0005);
  EXPECT_FALSE(a->cohen_kappa.has_value());  // four coders
  EXPECT_EQ(a->units, 11u);                  // unit 12 was coded by B alone
}

TEST(AgreementTest, CohenKappaHandComputed) {
  // 2x2 table: yes/yes 20, yes/no 5, no/yes 10, no/no 15 (n = 50).
  // p_o = 35/50 = 0.7; coder A says yes 25/50, coder B 30/50;
  // p_e = 0.5*0.6 + 0.5*0.4 = 0.5; kappa = (0.7 - 0.5) / 0.5 = 0.4.
  std::vector<std::string> a, b;
  auto add = [&](const char* x, const char* y, int n) {
    for (int i = 0; i < n; ++i) {
      a.push_back(x);
      b.push_back(y);
    }
  };
  add("yes", "yes", 20);
  add("yes", "no", 5);
  add("no", "yes", 10);
  add("no", "no", 15);
  EXPECT_NEAR(CohenKappa(a, b), 0.4, 1e-12);
  // Missing values are skipped, not counted as a label.
  a.push_back("");
  b.push_back("yes");
  EXPECT_NEAR(CohenKappa(a, b), 0.4, 1e-12);
}

TEST(AgreementTest, TwoCodersGetKappaToo) {
  std::vector<std::map<std::string, std::string>> coders = {
      {{"d1", "alarmist"}, {"d2", "balanced"}, {"d3", "balanced"}, {"d4", "supportive"}},
      {{"d1", "alarmist"},
       {"d2", "balanced"},
       {"d3", "alarmist"},
       {"d4", "supportive"},
       {"d5", "balanced"}},
  };
  auto a = ComputeAgreement(coders);
  ASSERT_TRUE(a) << a.error().message;
  EXPECT_EQ(a->units, 4u);
  ASSERT_TRUE(a->cohen_kappa.has_value());
  // p_o = 3/4; p_e = (1/4*2/4) + (2/4*1/4) + (1/4*1/4) = 5/16; kappa = (12/16-5/16)/(11/16).
  EXPECT_NEAR(*a->cohen_kappa, 7.0 / 11.0, 1e-12);
  EXPECT_LT(a->krippendorff_alpha, 1.0);
  EXPECT_GT(a->krippendorff_alpha, 0.5);
}

TEST(AgreementTest, PerfectAgreementIsOne) {
  std::vector<std::vector<std::string>> units = {{"a", "a"}, {"b", "b"}, {"c", "c", ""}};
  EXPECT_DOUBLE_EQ(KrippendorffAlphaNominal(units), 1.0);
  EXPECT_DOUBLE_EQ(CohenKappa({"a", "b", "c"}, {"a", "b", "c"}), 1.0);
}

TEST(AgreementTest, UndefinedCasesAreErrorsOrNaN) {
  EXPECT_TRUE(std::isnan(KrippendorffAlphaNominal({})));
  EXPECT_TRUE(std::isnan(KrippendorffAlphaNominal({{"a", ""}, {"b"}})));
  EXPECT_TRUE(std::isnan(KrippendorffAlphaNominal({{"a", "a"}, {"a", "a"}})));
  EXPECT_TRUE(std::isnan(CohenKappa({}, {})));
  EXPECT_TRUE(std::isnan(CohenKappa({"a", "a"}, {"a", "a"})));

  EXPECT_FALSE(ComputeAgreement({}));
  EXPECT_FALSE(ComputeAgreement({{{"d1", "a"}}}));                 // one coder
  EXPECT_FALSE(ComputeAgreement({{{"d1", "a"}}, {{"d2", "a"}}}));  // no shared unit
  auto same = ComputeAgreement({{{"d1", "a"}, {"d2", "a"}}, {{"d1", "a"}, {"d2", "a"}}});
  ASSERT_FALSE(same);
  EXPECT_NE(same.error().message.find("undefined"), std::string::npos);
}

}  // namespace
}  // namespace framescope::classify
