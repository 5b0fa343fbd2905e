#include "commands.h"
#include "framescope/index/index.h"
#include "framescope/report/collocates.h"

namespace framescope::cli {

void RegisterCollocates(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand(
      "collocates", "Words that keep company with a word: log-likelihood and mutual information");
  cmd->footer("Examples:\n  framescope collocates credit --window 5\n"
              "  framescope collocates 'social credit' --in 'lang:en' --top 20\n"
              "  framescope collocates 信用 --in 'lang:zh' --format csv > collocates.csv");
  AddStudyOption(cmd, ctx);
  struct Opts {
    std::string word, in = "*", index, format;
    std::size_t window = 5, min_freq = 3, top = 30;
    bool dedup = false;
  };
  static Opts o;
  cmd->add_option("WORD", o.word, "The node: a word or a phrase (matched as consecutive words)")
      ->required();
  cmd->add_option("--window", o.window, "Words on each side of the node (default 5)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{50}));
  cmd->add_option("--in", o.in, "Which documents make up the corpus ('*' = all)");
  cmd->add_option("--min-freq", o.min_freq, "Minimum co-occurrences in the windows (default 3)");
  cmd->add_option("--top", o.top, "Number of collocates, strongest first (0 = all; default 30)");
  cmd->add_flag("--dedup", o.dedup, "Count a syndication cluster once");
  AddIndexOption(cmd, o.index);
  AddTableFormatOption(cmd, o.format);
  cmd->callback([&ctx] {
    ctx.run = [&ctx] {
      auto study = OpenStudy(ctx);
      if (!study) return kExitRuntime;
      auto searcher = index::Searcher::Open(IndexPath(*study, o.index));
      if (!searcher) return ReportError(searcher.error());
      // The whole corpus, not only documents holding the node: corpus size and word frequencies
      // are part of the statistics.
      auto docs = (*searcher)->Documents(o.in, o.dedup, true);
      if (!docs) return ReportError(docs.error());
      std::vector<std::string> texts;
      texts.reserve(docs->size() * 2);
      for (const auto& d : *docs) {
        // Title and body apart, so that no window runs from the headline into the first line.
        texts.push_back(d.title);
        texts.push_back(d.text);
      }
      auto rows = report::Collocates(texts, o.word, o.window, o.min_freq, o.top);
      if (!rows) return ReportError(rows.error());
      const std::string f = ResolveTableFormat(o.format);
      if (f == "csv") report::WriteCollocatesCsv(*rows, std::cout);
      else if (f == "json") report::WriteCollocatesJson(*rows, std::cout);
      else if (f == "markdown") report::WriteCollocatesMarkdown(*rows, std::cout);
      else report::WriteCollocatesTable(*rows, std::cout);
      if (rows->empty()) {
        Warn("collocates: no word keeps company with \"" + o.word + "\" at least " +
             std::to_string(o.min_freq) + " times within " + std::to_string(o.window) +
             " words in " + std::to_string(docs->size()) + " document(s)");
      }
      return kExitOk;
    };
  });
}

}  // namespace framescope::cli
