#include "commands.h"
#include "framescope/index/index.h"
#include "output.h"

namespace framescope::cli {

void RegisterKwic(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("kwic", "Keywords in context: every occurrence with its surroundings");
  cmd->footer("Example:\n  framescope kwic '\"social credit\"' --width 40\n  framescope kwic 失信被执行人");
  AddStudyOption(cmd, ctx);
  AddFormatOption(cmd, ctx);
  struct Opts {
    std::string query, index;
    std::size_t width = 40, limit = 100;
  };
  static Opts o;
  cmd->add_option("QUERY", o.query, "Word or phrase (with optional filters)")->required();
  cmd->add_option("--width", o.width, "Characters of context on each side");
  cmd->add_option("--limit", o.limit, "Maximum number of lines");
  AddIndexOption(cmd, o.index);
  cmd->callback([&ctx] {
    ctx.run = [&ctx] {
      auto study = OpenStudy(ctx);
      if (!study) return kExitRuntime;
      auto searcher = index::Searcher::Open(IndexPath(*study, o.index));
      if (!searcher) return ReportError(searcher.error());
      auto lines = (*searcher)->Kwic(o.query, o.width, o.limit);
      if (!lines) return ReportError(lines.error());
      Format f = ResolveFormat(ctx);
      if (f == Format::kTable) {
        for (const auto& l : *lines) {
          std::string left = l.left;
          std::size_t w = DisplayWidth(left);
          std::cout << l.id << "  " << std::string(w < o.width ? o.width - w : 0, ' ') << left
                    << " [" << l.match << "] " << l.right << "\n";
        }
        return kExitOk;
      }
      std::vector<std::vector<std::string>> rows;
      for (const auto& l : *lines) rows.push_back({l.id, l.left, l.match, l.right});
      PrintRecords({"id", "left", "match", "right"}, rows, f, std::cout);
      return kExitOk;
    };
  });
}

}  // namespace framescope::cli
