#include "matcher.h"

#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <memory>

#include "framescope/corpus/language.h"
#include "framescope/corpus/text.h"

namespace framescope::classify::detail {
namespace {

// Traditional and Simplified spellings of the same word must match the same cue, or a codebook
// written in one script would miss half of the Chinese-language press.
std::string ToSimplified(const std::string& s) {
  thread_local std::unique_ptr<icu::Transliterator> translit = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(
        icu::Transliterator::createInstance("Hant-Hans", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) t.reset();
    return t;
  }();
  thread_local std::unordered_map<std::string, std::string> cache;
  if (!translit) return s;
  if (auto it = cache.find(s); it != cache.end()) return it->second;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
  translit->transliterate(u);
  std::string out;
  u.toUTF8String(out);
  if (cache.size() > 200000) cache.clear();  // bound memory on huge corpora
  cache.emplace(s, out);
  return out;
}

bool IsCjkCodePoint(UChar32 c) {
  UErrorCode status = U_ZERO_ERROR;
  UScriptCode sc = uscript_getScript(c, &status);
  return sc == USCRIPT_HAN || sc == USCRIPT_HIRAGANA || sc == USCRIPT_KATAKANA;
}

bool IsWordChar(UChar32 c) { return c >= 0 && u_isalnum(c) && !IsCjkCodePoint(c); }

bool IsSpaceChar(UChar32 c) { return c < 0 || u_isUWhiteSpace(c); }

// The code point before byte `i` (-1 at the start).
UChar32 Before(std::string_view s, std::size_t i) {
  if (i == 0) return -1;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t pos = static_cast<int32_t>(i);
  UChar32 c;
  U8_PREV(p, 0, pos, c);
  return c;
}

// The code point at byte `i` (-1 at the end).
UChar32 At(std::string_view s, std::size_t i) {
  if (i >= s.size()) return -1;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t pos = static_cast<int32_t>(i);
  UChar32 c;
  U8_NEXT(p, pos, static_cast<int32_t>(s.size()), c);
  return c;
}

std::size_t NextChar(std::string_view s, std::size_t i) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t pos = static_cast<int32_t>(i);
  UChar32 c;
  U8_NEXT(p, pos, static_cast<int32_t>(s.size()), c);
  (void)c;
  return static_cast<std::size_t>(pos);
}

// Builds a new string rather than using std::string::replace, which trips a GCC 12 false
// positive (-Wrestrict) under -O2.
std::string ReplaceAll(std::string_view s, std::string_view from, std::string_view to) {
  std::string out;
  out.reserve(s.size());
  std::size_t pos = 0;
  for (std::size_t hit = s.find(from); hit != std::string_view::npos; hit = s.find(from, pos)) {
    out.append(s.substr(pos, hit - pos));
    out.append(to);
    pos = hit + from.size();
  }
  out.append(s.substr(pos));
  return out;
}

// Punctuation that ends a clause: the reach of a rebuttal or negation marker.
bool HasClauseBreak(std::string_view gap) {
  // Not the enumeration comma 、: it separates items of a list, not clauses.
  static constexpr std::string_view kBreaks[] = {",", ";",  ":",  "(",  ")",  "[",  "]", "—",
                                                 "–", "，", "；", "：", "（", "）", "…"};
  for (std::string_view b : kBreaks) {
    if (gap.find(b) != std::string_view::npos) return true;
  }
  return gap.find(" - ") != std::string_view::npos;
}

std::string JoinKeys(const std::vector<KeyToken>& toks, std::size_t b, std::size_t e,
                     std::vector<std::size_t>* starts) {
  std::string joined;
  for (std::size_t i = b; i < e; ++i) {
    if (i > b && !(toks[i - 1].cjk && toks[i].cjk && toks[i - 1].end == toks[i].begin)) {
      joined.push_back('\x1f');
    }
    if (starts) starts->push_back(joined.size());
    joined += toks[i].key;
  }
  return joined;
}

}  // namespace

std::string TokenKey(std::string_view norm, bool cjk) {
  std::string k(norm);
  if (cjk || corpus::HasCjk(k)) return ToSimplified(k);
  if (k.find("\u2019") != std::string::npos || k.find("\u2018") != std::string::npos ||
      k.find("\u02bc") != std::string::npos) {
    k = ReplaceAll(ReplaceAll(ReplaceAll(k, "\u2019", "'"), "\u2018", "'"), "\u02bc", "'");
  }
  if (auto q = k.find('\''); q != std::string::npos && q + 1 < k.size()) {
    std::string_view head(k.data(), q);
    static constexpr std::string_view kElisions[] = {
        "l", "d", "qu", "j", "s", "c", "m", "t", "jusqu", "lorsqu", "puisqu", "quoiqu"};
    for (std::string_view e : kElisions) {
      if (head == e) {
        k.erase(0, q + 1);
        break;
      }
    }
  }
  if (k.size() > 2 && k.compare(k.size() - 2, 2, "'s") == 0) k.resize(k.size() - 2);
  return k;
}

