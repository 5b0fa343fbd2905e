#include <filesystem>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "framescope/classify/classify.h"
#include "framescope/corpus/document.h"
#include "framescope/index/index.h"
#include "model_loader.h"

namespace framescope::cli {

void RegisterClassify(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("classify", "Tag documents with frames (the index, or --input JSONL)");
  cmd->footer("Examples:\n  framescope classify --input articles.jsonl > tagged.jsonl   # no study needed\n"
              "  framescope classify --study mystudy --model models/mine.json       # re-tag the index");
  AddStudyOption(cmd, ctx);
  struct Opts {
    std::string model, input;
  };
  static Opts o;
  cmd->add_option("--model", o.model, "Model file (default: the study's or the bundled one)");
  cmd->add_option("--input", o.input, "JSONL documents to classify; writes JSONL to stdout");
  cmd->callback([&ctx] {
    ctx.run = [&ctx]() -> int {
      if (!o.input.empty()) {
        auto cb = LoadCodebook(nullptr);
        if (!cb) return ReportError(cb.error());
        Result<classify::Classifier> clf = o.model.empty()
            ? [&]() -> Result<classify::Classifier> {
                std::string bundled = corpus::DataDir() + "/models/default.json";
                if (std::filesystem::exists(bundled)) return classify::Classifier::Load(bundled, &*cb);
                return classify::Classifier::FromCodebook(std::move(*cb));
              }()
            : classify::Classifier::Load(o.model, &*cb);
        if (!clf) return ReportError(clf.error());
        std::size_t bad = 0;
        auto n = corpus::ReadJsonl(
            o.input,
            [&](corpus::Document&& d) {
              auto p = clf->Predict(d);
              d.frame = p.label;
              d.scores = p.scores;
              std::cout << corpus::ToJson(d) << "\n";
            },
            [&](const Error& e) {
              Warn(e.message + " (skipped)");
              ++bad;
            });
        if (!n) return ReportError(n.error());
        std::cerr << "classify: " << *n << " documents, " << bad << " bad lines skipped\n";
        return kExitOk;
      }
      auto study = OpenStudy(ctx);
      if (!study) return kExitRuntime;
      auto clf = LoadClassifier(*study, o.model);
      if (!clf) return ReportError(clf.error());
      std::vector<corpus::Document> docs;
      {
        auto searcher = index::Searcher::Open(study->index_dir());
        if (!searcher) return ReportError(searcher.error());
        auto all = (*searcher)->Documents("*", false, true);
        if (!all) return ReportError(all.error());
        docs = std::move(*all);
      }
      auto writer = index::IndexWriter::Open(study->index_dir());
      if (!writer) return ReportError(writer.error());
      ProgressLine progress("classify");
      std::map<std::string, std::size_t> frames;
      for (std::size_t i = 0; i < docs.size(); ++i) {
        auto p = clf->Predict(docs[i]);
        if (auto s = (*writer)->SetFrame(docs[i].id, p.label, p.scores); !s) return ReportError(s.error());
        ++frames[p.label];
        progress.Update(i + 1, docs.size());
      }
      if (auto s = (*writer)->Commit(); !s) return ReportError(s.error());
      progress.Finish();
      std::cerr << "classify: " << docs.size() << " documents re-tagged with " << clf->Describe() << ":";
      for (const auto& [f, n] : frames) std::cerr << " " << f << " " << n;
      std::cerr << "\n";
      return kExitOk;
    };
  });
}

}  // namespace framescope::cli
