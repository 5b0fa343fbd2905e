#include "framescope/report/trend.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

namespace framescope::report {
namespace {

corpus::Document Doc(std::string id, std::string published, std::string frame,
                     std::string outlet = "Outlet A", std::string cluster = "") {
  corpus::Document d;
  d.id = std::move(id);
  d.published = std::move(published);
  d.frame = std::move(frame);
  d.outlet = std::move(outlet);
  d.cluster = std::move(cluster);
  return d;
}

const TrendRow* Find(const Trend& t, const std::string& period, const std::string& group,
                     const std::string& frame) {
  for (const TrendRow& r : t.rows)
    if (r.period == period && r.group == group && r.frame == frame) return &r;
  return nullptr;
}

TEST(WilsonTest, MatchesPublishedValues) {
  Interval half = Wilson(5, 10);
  EXPECT_NEAR(half.low, 0.2366, 1e-4);
  EXPECT_NEAR(half.high, 0.7634, 1e-4);
  Interval none = Wilson(0, 10);
  EXPECT_DOUBLE_EQ(none.low, 0.0);
  EXPECT_NEAR(none.high, 0.2775, 1e-4);
  Interval all = Wilson(10, 10);
  EXPECT_NEAR(all.low, 0.7225, 1e-4);
  EXPECT_DOUBLE_EQ(all.high, 1.0);
  // 1 of 3 (Newcombe 1998, table I style check): [0.0615, 0.7923].
  Interval third = Wilson(1, 3);
  EXPECT_NEAR(third.low, 0.0615, 1e-4);
  EXPECT_NEAR(third.high, 0.7923, 1e-4);
}

TEST(WilsonTest, EmptySampleGivesZeroInterval) {
  Interval ci = Wilson(0, 0);
  EXPECT_EQ(ci.low, 0.0);
  EXPECT_EQ(ci.high, 0.0);
}

TEST(WilsonTest, NarrowsAsTheSampleGrows) {
  Interval small = Wilson(5, 10), large = Wilson(500, 1000);
  EXPECT_LT(large.high - large.low, small.high - small.low);
}

TEST(ParseGroupTest, AcceptsTheDocumentedNamesOnly) {
  EXPECT_EQ(ParseGroup("outlet"), Group::kOutlet);
  EXPECT_EQ(ParseGroup("language"), Group::kLanguage);
  EXPECT_EQ(ParseGroup("country"), Group::kCountry);
  EXPECT_EQ(ParseGroup("type"), Group::kType);
  for (const char* bad : {"", "Outlet", "outlets", " outlet", "frame", "year", "\xff"})
    EXPECT_FALSE(ParseGroup(bad).has_value()) << bad;
  for (Group g : {Group::kOutlet, Group::kLanguage, Group::kCountry, Group::kType})
    EXPECT_EQ(ParseGroup(GroupName(g)), g);
}

TEST(ComputeTrendTest, CountsSharesAndTotals) {
  std::vector<corpus::Document> docs = {
      Doc("1", "2018-02-01", "alarmist"), Doc("2", "2018-06-30T10:00:00Z", "alarmist"),
      Doc("3", "2018-12-31", "balanced"), Doc("4", "2018-07-01", ""),  // unclassified
      Doc("5", "2020-01-05", "balanced"),
  };
  Trend t = ComputeTrend(docs, {});
  EXPECT_EQ(t.frames, (std::vector<std::string>{"alarmist", "balanced"}));
  EXPECT_EQ(t.groups, (std::vector<std::string>{""}));
  const TrendRow* r = Find(t, "2018", "", "alarmist");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->count, 2u);
  EXPECT_EQ(r->total, 4u);  // the unclassified document counts in the total
  EXPECT_DOUBLE_EQ(r->share, 0.5);
  EXPECT_NEAR(r->ci.low, Wilson(2, 4).low, 1e-12);
  EXPECT_NEAR(r->ci.high, Wilson(2, 4).high, 1e-12);
  r = Find(t, "2020", "", "balanced");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->count, 1u);
  EXPECT_DOUBLE_EQ(r->share, 1.0);
}

