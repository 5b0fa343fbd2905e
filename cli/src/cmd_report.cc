#include <fstream>

#include "commands.h"
#include "report_builder.h"

namespace framescope::cli {

void RegisterReport(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("report", "Write a self-contained HTML report (chart, tables, evidence, manifest)");
  cmd->footer("Example:\n  framescope report 'lang:en OR lang:de' --out reports/western.html --group outlet");
  AddStudyOption(cmd, ctx);
  static ReportRequest req;
  static std::string out;
  cmd->add_option("QUERY", req.query, "Which documents ('*' = all)");
  cmd->add_option("--out", out, "HTML file to write")->required();
  cmd->add_option("--by", req.by, "year, quarter, month or week")
      ->check(CLI::IsMember({"year", "quarter", "month", "week"}));
  cmd->add_option("--group", req.group, "outlet, language, country or type")
      ->check(CLI::IsMember({"outlet", "language", "country", "type"}));
  AddIndexOption(cmd, req.index);
  cmd->add_flag("--dedup", req.dedup, "Count a syndication cluster once");
  cmd->add_flag("--normalize", req.normalize, "Shares of all coverage of each period");
  cmd->callback([&ctx] {
    ctx.run = [&ctx] {
      auto study = OpenStudy(ctx);
      if (!study) return kExitRuntime;
      auto in = BuildReport(*study, req);
      if (!in) return ReportError(in.error());
      std::ofstream f(out + ".tmp", std::ios::binary);
      if (!f) return ReportError({ErrorCode::kIo, out + ": cannot write"});
      report::WriteHtmlReport(*in, f);
      f.close();
      std::rename((out + ".tmp").c_str(), out.c_str());
      std::cerr << "report: " << in->docs.size() << " documents, written to " << out << "\n";
      return kExitOk;
    };
  });
}

}  // namespace framescope::cli
