// Phrase matching on normalised tokens, shared by cues, topic terms and markers.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "framescope/classify/codebook.h"

namespace framescope::classify::detail {

// A token of an analysed text with the key phrases are compared on.
struct KeyToken {
  std::string key;
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
};

// The matching key of a token norm: typographic apostrophes made plain, French elisions (l', d',
// qu' ...; not n', which carries negation) and an English possessive 's removed, Traditional
// Chinese mapped to Simplified.
std::string TokenKey(std::string_view norm, bool cjk);

// Tokenises and segments `text` (sentences, clauses, joined CJK keys).
TokenStream Analyse(std::string text);

// Byte ranges of `text` that lie between a pair of quotation marks, within one paragraph.
std::vector<std::pair<std::size_t, std::size_t>> QuotedSpans(
    std::string_view text, const std::vector<std::pair<std::string, std::string>>& quotes);

struct Match {
  std::size_t first_token = 0, last_token = 0;  // inclusive
  std::size_t begin = 0, end = 0;               // bytes in the text
  std::size_t length = 0;                       // key bytes matched (for longest-first)
  int owner = 0;
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
  std::unordered_map<std::string, std::vector<std::size_t>> by_first_word_;
  std::vector<std::size_t> prefix_first_;
  std::vector<std::size_t> cjk_;
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
  PhraseSet rebuttal, dismissal, negation, attribution, contrast;

  // Which language ids apply to a document in `language` (see cues.h).
  std::vector<bool> Allowed(std::string_view language) const;
};

}  // namespace framescope::classify::detail