TokenStream Analyse(std::string text) {
  TokenStream ts;
  ts.text = std::move(text);
  std::vector<corpus::Span> spans = corpus::SplitSentences(ts.text);
  std::vector<corpus::Token> toks = corpus::Tokenize(ts.text);
  ts.sentences.reserve(spans.size());
  for (const auto& sp : spans) ts.sentences.emplace_back(sp.begin, sp.end);
  ts.tokens.reserve(toks.size());
  std::size_t s = 0;
  std::size_t clause = 0;
  bool first_in_sentence = true;
  for (auto& t : toks) {
    while (s + 1 < spans.size() && t.begin >= spans[s].end) {
      ++s;
      first_in_sentence = true;
    }
    KeyToken k;
    k.key = TokenKey(t.norm, t.cjk);
    k.begin = t.begin;
    k.end = t.end;
    k.cjk = t.cjk;
    k.sentence = s;
    if (first_in_sentence) {
      if (!ts.tokens.empty()) ++clause;
      first_in_sentence = false;
    } else {
      const KeyToken& prev = ts.tokens.back();
      std::string_view gap(ts.text.data() + prev.end, t.begin - prev.end);
      if (HasClauseBreak(gap)) ++clause;
    }
    k.clause = clause;
    ts.tokens.push_back(std::move(k));
  }
  ts.sentence_tokens.assign(ts.sentences.size(), {0, 0});
  ts.joined.assign(ts.sentences.size(), std::string());
  ts.joined_starts.assign(ts.sentences.size(), {});
  std::size_t i = 0;
  for (std::size_t si = 0; si < ts.sentences.size(); ++si) {
    std::size_t b = i;
    bool cjk = false;
    while (i < ts.tokens.size() && ts.tokens[i].sentence == si) {
      cjk = cjk || ts.tokens[i].cjk;
      ++i;
    }
    ts.sentence_tokens[si] = {b, i};
    if (cjk) ts.joined[si] = JoinKeys(ts.tokens, b, i, &ts.joined_starts[si]);
  }
  return ts;
}

std::vector<std::pair<std::size_t, std::size_t>> QuotedSpans(
    std::string_view text, const std::vector<std::pair<std::string, std::string>>& quotes) {
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  const std::size_t n = text.size();
  constexpr std::size_t npos = std::string_view::npos;
  // Where each closing mark next occurs, remembered so that a text full of unmatched opening
  // marks costs linear rather than quadratic time.
  std::vector<std::pair<std::size_t, std::size_t>> next_close(quotes.size(), {npos, npos});
  auto find_close = [&](std::size_t k, std::size_t from) {
    auto& [searched_from, found] = next_close[k];
    if (searched_from != npos && searched_from <= from && (found == npos || found >= from)) {
      return found;
    }
    searched_from = from;
    found = text.find(quotes[k].second, from);
    return found;
  };
  std::size_t i = 0;
  while (i < n) {
    bool matched = false;
    for (std::size_t k = 0; k < quotes.size() && !matched; ++k) {
      const auto& [open, close] = quotes[k];
      if (open.empty() || close.empty() || text.compare(i, open.size(), open) != 0) continue;
      const bool symmetric = open == close;
      UChar32 prev = Before(text, i), next = At(text, i + open.size());
      if (IsWordChar(prev) && IsWordChar(next)) continue;  // an apostrophe inside a word
      if (symmetric && (IsWordChar(prev) || IsSpaceChar(next))) continue;
      std::size_t para_end = text.find("\n\n", i);
      if (para_end == npos) para_end = n;
      for (std::size_t j = find_close(k, i + open.size()); j != npos && j < para_end;
           j = find_close(k, j + 1)) {
        UChar32 cprev = Before(text, j), cnext = At(text, j + close.size());
        if (IsWordChar(cprev) && IsWordChar(cnext)) continue;
        if (symmetric && (IsSpaceChar(cprev) || IsWordChar(cnext))) continue;
        spans.emplace_back(i, j + close.size());
        i = j + close.size();
        matched = true;
        break;
      }
    }
    if (!matched) i = NextChar(text, i);
  }
  return spans;
}

