// Phrase matching on normalised tokens, shared by cues, topic terms and markers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "framescope/classify/codebook.h"
#include "framescope/corpus/text.h"

namespace framescope::classify::detail {

// A token of an analysed text with the key phrases are compared on.
struct KeyToken {
  std::string key;
  std::uint64_t hash = 0;          // KeyHash(key)
  std::size_t begin = 0, end = 0;  // bytes in the analysed text
  bool cjk = false;
  std::size_t sentence = 0;
  std::size_t clause = 0;  // global clause counter (clauses never span sentences)
};

// The analysed form of one text: tokens grouped by sentence, and the joined key string of every
// sentence for Chinese/Japanese substring matching.
struct TokenStream {
  std::string text;
  std::vector<std::pair<std::size_t, std::size_t>> sentences;  // byte ranges in text
  std::vector<KeyToken> tokens;
  std::vector<std::pair<std::size_t, std::size_t>> sentence_tokens;  // token range per sentence
  // Per sentence: tokens' keys joined (no separator between adjacent CJK tokens, '\x1f'
  // otherwise) and the start of each token's key in it. Empty when the sentence has no CJK.
  std::vector<std::string> joined;
  std::vector<std::vector<std::size_t>> joined_starts;
  // Per token: the phrase sets (PhraseSet::bit) that have a phrase that can start at it
  // (CompiledCodebook::MarkCandidates). Empty = every token is a candidate for every set. Most
  // words of a text start no phrase, and this spares each phrase set its own lookups for them.
  std::vector<std::uint8_t> candidate;
  // Per sentence with CJK: every CJK character of `joined` that may start a CJK phrase of the
  // codebook (all of them, for all sets, before MarkCandidates).
  struct CjkStart {
    std::uint32_t pos = 0;     // byte in joined
    std::uint8_t sets = 0xFF;  // as `candidate`
    std::uint64_t hash = 0;    // KeyHash of the character
  };
  std::vector<std::vector<CjkStart>> cjk_starts;
};

// The matching key of a token norm: typographic apostrophes made plain, French elisions (l', d',
// qu' ...; not n', which carries negation) and an English possessive 's removed, Traditional
// Chinese mapped to Simplified.
std::string TokenKey(std::string_view norm, bool cjk);

// The hash phrase lookups and feature names use for a token key (64-bit FNV-1a).
std::uint64_t KeyHash(std::string_view key);

// Tokenises and segments `text` (sentences, clauses, joined CJK keys).
TokenStream Analyse(std::string text);

// Analyse for a text whose words are known: `toks` must be corpus::Tokenize(text).
TokenStream Analyse(std::string text, std::vector<corpus::Token> toks);

// Byte ranges of `text` that lie between a pair of quotation marks, within one paragraph.
std::vector<std::pair<std::size_t, std::size_t>> QuotedSpans(
    std::string_view text, const std::vector<std::pair<std::string, std::string>>& quotes);

struct Match {
  std::size_t first_token = 0, last_token = 0;  // inclusive
  std::size_t begin = 0, end = 0;               // bytes in the text
  std::size_t length = 0;                       // key bytes matched (for longest-first)
  int owner = 0;
};

// Lists of indices by 64-bit key, in an open-addressing table: the lookup is done for every
// token by every phrase set, so it must not cost a division and a pointer chase.
class HashIndex {
 public:
  // Appends `value` to the list of `key`.
  void Add(std::uint64_t key, std::size_t value);
  // The list of `key`, or null.
  const std::vector<std::size_t>* Find(std::uint64_t key) const {
    if (lists_.empty()) return nullptr;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t s = Slot(key, mask);; s = (s + 1) & mask) {
      const std::uint32_t at = slots_[s];
      if (at == 0) return nullptr;
      if (keys_[at - 1] == key) return &lists_[at - 1];
    }
  }
  bool empty() const { return lists_.empty(); }

 private:
  static std::size_t Slot(std::uint64_t key, std::size_t mask) {
    return static_cast<std::size_t>((key ^ (key >> 29)) * 0x9e3779b97f4a7c15ULL >> 20) & mask;
  }
  void Rehash(std::size_t size);
  std::vector<std::uint32_t> slots_;  // 1 + index into keys_/lists_, 0 = empty
  std::vector<std::uint64_t> keys_;
  std::vector<std::vector<std::size_t>> lists_;
};

// A set of phrases, each tagged with a language id and an owner id.
class PhraseSet {
 public:
  // Adds a phrase; false when its text holds no word to match.
  bool Add(std::string_view text, int language, int owner);
  // All matches inside sentence `s`, for phrases whose language is allowed (allowed[language]).
  void FindInSentence(const TokenStream& ts, std::size_t s, const std::vector<bool>& allowed,
                      std::vector<Match>& out) const;
  // All matches in the whole stream.
  std::vector<Match> FindAll(const TokenStream& ts, const std::vector<bool>& allowed) const;
  bool empty() const { return phrases_.empty(); }
  // Gives the set its bit (0..7) in TokenStream::candidate, and adds the keys a token must have
  // to start one of its phrases, each with the value language id * 8 + bit: the hash of a first
  // word to `words`, the first two bytes of a prefix to `twos`, the hash of the first character
  // of a CJK phrase to `cjk`. Returns false when a phrase can start at any token (a one-byte
  // prefix).
  bool Register(int bit, HashIndex& words, HashIndex& twos, HashIndex& cjk);

 private:
  struct Phrase {
    std::vector<std::string> words;
    std::vector<bool> prefix;
    std::string cjk;          // joined key, for phrases with CJK characters
    bool single_cjk = false;  // one CJK character: matches a whole token only
    std::size_t length = 0;
    int language = 0;
    int owner = 0;
  };
  void TryWords(const TokenStream& ts, std::size_t i, std::size_t end, const Phrase& p,
                std::vector<Match>& out) const;
  std::vector<Phrase> phrases_;
  // Phrases by the hash of their first word; prefix phrases by the first two bytes of their first
  // word (shorter prefixes in prefix_short_); CJK phrases by the hash of their first character.
  // Each token is then compared with the few phrases that can match it, not with all of them.
  HashIndex by_first_word_;
  HashIndex prefix_by_two_;
  std::vector<std::size_t> prefix_short_;
  HashIndex cjk_by_first_;
  std::vector<std::size_t> cjk_other_;
  std::uint8_t bit_ = 0xFF;  // this set's bit in TokenStream::candidate (all bits: unregistered)
};

struct CueRef {
  int frame = 0;
  int cue = 0;
};

struct CompiledCodebook {
  std::vector<std::string> languages;  // language id -> code ("any" included)
  int any_language = -1;
  std::vector<CueRef> cue_refs;  // owner id of `cues` -> frame/cue
  PhraseSet cues;
  std::vector<std::string> topic_texts;  // owner id of `topic` -> term
  PhraseSet topic;
  std::vector<std::string> anchor_texts;  // owner id of `anchors` -> term
  PhraseSet anchors;
  PhraseSet rebuttal, dismissal, negation, attribution, contrast;

  // Which language ids apply to a document in `language` (see cues.h).
  std::vector<bool> Allowed(std::string_view language) const;

  // Every phrase set's first keys (PhraseSet::Register); filled by Finish().
  HashIndex first_words, first_twos, first_cjk;
  bool any_token_starts = false;
  void Finish();
  // Fills ts.candidate for a document whose allowed languages are `allowed` (Allowed()).
  void MarkCandidates(TokenStream& ts, const std::vector<bool>& allowed) const;
};

}  // namespace framescope::classify::detail
