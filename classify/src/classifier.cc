#include "framescope/classify/classifier.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "analysis.h"
#include "featurizer.h"
#include "framescope/corpus/study.h"
#include "half.h"
#include "model.h"

namespace framescope::classify {
namespace {

using nlohmann::json;

constexpr int kFormatVersion = 2;
constexpr const char* kFormatName = "framescope-classifier";
constexpr const char* kWeightEncoding = "sparse-varint-f16-le-base64";

std::string BaseName(const std::string& path) {
  return std::filesystem::path(path).filename().string();
}

std::string ShortHash(const std::string& sha1) { return sha1.substr(0, 8); }

constexpr char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string Base64Encode(const std::string& in) {
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    std::uint32_t v = (std::uint32_t(std::uint8_t(in[i])) << 16) |
                      (std::uint32_t(std::uint8_t(in[i + 1])) << 8) | std::uint8_t(in[i + 2]);
    out += kB64[v >> 18];
    out += kB64[(v >> 12) & 63];
    out += kB64[(v >> 6) & 63];
    out += kB64[v & 63];
  }
  if (i < in.size()) {
    std::uint32_t v = std::uint32_t(std::uint8_t(in[i])) << 16;
    if (i + 1 < in.size()) v |= std::uint32_t(std::uint8_t(in[i + 1])) << 8;
    out += kB64[v >> 18];
    out += kB64[(v >> 12) & 63];
    out += i + 1 < in.size() ? kB64[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::optional<std::string> Base64Decode(const std::string& in) {
  if (in.size() % 4 != 0) return std::nullopt;
  auto val = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  std::string out;
  out.reserve(in.size() / 4 * 3);
  for (std::size_t i = 0; i < in.size(); i += 4) {
    int v[4];
    int pad = 0;
    for (int k = 0; k < 4; ++k) {
      char c = in[i + static_cast<std::size_t>(k)];
      if (c == '=' && i + 4 == in.size() && k >= 2) {
        v[k] = 0;
        ++pad;
      } else if (pad > 0 || (v[k] = val(c)) < 0) {
        return std::nullopt;
      }
    }
    std::uint32_t x = (std::uint32_t(v[0]) << 18) | (std::uint32_t(v[1]) << 12) |
                      (std::uint32_t(v[2]) << 6) | std::uint32_t(v[3]);
    out += static_cast<char>((x >> 16) & 0xFF);
    if (pad < 2) out += static_cast<char>((x >> 8) & 0xFF);
    if (pad < 1) out += static_cast<char>(x & 0xFF);
  }
  return out;
}

void PutVarint(std::string& s, std::uint32_t v) {
  while (v >= 0x80) {
    s += static_cast<char>((v & 0x7F) | 0x80);
    v >>= 7;
  }
  s += static_cast<char>(v);
}

// Reads a varint at `at`, advancing it; nullopt when truncated or longer than 32 bits.
std::optional<std::uint32_t> GetVarint(const std::string& s, std::size_t& at) {
  std::uint32_t v = 0;
  for (int shift = 0; shift < 35; shift += 7) {
    if (at >= s.size()) return std::nullopt;
    const auto byte = static_cast<std::uint8_t>(s[at++]);
    if (shift == 28 && (byte & 0xF0) != 0) return std::nullopt;
    v |= static_cast<std::uint32_t>(byte & 0x7F) << shift;
    if ((byte & 0x80) == 0) return v;
  }
  return std::nullopt;
}

// Fills the explanation part of a prediction: evidence sentences, re-indexed cue hits.
void Explain(const CueAnalysis& ca, Prediction& p) {
  std::map<std::size_t, std::size_t> local;
  for (const CueHit& h : ca.hits) {
    if (local.emplace(h.sentence, p.sentences.size()).second) {
      p.sentences.push_back(ca.sentences[h.sentence]);
      p.sentence_positions.push_back(h.sentence);
    }
  }
  p.cues = ca.hits;
  for (CueHit& h : p.cues) h.sentence = local[h.sentence];
  p.topic_terms = ca.topic_terms;
}

std::string ArgMax(const std::vector<std::string>& labels, const std::map<std::string, double>& s) {
  std::string best;
  double best_p = -1;
  for (const auto& l : labels) {
    auto it = s.find(l);
    if (it != s.end() && it->second > best_p) {
      best_p = it->second;
      best = l;
    }
  }
  return best;
}

}  // namespace

namespace detail {

std::vector<double> Logits(const Classifier::Model& m, const std::vector<std::uint32_t>& index,
                           const std::vector<float>& value) {
  const std::size_t k = m.labels.size();
  std::vector<double> z(m.bias.begin(), m.bias.end());
  for (std::size_t i = 0; i < index.size(); ++i) {
    const float* row = m.weights.data() + static_cast<std::size_t>(index[i]) * k;
    for (std::size_t c = 0; c < k; ++c) z[c] += static_cast<double>(row[c]) * value[i];
  }
  return z;
}

std::vector<double> Softmax(const std::vector<double>& logits, double temperature) {
  std::vector<double> p(logits.size());
  if (logits.empty()) return p;
  double mx = *std::max_element(logits.begin(), logits.end()) / temperature;
  double sum = 0;
  for (std::size_t i = 0; i < logits.size(); ++i) {
    p[i] = std::exp(logits[i] / temperature - mx);
    sum += p[i];
  }
  for (double& x : p) x /= sum;
  return p;
}

}  // namespace detail

Classifier Classifier::FromCodebook(Codebook codebook) {
  return Classifier(std::make_shared<const Model>(std::move(codebook)));
}

bool Classifier::trained() const { return model_->trained; }

const Codebook& Classifier::codebook() const { return model_->codebook; }

std::vector<std::string> Classifier::labels() const {
  std::vector<std::string> out;
  if (model_->trained) {
    out = model_->labels;
  } else {
    out = model_->codebook.labels();
  }
  if (std::find(out.begin(), out.end(), kNoneLabel) == out.end()) out.emplace_back(kNoneLabel);
  return out;
}

std::optional<Evaluation> Classifier::evaluation() const { return model_->evaluation; }

void Classifier::SetEvaluation(const Evaluation& evaluation) {
  auto copy = std::make_shared<Model>(*model_);
  copy->evaluation = evaluation;
  model_ = std::move(copy);
}

Prediction Classifier::Predict(const corpus::Document& doc) const { return Predict(doc, nullptr); }

Prediction Classifier::Predict(const corpus::Document& doc,
                               const corpus::DocumentTokens& tokens) const {
  return Predict(doc, &tokens);
}

Prediction Classifier::Predict(const corpus::Document& doc,
                               const corpus::DocumentTokens* tokens) const {
  const Model& m = *model_;
  detail::DocumentAnalysis a = detail::AnalyseInternal(m.codebook, doc, tokens);
  const CueAnalysis& ca = a.result;
  Prediction p;
  Explain(ca, p);
  std::vector<std::string> all = labels();
  for (const auto& l : all) p.scores[l] = 0;
  if (!ca.on_topic) {
    p.label = std::string(kNoneLabel);
    p.scores[p.label] = 1;
    return p;
  }
  if (!m.trained) {
    // p ~ (1 + e)^(1/T): evidence enters on a log scale so that one long article does not
    // become certain merely by repeating its cues.
    std::vector<double> z;
    for (const Frame& f : m.codebook.frames()) z.push_back(std::log1p(ca.evidence.at(f.name)));
    std::vector<double> prob = detail::Softmax(z, m.codebook.temperature());
    for (std::size_t i = 0; i < prob.size(); ++i) p.scores[m.codebook.frames()[i].name] = prob[i];
    p.label = ArgMax(m.codebook.labels(), p.scores);
    return p;
  }
  detail::SparseVector x =
      detail::ExtractFeatures(a, m.codebook, m.hash_bits, m.word_scale, nullptr);
  std::vector<double> prob = detail::Softmax(detail::Logits(m, x.index, x.value), m.temperature);
  for (std::size_t i = 0; i < prob.size(); ++i) p.scores[m.labels[i]] = prob[i];
  p.label = ArgMax(m.labels, p.scores);
  return p;
}

std::string Classifier::Describe() const {
  const Model& m = *model_;
  std::string cb = BaseName(m.codebook.name()) + " sha1 " + ShortHash(m.codebook.hash());
  if (!m.trained) return "codebook model (" + cb + ")";
  std::string counts;
  for (const auto& l : m.labels) {
    if (!counts.empty()) counts += ", ";
    auto it = m.label_counts.find(l);
    counts += l + " " + std::to_string(it == m.label_counts.end() ? 0 : it->second);
  }
  char temp[32];
  std::snprintf(temp, sizeof temp, "%.3g", m.temperature);
  return "logistic regression trained on " + std::to_string(m.documents) + " docs (" + counts +
         "; seed " + std::to_string(m.options.seed) + "; temperature " + temp + "; codebook " + cb +
         ")";
}

// The model file (JSON, format "framescope-classifier", version 2):
//
//   format, version      "framescope-classifier", 2
//   type                 "codebook" | "logistic_regression"
//   labels               what Predict may return (frames, then "none")
//   codebook             {name, sha1, text}: the whole codebook, so a model is self-contained and
//                        a codebook given at load time can be checked against it
//   evaluation           optional, EvaluationToJson of a cross-validation
//   -- logistic_regression only --
//   classes              the regression's output classes in order; none_rule (bool)
//   features             {hash_bits, hash, kinds, word_scale, char_ngram}: how a document becomes
//                        a feature vector (featurizer.h)
//   training             {documents, data_sha1, label_counts, seed, l2, epochs, learning_rate,
//                         optimizer, word_scale_selection}; data_sha1 covers id, label,
//                        language, title and text of
//                        every training document in order
//   calibration          {method, temperature, folds}
//   bias                 one float per class
//   weights              {encoding: "sparse-varint-f16-le-base64", buckets, rows, data}: base64
//                        of `rows` records in ascending bucket order, each the gap to the
//                        previous record's bucket (bucket - previous - 1, the first from -1) as a
//                        LEB128 varint, then one IEEE half-precision float per class, little
//                        endian; buckets not listed are all-zero
//   top_features         per class, the 15 strongest positive features by name, for reading
Status Classifier::Save(const std::string& path) const {
  const Model& m = *model_;
  json j;
  j["format"] = kFormatName;
  j["version"] = kFormatVersion;
  j["type"] = m.trained ? "logistic_regression" : "codebook";
  j["labels"] = labels();
  j["codebook"] = {{"name", BaseName(m.codebook.name())},
                   {"sha1", m.codebook.hash()},
                   {"text", m.codebook.text()}};
  if (m.trained) {
    j["classes"] = m.labels;
    j["none_rule"] = m.none_rule;
    j["features"] = {
        {"hash_bits", m.hash_bits},
        {"hash",
         "each part of a name hashed with FNV-1a 64, chained as mix(h * 0x9e3779b97f4a7c15 + "
         "part) with the splitmix64 finaliser (codebook features: FNV-1a 64 of 'n:' + name, "
         "then the finaliser), xor-folded to 32 bits, masked"},
        {"kinds",
         "words block: w:<word>, b:<word> <word>, c:<two CJK characters>, g:<4 characters of a "
         "word marked <...>>, log(1 + count), scaled to length word_scale; codebook block: "
         "cue:<frame>:<voice>, ev:<frame>, topic, topic:terms, anchor, noanchor"},
        {"word_scale", m.word_scale},
        {"char_ngram", detail::kCharNgram}};
    j["training"] = {{"documents", m.documents},
                     {"data_sha1", m.data_sha1},
                     {"label_counts", m.label_counts},
                     {"seed", m.options.seed},
                     {"l2", m.options.l2},
                     {"epochs", m.options.epochs},
                     {"learning_rate", m.options.learning_rate},
                     {"optimizer", "SGD, multinomial logistic loss, L2, lr/(1+epoch)"},
                     {"word_scale_selection", json::array()}};
    for (const auto& [scale, nll] : m.selection) {
      j["training"]["word_scale_selection"].push_back(
          {{"word_scale", scale}, {"held_out_log_loss", nll}});
    }
    j["calibration"] = {
        {"method", m.calibration}, {"temperature", m.temperature}, {"folds", m.calibration_folds}};
    j["bias"] = m.bias;
    const std::size_t k = m.labels.size();
    std::string blob;
    std::size_t rows = 0;
    std::int64_t prev = -1;
    for (std::size_t idx = 0; idx * k < m.weights.size(); ++idx) {
      const float* row = m.weights.data() + idx * k;
      if (std::all_of(row, row + k, [](float w) { return w == 0.0f; })) continue;
      PutVarint(blob, static_cast<std::uint32_t>(static_cast<std::int64_t>(idx) - prev - 1));
      prev = static_cast<std::int64_t>(idx);
      for (std::size_t c = 0; c < k; ++c) {
        const std::uint16_t h = detail::FloatToHalf(row[c]);
        blob += static_cast<char>(h & 0xFF);
        blob += static_cast<char>(h >> 8);
      }
      ++rows;
    }
    j["weights"] = {{"encoding", kWeightEncoding},
                    {"buckets", std::size_t{1} << m.hash_bits},
                    {"rows", rows},
                    {"data", Base64Encode(blob)}};
    json top = json::object();
    for (const auto& [label, feats] : m.top_features) {
      json arr = json::array();
      for (const auto& [name, w] : feats) arr.push_back({name, w});
      top[label] = arr;
    }
    j["top_features"] = top;
  }
  if (m.evaluation) j["evaluation"] = json::parse(EvaluationToJson(*m.evaluation));
  return corpus::WriteFileAtomic(path, j.dump(1) + "\n");
}

Result<Classifier> Classifier::Load(const std::string& path, const Codebook* codebook) {
  auto text = corpus::ReadFile(path);
  if (!text) return tl::unexpected(text.error());
  auto bad = [&](const std::string& what) {
    return Fail(ErrorCode::kInvalidInput, path + ": " + what);
  };
  json j;
  try {
    j = json::parse(*text);
  } catch (const json::parse_error& e) {
    return bad(std::string("not JSON: ") + e.what());
  }
  try {
    auto format = j.is_object() ? j.find("format") : j.end();
    if (format == j.end() || !format->is_string() || format->get<std::string>() != kFormatName) {
      return bad("not a Framescope classifier (\"format\" is not \"framescope-classifier\")");
    }
    auto version = j.find("version");
    if (version == j.end() || !version->is_number_integer() ||
        version->get<int>() != kFormatVersion) {
      return bad("unsupported model format version " +
                 (version == j.end() ? std::string("(none)") : version->dump()) +
                 " (this build reads version " + std::to_string(kFormatVersion) +
                 "; retrain the model with `framescope train`)");
    }
    const json& cbj = j.at("codebook");
    std::string cb_name = cbj.at("name").get<std::string>();
    std::string cb_sha1 = cbj.at("sha1").get<std::string>();
    std::optional<Codebook> cb;
    if (codebook) {
      if (codebook->hash() != cb_sha1) {
        return bad("the model was built with codebook " + cb_name + " (sha1 " + cb_sha1 +
                   ") but the codebook given, " + codebook->name() + ", has sha1 " +
                   codebook->hash());
      }
      cb = *codebook;
    } else {
      auto parsed = Codebook::Parse(cbj.at("text").get<std::string>(), cb_name);
      if (!parsed) return bad("embedded codebook: " + parsed.error().message);
      if (parsed->hash() != cb_sha1) return bad("the embedded codebook does not match its sha1");
      cb = std::move(*parsed);
    }
    auto model = std::make_shared<Model>(std::move(*cb));
    std::string type = j.at("type").get<std::string>();
    if (type == "logistic_regression") {
      Model& m = *model;
      m.trained = true;
      m.labels = j.at("classes").get<std::vector<std::string>>();
      m.none_rule = j.at("none_rule").get<bool>();
      m.hash_bits = j.at("features").at("hash_bits").get<int>();
      m.word_scale = j.at("features").at("word_scale").get<double>();
      if (!(m.word_scale > 0) || !std::isfinite(m.word_scale)) {
        return bad("features.word_scale must be a positive number");
      }
      if (j.at("features").at("char_ngram").get<int>() != detail::kCharNgram) {
        return bad("features.char_ngram must be " + std::to_string(detail::kCharNgram));
      }
      if (m.labels.size() < 2 || m.hash_bits < 8 || m.hash_bits > 24) {
        return bad("\"classes\" must list at least two labels and hash_bits be within 8..24");
      }
      std::set<std::string> valid(m.labels.begin(), m.labels.end());
      if (valid.size() != m.labels.size()) return bad("\"classes\" lists a label twice");
      for (const auto& l : m.labels) {
        if (l != kNoneLabel && m.codebook.FrameIndex(l) < 0) {
          return bad("class " + l + " is not a frame of the codebook");
        }
      }
      const json& tr = j.at("training");
      m.documents = tr.at("documents").get<std::size_t>();
      m.data_sha1 = tr.at("data_sha1").get<std::string>();
      m.label_counts = tr.at("label_counts").get<std::map<std::string, std::size_t>>();
      m.options.seed = tr.at("seed").get<int>();
      m.options.l2 = tr.at("l2").get<double>();
      m.options.epochs = tr.at("epochs").get<int>();
      m.options.learning_rate = tr.at("learning_rate").get<double>();
      m.options.word_scale = m.word_scale;
      if (tr.contains("word_scale_selection")) {
        for (const auto& e : tr.at("word_scale_selection")) {
          m.selection.emplace_back(e.at("word_scale").get<double>(),
                                   e.at("held_out_log_loss").get<double>());
        }
      }
      const json& cal = j.at("calibration");
      m.calibration = cal.at("method").get<std::string>();
      m.temperature = cal.at("temperature").get<double>();
      m.calibration_folds = cal.at("folds").get<int>();
      if (!(m.temperature > 0) || !std::isfinite(m.temperature)) {
        return bad("calibration temperature must be a positive number");
      }
      m.bias = j.at("bias").get<std::vector<double>>();
      if (m.bias.size() != m.labels.size()) return bad("\"bias\" needs one value per class");
      const json& w = j.at("weights");
      if (w.at("encoding").get<std::string>() != kWeightEncoding) {
        return bad("unknown weight encoding " + w.at("encoding").dump());
      }
      const std::size_t k = m.labels.size();
      const std::size_t buckets = std::size_t{1} << m.hash_bits;
      if (w.at("buckets").get<std::size_t>() != buckets) {
        return bad("\"weights\".buckets does not match features.hash_bits");
      }
      auto blob = Base64Decode(w.at("data").get<std::string>());
      const std::size_t rows = w.at("rows").get<std::size_t>();
      if (!blob) return bad("\"weights\".data is not valid base64");
      m.weights.assign(buckets * k, 0.0f);
      std::size_t at = 0;
      std::int64_t prev = -1;
      for (std::size_t r = 0; r < rows; ++r) {
        auto delta = GetVarint(*blob, at);
        const std::int64_t idx = prev + 1 + static_cast<std::int64_t>(delta.value_or(0));
        if (!delta || idx >= static_cast<std::int64_t>(buckets) || at + 2 * k > blob->size()) {
          return bad("weight record " + std::to_string(r) + " is truncated or out of range");
        }
        for (std::size_t c = 0; c < k; ++c) {
          const auto h =
              static_cast<std::uint16_t>(static_cast<std::uint8_t>((*blob)[at]) |
                                         static_cast<std::uint8_t>((*blob)[at + 1]) << 8);
          at += 2;
          const float v = detail::HalfToFloat(h);
          if (!std::isfinite(v)) {
            return bad("weight record " + std::to_string(r) + " is not finite");
          }
          m.weights[static_cast<std::size_t>(idx) * k + c] = v;
        }
        prev = idx;
      }
      if (at != blob->size())
        return bad("\"weights\".data holds more than " + std::to_string(rows) + " records");
      if (j.contains("top_features")) {
        for (const auto& [label, arr] : j.at("top_features").items()) {
          for (const auto& e : arr) {
            m.top_features[label].emplace_back(e.at(0).get<std::string>(), e.at(1).get<double>());
          }
        }
      }
    } else if (type != "codebook") {
      return bad("unknown model type \"" + type + "\"");
    }
    if (j.contains("evaluation")) {
      auto ev = EvaluationFromJson(j.at("evaluation").dump());
      if (!ev) return bad("evaluation: " + ev.error().message);
      model->evaluation = std::move(*ev);
    }
    return Classifier(std::move(model));
  } catch (const json::exception& e) {
    return bad(std::string("malformed model: ") + e.what());
  }
}

}  // namespace framescope::classify
