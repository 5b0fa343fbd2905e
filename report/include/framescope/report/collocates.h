// Collocation: the words that keep company with a node word or phrase within a window of tokens
// (DESIGN.md, `collocates`), scored by log-likelihood and mutual information.
//
// Counting follows the "surface co-occurrence" model: each text is tokenised (corpus::Tokenize,
// so Chinese and Japanese are segmented into words), every occurrence of the node marks the
// `window` tokens on each side (not crossing into another text), and the union of those marked
// positions, node tokens excluded, is the set of window slots. For a candidate collocate c the
// 2x2 contingency table is
//   O11 = slots holding c              O12 = slots holding another word     R1 = slots
//   O21 = c outside the slots          O22 = other words outside the slots  R2 = N - R1
//   C1  = occurrences of c in total    C2  = N - C1                         N  = tokens
// with expected values Eij = Ri * Cj / N. A token near two node occurrences is one slot, never
// two, so every cell is >= 0.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "framescope/corpus/result.h"

namespace framescope::report {

struct CollocateRow {
  std::string collocate;           // normalised word form, as corpus::Tokenize gives it
  std::size_t freq_with_node = 0;  // O11: occurrences inside the node's windows
  std::size_t freq_left = 0;       // of those, before the nearest node occurrence
  std::size_t freq_right = 0;      // after it (a tie goes to the preceding node: right)
  std::size_t freq_total = 0;      // C1: occurrences in all the texts
  std::size_t node_freq = 0;       // occurrences of the node
  std::size_t window_tokens = 0;   // R1: window slots
  std::size_t corpus_size = 0;     // N: tokens in all the texts
  double log_likelihood = 0;       // G2 = 2 * sum(Oij * ln(Oij / Eij)) over the four cells
  double mutual_information = 0;   // log2(O11 / E11)
};

// The collocates of `node` in `texts`. `node` is tokenised like the texts and matched as a
// sequence of normalised tokens (a phrase when it has several words; occurrences do not
// overlap). Words within `window` tokens on either side of an occurrence are counted. Only words
// seen at least `min_freq` times in the windows and more often than expected (O11 > E11) are
// kept, strongest log-likelihood first (ties: higher freq_with_node, then collocate); at most
// `top_n` rows, 0 meaning no limit. Returns no rows when the node does not occur.
// Errors: kUsage when `node` has no word tokens or `window` is 0. Thread-safe.
Result<std::vector<CollocateRow>> Collocates(const std::vector<std::string>& texts,
                                             const std::string& node, std::size_t window,
                                             std::size_t min_freq, std::size_t top_n);

// CSV with the header `collocate,freq_with_node,freq_left,freq_right,freq_total,node_freq,
// window_tokens,corpus_size,log_likelihood,mutual_information` (statistics with 6 decimals;
// collocates through CsvCell).
void WriteCollocatesCsv(const std::vector<CollocateRow>& rows, std::ostream& out);
// A JSON array of objects with the CSV's column names, and a newline.
void WriteCollocatesJson(const std::vector<CollocateRow>& rows, std::ostream& out);
// An aligned text table for terminals (collocate, freq, left, right, total, log_likelihood, MI),
// aligned by display width (CJK = 2).
void WriteCollocatesTable(const std::vector<CollocateRow>& rows, std::ostream& out);
// The same table as GitHub-flavoured Markdown, cell text escaped, followed by the node frequency,
// the window slots and the corpus size.
void WriteCollocatesMarkdown(const std::vector<CollocateRow>& rows, std::ostream& out);

}  // namespace framescope::report
