#include "matcher.h"

#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <memory>

#include "framescope/corpus/hash.h"
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

std::uint64_t KeyHash(std::string_view key) { return corpus::Fnv1a64(key); }

TokenStream Analyse(std::string text) {
  std::vector<corpus::Token> toks = corpus::Tokenize(text);
  return Analyse(std::move(text), std::move(toks));
}

TokenStream Analyse(std::string text, std::vector<corpus::Token> toks) {
  TokenStream ts;
  ts.text = std::move(text);
  std::vector<corpus::Span> spans = corpus::SplitSentences(ts.text);
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
    k.hash = KeyHash(k.key);
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
  ts.cjk_starts.assign(ts.sentences.size(), {});
  std::size_t i = 0;
  for (std::size_t si = 0; si < ts.sentences.size(); ++si) {
    std::size_t b = i;
    bool cjk = false;
    while (i < ts.tokens.size() && ts.tokens[i].sentence == si) {
      cjk = cjk || ts.tokens[i].cjk;
      ++i;
    }
    ts.sentence_tokens[si] = {b, i};
    if (!cjk) continue;
    ts.joined[si] = JoinKeys(ts.tokens, b, i, &ts.joined_starts[si]);
    const std::string& joined = ts.joined[si];
    const auto* p8 = reinterpret_cast<const uint8_t*>(joined.data());
    const auto len = static_cast<int32_t>(joined.size());
    auto& starts = ts.cjk_starts[si];
    for (int32_t pos = 0; pos < len;) {
      const int32_t start = pos;
      UChar32 c;
      U8_NEXT(p8, pos, len, c);
      if (c < 0x2E80) continue;
      TokenStream::CjkStart cs;
      cs.pos = static_cast<std::uint32_t>(start);
      cs.hash = KeyHash(std::string_view(joined).substr(static_cast<std::size_t>(start),
                                                        static_cast<std::size_t>(pos - start)));
      starts.push_back(cs);
    }
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
  // Only bytes that begin some opening mark need the full comparison below.
  bool first_byte[256] = {};
  for (const auto& q : quotes) {
    if (!q.first.empty()) first_byte[static_cast<unsigned char>(q.first[0])] = true;
  }
  std::size_t i = 0;
  while (i < n) {
    if (!first_byte[static_cast<unsigned char>(text[i])]) {
      ++i;
      continue;
    }
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

void HashIndex::Add(std::uint64_t key, std::size_t value) {
  if (2 * (lists_.size() + 1) > slots_.size()) Rehash(std::max<std::size_t>(16, slots_.size() * 2));
  const std::size_t mask = slots_.size() - 1;
  std::size_t s = Slot(key, mask);
  for (; slots_[s] != 0; s = (s + 1) & mask) {
    if (keys_[slots_[s] - 1] == key) {
      lists_[slots_[s] - 1].push_back(value);
      return;
    }
  }
  keys_.push_back(key);
  lists_.push_back({value});
  slots_[s] = static_cast<std::uint32_t>(keys_.size());
}

void HashIndex::Rehash(std::size_t size) {
  slots_.assign(size, 0);
  for (std::size_t i = 0; i < keys_.size(); ++i) {
    std::size_t s = Slot(keys_[i], size - 1);
    while (slots_[s] != 0) s = (s + 1) & (size - 1);
    slots_[s] = static_cast<std::uint32_t>(i + 1);
  }
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
    k.hash = KeyHash(k.key);
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
      by_first_word_.Add(KeyHash(p.words[0]), index);
    } else if (c < 0x2E80) {
      cjk_other_.push_back(index);  // starts with a Latin letter or digit: scanned separately
    } else {
      cjk_by_first_.Add(KeyHash(std::string_view(p.cjk).substr(0, static_cast<std::size_t>(pos))),
                        index);
    }
  } else if (p.prefix[0]) {
    const std::string& w = p.words[0];
    if (w.size() < 2) {
      prefix_short_.push_back(index);
    } else {
      prefix_by_two_.Add((static_cast<unsigned char>(w[0]) << 8) | static_cast<unsigned char>(w[1]),
                         index);
    }
  } else {
    by_first_word_.Add(KeyHash(p.words[0]), index);
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
  const std::size_t first_out = out.size();
  const auto [tb, te] = ts.sentence_tokens[s];
  const bool filtered = ts.candidate.size() == ts.tokens.size();
  for (std::size_t i = tb; i < te; ++i) {
    if (filtered && (ts.candidate[i] & bit_) == 0) continue;
    const KeyToken& tok = ts.tokens[i];
    if (const auto* list = by_first_word_.Find(tok.hash)) {
      for (std::size_t pi : *list) {
        if (ok(phrases_[pi])) TryWords(ts, i, te, phrases_[pi], out);
      }
    }
    if (tok.key.size() >= 2 && !prefix_by_two_.empty()) {
      if (const auto* list = prefix_by_two_.Find((static_cast<unsigned char>(tok.key[0]) << 8) |
                                                 static_cast<unsigned char>(tok.key[1]))) {
        for (std::size_t pi : *list) {
          if (ok(phrases_[pi])) TryWords(ts, i, te, phrases_[pi], out);
        }
      }
    }
    for (std::size_t pi : prefix_short_) {
      if (ok(phrases_[pi])) TryWords(ts, i, te, phrases_[pi], out);
    }
  }
  const std::string& joined = ts.joined[s];
  if (!joined.empty() && (!cjk_by_first_.empty() || !cjk_other_.empty())) {
    const std::vector<std::size_t>& starts = ts.joined_starts[s];
    // Maps a byte of the joined string to (token, byte in the text); exact inside a token when
    // its key kept the byte length of the original spelling, else the token's edge.
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
    auto add = [&](const Phrase& p, std::size_t at) {
      auto [ft, fb] = locate(at, false);
      auto [lt, le] = locate(at + p.cjk.size() - 1, true);
      Match m;
      m.first_token = ft;
      m.last_token = lt;
      m.begin = fb;
      m.end = le;
      m.length = p.cjk.size();
      m.owner = p.owner;
      out.push_back(m);
    };
    if (!cjk_by_first_.empty()) {
      for (const TokenStream::CjkStart& c : ts.cjk_starts[s]) {
        if ((c.sets & bit_) == 0) continue;
        const std::size_t start = c.pos;
        const auto* list = cjk_by_first_.Find(c.hash);
        if (!list) continue;
        for (std::size_t pi : *list) {
          const Phrase& p = phrases_[pi];
          if (ok(p) && joined.compare(start, p.cjk.size(), p.cjk) == 0) add(p, start);
        }
      }
    }
    for (std::size_t pi : cjk_other_) {
      const Phrase& p = phrases_[pi];
      if (!ok(p)) continue;
      for (std::size_t at = joined.find(p.cjk); at != std::string::npos;
           at = joined.find(p.cjk, at + 1)) {
        add(p, at);
      }
    }
  }
  // One order for the matches of a sentence, whatever index found them: by position.
  std::stable_sort(out.begin() + static_cast<std::ptrdiff_t>(first_out), out.end(),
                   [](const Match& a, const Match& b) {
                     return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
                   });
}

std::vector<Match> PhraseSet::FindAll(const TokenStream& ts,
                                      const std::vector<bool>& allowed) const {
  std::vector<Match> out;
  if (phrases_.empty()) return out;
  for (std::size_t s = 0; s < ts.sentences.size(); ++s) FindInSentence(ts, s, allowed, out);
  return out;
}

bool PhraseSet::Register(int bit, HashIndex& words, HashIndex& twos, HashIndex& cjk) {
  bit_ = static_cast<std::uint8_t>(1u << bit);
  bool all = true;
  for (const Phrase& p : phrases_) {
    const auto value =
        static_cast<std::size_t>(std::max(0, p.language)) * 8 + static_cast<std::size_t>(bit);
    if (!p.cjk.empty() && !p.single_cjk) {  // found in the joined text, not by token
      const auto* s = reinterpret_cast<const uint8_t*>(p.cjk.data());
      int32_t pos = 0;
      UChar32 c;
      U8_NEXT(s, pos, static_cast<int32_t>(p.cjk.size()), c);
      if (c >= 0x2E80) {
        cjk.Add(KeyHash(std::string_view(p.cjk).substr(0, static_cast<std::size_t>(pos))), value);
      }
      continue;
    }
    const std::string& w = p.words[0];
    if (!p.prefix[0]) {
      words.Add(KeyHash(w), value);
    } else if (w.size() >= 2) {
      twos.Add((static_cast<unsigned char>(w[0]) << 8) | static_cast<unsigned char>(w[1]), value);
    } else {
      all = false;
    }
  }
  return all;
}

void CompiledCodebook::Finish() {
  any_token_starts = false;
  int bit = 0;
  for (PhraseSet* set :
       {&cues, &topic, &anchors, &rebuttal, &dismissal, &negation, &attribution, &contrast}) {
    if (!set->Register(bit++, first_words, first_twos, first_cjk)) any_token_starts = true;
  }
}

void CompiledCodebook::MarkCandidates(TokenStream& ts, const std::vector<bool>& allowed) const {
  // The sets with a phrase of an allowed language among `values` (language id * 8 + bit).
  auto sets = [&](const std::vector<std::size_t>* values) -> std::uint8_t {
    std::uint8_t mask = 0;
    if (!values) return mask;
    for (std::size_t v : *values) {
      if (v / 8 < allowed.size() && allowed[v / 8])
        mask |= static_cast<std::uint8_t>(1u << (v % 8));
    }
    return mask;
  };
  for (auto& starts : ts.cjk_starts) {
    for (auto& c : starts) c.sets = sets(first_cjk.Find(c.hash));
    starts.erase(std::remove_if(starts.begin(), starts.end(),
                                [](const TokenStream::CjkStart& c) { return c.sets == 0; }),
                 starts.end());
  }
  ts.candidate.clear();
  if (any_token_starts) return;
  ts.candidate.resize(ts.tokens.size());
  for (std::size_t i = 0; i < ts.tokens.size(); ++i) {
    const KeyToken& t = ts.tokens[i];
    std::uint8_t mask = sets(first_words.Find(t.hash));
    if (t.key.size() >= 2) {
      mask |= sets(first_twos.Find((static_cast<unsigned char>(t.key[0]) << 8) |
                                   static_cast<unsigned char>(t.key[1])));
    }
    ts.candidate[i] = mask;
  }
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
