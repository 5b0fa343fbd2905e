#include "commands.h"
#include "framescope/index/index.h"
#include "framescope/report/cite.h"

namespace framescope::cli {

void RegisterCite(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("cite", "Cite documents, with their archived copy");
  cmd->footer("Examples:\n  framescope cite 3f2a9c1d0b7e4a55 --style apa\n"
              "  framescope cite 3f2a9c1d0b7e4a55 --style csl-json > refs.json\n"
              "  framescope cite 3f2a9c1d0b7e4a55 --quote \"no single score\"");
  AddStudyOption(cmd, ctx);
  struct Opts {
    std::vector<std::string> ids;
    std::string style = "apa", quote, index;
  };
  static Opts o;
  cmd->add_option("ID", o.ids, "Document ids")->required();
  cmd->add_option("--style", o.style, "apa, chicago, mla, bibtex, ris or csl-json")
      ->check(CLI::IsMember({"apa", "chicago", "mla", "bibtex", "ris", "csl-json"}));
  cmd->add_option("--quote", o.quote, "Find this passage in the archived text and give its place");
  AddIndexOption(cmd, o.index);
  cmd->callback([&ctx] {
    ctx.run = [&ctx] {
      auto study = OpenStudy(ctx);
      if (!study) return kExitRuntime;
      auto searcher = index::Searcher::Open(IndexPath(*study, o.index));
      if (!searcher) return ReportError(searcher.error());
      std::vector<corpus::Document> docs;
      for (const auto& id : o.ids) {
        auto d = (*searcher)->Get(id);
        if (!d) return ReportError(d.error());
        docs.push_back(std::move(*d));
      }
      auto style = report::ParseCiteStyle(o.style);
      if (*style == report::CiteStyle::kCslJson) {
        std::cout << report::CslJson(docs) << "\n";
      } else {
        for (const auto& d : docs) std::cout << report::Cite(d, *style) << "\n";
      }
      if (!o.quote.empty()) {
        for (const auto& d : docs) {
          auto q = report::LocateQuote(d, o.quote);
          if (!q) return ReportError(q.error());
          std::cout << "\nQuote found in " << d.id << ", sentence " << q->sentence_number
                    << " (character " << q->char_offset << "):\n  «" << q->sentence << "»\n"
                    << "Archived copy: " << d.archive.file << " " << d.archive.record_id << " ("
                    << d.archive.captured << ", " << d.archive.digest << ")\n";
        }
      }
      return kExitOk;
    };
  });
}

}  // namespace framescope::cli
