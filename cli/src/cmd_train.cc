#include "commands.h"
#include "framescope/classify/classify.h"
#include "labelled.h"
#include "model_loader.h"

namespace framescope::cli {

void RegisterTrain(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("train", "Train a framing classifier from labelled JSONL");
  cmd->footer(
      "Example:\n  framescope train data/labelled/*.jsonl --out models/mine.json\n"
      "Labelled JSONL: one object per line with id, language, title, text, label.");
  AddStudyOption(cmd, ctx);
  struct Opts {
    std::vector<std::string> inputs;
    std::string codebook;
    std::string out = "model.json";
    int seed = 42;
    int folds = 5;
  };
  static Opts o;
  cmd->add_option("LABELLED", o.inputs, "Labelled JSONL files")->required();
  cmd->add_option("--codebook", o.codebook,
                  "Codebook TOML (default: the study's when there is one, else the bundled one)");
  cmd->add_option("--out", o.out, "Where to write the model");
  cmd->add_option("--seed", o.seed, "Random seed (training is deterministic for a seed)");
  cmd->add_option("--folds", o.folds,
                  "Cross-validate with this many stratified folds (same seed) and store the "
                  "evaluation in the model file; 0 to skip")
      ->check(CLI::Validator(
          [](std::string& v) -> std::string {
            return v == "0" || CLI::Range(2, 50)(v).empty() ? "" : "0 or 2 to 50 folds";
          },
          "0 or 2-50"));
  cmd->callback([&ctx] {
    ctx.run = [&ctx] {
      auto docs = ReadLabelled(o.inputs);
      if (!docs) return ReportError(docs.error());
      auto cb = LoadCodebookFor(ctx.study, o.codebook);
      if (!cb) return ReportError(cb.error());
      classify::TrainOptions opts;
      opts.seed = o.seed;
      auto model = classify::Train(*docs, *cb, opts);
      if (!model) return ReportError(model.error());
      if (o.folds > 0) {
        auto ev = classify::CrossValidate(*docs, *cb, o.folds, opts);
        if (!ev) return ReportError(ev.error());
        model->SetEvaluation(*ev);
        std::fprintf(stderr,
                     "train: %d-fold cross-validation: accuracy %.3f, macro-F1 %.3f, alpha %.3f\n",
                     o.folds, ev->accuracy, ev->macro_f1, ev->alpha);
      }
      if (auto s = model->Save(o.out); !s) return ReportError(s.error());
      std::cerr << "train: " << model->Describe() << " written to " << o.out << "\n";
      return kExitOk;
    };
  });
}

}  // namespace framescope::cli
