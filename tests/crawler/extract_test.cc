#include "framescope/crawler/extract.h"

#include <gtest/gtest.h>

#include <string>

namespace framescope::crawler {

namespace {
const char* kPage = R"(<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Courts widen the debtor list | The Test Ledger</title>
<meta property="og:site_name" content="The Test Ledger">
<meta property="article:published_time" content="2019-03-04T08:00:00Z">
<link rel="canonical" href="/2019/03/04/debtors.html">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"x"},
{"@type":"NewsArticle","headline":"Courts widen the debtor list","datePublished":"2019-03-03T10:00:00+08:00",
"author":[{"@type":"Person","name":"Mira Okafor"}]}]}</script></head>
<body><nav class="site-nav"><a href="/">Home</a><a href="/world">World</a><a href="/tech">Technology</a></nav>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies?</div>
<main><article><h1>Courts widen the debtor list</h1><p class="byline">By Mira Okafor</p>
<p>China's top court added two million names to its list of judgment defaulters this year, officials said on Sunday, in a move that bars them from flights and high-speed trains.</p>
<div class="ad">Advertisement: buy the best shoes today</div>
<p>Lawyers in several provinces said people often learn they are on the list only when a ticket purchase fails, and that removal can take months even after a debt is settled.</p>
<h2>A patchwork of rules</h2>
<p>There is no single national score, researchers stress; instead, dozens of local pilots and sector blacklists operate side by side, each with its own rules.</p>
<div class="share">Share on X Share on Facebook Email</div>
</article>
<aside class="related"><h3>Related</h3><ul><li><a href="/a">Another story about credit</a></li><li><a href="/b">More on courts</a></li></ul></aside>
<section class="comments"><p>Reader: This is terrifying and the press should say so more loudly, honestly.</p></section>
</main><footer>Copyright The Test Ledger. All rights reserved.</footer></body></html>)";
}  // namespace

TEST(ExtractTest, KeepsArticleDropsBoilerplate) {
  ExtractInput in;
  in.html = kPage;
  in.url = "http://ledger.test/2019/03/04/debtors.html?utm_source=feed";
  in.fetched_at = "2024-01-01T00:00:00Z";
  auto ex = ExtractArticle(in);
  ASSERT_TRUE(ex) << ex.error().message;
  const auto& d = ex->doc;
  EXPECT_EQ(d.title, "Courts widen the debtor list");
  EXPECT_EQ(d.published, "2019-03-03");  // JSON-LD wins over meta
  EXPECT_EQ(ex->date_source, "json-ld");
  ASSERT_EQ(d.authors.size(), 1u);
  EXPECT_EQ(d.authors[0], "Mira Okafor");
  EXPECT_EQ(d.language, "en");
  EXPECT_EQ(d.site_name, "The Test Ledger");
  EXPECT_EQ(d.canonical_url, "http://ledger.test/2019/03/04/debtors.html");
  EXPECT_NE(d.text.find("two million names"), std::string::npos);
  EXPECT_NE(d.text.find("no single national score"), std::string::npos);
  EXPECT_NE(d.text.find("A patchwork of rules"), std::string::npos);
  for (const char* junk : {"Advertisement", "cookies", "Share on", "Another story", "terrifying",
                           "Copyright", "Technology"})
    EXPECT_EQ(d.text.find(junk), std::string::npos) << junk;
}

