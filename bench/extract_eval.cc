// Extraction benchmark: scores article text against ground truth with the
// article-extraction-benchmark's shingle metric, and date extraction with exact-day accuracy;
// reports pages per second on one core.
//
//   extract_eval body  GROUND_TRUTH.json HTML_DIR [options]   # HTML_DIR/<id>.html.gz
//   extract_eval score GROUND_TRUTH.json PREDICTIONS.jsonl [--label NAME] [--show-worst N]
//   extract_eval show  PAGE.html[.gz] URL       # one page: metadata, date source, text
//   extract_eval dates TRUTH.json HTML_DIR [--show-worst N] [--repeat N] [--warmup N] [--half H]
//
// body options:
//   --show-worst N          list the N pages with the lowest F1
//   --repeat N              time N passes over the pages; figures are the per-page medians
//   --warmup N              extract the first N pages once, untimed, before timing
//   --split                 also time decoding (DecodeHtml) and parsing (the pre-parse filter,
//                           then the extractor's HTML parser, html::Document::Parse, plus
//                           freeing the tree) on their own, and
//                           report the rest of ExtractArticle (metadata, scoring, text output,
//                           language, dates) as the difference
//   --predictions OUT.jsonl write {"id", "text", "ms"} per page, the format `score` reads
//   --half tune|check       use only one half of the pages (also for `dates`). The halves are
//                           fixed by the page id (a SHA-256 hex digest for the extraction set,
//                           the URL's FNV-1a hash for the dates set): ids starting 0-7 are the
//                           tuning half, 8-f the check half. Tune rules on `tune`, confirm on
//                           `check`. Without --half, `body` and `dates` also print each half.
//
// `score` grades any extractor's output ({"id", "text", "ms"} per line; "ms" optional) with the
// same code that grades ours, so peers and framescope are measured by one implementation. A page
// of the ground truth missing from the predictions counts as an empty prediction.
//
// Metric (as the benchmark defines it): tokens are \w+ runs (Unicode letters, digits, underscore);
// shingles are 4-token windows (a text under 4 tokens is one shingle); per page TP/FP/FN over the
// shingle multisets; P and R are averaged over pages, F1 is their harmonic mean.
//
// Pages are read and gunzipped before any clock starts; only extraction is timed.
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "framescope/corpus/study.h"
#include "../crawler/src/html_prefilter.h"
#include "../crawler/src/html_tree.h"
#include "framescope/crawler/extract.h"
#include "framescope/crawler/warc.h"

