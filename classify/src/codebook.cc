#include "framescope/classify/codebook.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "framescope/corpus/hash.h"
#include "framescope/corpus/study.h"
#include "matcher.h"

namespace framescope::classify {
namespace {

// Validation errors carry the place in the file as well as the frame/cue they concern, so a
// scholar editing a long codebook can jump straight to it.
class Checker {
 public:
  explicit Checker(std::string name) : name_(std::move(name)) {}

  tl::unexpected<Error> Fail(const toml::node* where, const std::string& what) const {
    std::string place = name_;
    if (where && where->source().begin.line > 0) {
      place += ":" + std::to_string(where->source().begin.line) + ":" +
               std::to_string(where->source().begin.column);
    }
    return framescope::Fail(ErrorCode::kInvalidInput, place + ": " + what);
  }

 private:
  std::string name_;
};

bool IsLanguageCode(std::string_view s) {
  if (s == kAnyLanguage) return true;
  if (s.size() < 2 || s.size() > 3) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

std::optional<double> Number(const toml::node* n) {
  if (!n) return std::nullopt;
  if (auto i = n->as_integer()) return static_cast<double>(i->get());
  if (auto f = n->as_floating_point()) return f->get();
  return std::nullopt;
}

std::string Quoted(std::string_view s) { return "'" + std::string(s) + "'"; }

Status CheckKeys(const Checker& ck, const toml::table& t,
                 std::initializer_list<std::string_view> known, const std::string& where) {
  for (const auto& [k, v] : t) {
    if (std::find(known.begin(), known.end(), k.str()) == known.end()) {
      return ck.Fail(&v, where + ": unknown key " + Quoted(k.str()));
    }
  }
  return {};
}

// Reads a value that must be a number within [lo, hi]; absent keeps `out`.
Status ReadNumber(const Checker& ck, const toml::table& t, std::string_view key, double lo,
                  double hi, const std::string& where, double& out) {
  const toml::node* n = t.get(key);
  if (!n) return {};
  auto v = Number(n);
  if (!v) return ck.Fail(n, where + ": " + std::string(key) + " must be a number");
  if (!std::isfinite(*v) || *v < lo || *v > hi) {
    return ck.Fail(n, where + ": " + std::string(key) + " must be between " + std::to_string(lo) +
                          " and " + std::to_string(hi));
  }
  out = *v;
  return {};
}

// A table of language -> array of strings (topic terms, one kind of marker).
Status ReadLists(const Checker& ck, const toml::node* n, const std::string& where,
                 LanguageLists& out) {
  if (!n) return {};
  const toml::table* t = n->as_table();
  if (!t) return ck.Fail(n, where + " must be a table of language = [\"term\", ...]");
  for (const auto& [k, v] : *t) {
    std::string lang(k.str());
    if (!IsLanguageCode(lang)) {
      return ck.Fail(&v,
                     where + ": " + Quoted(lang) +
                         " is not a language code (two or three lowercase letters, or \"any\")");
    }
    const toml::array* arr = v.as_array();
    if (!arr) return ck.Fail(&v, where + "." + lang + " must be an array of strings");
    for (const auto& item : *arr) {
      auto s = item.value<std::string>();
      if (!s || s->empty()) {
        return ck.Fail(&item, where + "." + lang + ": every entry must be a non-empty string");
      }
      out[lang].push_back(*s);
    }
  }
  return {};
}

Result<Cue> ReadCue(const Checker& ck, const toml::node& item, const std::string& frame,
                    const std::string& lang, std::size_t index) {
  std::string where =
      "frame " + Quoted(frame) + ": cue " + std::to_string(index + 1) + " (" + lang + ")";
  Cue cue;
  cue.language = lang;
  if (auto s = item.value<std::string>()) {
    cue.text = *s;
  } else if (const toml::table* t = item.as_table()) {
    if (auto st = CheckKeys(ck, *t, {"text", "weight", "generic"}, where); !st) {
      return tl::unexpected(st.error());
    }
    const toml::node* text = t->get("text");
    if (!text) return ck.Fail(&item, where + " has no text");
    auto s2 = text->value<std::string>();
    if (!s2) return ck.Fail(text, where + ": text must be a string");
    cue.text = *s2;
    where = "frame " + Quoted(frame) + ": cue " + Quoted(cue.text) + " (" + lang + ")";
    if (const toml::node* w = t->get("weight")) {
      auto v = Number(w);
      if (!v) return ck.Fail(w, where + ": weight must be a number");
      if (!std::isfinite(*v) || *v <= 0) return ck.Fail(w, where + ": weight must be > 0");
      cue.weight = *v;
    }
    if (const toml::node* g = t->get("generic")) {
      auto b = g->value<bool>();
      if (!b) return ck.Fail(g, where + ": generic must be true or false");
      cue.generic = *b;
    }
  } else {
    return ck.Fail(&item, where + " must be a string or a table { text = \"...\", weight = 1.0 }");
  }
  if (cue.text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return ck.Fail(&item, where + " has no text");
  }
  return cue;
}

Result<Frame> ReadFrame(const Checker& ck, const toml::node& node, std::size_t index) {
  const toml::table* t = node.as_table();
  std::string where = "frame " + std::to_string(index + 1);
  if (!t) return ck.Fail(&node, where + " must be a table");
  if (auto st =
          CheckKeys(ck, *t, {"name", "description", "cues", "prior", "rebutted_counts_for"}, where);
      !st) {
    return tl::unexpected(st.error());
  }
  Frame f;
  const toml::node* name = t->get("name");
  auto name_str = name ? name->value<std::string>() : std::nullopt;
  if (!name_str || name_str->empty()) return ck.Fail(&node, where + " has no name");
  f.name = *name_str;
  if (f.name == kNoneLabel) {
    return ck.Fail(name, where + ": the name " + Quoted(kNoneLabel) +
                             " is reserved for documents off the topic");
  }
  where = "frame " + Quoted(f.name);
  if (const toml::node* d = t->get("description")) {
    auto s = d->value<std::string>();
    if (!s) return ck.Fail(d, where + ": description must be a string");
    f.description = *s;
  }
  if (auto st = ReadNumber(ck, *t, "prior", 0, 1e6, where, f.prior); !st) {
    return tl::unexpected(st.error());
  }
  if (const toml::node* r = t->get("rebutted_counts_for")) {
    auto s = r->value<std::string>();
    if (!s) return ck.Fail(r, where + ": rebutted_counts_for must be a frame name");
    f.rebutted_counts_for = *s;
  }
  if (const toml::node* c = t->get("cues")) {
    const toml::table* cues = c->as_table();
    if (!cues) return ck.Fail(c, where + ": cues must be a table of language = [cue, ...]");
    for (const auto& [k, v] : *cues) {
      std::string lang(k.str());
      if (!IsLanguageCode(lang)) {
        return ck.Fail(&v, where + ": cues: " + Quoted(lang) +
                               " is not a language code (two or three lowercase letters, or "
                               "\"any\")");
      }
      const toml::array* arr = v.as_array();
      if (!arr) return ck.Fail(&v, where + ": cues." + lang + " must be an array");
      for (std::size_t i = 0; i < arr->size(); ++i) {
        auto cue = ReadCue(ck, *arr->get(i), f.name, lang, i);
        if (!cue) return tl::unexpected(cue.error());
        f.cues.push_back(std::move(*cue));
      }
    }
  }
  return f;
}

}  // namespace

Result<Codebook> Codebook::Load(const std::string& path) {
  auto text = corpus::ReadFile(path);
  if (!text) return tl::unexpected(text.error());
  return Parse(*text, path);
}

Result<Codebook> Codebook::Parse(std::string_view text, const std::string& name) {
  Checker ck(name);
  toml::table root;
  try {
    root = toml::parse(text, name);
  } catch (const toml::parse_error& err) {
    return Fail(ErrorCode::kInvalidInput, name + ":" + std::to_string(err.source().begin.line) +
                                              ":" + std::to_string(err.source().begin.column) +
                                              ": " + std::string(err.description()));
  }
  if (auto st = CheckKeys(ck, root, {"codebook", "voice", "topic", "anchors", "markers", "frames"},
                          "top level");
      !st) {
    return tl::unexpected(st.error());
  }
  Codebook cb;
  cb.name_ = name;
  cb.text_ = std::string(text);
  cb.hash_ = corpus::Sha1Hex(text);

  if (const toml::node* n = root.get("codebook")) {
    const toml::table* t = n->as_table();
    if (!t) return ck.Fail(n, "[codebook] must be a table");
    if (auto st = CheckKeys(
            ck, *t,
            {"title", "version", "temperature", "title_weight", "negation_window", "repeat_limit"},
            "[codebook]");
        !st) {
      return tl::unexpected(st.error());
    }
    if (const toml::node* v = t->get("version")) {
      if (v->value<int64_t>() != int64_t{1}) {
        return ck.Fail(v, "[codebook]: version must be 1 (the only codebook format so far)");
      }
    }
    if (const toml::node* v = t->get("title")) {
      auto s = v->value<std::string>();
      if (!s) return ck.Fail(v, "[codebook]: title must be a string");
      cb.title_ = *s;
    }
    for (auto st : {ReadNumber(ck, *t, "temperature", 1e-3, 1e3, "[codebook]", cb.temperature_),
                    ReadNumber(ck, *t, "title_weight", 0, 100, "[codebook]", cb.title_weight_)}) {
      if (!st) return tl::unexpected(st.error());
    }
    if (const toml::node* v = t->get("negation_window")) {
      auto w = v->value_exact<int64_t>();
      if (!w || *w < 0 || *w > 20) {
        return ck.Fail(v, "[codebook]: negation_window must be a whole number from 0 to 20");
      }
      cb.negation_window_ = static_cast<int>(*w);
    }
    if (const toml::node* v = t->get("repeat_limit")) {
      auto w = v->value_exact<int64_t>();
      if (!w || *w < 0) {
        return ck.Fail(v, "[codebook]: repeat_limit must be a whole number >= 0 (0 = no limit)");
      }
      cb.repeat_limit_ = static_cast<int>(std::min<int64_t>(*w, 1000000));
    }
  }

  if (const toml::node* n = root.get("voice")) {
    const toml::table* t = n->as_table();
    if (!t) return ck.Fail(n, "[voice] must be a table");
    if (auto st = CheckKeys(
            ck, *t, {"own", "quoted", "attributed", "negated", "rebutted", "transfer"}, "[voice]");
        !st) {
      return tl::unexpected(st.error());
    }
    VoiceWeights& w = cb.voice_;
    for (auto st : {ReadNumber(ck, *t, "own", 0, 100, "[voice]", w.own),
                    ReadNumber(ck, *t, "quoted", 0, 100, "[voice]", w.quoted),
                    ReadNumber(ck, *t, "attributed", 0, 100, "[voice]", w.attributed),
                    ReadNumber(ck, *t, "negated", 0, 100, "[voice]", w.negated),
                    ReadNumber(ck, *t, "rebutted", 0, 100, "[voice]", w.rebutted),
                    ReadNumber(ck, *t, "transfer", 0, 100, "[voice]", w.transfer)}) {
      if (!st) return tl::unexpected(st.error());
    }
  }

  if (auto st = ReadLists(ck, root.get("topic"), "[topic]", cb.topic_); !st) {
    return tl::unexpected(st.error());
  }
  if (auto st = ReadLists(ck, root.get("anchors"), "[anchors]", cb.anchors_); !st) {
    return tl::unexpected(st.error());
  }

  bool quotes_given = false;
  if (const toml::node* n = root.get("markers")) {
    const toml::table* t = n->as_table();
    if (!t) return ck.Fail(n, "[markers] must be a table");
    if (auto st = CheckKeys(
            ck, *t, {"rebuttal", "dismissal", "negation", "attribution", "contrast", "quotes"},
            "[markers]");
        !st) {
      return tl::unexpected(st.error());
    }
    Markers& m = cb.markers_;
    for (auto st : {ReadLists(ck, t->get("rebuttal"), "[markers.rebuttal]", m.rebuttal),
                    ReadLists(ck, t->get("dismissal"), "[markers.dismissal]", m.dismissal),
                    ReadLists(ck, t->get("negation"), "[markers.negation]", m.negation),
                    ReadLists(ck, t->get("attribution"), "[markers.attribution]", m.attribution),
                    ReadLists(ck, t->get("contrast"), "[markers.contrast]", m.contrast)}) {
      if (!st) return tl::unexpected(st.error());
    }
    if (const toml::node* q = t->get("quotes")) {
      quotes_given = true;
      const toml::array* arr = q->as_array();
      if (!arr) return ck.Fail(q, "[markers]: quotes must be an array of [\"open\", \"close\"]");
      for (const auto& pair : *arr) {
        const toml::array* p = pair.as_array();
        std::optional<std::string> open, close;
        if (p && p->size() == 2) {
          open = p->get(0)->value<std::string>();
          close = p->get(1)->value<std::string>();
        }
        if (!open || !close || open->empty() || close->empty()) {
          return ck.Fail(&pair, "[markers]: every quotes entry must be [\"open\", \"close\"]");
        }
        m.quotes.emplace_back(*open, *close);
      }
    }
  }
  if (!quotes_given) {
    // A codebook that says nothing about quotation marks still gets the common ones: without
    // them every quoted cue would count as the outlet's own voice.
    cb.markers_.quotes = {{"\u201c", "\u201d"}, {"\u201e", "\u201c"},
                          {"\u00ab", "\u00bb"}, {"\u00bb", "\u00ab"},
                          {"\u2018", "\u2019"}, {"\u201a", "\u2018"},
                          {"\u300c", "\u300d"}, {"\u300e", "\u300f"},
                          {"\"", "\""},         {"'", "'"}};
  }

  const toml::node* frames = root.get("frames");
  const toml::array* arr = frames ? frames->as_array() : nullptr;
  if (frames && !arr) return ck.Fail(frames, "frames must be an array of tables ([[frames]])");
  if (!arr || arr->empty()) {
    return Fail(ErrorCode::kInvalidInput,
                name + ": the codebook defines no frames (add [[frames]] tables)");
  }
  std::set<std::string> names;
  for (std::size_t i = 0; i < arr->size(); ++i) {
    auto f = ReadFrame(ck, *arr->get(i), i);
    if (!f) return tl::unexpected(f.error());
    if (!names.insert(f->name).second) {
      return ck.Fail(arr->get(i), "frame " + Quoted(f->name) + " is defined twice");
    }
    cb.frames_.push_back(std::move(*f));
  }
  for (std::size_t i = 0; i < cb.frames_.size(); ++i) {
    const Frame& f = cb.frames_[i];
    if (f.rebutted_counts_for.empty()) continue;
    if (f.rebutted_counts_for == f.name || !names.count(f.rebutted_counts_for)) {
      return ck.Fail(arr->get(i), "frame " + Quoted(f.name) + ": rebutted_counts_for " +
                                      Quoted(f.rebutted_counts_for) +
                                      " must name another frame of the codebook");
    }
  }

  // Compile the matchers once, so that classifying a document never re-tokenises the codebook.
  auto compiled = std::make_shared<detail::CompiledCodebook>();
  auto lang_id = [&](const std::string& lang) {
    auto it = std::find(compiled->languages.begin(), compiled->languages.end(), lang);
    if (it != compiled->languages.end()) return static_cast<int>(it - compiled->languages.begin());
    compiled->languages.push_back(lang);
    if (lang == kAnyLanguage)
      compiled->any_language = static_cast<int>(compiled->languages.size() - 1);
    return static_cast<int>(compiled->languages.size() - 1);
  };
  for (std::size_t fi = 0; fi < cb.frames_.size(); ++fi) {
    const Frame& f = cb.frames_[fi];
    for (std::size_t ci = 0; ci < f.cues.size(); ++ci) {
      const Cue& c = f.cues[ci];
      int owner = static_cast<int>(compiled->cue_refs.size());
      if (!compiled->cues.Add(c.text, lang_id(c.language), owner)) {
        return Fail(ErrorCode::kInvalidInput, name + ": frame " + Quoted(f.name) + ": cue " +
                                                  Quoted(c.text) + " (" + c.language +
                                                  ") has no word to match");
      }
      compiled->cue_refs.push_back({static_cast<int>(fi), static_cast<int>(ci)});
    }
  }
  for (const auto& [lang, terms] : cb.topic_) {
    for (const auto& term : terms) {
      int owner = static_cast<int>(compiled->topic_texts.size());
      if (!compiled->topic.Add(term, lang_id(lang), owner)) {
        return Fail(ErrorCode::kInvalidInput,
                    name + ": [topic] " + lang + ": " + Quoted(term) + " has no word to match");
      }
      compiled->topic_texts.push_back(term);
    }
  }
  for (const auto& [lang, terms] : cb.anchors_) {
    for (const auto& term : terms) {
      int owner = static_cast<int>(compiled->anchor_texts.size());
      if (!compiled->anchors.Add(term, lang_id(lang), owner)) {
        return Fail(ErrorCode::kInvalidInput,
                    name + ": [anchors] " + lang + ": " + Quoted(term) + " has no word to match");
      }
      compiled->anchor_texts.push_back(term);
    }
  }
  struct Kind {
    const char* name;
    const LanguageLists* lists;
    detail::PhraseSet* set;
  };
  for (const Kind& k : {Kind{"rebuttal", &cb.markers_.rebuttal, &compiled->rebuttal},
                        Kind{"dismissal", &cb.markers_.dismissal, &compiled->dismissal},
                        Kind{"negation", &cb.markers_.negation, &compiled->negation},
                        Kind{"attribution", &cb.markers_.attribution, &compiled->attribution},
                        Kind{"contrast", &cb.markers_.contrast, &compiled->contrast}}) {
    for (const auto& [lang, terms] : *k.lists) {
      for (const auto& term : terms) {
        if (!k.set->Add(term, lang_id(lang), 0)) {
          return Fail(ErrorCode::kInvalidInput, name + ": [markers." + k.name + "] " + lang + ": " +
                                                    Quoted(term) + " has no word to match");
        }
      }
    }
  }
  compiled->Finish();
  cb.compiled_ = std::move(compiled);
  return cb;
}

std::vector<std::string> Codebook::labels() const {
  std::vector<std::string> out;
  out.reserve(frames_.size());
  for (const auto& f : frames_) out.push_back(f.name);
  return out;
}

int Codebook::FrameIndex(std::string_view name) const {
  for (std::size_t i = 0; i < frames_.size(); ++i) {
    if (frames_[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

std::string DefaultCodebookPath() { return corpus::DataDir() + "/codebook/default.toml"; }

}  // namespace framescope::classify
