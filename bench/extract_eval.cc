// Extraction benchmark: scores the extractor's article text against ground truth with the
// article-extraction-benchmark's shingle metric, and date extraction with exact-day accuracy;
// reports pages per second on one core.
//
//   extract_eval body  GROUND_TRUTH.json HTML_DIR     # {id: {articleBody, url}}, HTML_DIR/<id>.html.gz
//   extract_eval dates TRUTH.json HTML_DIR            # {url: {file, date}}, HTML_DIR/<file>
//
// Metric (as the benchmark defines it): tokens are \w+ runs (Unicode letters, digits, underscore);
// shingles are 4-token windows (a text under 4 tokens is one shingle); per page TP/FP/FN over the
// shingle multisets; P and R are averaged over pages, F1 is their harmonic mean.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "framescope/corpus/study.h"
#include "framescope/crawler/extract.h"
#include "framescope/crawler/warc.h"

namespace {

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

std::string Load(const std::string& path) {
  auto bytes = framescope::corpus::ReadFile(path);
  if (!bytes) return "";
  std::string s = *bytes;
  if (s.size() > 2 && static_cast<unsigned char>(s[0]) == 0x1f && static_cast<unsigned char>(s[1]) == 0x8b) {
    auto inflated = framescope::crawler::Inflate(s, 512u << 20);
    if (inflated) s = *inflated;
  }
  return s;
}

double Seconds(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: extract_eval body|dates TRUTH.json HTML_DIR [--show-worst N]\n";
    return 2;
  }
  std::string mode = argv[1];
  auto truth_text = framescope::corpus::ReadFile(argv[2]);
  if (!truth_text) {
    std::cerr << truth_text.error().message << "\n";
    return 1;
  }
  auto truth = nlohmann::json::parse(*truth_text);
  std::string dir = argv[3];
  int show_worst = argc > 5 ? std::atoi(argv[5]) : 0;
  double extract_seconds = 0;
  std::size_t pages = 0;
  if (mode == "body") {
    double p_sum = 0, r_sum = 0;
    std::size_t p_n = 0, r_n = 0;
    std::vector<std::pair<double, std::string>> per_page;
    for (auto& [id, v] : truth.items()) {
      std::string html = Load(dir + "/" + id + ".html.gz");
      framescope::crawler::ExtractInput in;
      in.html = html;
      in.url = v.value("url", "");
      auto t = std::chrono::steady_clock::now();
      auto ex = framescope::crawler::ExtractArticle(in);
      extract_seconds += Seconds(t);
      ++pages;
      std::string got = ex ? ex->doc.text : "";
      auto a = Shingles(got), b = Shingles(v.value("articleBody", ""));
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
      double p = (fp == 0 && fn == 0) ? 1 : (tp + fp > 0 ? tp / (tp + fp) : 0);
      double r = (fp == 0 && fn == 0) ? 1 : (tp + fn > 0 ? tp / (tp + fn) : 0);
      if (tp + fp > 0 || (fp == 0 && fn == 0)) { p_sum += p; ++p_n; }
      if (tp + fn > 0 || (fp == 0 && fn == 0)) { r_sum += r; ++r_n; }
      per_page.push_back({2 * p * r / std::max(1e-9, p + r), id});
    }
    double P = p_n ? p_sum / p_n : 0, R = r_n ? r_sum / r_n : 0;
    std::printf("pages %zu  precision %.3f  recall %.3f  F1 %.3f  (%.1f pages/s on one core)\n",
                pages, P, R, 2 * P * R / (P + R), pages / extract_seconds);
    std::sort(per_page.begin(), per_page.end());
    for (int i = 0; i < show_worst && i < static_cast<int>(per_page.size()); ++i)
      std::printf("  worst %.3f %s\n", per_page[static_cast<std::size_t>(i)].first,
                  per_page[static_cast<std::size_t>(i)].second.c_str());
  } else if (mode == "dates") {
    std::size_t right = 0, found = 0;
    for (auto& [url, v] : truth.items()) {
      std::string html = Load(dir + "/" + v.value("file", "") + ".gz");
      framescope::crawler::ExtractInput in;
      in.html = html;
      in.url = url;
      auto t = std::chrono::steady_clock::now();
      auto ex = framescope::crawler::ExtractArticle(in);
      extract_seconds += Seconds(t);
      ++pages;
      if (!ex || ex->doc.published.empty()) continue;
      ++found;
      if (ex->doc.published.substr(0, 10) == v.value("date", "")) ++right;
      else if (show_worst) std::printf("  wrong %s got %s want %s (%s)\n", url.c_str(), ex->doc.published.c_str(), v.value("date", "").c_str(), ex->date_source.c_str());
    }
    std::printf("pages %zu  date found %zu  exact-day accuracy %.3f  (%.1f pages/s)\n", pages,
                found, double(right) / double(pages), pages / extract_seconds);
  } else {
    std::cerr << "unknown mode " << mode << "\n";
    return 2;
  }
  return 0;
}
