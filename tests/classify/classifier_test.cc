#include "framescope/classify/classifier.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <numeric>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "framescope/corpus/study.h"
#include "fixtures.h"

namespace framescope::classify {
namespace {

namespace fs = std::filesystem;

const Codebook& Default() { return testing::DefaultCodebook(); }

class TempDir {
 public:
  TempDir() {
    path_ = fs::temp_directory_path() /
            ("framescope-classify-" +
             std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  fs::path path_;
};

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

corpus::Document Labelled(std::string id, std::string label, std::string text) {
  corpus::Document d;
  d.id = std::move(id);
  d.frame = std::move(label);
  d.language = "en";
  d.text = std::move(text);
  return d;
}

// A tiny synthetic training set: each label has its own made-up signal word that no codebook
// knows, so only a model that learns from the data can separate them.
std::vector<corpus::Document> Synthetic() {
  const std::vector<std::pair<std::string, std::string>> signal = {
      {"alarmist", "zorblax"}, {"balanced", "quimbly"}, {"supportive", "flurpen"}};
  const std::vector<std::string> filler = {
      "officials met on Monday",      "the report was published",   "a city in the east",
      "the rules took effect",        "reporters visited the town", "the plan was announced",
      "residents were asked",         "the court issued a notice",  "a company was listed",
      "the ministry said little more"};
  std::vector<corpus::Document> docs;
  for (std::size_t i = 0; i < filler.size(); ++i) {
    for (const auto& [label, word] : signal) {
      docs.push_back(Labelled(label + std::to_string(i), label,
                              "The social credit system is " + word + ". " + filler[i] + " and " +
                                  filler[(i + 3) % filler.size()] + ". It is " + word +
                                  " indeed."));
    }
  }
  return docs;
}

TEST(ClassifierTest, CodebookModelDescribesItselfAndScoresSumToOne) {
  Classifier clf = Classifier::FromCodebook(Default());
  EXPECT_FALSE(clf.trained());
  EXPECT_EQ(
      clf.Describe().rfind("codebook model (default.toml sha1 " + Default().hash().substr(0, 8), 0),
      0u)
      << clf.Describe();
  EXPECT_EQ(clf.labels(), (std::vector<std::string>{"alarmist", "balanced", "supportive", "none"}));
  corpus::Document d = Labelled("x", "", "The social credit system is an Orwellian nightmare.");
  Prediction p = clf.Predict(d);
  EXPECT_EQ(p.label, "alarmist");
  double sum = 0;
  for (const auto& [l, s] : p.scores) sum += s;
  EXPECT_NEAR(sum, 1.0, 1e-9);
  EXPECT_EQ(p.scores.size(), 4u);
  ASSERT_FALSE(p.topic_terms.empty());
  EXPECT_EQ(p.topic_terms[0], "social credit");
}

TEST(ClassifierTest, TrainingLearnsASeparableSignal) {
  auto clf = Train(Synthetic(), Default(), TrainOptions{});
  ASSERT_TRUE(clf) << clf.error().message;
  EXPECT_TRUE(clf->trained());
  EXPECT_EQ(clf->Describe().rfind("logistic regression trained on 30 docs", 0), 0u)
      << clf->Describe();
  const std::vector<std::pair<std::string, std::string>> unseen = {
      {"alarmist", "Observers in the capital call the social credit system zorblax."},
      {"balanced", "Observers in the capital call the social credit system quimbly."},
      {"supportive", "Observers in the capital call the social credit system flurpen."}};
  for (const auto& [label, text] : unseen) {
    Prediction p = clf->Predict(Labelled("t", "", text));
    EXPECT_EQ(p.label, label) << text;
    EXPECT_GT(p.scores.at(label), 0.5) << text;
  }
  // No "none" documents in training: the codebook rule still labels off-topic text.
  EXPECT_EQ(clf->Predict(Labelled("t", "", "The ferry was late again.")).label, "none");
}

TEST(ClassifierTest, TrainingIsDeterministicForASeed) {
  TempDir dir;
  TrainOptions opt;
  opt.seed = 7;
  auto a = Train(Synthetic(), Default(), opt);
  auto b = Train(Synthetic(), Default(), opt);
  ASSERT_TRUE(a && b);
  ASSERT_TRUE(a->Save(dir.File("a.json")));
  ASSERT_TRUE(b->Save(dir.File("b.json")));
  std::string ja = Slurp(dir.File("a.json"));
  EXPECT_FALSE(ja.empty());
  EXPECT_EQ(ja, Slurp(dir.File("b.json")));
  EXPECT_NE(ja.find("\"seed\": 7"), std::string::npos);
  EXPECT_NE(ja.find("\"data_sha1\""), std::string::npos);
  EXPECT_NE(ja.find(Default().hash()), std::string::npos);
  auto doc = Labelled("t", "", "The social credit system is zorblax but also quimbly.");
  EXPECT_EQ(a->Predict(doc).scores, b->Predict(doc).scores);
}

TEST(ClassifierTest, SaveLoadRoundTripGivesIdenticalPredictions) {
  TempDir dir;
  auto clf = Train(Synthetic(), Default(), TrainOptions{});
  ASSERT_TRUE(clf);
  ASSERT_TRUE(clf->Save(dir.File("model.json")));
  auto with_cb = Classifier::Load(dir.File("model.json"), &Default());
  ASSERT_TRUE(with_cb) << with_cb.error().message;
  auto embedded = Classifier::Load(dir.File("model.json"), nullptr);
  ASSERT_TRUE(embedded) << embedded.error().message;
  EXPECT_EQ(embedded->codebook().hash(), Default().hash());
  for (const char* text :
       {"The social credit system is zorblax.", "Quimbly, said the court.",
        "A flurpen, Orwellian and balanced social credit story.", "Nothing to see here."}) {
    auto doc = Labelled("t", "", text);
    Prediction p = clf->Predict(doc);
    EXPECT_EQ(p.scores, with_cb->Predict(doc).scores) << text;
    EXPECT_EQ(p.scores, embedded->Predict(doc).scores) << text;
    EXPECT_EQ(p.label, embedded->Predict(doc).label) << text;
  }
  EXPECT_EQ(clf->Describe(), embedded->Describe());
  EXPECT_EQ(clf->labels(), embedded->labels());

  // The codebook model round-trips too.
  Classifier cbm = Classifier::FromCodebook(Default());
  ASSERT_TRUE(cbm.Save(dir.File("codebook.json")));
  auto cbm2 = Classifier::Load(dir.File("codebook.json"), nullptr);
  ASSERT_TRUE(cbm2) << cbm2.error().message;
  EXPECT_FALSE(cbm2->trained());
  auto doc =
      Labelled("t", "", "Far from an Orwellian dystopia, the social credit system is a patchwork.");
  EXPECT_EQ(cbm.Predict(doc).scores, cbm2->Predict(doc).scores);
}

TEST(ClassifierTest, PredictingFromSegmentedWordsGivesTheSamePrediction) {
  auto trained = Train(Synthetic(), Default(), TrainOptions{});
  ASSERT_TRUE(trained);
  const Classifier codebook_model = Classifier::FromCodebook(Default());
  std::vector<corpus::Document> docs;
  auto add = [&](std::string lang, std::string title, std::string text) {
    corpus::Document d = Labelled("d" + std::to_string(docs.size()), "", std::move(text));
    d.language = std::move(lang);
    d.title = std::move(title);
    docs.push_back(std::move(d));
  };
  add("en", "A dystopian \"Black Mirror\" score?",
      "Far from an Orwellian dystopia, the social credit system is a patchwork of pilots. "
      "Critics say it is a digital dictatorship; officials speak of trustworthiness.");
  add("en", "", "The social credit system is zorblax. Quimbly, said the court.");
  add("fr", "Le crédit social, une dystopie ?",
      "La notation des citoyens fait peur, mais la liste noire des débiteurs est réelle.");
  add("de", "Überwachungsstaat China", "Das Sozialkreditsystem ist ein Flickenteppich.");
  add("zh", "社会信用体系建设", "失信被执行人名单是社会信用体系的一部分，守信激励，失信惩戒。");
  add("en", "Headline only", "");
  for (const Classifier* clf : {&codebook_model, static_cast<const Classifier*>(&*trained)}) {
    for (const corpus::Document& d : docs) {
      const corpus::DocumentTokens tokens{corpus::Tokenize(d.title), corpus::Tokenize(d.text)};
      const Prediction a = clf->Predict(d);
      const Prediction b = clf->Predict(d, tokens);
      EXPECT_EQ(a.label, b.label) << d.id;
      EXPECT_EQ(a.scores, b.scores) << d.id;
      EXPECT_EQ(a.sentences, b.sentences) << d.id;
      EXPECT_EQ(a.sentence_positions, b.sentence_positions) << d.id;
      EXPECT_EQ(a.topic_terms, b.topic_terms) << d.id;
      ASSERT_EQ(a.cues.size(), b.cues.size()) << d.id;
    }
  }
}

TEST(ClassifierTest, LoadRejectsAModelOfAnotherCodebook) {
  TempDir dir;
  auto clf = Train(Synthetic(), Default(), TrainOptions{});
  ASSERT_TRUE(clf && clf->Save(dir.File("model.json")));
  auto other = Codebook::Parse("[[frames]]\nname = \"alarmist\"\n", "other.toml");
  ASSERT_TRUE(other);
  auto loaded = Classifier::Load(dir.File("model.json"), &*other);
  ASSERT_FALSE(loaded);
  EXPECT_NE(loaded.error().message.find(dir.File("model.json")), std::string::npos);
  EXPECT_NE(loaded.error().message.find("other.toml"), std::string::npos);
}

TEST(ClassifierTest, MalformedModelFilesGiveErrorsNamingTheFile) {
  TempDir dir;
  auto clf = Train(Synthetic(), Default(), TrainOptions{});
  ASSERT_TRUE(clf && clf->Save(dir.File("good.json")));
  const std::string good = Slurp(dir.File("good.json"));
  auto replace = [&](const std::string& from, const std::string& to) {
    std::string s = good;
    auto pos = s.find(from);
    EXPECT_NE(pos, std::string::npos) << from;
    if (pos != std::string::npos) s.replace(pos, from.size(), to);
    return s;
  };
  const std::vector<std::string> bad = {
      "",
      "not json at all",
      "[1, 2, 3]",
      "{\"format\": \"something-else\", \"version\": 1}",
      replace("\"version\": 2", "\"version\": 1"),  // a model of the previous feature set
      replace("\"version\": 2", "\"version\": 99"),
      replace("\"type\": \"logistic_regression\"", "\"type\": \"random_forest\""),
      replace("\"encoding\": \"sparse-varint-f16-le-base64\"", "\"encoding\": \"text\""),
      replace("\"data\": \"", "\"data\": \"!!!!"),
      replace("\"data\": \"", "\"data\": \"AAAA"),      // three extra bytes: records misaligned
      replace("\"data\": \"", "\"data\": \"////"),      // a varint that never ends
      replace("\"data\": \"", "\"data\": \"/////w8A"),  // a gap beyond the buckets
      replace("\"rows\": ", "\"rows\": 1"),             // more records announced than stored
      replace("\"word_scale\": ", "\"word_scale\": -"),
      replace("\"char_ngram\": 4", "\"char_ngram\": 3"),
      replace("\"hash_bits\": 18", "\"hash_bits\": 40"),
      replace("\"classes\": [", "\"classes\": [\"mystery\", "),
      replace("\"temperature\": ", "\"temperature\": -"),
      replace("\"bias\": [", "\"bias\": [0.5, "),
      replace("\"codebook\": {", "\"codebook_gone\": {"),
      good.substr(0, good.size() / 2),
  };
  for (std::size_t i = 0; i < bad.size(); ++i) {
    std::string path = dir.File("bad" + std::to_string(i) + ".json");
    ASSERT_TRUE(corpus::WriteFileAtomic(path, bad[i]));
    auto loaded = Classifier::Load(path, nullptr);
    ASSERT_FALSE(loaded) << "case " << i << " accepted";
    EXPECT_NE(loaded.error().message.find(path), std::string::npos)
        << "case " << i << ": " << loaded.error().message;
  }
  auto missing = Classifier::Load(dir.File("missing.json"), nullptr);
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("missing.json"), std::string::npos);
}

TEST(ClassifierTest, TrainingRejectsBadLabels) {
  EXPECT_FALSE(Train({}, Default(), TrainOptions{}));
  auto docs = Synthetic();
  docs[4].frame = "";
  auto r = Train(docs, Default(), TrainOptions{});
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find(docs[4].id), std::string::npos);
  docs = Synthetic();
  docs[2].frame = "alarmst";
  r = Train(docs, Default(), TrainOptions{});
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("alarmst"), std::string::npos);
  docs = Synthetic();
  for (auto& d : docs) d.frame = "balanced";
  EXPECT_FALSE(Train(docs, Default(), TrainOptions{}));
  TrainOptions bad;
  bad.epochs = 0;
  EXPECT_FALSE(Train(Synthetic(), Default(), bad));
  bad = TrainOptions{};
  bad.l2 = 10;  // would make the SGD shrinkage factor negative
  EXPECT_FALSE(Train(Synthetic(), Default(), bad));
}

TEST(ClassifierTest, NoneCanBeLearnedAsAClass) {
  // Off-topic documents that still use a topic term ("blacklist"), so only the trained "none"
  // class, not the codebook's topic rule, can recognise them.
  auto docs = Synthetic();
  for (int i = 0; i < 10; ++i) {
    docs.push_back(Labelled("n" + std::to_string(i), "none",
                            "The mail server landed on a spam blacklist, the provider said, "
                            "and the harbour festival newsletter bounced " +
                                std::to_string(i) + " times."));
  }
  auto clf = Train(docs, Default(), TrainOptions{});
  ASSERT_TRUE(clf) << clf.error().message;
  EXPECT_EQ(clf->labels(),
            (std::vector<std::string>{"alarmist", "balanced", "supportive", "none"}));
  auto spam = Labelled("t", "", "Our newsletter bounced: the mail server is on a spam blacklist.");
  ASSERT_TRUE(AnalyseDocument(Default(), spam).on_topic);
  EXPECT_EQ(clf->Predict(spam).label, "none");
  EXPECT_EQ(clf->Predict(Labelled("t", "", "The social credit system is flurpen.")).label,
            "supportive");
}

TEST(ClassifierTest, EveryModelLabelsTextWithoutTopicEvidenceNone) {
  // The codebook's topic rule comes first, even for a model that learned "none" as a class from
  // on-topic-looking documents only.
  auto docs = Synthetic();
  for (int i = 0; i < 10; ++i) {
    docs.push_back(Labelled("n" + std::to_string(i), "none",
                            "The spam blacklist grew by " + std::to_string(i) + " servers."));
  }
  auto clf = Train(docs, Default(), TrainOptions{});
  ASSERT_TRUE(clf) << clf.error().message;
  auto ferry = Labelled("t", "", "The ferry was late again; zorblax, said the captain.");
  ASSERT_FALSE(AnalyseDocument(Default(), ferry).on_topic);
  Prediction p = clf->Predict(ferry);
  EXPECT_EQ(p.label, "none");
  EXPECT_DOUBLE_EQ(p.scores.at("none"), 1.0);
}

TEST(ClassifierTest, CrossValidationReportsPerFrameMetricsAndConfusion) {
  auto docs = Synthetic();
  auto ev = CrossValidate(docs, Default(), 5, TrainOptions{});
  ASSERT_TRUE(ev) << ev.error().message;
  EXPECT_EQ(ev->n, docs.size());
  EXPECT_EQ(ev->folds, 5);
  std::size_t total = 0;
  for (const auto& [gold, row] : ev->confusion) {
    for (const auto& [pred, n] : row) total += n;
  }
  EXPECT_EQ(total, docs.size());
  for (const char* label : {"alarmist", "balanced", "supportive"}) {
    ASSERT_TRUE(ev->per_frame.count(label)) << label;
    EXPECT_EQ(ev->per_frame.at(label).support, 10u);
    EXPECT_GE(ev->per_frame.at(label).f1, 0.0);
    EXPECT_LE(ev->per_frame.at(label).f1, 1.0);
  }
  EXPECT_GT(ev->accuracy, 0.8);  // the signal is separable
  EXPECT_LE(ev->accuracy_ci.first, ev->accuracy);
  EXPECT_GE(ev->accuracy_ci.second, ev->accuracy);
  EXPECT_LE(ev->macro_f1_ci.first, ev->macro_f1_ci.second);
  ASSERT_TRUE(ev->per_language.count("en"));
  EXPECT_EQ(ev->per_language.at("en").n, docs.size());
  // Same seed, same evaluation.
  auto again = CrossValidate(docs, Default(), 5, TrainOptions{});
  ASSERT_TRUE(again);
  EXPECT_EQ(EvaluationToJson(*ev), EvaluationToJson(*again));

  EXPECT_FALSE(CrossValidate(docs, Default(), 1, TrainOptions{}));
  EXPECT_FALSE(CrossValidate(docs, Default(), 31, TrainOptions{}));
}

TEST(ClassifierTest, StratifiedFoldsAreBalancedAndSeeded) {
  std::vector<std::string> labels;
  for (int i = 0; i < 12; ++i) labels.push_back("a");
  for (int i = 0; i < 7; ++i) labels.push_back("b");
  for (int i = 0; i < 3; ++i) labels.push_back("c");
  auto folds = StratifiedFolds(labels, 4, 42);
  ASSERT_EQ(folds.size(), labels.size());
  std::map<int, int> size;
  std::map<std::string, std::map<int, int>> per_label;
  for (std::size_t i = 0; i < folds.size(); ++i) {
    ASSERT_GE(folds[i], 0);
    ASSERT_LT(folds[i], 4);
    ++size[folds[i]];
    ++per_label[labels[i]][folds[i]];
  }
  for (const auto& [f, n] : size) EXPECT_TRUE(n == 5 || n == 6) << "fold " << f << ": " << n;
  for (int f = 0; f < 4; ++f) EXPECT_EQ(per_label["a"][f], 3) << f;
  EXPECT_EQ(folds, StratifiedFolds(labels, 4, 42));
  EXPECT_NE(folds, StratifiedFolds(labels, 4, 43));
}

TEST(ClassifierTest, CrossValidationOnGivenFoldsHoldsOutEachGroup) {
  // Two "writers" with different filler sentences; leave-one-writer-out.
  auto docs = Synthetic();
  std::vector<int> writer;
  for (std::size_t i = 0; i < docs.size(); ++i) writer.push_back(i < docs.size() / 2 ? 0 : 1);
  auto ev = CrossValidateFolds(docs, Default(), writer, TrainOptions{});
  ASSERT_TRUE(ev) << ev.error().message;
  EXPECT_EQ(ev->n, docs.size());
  EXPECT_EQ(ev->folds, 2);
  EXPECT_GT(ev->accuracy, 0.8);
  // CrossValidate is CrossValidateFolds on StratifiedFolds.
  std::vector<std::string> labels;
  for (const auto& d : docs) labels.push_back(d.frame);
  auto a = CrossValidate(docs, Default(), 3, TrainOptions{});
  auto b = CrossValidateFolds(docs, Default(), StratifiedFolds(labels, 3, 42), TrainOptions{});
  ASSERT_TRUE(a && b);
  EXPECT_EQ(EvaluationToJson(*a), EvaluationToJson(*b));

  EXPECT_FALSE(CrossValidateFolds(docs, Default(), {0, 1}, TrainOptions{}));  // wrong length
  EXPECT_FALSE(CrossValidateFolds(docs, Default(), std::vector<int>(docs.size(), 0),
                                  TrainOptions{}));  // one fold only
  std::vector<int> negative(docs.size(), 1);
  negative[0] = -1;
  EXPECT_FALSE(CrossValidateFolds(docs, Default(), negative, TrainOptions{}));
  // A fold whose training part holds a single label cannot be trained.
  std::vector<int> by_label;
  for (const auto& d : docs) by_label.push_back(d.frame == "alarmist" ? 0 : 1);
  auto r = CrossValidateFolds(docs, Default(), by_label, TrainOptions{});
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("fold 2"), std::string::npos) << r.error().message;
}