bool PhraseSet::Add(std::string_view text, int language, int owner) {
  std::string plain(text);
  std::vector<corpus::Token> toks = corpus::Tokenize(plain);
  if (toks.empty()) return false;
  Phrase p;
  p.language = language;
  p.owner = owner;
  std::vector<KeyToken> keys;
  bool cjk = false;
  for (const auto& t : toks) {
    KeyToken k;
    k.key = TokenKey(t.norm, t.cjk);
    k.begin = t.begin;
    k.end = t.end;
    k.cjk = t.cjk || corpus::HasCjk(k.key);
    cjk = cjk || k.cjk;
    p.words.push_back(k.key);
    p.prefix.push_back(t.end < plain.size() && plain[t.end] == '*');
    p.length += k.key.size();
    keys.push_back(std::move(k));
  }
  std::size_t index = phrases_.size();
  if (cjk) {
    p.cjk = JoinKeys(keys, 0, keys.size(), nullptr);
    const auto* s = reinterpret_cast<const uint8_t*>(p.cjk.data());
    int32_t pos = 0;
    UChar32 c;
    U8_NEXT(s, pos, static_cast<int32_t>(p.cjk.size()), c);
    (void)c;
    p.single_cjk = static_cast<std::size_t>(pos) == p.cjk.size();
    if (p.single_cjk) {
      p.prefix.assign(1, false);
      by_first_word_[p.words[0]].push_back(index);
    } else {
      cjk_.push_back(index);
    }
  } else if (p.prefix[0]) {
    prefix_first_.push_back(index);
  } else {
    by_first_word_[p.words[0]].push_back(index);
  }
  phrases_.push_back(std::move(p));
  return true;
}

void PhraseSet::TryWords(const TokenStream& ts, std::size_t i, std::size_t end, const Phrase& p,
                         std::vector<Match>& out) const {
  const std::size_t n = p.words.size();
  if (i + n > end) return;
  for (std::size_t k = 0; k < n; ++k) {
    const std::string& key = ts.tokens[i + k].key;
    const std::string& w = p.words[k];
    if (p.prefix[k] ? key.compare(0, w.size(), w) != 0 : key != w) return;
  }
  Match m;
  m.first_token = i;
  m.last_token = i + n - 1;
  m.begin = ts.tokens[i].begin;
  m.end = ts.tokens[i + n - 1].end;
  m.length = p.length;
  m.owner = p.owner;
  out.push_back(m);
}

void PhraseSet::FindInSentence(const TokenStream& ts, std::size_t s,
                               const std::vector<bool>& allowed, std::vector<Match>& out) const {
  auto ok = [&](const Phrase& p) {
    return p.language >= 0 && static_cast<std::size_t>(p.language) < allowed.size() &&
           allowed[static_cast<std::size_t>(p.language)];
  };
  const auto [tb, te] = ts.sentence_tokens[s];
  for (std::size_t i = tb; i < te; ++i) {
    if (auto it = by_first_word_.find(ts.tokens[i].key); it != by_first_word_.end()) {
      for (std::size_t pi : it->second) {
        if (ok(phrases_[pi])) TryWords(ts, i, te, phrases_[pi], out);
      }
    }
    for (std::size_t pi : prefix_first_) {
      if (ok(phrases_[pi])) TryWords(ts, i, te, phrases_[pi], out);
    }
  }
  const std::string& joined = ts.joined[s];
  if (joined.empty()) return;
  const std::vector<std::size_t>& starts = ts.joined_starts[s];
  // Maps a byte of the joined string to (token, byte in the text); exact inside a token when its
  // key kept the byte length of the original spelling, else the token's edge.
  auto locate = [&](std::size_t pos, bool at_end) {
    std::size_t t = static_cast<std::size_t>(std::upper_bound(starts.begin(), starts.end(), pos) -
                                             starts.begin() - 1);
    const KeyToken& tok = ts.tokens[tb + t];
    std::size_t off = pos - starts[t];
    std::size_t byte = at_end ? tok.end : tok.begin;
    if (tok.key.size() == tok.end - tok.begin && off <= tok.key.size()) {
      byte = tok.begin + off + (at_end ? 1 : 0);
    }
    return std::make_pair(tb + t, byte);
  };
  for (std::size_t pi : cjk_) {
    const Phrase& p = phrases_[pi];
    if (!ok(p)) continue;
    for (std::size_t pos = joined.find(p.cjk); pos != std::string::npos;
         pos = joined.find(p.cjk, pos + 1)) {
      auto [ft, fb] = locate(pos, false);
      auto [lt, le] = locate(pos + p.cjk.size() - 1, true);
      Match m;
      m.first_token = ft;
      m.last_token = lt;
      m.begin = fb;
      m.end = le;
      m.length = p.cjk.size();
      m.owner = p.owner;
      out.push_back(m);
    }
  }
}

std::vector<Match> PhraseSet::FindAll(const TokenStream& ts,
                                      const std::vector<bool>& allowed) const {
  std::vector<Match> out;
  if (phrases_.empty()) return out;
  for (std::size_t s = 0; s < ts.sentences.size(); ++s) FindInSentence(ts, s, allowed, out);
  return out;
}

std::vector<bool> CompiledCodebook::Allowed(std::string_view language) const {
  std::string lang = corpus::PrimaryLanguage(language);
  auto it = std::find(languages.begin(), languages.end(), lang);
  if (lang.empty() || it == languages.end()) return std::vector<bool>(languages.size(), true);
  std::vector<bool> allowed(languages.size(), false);
  allowed[static_cast<std::size_t>(it - languages.begin())] = true;
  if (any_language >= 0) allowed[static_cast<std::size_t>(any_language)] = true;
  return allowed;
}

}  // namespace framescope::classify::detail
