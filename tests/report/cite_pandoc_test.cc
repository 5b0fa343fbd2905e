// Compares the APA, Chicago and MLA text of Cite() with what pandoc's citeproc renders from our
// own CSL-JSON with the official CSL styles (../shared/csl beside the checkout, or
// FRAMESCOPE_CSL_DIR).
//
// The styles are not part of this repository, and Debian's citation-style-language-styles
// package holds older versions of them that place the archive details differently. So that the
// comparison still runs where the official styles are absent, citeproc's output is recorded in
// tests/report/data/citeproc/ (one entry per line): Cite() is always compared with that record,
// and where pandoc and the styles are present the record is compared with pandoc's output of the
// moment, so that it cannot go stale. To rewrite the record from pandoc after a change of style
// version, run the test with FRAMESCOPE_UPDATE_CITEPROC=1.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cite_fixtures.h"
#include "framescope/corpus/text.h"
#include "framescope/report/cite.h"

namespace framescope::report {
namespace {

namespace fs = std::filesystem;

const char* kPandoc = "/usr/bin/pandoc";

// The folder holding apa.csl, chicago-notes-bibliography.csl and modern-language-association.csl.
std::string StyleDir() {
  // FRAMESCOPE_CSL_DIR, when set, is the only place looked at (set it to "" to test the record
  // alone).
  const char* env = std::getenv("FRAMESCOPE_CSL_DIR");
  const std::string dir =
      env != nullptr ? std::string(env) : std::string(FRAMESCOPE_SOURCE_DIR) + "/../shared/csl";
  if (!dir.empty() && fs::exists(dir + "/apa.csl") &&
      fs::exists(dir + "/chicago-notes-bibliography.csl") &&
      fs::exists(dir + "/modern-language-association.csl"))
    return dir;
  return "";
}

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "framescope-cite-XXXXXX").string();
    if (mkdtemp(tmpl.data()) != nullptr) path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Pandoc's plain-text bibliography: one entry per blank-line separated block, whitespace
// normalised, sorted (pandoc sorts the bibliography by author; we compare as sets).
std::vector<std::string> PandocEntries(const std::string& dir, const std::string& csl_json,
                                       const std::string& style) {
  std::ofstream(dir + "/refs.json") << csl_json;
  std::ofstream(dir + "/cite.md") << "---\nnocite: \"@*\"\n---\n";
  std::string cmd = std::string(kPandoc) + " '" + dir + "/cite.md' --citeproc --bibliography '" +
                    dir + "/refs.json' --csl '" + style + "' -t plain --wrap=none -o '" + dir +
                    "/out.txt' 2>'" + dir + "/err.txt'";
  int rc = std::system(cmd.c_str());
  EXPECT_EQ(rc, 0) << cmd << "\n" << Slurp(dir + "/err.txt");
  std::vector<std::string> entries;
  std::string text = Slurp(dir + "/out.txt"), block;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (corpus::CollapseSpace(line).empty()) {
      if (!block.empty()) entries.push_back(corpus::CollapseSpace(block));
      block.clear();
    } else {
      block += line + " ";
    }
  }
  if (!block.empty()) entries.push_back(corpus::CollapseSpace(block));
  std::sort(entries.begin(), entries.end());
  return entries;
}

std::vector<std::string> OurEntries(const std::vector<corpus::Document>& docs, CiteStyle style) {
  std::vector<std::string> entries;
  for (const corpus::Document& d : docs) entries.push_back(corpus::CollapseSpace(Cite(d, style)));
  std::sort(entries.begin(), entries.end());
  return entries;
}

std::string RecordPath(const std::string& name, const std::string& style_file) {
  return std::string(FRAMESCOPE_SOURCE_DIR) + "/tests/report/data/citeproc/" + name + "." +
         style_file.substr(0, style_file.size() - 4) + ".txt";
}

std::vector<std::string> ReadRecord(const std::string& path) {
  std::vector<std::string> entries;
  std::ifstream in(path, std::ios::binary);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) entries.push_back(line);
  return entries;
}

void WriteRecord(const std::string& path, const std::vector<std::string>& entries) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  for (const std::string& e : entries) out << e << "\n";
}