TEST(ClassifierTest, WordScaleIsChosenOnInternalFoldsAndRecorded) {
  TempDir dir;
  TrainOptions opt;
  opt.word_scales = {5, 20};
  auto clf = Train(Synthetic(), Default(), opt);
  ASSERT_TRUE(clf) << clf.error().message;
  ASSERT_TRUE(clf->Save(dir.File("m.json")));
  const std::string text = Slurp(dir.File("m.json"));
  EXPECT_NE(text.find("\"word_scale_selection\""), std::string::npos);
  EXPECT_NE(text.find("\"word_scale\": 5.0"), std::string::npos) << text.substr(0, 2000);
  EXPECT_NE(text.find("\"word_scale\": 20.0"), std::string::npos);
  // A fixed scale: nothing to choose, nothing recorded but the scale.
  opt.word_scales.clear();
  opt.word_scale = 7;
  auto fixed = Train(Synthetic(), Default(), opt);
  ASSERT_TRUE(fixed && fixed->Save(dir.File("f.json")));
  const std::string f = Slurp(dir.File("f.json"));
  EXPECT_NE(f.find("\"word_scale\": 7.0"), std::string::npos);
  auto back = Classifier::Load(dir.File("f.json"), nullptr);
  ASSERT_TRUE(back) << back.error().message;
  auto doc = Labelled("t", "", "The social credit system is quimbly.");
  EXPECT_EQ(back->Predict(doc).scores, fixed->Predict(doc).scores);

  for (double bad : {0.0, -1.0, std::nan("")}) {
    TrainOptions b;
    b.word_scales = {10, bad};
    EXPECT_FALSE(Train(Synthetic(), Default(), b)) << bad;
    b.word_scales.clear();
    b.word_scale = bad;
    EXPECT_FALSE(Train(Synthetic(), Default(), b)) << bad;
  }
}

