#include "../../crawler/src/html_prefilter.h"

#include <gtest/gtest.h>

#include "framescope/crawler/extract.h"

namespace framescope::crawler {
namespace {

TEST(HtmlPrefilterTest, EmptiesScriptStyleAndSvgButKeepsJsonLd) {
  std::string page =
      "<html><head><style>p { color: red }</style>"
      "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\"}</script>"
      "<SCRIPT src=a.js>var x = '<p>not text</p>';</SCRIPT >"
      "</head><body><svg viewBox=\"0 0 8 8\"><title>icon</title><path d=\"M0 0\"/></svg>"
      "<svg/><p>Kept paragraph.</p><scripts>kept: not a script element</scripts></body></html>";
  EXPECT_EQ(EmptyRawTextElements(page),
            "<html><head><style></style>"
            "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\"}</script>"
            "<SCRIPT src=a.js></SCRIPT >"
            "</head><body><svg viewBox=\"0 0 8 8\"></svg>"
            "<svg/><p>Kept paragraph.</p><scripts>kept: not a script element</scripts></body></html>");
}

TEST(HtmlPrefilterTest, CommentsAndAttributeValuesAreNotTags) {
  // "<script>" inside a comment or a quoted attribute value starts nothing; the paragraph after
  // it must survive.
  std::string page =
      "<!-- <script> --><p title=\"a <script> b\" data-x='<style>'>Text one.</p>"
      "<p>Text two.</p><script>if (a < b && c > d) {}</script><p>Text three.</p>";
  EXPECT_EQ(EmptyRawTextElements(page),
            "<!-- <script> --><p title=\"a <script> b\" data-x='<style>'>Text one.</p>"
            "<p>Text two.</p><script></script><p>Text three.</p>");
}

TEST(HtmlPrefilterTest, UnsureEndsLeaveTheRestUnchanged) {
  // No end tag, an unterminated quoted value, an unterminated comment: copied as they are.
  for (std::string page : {std::string("<p>a</p><script>var s = 1; <p>b</p>"),
                           std::string("<p>a</p><div title=\"x><script>1</script><p>b</p>"),
                           std::string("<p>a</p><!-- <script>1</script><p>b</p>"),
                           std::string("<p>a < b</p><"), std::string("")})
    EXPECT_EQ(EmptyRawTextElements(page), page);
}

TEST(HtmlPrefilterTest, DropsAttributesTheExtractorDoesNotRead) {
  const std::string page =
      "<div class=\"story\" data-props='{\"a\":\"<b>\"}' ID=main onclick=\"go()\">"
      "<img src=a.jpg srcset=\"a.jpg 1x, b.jpg 2x\" alt=\"x > y\"/>"
      "<a HREF = \"/x\" target=_blank rel=author>Name</a>"
      "<input disabled class=q><meta property=og:title content=\"T\" data-n=1>"
      "<br/><p itemprop=articleBody data-x>Text</p></div>";
  EXPECT_EQ(PrefilterHtml(page),
            "<div class=\"story\" ID=main>"
            "<img/>"
            "<a HREF = \"/x\" rel=author>Name</a>"
            "<input class=q><meta property=og:title content=\"T\">"
            "<br/><p itemprop=articleBody>Text</p></div>");
  // Raw text elements are emptied as by EmptyRawTextElements.
  EXPECT_EQ(PrefilterHtml("<script src=a.js defer>var x;</script><p lang=en>a</p>"),
            "<script></script><p lang=en>a</p>");
}

TEST(HtmlPrefilterTest, TagsWhoseAttributesAreUnclearAreCopiedWhole) {
  // A name libxml2 would not read, a quote that never closes within the tag: copied as they are
  // from there on.
  EXPECT_EQ(PrefilterHtml("<p data-a=1 \"odd\"=2 class=x>t</p>"),
            "<p \"odd\"=2 class=x>t</p>");
  EXPECT_EQ(PrefilterHtml("<p data-a=1 @click=go class=x>t</p>"), "<p @click=go class=x>t</p>");
  EXPECT_EQ(PrefilterHtml("<p data-a=1 x=\"unclosed>t</p>"), "<p data-a=1 x=\"unclosed>t</p>");
  EXPECT_EQ(PrefilterHtml("<p a=1\"b=2 class=x>t</p>"), "<p class=x>t</p>");
}

TEST(HtmlPrefilterTest, ExtractionStillReadsJsonLdAndText) {
  ExtractInput in;
  in.url = "https://news.example/a";
  in.html =
      "<html><head><title>T</title><script type=\"application/ld+json\">"
      "{\"@type\":\"NewsArticle\",\"headline\":\"A headline\",\"datePublished\":\"2019-03-04\"}"
      "</script><script>document.write('<p>' + 'injected paragraph of script text' + '</p>')"
      "</script></head><body><article><p>The first paragraph of the article is long enough to "
      "count as text for the extractor, with several words in it.</p><p>The second paragraph "
      "adds more words so that the body is clearly an article and not a stub.</p></article>"
      "</body></html>";
  auto ex = ExtractArticle(in);
  ASSERT_TRUE(ex) << ex.error().message;
  EXPECT_EQ(ex->doc.published.substr(0, 10), "2019-03-04");
  EXPECT_NE(ex->doc.text.find("The second paragraph"), std::string::npos);
  EXPECT_EQ(ex->doc.text.find("injected"), std::string::npos);
}

}  // namespace
}  // namespace framescope::crawler
