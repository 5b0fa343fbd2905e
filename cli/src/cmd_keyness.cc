#include "commands.h"
#include "framescope/index/index.h"
#include "framescope/report/keyness.h"
#include "output.h"

namespace framescope::cli {

void RegisterKeyness(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("keyness", "Words that mark one sub-corpus against another (log-likelihood)");
  cmd->footer("Example:\n  framescope keyness --a 'frame:alarmist' --b 'frame:balanced' --top 15");
  AddStudyOption(cmd, ctx);
  AddFormatOption(cmd, ctx);
  struct Opts {
    std::string a, b, index;
    std::size_t min_freq = 3, top = 20;
  };
  static Opts o;
  cmd->add_option("--a", o.a, "Query for corpus A")->required();
  cmd->add_option("--b", o.b, "Query for corpus B")->required();
  cmd->add_option("--min-freq", o.min_freq, "Minimum frequency of a term in A+B");
  cmd->add_option("--top", o.top, "Terms per side");
  cmd->add_option("--index", o.index, "A Xapian database or stub file instead of the study's index");
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
      std::vector<std::vector<std::string>> out;
      for (const auto& r : rows) {
        char ll[32], lr[32];
        std::snprintf(ll, sizeof ll, "%.2f", r.log_likelihood);
        std::snprintf(lr, sizeof lr, "%.2f", r.log_ratio);
        out.push_back({r.term, std::to_string(r.freq_a), std::to_string(r.freq_b),
                       std::to_string(r.size_a), std::to_string(r.size_b), ll, lr});
      }
      PrintRecords({"term", "freq_a", "freq_b", "size_a", "size_b", "log_likelihood", "log_ratio"},
                   out, ResolveFormat(ctx), std::cout);
      return kExitOk;
    };
  });
}

}  // namespace framescope::cli