TEST(ClassifierTest, TheVoiceOfACueDecidesWhatTheModelLearns) {
  // Same vocabulary, different voice: alarmist pieces use the cues in their own voice, balanced
  // pieces quote and reject them. Only the cue:<frame>:<voice> features separate the two.
  std::vector<corpus::Document> docs;
  const std::vector<std::string> places = {"Rongcheng", "Suzhou",  "Hangzhou", "Xiamen",
                                           "Wuhan",     "Chengdu", "Nanjing",  "Qingdao"};
  for (std::size_t i = 0; i < places.size(); ++i) {
    docs.push_back(Labelled("a" + std::to_string(i), "alarmist",
                            "In " + places[i] +
                                ", the social credit system is an Orwellian "
                                "dystopia and a digital dictatorship."));
    docs.push_back(Labelled("b" + std::to_string(i), "balanced",
                            "In " + places[i] +
                                ", the social credit system is far from an "
                                "Orwellian dystopia or a digital dictatorship."));
  }
  auto clf = Train(docs, Default(), TrainOptions{});
  ASSERT_TRUE(clf) << clf.error().message;
  EXPECT_EQ(clf->Predict(Labelled("t", "",
                                  "In Shenzhen, the social credit system is an "
                                  "Orwellian dystopia and a digital dictatorship."))
                .label,
            "alarmist");
  EXPECT_EQ(clf->Predict(Labelled("t", "",
                                  "In Shenzhen, the social credit system is far from "
                                  "an Orwellian dystopia or a digital dictatorship."))
                .label,
            "balanced");
}

