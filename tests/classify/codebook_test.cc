#include "framescope/classify/codebook.h"

#include <gtest/gtest.h>

#include <set>

#include "framescope/classify/classifier.h"
#include "framescope/classify/cues.h"
#include "framescope/corpus/hash.h"

namespace framescope::classify {
namespace {

TEST(CodebookTest, DefaultCodebookLoads) {
  auto cb = Codebook::Load(DefaultCodebookPath());
  ASSERT_TRUE(cb) << cb.error().message;
  EXPECT_EQ(cb->labels(), (std::vector<std::string>{"alarmist", "balanced", "supportive"}));
  EXPECT_EQ(cb->hash().size(), 40u);
  for (const Frame& f : cb->frames()) {
    EXPECT_FALSE(f.description.empty()) << f.name;
    EXPECT_GE(f.cues.size(), 20u) << f.name;
    std::set<std::string> langs;
    for (const Cue& c : f.cues) langs.insert(c.language);
    for (const char* lang : {"en", "fr", "de", "es", "zh"}) {
      EXPECT_TRUE(langs.count(lang)) << f.name << " has no " << lang << " cues";
    }
  }
  for (const char* lang : {"en", "fr", "de", "es", "zh"}) {
    EXPECT_FALSE(cb->topic().at(lang).empty()) << lang;
    EXPECT_FALSE(cb->markers().rebuttal.at(lang).empty()) << lang;
    EXPECT_FALSE(cb->markers().attribution.at(lang).empty()) << lang;
  }
  EXPECT_EQ(cb->frames()[0].rebutted_counts_for, "balanced");
  EXPECT_FALSE(cb->markers().quotes.empty());
  for (const char* lang : {"en", "fr", "de", "es", "zh"}) {
    EXPECT_FALSE(cb->anchors().at(lang).empty()) << lang << " has no anchors";
  }
}

TEST(CodebookTest, AnchorsAreOptionalAndFoundInTheirLanguage) {
  auto plain = Codebook::Parse("[[frames]]\nname = \"a\"\n", "plain.toml");
  ASSERT_TRUE(plain);
  EXPECT_TRUE(plain->anchors().empty());
  auto cb = Codebook::Parse(
      "[topic]\nen = [\"social credit\"]\n[anchors]\nen = [\"China\"]\nzh = [\"中国\"]\n"
      "[[frames]]\nname = \"a\"\n",
      "anchors.toml");
  ASSERT_TRUE(cb) << cb.error().message;
  corpus::Document d;
  d.language = "en";
  d.text = "China's social credit system, as China explains it.";
  EXPECT_EQ(AnalyseDocument(*cb, d).anchor_terms, (std::vector<std::string>{"China"}));
  d.text = "A social credit system somewhere else.";
  EXPECT_TRUE(AnalyseDocument(*cb, d).anchor_terms.empty());
  d.language = "zh";
  d.text = "中國的社会信用体系。";  // Traditional spelling of the anchor
  EXPECT_EQ(AnalyseDocument(*cb, d).anchor_terms, (std::vector<std::string>{"中国"}));
}

TEST(CodebookTest, HashIsTheSha1OfTheText) {
  const std::string text = "[[frames]]\nname = \"x\"\n";
  auto a = Codebook::Parse(text, "a.toml");
  auto b = Codebook::Parse(text + "\n", "a.toml");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->hash(), corpus::Sha1Hex(text));
  EXPECT_NE(a->hash(), b->hash());
  EXPECT_EQ(a->text(), text);
}

struct BadCodebook {
  const char* toml;
  std::vector<const char*> expect;  // substrings of the error message
};

TEST(CodebookTest, MalformedCodebooksGiveErrorsNamingThePlace) {
  const std::vector<BadCodebook> cases = {
      {"[[frames]\nname = \"a\"\n", {"bad.toml:1:"}},
      {"[[frames]]\nname = \"a\nx", {"bad.toml:2:"}},
      {"", {"bad.toml", "no frames"}},
      {"[codebook]\ntitle = \"t\"\n", {"no frames"}},
      {"frames = 3\n", {"bad.toml:1:", "array of tables"}},
      {"[[frame]]\nname = \"a\"\n", {"unknown key 'frame'"}},
      {"[[frames]]\ndescription = \"d\"\n", {"bad.toml:1:", "frame 1 has no name"}},
      {"[[frames]]\nname = \"\"\n", {"frame 1 has no name"}},
      {"[[frames]]\nname = \"none\"\n", {"bad.toml:2:", "reserved"}},
      {"[[frames]]\nname = \"a\"\n[[frames]]\nname = \"a\"\n", {"frame 'a' is defined twice"}},
      {"[[frames]]\nname = \"a\"\n[frames.cues]\nen = [{ weight = 2.0 }]\n",
       {"bad.toml:4:", "frame 'a'", "cue 1 (en) has no text"}},
      {"[[frames]]\nname = \"a\"\n[frames.cues]\nen = [\"ok\", \"  \"]\n",
       {"frame 'a'", "cue 2 (en) has no text"}},
      {"[[frames]]\nname = \"a\"\n[frames.cues]\nen = [{ text = \"Orwellian\", weight = \"heavy\" "
       "}]\n",
       {"bad.toml:4:", "frame 'a': cue 'Orwellian' (en): weight must be a number"}},
      {"[[frames]]\nname = \"a\"\n[frames.cues]\nen = [{ text = \"x\", weight = -1 }]\n",
       {"frame 'a': cue 'x' (en): weight must be > 0"}},
      {"[[frames]]\nname = \"a\"\n[frames.cues]\nen = [{ text = \"x\", weigth = 2 }]\n",
       {"frame 'a'", "unknown key 'weigth'"}},
      {"[[frames]]\nname = \"a\"\n[frames.cues]\nen = [{ text = 5 }]\n",
       {"frame 'a'", "text must be a string"}},
      {"[[frames]]\nname = \"a\"\n[frames.cues]\nen = [3]\n",
       {"frame 'a': cue 1 (en) must be a string or a table"}},
      {"[[frames]]\nname = \"a\"\n[frames.cues]\nEN_us = [\"x\"]\n",
       {"bad.toml:4:", "frame 'a'", "'EN_us' is not a language code"}},
      {"[[frames]]\nname = \"a\"\n[frames.cues]\nenglish = [\"x\"]\n",
       {"'english' is not a language code"}},
      {"[[frames]]\nname = \"a\"\n[frames.cues]\nen = \"x\"\n",
       {"frame 'a': cues.en must be an array"}},
      {"[[frames]]\nname = \"a\"\ncues = 1\n", {"frame 'a': cues must be a table"}},
      {"[[frames]]\nname = \"a\"\n[frames.cues]\nen = [\"!!!\"]\n",
       {"frame 'a': cue '!!!' (en) has no word to match"}},
      {"[[frames]]\nname = \"a\"\nrebutted_counts_for = \"b\"\n",
       {"frame 'a': rebutted_counts_for 'b' must name another frame"}},
      {"[[frames]]\nname = \"a\"\nrebutted_counts_for = \"a\"\n", {"must name another frame"}},
      {"[[frames]]\nname = \"a\"\nprior = \"high\"\n", {"frame 'a': prior must be a number"}},
      {"[codebook]\ntemperature = 0\n[[frames]]\nname = \"a\"\n",
       {"bad.toml:2:", "temperature must be between"}},
      {"[codebook]\nversion = 2\n[[frames]]\nname = \"a\"\n", {"version must be 1"}},
      {"[codebook]\nnegation_window = 1.5\n[[frames]]\nname = \"a\"\n", {"negation_window"}},
      {"[codebook]\nrepeat_limit = -1\n[[frames]]\nname = \"a\"\n", {"repeat_limit"}},
      {"[voice]\nquoted = \"low\"\n[[frames]]\nname = \"a\"\n",
       {"[voice]: quoted must be a number"}},
      {"[voice]\nwhisper = 1\n[[frames]]\nname = \"a\"\n", {"unknown key 'whisper'"}},
      {"topic = [\"x\"]\n[[frames]]\nname = \"a\"\n", {"[topic] must be a table"}},
      {"[topic]\nen = [\"\"]\n[[frames]]\nname = \"a\"\n", {"[topic].en", "non-empty string"}},
      {"[topic]\nEnglish = [\"x\"]\n[[frames]]\nname = \"a\"\n", {"'English' is not a language"}},
      {"[markers]\nquotes = [[\"<\"]]\n[[frames]]\nname = \"a\"\n",
       {"bad.toml:2:", "quotes entry"}},
      {"[markers.rebuttal]\nen = [\"...\"]\n[[frames]]\nname = \"a\"\n",
       {"[markers.rebuttal] en: '...' has no word to match"}},
      {"[markers.irony]\nen = [\"x\"]\n[[frames]]\nname = \"a\"\n", {"unknown key 'irony'"}},
      {"anchors = [\"China\"]\n[[frames]]\nname = \"a\"\n", {"[anchors] must be a table"}},
      {"[anchors]\nen = [1]\n[[frames]]\nname = \"a\"\n", {"bad.toml:2:", "[anchors].en"}},
      {"[anchors]\nChinese = [\"x\"]\n[[frames]]\nname = \"a\"\n",
       {"'Chinese' is not a language code"}},
      {"[anchors]\nen = [\"--\"]\n[[frames]]\nname = \"a\"\n",
       {"[anchors] en: '--' has no word to match"}},
  };
  for (const auto& c : cases) {
    auto cb = Codebook::Parse(c.toml, "bad.toml");
    ASSERT_FALSE(cb) << "accepted:\n" << c.toml;
    EXPECT_EQ(cb.error().code, ErrorCode::kInvalidInput) << c.toml;
    for (const char* want : c.expect) {
      EXPECT_NE(cb.error().message.find(want), std::string::npos)
          << "message '" << cb.error().message << "' lacks '" << want << "' for:\n"
          << c.toml;
    }
  }
}

TEST(CodebookTest, MissingFileNamesThePath) {
  auto cb = Codebook::Load("/nonexistent/dir/codebook.toml");
  ASSERT_FALSE(cb);
  EXPECT_NE(cb.error().message.find("/nonexistent/dir/codebook.toml"), std::string::npos);
}

TEST(CodebookTest, CuesMayBeStringsOrTablesAndLanguagesMayBeAny) {
  auto cb = Codebook::Parse(R"toml(
[[frames]]
name = "a"
[frames.cues]
any = ["alpha"]
en = [{ text = "beta gamma", weight = 2, generic = true }]
)toml",
                            "ok.toml");
  ASSERT_TRUE(cb) << cb.error().message;
  const auto& cues = cb->frames()[0].cues;
  ASSERT_EQ(cues.size(), 2u);
  EXPECT_EQ(cues[0].language, "any");
  EXPECT_DOUBLE_EQ(cues[0].weight, 1.0);
  EXPECT_FALSE(cues[0].generic);
  EXPECT_EQ(cues[1].text, "beta gamma");
  EXPECT_DOUBLE_EQ(cues[1].weight, 2.0);
  EXPECT_TRUE(cues[1].generic);
}

