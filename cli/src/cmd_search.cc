#include <nlohmann/json.hpp>

#include "commands.h"
#include "framescope/index/index.h"
#include "framescope/report/csv.h"
#include "output.h"

namespace framescope::cli {

void RegisterSearch(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("search", "Search the index");
  cmd->footer(
      "Examples:\n  framescope search '\"black mirror\" AND lang:en' --limit 5\n"
      "  framescope search 'frame:alarmist date:2018..2019' --sort date --format csv\n"
      "Query language: words, \"phrases\", AND/OR/NOT, NEAR, word*, title: outlet: lang: "
      "country: type: frame: author:, date:FROM..TO, * for everything.");
  AddStudyOption(cmd, ctx);
  AddFormatOption(cmd, ctx);
  struct Opts {
    std::string query, sort = "relevance", index;
    std::size_t limit = 10;
    bool dedup = false;
  };
  static Opts o;
  cmd->add_option("QUERY", o.query, "The query")->required();
  cmd->add_option("--limit", o.limit, "Number of hits");
  cmd->add_option("--sort", o.sort, "relevance or date")->check(CLI::IsMember({"relevance", "date"}));
  AddIndexOption(cmd, o.index);
  cmd->add_flag("--dedup", o.dedup, "Show one document per syndication cluster");
  cmd->callback([&ctx] {
    ctx.run = [&ctx] {
      auto study = OpenStudy(ctx);
      if (!study) return kExitRuntime;
      auto searcher = index::Searcher::Open(IndexPath(*study, o.index));
      if (!searcher) return ReportError(searcher.error());
      index::SearchOptions so;
      so.limit = o.limit;
      so.sort_by_date = o.sort == "date";
      so.dedup = o.dedup;
      auto res = (*searcher)->Search(o.query, so);
      if (!res) return ReportError(res.error());
      PrintHits(*res, ResolveFormat(ctx), std::cout);
      return kExitOk;
    };
  });
}

}  // namespace framescope::cli