TEST(ClassifierTest, EvaluationSurvivesJsonAndTheModelFile) {
  auto ev = EvaluatePredictions({"a", "a", "b", "b", "c"}, {"a", "b", "b", "b", "a"},
                                {"en", "en", "fr", "fr", "zh"}, 1);
  ASSERT_TRUE(ev);
  EXPECT_DOUBLE_EQ(ev->accuracy, 0.6);
  EXPECT_EQ(ev->confusion.at("a").at("b"), 1u);
  EXPECT_EQ(ev->confusion.at("c").at("a"), 1u);
  EXPECT_DOUBLE_EQ(ev->per_frame.at("b").precision, 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(ev->per_frame.at("b").recall, 1.0);
  EXPECT_DOUBLE_EQ(ev->per_frame.at("c").f1, 0.0);
  EXPECT_DOUBLE_EQ(ev->per_language.at("fr").accuracy, 1.0);
  auto back = EvaluationFromJson(EvaluationToJson(*ev));
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(EvaluationToJson(*back), EvaluationToJson(*ev));
  EXPECT_FALSE(EvaluationFromJson("{\"n\": 3}"));
  EXPECT_FALSE(EvaluatePredictions({"a"}, {}, {}, 1));
  EXPECT_FALSE(EvaluatePredictions({}, {}, {}, 1));

  TempDir dir;
  Classifier clf = Classifier::FromCodebook(Default());
  clf.SetEvaluation(*ev);
  ASSERT_TRUE(clf.Save(dir.File("m.json")));
  auto loaded = Classifier::Load(dir.File("m.json"), nullptr);
  ASSERT_TRUE(loaded) << loaded.error().message;
  ASSERT_TRUE(loaded->evaluation().has_value());
  EXPECT_EQ(EvaluationToJson(*loaded->evaluation()), EvaluationToJson(*ev));
}

TEST(ClassifierTest, EvaluateClassifierScoresTheCodebookModel) {
  std::vector<corpus::Document> docs = {
      Labelled("1", "alarmist", "The social credit system is an Orwellian dystopia."),
      Labelled("2", "none", "The ferry was late again."),
      Labelled("3", "balanced", "The social credit system is a patchwork of pilots.")};
  auto ev = EvaluateClassifier(Classifier::FromCodebook(Default()), docs);
  ASSERT_TRUE(ev) << ev.error().message;
  EXPECT_DOUBLE_EQ(ev->accuracy, 1.0);
  docs[0].frame.clear();
  EXPECT_FALSE(EvaluateClassifier(Classifier::FromCodebook(Default()), docs));
}

TEST(ClassifierTest, LeastCertainPicksTheSmallestMargins) {
  auto pred = [](double a, double b, double c) {
    Prediction p;
    p.scores = {{"a", a}, {"b", b}, {"c", c}};
    return p;
  };
  std::vector<Prediction> preds = {pred(0.9, 0.05, 0.05),   // margin 0.85
                                   pred(0.4, 0.35, 0.25),   // 0.05
                                   pred(0.5, 0.3, 0.2),     // 0.2
                                   pred(0.34, 0.33, 0.33),  // 0.01
                                   pred(1.0, 0.0, 0.0)};    // 1.0
  EXPECT_EQ(LeastCertain(preds, 2), (std::vector<std::size_t>{3, 1}));
  EXPECT_EQ(LeastCertain(preds, 10), (std::vector<std::size_t>{3, 1, 2, 0, 4}));
  EXPECT_TRUE(LeastCertain(preds, 0).empty());
  EXPECT_TRUE(LeastCertain({}, 3).empty());
}

TEST(ClassifierTest, PredictIsSafeFromSeveralThreads) {
  auto clf = Train(Synthetic(), Default(), TrainOptions{});
  ASSERT_TRUE(clf);
  const std::vector<std::string> texts = {
      "The social credit system is zorblax.", "这并非西方媒体所说的“黑镜”，而是诚信建设。",
      "Loin de la dystopie, le crédit social est une mosaïque.", "Quimbly social credit."};
  std::vector<std::map<std::string, double>> expected;
  for (const auto& t : texts) expected.push_back(clf->Predict(Labelled("t", "", t)).scores);
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int w = 0; w < 4; ++w) {
    threads.emplace_back([&, w] {
      for (int round = 0; round < 20; ++round) {
        for (std::size_t i = 0; i < texts.size(); ++i) {
          if (clf->Predict(Labelled("t", "", texts[i])).scores != expected[i]) ++mismatches[w];
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(std::accumulate(mismatches.begin(), mismatches.end(), 0), 0);
}

}  // namespace
}  // namespace framescope::classify
