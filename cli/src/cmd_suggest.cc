#include "commands.h"
#include "framescope/classify/classify.h"
#include "framescope/index/index.h"
#include "model_loader.h"
#include "output.h"

namespace framescope::cli {

void RegisterSuggest(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("suggest", "The documents the model is least sure about: code these next");
  cmd->footer("Example:\n  framescope suggest --n 20 --format jsonl > to_code.jsonl");
  AddStudyOption(cmd, ctx);
  AddFormatOption(cmd, ctx);
  static std::size_t n = 10;
  static std::string model;
  cmd->add_option("--n", n, "How many documents");
  cmd->add_option("--model", model, "Model file (default: the study's or the bundled one)");
  cmd->callback([&ctx] {
    ctx.run = [&ctx] {
      auto study = OpenStudy(ctx);
      if (!study) return kExitRuntime;
      auto searcher = index::Searcher::Open(study->index_dir());
      if (!searcher) return ReportError(searcher.error());
      auto docs = (*searcher)->Documents("*", false, true);
      if (!docs) return ReportError(docs.error());
      auto clf = LoadClassifier(*study, model);
      if (!clf) return ReportError(clf.error());
      std::vector<classify::Prediction> preds;
      for (const auto& d : *docs) preds.push_back(clf->Predict(d));
      auto pick = classify::LeastCertain(preds, n);
      std::vector<std::vector<std::string>> rows;
      for (std::size_t i : pick) {
        const auto& d = (*docs)[i];
        std::string scores;
        for (const auto& [f, s] : preds[i].scores) {
          char buf[48];
          std::snprintf(buf, sizeof buf, "%s%s %.2f", scores.empty() ? "" : ", ", f.c_str(), s);
          scores += buf;
        }
        rows.push_back({d.id, d.language, d.outlet, preds[i].label, scores, d.title});
      }
      PrintRecords({"id", "language", "outlet", "label", "scores", "title"}, rows,
                   ResolveFormat(ctx), std::cout);
      return kExitOk;
    };
  });
}

}  // namespace framescope::cli
