#include <gtest/gtest.h>

#include "framescope/report/cite.h"

namespace framescope::report {
namespace {

corpus::Document Text(std::string text) {
  corpus::Document d;
  d.id = "doc-q";
  d.text = std::move(text);
  return d;
}

TEST(LocateQuoteTest, FindsTheSentenceDespiteDifferentWhitespace) {
  corpus::Document d = Text(
      "Officials call it a pilot.  The system is\n   far from a single\tscore.\n\n"
      "Critics disagree.");
  auto loc = LocateQuote(d, "far from   a single score");
  ASSERT_TRUE(loc.has_value()) << loc.error().message;
  EXPECT_EQ(loc->sentence, "The system is far from a single score.");
  EXPECT_EQ(loc->sentence_number, 2u);
  EXPECT_EQ(loc->byte_offset, d.text.find("far from"));
  EXPECT_EQ(loc->char_offset, d.text.find("far from"));  // ASCII: characters = bytes
}

TEST(LocateQuoteTest, IgnoresCaseTypographicQuotesAndUnicodeSpelling) {
  corpus::Document d =
      Text("Ein Satz vorab. Über den „Überwachungsstaat“ wird gestritten – heftig.");
  // Decomposed Ü (U+0055 U+0308), straight quotes, a hyphen for the dash, other case.
  auto loc = LocateQuote(d,
                         "u\xcc\x88"
                         "ber den \"\xc3\xbc"
                         "berwachungsstaat\" wird GESTRITTEN - heftig");
  ASSERT_TRUE(loc.has_value()) << loc.error().message;
  EXPECT_EQ(loc->sentence_number, 2u);
  EXPECT_EQ(loc->sentence, "Über den „Überwachungsstaat“ wird gestritten – heftig.");
  EXPECT_EQ(loc->byte_offset, d.text.find("Über"));
  EXPECT_EQ(loc->char_offset, 16u);  // code points, not bytes
}

TEST(LocateQuoteTest, FindsChineseTextWithSpacesInTheQuote) {
  corpus::Document d = Text("社会信用体系建设取得进展。失信被执行人名单公布了。");
  auto loc = LocateQuote(d, "失信 被执行人");
  ASSERT_TRUE(loc.has_value()) << loc.error().message;
  EXPECT_EQ(loc->sentence_number, 2u);
  EXPECT_EQ(loc->sentence, "失信被执行人名单公布了。");
  EXPECT_EQ(loc->char_offset, 13u);
}

TEST(LocateQuoteTest, AQuoteOverTwoSentencesReturnsBoth) {
  corpus::Document d = Text("First one. Second one ends here. Third one.");
  auto loc = LocateQuote(d, "one ends here. Third");
  ASSERT_TRUE(loc.has_value()) << loc.error().message;
  EXPECT_EQ(loc->sentence_number, 2u);
  EXPECT_EQ(loc->sentence, "Second one ends here. Third one.");
}

TEST(LocateQuoteTest, MissingQuoteIsNotFound) {
  auto loc = LocateQuote(Text("The system is far from a single score."), "Orwellian nightmare");
  ASSERT_FALSE(loc.has_value());
  EXPECT_EQ(loc.error().code, ErrorCode::kNotFound);
  EXPECT_NE(loc.error().message.find("doc-q"), std::string::npos);
}

TEST(LocateQuoteTest, MalformedInputsGiveErrorsNotCrashes) {
  const struct {
    const char* text;
    const char* quote;
    ErrorCode code;
  } cases[] = {
      {"Some text.", "", ErrorCode::kUsage},
      {"Some text.", " \t\n ", ErrorCode::kUsage},
      {"Some text.", "\xe2\x80\x8b", ErrorCode::kUsage},  // only a zero-width space
      {"", "text", ErrorCode::kNotFound},
      {"Some text.", "text that is longer than the document itself", ErrorCode::kNotFound},
      {"Bad \xff\xfe bytes.", "good bytes", ErrorCode::kNotFound},
  };
  for (const auto& c : cases) {
    auto loc = LocateQuote(Text(c.text), c.quote);
    ASSERT_FALSE(loc.has_value()) << c.quote;
    EXPECT_EQ(loc.error().code, c.code) << c.quote;
  }
}

TEST(LocateQuoteTest, InvalidUtf8InTheTextStillLocatesValidParts) {
  corpus::Document d = Text("Bad \xff bytes here. Then a clean sentence.");
  auto loc = LocateQuote(d, "a clean sentence");
  ASSERT_TRUE(loc.has_value()) << loc.error().message;
  EXPECT_EQ(loc->byte_offset, d.text.find("a clean"));
  EXPECT_EQ(loc->sentence, "Then a clean sentence.");
}

}  // namespace
}  // namespace framescope::report