TEST(ExtractTest, DropsBoxesWhoseRoleSaysTheyAreNotTheArticle) {
  // The boxes carry no telling class: only their ARIA role marks them as asides and navigation.
  const std::string page = R"(<html><head><title>Harbour fees rise again</title></head><body>
<div class="wrap"><div class="col">
<p>The port authority of the fictional town of Kelvmouth raised its mooring fees for the third
year running on Monday, citing the cost of dredging the eastern channel after the spring storms.</p>
<div role="complementary"><p>Readers in the harbour district also asked about the tram timetable
for the winter season, the new ferry tickets and the opening hours of the fish market hall.</p></div>
<p>Fishing crews said the increase would cost a small boat several hundred crowns a season, and
their association asked the council to spread the rise over two years instead of one.</p>
<div role="navigation"><p>Previous page of the harbour section with older reports on dredging
work, ferry schedules and the quarterly accounts of the port authority and its tenants.</p></div>
<p>The authority answered that the channel must be dredged before the autumn grain ships arrive,
and that the fees of larger vessels would rise faster than those of the fishing fleet.</p>
</div></div></body></html>)";
  ExtractInput in;
  in.html = page;
  in.url = "http://kelvmouth-tidings.test/2021/05/03/harbour-fees.html";
  in.fetched_at = "2024-01-01T00:00:00Z";
  auto ex = ExtractArticle(in);
  ASSERT_TRUE(ex) << ex.error().message;
  const std::string& text = ex->doc.text;
  EXPECT_NE(text.find("mooring fees"), std::string::npos) << text;
  EXPECT_NE(text.find("grain ships"), std::string::npos) << text;
  EXPECT_EQ(text.find("tram timetable"), std::string::npos) << text;
  EXPECT_EQ(text.find("Previous page"), std::string::npos) << text;
}

TEST(ExtractTest, EqualScoresPickTheEarlierBoxEveryTime) {
  // Two boxes in separate sections score exactly alike. The winner used to follow the nodes'
  // memory addresses, so it could change from one run to the next; it is the first in the page.
  std::string first, second;
  for (int i = 0; i < 50; ++i) {
    first += "alpha" + std::to_string(i % 10) + " ";
    second += "bravo" + std::to_string(i % 10) + " ";
  }
  const std::string page = "<html><body><section><div><p>" + first +
                           "</p></div></section><section><div><p>" + second +
                           "</p></div></section></body></html>";
  ExtractInput in;
  in.url = "http://ledger.test/tie.html";
  in.html = page;
  for (int run = 0; run < 20; ++run) {
    auto ex = ExtractArticle(in);
    ASSERT_TRUE(ex) << ex.error().message;
    EXPECT_NE(ex->doc.text.find("alpha1"), std::string::npos) << run;
    EXPECT_EQ(ex->doc.text.find("bravo1"), std::string::npos) << run;
  }
}

TEST(ExtractTest, DecodesLegacyCharsetsAndFindsDatesInText) {
  std::string latin1 =
      "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">"
      "<title>La liste noire des d\xe9" "biteurs</title></head><body><div id=\"texte\">"
      "<p>Publi\xe9 le 3 mars 2019 \xe0 09h30</p><p>Le tribunal supr\xeame a publi\xe9 une liste "
      "des d\xe9" "biteurs qui refusent de payer, et ceux-ci ne peuvent plus prendre l'avion ni le "
      "train \xe0 grande vitesse, selon les autorit\xe9s.</p></div></body></html>";
  ExtractInput in;
  in.html = latin1;
  in.url = "http://qr.test/a/x.htm";
  auto ex = ExtractArticle(in);
  ASSERT_TRUE(ex) << ex.error().message;
  EXPECT_EQ(ex->doc.published, "2019-03-03");
  EXPECT_NE(ex->doc.text.find("suprême"), std::string::npos);
  EXPECT_EQ(ex->doc.language, "fr");
}

TEST(ExtractTest, WrongAndMissingCharsetHeaders) {
  std::string utf8 = "<html><body><p>Le tribunal suprême a publié la liste des débiteurs.</p></body></html>";
  std::string cs;
  // Header says Latin-1, bytes are UTF-8: the bytes win.
  EXPECT_NE(DecodeHtml(utf8, "text/html; charset=iso-8859-1", &cs).find("suprême"), std::string::npos);
  EXPECT_EQ(cs, "utf-8");
  // No header, no meta, Latin-1 bytes: detection, then conversion.
  std::string latin1 = "<html><body><p>Le tribunal supr\xeame a publi\xe9 la liste des "
                       "d\xe9" "biteurs r\xe9" "calcitrants et des entreprises sanctionn\xe9" "es.</p></body></html>";
  std::string out = DecodeHtml(latin1, "text/html", &cs);
  EXPECT_NE(out.find("suprême"), std::string::npos) << cs;
  // An unknown charset name in the header falls back instead of failing.
  EXPECT_NE(DecodeHtml(utf8, "text/html; charset=x-no-such-charset", &cs).find("suprême"),
            std::string::npos);
}

