#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <set>

#include "analysis.h"
#include "features.h"
#include "framescope/classify/classifier.h"
#include "framescope/corpus/hash.h"
#include "model.h"

namespace framescope::classify {
namespace {

using detail::SparseVector;

struct Dataset {
  std::vector<SparseVector> x;
  std::vector<int> y;
  int classes = 0;
  std::uint32_t dim = 0;
};

// The standard library's distributions differ between implementations; drawing indices straight
// from mt19937_64 keeps a seed's shuffles identical on every platform.
void Shuffle(std::vector<std::size_t>& v, std::mt19937_64& rng) {
  for (std::size_t i = v.size(); i > 1; --i) {
    std::size_t j = static_cast<std::size_t>(rng() % i);
    std::swap(v[i - 1], v[j]);
  }
}

struct Linear {
  std::vector<double> w;  // dim x classes
  std::vector<double> b;
};

// Multinomial logistic regression by SGD. L2 shrinkage is applied to all weights at once through
// a shared scale factor, so each step costs only the example's non-zero features.
Linear FitSgd(const Dataset& d, const std::vector<std::size_t>& rows, const TrainOptions& opt,
              std::uint64_t seed) {
  const std::size_t k = static_cast<std::size_t>(d.classes);
  Linear m;
  m.w.assign(static_cast<std::size_t>(d.dim) * k, 0.0);
  m.b.assign(k, 0.0);
  double scale = 1.0;
  std::mt19937_64 rng(seed);
  std::vector<std::size_t> order = rows;
  std::vector<double> z(k), g(k);
  const double l2 = std::max(0.0, opt.l2);
  for (int epoch = 0; epoch < std::max(1, opt.epochs); ++epoch) {
    Shuffle(order, rng);
    const double lr = opt.learning_rate / (1.0 + epoch);
    for (std::size_t r : order) {
      const SparseVector& x = d.x[r];
      for (std::size_t c = 0; c < k; ++c) z[c] = 0;
      for (std::size_t i = 0; i < x.index.size(); ++i) {
        const double* row = m.w.data() + static_cast<std::size_t>(x.index[i]) * k;
        for (std::size_t c = 0; c < k; ++c) z[c] += row[c] * x.value[i];
      }
      double mx = -1e300;
      for (std::size_t c = 0; c < k; ++c) {
        z[c] = z[c] * scale + m.b[c];
        mx = std::max(mx, z[c]);
      }
      double sum = 0;
      for (std::size_t c = 0; c < k; ++c) sum += (g[c] = std::exp(z[c] - mx));
      for (std::size_t c = 0; c < k; ++c) {
        g[c] = g[c] / sum - (static_cast<int>(c) == d.y[r] ? 1.0 : 0.0);
      }
      scale *= (1.0 - lr * l2);
      const double step = lr / scale;
      for (std::size_t i = 0; i < x.index.size(); ++i) {
        double* row = m.w.data() + static_cast<std::size_t>(x.index[i]) * k;
        for (std::size_t c = 0; c < k; ++c) row[c] -= step * g[c] * x.value[i];
      }
      for (std::size_t c = 0; c < k; ++c) m.b[c] -= lr * g[c];
      if (scale < 1e-6) {
        for (double& w : m.w) w *= scale;
        scale = 1.0;
      }
    }
  }
  for (double& w : m.w) w *= scale;
  return m;
}

std::vector<double> LinearLogits(const Linear& m, const SparseVector& x, std::size_t k) {
  std::vector<double> z(m.b);
  for (std::size_t i = 0; i < x.index.size(); ++i) {
    const double* row = m.w.data() + static_cast<std::size_t>(x.index[i]) * k;
    for (std::size_t c = 0; c < k; ++c) z[c] += row[c] * x.value[i];
  }
  return z;
}

double MeanNll(const std::vector<std::vector<double>>& logits, const std::vector<int>& y,
               double t) {
  double total = 0;
  for (std::size_t i = 0; i < logits.size(); ++i) {
    std::vector<double> p = detail::Softmax(logits[i], t);
    total -= std::log(std::max(p[static_cast<std::size_t>(y[i])], 1e-300));
  }
  return total / static_cast<double>(logits.size());
}

// Temperature minimising held-out log loss; golden-section search over log T in [1/20, 20].
double FitTemperature(const std::vector<std::vector<double>>& logits, const std::vector<int>& y) {
  double lo = std::log(0.05), hi = std::log(20.0);
  const double phi = (std::sqrt(5.0) - 1) / 2;
  double a = hi - phi * (hi - lo), b = lo + phi * (hi - lo);
  double fa = MeanNll(logits, y, std::exp(a)), fb = MeanNll(logits, y, std::exp(b));
  for (int it = 0; it < 60; ++it) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - phi * (hi - lo);
      fa = MeanNll(logits, y, std::exp(a));
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + phi * (hi - lo);
      fb = MeanNll(logits, y, std::exp(b));
    }
  }
  return std::exp((lo + hi) / 2);
}

