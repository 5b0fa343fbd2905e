// Cue analysis: finds the codebook's cues in a document and decides, for every occurrence, whose
// voice it is spoken in. Framing is about the outlet's own voice: a piece that quotes "Black
// Mirror" only to reject it does not adopt the alarmist frame.
//
// Matching. Text and cues are compared on corpus::Tokenize norms (NFKC + case folding, typographic
// apostrophes made plain, Traditional Chinese characters mapped to Simplified). A cue of words
// matches a run of consecutive tokens inside one sentence; a word ending in '*' matches any token
// that starts with it. A cue containing Chinese/Japanese characters matches as a substring of the
// sentence's tokens joined without spaces (so it does not depend on how ICU segments the words).
// Overlapping cue matches are resolved longest first. The cues, topic terms and markers used for a
// document are those of its language plus "any"; for a document whose language is unknown or not
// in the codebook, those of every language.
//
// Voice, in order of precedence:
//   kRebutted   in the same clause (clauses end at , ; : dashes and brackets), with no contrast
//               marker ("but", "sondern", "而是") in between, a rebuttal marker stands before the
//               cue ("far from the Black Mirror dystopia") or a dismissal marker stands anywhere
//               ("the Orwellian myth"); or the cue is quoted and its sentence or a neighbouring
//               sentence holds a rebuttal or dismissal marker.
//   kNegated    a negation marker stands at most negation_window tokens before the cue, in the
//               same clause.
//   kQuoted     the cue lies between a pair of the codebook's quotation marks (within a paragraph).
//   kAttributed the sentence holds an attribution marker ("said", "selon", "表示") with no
//               contrast marker between it and the cue.
//   kOwn        none of the above.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "framescope/classify/codebook.h"
#include "framescope/corpus/document.h"

namespace framescope::classify {

enum class Voice { kOwn, kQuoted, kNegated, kAttributed, kRebutted };

// "own", "quoted", "negated", "attributed", "rebutted".
std::string_view VoiceName(Voice v);

struct CueHit {
  std::string frame;  // the frame whose cue matched
  std::string cue;    // the cue as written in the codebook
  Voice voice = Voice::kOwn;
  std::size_t sentence = 0;  // index into DocumentSentences(doc) (see Prediction for re-indexing)
  std::size_t begin = 0;     // byte range of the match inside that sentence
  std::size_t end = 0;
  // What the occurrence adds to `frame`: cue weight x voice weight (x title weight in the
  // headline). 0 for a rebutted or negated cue under the default weights, and for occurrences
  // beyond the codebook's repeat_limit.
  double weight = 0;
  // A rebutted or negated cue of a frame that declares rebutted_counts_for credits that frame
  // with `transfer`; otherwise counts_for is "" and transfer 0.
  std::string counts_for;
  double transfer = 0;
};

// The sentences a document is analysed as: the title's sentences first (when it has a title),
// then those of the text (corpus::SplitSentences), as strings.
std::vector<std::string> DocumentSentences(const corpus::Document& doc);

struct CueAnalysis {
  std::vector<std::string> sentences;     // DocumentSentences(doc)
  std::size_t title_sentences = 0;        // how many of them come from the title
  std::vector<CueHit> hits;               // in document order
  std::vector<std::string> topic_terms;   // distinct topic terms found, codebook spelling
  std::vector<std::string> anchor_terms;  // distinct anchor terms found (codebook.h), ditto
  // True when a topic term or a non-generic cue (in any voice) occurs: the document is about
  // the topic. False means the codebook model labels it kNoneLabel.
  bool on_topic = false;
  // Per frame: prior + sum of hit weights + transfers received. Every frame has an entry.
  std::map<std::string, double> evidence;
};

// Analyses one document. Never fails; an empty document gives no hits. Thread-safe.
CueAnalysis AnalyseDocument(const Codebook& codebook, const corpus::Document& doc);

// The cue hits of AnalyseDocument(codebook, doc).
std::vector<CueHit> AnalyseCues(const Codebook& codebook, const corpus::Document& doc);

}  // namespace framescope::classify
