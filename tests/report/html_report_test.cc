#include "framescope/report/html_report.h"

#include <gtest/gtest.h>

#include <sstream>

namespace framescope::report {
namespace {

corpus::Document Doc(std::string id, std::string title, std::string outlet, std::string published,
                     std::string frame) {
  corpus::Document d;
  d.id = std::move(id);
  d.title = std::move(title);
  d.outlet = std::move(outlet);
  d.published = std::move(published);
  d.frame = std::move(frame);
  d.url = "https://example.com/" + d.id;
  d.archive.file = "crawl.warc.gz";
  d.archive.record_id = "<urn:uuid:rec-" + d.id + ">";
  d.archive.captured = "2020-01-02T03:04:05Z";
  return d;
}

std::size_t Count(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t p = haystack.find(needle); p != std::string::npos;
       p = haystack.find(needle, p + needle.size()))
    ++n;
  return n;
}

ReportInput Input(std::vector<corpus::Document> docs, Group group) {
  ReportInput in;
  in.title = "Social credit coverage";
  in.query = "\"social credit\" AND lang:en";
  in.study = "scs-study";
  in.index_revision = "42";
  in.model = "logistic regression, 3 frames";
  in.codebook_hash = "sha1:CODEBOOKHASH";
  in.generated_at = "2024-05-06T07:08:09Z";
  in.version = "0.1.0";
  TrendOptions opts;
  opts.group = group;
  in.trend = ComputeTrend(docs, opts);
  in.docs = std::move(docs);
  return in;
}

std::string Render(const ReportInput& in) {
  std::ostringstream out;
  WriteHtmlReport(in, out);
  return out.str();
}

TEST(HtmlEscapeTest, EscapesMarkupAndDropsControlCharacters) {
  EXPECT_EQ(HtmlEscape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
  EXPECT_EQ(HtmlEscape("<img src=x onerror=alert(1)>"),
            "&lt;img src&#61;x onerror&#61;alert(1)&gt;");
  EXPECT_EQ(HtmlEscape("a\x01"
                       "b\tc\nd"),
            "ab\tc\nd");
  EXPECT_EQ(HtmlEscape("bad \xff"), "bad \xEF\xBF\xBD");
  EXPECT_EQ(HtmlEscape("社会信用"), "社会信用");
}

TEST(HtmlReportTest, HostileTextFromDocumentsIsShownNotRun) {
  std::vector<corpus::Document> docs = {
      Doc("d1", "<script>alert(1)</script>", "<img src=x onerror=alert(2)>", "2019-01-01",
          "alarmist"),
      Doc("d2", "Fine title", "\"><svg onload=alert(3)>", "2019-02-01", "<b>frame</b>"),
      Doc("d3", "Another", "BBC", "2020-01-01", "alarmist"),
  };
  docs[2].url = "javascript:alert(4)";
  ReportInput in = Input(docs, Group::kOutlet);
  in.title = "</title><script>alert(5)</script>";
  in.query = "<iframe src=//evil>";
  in.model = "' onmouseover='alert(6)";
  in.evidence = {{"alarmist", "d1", "It is <script>alert(7)</script> Orwellian.", "Orwellian", 0.9},
                 {"<b>frame</b>", "missing-doc", "x", "<i>", 0.5}};
  const std::string html = Render(in);
  for (const char* raw : {"<script", "onerror=", "onload=", "onmouseover=", "<img", "<svg onload",
                          "<iframe", "<b>", "<i>", "javascript:alert"}) {
    EXPECT_EQ(html.find(raw), std::string::npos) << raw;
  }
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("&lt;img src&#61;x onerror&#61;alert(2)&gt;"), std::string::npos);
  // The javascript: URL is not a link; the http ones are.
  EXPECT_EQ(html.find("href=\"javascript"), std::string::npos);
  EXPECT_NE(html.find("href=\"https://example.com/d1\""), std::string::npos);
  EXPECT_NE(html.find("<mark>Orwellian</mark>"), std::string::npos);
}

TEST(HtmlReportTest, IsSelfContained) {
  std::vector<corpus::Document> docs = {Doc("d1", "T", "A", "2019-01-01", "alarmist")};
  const std::string html = Render(Input(docs, Group::kNone));
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  for (const char* external : {"<link", "<script", "src=\"", "@import", "url(", "<img", "<iframe"})
    EXPECT_EQ(html.find(external), std::string::npos) << external;
  EXPECT_NE(html.find("Content-Security-Policy"), std::string::npos);
  EXPECT_NE(html.find("@media print"), std::string::npos);
}

TEST(HtmlReportTest, HasChartTableDocumentListsAndManifest) {
  std::vector<corpus::Document> docs = {
      Doc("d1", "One", "Zeit", "2018-03-01", "alarmist"),
      Doc("d2", "Two", "Zeit", "2018-04-01", "balanced"),
      Doc("d3", "Three", "BBC", "2018-05-01", "alarmist"),
      Doc("d4", "Four", "BBC", "2019-05-01", "balanced"),
      Doc("d5", "Undated one", "BBC", "", "balanced"),
      Doc("d6", "Six", "BBC", "2020-05-01", "alarmist"),
  };
  ReportInput in = Input(docs, Group::kOutlet);
  in.evidence = {{"alarmist", "d1", "A dystopian citizen score.", "citizen score", 0.8}};
  const std::string html = Render(in);
  // One chart per frame; BBC has documents in three years running: a band and a line in each.
  EXPECT_EQ(Count(html, "<svg "), 2u);
  EXPECT_EQ(Count(html, "<polygon "), 2u);
  EXPECT_EQ(Count(html, "<polyline "), 2u);
  EXPECT_EQ(Count(html, "<circle "), 8u);  // (3 BBC + 1 Zeit) points x 2 frames
  // The trend table: one row per period and group (2018, 2019, 2020 x BBC, Zeit).
  EXPECT_EQ(Count(html, "<tr><td>"), 6u);
  // A <details> per data point with documents (2018 BBC, 2018 Zeit, 2019 BBC, 2020 BBC), plus
  // one for the undated documents.
  EXPECT_EQ(Count(html, "<details>"), 5u);
  EXPECT_NE(html.find("2018 · Zeit</strong>: 2 document(s)"), std::string::npos);
  EXPECT_NE(html.find("<code>&lt;urn:uuid:rec-d2&gt;</code>"), std::string::npos);
  EXPECT_NE(html.find("Undated</strong>: 1 document(s)"), std::string::npos);
  // Evidence with its citation and the cue marked.
  EXPECT_NE(html.find("A dystopian <mark>citizen score</mark>."), std::string::npos);
  EXPECT_NE(html.find("One. (2018, March 1). Zeit. crawl.warc.gz (WARC-Record-ID "
                      "&lt;urn:uuid:rec-d1&gt;"),
            std::string::npos);
  // The manifest.
  for (const char* field :
       {"Framescope version</dt><dd>0.1.0", "Study</dt><dd>scs-study", "Index revision</dt><dd>42",
        "Codebook hash</dt><dd>sha1:CODEBOOKHASH", "Generated at</dt><dd>2024-05-06T07:08:09Z",
        "Model</dt><dd>logistic regression, 3 frames",
        "Query</dt><dd>&quot;social credit&quot; AND lang:en"}) {
    EXPECT_NE(html.find(field), std::string::npos) << field;
  }
}

TEST(HtmlReportTest, PeriodsWithoutDocumentsAreGapsNotZeros) {
  std::vector<corpus::Document> docs = {Doc("d1", "One", "A", "2018-03-01", "alarmist"),
                                        Doc("d2", "Two", "A", "2020-03-01", "alarmist")};
  const std::string html = Render(Input(docs, Group::kNone));
  // Two lone points: no line joins them across the empty 2019, each shows its interval as a bar.
  EXPECT_EQ(Count(html, "<polyline"), 0u);
  EXPECT_EQ(Count(html, "<circle "), 2u);
  EXPECT_NE(html.find(">2019</text>"), std::string::npos);
}

TEST(HtmlReportTest, EmptyInputStillGivesAPage) {
  const std::string html = Render(ReportInput());
  EXPECT_NE(html.find("<h1>Framescope report</h1>"), std::string::npos);
  EXPECT_NE(html.find("No dated, classified documents"), std::string::npos);
  EXPECT_NE(html.find("</html>"), std::string::npos);
}

TEST(HtmlReportTest, NormalizedReportSaysWhatSharesAreOf) {
  std::vector<corpus::Document> all = {
      Doc("d1", "One", "A", "2018-03-01", "alarmist"), Doc("d2", "Two", "A", "2018-04-01", ""),
      Doc("d3", "Three", "A", "2018-05-01", ""), Doc("d4", "Four", "A", "2018-06-01", "")};
  ReportInput in = Input({all[0]}, Group::kNone);
  TrendOptions opts;
  opts.normalize_totals = CountCoverage(all, opts);
  in.trend = ComputeTrend(in.docs, opts);
  const std::string html = Render(in);
  EXPECT_NE(html.find("<th>matched</th><th>all documents</th>"), std::string::npos);
  EXPECT_NE(html.find("1 (25.0%)"), std::string::npos);
  EXPECT_NE(html.find("Shares of</dt><dd>all documents of each period (normalised)"),
            std::string::npos);
  EXPECT_NE(html.find("Share of all documents of the period framed"), std::string::npos);
  const std::string plain = Render(Input({all[0]}, Group::kNone));
  EXPECT_EQ(plain.find("all documents"), std::string::npos);
  EXPECT_NE(plain.find("1 (100.0%)"), std::string::npos);
}

}  // namespace
}  // namespace framescope::report
