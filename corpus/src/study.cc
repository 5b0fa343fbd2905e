#include "framescope/corpus/study.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <toml++/toml.h>

namespace fs = std::filesystem;

namespace framescope::corpus {

namespace {
const char* kDefaultConfig = R"toml(# Framescope study configuration.
[study]
name = "%NAME%"

[crawl]
# Feeds, sitemaps or pages to start from (flags --seed/--seeds add to these).
seeds = []
# Identify yourself: sites may contact you through the URL.
user_agent = "Framescope/0.1 (research crawler; +https://framescope.invalid/bot)"
delay = 1.0          # seconds between requests to one host (robots.txt Crawl-delay wins if longer)
concurrency = 4      # hosts fetched at once
max_pages = 0        # 0 = no limit
allow_private = false
timeout = 30         # seconds per request
max_body_mb = 10
follow_links = false # also follow same-site links found in pages, up to max_depth
max_depth = 2
include = []         # URL patterns (regular expressions) a followed link must match, e.g. ["/news/"]
exclude = []         # URL patterns never fetched, e.g. ["/tag/", "\\?page="]
ca_file = ""         # PEM file of extra certificate authorities for https (e.g. a private CA)

[classify]
codebook = ""        # "" = the bundled default codebook
model = ""           # "" = the bundled default model
)toml";
}  // namespace

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(ErrorCode::kNotFound, path + ": cannot open");
  // Straight into the string at the size the file has (import reads many large pages this way);
  // whatever follows (a file that grew, or one of no known size) in pieces after.
  std::string out;
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (!ec && size > 0) {
    out.resize(size);
    in.read(out.data(), static_cast<std::streamsize>(size));
    out.resize(static_cast<std::size_t>(in.gcount()));
  }
  char buf[1 << 16];
  while (in) {
    in.read(buf, sizeof buf);
    if (in.gcount() <= 0) break;
    out.append(buf, static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) return Fail(ErrorCode::kIo, path + ": read failed");
  return out;
}

Status WriteFileAtomic(const std::string& path, std::string_view content) {
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return Fail(ErrorCode::kIo, tmp + ": cannot create");
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.flush();
    if (!out) return Fail(ErrorCode::kIo, tmp + ": write failed");
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) return Fail(ErrorCode::kIo, path + ": " + ec.message());
  return {};
}

Result<StudyConfig> ParseStudyConfig(const std::string& text, const std::string& name) {
  toml::table t;
  try {
    t = toml::parse(text, name);
  } catch (const toml::parse_error& err) {
    return Fail(ErrorCode::kInvalidInput,
                name + ":" + std::to_string(err.source().begin.line) + ":" +
                    std::to_string(err.source().begin.column) + ": " +
                    std::string(err.description()));
  }
  StudyConfig c;
  c.name = t["study"]["name"].value_or(std::string());
  auto& cr = c.crawl;
  if (auto* seeds = t["crawl"]["seeds"].as_array()) {
    for (auto& s : *seeds)
      if (auto v = s.value<std::string>()) cr.seeds.push_back(*v);
  }
  cr.user_agent = t["crawl"]["user_agent"].value_or(cr.user_agent);
  cr.delay_seconds = t["crawl"]["delay"].value_or(cr.delay_seconds);
  cr.concurrency = static_cast<int>(t["crawl"]["concurrency"].value_or(int64_t{cr.concurrency}));
  cr.max_pages = static_cast<int>(t["crawl"]["max_pages"].value_or(int64_t{cr.max_pages}));
  cr.allow_private = t["crawl"]["allow_private"].value_or(cr.allow_private);
  cr.timeout_seconds = t["crawl"]["timeout"].value_or(cr.timeout_seconds);
  cr.max_body_bytes =
      static_cast<long>(t["crawl"]["max_body_mb"].value_or(10.0) * 1024.0 * 1024.0);
  cr.follow_links = t["crawl"]["follow_links"].value_or(cr.follow_links);
  cr.max_depth = static_cast<int>(t["crawl"]["max_depth"].value_or(int64_t{cr.max_depth}));
  if (auto ca = t["crawl"]["ca_file"]; ca) {
    if (!ca.is_string())
      return Fail(ErrorCode::kInvalidInput, name + ": [crawl] ca_file must be a string (a path)");
    cr.ca_file = ca.value_or(std::string());
  }
  for (const char* key : {"include", "exclude"}) {
    auto& list = std::string(key) == "include" ? cr.include : cr.exclude;
    if (auto* arr = t["crawl"][key].as_array()) {
      for (auto& v : *arr) {
        auto str = v.value<std::string>();
        if (!str) {
          return Fail(ErrorCode::kInvalidInput,
                      name + ": [crawl] " + key + " must be a list of strings");
        }
        list.push_back(*str);
      }
    }
  }
  if (cr.concurrency < 1 || cr.delay_seconds < 0 || cr.timeout_seconds <= 0) {
    return Fail(ErrorCode::kInvalidInput,
                name + ": [crawl] concurrency must be >= 1, delay >= 0 and timeout > 0");
  }
  c.codebook = t["classify"]["codebook"].value_or(std::string());
  c.model = t["classify"]["model"].value_or(std::string());
  return c;
}

Result<Study> Study::Init(const std::string& root, const std::string& name) {
  std::error_code ec;
  for (const char* sub : {"", "/archive", "/models", "/reports"}) {
    fs::create_directories(root + sub, ec);
    if (ec) return Fail(ErrorCode::kIo, root + sub + ": " + ec.message());
  }
  std::string cfg = root + "/framescope.toml";
  if (!fs::exists(cfg)) {
    std::string text = kDefaultConfig;
    std::string study_name = name.empty() ? fs::path(root).filename().string() : name;
    text.replace(text.find("%NAME%"), 6, study_name);
    if (auto s = WriteFileAtomic(cfg, text); !s) return tl::unexpected(s.error());
  }
  std::string src = root + "/sources.csv";
  if (!fs::exists(src)) {
    if (auto s = WriteFileAtomic(src, "name,slug,domains,country,language,type,homepage\n"); !s)
      return tl::unexpected(s.error());
  }
  return Open(root);
}

Result<Study> Study::Open(const std::string& root) {
  Study s;
  s.root_ = root;
  auto text = ReadFile(s.config_path());
  if (!text) {
    return Fail(ErrorCode::kNotFound, root + " is not a study folder (no framescope.toml); "
                                             "create one with: framescope init " + root);
  }
  auto cfg = ParseStudyConfig(*text, s.config_path());
  if (!cfg) return tl::unexpected(cfg.error());
  s.config_ = std::move(*cfg);
  if (fs::exists(s.sources_path())) {
    auto table = SourceTable::Load(s.sources_path());
    if (!table) return tl::unexpected(table.error());
    s.sources_ = std::move(*table);
  }
  return s;
}

std::string DataDir() {
  if (const char* env = std::getenv("FRAMESCOPE_DATA"); env && *env) return env;
#ifdef FRAMESCOPE_DATA_DIR
  if (fs::exists(FRAMESCOPE_DATA_DIR)) return FRAMESCOPE_DATA_DIR;
#endif
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) return (exe.parent_path().parent_path() / "share" / "framescope").string();
  return "data";
}

}  // namespace framescope::corpus
