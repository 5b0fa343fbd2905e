// Shared plumbing of the subcommands: the study option, output formats, progress lines and
// error reporting. Only cli/ prints to the terminal.
#pragma once

#include <CLI/CLI.hpp>

#include <chrono>
#include <functional>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "framescope/corpus/result.h"
#include "framescope/corpus/study.h"

namespace framescope::cli {

constexpr int kExitOk = 0;
constexpr int kExitRuntime = 1;
constexpr int kExitUsage = 2;

enum class Format { kTable, kJson, kJsonl, kCsv };

struct Context {
  std::string study = ".";
  std::string format;  // "" = table on a terminal, jsonl otherwise
  std::function<int()> run;
};

// Registers one subcommand on `app`; its callback stores the action in ctx.run.
using Registrar = void (*)(CLI::App& app, Context& ctx);

// Adds --format to a subcommand.
void AddFormatOption(CLI::App* cmd, Context& ctx);
Format ResolveFormat(const Context& ctx);

// Opens the study named by --study, or prints the error and returns nullopt.
std::optional<corpus::Study> OpenStudy(const Context& ctx);

int ReportError(const Error& e);  // prints "framescope: error: ..." and returns the exit code
void Warn(const std::string& message);

bool StderrIsTerminal();
bool StdoutIsTerminal();

// A one-line progress display on stderr (count, rate, ETA), redrawn at most 5 times a second;
// silent when stderr is not a terminal.
class ProgressLine {
 public:
  explicit ProgressLine(std::string label);
  ~ProgressLine();
  void Update(std::size_t done, std::size_t total, const std::string& extra = "");
  void Finish();

 private:
  std::string label_;
  bool enabled_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

// Prints rows as an aligned table (UTF-8 aware widths; CJK counts double).
void PrintTable(const std::vector<std::string>& header,
                const std::vector<std::vector<std::string>>& rows, std::ostream& out);
std::size_t DisplayWidth(const std::string& s);
std::string Truncate(const std::string& s, std::size_t width);

// Adds --index PATH (a Xapian database or stub file instead of the study's index).
void AddIndexOption(CLI::App* cmd, std::string& path);

// Adds --format for the table writers of the report module (table, csv, json, markdown), and
// resolves it: as given, else table on a terminal and csv when piped.
void AddTableFormatOption(CLI::App* cmd, std::string& format);
std::string ResolveTableFormat(const std::string& format);

// Resolves the index to open: --index PATH if given, else STUDY/index.
std::string IndexPath(const corpus::Study& study, const std::string& override_path);

}  // namespace framescope::cli