// Stratified folds: each label's documents are shuffled and dealt round-robin, continuing the
// deal across labels so that fold sizes differ by at most one.
std::vector<int> StratifiedFolds(const std::vector<int>& y, const std::vector<std::size_t>& rows,
                                 int folds, std::uint64_t seed) {
  std::map<int, std::vector<std::size_t>> by_label;
  for (std::size_t r : rows) by_label[y[r]].push_back(r);
  std::mt19937_64 rng(seed);
  std::vector<int> fold(y.size(), -1);
  std::size_t next = 0;
  for (auto& [label, members] : by_label) {
    Shuffle(members, rng);
    for (std::size_t r : members)
      fold[r] = static_cast<int>(next++ % static_cast<std::size_t>(folds));
  }
  return fold;
}

std::string DocName(const corpus::Document& d, std::size_t i) {
  return d.id.empty() ? "document " + std::to_string(i + 1) : "document " + d.id;
}

}  // namespace

Result<Classifier> Train(const std::vector<corpus::Document>& labelled, const Codebook& codebook,
                         const TrainOptions& options) {
  if (labelled.empty()) return Fail(ErrorCode::kInvalidInput, "no labelled documents to train on");
  if (options.epochs < 1 || !(options.learning_rate > 0) || !(options.l2 >= 0) ||
      !(options.learning_rate * options.l2 < 1)) {
    return Fail(ErrorCode::kUsage,
                "training needs epochs >= 1, learning_rate > 0, l2 >= 0 and learning_rate x l2 "
                "below 1");
  }
  // Classes in codebook order, then kNoneLabel, so that output order never depends on the data.
  std::set<std::string> present;
  for (std::size_t i = 0; i < labelled.size(); ++i) {
    const std::string& l = labelled[i].frame;
    if (l.empty()) {
      return Fail(ErrorCode::kInvalidInput, DocName(labelled[i], i) + " has no label");
    }
    if (l != kNoneLabel && codebook.FrameIndex(l) < 0) {
      std::string known;
      for (const auto& f : codebook.labels()) known += (known.empty() ? "" : ", ") + f;
      return Fail(ErrorCode::kInvalidInput, DocName(labelled[i], i) + ": label '" + l +
                                                "' is not a frame of the codebook (" + known +
                                                ") nor " + std::string(kNoneLabel));
    }
    present.insert(l);
  }
  if (present.size() < 2) {
    return Fail(
        ErrorCode::kInvalidInput,
        "training needs documents of at least two labels; all are '" + *present.begin() + "'");
  }
  auto model = std::make_shared<Classifier::Model>(codebook);
  Classifier::Model& m = *model;
  m.trained = true;
  m.hash_bits = detail::kHashBits;
  m.options = options;
  for (const auto& f : codebook.labels()) {
    if (present.count(f)) m.labels.push_back(f);
  }
  if (present.count(std::string(kNoneLabel))) m.labels.emplace_back(kNoneLabel);
  m.none_rule = !present.count(std::string(kNoneLabel));

  Dataset d;
  d.classes = static_cast<int>(m.labels.size());
  d.dim = 1u << m.hash_bits;
  std::map<std::uint32_t, std::string> names;
  corpus::Sha1 sha;
  for (const auto& doc : labelled) {
    detail::DocumentAnalysis a = detail::AnalyseInternal(codebook, doc);
    d.x.push_back(detail::ExtractFeatures(a, codebook, m.hash_bits, &names));
    d.y.push_back(static_cast<int>(std::find(m.labels.begin(), m.labels.end(), doc.frame) -
                                   m.labels.begin()));
    ++m.label_counts[doc.frame];
    for (const std::string* s : {&doc.id, &doc.frame, &doc.language, &doc.title, &doc.text}) {
      sha.Update(*s);
      sha.Update("\x1f");
    }
    sha.Update("\x1e");
  }
  m.documents = labelled.size();
  m.data_sha1 = corpus::Hex(sha.Final());

  std::vector<std::size_t> all(labelled.size());
  std::iota(all.begin(), all.end(), 0);
  const auto seed = static_cast<std::uint64_t>(options.seed);

  // Calibration: out-of-fold logits from an internal stratified split, then one temperature.
  std::size_t smallest = labelled.size();
  for (const auto& [l, n] : m.label_counts) smallest = std::min(smallest, n);
  const int cal_folds = static_cast<int>(std::min<std::size_t>(5, smallest));
  if (options.calibrate && cal_folds >= 2) {
    std::vector<int> fold = StratifiedFolds(d.y, all, cal_folds, seed ^ 0x9e3779b97f4a7c15ULL);
    std::vector<std::vector<double>> oof(labelled.size());
    for (int f = 0; f < cal_folds; ++f) {
      std::vector<std::size_t> train_rows;
      for (std::size_t r : all) {
        if (fold[r] != f) train_rows.push_back(r);
      }
      Linear lin = FitSgd(d, train_rows, options, seed + static_cast<std::uint64_t>(f) + 1);
      for (std::size_t r : all) {
        if (fold[r] == f) oof[r] = LinearLogits(lin, d.x[r], m.labels.size());
      }
    }
    m.temperature = FitTemperature(oof, d.y);
    m.calibration = "temperature scaling fitted on out-of-fold logits";
    m.calibration_folds = cal_folds;
  } else {
    m.temperature = 1.0;
    m.calibration = options.calibrate ? "none (a label has fewer than 2 documents)" : "none";
    m.calibration_folds = 0;
  }

  Linear lin = FitSgd(d, all, options, seed);
  // Predictions use the float weights that the model file stores, so a saved and reloaded model
  // predicts exactly what the trained one did.
  m.weights.assign(lin.w.size(), 0.0f);
  for (std::size_t i = 0; i < lin.w.size(); ++i) m.weights[i] = static_cast<float>(lin.w[i]);
  m.bias = lin.b;

  const std::size_t k = m.labels.size();
  for (std::size_t c = 0; c < k; ++c) {
    std::vector<std::pair<double, std::uint32_t>> ranked;
    for (const auto& [idx, name] : names) {
      ranked.emplace_back(m.weights[static_cast<std::size_t>(idx) * k + c], idx);
    }
    std::partial_sort(ranked.begin(), ranked.begin() + std::min<std::size_t>(15, ranked.size()),
                      ranked.end(), [](const auto& a, const auto& b) {
                        return a.first != b.first ? a.first > b.first : a.second < b.second;
                      });
    for (std::size_t i = 0; i < std::min<std::size_t>(15, ranked.size()); ++i) {
      if (ranked[i].first <= 0) break;
      m.top_features[m.labels[c]].emplace_back(names[ranked[i].second], ranked[i].first);
    }
  }
  return Classifier(std::move(model));
}

