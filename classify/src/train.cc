#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <set>
#include <unordered_map>

#include "analysis.h"
#include "featurizer.h"
#include "framescope/classify/classifier.h"
#include "framescope/corpus/hash.h"
#include "half.h"
#include "model.h"

namespace framescope::classify {
namespace {

using detail::SparseVector;

// A training set in a compact feature space: the buckets that occur in it are renumbered
// 0..dim-1, so a fit touches (and L2-shrinks) only those, not all 2^hash_bits of them.
struct Dataset {
  std::vector<SparseVector> x;  // compact indices
  std::vector<int> y;
  int classes = 0;
  std::uint32_t dim = 0;
  std::vector<std::uint32_t> bucket;  // compact index -> bucket
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
std::vector<int> StratifiedFoldsOf(const std::vector<int>& y, const std::vector<std::size_t>& rows,
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

// The model's classes for the labels present: codebook order, then kNoneLabel, so that output
// order never depends on the data. Error when fewer than two labels are present.
Result<std::vector<std::string>> ClassesOf(const std::set<std::string>& present,
                                           const Codebook& codebook) {
  if (present.size() < 2) {
    return Fail(ErrorCode::kInvalidInput,
                "training needs documents of at least two labels; all are '" +
                    (present.empty() ? std::string() : *present.begin()) + "'");
  }
  std::vector<std::string> classes;
  for (const auto& f : codebook.labels()) {
    if (present.count(f)) classes.push_back(f);
  }
  if (present.count(std::string(kNoneLabel))) classes.emplace_back(kNoneLabel);
  return classes;
}

// Checks options and labels; returns the model's classes (ClassesOf).
Result<std::vector<std::string>> CheckTrainingInput(const std::vector<corpus::Document>& labelled,
                                                    const Codebook& codebook,
                                                    const TrainOptions& options) {
  if (labelled.empty()) return Fail(ErrorCode::kInvalidInput, "no labelled documents to train on");
  if (options.epochs < 1 || !(options.learning_rate > 0) || !(options.l2 >= 0) ||
      !(options.learning_rate * options.l2 < 1)) {
    return Fail(ErrorCode::kUsage,
                "training needs epochs >= 1, learning_rate > 0, l2 >= 0 and learning_rate x l2 "
                "below 1");
  }
  auto good_scale = [](double s) { return std::isfinite(s) && s > 0; };
  if (!good_scale(options.word_scale) ||
      !std::all_of(options.word_scales.begin(), options.word_scales.end(), good_scale)) {
    return Fail(ErrorCode::kUsage, "training needs word scales that are positive numbers");
  }
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
  return ClassesOf(present, codebook);
}

// Feature blocks of every document, computed once (they do not depend on the training set, so
// cross-validation folds share them), with the readable names of the buckets used.
struct Prepared {
  std::vector<detail::FeatureBlocks> blocks;
  std::map<std::uint32_t, std::string> names;
};

Prepared Prepare(const std::vector<corpus::Document>& docs, const Codebook& codebook) {
  Prepared p;
  p.blocks.reserve(docs.size());
  for (const auto& doc : docs) {
    detail::DocumentAnalysis a = detail::AnalyseInternal(codebook, doc);
    p.blocks.push_back(detail::ExtractFeatureBlocks(a, codebook, detail::kHashBits, &p.names));
  }
  return p;
}

// The dataset of `rows` with the word block at length `word_scale`, in a compact feature space.
Dataset MakeDataset(const Prepared& prepared, const std::vector<std::size_t>& rows,
                    const std::vector<int>& y_of_row, int classes, double word_scale) {
  Dataset d;
  d.classes = classes;
  std::unordered_map<std::uint32_t, std::uint32_t> compact;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    SparseVector x = detail::CombineBlocks(prepared.blocks[rows[i]], word_scale);
    for (std::uint32_t& idx : x.index) {
      auto [it, fresh] = compact.emplace(idx, static_cast<std::uint32_t>(d.bucket.size()));
      if (fresh) d.bucket.push_back(idx);
      idx = it->second;
    }
    d.x.push_back(std::move(x));
    d.y.push_back(y_of_row[i]);
  }
  d.dim = static_cast<std::uint32_t>(d.bucket.size());
  return d;
}

struct Calibrated {
  double temperature = 1.0;
  double nll = 0;  // mean held-out log loss at that temperature
};

// Out-of-fold logits of an internal stratified split of the dataset, and the temperature that
// minimises their log loss.
Calibrated CalibrateOutOfFold(const Dataset& d, const std::vector<int>& fold, int folds,
                              const TrainOptions& options, std::uint64_t seed) {
  std::vector<std::size_t> all(d.x.size());
  std::iota(all.begin(), all.end(), 0);
  std::vector<std::vector<double>> oof(d.x.size());
  for (int f = 0; f < folds; ++f) {
    std::vector<std::size_t> train_rows;
    for (std::size_t r : all) {
      if (fold[r] != f) train_rows.push_back(r);
    }
    Linear lin = FitSgd(d, train_rows, options, seed + static_cast<std::uint64_t>(f) + 1);
    for (std::size_t r : all) {
      if (fold[r] == f) oof[r] = LinearLogits(lin, d.x[r], static_cast<std::size_t>(d.classes));
    }
  }
  Calibrated c;
  c.temperature = FitTemperature(oof, d.y);
  c.nll = MeanNll(oof, d.y, c.temperature);
  return c;
}

// Trains on the documents listed in `rows` (indices into labelled / prepared).
Classifier TrainRows(const std::vector<corpus::Document>& labelled, const Prepared& prepared,
                     const std::vector<std::size_t>& rows, const std::vector<std::string>& classes,
                     const Codebook& codebook, const TrainOptions& options) {
  auto model = std::make_shared<Classifier::Model>(codebook);
  Classifier::Model& m = *model;
  m.trained = true;
  m.hash_bits = detail::kHashBits;
  m.options = options;
  m.labels = classes;
  m.none_rule = std::find(classes.begin(), classes.end(), kNoneLabel) == classes.end();

  std::vector<int> y;
  corpus::Sha1 sha;
  for (std::size_t r : rows) {
    const corpus::Document& doc = labelled[r];
    y.push_back(static_cast<int>(std::find(m.labels.begin(), m.labels.end(), doc.frame) -
                                 m.labels.begin()));
    ++m.label_counts[doc.frame];
    for (const std::string* s : {&doc.id, &doc.frame, &doc.language, &doc.title, &doc.text}) {
      sha.Update(*s);
      sha.Update("\x1f");
    }
    sha.Update("\x1e");
  }
  m.documents = rows.size();
  m.data_sha1 = corpus::Hex(sha.Final());
  const int k = static_cast<int>(m.labels.size());
  const auto seed = static_cast<std::uint64_t>(options.seed);

  // Calibration, and the choice of the word block's length when several are offered: out-of-fold
  // logits of an internal stratified split (nested inside any outer cross-validation, so the
  // choice never sees the documents it is evaluated on); the length with the smallest calibrated
  // held-out log loss wins, the smaller one on a tie.
  std::vector<double> scales = options.word_scales;
  if (scales.empty()) scales.push_back(options.word_scale);
  std::size_t smallest = rows.size();
  for (const auto& [l, n] : m.label_counts) smallest = std::min(smallest, n);
  const int cal_folds = static_cast<int>(std::min<std::size_t>(5, smallest));
  m.word_scale = scales.front();
  m.temperature = 1.0;
  m.calibration_folds = 0;
  m.calibration = options.calibrate ? "none (a label has fewer than 2 documents)" : "none";
  if ((options.calibrate || scales.size() > 1) && cal_folds >= 2) {
    std::vector<std::size_t> local(rows.size());
    std::iota(local.begin(), local.end(), 0);
    std::vector<int> fold = StratifiedFoldsOf(y, local, cal_folds, seed ^ 0x9e3779b97f4a7c15ULL);
    double best = 0;
    for (std::size_t i = 0; i < scales.size(); ++i) {
      Dataset d = MakeDataset(prepared, rows, y, k, scales[i]);
      Calibrated c = CalibrateOutOfFold(d, fold, cal_folds, options, seed);
      m.selection.emplace_back(scales[i], c.nll);
      if (i == 0 || c.nll < best - 1e-12) {
        best = c.nll;
        m.word_scale = scales[i];
        if (options.calibrate) m.temperature = c.temperature;
      }
    }
    if (options.calibrate) {
      m.calibration = "temperature scaling fitted on out-of-fold logits";
      m.calibration_folds = cal_folds;
    }
  }

  Dataset d = MakeDataset(prepared, rows, y, k, m.word_scale);
  std::vector<std::size_t> all(rows.size());
  std::iota(all.begin(), all.end(), 0);
  Linear lin = FitSgd(d, all, options, seed);
  // Predictions use the half-precision weights that the model file stores, so a saved and
  // reloaded model predicts exactly what the trained one did.
  const std::size_t kk = m.labels.size();
  m.weights.assign((std::size_t{1} << m.hash_bits) * kk, 0.0f);
  for (std::size_t j = 0; j < d.bucket.size(); ++j) {
    for (std::size_t c = 0; c < kk; ++c) {
      m.weights[static_cast<std::size_t>(d.bucket[j]) * kk + c] =
          detail::RoundToHalf(static_cast<float>(lin.w[j * kk + c]));
    }
  }
  m.bias = lin.b;

  for (std::size_t c = 0; c < kk; ++c) {
    std::vector<std::pair<double, std::uint32_t>> ranked;
    for (std::uint32_t idx : d.bucket) {
      ranked.emplace_back(m.weights[static_cast<std::size_t>(idx) * kk + c], idx);
    }
    const std::size_t top = std::min<std::size_t>(15, ranked.size());
    std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(top),
                      ranked.end(), [](const auto& a, const auto& b) {
                        return a.first != b.first ? a.first > b.first : a.second < b.second;
                      });
    for (std::size_t i = 0; i < top; ++i) {
      if (ranked[i].first <= 0) break;
      auto name = prepared.names.find(ranked[i].second);
      m.top_features[m.labels[c]].emplace_back(name == prepared.names.end() ? "?" : name->second,
                                               ranked[i].first);
    }
  }
  return detail::ClassifierAccess::Make(std::move(model));
}

}  // namespace

Result<Classifier> Train(const std::vector<corpus::Document>& labelled, const Codebook& codebook,
                         const TrainOptions& options) {
  auto classes = CheckTrainingInput(labelled, codebook, options);
  if (!classes) return tl::unexpected(classes.error());
  Prepared prepared = Prepare(labelled, codebook);
  std::vector<std::size_t> all(labelled.size());
  std::iota(all.begin(), all.end(), 0);
  return TrainRows(labelled, prepared, all, *classes, codebook, options);
}

std::vector<int> StratifiedFolds(const std::vector<std::string>& labels, int folds, int seed) {
  std::map<std::string, int> ids;
  std::vector<int> y;
  y.reserve(labels.size());
  for (const auto& l : labels)
    y.push_back(ids.emplace(l, static_cast<int>(ids.size())).first->second);
  std::vector<std::size_t> all(labels.size());
  std::iota(all.begin(), all.end(), 0);
  if (folds < 1) folds = 1;
  return StratifiedFoldsOf(y, all, folds, static_cast<std::uint64_t>(seed));
}

Result<Evaluation> CrossValidateFolds(const std::vector<corpus::Document>& labelled,
                                      const Codebook& codebook, const std::vector<int>& fold,
                                      const TrainOptions& options) {
  if (fold.size() != labelled.size()) {
    return Fail(ErrorCode::kUsage, "cross-validation needs one fold number per document");
  }
  auto classes = CheckTrainingInput(labelled, codebook, options);
  if (!classes) return tl::unexpected(classes.error());
  std::set<int> fold_ids(fold.begin(), fold.end());
  if (fold_ids.size() < 2 || *fold_ids.begin() < 0) {
    return Fail(ErrorCode::kUsage, "cross-validation needs at least 2 folds, numbered from 0");
  }
  Prepared prepared = Prepare(labelled, codebook);
  std::vector<std::string> gold(labelled.size()), pred(labelled.size()), lang(labelled.size());
  for (int f : fold_ids) {
    std::vector<std::size_t> train_rows;
    for (std::size_t r = 0; r < labelled.size(); ++r) {
      if (fold[r] != f) train_rows.push_back(r);
    }
    std::set<std::string> present;
    for (std::size_t r : train_rows) present.insert(labelled[r].frame);
    auto fold_classes = ClassesOf(present, codebook);
    if (!fold_classes) {
      return tl::unexpected(WithContext(fold_classes.error(), "fold " + std::to_string(f + 1)));
    }
    Classifier clf = TrainRows(labelled, prepared, train_rows, *fold_classes, codebook, options);
    for (std::size_t r = 0; r < labelled.size(); ++r) {
      if (fold[r] != f) continue;
      gold[r] = labelled[r].frame;
      pred[r] = clf.Predict(labelled[r]).label;
      lang[r] = labelled[r].language;
    }
  }
  auto ev = EvaluatePredictions(gold, pred, lang, options.seed);
  if (ev) ev->folds = static_cast<int>(fold_ids.size());
  return ev;
}

Result<Evaluation> CrossValidate(const std::vector<corpus::Document>& labelled,
                                 const Codebook& codebook, int folds, const TrainOptions& options) {
  if (folds < 2) return Fail(ErrorCode::kUsage, "cross-validation needs at least 2 folds");
  if (static_cast<std::size_t>(folds) > labelled.size()) {
    return Fail(ErrorCode::kUsage, "cannot make " + std::to_string(folds) + " folds of " +
                                       std::to_string(labelled.size()) + " documents");
  }
  std::vector<std::string> labels;
  for (std::size_t i = 0; i < labelled.size(); ++i) {
    if (labelled[i].frame.empty()) {
      return Fail(ErrorCode::kInvalidInput, DocName(labelled[i], i) + " has no label");
    }
    labels.push_back(labelled[i].frame);
  }
  return CrossValidateFolds(labelled, codebook, StratifiedFolds(labels, folds, options.seed),
                            options);
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
