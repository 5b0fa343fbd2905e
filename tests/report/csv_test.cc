#include "framescope/report/csv.h"

#include <gtest/gtest.h>

#include <sstream>

#include "framescope/corpus/sources.h"

namespace framescope::report {
namespace {

TEST(CsvCellTest, NeutralisesFormulaPrefixes) {
  const struct {
    const char* in;
    const char* out;
  } cases[] = {
      {"=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"},
      {"+1", "'+1"},
      {"-1", "'-1"},
      {"@SUM(A1:A9)", "'@SUM(A1:A9)"},
      {"\tleading tab", "'\tleading tab"},
      {"=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""},
      {"\rcarriage", "\"'\rcarriage\""},
  };
  for (const auto& c : cases) EXPECT_EQ(CsvCell(c.in), c.out) << c.in;
}

TEST(CsvCellTest, QuotesCommasQuotesAndNewlines) {
  EXPECT_EQ(CsvCell("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvCell("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvCell("line one\nline two"), "\"line one\nline two\"");
  EXPECT_EQ(CsvCell("crlf\r\n"), "\"crlf\r\n\"");
}

TEST(CsvCellTest, LeavesOrdinaryTextAlone) {
  EXPECT_EQ(CsvCell(""), "");
  EXPECT_EQ(CsvCell("Xinhua"), "Xinhua");
  EXPECT_EQ(CsvCell("2019-Q2"), "2019-Q2");  // a dash inside is no formula
  EXPECT_EQ(CsvCell("社会信用"), "社会信用");
  EXPECT_EQ(CsvCell("it's"), "it's");
}

TEST(WriteCsvRowTest, RoundTripsThroughAnRfc4180Parser) {
  std::vector<std::string> cells = {"plain", "a,b", "say \"hi\"", "two\nlines", "=1+1", ""};
  std::ostringstream out;
  WriteCsvRow(cells, out);
  EXPECT_EQ(out.str().back(), '\n');
  auto parsed = corpus::ParseCsv(out.str(), "row");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  ASSERT_EQ(parsed->size(), 1u);
  std::vector<std::string> expected = cells;
  expected[4] = "'=1+1";
  EXPECT_EQ((*parsed)[0], expected);
}

}  // namespace
}  // namespace framescope::report
