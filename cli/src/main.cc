// framescope: the command-line program. Each subcommand lives in cmd_<name>.cc; this file only
// registers them, parses the command line and maps errors to exit codes
// (0 ok, 1 runtime error, 2 usage error).
#include <CLI/CLI.hpp>

#include <iostream>

#include "commands.h"
#include "common.h"

int main(int argc, char** argv) {
  using namespace framescope::cli;
  CLI::App app{"Framescope: crawl, archive, classify and search news coverage for framing research",
               "framescope"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("framescope ") + kVersion);
  app.footer(
      "Examples:\n"
      "  framescope demo --study demo-study      # the whole pipeline on the bundled demo site\n"
      "  framescope init mystudy && cd mystudy   # start a study of your own\n"
      "Run 'framescope COMMAND --help' for a command's options and an example.");
  Context ctx;
  for (Registrar r : AllCommands()) r(app, ctx);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "framescope: error: " << e.what() << "\n";
    std::cerr << "Run 'framescope --help' or 'framescope COMMAND --help'.\n";
    return kExitUsage;
  }
  if (!ctx.run) return kExitUsage;
  try {
    return ctx.run();
  } catch (const std::exception& e) {
    std::cerr << "framescope: error: " << e.what() << "\n";
    return kExitRuntime;
  }
}
