#include "framescope/crawler/feeds.h"

#include <gtest/gtest.h>

namespace framescope::crawler {

TEST(FeedsTest, ParsesRssAtomRdfSitemapsAndOpml) {
  auto rss = ParseDiscovery(
      "<rss version='2.0'><channel><item><title>A</title><link>/a.html</link>"
      "<pubDate>Tue, 03 Mar 2019 10:00:00 GMT</pubDate></item><item><guid>http://x.test/b</guid>"
      "</item></channel></rss>",
      "http://x.test/feed.xml");
  ASSERT_TRUE(rss);
  ASSERT_EQ(rss->links.size(), 2u);
  EXPECT_EQ(rss->links[0].url, "http://x.test/a.html");
  EXPECT_EQ(rss->links[0].title, "A");

  auto atom = ParseDiscovery(
      "<feed xmlns='http://www.w3.org/2005/Atom'><entry><title>T</title>"
      "<link rel='self' href='/self'/><link href='http://x.test/e1'/></entry></feed>",
      "http://x.test/atom.xml");
  ASSERT_TRUE(atom);
  ASSERT_EQ(atom->links.size(), 1u);
  EXPECT_EQ(atom->links[0].url, "http://x.test/e1");

  auto rdf = ParseDiscovery(
      "<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#' "
      "xmlns='http://purl.org/rss/1.0/'><item rdf:about='http://x.test/r1'><title>R</title>"
      "<link>http://x.test/r1</link></item></rdf:RDF>",
      "http://x.test/rss.rdf");
  ASSERT_TRUE(rdf);
  EXPECT_EQ(rdf->kind, DiscoveryKind::kRdf);
  ASSERT_EQ(rdf->links.size(), 1u);

  auto index = ParseDiscovery(
      "<sitemapindex><sitemap><loc>http://x.test/s1.xml</loc></sitemap></sitemapindex>",
      "http://x.test/sitemap.xml");
  ASSERT_TRUE(index);
  EXPECT_TRUE(index->links[0].is_discovery);

  auto news = ParseDiscovery(
      "<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9' "
      "xmlns:news='http://www.google.com/schemas/sitemap-news/0.9'><url><loc>http://x.test/n1"
      "</loc><news:news><news:publication_date>2019-03-03</news:publication_date><news:title>N"
      "</news:title></news:news></url></urlset>",
      "http://x.test/news.xml");
  ASSERT_TRUE(news);
  EXPECT_EQ(news->links[0].published, "2019-03-03");
  EXPECT_EQ(news->links[0].title, "N");

  auto opml = ParseDiscovery(
      "<opml><body><outline text='Feeds'><outline text='X' xmlUrl='http://x.test/f.xml'/>"
      "</outline></body></opml>",
      "file.opml");
  ASSERT_TRUE(opml);
  ASSERT_EQ(opml->links.size(), 1u);
}

TEST(FeedsTest, BrokenXmlIsAClearError) {
  const char* bad[] = {"", "<rss><channel><item>", "not xml at all", "<html><body>x</body></html>",
                       "<?xml version='1.0'?><urlset><url><loc>x</url>", "\xff\xfe\x00\x01"};
  for (const char* b : bad) {
    auto r = ParseDiscovery(b, "http://x.test/f.xml");
    ASSERT_FALSE(r) << b;
    EXPECT_NE(r.error().message.find("http://x.test/f.xml"), std::string::npos);
  }
}

}  // namespace framescope::crawler
