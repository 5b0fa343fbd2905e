#include <filesystem>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "framescope/crawler/extract.h"
#include "framescope/crawler/warc.h"

namespace framescope::cli {

void RegisterExtract(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("extract", "Show what the extractor gets from HTML pages");
  cmd->footer("Example:\n  framescope extract --url https://news.example/a.html page.html\n"
              "One page prints JSON; several print JSONL.");
  AddStudyOption(cmd, ctx);
  static std::string url;
  static std::vector<std::string> paths;
  cmd->add_option("--url", url, "The URL the page was fetched from (for dates and links)");
  cmd->add_option("PATH", paths, "HTML files (gzip allowed)")->required();
  cmd->callback([] {
    // Intentionally does not need a study.
  });
  cmd->final_callback([&ctx] {
    ctx.run = [] {
      int rc = kExitOk;
      for (const auto& p : paths) {
        auto bytes = corpus::ReadFile(p);
        if (!bytes) {
          rc = ReportError(bytes.error());
          continue;
        }
        std::string html = *bytes;
        if (html.size() > 2 && static_cast<unsigned char>(html[0]) == 0x1f &&
            static_cast<unsigned char>(html[1]) == 0x8b) {
          auto inflated = crawler::Inflate(html, 256u << 20);
          if (!inflated) {
            rc = ReportError(WithContext(inflated.error(), p));
            continue;
          }
          html = std::move(*inflated);
        }
        crawler::ExtractInput in;
        in.html = html;
        in.url = url.empty() ? "file://" + std::filesystem::absolute(p).string() : url;
        auto ex = crawler::ExtractArticle(in);
        if (!ex) {
          rc = ReportError(ex.error());
          continue;
        }
        const auto& d = ex->doc;
        nlohmann::json j = {{"text", d.text},          {"title", d.title},
                            {"authors", d.authors},    {"published", d.published},
                            {"modified", d.modified},  {"language", d.language},
                            {"canonical_url", d.canonical_url}, {"site_name", d.site_name},
                            {"description", d.description},     {"section", d.section},
                            {"charset", ex->charset},  {"date_source", ex->date_source},
                            {"is_article", ex->is_article}, {"page_kind", ex->page_kind},
                            {"path", p}};
        std::cout << j.dump(paths.size() == 1 ? 2 : -1, ' ', false,
                            nlohmann::json::error_handler_t::replace)
                  << "\n";
      }
      return rc;
    };
  });
}

}  // namespace framescope::cli