void ExpectSameEntries(const std::vector<std::string>& expected,
                       const std::vector<std::string>& actual, const std::string& what) {
  // Entry by entry, so that a failure shows only the entries that differ.
  ASSERT_EQ(expected.size(), actual.size()) << what;
  for (std::size_t i = 0; i < expected.size(); ++i) EXPECT_EQ(expected[i], actual[i]) << what;
}

void CompareWithPandoc(const std::string& name, const std::vector<corpus::Document>& docs) {
  const struct {
    CiteStyle style;
    const char* file;
  } cases[] = {{CiteStyle::kApa, "apa.csl"},
               {CiteStyle::kChicago, "chicago-notes-bibliography.csl"},
               {CiteStyle::kMla, "modern-language-association.csl"}};
  const std::string styles = StyleDir();
  const bool live = fs::exists(kPandoc) && !styles.empty();
  const bool update = std::getenv("FRAMESCOPE_UPDATE_CITEPROC") != nullptr;
  if (update) {
    ASSERT_TRUE(live) << "FRAMESCOPE_UPDATE_CITEPROC needs pandoc and the CSL styles";
  }
  TempDir tmp;
  ASSERT_FALSE(tmp.path().empty());
  const std::string json = CslJson(docs);
  for (const auto& c : cases) {
    const std::string record = RecordPath(name, c.file);
    if (live) {
      std::vector<std::string> theirs = PandocEntries(tmp.path(), json, styles + "/" + c.file);
      if (update) WriteRecord(record, theirs);
      ExpectSameEntries(ReadRecord(record), theirs, record + " against pandoc with " + c.file);
    }
    ASSERT_TRUE(fs::exists(record)) << record << " is missing";
    ExpectSameEntries(ReadRecord(record), OurEntries(docs, c.style), record + " against Cite()");
  }
}

TEST(CitePandocTest, ArticleWithAuthorMatchesCiteproc) {
  CompareWithPandoc("with-author", {testing::WithAuthor()});
}

TEST(CitePandocTest, ArticleWithoutAuthorMatchesCiteproc) {
  CompareWithPandoc("without-author", {testing::WithoutAuthor()});
}

// The fixtures have distinct first authors and titles, so citeproc has nothing to disambiguate
// and renders each entry as it would alone.
TEST(CitePandocTest, VariedArticlesMatchCiteproc) {
  CompareWithPandoc("varied", testing::Varied());
}

// Headlines that exercise title case and quotation marks: stop words, hyphens, colons, question
// marks, inner quotes, apostrophes, one-letter and dotted words, capitals already present.
TEST(CitePandocTest, TrickyHeadlinesMatchCiteproc) {
  const char* titles[] = {
      "what it is for",
      "the well-known iPhone and NASA: an über-state of affairs",
      "why 'trust' matters — and to whom",
      "state-run media on the \"social credit\" idea",
      "china’s plan (in brief)",
      "don't panic: e-commerce and the blacklist",
      "the end of the road? not quite",
      "is it 'Black Mirror'? no",
      "once upon a time—in china",
      "100 days of the system",
      "up-to-date and face-to-face: all-in-one",
      "plan b for the u.s. and china",
      "students' union \"Said\": 'tis the season",
      "the \"big 'brother' state\" at a glance",
      "It ended.",
      "down to the wire, up the road",
      "the (brief) note: state:run and more",
      "one's own x here; the big... and the small",
      "sell-by: e-mail at end. x marks the spot",
      "what? b",
      "what we'll do, whatever they're at: the end.of",
      "a state:run",
  };
  std::vector<corpus::Document> docs;
  int n = 0;
  for (const char* title : titles) {
    corpus::Document d = testing::WithAuthor();
    ++n;
    d.id = "headline-" + std::to_string(n);
    d.title = title;
    d.authors = {"Ann Writer" + std::string(1, static_cast<char>('a' + n))};
    d.url += std::to_string(n);
    docs.push_back(d);
  }
  CompareWithPandoc("headlines", docs);
}

}  // namespace
}  // namespace framescope::report
