// The representation behind Classifier, shared by prediction, training and the model file.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "framescope/classify/classifier.h"

namespace framescope::classify {

struct Classifier::Model {
  explicit Model(Codebook cb) : codebook(std::move(cb)) {}

  Codebook codebook;
  bool trained = false;

  // Trained model only.
  std::vector<std::string> labels;  // the regression's classes, in output order
  bool none_rule = true;            // kNoneLabel by the codebook rule (not among the classes)
  int hash_bits = 18;
  std::vector<float> weights;  // (1 << hash_bits) x labels.size(), row per feature bucket
  std::vector<double> bias;    // per label
  double word_scale = 20.0;    // length of the word block (featurizer.h)
  // The word scales tried and their calibrated held-out log loss (empty: none was chosen).
  std::vector<std::pair<double, double>> selection;
  double temperature = 1.0;  // calibration: logits are divided by it
  std::string calibration;   // how the temperature was fitted, for the model file
  int calibration_folds = 0;

  std::size_t documents = 0;
  std::string data_sha1;
  std::map<std::string, std::size_t> label_counts;
  TrainOptions options;
  std::map<std::string, std::vector<std::pair<std::string, double>>> top_features;

  std::optional<Evaluation> evaluation;
};

namespace detail {
struct ClassifierAccess {
  static Classifier Make(std::shared_ptr<const Classifier::Model> model) {
    return Classifier(std::move(model));
  }
};

// Logits (before calibration) of a trained model for a feature vector.
std::vector<double> Logits(const Classifier::Model& m, const std::vector<std::uint32_t>& index,
                           const std::vector<float>& value);
// Softmax of logits / temperature.
std::vector<double> Softmax(const std::vector<double>& logits, double temperature);
}  // namespace detail

}  // namespace framescope::classify