TEST(ComputeTrendTest, EmptyPeriodsArePresentWithZeroTotals) {
  std::vector<corpus::Document> docs = {Doc("1", "2018-05-01", "alarmist"),
                                        Doc("2", "2020-05-01", "alarmist")};
  Trend t = ComputeTrend(docs, {});
  EXPECT_EQ(t.periods, (std::vector<std::string>{"2018", "2019", "2020"}));
  ASSERT_EQ(t.rows.size(), 3u);
  const TrendRow* r = Find(t, "2019", "", "alarmist");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->count, 0u);
  EXPECT_EQ(r->total, 0u);
  EXPECT_EQ(r->share, 0.0);
  EXPECT_EQ(r->ci.low, 0.0);
  EXPECT_EQ(r->ci.high, 0.0);
}

TEST(ComputeTrendTest, MonthsAndQuartersSpanTheYearBoundary) {
  std::vector<corpus::Document> docs = {Doc("1", "2019-11-15", "a"), Doc("2", "2020-02-01", "a")};
  TrendOptions opts;
  opts.by = corpus::Granularity::kMonth;
  EXPECT_EQ(ComputeTrend(docs, opts).periods,
            (std::vector<std::string>{"2019-11", "2019-12", "2020-01", "2020-02"}));
  opts.by = corpus::Granularity::kQuarter;
  EXPECT_EQ(ComputeTrend(docs, opts).periods, (std::vector<std::string>{"2019-Q4", "2020-Q1"}));
}

TEST(ComputeTrendTest, UndatedDocumentsAreCountedApart) {
  std::vector<corpus::Document> docs = {Doc("1", "2018-05-01", "a"), Doc("2", "", "a"),
                                        Doc("3", "May 2018", "a"), Doc("4", "2018-02-30", "a")};
  Trend t = ComputeTrend(docs, {});
  EXPECT_EQ(t.undated, 3u);
  EXPECT_EQ(Find(t, "2018", "", "a")->total, 1u);
}

TEST(ComputeTrendTest, NoDatedDocumentsGivesNoRows) {
  Trend t = ComputeTrend({Doc("1", "", "a")}, {});
  EXPECT_TRUE(t.rows.empty());
  EXPECT_TRUE(t.periods.empty());
  EXPECT_EQ(t.undated, 1u);
  EXPECT_TRUE(ComputeTrend({}, {}).rows.empty());
}

TEST(ComputeTrendTest, GroupsHaveTheirOwnTotals) {
  std::vector<corpus::Document> docs = {
      Doc("1", "2019-01-01", "alarmist", "Zeit"),
      Doc("2", "2019-02-01", "balanced", "Zeit"),
      Doc("3", "2019-03-01", "alarmist", "BBC"),
      Doc("4", "2019-04-01", "alarmist", ""),
  };
  TrendOptions opts;
  opts.group = Group::kOutlet;
  Trend t = ComputeTrend(docs, opts);
  EXPECT_EQ(t.groups, (std::vector<std::string>{"", "BBC", "Zeit"}));
  EXPECT_EQ(t.rows.size(), 1u * 3u * 2u);
  EXPECT_DOUBLE_EQ(Find(t, "2019", "Zeit", "alarmist")->share, 0.5);
  EXPECT_EQ(Find(t, "2019", "Zeit", "alarmist")->total, 2u);
  EXPECT_DOUBLE_EQ(Find(t, "2019", "BBC", "alarmist")->share, 1.0);
  EXPECT_EQ(Find(t, "2019", "", "alarmist")->count, 1u);
}

