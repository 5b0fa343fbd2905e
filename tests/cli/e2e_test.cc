// Runs `framescope demo` once into a temporary study, then asks the study questions through the
// real binary and checks the answers against the demo site's own gold file.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "framescope/corpus/hash.h"

namespace {

struct Outcome {
  int code = -1;
  std::string out;
};

Outcome Exec(const std::string& args) {
  std::string cmd = std::string(FRAMESCOPE_BIN) + " " + args + " 2>/dev/null";
  Outcome r;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return r;
  std::array<char, 65536> buf;
  std::size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  int status = ::pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::vector<nlohmann::json> JsonLines(const std::string& s) {
  std::vector<nlohmann::json> out;
  std::istringstream in(s);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) out.push_back(nlohmann::json::parse(line));
  return out;
}

class DemoStudy : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    study_ = new std::string(::testing::TempDir() + "/e2e_demo_" + std::to_string(::getpid()));
    std::filesystem::remove_all(*study_);
    demo_ = new Outcome(Exec("demo --study " + *study_));
    std::ifstream gold(std::string(FRAMESCOPE_SOURCE_DIR) + "/data/demo-site/gold.jsonl");
    std::string line;
    gold_ = new std::vector<nlohmann::json>();
    while (std::getline(gold, line)) gold_->push_back(nlohmann::json::parse(line));
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*study_);
    delete study_;
    delete demo_;
    delete gold_;
  }
  static std::string S() { return " --study " + *study_; }
  static std::string* study_;
  static Outcome* demo_;
  static std::vector<nlohmann::json>* gold_;
};
std::string* DemoStudy::study_ = nullptr;
Outcome* DemoStudy::demo_ = nullptr;
std::vector<nlohmann::json>* DemoStudy::gold_ = nullptr;

TEST_F(DemoStudy, DemoRunsAndIndexesEveryArticle) {
  ASSERT_EQ(demo_->code, 0) << demo_->out;
  EXPECT_NE(demo_->out.find("framescope search"), std::string::npos) << "next steps are printed";
  EXPECT_TRUE(std::filesystem::exists(*study_ + "/reports/demo.html"));
  auto facets = Exec("facets '*' --by outlet --format json" + S());
  ASSERT_EQ(facets.code, 0);
  auto counts = nlohmann::json::parse(facets.out)["counts"];
  std::size_t total = 0;
  for (auto& [k, v] : counts.items()) total += v.get<std::size_t>();
  EXPECT_EQ(total, gold_->size()) << "every article crawled, extracted and indexed once";
  EXPECT_EQ(counts.size(), 14u) << "outlets";
  auto langs = nlohmann::json::parse(Exec("facets '*' --by language --format json" + S()).out)["counts"];
  std::map<std::string, std::size_t> gold_langs;
  for (const auto& g : *gold_) ++gold_langs[g["language"].get<std::string>()];
  for (const auto& [lang, n] : gold_langs) EXPECT_EQ(langs.value(lang, 0u), n) << lang;
}

TEST_F(DemoStudy, RobotsDisallowedDraftsAreNotIndexed) {
  auto r = Exec("search 'DRAFT' --format jsonl --limit 50" + S());
  ASSERT_EQ(r.code, 0);
  for (const auto& h : JsonLines(r.out))
    EXPECT_EQ(h["title"].get<std::string>().find("must not be crawled"), std::string::npos);
}

TEST_F(DemoStudy, KnownAlarmistArticleFoundByPhraseAndLabelledAlarmist) {
  // The gold file's alarmist English articles: at least one found by its title phrase is alarmist.
  std::size_t checked = 0, right = 0;
  for (const auto& g : *gold_) {
    if (g["frame"] != "alarmist" || g["language"] != "en") continue;
    std::string title = g["title"];
    if (title.find('"') != std::string::npos || title.find('\'') != std::string::npos) continue;
    auto r = Exec("search 'title:\"" + title + "\"' --format jsonl --limit 3" + S());
    ASSERT_EQ(r.code, 0) << title;
    auto hits = JsonLines(r.out);
    ASSERT_FALSE(hits.empty()) << title;
    EXPECT_EQ(hits[0]["url"], g["url"]);
    ++checked;
    if (hits[0]["frame"] == "alarmist") ++right;
  }
  ASSERT_GT(checked, 5u);
  EXPECT_GE(right * 10, checked * 6) << right << " of " << checked << " labelled alarmist";
}

