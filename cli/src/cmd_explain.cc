#include "commands.h"
#include "framescope/classify/classify.h"
#include "framescope/corpus/text.h"
#include "framescope/index/index.h"
#include "model_loader.h"

namespace framescope::cli {

void RegisterExplain(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("explain", "Why a document got its frame: scores, sentences, cues");
  cmd->footer("Example:\n  framescope explain 3f2a9c1d0b7e4a55");
  AddStudyOption(cmd, ctx);
  static std::string id, model;
  cmd->add_option("ID", id, "Document id (from search)")->required();
  cmd->add_option("--model", model, "Model file (default: the study's or the bundled one)");
  cmd->callback([&ctx] {
    ctx.run = [&ctx] {
      auto study = OpenStudy(ctx);
      if (!study) return kExitRuntime;
      auto searcher = index::Searcher::Open(study->index_dir());
      if (!searcher) return ReportError(searcher.error());
      auto doc = (*searcher)->Get(id);
      if (!doc) return ReportError(doc.error());
      auto clf = LoadClassifier(*study, model);
      if (!clf) return ReportError(clf.error());
      auto p = clf->Predict(*doc);
      std::cout << doc->title << "\n" << doc->outlet << ", " << doc->published << ", " << doc->url
                << "\n\nlabel: " << p.label << "   (" << clf->Describe() << ")\nscores:";
      for (const auto& [f, s] : p.scores) {
        char buf[32];
        std::snprintf(buf, sizeof buf, " %s %.3f", f.c_str(), s);
        std::cout << buf;
      }
      std::cout << "\n\nevidence (cue, frame, voice):\n";
      const auto& sentences = p.sentences;  // CueHit::sentence indexes this list
      std::size_t last = static_cast<std::size_t>(-1);
      for (const auto& c : p.cues) {
        if (c.sentence != last && c.sentence < sentences.size()) {
          std::cout << "\n  «" << sentences[c.sentence] << "»\n";
          last = c.sentence;
        }
        char buf[64];
        std::snprintf(buf, sizeof buf, "%+.2f", c.weight);
        std::cout << "    - \"" << c.cue << "\" → " << c.frame << ", " << classify::VoiceName(c.voice)
                  << " voice, weight " << buf << "\n";
      }
      if (p.cues.empty()) std::cout << "  (no codebook cues found)\n";
      return kExitOk;
    };
  });
}

}  // namespace framescope::cli