TEST(ComputeTrendTest, DedupCountsAClusterOnceThroughItsEarliestDocument) {
  std::vector<corpus::Document> docs = {
      Doc("b", "2019-03-01", "balanced", "Wire copy", "c1"),
      Doc("a", "2018-05-01", "alarmist", "Wire", "c1"),
      Doc("c", "", "balanced", "Wire copy", "c1"),
      Doc("d", "2019-06-01", "balanced", "Other"),
  };
  TrendOptions opts;
  Trend all = ComputeTrend(docs, opts);
  EXPECT_EQ(Find(all, "2019", "", "balanced")->count, 2u);
  EXPECT_EQ(all.undated, 1u);
  opts.dedup = true;
  Trend once = ComputeTrend(docs, opts);
  EXPECT_EQ(once.undated, 0u);
  EXPECT_EQ(Find(once, "2018", "", "alarmist")->count, 1u);
  EXPECT_EQ(Find(once, "2019", "", "balanced")->count, 1u);  // only "d"
  EXPECT_EQ(Find(once, "2019", "", "balanced")->total, 1u);
}

TEST(ComputeTrendTest, GivenFramesSetTheOrderAndOthersStillCountInTotal) {
  std::vector<corpus::Document> docs = {Doc("1", "2019-01-01", "supportive"),
                                        Doc("2", "2019-01-02", "alarmist"),
                                        Doc("3", "2019-01-03", "balanced")};
  TrendOptions opts;
  opts.frames = {"supportive", "alarmist"};
  Trend t = ComputeTrend(docs, opts);
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0].frame, "supportive");
  EXPECT_EQ(t.rows[1].frame, "alarmist");
  EXPECT_EQ(t.rows[0].total, 3u);
}

TEST(TrendWritersTest, CsvHasTheDesignColumnsAndNeutralisesHostileGroups) {
  std::vector<corpus::Document> docs = {Doc("1", "2019-01-01", "alarmist", "=HYPERLINK(\"x\")"),
                                        Doc("2", "2019-01-01", "balanced", "=HYPERLINK(\"x\")"),
                                        Doc("3", "2019-01-01", "balanced", "=HYPERLINK(\"x\")")};
  TrendOptions opts;
  opts.group = Group::kOutlet;
  std::ostringstream out;
  WriteTrendCsv(ComputeTrend(docs, opts), "outlet", out);
  EXPECT_EQ(out.str(),
            "period,outlet,frame,count,total,share,ci_low,ci_high\n"
            "2019,\"'=HYPERLINK(\"\"x\"\")\",alarmist,1,3,0.333333,0.061492,0.792340\n"
            "2019,\"'=HYPERLINK(\"\"x\"\")\",balanced,2,3,0.666667,0.207660,0.938508\n");
  std::ostringstream ungrouped;
  WriteTrendCsv(ComputeTrend(docs, {}), "", ungrouped);
  EXPECT_EQ(ungrouped.str().substr(0, ungrouped.str().find('\n')),
            "period,frame,count,total,share,ci_low,ci_high");
}

TEST(TrendWritersTest, JsonHasRowsAndMetadata) {
  std::vector<corpus::Document> docs = {Doc("1", "2018-01-01", "a"), Doc("2", "2020-01-01", "b"),
                                        Doc("3", "", "a")};
  std::ostringstream out;
  WriteTrendJson(ComputeTrend(docs, {}), out);
  auto j = nlohmann::json::parse(out.str());
  EXPECT_EQ(j["by"], "year");
  EXPECT_EQ(j["undated"], 1);
  EXPECT_EQ(j["periods"].size(), 3u);
  ASSERT_EQ(j["rows"].size(), 6u);
  EXPECT_EQ(j["rows"][0]["period"], "2018");
  EXPECT_EQ(j["rows"][0]["frame"], "a");
  EXPECT_EQ(j["rows"][0]["count"], 1);
  EXPECT_EQ(j["rows"][0]["share"], 1.0);
  EXPECT_TRUE(j["rows"][0].contains("ci_low"));
}

