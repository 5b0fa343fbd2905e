#include "framescope/corpus/dates.h"

#include <gtest/gtest.h>

namespace framescope::corpus {

TEST(DatesTest, ParsesIsoForms) {
  EXPECT_EQ(ParseIsoDate("2019-03-03T10:00:00Z"), (Date{2019, 3, 3}));
  EXPECT_EQ(ParseIsoDate("2019"), (Date{2019, 1, 1}));
  EXPECT_EQ(ParseIsoDate("2019-07"), (Date{2019, 7, 1}));
  EXPECT_FALSE(ParseIsoDate("2019-02-30"));
  EXPECT_FALSE(ParseIsoDate("20x9-01-01"));
  EXPECT_FALSE(ParseIsoDate(""));
}

TEST(DatesTest, CivilRoundTrip) {
  for (std::int64_t d = -1000; d < 30000; d += 37) EXPECT_EQ(DaysFromCivil(CivilFromDays(d)), d);
  EXPECT_EQ(DaysFromCivil({1970, 1, 1}), 0);
}

TEST(DatesTest, PeriodKeys) {
  EXPECT_EQ(PeriodKey({2018, 5, 3}, Granularity::kQuarter), "2018-Q2");
  EXPECT_EQ(PeriodKey({2018, 5, 3}, Granularity::kMonth), "2018-05");
  EXPECT_EQ(PeriodKey({2021, 1, 1}, Granularity::kWeek), "2020-W53");
  auto years = PeriodsBetween({2014, 6, 1}, {2016, 1, 1}, Granularity::kYear);
  EXPECT_EQ(years, (std::vector<std::string>{"2014", "2015", "2016"}));
  auto q = PeriodsBetween({2018, 11, 1}, {2019, 4, 1}, Granularity::kQuarter);
  EXPECT_EQ(q, (std::vector<std::string>{"2018-Q4", "2019-Q1", "2019-Q2"}));
}

}  // namespace framescope::corpus