TEST_F(DemoStudy, CitationNamesItsWarcRecord) {
  auto r = Exec("search '\"black mirror\"' --format jsonl --limit 1" + S());
  ASSERT_EQ(r.code, 0);
  auto hits = JsonLines(r.out);
  ASSERT_EQ(hits.size(), 1u);
  std::string id = hits[0]["id"];
  std::string record = hits[0]["archive"]["record_id"];
  ASSERT_FALSE(record.empty());
  auto cite = Exec("cite " + id + " --style apa" + S());
  ASSERT_EQ(cite.code, 0);
  EXPECT_NE(cite.out.find(record), std::string::npos) << cite.out;
  auto csl = Exec("cite " + id + " --style csl-json" + S());
  ASSERT_EQ(csl.code, 0);
  auto j = nlohmann::json::parse(csl.out);
  EXPECT_EQ(j[0]["type"], "article-newspaper");
}

TEST_F(DemoStudy, TrendCountsEqualSearchCounts) {
  auto t = Exec("trend --by year --group type --format csv" + S());
  ASSERT_EQ(t.code, 0);
  std::istringstream in(t.out);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line.rfind("period,type,frame,count,total,share,ci_low,ci_high", 0), 0u) << line;
  int compared = 0;
  while (std::getline(in, line) && compared < 6) {
    std::vector<std::string> f;
    std::stringstream ls(line);
    std::string cell;
    while (std::getline(ls, cell, ',')) f.push_back(cell);
    ASSERT_GE(f.size(), 5u);
    if (f[3] == "0" || f[1].empty()) continue;
    auto s = Exec("search 'type:" + f[1] + " frame:" + f[2] + " date:" + f[0] +
                  "' --format json --limit 0" + S());
    ASSERT_EQ(s.code, 0);
    EXPECT_EQ(std::to_string(nlohmann::json::parse(s.out)["total"].get<std::size_t>()), f[3]) << line;
    ++compared;
  }
  EXPECT_GT(compared, 0);
}

TEST_F(DemoStudy, BadQueryIsAUsageStyleErrorNotACrash) {
  auto r = Exec("search '\"unclosed AND (' " + S());
  EXPECT_NE(r.code, 0);
  EXPECT_LT(r.code, 3);
  auto missing = Exec("search x --study /nonexistent/study");
  EXPECT_EQ(missing.code, 1);
  auto usage = Exec("search");
  EXPECT_EQ(usage.code, 2);
}

