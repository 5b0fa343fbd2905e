#include "highlight.h"

#include <algorithm>

namespace framescope::index {
namespace {

constexpr std::size_t kSnippetMaxChars = 300;
constexpr std::size_t kSnippetLeadChars = 100;

bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Moves `pos` back by up to `n` code points, not before `floor`.
std::size_t StepBack(std::string_view s, std::size_t pos, std::size_t n, std::size_t floor) {
  while (n > 0 && pos > floor) {
    --pos;
    while (pos > floor && IsContinuation(s[pos])) --pos;
    --n;
  }
  return pos;
}

// Moves `pos` forward by up to `n` code points, not past `ceil`.
std::size_t StepForward(std::string_view s, std::size_t pos, std::size_t n, std::size_t ceil) {
  while (n > 0 && pos < ceil) {
    ++pos;
    while (pos < ceil && IsContinuation(s[pos])) ++pos;
    --n;
  }
  return pos;
}

std::string Trim(std::string s) {
  std::size_t b = s.find_first_not_of(' ');
  if (b == std::string::npos) return "";
  std::size_t e = s.find_last_not_of(' ');
  return s.substr(b, e - b + 1);
}

}  // namespace

Highlighter::Highlighter(const std::vector<Pattern>& patterns, const std::string& language)
    : patterns_(patterns) {
  std::string lang = schema::LanguageValue(language);
  if (!lang.empty()) {
    try {
      Xapian::Stem s(lang);
      if (!s.is_none()) stem_ = s;
    } catch (const Xapian::InvalidArgumentError&) {
      // No stemmer for this language: exact matches only.
    }
  }
  for (const Pattern& p : patterns_) {
    bool stemmable = stem_ && p.terms.size() == 1 && !p.prefix;
    stems_.push_back(stemmable ? (*stem_)(p.terms[0]) : std::string());
  }
}

std::size_t Highlighter::MatchAt(const std::vector<schema::Word>& words, std::size_t i) const {
  std::size_t best = 0;
  std::optional<std::string> word_stem;
  for (std::size_t k = 0; k < patterns_.size(); ++k) {
    const Pattern& p = patterns_[k];
    const std::size_t len = p.terms.size();
    if (len <= best || i + len > words.size()) continue;
    bool ok = true;
    for (std::size_t j = 0; j < len && ok; ++j) {
      const std::string& w = words[i + j].term;
      if (p.prefix && j + 1 == len) {
        ok = !w.empty() && w.starts_with(p.terms[j]);
      } else {
        ok = w == p.terms[j];
      }
    }
    if (!ok && !stems_[k].empty() && !words[i].term.empty()) {
      if (!word_stem) word_stem = (*stem_)(words[i].term);
      ok = *word_stem == stems_[k];
    }
    if (ok) best = len;
  }
  return best;
}

std::vector<corpus::Span> Highlighter::Find(const std::vector<schema::Word>& words) const {
  std::vector<corpus::Span> out;
  if (patterns_.empty()) return out;
  std::size_t i = 0;
  while (i < words.size()) {
    std::size_t len = words[i].term.empty() ? 0 : MatchAt(words, i);
    if (len == 0) {
      ++i;
      continue;
    }
    corpus::Span span{words[i].begin, words[i + len - 1].end};
    // Terms cut from one token ("u.s" -> u, s) share its span: merge rather than overlap.
    if (!out.empty() && span.begin < out.back().end) {
      out.back().end = std::max(out.back().end, span.end);
    } else {
      out.push_back(span);
    }
    i += len;
  }
  return out;
}

std::string FlattenSpace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool in_space = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0) {
      space = true;
      ++i;
    }
    if (space) {
      if (!in_space) out.push_back(' ');
      in_space = true;
    } else {
      out.push_back(static_cast<char>(c));
      in_space = false;
    }
  }
  return out;
}

std::string LeftContext(std::string_view text, std::size_t pos, std::size_t width) {
  if (width == 0) return "";
  // Read more than `width` so that collapsed whitespace still leaves `width` characters.
  std::size_t start = StepBack(text, pos, 2 * width + 8, 0);
  std::string flat = FlattenSpace(text.substr(start, pos - start));
  return flat.substr(StepBack(flat, flat.size(), width, 0));
}

std::string RightContext(std::string_view text, std::size_t pos, std::size_t width) {
  if (width == 0) return "";
  std::size_t end = StepForward(text, pos, 2 * width + 8, text.size());
  std::string flat = FlattenSpace(text.substr(pos, end - pos));
  return flat.substr(0, StepForward(flat, 0, width, flat.size()));
}

std::string Snippet(std::string_view text, const std::vector<corpus::Span>& matches) {
  if (text.empty()) return "";
  std::vector<corpus::Span> sentences = corpus::SplitSentences(text);
  corpus::Span s{0, text.size()};
  if (!sentences.empty()) s = sentences[0];
  if (!matches.empty()) {
    s = {matches[0].begin, matches[0].end};
    for (const corpus::Span& sentence : sentences) {
      if (sentence.begin <= matches[0].begin && matches[0].begin < sentence.end) {
        s = {sentence.begin, std::max(sentence.end, matches[0].end)};
        break;
      }
    }
  }
  std::size_t wb = s.begin, we = s.end;
  if (StepForward(text, s.begin, kSnippetMaxChars, s.end) < s.end) {
    std::size_t anchor = matches.empty() ? s.begin : matches[0].begin;
    wb = StepBack(text, anchor, kSnippetLeadChars, s.begin);
    we = StepForward(text, wb, kSnippetMaxChars, s.end);
    for (const corpus::Span& m : matches) {
      if (m.begin < we && m.end > we) we = m.end;  // never cut a match in two
    }
  }
  std::string out = wb > s.begin ? "…" : "";
  std::size_t pos = wb;
  for (const corpus::Span& m : matches) {
    if (m.begin < wb || m.end > we) continue;
    out.append(text.substr(pos, m.begin - pos));
    out += "«";
    out.append(text.substr(m.begin, m.end - m.begin));
    out += "»";
    pos = m.end;
  }
  out.append(text.substr(pos, we - pos));
  if (we < s.end) out += "…";
  return Trim(FlattenSpace(out));
}

}  // namespace framescope::index
