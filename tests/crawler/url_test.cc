#include "framescope/crawler/url.h"

#include <gtest/gtest.h>

namespace framescope::crawler {

TEST(UrlTest, NormalisesSoOneArticleIsFetchedOnce) {
  EXPECT_EQ(NormalizeUrl("HTTP://News.Example:80/a/./b/../c.html?utm_source=x&id=3&fbclid=y#top"),
            "http://news.example/a/c.html?id=3");
  EXPECT_EQ(NormalizeUrl("https://news.example:443"), "https://news.example/");
  EXPECT_EQ(NormalizeUrl("https://news.example:8443/x"), "https://news.example:8443/x");
  EXPECT_EQ(NormalizeUrl("http://a.test/x?utm_medium=a&utm_campaign=b"), "http://a.test/x");
}

TEST(UrlTest, RefusesOtherSchemes) {
  EXPECT_EQ(NormalizeUrl("ftp://a.test/x"), "");
  EXPECT_EQ(NormalizeUrl("javascript:alert(1)"), "");
  EXPECT_EQ(ResolveUrl("http://a.test/x/", "mailto:me@a.test"), "");
  EXPECT_EQ(NormalizeUrl("http://:80/"), "");
  EXPECT_EQ(NormalizeUrl("http://a.test:99999/"), "");
}

TEST(UrlTest, ResolvesRelativeReferences) {
  std::string base = "http://a.test/news/2019/item.html?x=1";
  EXPECT_EQ(ResolveUrl(base, "other.html"), "http://a.test/news/2019/other.html");
  EXPECT_EQ(ResolveUrl(base, "../2018/old.html"), "http://a.test/news/2018/old.html");
  EXPECT_EQ(ResolveUrl(base, "/root.html"), "http://a.test/root.html");
  EXPECT_EQ(ResolveUrl(base, "//b.test/x"), "http://b.test/x");
  EXPECT_EQ(ResolveUrl(base, "?page=2"), "http://a.test/news/2019/item.html?page=2");
  EXPECT_EQ(ResolveUrl(base, "https://c.test/y"), "https://c.test/y");
}

}  // namespace framescope::crawler