// Nothing outside the default codebook may depend on its frame names: a codebook with other
// frames must classify just as well.
TEST(CodebookTest, ScholarsCanDefineTheirOwnFrames) {
  auto cb = Codebook::Parse(R"toml(
[codebook]
temperature = 1.0
[topic]
en = ["wind farm*"]
[markers.rebuttal]
en = ["far from"]
[[frames]]
name = "economic"
description = "jobs and money"
[frames.cues]
en = ["jobs", "investment"]
[[frames]]
name = "environmental"
description = "nature"
rebutted_counts_for = "economic"
[frames.cues]
en = ["birds", "landscape"]
)toml",
                            "energy.toml");
  ASSERT_TRUE(cb) << cb.error().message;
  Classifier clf = Classifier::FromCodebook(*cb);
  corpus::Document doc;
  doc.text = "The wind farm brings jobs and investment to the valley.";
  Prediction p = clf.Predict(doc);
  EXPECT_EQ(p.label, "economic");
  EXPECT_EQ(p.scores.size(), 3u);  // two frames + none
  doc.text = "The wind farm threatens birds and the landscape.";
  EXPECT_EQ(clf.Predict(doc).label, "environmental");
  doc.text = "Far from harming birds, the wind farm is quiet.";
  p = clf.Predict(doc);
  ASSERT_EQ(p.cues.size(), 1u);
  EXPECT_EQ(p.cues[0].voice, Voice::kRebutted);
  EXPECT_EQ(p.cues[0].counts_for, "economic");
  EXPECT_EQ(p.label, "economic");
  doc.text = "The cat slept all afternoon.";
  EXPECT_EQ(clf.Predict(doc).label, "none");
  EXPECT_NE(clf.Describe().find("energy.toml"), std::string::npos);
}

}  // namespace
}  // namespace framescope::classify
