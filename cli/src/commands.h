// The list of subcommands (DESIGN.md "The command line"), one Register function per cmd_*.cc.
#pragma once

#include <vector>

#include "common.h"

namespace framescope::cli {

inline constexpr const char* kVersion = "0.1.0";

void RegisterInit(CLI::App&, Context&);
void RegisterCrawl(CLI::App&, Context&);
void RegisterImport(CLI::App&, Context&);
void RegisterIndex(CLI::App&, Context&);
void RegisterExtract(CLI::App&, Context&);
void RegisterSearch(CLI::App&, Context&);
void RegisterKwic(CLI::App&, Context&);
void RegisterFacets(CLI::App&, Context&);
void RegisterClassify(CLI::App&, Context&);
void RegisterTrain(CLI::App&, Context&);
void RegisterEvaluate(CLI::App&, Context&);
void RegisterExplain(CLI::App&, Context&);
void RegisterAgree(CLI::App&, Context&);
void RegisterSuggest(CLI::App&, Context&);
void RegisterTrend(CLI::App&, Context&);
void RegisterKeyness(CLI::App&, Context&);
void RegisterCollocates(CLI::App&, Context&);
void RegisterReport(CLI::App&, Context&);
void RegisterCite(CLI::App&, Context&);
void RegisterDemo(CLI::App&, Context&);

inline std::vector<Registrar> AllCommands() {
  return {RegisterInit,    RegisterCrawl,   RegisterImport,  RegisterIndex,   RegisterExtract,
          RegisterSearch,  RegisterKwic,    RegisterFacets,  RegisterClassify, RegisterTrain,
          RegisterEvaluate, RegisterExplain, RegisterAgree,  RegisterSuggest, RegisterTrend,
          RegisterKeyness, RegisterCollocates, RegisterReport, RegisterCite,  RegisterDemo};
}

// Adds the --study option shared by every command.
inline void AddStudyOption(CLI::App* cmd, Context& ctx) {
  cmd->add_option("--study", ctx.study, "Study folder (default: the current folder)");
}

}  // namespace framescope::cli
