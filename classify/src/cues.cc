#include "framescope/classify/cues.h"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <map>
#include <set>

#include "analysis.h"
#include "framescope/corpus/text.h"
#include "matcher.h"

namespace framescope::classify {

std::string_view VoiceName(Voice v) {
  switch (v) {
    case Voice::kOwn:
      return "own";
    case Voice::kQuoted:
      return "quoted";
    case Voice::kNegated:
      return "negated";
    case Voice::kAttributed:
      return "attributed";
    case Voice::kRebutted:
      return "rebutted";
  }
  return "own";
}

namespace detail {
namespace {

bool Overlaps(const Match& m, std::size_t begin, std::size_t end) {
  return m.begin < end && begin < m.end;
}

// True when a contrast marker lies strictly between token positions a and b (either order).
bool ContrastBetween(const std::vector<Match>& contrast, std::size_t a, std::size_t b) {
  if (a > b) std::swap(a, b);
  for (const Match& c : contrast) {
    if (c.first_token > a && c.last_token < b) return true;
  }
  return false;
}

// Marker matches grouped by sentence: voice rules only look at a cue's own sentence and its
// neighbours, so long documents stay linear.
using Buckets = std::vector<std::vector<Match>>;

Buckets FindBySentence(const PhraseSet& set, const TokenStream& ts,
                       const std::vector<bool>& allowed) {
  Buckets out(ts.sentences.size());
  if (set.empty()) return out;
  for (std::size_t s = 0; s < ts.sentences.size(); ++s) set.FindInSentence(ts, s, allowed, out[s]);
  return out;
}

}  // namespace

std::string AnalysedText(const corpus::Document& doc, std::size_t* title_bytes) {
  std::string text;
  if (!doc.title.empty()) {
    // A blank line keeps the headline a sentence (and a paragraph) of its own.
    text = doc.title + "\n\n";
  }
  if (title_bytes) *title_bytes = text.size();
  text += doc.text;
  return text;
}

DocumentAnalysis AnalyseInternal(const Codebook& codebook, const corpus::Document& doc,
                                 const corpus::DocumentTokens* tokens) {
  const CompiledCodebook& cc = codebook.compiled();
  DocumentAnalysis out;
  std::size_t title_bytes = 0;
  std::string text = AnalysedText(doc, &title_bytes);
  if (tokens) {
    // ICU always breaks words at a line break, so the words of title + "\n\n" + text are those
    // of the title followed by those of the text.
    std::vector<corpus::Token> toks;
    toks.reserve(tokens->title.size() + tokens->text.size());
    if (title_bytes > 0) toks = tokens->title;
    for (const corpus::Token& t : tokens->text) {
      toks.push_back(t);
      toks.back().begin += title_bytes;
      toks.back().end += title_bytes;
    }
    out.stream = Analyse(std::move(text), std::move(toks));
  } else {
    out.stream = Analyse(std::move(text));
  }
  const TokenStream& ts = out.stream;
  CueAnalysis& ca = out.result;
  for (const auto& [b, e] : ts.sentences) {
    ca.sentences.emplace_back(ts.text.substr(b, e - b));
    if (b < title_bytes) ++ca.title_sentences;
  }
  for (const Frame& f : codebook.frames()) ca.evidence[f.name] = f.prior;

  const std::vector<bool> allowed = cc.Allowed(doc.language);
  cc.MarkCandidates(out.stream, allowed);

  // Topic terms, each reported once.
  std::set<int> topic_seen;
  for (const Match& m : cc.topic.FindAll(ts, allowed)) {
    if (topic_seen.insert(m.owner).second) {
      ca.topic_terms.push_back(cc.topic_texts[static_cast<std::size_t>(m.owner)]);
    }
  }

  std::set<int> anchor_seen;
  for (const Match& m : cc.anchors.FindAll(ts, allowed)) {
    if (anchor_seen.insert(m.owner).second) {
      ca.anchor_terms.push_back(cc.anchor_texts[static_cast<std::size_t>(m.owner)]);
    }
  }

  // Cue matches, longest first, so "诚信建设" is one cue and not also "诚信".
  std::vector<Match> found = cc.cues.FindAll(ts, allowed);
  std::stable_sort(found.begin(), found.end(), [](const Match& a, const Match& b) {
    if (a.length != b.length) return a.length > b.length;
    return a.begin < b.begin;
  });
  std::vector<Match> cues;
  std::map<std::size_t, std::size_t> taken;  // accepted byte ranges, begin -> end
  for (const Match& m : found) {
    auto it = taken.lower_bound(m.begin);
    if (it != taken.end() && it->first < m.end) continue;
    if (it != taken.begin() && std::prev(it)->second > m.begin) continue;
    taken.emplace(m.begin, m.end);
    cues.push_back(m);
  }
  std::sort(cues.begin(), cues.end(),
            [](const Match& a, const Match& b) { return a.begin < b.begin; });

  if (cues.empty()) {
    // No cue to give a voice to: the marker scans below would find nothing to use.
    if (!ca.topic_terms.empty()) ca.on_topic = true;
    return out;
  }
  const Buckets rebuttal = FindBySentence(cc.rebuttal, ts, allowed);
  const Buckets dismissal = FindBySentence(cc.dismissal, ts, allowed);
  const Buckets negation = FindBySentence(cc.negation, ts, allowed);
  const Buckets attribution = FindBySentence(cc.attribution, ts, allowed);
  const Buckets contrast = FindBySentence(cc.contrast, ts, allowed);
  const auto quoted = QuotedSpans(ts.text, codebook.markers().quotes);  // sorted, disjoint
  const VoiceWeights& vw = codebook.voice_weights();
  const auto& toks = ts.tokens;
  std::map<int, int> repeats;

  // The voice of a match starting at token `first`, bytes [begin, end): the rules of cues.h.
  auto voice_of = [&](std::size_t first, std::size_t begin, std::size_t end) -> Voice {
    const std::size_t sentence = toks[first].sentence;
    const std::size_t clause = toks[first].clause;
    auto q = std::upper_bound(quoted.begin(), quoted.end(), std::make_pair(begin, SIZE_MAX));
    const bool is_quoted = q != quoted.begin() && std::prev(q)->second >= end;
    const auto& here_contrast = contrast[sentence];
    // A rebuttal marker rejects what follows it in the clause; a dismissal marker anything in its
    // clause; either rejects a quoted term in the same or a neighbouring sentence.
    auto near_quote = [&](const Buckets& markers) {
      if (!is_quoted) return false;
      for (std::size_t s = sentence == 0 ? 0 : sentence - 1;
           s <= sentence + 1 && s < markers.size(); ++s) {
        for (const Match& r : markers[s]) {
          if (!Overlaps(r, begin, end)) return true;
        }
      }
      return false;
    };
    const bool is_rebutted =
        near_quote(rebuttal) || near_quote(dismissal) ||
        std::any_of(rebuttal[sentence].begin(), rebuttal[sentence].end(),
                    [&](const Match& r) {
                      return r.last_token < first && toks[r.first_token].clause == clause &&
                             !ContrastBetween(here_contrast, r.last_token, first);
                    }) ||
        std::any_of(dismissal[sentence].begin(), dismissal[sentence].end(), [&](const Match& r) {
          if (Overlaps(r, begin, end) || toks[r.first_token].clause != clause) return false;
          std::size_t rpos = r.last_token < first ? r.last_token : r.first_token;
          return !ContrastBetween(here_contrast, rpos, first);
        });
    if (is_rebutted) return Voice::kRebutted;
    const bool is_negated =
        std::any_of(negation[sentence].begin(), negation[sentence].end(), [&](const Match& n) {
          return n.last_token < first && toks[n.first_token].clause == clause &&
                 first - n.last_token <= static_cast<std::size_t>(codebook.negation_window());
        });
    if (is_negated) return Voice::kNegated;
    if (is_quoted) return Voice::kQuoted;
    const bool is_attributed = std::any_of(
        attribution[sentence].begin(), attribution[sentence].end(), [&](const Match& a) {
          return !Overlaps(a, begin, end) && !ContrastBetween(here_contrast, a.first_token, first);
        });
    return is_attributed ? Voice::kAttributed : Voice::kOwn;
  };

  for (const Match& m : cues) {
    const detail::CueRef ref = cc.cue_refs[static_cast<std::size_t>(m.owner)];
    const Frame& frame = codebook.frames()[static_cast<std::size_t>(ref.frame)];
    const Cue& cue = frame.cues[static_cast<std::size_t>(ref.cue)];
    const std::size_t sentence = toks[m.first_token].sentence;
    const Voice voice = voice_of(m.first_token, m.begin, m.end);

    CueHit hit;
    hit.frame = frame.name;
    hit.cue = cue.text;
    hit.sentence = sentence;
    hit.begin = m.begin - ts.sentences[sentence].first;
    hit.end = std::min(m.end, ts.sentences[sentence].second) - ts.sentences[sentence].first;
    hit.voice = voice;
    double voice_weight = vw.own;
    switch (voice) {
      case Voice::kRebutted:
        voice_weight = vw.rebutted;
        break;
      case Voice::kNegated:
        voice_weight = vw.negated;
        break;
      case Voice::kQuoted:
        voice_weight = vw.quoted;
        break;
      case Voice::kAttributed:
        voice_weight = vw.attributed;
        break;
      case Voice::kOwn:
        break;
    }
    double place = sentence < ca.title_sentences ? codebook.title_weight() : 1.0;
    // Repeating a cue adds little evidence beyond the first few uses.
    if (codebook.repeat_limit() > 0 && ++repeats[m.owner] > codebook.repeat_limit()) place = 0;
    hit.weight = cue.weight * voice_weight * place;
    if ((hit.voice == Voice::kRebutted || hit.voice == Voice::kNegated) &&
        !frame.rebutted_counts_for.empty()) {
      hit.counts_for = frame.rebutted_counts_for;
      hit.transfer = cue.weight * vw.transfer * place;
      ca.evidence[hit.counts_for] += hit.transfer;
    }
    ca.evidence[hit.frame] += hit.weight;
    if (!cue.generic) ca.on_topic = true;
    out.cue_cues.push_back(&cue);
    ca.hits.push_back(std::move(hit));
  }
  if (!ca.topic_terms.empty()) ca.on_topic = true;
  return out;
}

}  // namespace detail

std::vector<std::string> DocumentSentences(const corpus::Document& doc) {
  std::string text = detail::AnalysedText(doc, nullptr);
  std::vector<std::string> out;
  for (const auto& sp : corpus::SplitSentences(text)) {
    out.emplace_back(text.substr(sp.begin, sp.end - sp.begin));
  }
  return out;
}

CueAnalysis AnalyseDocument(const Codebook& codebook, const corpus::Document& doc) {
  return detail::AnalyseInternal(codebook, doc).result;
}

std::vector<CueHit> AnalyseCues(const Codebook& codebook, const corpus::Document& doc) {
  return AnalyseDocument(codebook, doc).hits;
}

}  // namespace framescope::classify
