#include "framescope/report/cite.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "cite_fixtures.h"

namespace framescope::report {
namespace {

using testing::WithAuthor;
using testing::WithoutAuthor;

const std::string kSmithArchive =
    "WARC-Record-ID <urn:uuid:0b7c1e52-3f0c-4d8e-9a52-2f0f5b9f7a11>; captured "
    "2020-01-02T03:04:05Z; payload digest sha1:2QJFWZBN4VQ3BPBQUPMJKT5ZLZWQ6BGO";
const std::string kXinhuaArchive =
    "WARC-Record-ID <urn:uuid:9d1f64a0-77aa-4c53-b6c4-1b2e1f4c0d35>; captured "
    "2020-01-02T03:04:05Z; payload digest sha1:2QJFWZBN4VQ3BPBQUPMJKT5ZLZWQ6BGO";

// The expected text is what pandoc 2.17 --citeproc renders from CslJson() with the official
// styles (cite_pandoc_test.cc checks the same against whatever pandoc is installed).
TEST(CiteTest, ApaMatchesCiteprocOutput) {
  EXPECT_EQ(Cite(WithAuthor(), CiteStyle::kApa),
            "Smith, J. A. (2019, March 5). China\u2019s social credit system: myth and reality. "
            "The Daily Example. crawl-20200102.warc.gz (" +
                kSmithArchive + "). https://example.com/news/2019/03/05/social-credit?ref=rss&x=1");
  EXPECT_EQ(Cite(WithoutAuthor(), CiteStyle::kApa),
            "Social credit pilot expands to more cities. (2018, November 20). Xinhua. "
            "crawl-20200102.warc.gz (" +
                kXinhuaArchive + "). https://english.example.cn/2018-11/20/c_137618.htm");
}

TEST(CiteTest, ChicagoMatchesCiteprocOutput) {
  EXPECT_EQ(Cite(WithAuthor(), CiteStyle::kChicago),
            "Smith, Jane Anne. \u201CChina\u2019s Social Credit System: Myth and Reality.\u201D "
            "The Daily Example, March 5, 2019. " +
                kSmithArchive +
                ". crawl-20200102.warc.gz. "
                "https://example.com/news/2019/03/05/social-credit?ref=rss&x=1.");
  // Without an author Chicago lists the article under the newspaper, title unquoted.
  EXPECT_EQ(Cite(WithoutAuthor(), CiteStyle::kChicago),
            "Xinhua. Social Credit Pilot Expands to More Cities. November 20, 2018. " +
                kXinhuaArchive +
                ". crawl-20200102.warc.gz. https://english.example.cn/2018-11/20/c_137618.htm.");
}

TEST(CiteTest, MlaMatchesCiteprocOutput) {
  EXPECT_EQ(Cite(WithAuthor(), CiteStyle::kMla),
            "Smith, Jane Anne. \u201CChina\u2019s Social Credit System: Myth and Reality.\u201D "
            "The Daily Example, 5 Mar. 2019, crawl-20200102.warc.gz, " +
                kSmithArchive + ", https://example.com/news/2019/03/05/social-credit?ref=rss&x=1.");
  EXPECT_EQ(Cite(WithoutAuthor(), CiteStyle::kMla),
            "\u201CSocial Credit Pilot Expands to More Cities.\u201D Xinhua, 20 Nov. 2018, "
            "crawl-20200102.warc.gz, " +
                kXinhuaArchive + ", https://english.example.cn/2018-11/20/c_137618.htm.");
}

TEST(CiteTest, EveryStyleNamesAuthorTitleOutletDateUrlAndArchivedRecord) {
  const corpus::Document d = WithAuthor();
  const struct {
    CiteStyle style;
    const char* date;
  } cases[] = {{CiteStyle::kApa, "2019, March 5"}, {CiteStyle::kChicago, "March 5, 2019"},
               {CiteStyle::kMla, "5 Mar. 2019"},   {CiteStyle::kBibtex, "2019-03-05"},
               {CiteStyle::kRis, "2019/03/05"},    {CiteStyle::kCslJson, "2019"}};
  for (const auto& c : cases) {
    const std::string cite = Cite(d, c.style);
    SCOPED_TRACE(cite);
    EXPECT_NE(cite.find("Smith"), std::string::npos);
    const bool title_cased = c.style == CiteStyle::kChicago || c.style == CiteStyle::kMla;
    EXPECT_NE(cite.find(title_cased ? "Social Credit System" : "social credit system"),
              std::string::npos);
    EXPECT_NE(cite.find("The Daily Example"), std::string::npos);
    EXPECT_NE(cite.find(c.date), std::string::npos);
    EXPECT_NE(cite.find(d.url), std::string::npos);
    EXPECT_NE(cite.find(d.archive.record_id), std::string::npos);
    EXPECT_NE(cite.find(d.archive.file), std::string::npos);
  }
}

TEST(CiteTest, TitleCaseFollowsCslRules) {
  corpus::Document d = WithAuthor();
  d.title = "the well-known iPhone and the u.s.: plan b for an über-state of mind";
  EXPECT_NE(Cite(d, CiteStyle::kChicago)
                .find("\u201CThe Well-Known iPhone and the u.s.: Plan b for an \u00DCber-State of "
                      "Mind.\u201D"),
            std::string::npos)
      << Cite(d, CiteStyle::kChicago);
  d.language = "fr";
  d.title = "l'état de la question";
  EXPECT_NE(Cite(d, CiteStyle::kMla).find("\u201Cl\u2019\u00E9tat de la question.\u201D"),
            std::string::npos)
      << Cite(d, CiteStyle::kMla);
}

TEST(CiteTest, NestedQuotesAlternate) {
  corpus::Document d = WithAuthor();
  d.title = "Far from the \"Black Mirror\" dystopia";
  EXPECT_NE(Cite(d, CiteStyle::kApa).find("Far from the \u201CBlack Mirror\u201D dystopia."),
            std::string::npos);
  EXPECT_NE(
      Cite(d, CiteStyle::kMla).find("\u201CFar from the \u2018Black Mirror\u2019 Dystopia.\u201D"),
      std::string::npos);
}

TEST(CiteTest, AuthorListsFollowEachStyle) {
  corpus::Document d = WithAuthor();
  d.authors = {"Ann Lee", "Bo Li", "Cy Ng"};
  EXPECT_EQ(Cite(d, CiteStyle::kApa).rfind("Lee, A., Li, B., & Ng, C. (2019", 0), 0u);
  EXPECT_EQ(Cite(d, CiteStyle::kChicago).rfind("Lee, Ann, Bo Li, and Cy Ng. ", 0), 0u);
  EXPECT_EQ(Cite(d, CiteStyle::kMla).rfind("Lee, Ann, et al. ", 0), 0u);
  d.authors = {"Jean-Paul Sartre", "Reuters"};
  EXPECT_EQ(Cite(d, CiteStyle::kApa).rfind("Sartre, J.-P., & Reuters. ", 0), 0u);
}

TEST(CiteTest, BibtexEntryEscapesLatexAndKeepsTheArchiveInNote) {
  corpus::Document d = WithAuthor();
  d.title = "50% of {firms} & $5_000 #1 ~ ^ \\";
  d.authors = {"Jane Anne Smith", "Reuters"};
  const std::string bib = Cite(d, CiteStyle::kBibtex);
  EXPECT_EQ(bib.rfind("@article{doc-smith,\n", 0), 0u) << bib;
  EXPECT_NE(bib.find("  author = {Smith, Jane Anne and {Reuters}},\n"), std::string::npos) << bib;
  EXPECT_NE(bib.find("  title = {{50\\% of \\{firms\\} \\& \\$5\\_000 \\#1 \\textasciitilde{} "
                     "\\textasciicircum{} \\textbackslash{}}},\n"),
            std::string::npos)
      << bib;
  EXPECT_NE(bib.find("  journal = {The Daily Example},\n"), std::string::npos);
  EXPECT_NE(bib.find("  year = {2019},\n  month = mar,\n"), std::string::npos);
  EXPECT_NE(bib.find("  urldate = {2020-01-02},\n"), std::string::npos);
  EXPECT_NE(bib.find("  note = {Archived copy: WARC file crawl-20200102.warc.gz, " + kSmithArchive +
                     "},\n"),
            std::string::npos)
      << bib;
  int depth = 0;
  for (std::size_t i = 0; i < bib.size(); ++i) {
    if (bib[i] == '\\') {
      ++i;
      continue;
    }
    depth += bib[i] == '{';
    depth -= bib[i] == '}';
    ASSERT_GE(depth, 0);
  }
  EXPECT_EQ(depth, 0);
}

TEST(CiteTest, RisRecordIsNewsWithOneTagPerLine) {
  corpus::Document d = WithAuthor();
  d.title = "Two\nlines";
  const std::string ris = Cite(d, CiteStyle::kRis);
  EXPECT_EQ(ris.rfind("TY  - NEWS\n", 0), 0u) << ris;
  EXPECT_EQ(ris.substr(ris.size() - 6), "ER  - ");
  for (const char* line : {"AU  - Smith, Jane Anne\n", "TI  - Two lines\n",
                           "T2  - The Daily Example\n", "PY  - 2019\n", "DA  - 2019/03/05/\n",
                           "Y2  - 2020/01/02/\n", "LA  - en\n", "DB  - crawl-20200102.warc.gz\n"}) {
    EXPECT_NE(ris.find(line), std::string::npos) << line << ris;
  }
  EXPECT_NE(ris.find("AN  - " + kSmithArchive + "\n"), std::string::npos) << ris;
  EXPECT_NE(ris.find("UR  - " + d.url + "\n"), std::string::npos);
}

// The keys of csl-data.json (CSL 1.0.2) this module may write; the schema forbids any other.
const std::set<std::string> kSchemaKeys = {
    "id",       "type", "title",    "container-title", "author",          "issued",
    "accessed", "URL",  "language", "archive",         "archive_location"};
const std::set<std::string> kNameKeys = {"family", "given", "literal", "non-dropping-particle"};

void CheckDate(const nlohmann::json& date) {
  ASSERT_TRUE(date.is_object());
  EXPECT_EQ(date.size(), 1u);
  const nlohmann::json& parts = date.at("date-parts");
  ASSERT_TRUE(parts.is_array());
  ASSERT_EQ(parts.size(), 1u);
  ASSERT_TRUE(parts[0].is_array());
  EXPECT_GE(parts[0].size(), 1u);
  EXPECT_LE(parts[0].size(), 3u);
  for (const auto& p : parts[0]) EXPECT_TRUE(p.is_number_integer()) << p;
}

TEST(CslJsonTest, ItemsHaveTheSchemasRequiredFieldsAndTypes) {
  std::vector<corpus::Document> docs = {WithAuthor(), WithoutAuthor()};
  for (const auto& d : testing::Varied()) docs.push_back(d);
  docs.push_back(corpus::Document());  // nothing at all: still a valid item
  const auto items = nlohmann::json::parse(CslJson(docs));
  ASSERT_TRUE(items.is_array());
  ASSERT_EQ(items.size(), docs.size());
  std::set<std::string> ids;
  for (const auto& item : items) {
    SCOPED_TRACE(item.dump());
    ASSERT_TRUE(item.is_object());
    ASSERT_TRUE(item.contains("id"));
    ASSERT_TRUE(item.contains("type"));
    EXPECT_TRUE(item["id"].is_string());
    EXPECT_TRUE(ids.insert(item["id"].get<std::string>()).second);
    EXPECT_EQ(item["type"], "article-newspaper");
    for (const auto& [key, value] : item.items()) {
      EXPECT_TRUE(kSchemaKeys.count(key)) << key;
      if (key == "author") {
        ASSERT_TRUE(value.is_array());
        for (const auto& name : value) {
          ASSERT_TRUE(name.is_object());
          for (const auto& [k, v] : name.items()) {
            EXPECT_TRUE(kNameKeys.count(k)) << k;
            EXPECT_TRUE(v.is_string());
          }
        }
      } else if (key == "issued" || key == "accessed") {
        CheckDate(value);
      } else {
        EXPECT_TRUE(value.is_string()) << key;
      }
    }
  }
  EXPECT_EQ(items.back()["id"], "item-" + std::to_string(docs.size()));
}

TEST(CslJsonTest, MapsTheDocumentFields) {
  const auto item = nlohmann::json::parse(CslJson({WithAuthor()}))[0];
  EXPECT_EQ(item["id"], "doc-smith");
  EXPECT_EQ(item["title"], "China's social credit system: myth and reality");
  EXPECT_EQ(item["container-title"], "The Daily Example");
  EXPECT_EQ(item["author"], nlohmann::json::parse(R"([{"family":"Smith","given":"Jane Anne"}])"));
  EXPECT_EQ(item["issued"]["date-parts"], nlohmann::json::parse("[[2019,3,5]]"));
  EXPECT_EQ(item["accessed"]["date-parts"], nlohmann::json::parse("[[2020,1,2]]"));
  EXPECT_EQ(item["URL"], "https://example.com/news/2019/03/05/social-credit?ref=rss&x=1");
  EXPECT_EQ(item["language"], "en");
  EXPECT_EQ(item["archive"], "crawl-20200102.warc.gz");
  EXPECT_EQ(item["archive_location"], kSmithArchive);
}

TEST(CslJsonTest, NamesWithoutSpacesAreLiteralAndParticlesKeptApart) {
  corpus::Document d = WithAuthor();
  d.authors = {"Reuters", "新华社", "Ursula von der Leyen", "Lee, Ann"};
  const auto names = nlohmann::json::parse(CslJson({d}))[0]["author"];
  EXPECT_EQ(names, nlohmann::json::parse(R"([
      {"literal": "Reuters"}, {"literal": "新华社"},
      {"family": "Leyen", "given": "Ursula", "non-dropping-particle": "von der"},
      {"family": "Lee", "given": "Ann"}])"));
  d.published = "2019-05";
  EXPECT_EQ(nlohmann::json::parse(CslJson({d}))[0]["issued"]["date-parts"],
            nlohmann::json::parse("[[2019,5]]"));
}

// When the schema itself is at hand, check our keys against it rather than against our copy.
TEST(CslJsonTest, KeysAreDeclaredInTheSchemaFile) {
  std::ifstream in(std::string(FRAMESCOPE_SOURCE_DIR) + "/../shared/csl/csl-data.json");
  if (!in) GTEST_SKIP() << "csl-data.json not found next to the source tree";
  const auto schema = nlohmann::json::parse(in);
  const auto& props = schema["items"]["properties"];
  for (const std::string& key : kSchemaKeys) EXPECT_TRUE(props.contains(key)) << key;
  for (const auto& required : schema["items"]["required"])
    EXPECT_TRUE(kSchemaKeys.count(required.get<std::string>()));
  const auto& name_props = schema["definitions"]["name-variable"]["anyOf"][0]["properties"];
  for (const std::string& key : kNameKeys) EXPECT_TRUE(name_props.contains(key)) << key;
}

// The whole schema, applied by a validator written by others (Ajv, pinned in tests/interop).
TEST(CslJsonTest, ValidatesAgainstTheSchemaWithAjv) {
  const std::string source = FRAMESCOPE_SOURCE_DIR;
  const std::string schema = source + "/../shared/csl/csl-data.json";
  const std::string script = source + "/tests/interop/csl_validate.mjs";
  if (!std::filesystem::exists(schema))
    GTEST_SKIP() << "csl-data.json not found beside the checkout";
  if (!std::filesystem::exists(source + "/tests/interop/node_modules/ajv"))
    GTEST_SKIP() << "Ajv is not installed (scripts/test.sh runs npm ci in tests/interop)";
  std::vector<corpus::Document> docs = {WithAuthor(), WithoutAuthor()};
  for (const auto& d : testing::Varied()) docs.push_back(d);
  docs.push_back(corpus::Document());
  const std::string data = (std::filesystem::temp_directory_path() /
                            ("framescope-csl-" + std::to_string(::getpid()) + ".json"))
                               .string();
  std::ofstream(data) << CslJson(docs);
  const std::string cmd = "node '" + script + "' '" + schema + "' '" + data + "' 2>&1";
  std::string out;
  if (FILE* p = popen(cmd.c_str(), "r")) {
    char buf[4096];
    while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
    const int status = pclose(p);
    EXPECT_EQ(status, 0) << out;
  } else {
    ADD_FAILURE() << "cannot run " << cmd;
  }
  EXPECT_EQ(out, "valid " + std::to_string(docs.size()) + "\n");
  std::filesystem::remove(data);
}

TEST(ParseCiteStyleTest, AcceptsStyleNamesAndRejectsOthers) {
  EXPECT_EQ(ParseCiteStyle("apa"), CiteStyle::kApa);
  EXPECT_EQ(ParseCiteStyle("Chicago"), CiteStyle::kChicago);
  EXPECT_EQ(ParseCiteStyle("mla"), CiteStyle::kMla);
  EXPECT_EQ(ParseCiteStyle("bibtex"), CiteStyle::kBibtex);
  EXPECT_EQ(ParseCiteStyle("ris"), CiteStyle::kRis);
  EXPECT_EQ(ParseCiteStyle("csl-json"), CiteStyle::kCslJson);
  for (const char* bad : {"", "apa7", " mla", "harvard", "csl json", "bib", "\xff\xfe"})
    EXPECT_FALSE(ParseCiteStyle(bad).has_value()) << bad;
}

TEST(CiteTest, MalformedDocumentsStillGiveCitations) {
  std::vector<corpus::Document> docs(5);
  docs[0].title = "Bad \xff\xfe bytes \"unbalanced 'quotes";
  docs[0].authors = {",", "  ", "Smith,", ", Jane", "a b c d"};
  docs[1].published = "not a date";
  docs[1].url = "https://x.example/{a}\\b c";
  docs[2].archive.record_id = "<urn:uuid:only-a-record>";
  docs[3].published = "2019-02-30";
  docs[3].outlet = "\n\t";
  docs[4].title = "\"";
  docs[4].language = "e";
  for (const auto& d : docs) {
    for (CiteStyle s : {CiteStyle::kApa, CiteStyle::kChicago, CiteStyle::kMla, CiteStyle::kBibtex,
                        CiteStyle::kRis, CiteStyle::kCslJson}) {
      EXPECT_FALSE(Cite(d, s).empty()) << static_cast<int>(s) << " " << d.title;
    }
  }
  EXPECT_TRUE(nlohmann::json::accept(CslJson(docs)));
  EXPECT_NE(Cite(docs[2], CiteStyle::kApa).find("<urn:uuid:only-a-record>"), std::string::npos);
  EXPECT_NE(Cite(docs[1], CiteStyle::kBibtex).find("url = {https://x.example/%7Ba%7D%5Cb%20c}"),
            std::string::npos);
}

}  // namespace
}  // namespace framescope::report
