// Frame classifiers: the codebook model (works without training) and a trained, calibrated
// multinomial logistic regression. Every prediction carries the cues and sentences behind it.
//
// Codebook model: for each frame, evidence e = prior + weighted voiced cue counts (cues.h); the
// scores are a softmax of log(1 + e) / temperature, i.e. p ~ (1 + e)^(1/T). A document with no
// topic term and no non-generic cue is labelled kNoneLabel.
//
// Trained model: L2-regularised multinomial logistic regression fitted by SGD (examples shuffled
// each epoch by a seeded generator; the same data, codebook and options give the same weights)
// over hashed features (2^18 buckets): word unigrams and bigrams, Chinese/Japanese character
// bigrams, and the codebook's cue counts by frame and voice ("cue:<frame>:<voice>") plus the
// codebook model's evidence per frame. Probabilities are calibrated by temperature scaling: one
// temperature fitted (minimum log loss) on out-of-fold logits of an internal stratified k-fold
// (k = min(5, smallest class size); skipped, T = 1, when a class has fewer than 2 documents).
// When the training labels do not include kNoneLabel, documents with no evidence of the topic are
// labelled kNoneLabel by the codebook rule, as in the codebook model.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "framescope/classify/codebook.h"
#include "framescope/classify/cues.h"
#include "framescope/classify/evaluation.h"
#include "framescope/corpus/document.h"
#include "framescope/corpus/result.h"

namespace framescope::classify {

struct Prediction {
  std::string label;                     // a frame name or kNoneLabel
  std::map<std::string, double> scores;  // probability per label of the model; sums to 1
  // Cue hits in document order. Here CueHit::sentence indexes `sentences` below (not the full
  // DocumentSentences list); `sentence_positions` maps it back.
  std::vector<CueHit> cues;
  std::vector<std::string> sentences;           // the sentences that hold at least one cue
  std::vector<std::size_t> sentence_positions;  // their index in DocumentSentences(doc)
  std::vector<std::string> topic_terms;         // topic terms found in the document
};

struct TrainOptions {
  int seed = 42;               // shuffling and the internal calibration folds
  double l2 = 1e-4;            // L2 penalty per example
  int epochs = 30;             // SGD passes over the data
  double learning_rate = 0.5;  // initial step; decays as lr / (1 + epoch)
  bool calibrate = true;       // fit a temperature on held-out folds
};

// A classifier holds its codebook. Copies share the (immutable) model. Thread-safe: every const
// member may be called from several threads at once.
class Classifier {
 public:
  // The untrained codebook model.
  static Classifier FromCodebook(Codebook codebook);

  // Loads a model file written by Save. `codebook` may be null: the model then uses the codebook
  // text stored in the file. A non-null codebook must have the hash the model was trained with.
  // Errors name the file (and what is wrong: not JSON, wrong format version, codebook mismatch).
  static Result<Classifier> Load(const std::string& model_path, const Codebook* codebook);

  // Classifies one document. Never fails.
  Prediction Predict(const corpus::Document& doc) const;

  // Writes the model as JSON (atomically). Error names the path.
  Status Save(const std::string& path) const;

  // One line: "codebook model (default.toml sha1 1a2b3c4d)" or "logistic regression trained on
  // 191 docs (...)".
  std::string Describe() const;

  bool trained() const;
  const Codebook& codebook() const;
  // The labels Predict may return, in a stable order (frames first, then kNoneLabel).
  std::vector<std::string> labels() const;

  // The cross-validated evaluation stored with the model, if any.
  std::optional<Evaluation> evaluation() const;
  // Attaches an evaluation, written by Save. Does not change predictions.
  void SetEvaluation(const Evaluation& evaluation);

  struct Model;  // private representation

 private:
  explicit Classifier(std::shared_ptr<const Model> model) : model_(std::move(model)) {}
  std::shared_ptr<const Model> model_;
  friend Result<Classifier> Train(const std::vector<corpus::Document>&, const Codebook&,
                                  const TrainOptions&);
};

// Trains the logistic regression. Labels come from each document's `frame` field and must be
// frames of the codebook or kNoneLabel. Errors: no documents, a document without a label (named
// by id or position), an unknown label, fewer than two distinct labels.
Result<Classifier> Train(const std::vector<corpus::Document>& labelled, const Codebook& codebook,
                         const TrainOptions& options);

// Stratified k-fold cross-validation of Train (folds dealt per label after a seeded shuffle):
// every document is predicted once by a model that did not see it; the predictions are scored
// with EvaluatePredictions (bootstrap seeded with options.seed). Errors: those of Train, folds < 2
// or folds > number of documents.
Result<Evaluation> CrossValidate(const std::vector<corpus::Document>& labelled,
                                 const Codebook& codebook, int folds, const TrainOptions& options);

// Scores any classifier (e.g. the codebook model) on labelled documents, as EvaluatePredictions.
// Error when a document has no label.
Result<Evaluation> EvaluateClassifier(const Classifier& classifier,
                                      const std::vector<corpus::Document>& labelled, int seed = 42);

// Uncertainty sampling: indices of the (at most) n predictions with the smallest margin between
// their two highest scores, smallest margin first; ties keep input order.
std::vector<std::size_t> LeastCertain(const std::vector<Prediction>& predictions, std::size_t n);

}  // namespace framescope::classify
