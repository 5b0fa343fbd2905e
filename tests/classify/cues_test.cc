#include "framescope/classify/cues.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "framescope/classify/classifier.h"
#include "fixtures.h"

namespace framescope::classify {
namespace {

const Codebook& Default() { return testing::DefaultCodebook(); }

corpus::Document Doc(std::string text, std::string language = "", std::string title = "") {
  corpus::Document d;
  d.text = std::move(text);
  d.language = std::move(language);
  d.title = std::move(title);
  return d;
}

// The hit for `cue` (codebook spelling); fails the test when there is none.
CueHit Find(const std::vector<CueHit>& hits, const std::string& cue) {
  for (const auto& h : hits) {
    if (h.cue == cue) return h;
  }
  ADD_FAILURE() << "no hit for cue '" << cue << "'";
  return {};
}

std::string Label(const corpus::Document& d) {
  return Classifier::FromCodebook(Default()).Predict(d).label;
}

TEST(VoiceTest, NamesAreStable) {
  EXPECT_EQ(VoiceName(Voice::kOwn), "own");
  EXPECT_EQ(VoiceName(Voice::kQuoted), "quoted");
  EXPECT_EQ(VoiceName(Voice::kNegated), "negated");
  EXPECT_EQ(VoiceName(Voice::kAttributed), "attributed");
  EXPECT_EQ(VoiceName(Voice::kRebutted), "rebutted");
}

TEST(VoiceTest, OwnVoiceCueCountsForItsFrame) {
  auto doc = Doc("The system is a Black Mirror dystopia.", "en");
  auto hits = AnalyseCues(Default(), doc);
  ASSERT_EQ(hits.size(), 2u);
  CueHit bm = Find(hits, "Black Mirror");
  EXPECT_EQ(bm.frame, "alarmist");
  EXPECT_EQ(bm.voice, Voice::kOwn);
  EXPECT_EQ(bm.sentence, 0u);
  EXPECT_EQ(doc.text.substr(bm.begin, bm.end - bm.begin), "Black Mirror");
  EXPECT_DOUBLE_EQ(bm.weight, 2.0);
  EXPECT_EQ(Find(hits, "dystopia*").voice, Voice::kOwn);
  EXPECT_EQ(Label(doc), "alarmist");
}

TEST(VoiceTest, RebuttedQuotedCueCountsForBalanced) {
  auto doc =
      Doc("Far from the 'Black Mirror' dystopia of Western headlines, the system is a patchwork of "
          "pilots.",
          "en");
  auto hits = AnalyseCues(Default(), doc);
  CueHit bm = Find(hits, "Black Mirror");
  EXPECT_EQ(bm.voice, Voice::kRebutted);
  EXPECT_DOUBLE_EQ(bm.weight, 0.0);
  EXPECT_EQ(bm.counts_for, "balanced");
  EXPECT_GT(bm.transfer, 0.0);
  EXPECT_EQ(Find(hits, "dystopia*").voice, Voice::kRebutted);
  EXPECT_EQ(Find(hits, "patchwork").voice, Voice::kOwn);
  EXPECT_EQ(Find(hits, "pilot*").voice, Voice::kOwn);
  EXPECT_EQ(Label(doc), "balanced");
}

TEST(VoiceTest, QuotedNegatedAndAttributedCues) {
  auto quoted =
      AnalyseCues(Default(), Doc("The report called the scheme \u201cOrwellian\u201d.", "en"));
  ASSERT_EQ(quoted.size(), 1u);
  EXPECT_EQ(quoted[0].voice, Voice::kQuoted);
  EXPECT_DOUBLE_EQ(quoted[0].weight, 0.5);  // weight 2 x quoted 0.25

  auto negated = AnalyseCues(Default(), Doc("The scheme is not Orwellian.", "en"));
  ASSERT_EQ(negated.size(), 1u);
  EXPECT_EQ(negated[0].voice, Voice::kNegated);
  EXPECT_EQ(negated[0].counts_for, "balanced");

  auto attributed =
      AnalyseCues(Default(), Doc("Critics say the system is a digital dictatorship.", "en"));
  ASSERT_EQ(attributed.size(), 1u);
  EXPECT_EQ(attributed[0].voice, Voice::kAttributed);
  EXPECT_DOUBLE_EQ(attributed[0].weight, 0.5);
}

TEST(VoiceTest, QuotationMarksOfEveryLanguage) {
  for (const auto& [text, lang] : std::vector<std::pair<std::string, std::string>>{
           {"Die Zeitung nennt das System \u201eorwellsch\u201c.", "de"},
           {"Le journal parle d\u2019un syst\u00e8me \u00ab\u00a0orwellien\u00a0\u00bb.", "fr"},
           {"El diario habla de un sistema \u00abGran Hermano\u00bb.", "es"},
           {"The paper calls it \u2018Orwellian\u2019.", "en"},
           {"The paper calls it \"Orwellian\".", "en"},
           {"报道把它写成「老大哥」的系统。", "zh"},
           {"报道把它写成『老大哥』的系统。", "zh"}}) {
    auto hits = AnalyseCues(Default(), Doc(text, lang));
    ASSERT_EQ(hits.size(), 1u) << text;
    EXPECT_EQ(hits[0].voice, Voice::kQuoted) << text;
  }
}

TEST(VoiceTest, ApostrophesAreNotQuotationMarks) {
  auto hits = AnalyseCues(
      Default(), Doc("China's rating app is Orwellian and Beijing's officials know it.", "en"));
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].voice, Voice::kOwn);
}