TEST_F(DemoStudy, KwicExplainKeynessSuggestAndReportAnswer) {
  auto kwic = Exec("kwic '\"black mirror\"' --format jsonl --limit 5" + S());
  ASSERT_EQ(kwic.code, 0);
  auto lines = JsonLines(kwic.out);
  ASSERT_FALSE(lines.empty());
  for (const auto& l : lines) {
    std::string m = l["match"];
    std::transform(m.begin(), m.end(), m.begin(), ::tolower);
    EXPECT_EQ(m, "black mirror");
  }
  auto zh = Exec("kwic 失信被执行人 --format jsonl --limit 3" + S());
  ASSERT_EQ(zh.code, 0);
  EXPECT_FALSE(JsonLines(zh.out).empty()) << "Chinese word query in KWIC";
  std::string id = lines[0]["id"];
  auto explain = Exec("explain " + id + S());
  ASSERT_EQ(explain.code, 0);
  EXPECT_NE(explain.out.find("label:"), std::string::npos);
  EXPECT_NE(explain.out.find("voice"), std::string::npos);
  auto key = Exec("keyness --a frame:alarmist --b frame:balanced --format csv --top 5" + S());
  ASSERT_EQ(key.code, 0);
  EXPECT_EQ(key.out.rfind("term,freq_a,freq_b,size_a,size_b,log_likelihood,log_ratio", 0), 0u);
  EXPECT_EQ(key.out.find(",'-"), std::string::npos) << "numbers stay numbers in CSV";
  auto col = Exec("collocates credit --format csv --min-freq 2" + S());
  ASSERT_EQ(col.code, 0);
  EXPECT_EQ(col.out.rfind("collocate,freq_with_node", 0), 0u) << col.out.substr(0, 200);
  auto norm = Exec("trend '\"social credit\"' --normalize --format csv" + S());
  ASSERT_EQ(norm.code, 0);
  EXPECT_NE(norm.out.find(",matched\n"), std::string::npos);
  auto sug = Exec("suggest --n 3 --format jsonl" + S());
  ASSERT_EQ(sug.code, 0);
  EXPECT_EQ(JsonLines(sug.out).size(), 3u);
  std::string out = *study_ + "/reports/t.html";
  ASSERT_EQ(Exec("report 'lang:en' --out " + out + S()).code, 0);
  std::ifstream html(out);
  std::stringstream page_stream;
  page_stream << html.rdbuf();
  std::string page = page_stream.str();
  EXPECT_NE(page.find("<svg"), std::string::npos);
  // The manifest names the model that labelled the index by its file's SHA-1.
  std::ifstream model(std::string(FRAMESCOPE_SOURCE_DIR) + "/data/models/default.json",
                      std::ios::binary);
  std::stringstream model_bytes;
  model_bytes << model.rdbuf();
  EXPECT_NE(page.find("file default.json sha1 " + framescope::corpus::Sha1Hex(model_bytes.str())),
            std::string::npos);
}

TEST_F(DemoStudy, ReindexChangesNothingAndImportAddsDocuments) {
  auto count = [&] {
    auto r = Exec("search '*' --format json --limit 0" + S());
    return nlohmann::json::parse(r.out)["total"].get<std::size_t>();
  };
  std::size_t before = count();
  ASSERT_EQ(Exec("index" + S()).code, 0);
  EXPECT_EQ(count(), before);
  std::string jsonl = *study_ + "/extra.jsonl";
  {
    std::ofstream f(jsonl);
    f << R"({"id":"extra-1","title":"A court list","text":"The court list of judgment defaulters is one piece of a patchwork of pilots, not a single score.","language":"en","published":"2021-05-01"})" << "\n";
    f << "{not json\n";
  }
  ASSERT_EQ(Exec("import " + jsonl + S()).code, 0);
  ASSERT_EQ(Exec("index" + S()).code, 0);
  EXPECT_EQ(count(), before + 1);
  auto got = Exec("search 'patchwork AND pilots AND date:2021-05' --format jsonl" + S());
  EXPECT_NE(got.out.find("extra-1"), std::string::npos);
}

TEST_F(DemoStudy, IndexKilledMidRunOpensAndTheNextRunFinishes) {
  auto total = [&]() -> long {
    auto r = Exec("search '*' --format json --limit 0" + S());
    if (r.code != 0) return -1;
    return static_cast<long>(nlohmann::json::parse(r.out)["total"].get<std::size_t>());
  };
  long before = total();
  ASSERT_GT(before, 0);
  std::filesystem::remove_all(*study_ + "/index");
  std::string cmd = std::string(FRAMESCOPE_BIN) + " index --study " + *study_ +
                    " >/dev/null 2>&1 & pid=$!; sleep 0.4; kill -9 $pid; wait $pid 2>/dev/null; true";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  long partial = total();
  if (std::filesystem::exists(*study_ + "/index")) {
    EXPECT_GE(partial, 0) << "the index must open after kill -9 (at its last commit)";
  }
  EXPECT_LE(partial, before);
  ASSERT_EQ(Exec("index" + S()).code, 0);
  EXPECT_EQ(total(), before) << "the next run finishes the job";
}

