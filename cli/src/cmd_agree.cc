#include <nlohmann/json.hpp>

#include "commands.h"
#include "framescope/classify/classify.h"
#include "labelled.h"

namespace framescope::cli {

void RegisterAgree(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("agree", "Agreement between human coders (Krippendorff's alpha, Cohen's kappa)");
  cmd->footer("Example:\n  framescope agree coder_anna.jsonl coder_ben.jsonl\n"
              "Each file: JSONL with id and label (one file per coder; missing units allowed).");
  AddStudyOption(cmd, ctx);
  static std::vector<std::string> files;
  cmd->add_option("CODER", files, "One labelled JSONL file per coder")->required()->expected(2, -1);
  cmd->callback([&ctx] {
    ctx.run = [] {
      std::vector<std::map<std::string, std::string>> coders;
      for (const auto& f : files) {
        auto docs = ReadLabelled({f});
        if (!docs) return ReportError(WithContext(docs.error(), f));
        std::map<std::string, std::string> labels;
        for (const auto& d : *docs) labels[d.id] = d.frame;
        coders.push_back(std::move(labels));
      }
      auto a = classify::ComputeAgreement(coders);
      if (!a) return ReportError(a.error());
      nlohmann::json j = {{"krippendorff_alpha", a->krippendorff_alpha}, {"units", a->units}};
      if (a->cohen_kappa) j["cohen_kappa"] = *a->cohen_kappa;
      std::cout << j.dump(2) << "\n";
      return kExitOk;
    };
  });
}

}  // namespace framescope::cli