TEST(TrendWritersTest, TableShowsCountAndShareAlignedByDisplayWidth) {
  std::vector<corpus::Document> docs = {Doc("1", "2019-01-01", "alarmist", "人民日报"),
                                        Doc("2", "2019-01-01", "balanced", "人民日报"),
                                        Doc("3", "2019-01-01", "balanced", "人民日报"),
                                        Doc("4", "2019-01-01", "balanced", "BBC")};
  TrendOptions opts;
  opts.group = Group::kOutlet;
  std::ostringstream out;
  WriteTrendTable(ComputeTrend(docs, opts), out);
  const std::string table = out.str();
  EXPECT_NE(table.find("1 (33.3%)"), std::string::npos) << table;
  EXPECT_NE(table.find("2 (66.7%)"), std::string::npos) << table;
  EXPECT_NE(table.find("1 (100.0%)"), std::string::npos) << table;
  // Right-aligned frame columns end at the same terminal column on every line.
  std::istringstream lines(table);
  std::string header, bbc, rmrb;
  std::getline(lines, header);
  std::getline(lines, bbc);
  std::getline(lines, rmrb);
  EXPECT_EQ(header.find("alarmist") + std::string("alarmist").size(),
            bbc.find("0 (0.0%)") + std::string("0 (0.0%)").size());
  // "人民日报" takes 12 bytes but 8 columns, so its cells sit 4 bytes further right.
  const std::size_t rmrb_cell = rmrb.find("1 (33.3%)");
  ASSERT_NE(rmrb_cell, std::string::npos);
  EXPECT_EQ(rmrb_cell + std::string("1 (33.3%)").size() - 4,
            bbc.find("0 (0.0%)") + std::string("0 (0.0%)").size());
}

TEST(TrendWritersTest, MarkdownEscapesCellText) {
  std::vector<corpus::Document> docs = {Doc("1", "2019-01-01", "a", "Pipe | <b>Outlet</b>")};
  TrendOptions opts;
  opts.group = Group::kOutlet;
  std::ostringstream out;
  WriteTrendMarkdown(ComputeTrend(docs, opts), out);
  const std::string md = out.str();
  EXPECT_NE(md.find("| period | outlet | a | total |"), std::string::npos) << md;
  EXPECT_NE(md.find("Pipe \\| &lt;b&gt;Outlet&lt;/b&gt;"), std::string::npos) << md;
  EXPECT_EQ(md.find("<b>"), std::string::npos);
}