TEST_F(DemoStudy, ClassifyInputAndAgreeWorkWithoutAStudy) {
  std::string dir = *study_ + "/coders";
  std::filesystem::create_directories(dir);
  {
    std::ofstream a(dir + "/a.jsonl"), b(dir + "/b.jsonl");
    const char* la[] = {"alarmist", "balanced", "balanced", "supportive", "alarmist", "balanced"};
    const char* lb[] = {"alarmist", "balanced", "alarmist", "supportive", "alarmist", "balanced"};
    for (int i = 0; i < 6; ++i) {
      a << "{\"id\":\"u" << i << "\",\"text\":\"x\",\"label\":\"" << la[i] << "\"}\n";
      b << "{\"id\":\"u" << i << "\",\"text\":\"x\",\"label\":\"" << lb[i] << "\"}\n";
    }
  }
  auto agree = Exec("agree " + dir + "/a.jsonl " + dir + "/b.jsonl");
  ASSERT_EQ(agree.code, 0);
  auto j = nlohmann::json::parse(agree.out);
  EXPECT_EQ(j["units"], 6);
  EXPECT_GT(j["cohen_kappa"].get<double>(), 0.5);
  EXPECT_LT(j["cohen_kappa"].get<double>(), 1.0);
  {
    std::ofstream in(dir + "/in.jsonl");
    in << R"({"id":"t1","language":"en","title":"Big Brother is scoring you","text":"China's Orwellian citizen score is a digital dictatorship that watches every move."})" << "\n";
  }
  auto cls = Exec("classify --input " + dir + "/in.jsonl");
  ASSERT_EQ(cls.code, 0);
  auto docs = JsonLines(cls.out);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0]["frame"], "alarmist");
}

// train outside the demo study: the codebook of the study named by --study (a scholar's own), and
// the cross-validated evaluation stored in the model file.
TEST_F(DemoStudy, TrainUsesTheStudysCodebookAndStoresItsEvaluation) {
  const std::string dir = *study_ + "-train";
  std::filesystem::remove_all(dir);
  ASSERT_EQ(Exec("init " + dir).code, 0);
  const std::string src = FRAMESCOPE_SOURCE_DIR;
  std::string codebook;
  {
    std::ifstream in(src + "/data/codebook/default.toml", std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    codebook = ss.str() + "\n# This study's copy.\n";
  }
  std::ofstream(dir + "/mine.toml", std::ios::binary) << codebook;
  {
    std::ifstream in(dir + "/framescope.toml");
    std::stringstream ss;
    ss << in.rdbuf();
    std::string toml = ss.str();
    const std::string from = "codebook = \"\"";
    const std::size_t at = toml.find(from);
    ASSERT_NE(at, std::string::npos) << toml;
    toml.replace(at, from.size(), "codebook = \"mine.toml\"");
    std::ofstream(dir + "/framescope.toml") << toml;
  }
  const std::string model = dir + "/model.json";
  auto tr = Exec("train " + src + "/data/labelled/en.jsonl --folds 3 --out " + model +
                 " --study " + dir);
  ASSERT_EQ(tr.code, 0);
  std::ifstream in(model);
  const auto m = nlohmann::json::parse(in);
  EXPECT_EQ(m["codebook"]["sha1"], framescope::corpus::Sha1Hex(codebook));
  ASSERT_TRUE(m.contains("evaluation"));
  EXPECT_EQ(m["evaluation"]["folds"], 3);
  EXPECT_EQ(m["evaluation"]["n"], 90);
  EXPECT_GT(m["evaluation"]["macro_f1"].get<double>(), 0.5);
  // A missing codebook is named in the error, and no model is written.
  std::filesystem::remove(model);
  auto bad = Exec("train " + src + "/data/labelled/en.jsonl --codebook " + dir +
                  "/absent.toml --out " + model);
  EXPECT_NE(bad.code, 0);
  EXPECT_FALSE(std::filesystem::exists(model));
  std::filesystem::remove_all(dir);
}

TEST_F(DemoStudy, EveryCommandHasHelpWithAnExample) {
  for (const char* c : {"init", "crawl", "import", "index", "extract", "search", "kwic", "facets",
                        "classify", "train", "evaluate", "explain", "agree", "suggest", "trend",
                        "keyness", "collocates", "report", "cite", "demo"}) {
    auto r = Exec(std::string(c) + " --help");
    EXPECT_EQ(r.code, 0) << c;
    EXPECT_NE(r.out.find("Example"), std::string::npos) << c;
  }
}

}  // namespace