TEST(ExtractTest, DatesWrittenInFiveLanguages) {
  EXPECT_EQ(FindDateInText("Publié le 3 mars 2019"), "2019-03-03");
  EXPECT_EQ(FindDateInText("Kassel, 3. März 2019"), "2019-03-03");
  EXPECT_EQ(FindDateInText("Posted March 3, 2019 by me"), "2019-03-03");
  EXPECT_EQ(FindDateInText("3 de marzo de 2019"), "2019-03-03");
  EXPECT_EQ(FindDateInText("2019年3月3日 来源"), "2019-03-03");
  EXPECT_EQ(FindDateInText("no date here"), "");
  EXPECT_EQ(FindDateInText("31 février 2019"), "");
}

TEST(ExtractTest, HostileInputsGiveAClearResult) {
  std::string nested;
  for (int i = 0; i < 100000; ++i) nested += "<div>";
  nested += "text";
  std::string binary(4096, '\0');
  for (std::size_t i = 0; i < binary.size(); ++i) binary[i] = static_cast<char>(i * 7);
  std::string script_only = "<html><script>" + std::string(100000, 'x') + "</script></html>";
  std::string one_line(5 << 20, 'w');
  // A date-like field or text holding one enormous word: the date patterns must not recurse
  // once per character.
  std::string long_word = "12 " + std::string(1 << 20, 'a') + " 2020";
  std::string long_meta = "<html><head><meta property=\"article:published_time\" content=\"" +
                          long_word + "\"></head><body><p>" + long_word + "</p></body></html>";
  EXPECT_EQ(FindDateInText(long_word), "");
  EXPECT_EQ(FindDateInText(std::string(1 << 20, ' ') + "3 March 2019"), "2019-03-03");
  const std::string inputs[] = {"", nested, binary, script_only, one_line, "\xef\xbb\xbf", "<p>",
                                long_meta};
  for (const auto& html : inputs) {
    ExtractInput in;
    in.html = html;
    in.url = "http://x.test/";
    auto ex = ExtractArticle(in);
    if (ex) {
      EXPECT_LE(ex->doc.text.size(), html.size());
    }
  }
}

}  // namespace framescope::crawler

