#include "commands.h"

namespace framescope::cli {

void RegisterInit(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("init", "Create a study folder");
  cmd->footer("Example:\n  framescope init social-credit-study");
  static std::string dir;
  cmd->add_option("STUDY", dir, "Folder to create")->required();
  cmd->callback([&ctx] {
    ctx.run = [] {
      auto s = corpus::Study::Init(dir);
      if (!s) return ReportError(s.error());
      std::cout << "Created study " << dir << "\n"
                << "  edit " << s->config_path() << " (seeds, politeness) and " << s->sources_path()
                << " (outlets)\n  then: framescope crawl --study " << dir << "\n";
      return kExitOk;
    };
  });
}

}  // namespace framescope::cli
