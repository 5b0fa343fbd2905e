#include "common.h"

#include <unistd.h>

#include <cstdio>

namespace framescope::cli {

void AddFormatOption(CLI::App* cmd, Context& ctx) {
  cmd->add_option("--format", ctx.format, "Output: table, json, jsonl or csv (table on a terminal)")
      ->check(CLI::IsMember({"table", "json", "jsonl", "csv"}));
}

Format ResolveFormat(const Context& ctx) {
  if (ctx.format == "json") return Format::kJson;
  if (ctx.format == "jsonl") return Format::kJsonl;
  if (ctx.format == "csv") return Format::kCsv;
  if (ctx.format == "table") return Format::kTable;
  return StdoutIsTerminal() ? Format::kTable : Format::kJsonl;
}

std::optional<corpus::Study> OpenStudy(const Context& ctx) {
  auto s = corpus::Study::Open(ctx.study);
  if (!s) {
    ReportError(s.error());
    return std::nullopt;
  }
  return std::move(*s);
}

int ReportError(const Error& e) {
  std::cerr << "framescope: error: " << e.message << "\n";
  return e.code == ErrorCode::kUsage ? kExitUsage : kExitRuntime;
}

void Warn(const std::string& message) { std::cerr << "framescope: warning: " << message << "\n"; }

bool StderrIsTerminal() { return ::isatty(2) == 1; }
bool StdoutIsTerminal() { return ::isatty(1) == 1; }

ProgressLine::ProgressLine(std::string label)
    : label_(std::move(label)), enabled_(StderrIsTerminal()),
      start_(std::chrono::steady_clock::now()), last_() {}

ProgressLine::~ProgressLine() { Finish(); }

void ProgressLine::Update(std::size_t done, std::size_t total, const std::string& extra) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (shown_ && now - last_ < std::chrono::milliseconds(200) && done != total) return;
  last_ = now;
  double secs = std::chrono::duration<double>(now - start_).count();
  double rate = secs > 0 ? double(done) / secs : 0;
  char buf[256];
  std::string eta = "";
  if (total > 0 && rate > 0 && done <= total) {
    double left = double(total - done) / rate;
    char e[32];
    std::snprintf(e, sizeof e, " ETA %d:%02d", int(left) / 60, int(left) % 60);
    eta = e;
  }
  if (total > 0) {
    std::snprintf(buf, sizeof buf, "\r%s %zu/%zu (%.1f/s)%s %s\x1b[K", label_.c_str(), done, total,
                  rate, eta.c_str(), extra.c_str());
  } else {
    std::snprintf(buf, sizeof buf, "\r%s %zu (%.1f/s) %s\x1b[K", label_.c_str(), done, rate,
                  extra.c_str());
  }
  std::cerr << buf << std::flush;
  shown_ = true;
}

void ProgressLine::Finish() {
  if (enabled_ && shown_) std::cerr << "\r\x1b[K" << std::flush;
  shown_ = false;
}

std::size_t DisplayWidth(const std::string& s) {
  std::size_t w = 0;
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
    // Three-byte sequences from U+1100 up are mostly wide (CJK, Hangul, fullwidth forms).
    w += (len >= 3 && c >= 0xE1) ? 2 : 1;
    i += len;
  }
  return w;
}

std::string Truncate(const std::string& s, std::size_t width) {
  if (DisplayWidth(s) <= width) return s;
  std::string out;
  std::size_t w = 0;
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
    std::size_t cw = (len >= 3 && c >= 0xE1) ? 2 : 1;
    if (w + cw + 1 > width) break;
    out.append(s, i, len);
    w += cw;
    i += len;
  }
  return out + "…";
}

void PrintTable(const std::vector<std::string>& header,
                const std::vector<std::vector<std::string>>& rows, std::ostream& out) {
  std::vector<std::size_t> widths(header.size(), 0);
  for (std::size_t i = 0; i < header.size(); ++i) widths[i] = DisplayWidth(header[i]);
  for (const auto& r : rows)
    for (std::size_t i = 0; i < r.size() && i < widths.size(); ++i)
      widths[i] = std::max(widths[i], DisplayWidth(r[i]));
  auto line = [&](const std::vector<std::string>& r) {
    for (std::size_t i = 0; i < widths.size(); ++i) {
      std::string cell = i < r.size() ? r[i] : "";
      out << cell;
      if (i + 1 < widths.size()) out << std::string(widths[i] - DisplayWidth(cell) + 2, ' ');
    }
    out << "\n";
  };
  line(header);
  std::vector<std::string> rule;
  for (auto w : widths) rule.push_back(std::string(w, '-'));
  line(rule);
  for (const auto& r : rows) line(r);
}

std::string IndexPath(const corpus::Study& study, const std::string& override_path) {
  return override_path.empty() ? study.index_dir() : override_path;
}

void AddIndexOption(CLI::App* cmd, std::string& path) {
  cmd->add_option("--index", path, "A Xapian database or stub file instead of the study's index");
}

void AddTableFormatOption(CLI::App* cmd, std::string& format) {
  cmd->add_option("--format", format,
                  "table, csv, json or markdown (table on a terminal, csv otherwise)")
      ->check(CLI::IsMember({"table", "csv", "json", "markdown"}));
}

std::string ResolveTableFormat(const std::string& format) {
  if (!format.empty()) return format;
  return StdoutIsTerminal() ? "table" : "csv";
}

}  // namespace framescope::cli
