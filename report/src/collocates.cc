#include "framescope/report/collocates.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "framescope/corpus/text.h"
#include "framescope/report/csv.h"
#include "text_util.h"

namespace framescope::report {
namespace {

struct Company {
  std::size_t in_window = 0;
  std::size_t left = 0;
  std::size_t right = 0;
};

struct Counts {
  std::unordered_map<std::string, std::size_t> total;
  std::unordered_map<std::string, Company> company;
  std::size_t node_freq = 0;
  std::size_t slots = 0;
  std::size_t tokens = 0;
};

// Adds one text to `counts`. Windows are computed per text so that the end of one article never
// keeps company with the start of the next.
void CountText(std::string_view text, const std::vector<std::string>& node, std::size_t window,
               Counts& counts) {
  std::vector<std::string> words;
  for (corpus::Token& t : corpus::Tokenize(text)) words.push_back(std::move(t.norm));
  const std::size_t n = words.size();
  counts.tokens += n;
  for (const std::string& w : words) ++counts.total[w];
  const std::size_t k = node.size();
  std::vector<std::pair<std::size_t, std::size_t>> occurrences;  // [begin, end)
  std::vector<bool> is_node(n, false);
  for (std::size_t i = 0; i + k <= n;) {
    if (std::equal(node.begin(), node.end(), words.begin() + static_cast<std::ptrdiff_t>(i))) {
      occurrences.emplace_back(i, i + k);
      for (std::size_t j = i; j < i + k; ++j) is_node[j] = true;
      i += k;
    } else {
      ++i;
    }
  }
  counts.node_freq += occurrences.size();
  if (occurrences.empty()) return;
  constexpr std::size_t kFar = std::numeric_limits<std::size_t>::max();
  std::size_t next = 0;  // first occurrence that begins after position j
  for (std::size_t j = 0; j < n; ++j) {
    while (next < occurrences.size() && occurrences[next].first <= j) ++next;
    if (is_node[j]) continue;
    // The occurrence before j (if any) is next - 1, since j is not inside any occurrence.
    const std::size_t after_node = next > 0 ? j - occurrences[next - 1].second + 1 : kFar;
    const std::size_t before_node = next < occurrences.size() ? occurrences[next].first - j : kFar;
    if (std::min(after_node, before_node) > window) continue;
    ++counts.slots;
    Company& c = counts.company[words[j]];
    ++c.in_window;
    if (after_node <= before_node) {
      ++c.right;
    } else {
      ++c.left;
    }
  }
}

// O * ln(O / E), with the limit 0 for O == 0.
double Term(double observed, double expected) {
  if (observed <= 0 || expected <= 0) return 0;
  return observed * std::log(observed / expected);
}

}  // namespace

Result<std::vector<CollocateRow>> Collocates(const std::vector<std::string>& texts,
                                             const std::string& node, std::size_t window,
                                             std::size_t min_freq, std::size_t top_n) {
  std::vector<std::string> node_words;
  for (corpus::Token& t : corpus::Tokenize(node)) node_words.push_back(std::move(t.norm));
  if (node_words.empty()) {
    return Fail(ErrorCode::kUsage, "collocates: the node \"" + corpus::ToValidUtf8(node) +
                                       "\" has no words (letters, numbers or ideographs)");
  }
  if (window == 0) return Fail(ErrorCode::kUsage, "collocates: the window must be at least 1");
  Counts counts;
  for (const std::string& text : texts) CountText(text, node_words, window, counts);
  std::vector<CollocateRow> rows;
  if (counts.node_freq == 0 || counts.slots == 0) return rows;
  const double n = static_cast<double>(counts.tokens);
  const double r1 = static_cast<double>(counts.slots);
  const double r2 = n - r1;
  for (const auto& [word, company] : counts.company) {
    if (company.in_window < std::max<std::size_t>(min_freq, 1)) continue;
    const std::size_t c1_count = counts.total[word];
    // Attraction only, compared exactly: O11 * N > R1 * C1.
    if (static_cast<unsigned long long>(company.in_window) * counts.tokens <=
        static_cast<unsigned long long>(counts.slots) * c1_count)
      continue;
    const double o11 = static_cast<double>(company.in_window);
    const double c1 = static_cast<double>(c1_count);
    const double c2 = n - c1;
    const double o12 = r1 - o11, o21 = c1 - o11, o22 = r2 - o21;
    const double e11 = r1 * c1 / n, e12 = r1 * c2 / n, e21 = r2 * c1 / n, e22 = r2 * c2 / n;
    CollocateRow row;
    row.collocate = word;
    row.freq_with_node = company.in_window;
    row.freq_left = company.left;
    row.freq_right = company.right;
    row.freq_total = c1_count;
    row.node_freq = counts.node_freq;
    row.window_tokens = counts.slots;
    row.corpus_size = counts.tokens;
    row.log_likelihood =
        std::max(0.0, 2 * (Term(o11, e11) + Term(o12, e12) + Term(o21, e21) + Term(o22, e22)));
    row.mutual_information = std::log2(o11 / e11);
    rows.push_back(std::move(row));
  }
  std::sort(rows.begin(), rows.end(), [](const CollocateRow& a, const CollocateRow& b) {
    if (a.log_likelihood != b.log_likelihood) return a.log_likelihood > b.log_likelihood;
    if (a.freq_with_node != b.freq_with_node) return a.freq_with_node > b.freq_with_node;
    return a.collocate < b.collocate;
  });
  if (top_n > 0 && rows.size() > top_n) rows.resize(top_n);
  return rows;
}

void WriteCollocatesCsv(const std::vector<CollocateRow>& rows, std::ostream& out) {
  out << "collocate,freq_with_node,freq_left,freq_right,freq_total,node_freq,window_tokens,"
         "corpus_size,log_likelihood,mutual_information\n";
  for (const CollocateRow& r : rows) {
    out << CsvCell(r.collocate) << ',' << r.freq_with_node << ',' << r.freq_left << ','
        << r.freq_right << ',' << r.freq_total << ',' << r.node_freq << ',' << r.window_tokens
        << ',' << r.corpus_size << ',' << internal::FormatFixed(r.log_likelihood, 6) << ','
        << internal::FormatFixed(r.mutual_information, 6) << '\n';
  }
}

void WriteCollocatesJson(const std::vector<CollocateRow>& rows, std::ostream& out) {
  nlohmann::ordered_json j = nlohmann::ordered_json::array();
  for (const CollocateRow& r : rows) {
    j.push_back({{"collocate", r.collocate},
                 {"freq_with_node", r.freq_with_node},
                 {"freq_left", r.freq_left},
                 {"freq_right", r.freq_right},
                 {"freq_total", r.freq_total},
                 {"node_freq", r.node_freq},
                 {"window_tokens", r.window_tokens},
                 {"corpus_size", r.corpus_size},
                 {"log_likelihood", r.log_likelihood},
                 {"mutual_information", r.mutual_information}});
  }
  out << j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
}

namespace {

std::vector<std::vector<std::string>> Lines(const std::vector<CollocateRow>& rows) {
  std::vector<std::vector<std::string>> lines;
  lines.push_back({"collocate", "freq", "left", "right", "total", "log_likelihood", "MI"});
  for (const CollocateRow& r : rows) {
    lines.push_back({r.collocate, std::to_string(r.freq_with_node), std::to_string(r.freq_left),
                     std::to_string(r.freq_right), std::to_string(r.freq_total),
                     internal::FormatFixed(r.log_likelihood, 2),
                     internal::FormatFixed(r.mutual_information, 2)});
  }
  return lines;
}

}  // namespace

void WriteCollocatesTable(const std::vector<CollocateRow>& rows, std::ostream& out) {
  const auto lines = Lines(rows);
  std::vector<std::size_t> width(lines.front().size(), 0);
  for (const auto& line : lines)
    for (std::size_t c = 0; c < line.size(); ++c)
      width[c] = std::max(width[c], internal::DisplayWidth(line[c]));
  for (const auto& line : lines) {
    std::string text;
    for (std::size_t c = 0; c < line.size(); ++c) {
      std::string pad(width[c] - internal::DisplayWidth(line[c]), ' ');
      if (c) text += "  ";
      text += c == 0 ? line[c] + pad : pad + line[c];
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    out << text << '\n';
  }
}

void WriteCollocatesMarkdown(const std::vector<CollocateRow>& rows, std::ostream& out) {
  const auto lines = Lines(rows);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    out << '|';
    for (const std::string& cell : lines[i]) out << ' ' << internal::MarkdownCell(cell) << " |";
    out << '\n';
    if (i == 0) out << "| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n";
  }
  if (!rows.empty()) {
    out << "\nNode: " << rows.front().node_freq << " occurrence(s); " << rows.front().window_tokens
        << " token(s) in its windows; " << rows.front().corpus_size
        << " token(s) in all. MI is log2(observed / expected).\n";
  }
}

}  // namespace framescope::report
