#include <nlohmann/json.hpp>

#include "commands.h"
#include "framescope/index/index.h"
#include "output.h"

namespace framescope::cli {

void RegisterFacets(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("facets", "Count matching documents by a field");
  cmd->footer("Example:\n  framescope facets '\"social credit\"' --by outlet\n"
              "  framescope facets '*' --by frame --format json");
  AddStudyOption(cmd, ctx);
  AddFormatOption(cmd, ctx);
  struct Opts {
    std::string query, by, index;
    bool dedup = false;
  };
  static Opts o;
  cmd->add_option("QUERY", o.query, "The query ('*' for everything)")->required();
  cmd->add_option("--by", o.by, "outlet, language, country, type, frame, year or author")->required();
  AddIndexOption(cmd, o.index);
  cmd->add_flag("--dedup", o.dedup, "Count a syndication cluster once");
  cmd->callback([&ctx] {
    ctx.run = [&ctx] {
      auto field = index::ParseField(o.by);
      if (!field) return ReportError({ErrorCode::kUsage, "--by " + o.by + ": not a field"});
      auto study = OpenStudy(ctx);
      if (!study) return kExitRuntime;
      auto searcher = index::Searcher::Open(IndexPath(*study, o.index));
      if (!searcher) return ReportError(searcher.error());
      auto counts = (*searcher)->Facets(o.query, *field, o.dedup);
      if (!counts) return ReportError(counts.error());
      Format f = ResolveFormat(ctx);
      if (f == Format::kJson || f == Format::kJsonl) {
        nlohmann::json j = {{"counts", *counts}};
        std::cout << j.dump(f == Format::kJson ? 2 : -1) << "\n";
        return kExitOk;
      }
      std::vector<std::pair<std::string, std::size_t>> sorted(counts->begin(), counts->end());
      std::stable_sort(sorted.begin(), sorted.end(),
                       [](const auto& a, const auto& b) { return a.second > b.second; });
      std::vector<std::vector<std::string>> rows;
      for (const auto& [k, v] : sorted) rows.push_back({k, std::to_string(v)});
      PrintRecords({o.by, "count"}, rows, f, std::cout);
      return kExitOk;
    };
  });
}

}  // namespace framescope::cli
