#include "commands.h"
#include "framescope/classify/classify.h"
#include "labelled.h"
#include "model_loader.h"

namespace framescope::cli {

void RegisterTrain(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("train", "Train a framing classifier from labelled JSONL");
  cmd->footer("Example:\n  framescope train data/labelled/*.jsonl --out models/mine.json\n"
              "Labelled JSONL: one object per line with id, language, title, text, label.");
  AddStudyOption(cmd, ctx);
  struct Opts {
    std::vector<std::string> inputs;
    std::string out = "model.json";
    int seed = 42;
  };
  static Opts o;
  cmd->add_option("LABELLED", o.inputs, "Labelled JSONL files")->required();
  cmd->add_option("--out", o.out, "Where to write the model");
  cmd->add_option("--seed", o.seed, "Random seed (training is deterministic for a seed)");
  cmd->callback([&ctx] {
    ctx.run = [] {
      auto docs = ReadLabelled(o.inputs);
      if (!docs) return ReportError(docs.error());
      auto cb = LoadCodebook(nullptr);
      if (!cb) return ReportError(cb.error());
      classify::TrainOptions opts;
      opts.seed = o.seed;
      auto model = classify::Train(*docs, *cb, opts);
      if (!model) return ReportError(model.error());
      if (auto s = model->Save(o.out); !s) return ReportError(s.error());
      std::cerr << "train: " << model->Describe() << " written to " << o.out << "\n";
      return kExitOk;
    };
  });
}

}  // namespace framescope::cli