TEST(VoiceTest, ContrastEndsTheReachOfARebuttal) {
  auto hits = AnalyseCues(
      Default(),
      Doc("The system is not the patchwork that officials describe but an Orwellian machine.",
          "en"));
  EXPECT_EQ(Find(hits, "patchwork").voice, Voice::kRebutted);
  EXPECT_EQ(Find(hits, "Orwellian").voice, Voice::kOwn);
}

TEST(VoiceTest, DismissalReachesBackwardsInItsClause) {
  auto hits = AnalyseCues(Default(), Doc("The Orwellian score is a myth.", "en"));
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].voice, Voice::kRebutted);
  // A rebuttal marker ("not the") only reaches forward.
  hits = AnalyseCues(Default(),
                     Doc("An Orwellian machine, not the harmless tool of the brochures.", "en"));
  EXPECT_EQ(Find(hits, "Orwellian").voice, Voice::kOwn);
}

TEST(VoiceTest, FrenchRebuttal) {
  auto doc =
      Doc("Loin de la dystopie à la \u00ab\u00a0Black Mirror\u00a0\u00bb décrite par la presse "
          "occidentale, le système est une mosaïque de projets pilotes.",
          "fr");
  auto hits = AnalyseCues(Default(), doc);
  EXPECT_EQ(Find(hits, "dystopi*").voice, Voice::kRebutted);
  EXPECT_EQ(Find(hits, "Black Mirror").voice, Voice::kRebutted);
  EXPECT_EQ(Find(hits, "mosaïque").voice, Voice::kOwn);
  EXPECT_EQ(Label(doc), "balanced");
  EXPECT_EQ(Label(Doc("Le crédit social chinois est une dystopie orwellienne.", "fr")), "alarmist");
}

TEST(VoiceTest, GermanRebuttal) {
  auto doc =
      Doc("Entgegen dem Zerrbild vom \u201eBlack Mirror\u201c in westlichen Schlagzeilen ist das "
          "Sozialkreditsystem ein Flickenteppich aus Pilotprojekten.",
          "de");
  auto hits = AnalyseCues(Default(), doc);
  EXPECT_EQ(Find(hits, "Black Mirror").voice, Voice::kRebutted);
  EXPECT_EQ(Label(doc), "balanced");
  EXPECT_EQ(Label(Doc("China errichtet einen orwellschen Überwachungsstaat.", "de")), "alarmist");
}

TEST(VoiceTest, SpanishRebuttal) {
  auto doc = Doc(
      "Lejos de la distopía de \u00abBlack Mirror\u00bb que pintan los titulares occidentales, el "
      "sistema es un mosaico de programas piloto.",
      "es");
  auto hits = AnalyseCues(Default(), doc);
  EXPECT_EQ(Find(hits, "distopía*").voice, Voice::kRebutted);
  EXPECT_EQ(Find(hits, "Black Mirror").voice, Voice::kRebutted);
  EXPECT_EQ(Find(hits, "mosaico").voice, Voice::kOwn);
  EXPECT_EQ(Label(doc), "balanced");
}

TEST(VoiceTest, ChineseRebuttalOfWesternImageIsSupportive) {
  auto doc = Doc("这并非西方媒体所说的“黑镜”，而是诚信建设。", "zh");
  auto hits = AnalyseCues(Default(), doc);
  CueHit bm = Find(hits, "黑镜");
  EXPECT_EQ(bm.voice, Voice::kRebutted);
  EXPECT_EQ(doc.text.substr(bm.begin, bm.end - bm.begin), "黑镜");
  CueHit honesty = Find(hits, "诚信建设");
  EXPECT_EQ(honesty.voice, Voice::kOwn);
  EXPECT_EQ(Label(doc), "supportive");
  EXPECT_EQ(Label(Doc("这是一个数字极权的反乌托邦。", "zh")), "alarmist");
}

TEST(VoiceTest, TraditionalChineseMatchesSimplifiedCues) {
  auto doc = Doc("這並非西方媒體所說的「黑鏡」，而是誠信建設。", "zh");
  auto hits = AnalyseCues(Default(), doc);
  CueHit bm = Find(hits, "黑镜");
  EXPECT_EQ(bm.voice, Voice::kRebutted);
  EXPECT_EQ(doc.text.substr(bm.begin, bm.end - bm.begin), "黑鏡");
  EXPECT_EQ(Label(doc), "supportive");
}

