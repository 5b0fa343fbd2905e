#include "framescope/crawler/robots.h"

#include <gtest/gtest.h>

namespace framescope::crawler {

TEST(RobotsRulesTest, LongestMatchWins) {
  auto r = RobotsRules::Parse("User-agent: *\nDisallow: /private/\nAllow: /private/open/\n", "Bot/1");
  EXPECT_FALSE(r.IsAllowed("/private/x.html"));
  EXPECT_TRUE(r.IsAllowed("/private/open/x.html"));
  EXPECT_TRUE(r.IsAllowed("/public"));
}

TEST(RobotsRulesTest, AllowWinsATie) {
  auto r = RobotsRules::Parse("User-agent: *\nDisallow: /page\nAllow: /page\n", "Bot");
  EXPECT_TRUE(r.IsAllowed("/page"));
}

TEST(RobotsRulesTest, WildcardsAndEndAnchor) {
  auto r = RobotsRules::Parse("User-agent: *\nDisallow: /*.pdf$\nDisallow: /search*q=\n", "Bot");
  EXPECT_FALSE(r.IsAllowed("/files/report.pdf"));
  EXPECT_TRUE(r.IsAllowed("/files/report.pdf.html"));
  EXPECT_FALSE(r.IsAllowed("/search?q=credit"));
  EXPECT_TRUE(r.IsAllowed("/search"));
}

TEST(RobotsRulesTest, OwnGroupBeatsStarAndGroupsMerge) {
  std::string txt =
      "User-agent: *\nDisallow: /\n\nUser-agent: framescope\nUser-agent: other\nDisallow: /a\n"
      "Crawl-delay: 2.5\n\nUser-agent: Framescope\nDisallow: /b\n";
  auto r = RobotsRules::Parse(txt, "Framescope/0.1 (+https://x)");
  EXPECT_TRUE(r.IsAllowed("/c"));
  EXPECT_FALSE(r.IsAllowed("/a"));
  EXPECT_FALSE(r.IsAllowed("/b"));
  ASSERT_TRUE(r.crawl_delay());
  EXPECT_DOUBLE_EQ(*r.crawl_delay(), 2.5);
  auto other = RobotsRules::Parse(txt, "SomeoneElse");
  EXPECT_FALSE(other.IsAllowed("/c"));
}

TEST(RobotsRulesTest, SitemapsAndEmptyDisallow) {
  auto r = RobotsRules::Parse("Sitemap: http://x.test/s.xml\nUser-agent: *\nDisallow:\n", "Bot");
  EXPECT_TRUE(r.IsAllowed("/anything"));
  ASSERT_EQ(r.sitemaps().size(), 1u);
  EXPECT_EQ(r.sitemaps()[0], "http://x.test/s.xml");
}

TEST(RobotsRulesTest, PercentEncodingComparesEqual) {
  auto r = RobotsRules::Parse("User-agent: *\nDisallow: /%7Euser/\nDisallow: /caf\xc3\xa9\n", "Bot");
  EXPECT_FALSE(r.IsAllowed("/~user/page"));
  EXPECT_FALSE(r.IsAllowed("/caf%C3%A9"));
}

TEST(RobotsRulesTest, MalformedInputNeverCrashes) {
  const char* inputs[] = {"", "\xff\xfe\x00garbage", "Disallow: /before-any-agent\n",
                          "User-agent\nDisallow /x\n", "::::\n", "User-agent: *\nCrawl-delay: abc\n",
                          "User-agent: *\nDisallow: ****$$$\n"};
  for (const char* in : inputs) {
    auto r = RobotsRules::Parse(in, "Bot");
    EXPECT_TRUE(r.IsAllowed("/robots.txt"));
    (void)r.IsAllowed("/x");
  }
  std::string huge(2 << 20, 'a');
  auto r = RobotsRules::Parse(huge, "Bot");
  EXPECT_TRUE(r.IsAllowed("/x"));
}

}  // namespace framescope::crawler
