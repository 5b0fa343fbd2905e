#include "commands.h"
#include "framescope/index/index.h"
#include "framescope/report/keyness.h"

namespace framescope::cli {

void RegisterKeyness(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("keyness", "Words that mark one sub-corpus against another (log-likelihood)");
  cmd->footer("Example:\n  framescope keyness --a 'frame:alarmist' --b 'frame:balanced' --top 15\n"
              "  framescope keyness --a 'lang:zh' --b 'lang:en' --format markdown");
  AddStudyOption(cmd, ctx);
  struct Opts {
    std::string a, b, index, format;
    std::size_t min_freq = 3, top = 20;
  };
  static Opts o;
  cmd->add_option("--a", o.a, "Query for corpus A")->required();
  cmd->add_option("--b", o.b, "Query for corpus B")->required();
  cmd->add_option("--min-freq", o.min_freq, "Minimum frequency of a term in A+B");
  cmd->add_option("--top", o.top, "Terms per side");
  AddIndexOption(cmd, o.index);
  AddTableFormatOption(cmd, o.format);
  cmd->callback([&ctx] {
    ctx.run = [&ctx] {
      auto study = OpenStudy(ctx);
      if (!study) return kExitRuntime;
      auto searcher = index::Searcher::Open(IndexPath(*study, o.index));
      if (!searcher) return ReportError(searcher.error());
      auto a = (*searcher)->Documents(o.a, false, true);
      if (!a) return ReportError(a.error());
      auto b = (*searcher)->Documents(o.b, false, true);
      if (!b) return ReportError(b.error());
      std::vector<std::string> ta, tb;
      for (const auto& d : *a) ta.push_back(d.title + "\n\n" + d.text);
      for (const auto& d : *b) tb.push_back(d.title + "\n\n" + d.text);
      auto rows = report::Keyness(ta, tb, o.min_freq, o.top);
      // The report writers keep numbers numeric: a negative log ratio must not become the text
      // "'-1.58" (which the generic CSV path does, as formula neutralisation).
      const std::string f = ResolveTableFormat(o.format);
      if (f == "csv") report::WriteKeynessCsv(rows, std::cout);
      else if (f == "json") report::WriteKeynessJson(rows, std::cout);
      else if (f == "markdown") report::WriteKeynessMarkdown(rows, std::cout);
      else report::WriteKeynessTable(rows, std::cout);
      return kExitOk;
    };
  });
}

}  // namespace framescope::cli