TEST(VoiceTest, OffTopicTextIsNone) {
  auto doc = Doc(
      "More than forty sailing vessels tied up along the old harbour wall this weekend, and the "
      "city turned out to look at them.",
      "en", "Tall ships bring the crowds back to the quayside");
  CueAnalysis a = AnalyseDocument(Default(), doc);
  EXPECT_TRUE(a.hits.empty());
  EXPECT_TRUE(a.topic_terms.empty());
  EXPECT_FALSE(a.on_topic);
  Prediction p = Classifier::FromCodebook(Default()).Predict(doc);
  EXPECT_EQ(p.label, "none");
  EXPECT_DOUBLE_EQ(p.scores.at("none"), 1.0);
}

TEST(VoiceTest, GenericCuesAloneDoNotMakeADocumentOnTopic) {
  auto doc =
      Doc("The choir sang in perfect harmony, and the audience praised its integrity.", "en");
  CueAnalysis a = AnalyseDocument(Default(), doc);
  EXPECT_FALSE(a.hits.empty());
  EXPECT_FALSE(a.on_topic);
  EXPECT_EQ(Label(doc), "none");
}

TEST(VoiceTest, TopicTermWithoutCuesIsOnTopic) {
  auto doc = Doc("The committee discussed China's social credit system on Tuesday.", "en");
  CueAnalysis a = AnalyseDocument(Default(), doc);
  EXPECT_TRUE(a.on_topic);
  ASSERT_FALSE(a.topic_terms.empty());
  EXPECT_EQ(a.topic_terms[0], "social credit");
  EXPECT_NE(Label(doc), "none");
}

TEST(VoiceTest, DocumentLanguageSelectsCueLists) {
  // English cues do not apply to a French document; with no language every list applies.
  EXPECT_TRUE(AnalyseCues(Default(), Doc("The system is Orwellian.", "fr")).empty());
  EXPECT_EQ(AnalyseCues(Default(), Doc("The system is Orwellian.", "")).size(), 1u);
  // "any" cues apply to every language.
  EXPECT_EQ(AnalyseCues(Default(), Doc("Das ist Black Mirror.", "de")).size(), 1u);
}

TEST(VoiceTest, HeadlineCuesAreWeightedAndSentencesIndexed) {
  auto doc =
      Doc("Officials met on Monday. Critics fear a surveillance state.", "en", "An Orwellian plan");
  CueAnalysis a = AnalyseDocument(Default(), doc);
  ASSERT_EQ(a.sentences.size(), 3u);
  EXPECT_EQ(a.title_sentences, 1u);
  EXPECT_EQ(a.sentences, DocumentSentences(doc));
  CueHit title = Find(a.hits, "Orwellian");
  EXPECT_EQ(title.sentence, 0u);
  EXPECT_DOUBLE_EQ(title.weight, 2.0 * Default().title_weight());
  CueHit body = Find(a.hits, "surveillance state");
  EXPECT_EQ(body.sentence, 2u);
  EXPECT_EQ(a.sentences[2].substr(body.begin, body.end - body.begin), "surveillance state");
}

TEST(VoiceTest, RepeatedCuesCountUpToTheLimit) {
  auto hits =
      AnalyseCues(Default(), Doc("Orwellian. Orwellian. Orwellian. Orwellian. Orwellian.", "en"));
  ASSERT_EQ(hits.size(), 5u);
  int counted = 0;
  for (const auto& h : hits) counted += h.weight > 0;
  EXPECT_EQ(counted, Default().repeat_limit());
}

TEST(VoiceTest, LongestCueWinsOverlaps) {
  auto hits = AnalyseCues(Default(), Doc("各地推进诚信建设。", "zh"));
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].cue, "诚信建设");
}

TEST(VoiceTest, PredictionReindexesEvidenceSentences) {
  auto doc = Doc("Nothing here. The scheme is Orwellian. Nothing there. Truly a dystopia.", "en");
  Prediction p = Classifier::FromCodebook(Default()).Predict(doc);
  ASSERT_EQ(p.sentences.size(), 2u);
  EXPECT_EQ(p.sentence_positions, (std::vector<std::size_t>{1, 3}));
  ASSERT_EQ(p.cues.size(), 2u);
  EXPECT_EQ(p.cues[0].sentence, 0u);
  EXPECT_EQ(p.cues[1].sentence, 1u);
  EXPECT_EQ(p.sentences[1], "Truly a dystopia.");
}

TEST(VoiceTest, EmptyAndBrokenInputNeverCrash) {
  EXPECT_TRUE(AnalyseCues(Default(), Doc("")).empty());
  auto hits = AnalyseCues(Default(), Doc("\xff\xfe \"Orwellian \xc3 '' \u201c \u00ab", "en"));
  for (const auto& h : hits) EXPECT_LE(h.begin, h.end);
  EXPECT_EQ(Label(Doc("   \n\n  ")), "none");
}

}  // namespace
}  // namespace framescope::classify