namespace {

using Clock = std::chrono::steady_clock;

// Results of timed-only work land here so the optimiser cannot drop the work.
volatile std::size_t g_sink = 0;

bool IsWordChar(UChar32 c) {
  if (c == '_') return true;
  int8_t t = u_charType(c);
  return (t >= U_UPPERCASE_LETTER && t <= U_OTHER_LETTER) ||
         (t >= U_DECIMAL_DIGIT_NUMBER && t <= U_OTHER_NUMBER);
}

std::vector<std::string> Words(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t i = 0, n = static_cast<int32_t>(s.size());
  while (i < n) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c >= 0 && IsWordChar(c)) {
      cur.append(s, static_cast<std::size_t>(start), static_cast<std::size_t>(i - start));
    } else if (!cur.empty()) {
      out.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

std::unordered_map<std::string, int> Shingles(const std::string& s) {
  auto w = Words(s);
  std::unordered_map<std::string, int> out;
  if (w.empty()) return out;
  if (w.size() < 4) {
    std::string k;
    for (const auto& x : w) k += x + "\x1f";
    ++out[k];
    return out;
  }
  for (std::size_t i = 0; i + 4 <= w.size(); ++i)
    ++out[w[i] + "\x1f" + w[i + 1] + "\x1f" + w[i + 2] + "\x1f" + w[i + 3]];
  return out;
}

// Accumulates the benchmark's averaged precision and recall over pages.
class BodyScore {
 public:
  void Add(const std::string& id, const std::string& predicted, const std::string& truth) {
    auto a = Shingles(predicted), b = Shingles(truth);
    double tp = 0, fp = 0, fn = 0;
    for (auto& [k, c] : a) {
      auto it = b.find(k);
      int m = it == b.end() ? 0 : std::min(c, it->second);
      tp += m;
      fp += c - m;
    }
    for (auto& [k, c] : b) {
      auto it = a.find(k);
      fn += c - (it == a.end() ? 0 : std::min(c, it->second));
    }
    bool exact = fp == 0 && fn == 0;
    double p = exact ? 1 : (tp + fp > 0 ? tp / (tp + fp) : 0);
    double r = exact ? 1 : (tp + fn > 0 ? tp / (tp + fn) : 0);
    if (tp + fp > 0 || exact) {
      p_sum_ += p;
      ++p_n_;
    }
    if (tp + fn > 0 || exact) {
      r_sum_ += r;
      ++r_n_;
    }
    per_page_.push_back({2 * p * r / std::max(1e-9, p + r), id});
    ++pages_;
  }

  std::size_t Pages() const { return pages_; }
  double Precision() const { return p_n_ ? p_sum_ / static_cast<double>(p_n_) : 0; }
  double Recall() const { return r_n_ ? r_sum_ / static_cast<double>(r_n_) : 0; }
  double F1() const {
    double p = Precision(), r = Recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }

  void PrintWorst(int n) {
    std::sort(per_page_.begin(), per_page_.end());
    for (int i = 0; i < n && i < static_cast<int>(per_page_.size()); ++i)
      std::printf("  worst %.3f %s\n", per_page_[static_cast<std::size_t>(i)].first,
                  per_page_[static_cast<std::size_t>(i)].second.c_str());
  }

 private:
  double p_sum_ = 0, r_sum_ = 0;
  std::size_t p_n_ = 0, r_n_ = 0, pages_ = 0;
  std::vector<std::pair<double, std::string>> per_page_;
};

std::string Load(const std::string& path) {
  auto bytes = framescope::corpus::ReadFile(path);
  if (!bytes) return "";
  std::string s = *bytes;
  if (s.size() > 2 && static_cast<unsigned char>(s[0]) == 0x1f &&
      static_cast<unsigned char>(s[1]) == 0x8b) {
    auto inflated = framescope::crawler::Inflate(s, 512u << 20);
    if (inflated) s = *inflated;
  }
  return s;
}

double MsSince(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

double Median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  std::size_t m = v.size() / 2;
  return v.size() % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

double Sum(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return s;
}

// A string member of a JSON object, or "" when it is absent or not a string.
std::string Field(const nlohmann::json& o, const std::string& key) {
  auto it = o.find(key);
  if (it == o.end() || !it->is_string()) return "";
  return it->get_ref<const std::string&>();
}

// The fixed half a page belongs to: "tune" when the first hex digit of its id is 0-7, else
// "check". Ids that are not hex digests (dates set: URLs) are hashed first (FNV-1a, 64 bits).
std::string HalfOf(const std::string& id) {
  auto hex = [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; };
  if (id.size() == 64 && std::all_of(id.begin(), id.end(), hex))
    return std::strchr("01234567", id[0]) ? "tune" : "check";
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : id) h = (h ^ c) * 1099511628211ull;
  return (h >> 63) == 0 ? "tune" : "check";
}

struct Options {
  int show_worst = 0;
  int repeat = 1;
  int warmup = 0;
  bool split = false;
  std::string half;  // "", "tune" or "check"
  std::string predictions;
  std::string label;
};

bool ParseOptions(int argc, char** argv, int first, Options& o) {
  for (int i = first; i < argc; ++i) {
    std::string a = argv[i];
    bool has_value = i + 1 < argc;
    if (a == "--split") {
      o.split = true;
    } else if (a == "--show-worst" && has_value) {
      o.show_worst = std::atoi(argv[++i]);
    } else if (a == "--repeat" && has_value) {
      o.repeat = std::max(1, std::atoi(argv[++i]));
    } else if (a == "--warmup" && has_value) {
      o.warmup = std::max(0, std::atoi(argv[++i]));
    } else if (a == "--predictions" && has_value) {
      o.predictions = argv[++i];
    } else if (a == "--half" && has_value) {
      o.half = argv[++i];
      if (o.half != "tune" && o.half != "check") {
        std::cerr << "--half takes tune or check\n";
        return false;
      }
    } else if (a == "--label" && has_value) {
      o.label = argv[++i];
    } else {
      std::cerr << "unknown or incomplete option " << a << "\n";
      return false;
    }
  }
  return true;
}

struct Page {
  std::string id;
  std::string url;
  std::string html;
  std::string truth;  // article body or date
};

// Runs `fn(i)` untimed for the first `warmup` pages, then times it for every page i, `repeat`
// times over the whole set, and returns each page's median milliseconds. Passes rather than
// per-page repeats, so caches see the pages as a crawl would: one after the other.
template <class Fn>
std::vector<double> TimePasses(const std::vector<Page>& pages, int repeat, int warmup, Fn&& fn) {
  for (std::size_t i = 0; i < pages.size() && i < static_cast<std::size_t>(warmup); ++i) fn(i);
  std::vector<std::vector<double>> ms(pages.size());
  for (int pass = 0; pass < repeat; ++pass) {
    for (std::size_t i = 0; i < pages.size(); ++i) {
      auto t = Clock::now();
      fn(i);
      ms[i].push_back(MsSince(t));
    }
  }
  std::vector<double> out;
  out.reserve(pages.size());
  for (auto& v : ms) out.push_back(Median(v));
  return out;
}

// What ExtractArticle hands to the parser, so the parse-only pass parses exactly the same bytes
// (see crawler/src/extract.cc: decoded UTF-8 without NULs).
std::string DecodeForParse(const Page& p) {
  std::string utf8 = framescope::crawler::DecodeHtml(p.html, "", nullptr);
  utf8.erase(std::remove(utf8.begin(), utf8.end(), '\0'), utf8.end());
  return utf8;
}

// As ExtractArticle parses: the pre-parse filter, then the tree.
void ParseOnly(const std::string& page) {
  std::string utf8 = framescope::crawler::PrefilterHtml(page);
  auto doc = framescope::crawler::html::Document::Parse(utf8);
  g_sink = doc->root() ? 1 : 0;
}

void PrintSplit(const std::vector<Page>& pages, const std::vector<double>& total_ms,
                const Options& o) {
  std::vector<std::string> decoded;
  decoded.reserve(pages.size());
  for (const auto& p : pages) decoded.push_back(DecodeForParse(p));
  auto decode_ms = TimePasses(pages, o.repeat, o.warmup, [&](std::size_t i) {
    g_sink = framescope::crawler::DecodeHtml(pages[i].html, "", nullptr).size();
  });
  auto parse_ms = TimePasses(pages, o.repeat, o.warmup,
                             [&](std::size_t i) { ParseOnly(decoded[i]); });
  double total = Sum(total_ms), decode = Sum(decode_ms), parse = Sum(parse_ms);
  double rest = std::max(0.0, total - decode - parse);
  double n = static_cast<double>(pages.size());
  auto pct = [&](double x) { return total > 0 ? 100 * x / total : 0; };
  std::printf(
      "framescope time split (ms per page, mean of %zu pages): decode %.2f (%.0f%%)  "
      "parse %.2f (%.0f%%)  rest %.2f (%.0f%%)  total %.2f\n",
      pages.size(), decode / n, pct(decode), parse / n, pct(parse), rest / n, pct(rest), total / n);
}

int Body(const nlohmann::json& truth, const std::string& dir, const Options& o) {
  std::vector<Page> pages;
  for (auto& [id, v] : truth.items())
    if (o.half.empty() || HalfOf(id) == o.half)
      pages.push_back(
          {id, Field(v, "url"), Load(dir + "/" + id + ".html.gz"), Field(v, "articleBody")});
  std::vector<std::string> texts(pages.size());
  auto ms = TimePasses(pages, o.repeat, o.warmup, [&](std::size_t i) {
    framescope::crawler::ExtractInput in;
    in.html = pages[i].html;
    in.url = pages[i].url;
    auto ex = framescope::crawler::ExtractArticle(in);
    texts[i] = ex ? ex->doc.text : "";
  });
  BodyScore score;
  std::map<std::string, BodyScore> halves;
  std::ofstream out;
  if (!o.predictions.empty()) {
    out.open(o.predictions, std::ios::binary | std::ios::trunc);
    if (!out) {
      std::cerr << "cannot write " << o.predictions << "\n";
      return 1;
    }
  }
  for (std::size_t i = 0; i < pages.size(); ++i) {
    score.Add(pages[i].id, texts[i], pages[i].truth);
    halves[HalfOf(pages[i].id)].Add(pages[i].id, texts[i], pages[i].truth);
    if (out)
      out << nlohmann::json{{"id", pages[i].id}, {"text", texts[i]}, {"ms", ms[i]}}.dump(
                 -1, ' ', false, nlohmann::json::error_handler_t::replace)
          << "\n";
  }
  double total_ms = Sum(ms);
  std::printf(
      "framescope pages %zu  precision %.3f  recall %.3f  F1 %.3f  median %.2f ms/page  "
      "(%.1f pages/s on one core)\n",
      score.Pages(), score.Precision(), score.Recall(), score.F1(), Median(ms),
      total_ms > 0 ? 1000.0 * static_cast<double>(pages.size()) / total_ms : 0);
  if (o.half.empty())
    for (const auto& [name, h] : halves)
      std::printf("framescope half %s pages %zu  precision %.3f  recall %.3f  F1 %.3f\n",
                  name.c_str(), h.Pages(), h.Precision(), h.Recall(), h.F1());
  if (o.split) PrintSplit(pages, ms, o);
  score.PrintWorst(o.show_worst);
  return 0;
}

int Score(const nlohmann::json& truth, const std::string& predictions_path, const Options& o) {
  std::ifstream in(predictions_path, std::ios::binary);
  if (!in) {
    std::cerr << "cannot read " << predictions_path << "\n";
    return 1;
  }
  std::map<std::string, std::string> predicted;
  std::vector<double> ms;
  std::string line;
  std::size_t line_no = 0, unknown = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto j = nlohmann::json::parse(line, nullptr, false);
    std::string id = j.is_object() ? Field(j, "id") : "";
    if (id.empty()) {
      std::cerr << predictions_path << ":" << line_no << ": not a {\"id\", \"text\"} object\n";
      return 1;
    }
    if (!truth.contains(id)) ++unknown;
    predicted[id] = Field(j, "text");
    if (auto t = j.find("ms"); t != j.end() && t->is_number()) ms.push_back(t->get<double>());
  }
  BodyScore score;
  std::size_t missing = 0;
  for (auto& [id, v] : truth.items()) {
    auto it = predicted.find(id);
    if (it == predicted.end()) ++missing;
    score.Add(id, it == predicted.end() ? "" : it->second, Field(v, "articleBody"));
  }
  std::string label = o.label.empty() ? predictions_path : o.label;
  std::printf("%s pages %zu  precision %.3f  recall %.3f  F1 %.3f", label.c_str(), score.Pages(),
              score.Precision(), score.Recall(), score.F1());
  if (!ms.empty()) {
    double total_ms = Sum(ms);
    std::printf("  median %.2f ms/page  (%.1f pages/s by the predictions' own ms)", Median(ms),
                total_ms > 0 ? 1000.0 * static_cast<double>(ms.size()) / total_ms : 0);
  }
  std::printf("\n");
  if (missing || unknown)
    std::printf(
        "  %zu ground-truth pages had no prediction (scored as empty); %zu predictions "
        "were for unknown ids (ignored)\n",
        missing, unknown);
  score.PrintWorst(o.show_worst);
  return 0;
}

int Dates(const nlohmann::json& truth, const std::string& dir, const Options& o) {
  std::vector<Page> pages;
  for (auto& [url, v] : truth.items())
    if (o.half.empty() || HalfOf(url) == o.half)
      pages.push_back({url, url, Load(dir + "/" + Field(v, "file") + ".gz"), Field(v, "date")});
  std::vector<framescope::crawler::Extraction> results(pages.size());
  std::vector<char> ok(pages.size());
  auto ms = TimePasses(pages, o.repeat, o.warmup, [&](std::size_t i) {
    framescope::crawler::ExtractInput in;
    in.html = pages[i].html;
    in.url = pages[i].url;
    auto ex = framescope::crawler::ExtractArticle(in);
    ok[i] = ex.has_value();
    if (ex) results[i] = std::move(*ex);
  });
  std::size_t right = 0, found = 0;
  std::map<std::string, std::pair<std::size_t, std::size_t>> halves;  // right, pages
  for (std::size_t i = 0; i < pages.size(); ++i) {
    const auto& published = results[i].doc.published;
    auto& half = halves[HalfOf(pages[i].url)];
    ++half.second;
    if (!ok[i] || published.empty()) {
      if (o.show_worst) std::printf("  none  %s want %s\n", pages[i].url.c_str(), pages[i].truth.c_str());
      continue;
    }
    ++found;
    if (published.substr(0, 10) == pages[i].truth) {
      ++right;
      ++half.first;
    } else if (o.show_worst) {
      std::printf("  wrong %s got %s want %s (%s)\n", pages[i].url.c_str(), published.c_str(),
                  pages[i].truth.c_str(), results[i].date_source.c_str());
    }
  }
  double total_ms = Sum(ms);
  std::printf(
      "framescope dates pages %zu  date found %zu  exact-day accuracy %.3f  (%.1f pages/s)\n",
      pages.size(), found,
      pages.empty() ? 0 : static_cast<double>(right) / static_cast<double>(pages.size()),
      total_ms > 0 ? 1000.0 * static_cast<double>(pages.size()) / total_ms : 0);
  if (o.half.empty())
    for (const auto& [name, h] : halves)
      std::printf("framescope dates half %s pages %zu  exact-day accuracy %.3f\n", name.c_str(),
                  h.second, h.second ? static_cast<double>(h.first) / static_cast<double>(h.second) : 0);
  return 0;
}

// Prints what the extractor makes of one page, to see why a page scores as it does.
int Show(const std::string& path, const std::string& url) {
  std::string html = Load(path);
  framescope::crawler::ExtractInput in;
  in.html = html;
  in.url = url;
  auto ex = framescope::crawler::ExtractArticle(in);
  if (!ex) {
    std::printf("error: %s\n", ex.error().message.c_str());
    return 1;
  }
  const auto& d = ex->doc;
  std::printf("title: %s\npublished: %s (%s)\nmodified: %s\nlanguage: %s\nkind: %s\n",
              d.title.c_str(), d.published.c_str(), ex->date_source.c_str(), d.modified.c_str(),
              d.language.c_str(), ex->page_kind.c_str());
  std::printf("---\n%s\n", d.text.c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 4 && std::string(argv[1]) == "show") return Show(argv[2], argv[3]);
  if (argc < 4) {
    std::cerr << "usage: extract_eval body  GROUND_TRUTH.json HTML_DIR [--show-worst N] "
                 "[--repeat N] [--warmup N] [--split] [--predictions OUT.jsonl] [--half tune|check]\n"
                 "       extract_eval score GROUND_TRUTH.json PREDICTIONS.jsonl [--label NAME] "
                 "[--show-worst N]\n"
                 "       extract_eval dates TRUTH.json HTML_DIR [--show-worst N] [--repeat N] "
                 "[--warmup N] [--half tune|check]\n";
    return 2;
  }
  std::string mode = argv[1];
  Options o;
  if (!ParseOptions(argc, argv, 4, o)) return 2;
  auto truth_text = framescope::corpus::ReadFile(argv[2]);
  if (!truth_text) {
    std::cerr << truth_text.error().message << "\n";
    return 1;
  }
  auto truth = nlohmann::json::parse(*truth_text, nullptr, false);
  if (truth.is_discarded() || !truth.is_object()) {
    std::cerr << argv[2] << ": not a JSON object\n";
    return 1;
  }
  if (mode == "body") return Body(truth, argv[3], o);
  if (mode == "score") return Score(truth, argv[3], o);
  if (mode == "dates") return Dates(truth, argv[3], o);
  std::cerr << "unknown mode " << mode << "\n";
  return 2;
}
