// Frame classifiers: the codebook model (works without training) and a trained, calibrated
// multinomial logistic regression. Every prediction carries the cues and sentences behind it.
//
// Codebook model: for each frame, evidence e = prior + weighted voiced cue counts (cues.h); the
// scores are a softmax of log(1 + e) / temperature, i.e. p ~ (1 + e)^(1/T). A document with no
// topic term and no non-generic cue is labelled kNoneLabel.
//
// Trained model: L2-regularised multinomial logistic regression fitted by SGD (examples shuffled
// each epoch by a seeded generator; the same data, codebook and options give the same weights)
// over two blocks of hashed features (2^18 buckets; classify/src/featurizer.h):
//   - words: word unigrams and bigrams, character 4-grams of words (all alphabetic languages),
//     Chinese/Japanese character bigrams; log counts, scaled to a fixed length per document;
//   - codebook: cue weight by frame and voice ("cue:<frame>:<voice>", so the model learns how
//     much a quoted, attributed, negated or rebutted cue counts), the codebook model's evidence
//     per frame, topic terms, and the codebook's anchor terms (present or absent).
// The length of the word block relative to the codebook block is chosen from
// TrainOptions::word_scales by held-out log loss on internal folds. Probabilities are calibrated
// by temperature scaling: one temperature fitted (minimum log loss) on out-of-fold logits of an
// internal stratified k-fold (k = min(5, smallest class size); skipped, T = 1, when a class has
// fewer than 2 documents). Weights are stored in half precision (the model that was trained is
// the one a reloaded file gives).
//
// Every model applies the codebook's topic rule first: a document with no topic term and no
// non-generic cue is kNoneLabel, whatever the trained part would say (a trained model learns
// "none" only from the off-topic documents it was shown, which rarely cover everything a crawl
// brings in).
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
#include "framescope/corpus/text.h"

namespace framescope::classify {

namespace detail {
struct ClassifierAccess;  // lets the module's training code build classifiers
}

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
  double l2 = 1e-5;            // L2 penalty per example
  int epochs = 20;             // SGD passes over the data
  double learning_rate = 0.5;  // initial step; decays as lr / (1 + epoch)
  bool calibrate = true;       // fit a temperature on held-out folds
  // Euclidean length of the word block of each document's features, relative to the codebook
  // features (whose values are of order 1): how much the model may rely on the words of the
  // training documents rather than on the codebook's voice analysis.
  double word_scale = 20;
  // When not empty, the word scale is chosen from these values: the one whose model has the
  // smallest calibrated log loss on the internal calibration folds (nested inside any outer
  // cross-validation, so the choice never sees the documents it is evaluated on); word_scale is
  // then ignored. Costs one fit per value and calibration fold.
  std::vector<double> word_scales = {10, 20, 40};
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

  // The same prediction, from the document's words segmented already.
  // REQUIRES: tokens.title == corpus::Tokenize(doc.title) and
  // tokens.text == corpus::Tokenize(doc.text).
  Prediction Predict(const corpus::Document& doc, const corpus::DocumentTokens& tokens) const;

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
  Prediction Predict(const corpus::Document& doc, const corpus::DocumentTokens* tokens) const;
  std::shared_ptr<const Model> model_;
  friend struct detail::ClassifierAccess;
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

// Cross-validation on given folds: `fold[i]` (>= 0) is the fold of labelled[i]; each fold is
// predicted by a model trained on all the others (leave-one-group-out when folds are groups,
// e.g. writers or outlets). Errors: those of Train (also when a fold's training part has fewer
// than two labels), a fold list of the wrong length, fewer than two distinct folds.
Result<Evaluation> CrossValidateFolds(const std::vector<corpus::Document>& labelled,
                                      const Codebook& codebook, const std::vector<int>& fold,
                                      const TrainOptions& options);

// The fold of each document as CrossValidate deals them: per label (labels in order of first
// appearance), a shuffle seeded by `seed`, then round-robin over the folds, continuing the deal
// across labels so fold sizes differ by at most one. Lets a peer (e.g. fastText) be evaluated on
// exactly the same folds.
std::vector<int> StratifiedFolds(const std::vector<std::string>& labels, int folds, int seed);

// Scores any classifier (e.g. the codebook model) on labelled documents, as EvaluatePredictions.
// Error when a document has no label.
Result<Evaluation> EvaluateClassifier(const Classifier& classifier,
                                      const std::vector<corpus::Document>& labelled, int seed = 42);

// Uncertainty sampling: indices of the (at most) n predictions with the smallest margin between
// their two highest scores, smallest margin first; ties keep input order.
std::vector<std::size_t> LeastCertain(const std::vector<Prediction>& predictions, std::size_t n);

}  // namespace framescope::classify
