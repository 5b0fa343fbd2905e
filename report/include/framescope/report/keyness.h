// Keyness: the words that set one set of texts apart from another (DESIGN.md, `keyness`).
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

namespace framescope::report {

struct KeynessRow {
  std::string term;  // normalised word form (NFKC, case-folded), as corpus::Tokenize gives it
  std::size_t freq_a = 0;
  std::size_t freq_b = 0;
  std::size_t size_a = 0;     // tokens in corpus A
  std::size_t size_b = 0;     // tokens in corpus B
  double log_likelihood = 0;  // G2, always >= 0
  double log_ratio = 0;       // > 0: relatively more frequent in A; < 0: in B
};

// Rayson & Garside's log-likelihood G2 of a word seen `a` times in a corpus of `c` tokens and `b`
// times in one of `d` tokens: 2 * sum(O * ln(O / E)), where 0 * ln 0 counts as 0. Returns 0 when
// c + d == 0. REQUIRES: a <= c, b <= d. Thread-safe.
double LogLikelihood(std::size_t a, std::size_t b, std::size_t c, std::size_t d);

// Hardie's log ratio: log2((a / c) / (b / d)), with 0.5 put in place of a zero frequency.
// Returns 0 when c or d is 0. Thread-safe.
double LogRatio(std::size_t a, std::size_t b, std::size_t c, std::size_t d);

// Compares the words of `texts_a` with those of `texts_b` (tokens from corpus::Tokenize, so
// Chinese and Japanese are segmented). Words seen fewer than `min_freq` times in A and B together
// are ignored. Returns the `top_n` words key in A (positive log ratio) by descending G2, then the
// `top_n` words key in B, ties broken by term; top_n == 0 means no limit. Returns nothing when
// either side has no tokens. Thread-safe.
std::vector<KeynessRow> Keyness(const std::vector<std::string>& texts_a,
                                const std::vector<std::string>& texts_b, std::size_t min_freq,
                                std::size_t top_n);

// CSV with the header `term,freq_a,freq_b,size_a,size_b,log_likelihood,log_ratio`; terms go
// through CsvCell, numbers (a negative log ratio included) are written as numbers.
void WriteKeynessCsv(const std::vector<KeynessRow>& rows, std::ostream& out);
// A JSON array of objects with the CSV's column names, and a newline.
void WriteKeynessJson(const std::vector<KeynessRow>& rows, std::ostream& out);
// An aligned text table for terminals.
void WriteKeynessTable(const std::vector<KeynessRow>& rows, std::ostream& out);
// A GitHub-flavoured Markdown table `term | freq_a | freq_b | log_likelihood | log_ratio` (two
// decimals; terms escaped so they cannot break the table or inject HTML), followed by the two
// corpus sizes. Writes only the header row when `rows` is empty.
void WriteKeynessMarkdown(const std::vector<KeynessRow>& rows, std::ostream& out);

}  // namespace framescope::report
