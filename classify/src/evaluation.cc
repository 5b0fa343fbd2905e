#include "framescope/classify/evaluation.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <set>

#include "framescope/classify/agreement.h"

namespace framescope::classify {
namespace {

using nlohmann::json;

struct Scores {
  double accuracy = 0;
  double macro_f1 = 0;
};

// Accuracy and macro F1 over `labels` for the documents listed in `rows`.
Scores Score(const std::vector<std::string>& gold, const std::vector<std::string>& pred,
             const std::vector<std::size_t>& rows, const std::vector<std::string>& labels,
             std::map<std::string, FrameMetrics>* per_frame) {
  std::map<std::string, double> tp, fp, fn;
  double correct = 0;
  for (std::size_t r : rows) {
    if (gold[r] == pred[r]) {
      correct += 1;
      tp[gold[r]] += 1;
    } else {
      fn[gold[r]] += 1;
      fp[pred[r]] += 1;
    }
  }
  Scores s;
  if (rows.empty()) return s;
  s.accuracy = correct / static_cast<double>(rows.size());
  double f1_sum = 0;
  for (const auto& l : labels) {
    double p = tp[l] + fp[l] > 0 ? tp[l] / (tp[l] + fp[l]) : 0;
    double r = tp[l] + fn[l] > 0 ? tp[l] / (tp[l] + fn[l]) : 0;
    double f1 = p + r > 0 ? 2 * p * r / (p + r) : 0;
    f1_sum += f1;
    if (per_frame) {
      (*per_frame)[l] = FrameMetrics{p, r, f1, static_cast<std::size_t>(tp[l] + fn[l])};
    }
  }
  s.macro_f1 = labels.empty() ? 0 : f1_sum / static_cast<double>(labels.size());
  return s;
}

double Percentile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  double pos = q * static_cast<double>(v.size() - 1);
  auto lo = static_cast<std::size_t>(std::floor(pos));
  std::size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (pos - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

json Num(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

double NumFrom(const json& j, const char* key) {
  const json& v = j.at(key);
  return v.is_null() ? std::numeric_limits<double>::quiet_NaN() : v.get<double>();
}

}  // namespace

Result<Evaluation> EvaluatePredictions(const std::vector<std::string>& gold,
                                       const std::vector<std::string>& predicted,
                                       const std::vector<std::string>& languages, int seed) {
  if (gold.size() != predicted.size() || (!languages.empty() && languages.size() != gold.size())) {
    return Fail(ErrorCode::kUsage,
                "evaluation needs one gold and one predicted label per document");
  }
  if (gold.empty()) return Fail(ErrorCode::kInvalidInput, "nothing to evaluate: no documents");
  Evaluation ev;
  ev.n = gold.size();
  std::set<std::string> label_set(gold.begin(), gold.end());
  label_set.insert(predicted.begin(), predicted.end());
  ev.labels.assign(label_set.begin(), label_set.end());
  std::vector<std::size_t> all(gold.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  Scores s = Score(gold, predicted, all, ev.labels, &ev.per_frame);
  ev.accuracy = s.accuracy;
  ev.macro_f1 = s.macro_f1;
  ev.kappa = CohenKappa(gold, predicted);
  std::vector<std::vector<std::string>> units;
  for (std::size_t i = 0; i < gold.size(); ++i) units.push_back({gold[i], predicted[i]});
  ev.alpha = KrippendorffAlphaNominal(units);
  for (const auto& g : ev.labels) {
    for (const auto& p : ev.labels) ev.confusion[g][p] = 0;
  }
  for (std::size_t i = 0; i < gold.size(); ++i) ++ev.confusion[gold[i]][predicted[i]];

  // Percentile bootstrap over documents; mt19937_64 used directly so the intervals are the same
  // on every platform for a seed.
  std::mt19937_64 rng(static_cast<std::uint64_t>(seed));
  std::vector<double> acc, f1;
  std::vector<std::size_t> sample(gold.size());
  for (int b = 0; b < 1000; ++b) {
    std::set<std::string> present;
    for (auto& r : sample) {
      r = static_cast<std::size_t>(rng() % gold.size());
      present.insert(gold[r]);
      present.insert(predicted[r]);
    }
    // Macro F1 of a resample averages over the labels it contains, as it would for a real
    // sample of that composition.
    Scores bs = Score(gold, predicted, sample, {present.begin(), present.end()}, nullptr);
    acc.push_back(bs.accuracy);
    f1.push_back(bs.macro_f1);
  }
  ev.accuracy_ci = {Percentile(acc, 0.025), Percentile(acc, 0.975)};
  ev.macro_f1_ci = {Percentile(f1, 0.025), Percentile(f1, 0.975)};

  if (!languages.empty()) {
    std::map<std::string, std::vector<std::size_t>> by_lang;
    for (std::size_t i = 0; i < languages.size(); ++i) by_lang[languages[i]].push_back(i);
    for (const auto& [lang, rows] : by_lang) {
      std::set<std::string> ls;
      for (std::size_t r : rows) {
        ls.insert(gold[r]);
        ls.insert(predicted[r]);
      }
      Scores ls_scores = Score(gold, predicted, rows, {ls.begin(), ls.end()}, nullptr);
      ev.per_language[lang] = LanguageMetrics{rows.size(), ls_scores.accuracy, ls_scores.macro_f1};
    }
  }
  return ev;
}

std::string EvaluationToJson(const Evaluation& ev) {
  json j;
  j["n"] = ev.n;
  j["folds"] = ev.folds;
  j["labels"] = ev.labels;
  j["accuracy"] = Num(ev.accuracy);
  j["accuracy_ci"] = {Num(ev.accuracy_ci.first), Num(ev.accuracy_ci.second)};
  j["macro_f1"] = Num(ev.macro_f1);
  j["macro_f1_ci"] = {Num(ev.macro_f1_ci.first), Num(ev.macro_f1_ci.second)};
  j["cohen_kappa"] = Num(ev.kappa);
  j["krippendorff_alpha"] = Num(ev.alpha);
  json pf = json::object();
  for (const auto& [label, m] : ev.per_frame) {
    pf[label] = {{"precision", Num(m.precision)},
                 {"recall", Num(m.recall)},
                 {"f1", Num(m.f1)},
                 {"support", m.support}};
  }
  j["per_frame"] = pf;
  j["confusion"] = ev.confusion;
  json pl = json::object();
  for (const auto& [lang, m] : ev.per_language) {
    pl[lang] = {{"n", m.n}, {"accuracy", Num(m.accuracy)}, {"macro_f1", Num(m.macro_f1)}};
  }
  j["per_language"] = pl;
  return j.dump();
}

Result<Evaluation> EvaluationFromJson(std::string_view text) {
  try {
    json j = json::parse(text);
    Evaluation ev;
    ev.n = j.at("n").get<std::size_t>();
    if (j.contains("folds")) ev.folds = j.at("folds").get<int>();
    ev.labels = j.at("labels").get<std::vector<std::string>>();
    ev.accuracy = NumFrom(j, "accuracy");
    ev.macro_f1 = NumFrom(j, "macro_f1");
    ev.kappa = NumFrom(j, "cohen_kappa");
    ev.alpha = NumFrom(j, "krippendorff_alpha");
    for (auto [field, out] :
         {std::pair{"accuracy_ci", &ev.accuracy_ci}, std::pair{"macro_f1_ci", &ev.macro_f1_ci}}) {
      const json& ci = j.at(field);
      if (!ci.is_array() || ci.size() != 2) {
        return Fail(ErrorCode::kInvalidInput, std::string(field) + " must be [low, high]");
      }
      auto get = [](const json& v) {
        return v.is_null() ? std::numeric_limits<double>::quiet_NaN() : v.get<double>();
      };
      *out = {get(ci[0]), get(ci[1])};
    }
    for (const auto& [label, m] : j.at("per_frame").items()) {
      ev.per_frame[label] = FrameMetrics{NumFrom(m, "precision"), NumFrom(m, "recall"),
                                         NumFrom(m, "f1"), m.at("support").get<std::size_t>()};
    }
    ev.confusion =
        j.at("confusion").get<std::map<std::string, std::map<std::string, std::size_t>>>();
    for (const auto& [lang, m] : j.at("per_language").items()) {
      ev.per_language[lang] = LanguageMetrics{m.at("n").get<std::size_t>(), NumFrom(m, "accuracy"),
                                              NumFrom(m, "macro_f1")};
    }
    return ev;
  } catch (const json::exception& e) {
    return Fail(ErrorCode::kInvalidInput, std::string("not an evaluation: ") + e.what());
  }
}

}  // namespace framescope::classify
