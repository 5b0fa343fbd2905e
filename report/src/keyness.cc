#include "framescope/report/keyness.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "framescope/corpus/text.h"
#include "framescope/report/csv.h"
#include "text_util.h"

namespace framescope::report {
namespace {

using Counts = std::unordered_map<std::string, std::size_t>;

std::size_t CountTokens(const std::vector<std::string>& texts, Counts& counts) {
  std::size_t size = 0;
  for (const std::string& text : texts) {
    for (corpus::Token& t : corpus::Tokenize(text)) {
      ++counts[std::move(t.norm)];
      ++size;
    }
  }
  return size;
}

// O * ln(O / E), with the limit 0 for O == 0.
double Term(double observed, double expected) {
  if (observed <= 0 || expected <= 0) return 0;
  return observed * std::log(observed / expected);
}

bool Stronger(const KeynessRow& x, const KeynessRow& y) {
  if (x.log_likelihood != y.log_likelihood) return x.log_likelihood > y.log_likelihood;
  return x.term < y.term;
}

}  // namespace

double LogLikelihood(std::size_t a, std::size_t b, std::size_t c, std::size_t d) {
  const double total = static_cast<double>(c) + static_cast<double>(d);
  if (total == 0) return 0;
  const double both = static_cast<double>(a) + static_cast<double>(b);
  const double e1 = static_cast<double>(c) * both / total;
  const double e2 = static_cast<double>(d) * both / total;
  double g2 = 2 * (Term(static_cast<double>(a), e1) + Term(static_cast<double>(b), e2));
  return g2 < 0 ? 0 : g2;  // rounding can leave -1e-16 for a word spread evenly
}

double LogRatio(std::size_t a, std::size_t b, std::size_t c, std::size_t d) {
  if (c == 0 || d == 0) return 0;
  const double fa = a == 0 ? 0.5 : static_cast<double>(a);
  const double fb = b == 0 ? 0.5 : static_cast<double>(b);
  return std::log2((fa / static_cast<double>(c)) / (fb / static_cast<double>(d)));
}

std::vector<KeynessRow> Keyness(const std::vector<std::string>& texts_a,
                                const std::vector<std::string>& texts_b, std::size_t min_freq,
                                std::size_t top_n) {
  Counts ca, cb;
  const std::size_t size_a = CountTokens(texts_a, ca);
  const std::size_t size_b = CountTokens(texts_b, cb);
  if (size_a == 0 || size_b == 0) return {};
  std::vector<KeynessRow> key_a, key_b;
  auto consider = [&](const std::string& term, std::size_t a, std::size_t b) {
    if (a + b < min_freq) return;
    KeynessRow row{term,
                   a,
                   b,
                   size_a,
                   size_b,
                   LogLikelihood(a, b, size_a, size_b),
                   LogRatio(a, b, size_a, size_b)};
    // Compare relative frequencies exactly (cross-multiplied) so that an evenly spread word
    // goes to neither side.
    const unsigned long long lhs = static_cast<unsigned long long>(a) * size_b;
    const unsigned long long rhs = static_cast<unsigned long long>(b) * size_a;
    if (lhs > rhs) {
      key_a.push_back(std::move(row));
    } else if (lhs < rhs) {
      key_b.push_back(std::move(row));
    }
  };
  for (const auto& [term, a] : ca) {
    auto it = cb.find(term);
    consider(term, a, it == cb.end() ? 0 : it->second);
  }
  for (const auto& [term, b] : cb) {
    if (!ca.count(term)) consider(term, 0, b);
  }
  std::sort(key_a.begin(), key_a.end(), Stronger);
  std::sort(key_b.begin(), key_b.end(), Stronger);
  if (top_n > 0) {
    if (key_a.size() > top_n) key_a.resize(top_n);
    if (key_b.size() > top_n) key_b.resize(top_n);
  }
  key_a.insert(key_a.end(), std::make_move_iterator(key_b.begin()),
               std::make_move_iterator(key_b.end()));
  return key_a;
}

void WriteKeynessCsv(const std::vector<KeynessRow>& rows, std::ostream& out) {
  out << "term,freq_a,freq_b,size_a,size_b,log_likelihood,log_ratio\n";
  for (const KeynessRow& r : rows) {
    out << CsvCell(r.term) << ',' << r.freq_a << ',' << r.freq_b << ',' << r.size_a << ','
        << r.size_b << ',' << internal::FormatFixed(r.log_likelihood, 6) << ','
        << internal::FormatFixed(r.log_ratio, 6) << '\n';
  }
}

void WriteKeynessJson(const std::vector<KeynessRow>& rows, std::ostream& out) {
  nlohmann::ordered_json j = nlohmann::ordered_json::array();
  for (const KeynessRow& r : rows) {
    j.push_back({{"term", r.term},
                 {"freq_a", r.freq_a},
                 {"freq_b", r.freq_b},
                 {"size_a", r.size_a},
                 {"size_b", r.size_b},
                 {"log_likelihood", r.log_likelihood},
                 {"log_ratio", r.log_ratio}});
  }
  out << j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
}

void WriteKeynessTable(const std::vector<KeynessRow>& rows, std::ostream& out) {
  std::vector<std::vector<std::string>> lines;
  lines.push_back({"term", "freq_a", "freq_b", "log_likelihood", "log_ratio"});
  for (const KeynessRow& r : rows) {
    lines.push_back({r.term, std::to_string(r.freq_a), std::to_string(r.freq_b),
                     internal::FormatFixed(r.log_likelihood, 2),
                     internal::FormatFixed(r.log_ratio, 2)});
  }
  std::vector<std::size_t> width(5, 0);
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

void WriteKeynessMarkdown(const std::vector<KeynessRow>& rows, std::ostream& out) {
  out << "| term | freq_a | freq_b | log_likelihood | log_ratio |\n"
      << "| --- | ---: | ---: | ---: | ---: |\n";
  for (const KeynessRow& r : rows) {
    out << "| " << internal::MarkdownCell(r.term) << " | " << r.freq_a << " | " << r.freq_b << " | "
        << internal::FormatFixed(r.log_likelihood, 2) << " | "
        << internal::FormatFixed(r.log_ratio, 2) << " |\n";
  }
  if (!rows.empty()) {
    out << "\nCorpus A: " << rows.front().size_a << " tokens; corpus B: " << rows.front().size_b
        << " tokens. Log-likelihood G2 (Rayson & Garside); log ratio > 0: key in A.\n";
  }
}

}  // namespace framescope::report
