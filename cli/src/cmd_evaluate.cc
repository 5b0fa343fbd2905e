#include "commands.h"
#include "framescope/classify/classify.h"
#include "labelled.h"
#include "model_loader.h"

namespace framescope::cli {

void RegisterEvaluate(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("evaluate", "Cross-validate the classifier on labelled JSONL");
  cmd->footer("Example:\n  framescope evaluate data/labelled/*.jsonl --folds 5");
  AddStudyOption(cmd, ctx);
  AddFormatOption(cmd, ctx);
  struct Opts {
    std::vector<std::string> inputs;
    std::string codebook;
    int folds = 5, seed = 42;
  };
  static Opts o;
  cmd->add_option("LABELLED", o.inputs, "Labelled JSONL files")->required();
  cmd->add_option("--codebook", o.codebook,
                  "Codebook TOML (default: the study's when there is one, else the bundled one)");
  cmd->add_option("--folds", o.folds, "Number of folds (stratified)")->check(CLI::Range(2, 50));
  cmd->add_option("--seed", o.seed, "Random seed");
  cmd->callback([&ctx] {
    ctx.run = [&ctx] {
      auto docs = ReadLabelled(o.inputs);
      if (!docs) return ReportError(docs.error());
      auto cb = LoadCodebookFor(ctx.study, o.codebook);
      if (!cb) return ReportError(cb.error());
      classify::TrainOptions opts;
      opts.seed = o.seed;
      auto ev = classify::CrossValidate(*docs, *cb, o.folds, opts);
      if (!ev) return ReportError(ev.error());
      if (ResolveFormat(ctx) != Format::kTable) {
        std::cout << classify::EvaluationToJson(*ev) << "\n";
        return kExitOk;
      }
      char buf[256];
      std::snprintf(buf, sizeof buf,
                    "%zu documents, %d folds\naccuracy %.3f [%.3f, %.3f]  macro-F1 %.3f [%.3f, "
                    "%.3f]  kappa %.3f  alpha %.3f\n\n",
                    ev->n, o.folds, ev->accuracy, ev->accuracy_ci.first, ev->accuracy_ci.second,
                    ev->macro_f1, ev->macro_f1_ci.first, ev->macro_f1_ci.second, ev->kappa,
                    ev->alpha);
      std::cout << buf;
      std::vector<std::vector<std::string>> rows;
      for (const auto& [frame, m] : ev->per_frame) {
        std::snprintf(buf, sizeof buf, "%.3f|%.3f|%.3f", m.precision, m.recall, m.f1);
        std::string s = buf;
        rows.push_back(
            {frame, s.substr(0, 5), s.substr(6, 5), s.substr(12, 5), std::to_string(m.support)});
      }
      PrintTable({"frame", "precision", "recall", "F1", "support"}, rows, std::cout);
      return kExitOk;
    };
  });
}

}  // namespace framescope::cli
