#include "framescope/report/csv.h"

#include <gtest/gtest.h>

#include <sstream>

#include "framescope/corpus/sources.h"
#include "framescope/report/collocates.h"
#include "framescope/report/keyness.h"
#include "framescope/report/trend.h"

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

// True when `cell` would be taken as a number by a spreadsheet: only then may it start with '-'
// or '+'.
bool IsPlainNumber(const std::string& cell) {
  if (cell.empty()) return false;
  std::size_t i = (cell[0] == '-' || cell[0] == '+') ? 1 : 0;
  bool digit = false, dot = false;
  for (; i < cell.size(); ++i) {
    if (cell[i] >= '0' && cell[i] <= '9') {
      digit = true;
    } else if (cell[i] == '.' && !dot) {
      dot = true;
    } else {
      return false;
    }
  }
  return digit;
}

// Every cell of `csv` that a spreadsheet would evaluate as a formula.
std::vector<std::string> FormulaCells(const std::string& csv) {
  std::vector<std::string> bad;
  auto rows = corpus::ParseCsv(csv, "csv");
  if (!rows) return {"unparsable CSV: " + rows.error().message};
  for (const auto& row : *rows) {
    for (const std::string& cell : row) {
      if (cell.empty() || IsPlainNumber(cell)) continue;
      const char c = cell[0];
      if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r')
        bad.push_back(cell);
    }
  }
  return bad;
}

const char* const kHostile[] = {
    "=HYPERLINK(\"http://evil\",\"x\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1", "\r=1"};

TEST(CsvWritersTest, NoWriterLetsACellStartAFormula) {
  for (const char* hostile : kHostile) {
    // Trend: the hostile text as outlet (group), frame and group column name.
    corpus::Document d;
    d.id = "1";
    d.published = "2019-05-01";
    d.outlet = hostile;
    d.frame = hostile;
    TrendOptions opts;
    opts.group = Group::kOutlet;
    std::ostringstream trend;
    WriteTrendCsv(ComputeTrend({d}, opts), hostile, trend);
    opts.normalize_totals = CountCoverage({d, d}, opts);
    WriteTrendCsv(ComputeTrend({d}, opts), "outlet", trend);
    EXPECT_EQ(FormulaCells(trend.str()), std::vector<std::string>{}) << trend.str();
    EXPECT_NE(trend.str().find('\''), std::string::npos);

    // Keyness and collocates: tokenisation never yields such terms, but the writers must not
    // rely on that. Negative numbers stay numbers.
    std::ostringstream keyness;
    WriteKeynessCsv({{hostile, 1, 3, 10, 10, 1.5, -1.584963}}, keyness);
    EXPECT_EQ(FormulaCells(keyness.str()), std::vector<std::string>{}) << keyness.str();
    EXPECT_NE(keyness.str().find(",-1.584963\n"), std::string::npos) << keyness.str();

    std::ostringstream collocates;
    CollocateRow row;
    row.collocate = hostile;
    row.mutual_information = -0.5;
    WriteCollocatesCsv({row}, collocates);
    EXPECT_EQ(FormulaCells(collocates.str()), std::vector<std::string>{}) << collocates.str();
    EXPECT_NE(collocates.str().find(",-0.500000\n"), std::string::npos) << collocates.str();

    std::ostringstream generic;
    WriteCsvRow({hostile, "ok"}, generic);
    EXPECT_EQ(FormulaCells(generic.str()), std::vector<std::string>{}) << generic.str();
  }
}

TEST(CsvWritersTest, TheCheckerItselfFindsFormulas) {
  // Guards the test above against passing vacuously.
  EXPECT_EQ(FormulaCells("a,=1+1\n-x,-1.5\n"), (std::vector<std::string>{"=1+1", "-x"}));
  EXPECT_TRUE(IsPlainNumber("-2.000000"));
  EXPECT_FALSE(IsPlainNumber("-2+3"));
}

}  // namespace
}  // namespace framescope::report