TEST(TrendWritersTest, MarkdownGivesTheWilsonIntervalOfEveryShare) {
  // 1 of 3: Wilson 95% interval [6.15%, 79.23%]; 2 of 3: [20.77%, 93.85%].
  std::vector<corpus::Document> docs = {Doc("1", "2019-01-01", "alarmist"),
                                        Doc("2", "2019-01-01", "balanced"),
                                        Doc("3", "2019-01-01", "balanced")};
  std::ostringstream out;
  WriteTrendMarkdown(ComputeTrend(docs, TrendOptions()), out);
  const std::string md = out.str();
  EXPECT_NE(md.find("| 2019 | 1 (33.3%, 6.1–79.2%) | 2 (66.7%, 20.8–93.9%) | 3 |"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("95% Wilson interval"), std::string::npos) << md;
}

// --normalize: the query matched a few documents; the coverage is everything of the period.
std::vector<corpus::Document> Coverage() {
  std::vector<corpus::Document> all = {
      Doc("m1", "2019-03-01", "alarmist"),
      Doc("m2", "2019-04-01", "balanced"),
      Doc("m3", "2021-05-01", "alarmist"),
  };
  for (int i = 0; i < 8; ++i) all.push_back(Doc("o19-" + std::to_string(i), "2019-06-01", ""));
  for (int i = 0; i < 5; ++i) all.push_back(Doc("o20-" + std::to_string(i), "2020-06-01", ""));
  for (int i = 0; i < 3; ++i) all.push_back(Doc("o21-" + std::to_string(i), "2021-06-01", ""));
  all.push_back(Doc("o15", "2015-01-01", "balanced"));  // before anything the query matched
  all.push_back(Doc("undated", "", "alarmist"));
  return all;
}

TEST(NormalizedTrendTest, DividesByAllDocumentsOfThePeriod) {
  const std::vector<corpus::Document> all = Coverage();
  const std::vector<corpus::Document> matched(all.begin(), all.begin() + 3);
  TrendOptions opts;
  opts.normalize_totals = CountCoverage(all, opts);
  Trend t = ComputeTrend(matched, opts);
  // Periods come from the matched documents (2019..2021), not from the coverage's 2015.
  EXPECT_EQ(t.periods, (std::vector<std::string>{"2019", "2020", "2021"}));
  const TrendRow* r = Find(t, "2019", "", "alarmist");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->count, 1u);
  EXPECT_EQ(r->matched, 2u);
  EXPECT_EQ(r->total, 10u);  // m1, m2 and eight others
  EXPECT_DOUBLE_EQ(r->share, 0.1);
  EXPECT_DOUBLE_EQ(r->ci.low, Wilson(1, 10).low);
  EXPECT_DOUBLE_EQ(r->ci.high, Wilson(1, 10).high);
  // 2020: the query matched nothing, but five documents were published: a share of 0 whose
  // interval says how sure that zero is, not a blank.
  r = Find(t, "2020", "", "alarmist");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->matched, 0u);
  EXPECT_EQ(r->total, 5u);
  EXPECT_DOUBLE_EQ(r->share, 0.0);
  EXPECT_NEAR(r->ci.high, Wilson(0, 5).high, 1e-12);
  EXPECT_GT(r->ci.high, 0.4);
  r = Find(t, "2021", "", "alarmist");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->total, 4u);
  EXPECT_DOUBLE_EQ(r->share, 0.25);
}

TEST(NormalizedTrendTest, WithoutNormalizingTheTotalIsWhatWasMatched) {
  const std::vector<corpus::Document> all = Coverage();
  Trend t = ComputeTrend({all.begin(), all.begin() + 3}, {});
  const TrendRow* r = Find(t, "2019", "", "alarmist");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->matched, 2u);
  EXPECT_EQ(r->total, 2u);
  EXPECT_DOUBLE_EQ(r->share, 0.5);
}

TEST(NormalizedTrendTest, CoverageIsCountedPerGroupWithDedupAndWithoutUndated) {
  std::vector<corpus::Document> all = {
      Doc("1", "2019-01-01", "a", "BBC", "c1"), Doc("2", "2019-02-01", "a", "BBC", "c1"),
      Doc("3", "2019-03-01", "b", "BBC"),       Doc("4", "2019-03-01", "b", "Zeit"),
      Doc("5", "2020-03-01", "b", ""),          Doc("6", "", "b", "Zeit"),
  };
  TrendOptions opts;
  opts.group = Group::kOutlet;
  CoverageTotals plain = CountCoverage(all, opts);
  EXPECT_EQ(plain,
            (CoverageTotals{{{"2019", "BBC"}, 3}, {{"2019", "Zeit"}, 1}, {{"2020", ""}, 1}}));
  opts.dedup = true;
  CoverageTotals dedup = CountCoverage(all, opts);
  EXPECT_EQ(dedup.at({"2019", "BBC"}), 2u);  // the cluster c1 once
  opts.by = corpus::Granularity::kMonth;
  opts.group = Group::kNone;
  CoverageTotals months = CountCoverage(all, opts);
  EXPECT_EQ(months.at({"2019-03", ""}), 2u);
  EXPECT_EQ(months.size(), 3u);
}

