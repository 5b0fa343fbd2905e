// The codebook: the frames a study codes for, the cues that signal each frame in each language,
// the terms that show a document is about the topic at all, and the meta-discourse markers
// (rebuttal, negation, attribution, contrast, quotation marks) that decide whose voice a cue is
// spoken in. A codebook is a TOML file; data/codebook/default.toml documents the format and is the
// only place where the default frames are named. Scholars can replace it with their own frames.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "framescope/corpus/result.h"

namespace framescope::classify {

// The label given to a document with no evidence of being about the topic. Reserved: no frame of
// a codebook may be called this.
inline constexpr std::string_view kNoneLabel = "none";

// The language key for cues, topic terms and markers that apply to documents in every language.
inline constexpr std::string_view kAnyLanguage = "any";

// One cue: a word or phrase matched on normalised tokens (see cues.h for the matching rules).
struct Cue {
  std::string language;  // ISO 639-1/2 code or "any"
  std::string text;      // as written in the codebook; a trailing '*' on a word matches a prefix
  double weight = 1.0;   // > 0
  // A generic cue (e.g. "harmony") counts toward its frame but is not on its own evidence that a
  // document is about the topic.
  bool generic = false;
};

struct Frame {
  std::string name;
  std::string description;
  std::vector<Cue> cues;
  // Evidence the frame starts with, before any cue (breaks ties toward this frame).
  double prior = 0.0;
  // When the outlet's own voice rebuts or negates a cue of this frame, the cue counts (times
  // VoiceWeights::transfer) for the frame named here. "" = it counts for no frame.
  std::string rebutted_counts_for;
};

// How much one cue occurrence counts toward its own frame, by the voice it is spoken in.
struct VoiceWeights {
  double own = 1.0;
  double quoted = 0.25;
  double attributed = 0.25;
  double negated = 0.0;
  double rebutted = 0.0;
  double transfer = 0.5;  // share of a rebutted/negated cue credited to `rebutted_counts_for`
};

// Word lists per language ("any" = every language).
using LanguageLists = std::map<std::string, std::vector<std::string>>;

struct Markers {
  LanguageLists rebuttal;   // "far from", "so-called", "并非" ...: rejects what follows it
  LanguageLists dismissal;  // "myth", "cliché", "偏见" ...: rejects a view anywhere in its clause
  LanguageLists negation;   // "not", "kein", "没有" ...: shortly before a cue, negates it
  LanguageLists attribution;  // "said", "selon", "表示" ...: the sentence reports someone's view
  LanguageLists contrast;     // "but", "sondern", "而是" ...: ends the reach of a rebuttal
  std::vector<std::pair<std::string, std::string>> quotes;  // (opening, closing) marks
};

namespace detail {
struct CompiledCodebook;  // matchers built once from the lists above (private to the module)
}

// An immutable, validated codebook. Cheap to copy (the compiled matchers are shared).
// Thread-safe: all members are const after construction.
class Codebook {
 public:
  // Reads and parses a codebook file. Errors name the file, and the line and column for syntax
  // errors, or the frame and cue for invalid content.
  static Result<Codebook> Load(const std::string& path);
  // Parses codebook text; `name` (usually the file path) is used in error messages and in
  // Describe() strings. Errors as for Load.
  static Result<Codebook> Parse(std::string_view toml, const std::string& name);

  const std::vector<Frame>& frames() const { return frames_; }
  // Frame names in codebook order (kNoneLabel is not included).
  std::vector<std::string> labels() const;
  // Index of the frame called `name`, or -1.
  int FrameIndex(std::string_view name) const;

  const std::string& name() const { return name_; }    // as given to Parse / the path given to Load
  const std::string& title() const { return title_; }  // [codebook] title, may be ""
  const std::string& hash() const { return hash_; }    // SHA-1 (hex) of the codebook text
  const std::string& text() const { return text_; }    // the TOML text itself
  const LanguageLists& topic() const { return topic_; }
  // Terms that place a document in the topic's setting (for the default codebook: China) without
  // being the topic itself. Empty when the codebook has no [anchors]. Used as features by the
  // trained model: a document about "blacklists" that never mentions China is likely off topic.
  const LanguageLists& anchors() const { return anchors_; }
  const Markers& markers() const { return markers_; }
  const VoiceWeights& voice_weights() const { return voice_; }
  double temperature() const { return temperature_; }  // softmax temperature of the codebook model
  double title_weight() const { return title_weight_; }     // factor for cues in the headline
  int negation_window() const { return negation_window_; }  // tokens before a cue
  // How many occurrences of one cue count; later ones are reported with weight 0. 0 = no limit.
  int repeat_limit() const { return repeat_limit_; }

  // The compiled matchers; for use inside the classify module only.
  const detail::CompiledCodebook& compiled() const { return *compiled_; }

 private:
  Codebook() = default;  // only Parse makes codebooks, so every one has its matchers

  std::string name_, title_, hash_, text_;
  std::vector<Frame> frames_;
  LanguageLists topic_;
  LanguageLists anchors_;
  Markers markers_;
  VoiceWeights voice_;
  double temperature_ = 0.5;
  double title_weight_ = 0.5;
  int negation_window_ = 3;
  int repeat_limit_ = 0;
  std::shared_ptr<const detail::CompiledCodebook> compiled_;
};

// The bundled default codebook: corpus::DataDir() + "/codebook/default.toml".
std::string DefaultCodebookPath();

}  // namespace framescope::classify