Result<Evaluation> CrossValidate(const std::vector<corpus::Document>& labelled,
                                 const Codebook& codebook, int folds, const TrainOptions& options) {
  if (folds < 2) return Fail(ErrorCode::kUsage, "cross-validation needs at least 2 folds");
  if (static_cast<std::size_t>(folds) > labelled.size()) {
    return Fail(ErrorCode::kUsage, "cannot make " + std::to_string(folds) + " folds of " +
                                       std::to_string(labelled.size()) + " documents");
  }
  std::map<std::string, int> ids;
  std::vector<int> y;
  for (std::size_t i = 0; i < labelled.size(); ++i) {
    if (labelled[i].frame.empty()) {
      return Fail(ErrorCode::kInvalidInput, DocName(labelled[i], i) + " has no label");
    }
    y.push_back(ids.emplace(labelled[i].frame, static_cast<int>(ids.size())).first->second);
  }
  std::vector<std::size_t> all(labelled.size());
  std::iota(all.begin(), all.end(), 0);
  std::vector<int> fold = StratifiedFolds(y, all, folds, static_cast<std::uint64_t>(options.seed));
  std::vector<std::string> gold(labelled.size()), pred(labelled.size()), lang(labelled.size());
  for (int f = 0; f < folds; ++f) {
    std::vector<corpus::Document> train;
    for (std::size_t r : all) {
      if (fold[r] != f) train.push_back(labelled[r]);
    }
    auto clf = Train(train, codebook, options);
    if (!clf) {
      return tl::unexpected(WithContext(clf.error(), "fold " + std::to_string(f + 1)));
    }
    for (std::size_t r : all) {
      if (fold[r] != f) continue;
      gold[r] = labelled[r].frame;
      pred[r] = clf->Predict(labelled[r]).label;
      lang[r] = labelled[r].language;
    }
  }
  auto ev = EvaluatePredictions(gold, pred, lang, options.seed);
  if (ev) ev->folds = folds;
  return ev;
}

Result<Evaluation> EvaluateClassifier(const Classifier& classifier,
                                      const std::vector<corpus::Document>& labelled, int seed) {
  std::vector<std::string> gold, pred, lang;
  for (std::size_t i = 0; i < labelled.size(); ++i) {
    if (labelled[i].frame.empty()) {
      return Fail(ErrorCode::kInvalidInput, DocName(labelled[i], i) + " has no label");
    }
    gold.push_back(labelled[i].frame);
    pred.push_back(classifier.Predict(labelled[i]).label);
    lang.push_back(labelled[i].language);
  }
  return EvaluatePredictions(gold, pred, lang, seed);
}

std::vector<std::size_t> LeastCertain(const std::vector<Prediction>& predictions, std::size_t n) {
  std::vector<std::pair<double, std::size_t>> margins;
  margins.reserve(predictions.size());
  for (std::size_t i = 0; i < predictions.size(); ++i) {
    double first = 0, second = 0;
    for (const auto& [label, s] : predictions[i].scores) {
      if (s > first) {
        second = first;
        first = s;
      } else if (s > second) {
        second = s;
      }
    }
    margins.emplace_back(first - second, i);
  }
  std::stable_sort(margins.begin(), margins.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < std::min(n, margins.size()); ++i) out.push_back(margins[i].second);
  return out;
}

}  // namespace framescope::classify