TEST(NormalizedTrendTest, GroupsComeFromTheMatchedDocuments) {
  std::vector<corpus::Document> all = {Doc("1", "2019-01-01", "a", "BBC"),
                                       Doc("2", "2019-01-01", "", "BBC"),
                                       Doc("3", "2019-01-01", "", "Zeit")};
  TrendOptions opts;
  opts.group = Group::kOutlet;
  opts.normalize_totals = CountCoverage(all, opts);
  Trend t = ComputeTrend({all[0]}, opts);
  EXPECT_EQ(t.groups, (std::vector<std::string>{"BBC"}));
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0].total, 2u);
  EXPECT_DOUBLE_EQ(t.rows[0].share, 0.5);
}

TEST(NormalizedTrendTest, InconsistentCoverageNeverGivesAShareAboveOne) {
  std::vector<corpus::Document> docs = {Doc("1", "2019-01-01", "a"), Doc("2", "2019-01-01", "a"),
                                        Doc("3", "2019-01-01", "a"), Doc("4", "2020-01-01", "a")};
  TrendOptions opts;
  // 2019 has fewer documents in the "coverage" than were matched; 2020 is missing altogether.
  opts.normalize_totals = CoverageTotals{{{"2019", ""}, 1}};
  Trend t = ComputeTrend(docs, opts);
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0].total, 3u);
  EXPECT_DOUBLE_EQ(t.rows[0].share, 1.0);
  EXPECT_EQ(t.rows[1].total, 1u);
  EXPECT_DOUBLE_EQ(t.rows[1].share, 1.0);
  for (const TrendRow& r : t.rows) EXPECT_LE(r.ci.high, 1.0);
}

TEST(NormalizedTrendTest, WritersSayTheTrendIsNormalized) {
  const std::vector<corpus::Document> all = Coverage();
  TrendOptions opts;
  opts.normalize_totals = CountCoverage(all, opts);
  Trend t = ComputeTrend({all.begin(), all.begin() + 3}, opts);
  std::ostringstream csv;
  WriteTrendCsv(t, "", csv);
  EXPECT_EQ(csv.str().substr(0, csv.str().find('\n')),
            "period,frame,count,total,share,ci_low,ci_high,matched");
  EXPECT_NE(csv.str().find("\n2019,alarmist,1,10,0.100000,"), std::string::npos) << csv.str();
  EXPECT_NE(csv.str().find(",2\n"), std::string::npos) << csv.str();
  std::ostringstream json;
  WriteTrendJson(t, json);
  auto j = nlohmann::json::parse(json.str());
  EXPECT_EQ(j["normalize"], true);
  EXPECT_EQ(j["rows"][0]["matched"], 2);
  EXPECT_EQ(j["rows"][0]["total"], 10);
  std::ostringstream table;
  WriteTrendTable(t, table);
  EXPECT_NE(table.str().find("matched  all documents"), std::string::npos) << table.str();
  EXPECT_NE(table.str().find("not only of those matched"), std::string::npos) << table.str();
  std::ostringstream md;
  WriteTrendMarkdown(t, md);
  EXPECT_NE(md.str().find("| matched | all documents |"), std::string::npos) << md.str();
  // Not normalised: no extra column, no note.
  Trend plain = ComputeTrend({all.begin(), all.begin() + 3}, {});
  std::ostringstream plain_csv, plain_json, plain_table;
  WriteTrendCsv(plain, "", plain_csv);
  WriteTrendJson(plain, plain_json);
  WriteTrendTable(plain, plain_table);
  EXPECT_EQ(plain_csv.str().substr(0, plain_csv.str().find('\n')),
            "period,frame,count,total,share,ci_low,ci_high");
  EXPECT_EQ(nlohmann::json::parse(plain_json.str())["normalize"], false);
  EXPECT_EQ(plain_table.str().find("matched"), std::string::npos) << plain_table.str();
}

}  // namespace
}  // namespace framescope::report