namespace framescope::crawler {

namespace {
Result<Extraction> ExtractFrom(const std::string& html, const std::string& url = "http://x.test/a") {
  ExtractInput in;
  in.html = html;
  in.url = url;
  in.fetched_at = "2024-06-01T00:00:00Z";
  return ExtractArticle(in);
}
}  // namespace

TEST(ExtractTest, PageWideFormKeepsItsArticle) {
  // Some frameworks wrap the whole page in one <form>; the article inside must survive, while
  // a small search form next to it is still dropped.
  std::string html =
      "<html><body><form id=\"page\" action=\"/post\"><div class=\"top\"><a href=\"/\">Home</a></div>"
      "<div class=\"story\"><p>The harbour board voted on Tuesday to lease the old grain pier to a "
      "cooperative of fishing families, ending a dispute that had lasted eleven years.</p>"
      "<p>Members of the cooperative said they would repair the pier at their own cost, in return "
      "for a lease of thirty years at a fixed rent, and open a market hall on it by next spring.</p>"
      "<p>Opponents on the board had wanted to sell the land to a hotel developer, arguing that the "
      "town needed the money more than another market, but lost the vote by five to four.</p></div>"
      "<form class=\"finder\"><label>Search the archive for older stories</label><input name=q></form>"
      "</form></body></html>";
  auto ex = ExtractFrom(html);
  ASSERT_TRUE(ex) << ex.error().message;
  EXPECT_NE(ex->doc.text.find("grain pier"), std::string::npos);
  EXPECT_NE(ex->doc.text.find("five to four"), std::string::npos);
  EXPECT_EQ(ex->doc.text.find("Search the archive"), std::string::npos);
}

TEST(ExtractTest, DataTableRowsReadAsLines) {
  std::string html =
      "<html><body><article><p>The league published its final standings on Monday after the "
      "last race of the season was run in heavy rain, with three drivers tied on points.</p>"
      "<table><tr><th>Pos.</th><th>Driver</th><th>Points</th></tr>"
      "<tr><td>1</td><td>Ana Lima</td><td>5040</td></tr>"
      "<tr><td>2</td><td>Rui Costa</td><td>5035</td></tr></table>"
      "<p>The tie was broken by the number of wins, which gave the title to the youngest of the "
      "three, who had won five races in her first full season.</p></article></body></html>";
  auto ex = ExtractFrom(html);
  ASSERT_TRUE(ex) << ex.error().message;
  EXPECT_NE(ex->doc.text.find("Pos. Driver Points"), std::string::npos) << ex->doc.text;
  EXPECT_NE(ex->doc.text.find("1 Ana Lima 5040\n\n2 Rui Costa 5035"), std::string::npos)
      << ex->doc.text;
}

TEST(ExtractTest, GluedClassNamesMarkCaptionsAndRelatedLinks) {
  std::string html =
      "<html><body><div class=\"story-body\"><p>The council approved the new cycle lanes on "
      "Thursday after a debate that ran late into the night and drew a crowd of residents.</p>"
      "<div class=\"inlineImageCaption\">Residents queue outside the council chamber before the "
      "vote on Thursday evening</div>"
      "<p>Work on the first lane, along the river road, will start in spring and should take "
      "about four months, the council's transport officer told the meeting.</p>"
      "<div class=\"jp-relatedposts\">Other plans the council approved this year include a new "
      "swimming pool</div></div></body></html>";
  auto ex = ExtractFrom(html);
  ASSERT_TRUE(ex) << ex.error().message;
  EXPECT_NE(ex->doc.text.find("river road"), std::string::npos);
  EXPECT_EQ(ex->doc.text.find("queue outside"), std::string::npos) << ex->doc.text;
  EXPECT_EQ(ex->doc.text.find("swimming pool"), std::string::npos) << ex->doc.text;
}

TEST(ExtractTest, DropsInterfaceLabelsAndEdgeBylines) {
  std::string html =
      "<html><body><div class=\"entry\"><p>Posted on 4 March 2021 by Admin</p>"
      "<p>The bakery on the corner has been sold to its longest-serving employee, who started "
      "there as an apprentice at sixteen and plans to keep the old recipes.</p>"
      "<p>Anzeige</p>"
      "<p>She said the only change customers would notice was longer opening hours on Saturdays, "
      "when the queue often reaches the end of the street before eight.</p>"
      "<p>Regulars have already organised a small party for the former owner, who is retiring "
      "to the coast after forty years behind the counter.</p>"
      "<p>Lire aussi</p><p>Share this:</p><p>Filed under: Town life |</p></div></body></html>";
  auto ex = ExtractFrom(html);
  ASSERT_TRUE(ex) << ex.error().message;
  const std::string& t = ex->doc.text;
  EXPECT_NE(t.find("longest-serving"), std::string::npos);
  EXPECT_NE(t.find("former owner"), std::string::npos);
  for (const char* junk : {"Posted on", "Anzeige", "Lire aussi", "Share this", "Filed under"})
    EXPECT_EQ(t.find(junk), std::string::npos) << junk << " in " << t;
  // The byline's date is still the page's date.
  EXPECT_EQ(ex->doc.published, "2021-03-04");
}

TEST(ExtractTest, ShortDateLineInsideTheTextIsKept) {
  // Only the edges of the text lose short date lines: in the middle they are content.
  std::string html =
      "<html><body><article><p>The museum will open its new wing in three stages over the next "
      "two years, starting with the gallery of maritime paintings.</p>"
      "<p>The second stage adds the workshop rooms, and the third the roof terrace.</p>"
      "<p>Each stage has its own architect, chosen in a competition last winter.</p>"
      "<p>12 May 2025</p>"
      "<p>That is the day the first stage opens, with free entry for residents of the town and "
      "guided tours every hour.</p>"
      "<p>Tickets for the tours can be booked from next month at the front desk.</p>"
      "<p>The director said the museum had waited twenty years for the space.</p></article>"
      "</body></html>";
  auto ex = ExtractFrom(html);
  ASSERT_TRUE(ex) << ex.error().message;
  EXPECT_NE(ex->doc.text.find("12 May 2025"), std::string::npos) << ex->doc.text;
}

namespace {
// A page with the given head and a body of plain paragraphs (long enough to be an article).
std::string PageWith(const std::string& head, const std::string& before_article = "",
                     const std::string& after_article = "") {
  return "<html><head>" + head + "</head><body><div class=\"top\">" + before_article +
         "</div><article><h1>The ferry timetable changes</h1>"
         "<p>From next week the morning ferry leaves twenty minutes earlier, the operator said, "
         "so that it can make an extra crossing before the harbour closes at noon.</p>"
         "<p>Commuters welcomed the change, although some said the first bus from the villages "
         "would now arrive too late to catch the boat, and asked for a new connection.</p>"
         "<p>The operator promised to talk to the bus company before the timetable starts.</p>"
         "</article><div class=\"after\">" + after_article + "</div></body></html>";
}
}  // namespace

TEST(ExtractDatesTest, UtcTimeBecomesThePagesLocalDay) {
  // 06:35 UTC on the 9th is 22:35 on the 8th at the page's own offset (-08:00).
  auto ex = ExtractFrom(PageWith(
      "<meta property=\"article:published_time\" content=\"2023-11-09T06:35:29+00:00\">",
      "<time datetime=\"2023-11-08T22:35:29-08:00\">Nov 8</time>"));
  ASSERT_TRUE(ex) << ex.error().message;
  EXPECT_EQ(ex->doc.published, "2023-11-08");
  // Without any offset on the page, the day in the URL settles it when it is the day before.
  ex = ExtractFrom(PageWith("<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
                            "\"headline\":\"x\",\"datePublished\":\"2020-02-25T02:25:54Z\"}</script>"),
                   "http://x.test/2020/02/24/ferry/");
  ASSERT_TRUE(ex);
  EXPECT_EQ(ex->doc.published, "2020-02-24");
  // A UTC time with no other clue stays as it is.
  ex = ExtractFrom(PageWith("<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
                            "\"headline\":\"x\",\"datePublished\":\"2020-02-25T02:25:54Z\"}</script>"),
                   "http://x.test/ferry/");
  ASSERT_TRUE(ex);
  EXPECT_EQ(ex->doc.published, "2020-02-25");
}

TEST(ExtractDatesTest, ItempropOnTimeBeatsGenericDateMeta) {
  auto ex = ExtractFrom(PageWith("<meta name=\"date\" content=\"2022-01-21T15:38:44+01:00\">",
                                 "<time itemprop=\"datePublished\" datetime=\"2022-01-27\">27.1.</time>"));
  ASSERT_TRUE(ex) << ex.error().message;
  EXPECT_EQ(ex->doc.published, "2022-01-27");
  EXPECT_EQ(ex->date_source, "itemprop");
}

TEST(ExtractDatesTest, JsonLdOfOtherTypesAndImpossibleDates) {
  // A Recipe's own datePublished, not its reviews'.
  auto ex = ExtractFrom(PageWith(
      "<script type=\"application/ld+json\">{\"@type\":\"Recipe\",\"name\":\"Cake\","
      "\"datePublished\":\"2006-10-10\",\"review\":[{\"@type\":\"Review\","
      "\"datePublished\":\"2020-04-12\"}]}</script>"));
  ASSERT_TRUE(ex) << ex.error().message;
  EXPECT_EQ(ex->doc.published, "2006-10-10");
  // After the fetch time or before 1995: skipped for the next source.
  ex = ExtractFrom(PageWith(
      "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"x\","
      "\"datePublished\":\"2031-05-05\"}</script>"
      "<meta property=\"article:published_time\" content=\"1989-01-01\">"
      "<meta property=\"og:pubdate\" content=\"2019-05-05\">"));
  ASSERT_TRUE(ex);
  EXPECT_EQ(ex->doc.published, "2019-05-05");
}

TEST(ExtractDatesTest, TextDatesChosenByLabelAndPosition) {
  // Labels decide: the publication date after the article beats the change date before it.
  auto ex = ExtractFrom(PageWith("", "", "Letzte Änderung: 31.10.2023 - Erschienen am: 01.11.2023"));
  ASSERT_TRUE(ex) << ex.error().message;
  EXPECT_EQ(ex->doc.published, "2023-11-01");
  // In the byline area the first date is the publication, the second a later state.
  std::string menu;
  for (int i = 0; i < 80; ++i) menu += "<span>Rubrique " + std::to_string(i) + "</span> ";
  ex = ExtractFrom(PageWith("", "Édition du 2 janvier 2024 " + menu + "<p>Par A. Martin, "
                                "12.11.2021 (inchangé depuis le 05.11.2021)</p>"));
  ASSERT_TRUE(ex);
  EXPECT_EQ(ex->doc.published, "2021-11-12");
  // Inline elements that touch: the date still counts.
  ex = ExtractFrom(PageWith("", "<a>Tanja Karrasch</a><span></span><span>3.11.2023</span>"));
  ASSERT_TRUE(ex);
  EXPECT_EQ(ex->doc.published, "2023-11-03");
  // A generic meta date gives way to a date labelled in the text.
  ex = ExtractFrom(PageWith("<meta name=\"date\" content=\"2020-02-12\">",
                            "Presse &gt; Datum: 05.02.2020 - Redaktion"));
  ASSERT_TRUE(ex);
  EXPECT_EQ(ex->doc.published, "2020-02-05");
}

TEST(ExtractDatesTest, NumericDatesWithSlashesAndBars) {
  auto day_first = FindDatesInText("26 | 01 | 2022 and 01/02/2022", false);
  ASSERT_EQ(day_first.size(), 2u);
  EXPECT_EQ(day_first[0].iso, "2022-01-26");
  EXPECT_EQ(day_first[1].iso, "2022-02-01");
  auto month_first = FindDatesInText("01/02/2022, 13/02/2022", true);
  ASSERT_EQ(month_first.size(), 2u);
  EXPECT_EQ(month_first[0].iso, "2022-01-02");
  EXPECT_EQ(month_first[1].iso, "2022-02-13");  // 13 cannot be a month
  EXPECT_EQ(FindDateInText("sexta-feira, 22 de outubro de 2010"), "2010-10-22");
  EXPECT_TRUE(FindDatesInText("version 10.15.2023", false).empty());
  EXPECT_TRUE(FindDatesInText("call 0231/12/2019", false).empty());
}

TEST(ExtractTest, EmbeddedPostInsideSocialBoxIsKept) {
  std::string html =
      "<html><body><article><p>The city's new slogan drew a flood of replies online within an hour "
      "of its launch on Monday, most of them far from kind.</p>"
      "<div class=\"social-embed\"><blockquote class=\"post\"><p>Who approved this slogan, and how "
      "much did it cost us? <a href=\"http://s.test/1\">s.test/1</a></p>— A. Reader "
      "<a href=\"http://s.test/2\">March 3, 2024</a></blockquote></div>"
      "<p>The mayor's office said the campaign had cost less than a tenth of the figure quoted in "
      "the replies and would run until the end of the summer.</p>"
      "<div class=\"social\"><a href=\"/share\">Share on the network</a> Follow the city hall "
      "account for updates</div></article></body></html>";
  auto ex = ExtractFrom(html);
  ASSERT_TRUE(ex) << ex.error().message;
  EXPECT_NE(ex->doc.text.find("Who approved this slogan"), std::string::npos) << ex->doc.text;
  EXPECT_EQ(ex->doc.text.find("Follow the city hall"), std::string::npos) << ex->doc.text;
}

TEST(ExtractTest, ScriptBuiltPageFallsBackToDeclaredArticleBody) {
  std::string html =
      "<html><head><script type=\"application/ld+json\">{\"@type\":\"BlogPosting\","
      "\"headline\":\"A week on the coast road\",\"datePublished\":\"2018-08-02\","
      "\"articleBody\":\"We drove the coast road for a week and stopped in every harbour town "
      "that had a bakery.\\nThe weather held until the last day, when a storm closed the ferry "
      "and we spent the evening in a pub listening to the fishermen argue about football.\"}"
      "</script></head><body><div id=\"app\"></div><script>render()</script></body></html>";
  auto ex = ExtractFrom(html);
  ASSERT_TRUE(ex) << ex.error().message;
  EXPECT_EQ(ex->doc.text.find("We drove the coast road"), 0u) << ex->doc.text;
  EXPECT_NE(ex->doc.text.find("\n\nThe weather held"), std::string::npos) << ex->doc.text;
  EXPECT_EQ(ex->doc.published, "2018-08-02");
  // Without a declared body such a page has no text, which is an error.
  EXPECT_FALSE(ExtractFrom("<html><body><div id=\"app\"></div></body></html>"));
}

TEST(ExtractTest, HoverCardsInsideSentencesAreSkipped) {
  std::string html =
      "<html><body><article><p><span>The harbour master, <span class=\"person\">"
      "<a href=\"/p/jo\">Jo Brandt</a><span class=\"card\"><span><img src=\"/jo.jpg\">"
      "<a href=\"/p/jo\">Jo Brandt</a><a href=\"/s/1\">Latest: dredging plan delayed again</a>"
      "</span></span></span>, said the channel would be dredged in May, two months later than "
      "planned, because the contractor's barge had been damaged in a storm.</span></p>"
      "<p>Fishing boats will have to wait for high tide to leave the harbour until then, which "
      "the cooperative says will cost its members a day's catch each week.</p></article>"
      "</body></html>";
  auto ex = ExtractFrom(html);
  ASSERT_TRUE(ex) << ex.error().message;
  const std::string& t = ex->doc.text;
  EXPECT_NE(t.find("The harbour master, Jo Brandt, said the channel"), std::string::npos) << t;
  EXPECT_EQ(t.find("Latest: dredging"), std::string::npos) << t;
}

TEST(ExtractTest, TextWrittenBetweenBlocksCountsAsParagraphs) {
  // A short report written straight into its box, its paragraphs split by empty spacer
  // elements, must beat a longer block of contact details lower down the page.
  std::string html =
      "<html><body><div class=\"top\"><h1>Ferry service suspended</h1>"
      "<div class=\"copy\">The ferry between the two islands was suspended on Friday, after a "
      "crack was found in the hull during a routine inspection, the operator said."
      "<div class=\"gap\"></div>Engineers expect the repair to take a week, and a smaller "
      "boat, chartered from the mainland, will carry passengers in the meantime."
      "<div class=\"gap\"></div>Freight will wait.</div>"
      "<ul><li><a href=\"/n/1\">Harbour fees to rise next year, board says</a></li>"
      "<li><a href=\"/n/2\">Island school gets a new head teacher</a></li></ul></div>"
      "<div class=\"bottom\"><div class=\"contact\">The Island Courier reader desk answers "
      "questions about deliveries and accounts on weekdays between nine in the morning and five "
      "in the afternoon and on Saturdays until noon. Call the desk on the number printed on the "
      "back page of every edition or write to the address below, and please give the number "
      "of your account in every message you send us so that we can find it quickly.</div>"
      "</div></body></html>";
  auto ex = ExtractFrom(html);
  ASSERT_TRUE(ex) << ex.error().message;
  const std::string& t = ex->doc.text;
  EXPECT_NE(t.find("crack was found in the hull"), std::string::npos) << t;
  EXPECT_NE(t.find("chartered from the mainland"), std::string::npos) << t;
  EXPECT_EQ(t.find("reader desk"), std::string::npos) << t;
}

TEST(ExtractTest, BodySplitIntoBoxesOfOneClassIsKeptWhole) {
  // The text is cut by a wide picture into two boxes of the same class under different
  // wrappers; both stretches belong to the article, in page order, but a box of another class
  // does not.
  std::string html =
      "<html><body><div class=\"page\"><div class=\"band\"><div class=\"copy-block\">"
      "<p>The observatory on the ridge, closed for repairs since the landslide, reopened on "
      "Saturday, with a new road, a new dome and, for the first time, a cafe.</p>"
      "<p>Volunteers, many of them retired teachers, guided the first visitors, who had queued "
      "since dawn, through the restored telescope hall and the small museum.</p></div></div>"
      "<figure class=\"wide\"><img src=\"/dome.jpg\"></figure>"
      "<div class=\"band-alt\"><div class=\"inner\"><div class=\"copy-block\">"
      "<p>The director said the repairs had cost less than feared because the telescope itself "
      "had not been damaged when the slope gave way two winters ago.</p>"
      "<p>Night viewings resume next month and can be booked at the visitor centre, which also "
      "sells the annual pass for families.</p>"
      "<p>The cafe, run by a cooperative from the village, serves soup, bread and cake, and its "
      "terrace looks over the valley, the lake and, on clear days, the mountains.</p>"
      "<p>Staff hope for forty thousand visitors a year, twice as many as before, and plan "
      "courses for schools, clubs and, in the summer, for adults.</p></div></div></div>"
      "<div class=\"tip-box\"><p>Parking at the ridge is limited on weekends and the shuttle "
      "from the village runs every half hour from nine.</p></div></div></body></html>";
  auto ex = ExtractFrom(html);
  ASSERT_TRUE(ex) << ex.error().message;
  const std::string& t = ex->doc.text;
  std::size_t first = t.find("Volunteers, many of them");
  std::size_t second = t.find("Night viewings resume");
  EXPECT_NE(first, std::string::npos) << t;
  EXPECT_NE(second, std::string::npos) << t;
  EXPECT_LT(first, second) << t;
  EXPECT_EQ(t.find("shuttle from the village"), std::string::npos) << t;
}

TEST(ExtractTest, HeadlineLinkWithASentenceOfItsOwnIsText) {
  // A round-up lists linked headlines, each followed by a summary sentence: the items are the
  // article. A line that is only a link with a label stays out.
  std::string html =
      "<html><body><article><p>Good morning, here are the stories from the valley that you need "
      "to know about this Tuesday, in the order they happened.</p><ol>"
      "<li><strong><a href=\"/s/1\">The river authority has raised the flood warning for the "
      "lower valley</a>.</strong> Residents of the lower streets were told to move cars off the "
      "quay.</li>"
      "<li><strong><a href=\"/s/2\">The mill museum will close for the winter a month earlier "
      "than planned</a>.</strong> The roof needs repairs before the first snow, the board "
      "said.</li></ol>"
      "<p>Read more: <a href=\"/s/3\">Why the valley floods more often than it used to</a></p>"
      "<p>That is all for today; the next round-up comes out tomorrow morning at seven, as "
      "usual, with the weather first.</p></article></body></html>";
  auto ex = ExtractFrom(html);
  ASSERT_TRUE(ex) << ex.error().message;
  const std::string& t = ex->doc.text;
  EXPECT_NE(t.find("move cars off the quay"), std::string::npos) << t;
  EXPECT_NE(t.find("repairs before the first snow"), std::string::npos) << t;
  EXPECT_EQ(t.find("Read more"), std::string::npos) << t;
}

}  // namespace framescope::crawler
