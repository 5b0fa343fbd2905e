#include "framescope/corpus/text.h"

#include <gtest/gtest.h>

#include "framescope/corpus/fingerprint.h"
#include "framescope/corpus/language.h"

namespace framescope::corpus {

TEST(TextTest, SegmentsChineseIntoWords) {
  std::string s = "社会信用体系建设";
  auto toks = Tokenize(s);
  ASSERT_GE(toks.size(), 3u);  // dictionary segmentation, not one token per character run
  EXPECT_LT(toks.size(), 8u);
  EXPECT_TRUE(toks[0].cjk);
  EXPECT_EQ(s.substr(toks[0].begin, toks[0].end - toks[0].begin), toks[0].norm);
}

TEST(TextTest, NormalisesAndKeepsOffsets) {
  std::string s = "Die ÜBERWACHUNG, «Big Brother».";
  auto toks = Tokenize(s);
  ASSERT_EQ(toks.size(), 4u);
  EXPECT_EQ(toks[1].norm, "überwachung");
  EXPECT_EQ(s.substr(toks[1].begin, toks[1].end - toks[1].begin), "ÜBERWACHUNG");
  EXPECT_EQ(Normalize("Straße"), "strasse");
}

TEST(TextTest, EveryWordIsNormalisedLikeNormalize) {
  // ASCII words take a shortcut (lower-casing) and so do words already normalised; both must
  // give what the normaliser gives.
  std::string s =
      "Plain ASCII words, MiXeD Case and snake_case_42; China's 2.5 U.S. straße ÉTAT état "
      "Социальный КРЕДИТ ｆｕｌｌｗｉｄｔｈ ＡＢＣ ﬁnance 社会信用 カタカナ ひらがな";
  auto toks = Tokenize(s);
  ASSERT_GE(toks.size(), 20u);
  for (const Token& t : toks) {
    const std::string word = s.substr(t.begin, t.end - t.begin);
    EXPECT_EQ(t.norm, Normalize(word)) << word;
    EXPECT_EQ(t.cjk, HasCjk(word)) << word;
  }
}

TEST(TextTest, InvalidUtf8NeverCrashes) {
  std::string bad = "ok \xff\xfe broken \xc3";
  auto toks = Tokenize(bad);
  EXPECT_FALSE(toks.empty());
  for (const auto& t : toks) EXPECT_LE(t.end, bad.size());
  EXPECT_FALSE(ToValidUtf8(bad).empty());
}

TEST(TextTest, SplitsSentences) {
  std::string s = "First sentence. Second one? 第三句。第四句！";
  auto spans = SplitSentences(s);
  ASSERT_EQ(spans.size(), 4u);
  EXPECT_EQ(s.substr(spans[1].begin, spans[1].end - spans[1].begin), "Second one?");
}

TEST(TextTest, CollapsedLengthCountsWhatCollapseSpaceGives) {
  auto code_points = [](std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
  };
  for (std::string text :
       {std::string(""), std::string("   "), std::string("one"), std::string("  two  words \n"),
        std::string("caf\xC3\xA9\xC2\xA0" "au\tlait"), std::string("\xC2\xA0\xC2\xA0" "x\xC2\xA0"),
        std::string("\xE4\xB8\xAD \xE6\x96\x87\r\n\f\v" "end")}) {
    CollapsedLength whole;
    whole.Feed(text);
    EXPECT_EQ(whole.chars(), code_points(CollapseSpace(text))) << text;
    // Fed in pieces, at every split point, with a break in between: the text with a space there.
    for (std::size_t cut = 0; cut <= text.size(); ++cut) {
      if (cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) continue;
      CollapsedLength pieces;
      pieces.Feed(std::string_view(text).substr(0, cut));
      pieces.Space();
      pieces.Feed(std::string_view(text).substr(cut));
      const std::string joined = text.substr(0, cut) + " " + text.substr(cut);
      EXPECT_EQ(pieces.chars(), code_points(CollapseSpace(joined))) << text << " at " << cut;
    }
  }
}

TEST(LanguageTest, IdentifiesFiveLanguages) {
  EXPECT_EQ(DetectLanguage("The court published a list of people who failed to repay their debts "
                           "and barred them from buying plane tickets.").code, "en");
  EXPECT_EQ(DetectLanguage("Le tribunal a publié une liste des débiteurs qui refusent de payer "
                           "leurs dettes et leur interdit de prendre l'avion.").code, "fr");
  EXPECT_EQ(DetectLanguage("Das Gericht veröffentlichte eine Liste säumiger Schuldner, die keine "
                           "Flugtickets mehr kaufen dürfen.").code, "de");
  EXPECT_EQ(DetectLanguage("El tribunal publicó una lista de deudores que no pagan sus deudas y "
                           "les prohibió comprar billetes de avión.").code, "es");
  EXPECT_EQ(DetectLanguage("最高人民法院公布了失信被执行人名单，限制他们乘坐飞机和高铁。").code, "zh");
  EXPECT_EQ(DetectLanguage("ok", "fr-FR").code, "fr");
}

TEST(FingerprintTest, NearDuplicatesAreClose) {
  std::string base =
      "BEIJING — China's top court said on Tuesday it had added another two million people to its "
      "list of judgment defaulters, who are barred from buying air and train tickets until they "
      "repay what courts ordered them to pay. The list, started in 2013, is one part of a broader "
      "effort the government calls the social credit system, which officials say will raise trust "
      "in commerce. Critics say the list lacks clear ways to appeal. Lawyers in several provinces "
      "told the agency that people often learn they are on the list only when a ticket purchase "
      "fails at a station counter, and that removal can take months even after a debt is settled. "
      "The court said local judges had been told to delete names within three working days of "
      "payment and to publish a telephone line for complaints. Business groups welcomed the move "
      "but asked for one national database instead of dozens of provincial ones.";
  std::string edited = base + " Reporting by a wire correspondent.";
  std::string other =
      "Snow closed several mountain passes on Sunday and the regional weather office warned of "
      "more storms later this week as temperatures fall well below freezing across the north.";
  EXPECT_LE(HammingDistance(SimHash(base), SimHash(edited)), kNearDuplicateBits);
  EXPECT_GT(HammingDistance(SimHash(base), SimHash(other)), 10);
  EXPECT_EQ(SimHash(Tokenize(base)), SimHash(base));
  EXPECT_EQ(SimHash(Tokenize("two words")), SimHash("two words"));
}

}  // namespace framescope::corpus
