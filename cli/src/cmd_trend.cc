#include "commands.h"
#include "framescope/index/index.h"
#include "framescope/report/trend.h"

namespace framescope::cli {

void RegisterTrend(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("trend", "Frame share over time, by group, with 95% Wilson intervals");
  cmd->footer("Examples:\n  framescope trend --by year --group type\n"
              "  framescope trend 'lang:en' --by quarter --group outlet --format csv > trend.csv\n"
              "  framescope trend '\"social credit\"' --by year --group outlet --normalize");
  AddStudyOption(cmd, ctx);
  struct Opts {
    std::string query = "*", by = "year", group, index, format, coverage;
    bool dedup = false, normalize = false;
  };
  static Opts o;
  cmd->add_option("QUERY", o.query, "Which documents ('*' = all)");
  cmd->add_option("--by", o.by, "year, quarter, month or week")
      ->check(CLI::IsMember({"year", "quarter", "month", "week"}));
  cmd->add_option("--group", o.group, "outlet, language, country or type")
      ->check(CLI::IsMember({"outlet", "language", "country", "type"}));
  AddIndexOption(cmd, o.index);
  AddTableFormatOption(cmd, o.format);
  cmd->add_flag("--dedup", o.dedup, "Count a syndication cluster once");
  cmd->add_flag("--normalize", o.normalize,
                "Divide by all coverage of the period (and group), not by what QUERY matched");
  cmd->add_option("--coverage", o.coverage,
                  "With --normalize: the documents that make up all coverage (default '*', e.g. "
                  "'lang:en date:2018..2020' to match the filters of QUERY)");
  cmd->callback([&ctx] {
    ctx.run = [&ctx] {
      auto study = OpenStudy(ctx);
      if (!study) return kExitRuntime;
      auto searcher = index::Searcher::Open(IndexPath(*study, o.index));
      if (!searcher) return ReportError(searcher.error());
      auto docs = (*searcher)->Documents(o.query, false, false);
      if (!docs) return ReportError(docs.error());
      report::TrendOptions opts;
      opts.by = *corpus::ParseGranularity(o.by);
      opts.group = o.group.empty() ? report::Group::kNone : *report::ParseGroup(o.group);
      opts.dedup = o.dedup;
      if (!o.coverage.empty() && !o.normalize) {
        return ReportError(Error{ErrorCode::kUsage, "trend: --coverage needs --normalize"});
      }
      if (o.normalize) {
        // Metadata only (no text): the denominators are counted the way the trend counts.
        auto all = (*searcher)->Documents(o.coverage.empty() ? "*" : o.coverage, false, false);
        if (!all) return ReportError(all.error());
        opts.normalize_totals = report::CountCoverage(*all, opts);
      }
      auto trend = report::ComputeTrend(*docs, opts);
      const std::string f = ResolveTableFormat(o.format);
      if (f == "csv") report::WriteTrendCsv(trend, o.group.empty() ? "group" : o.group, std::cout);
      else if (f == "json") report::WriteTrendJson(trend, std::cout);
      else if (f == "markdown") report::WriteTrendMarkdown(trend, std::cout);
      else report::WriteTrendTable(trend, std::cout);
      if (trend.undated) std::cerr << "trend: " << trend.undated << " documents without a date left out\n";
      return kExitOk;
    };
  });
}

}  // namespace framescope::cli
