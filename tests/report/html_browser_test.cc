// The HTML report opened in a real browser: Debian's headless Chromium renders the chart
// (screenshot), runs none of the scripts hidden in hostile titles (DOM dump), prints to PDF and
// logs no console errors or Content-Security-Policy violations.
//
// Skipped only when Chromium is not installed (scripts/install-deps.sh installs it). Set
// FRAMESCOPE_BROWSER_ARTIFACTS=<folder> to keep the report, screenshot and PDF for a look.

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <cctype>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "framescope/report/html_report.h"

extern char** environ;

namespace framescope::report {
namespace {

namespace fs = std::filesystem;

// A hang guard, not a timing assertion: Chromium normally finishes in a few seconds.
constexpr auto kBrowserDeadline = std::chrono::seconds(60);

std::string ChromiumPath() {
  if (const char* p = std::getenv("FRAMESCOPE_CHROMIUM"); p && *p) return p;
  return "/usr/bin/chromium";
}

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void WriteAll(const fs::path& path, const std::string& data) {
  std::ofstream out(path, std::ios::binary);
  out << data;
}

// A fresh folder under the temp dir, removed with everything in it when the test ends.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "framescope-browser-XXXXXX").string();
    if (mkdtemp(tmpl.data())) path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

struct BrowserRun {
  bool started = false;
  bool timed_out = false;
  int exit_code = -1;
  std::string out;  // stdout (the DOM for --dump-dom)
  std::string err;  // stderr (the log, console messages included)
};

// Runs `args` (argv[0] a full path) in its own process group with HOME inside `dir`, stdout and
// stderr in files named after `name`; kills the whole group when it hangs.
BrowserRun RunProgram(std::vector<std::string> args, const fs::path& dir, const std::string& name) {
  BrowserRun run;
  const fs::path home = dir / (name + "-home");
  fs::create_directories(home);
  const fs::path out_path = dir / (name + ".stdout");
  const fs::path err_path = dir / (name + ".stderr");
  std::vector<std::string> env;
  for (char** e = environ; *e; ++e) {
    std::string_view v(*e);
    if (v.rfind("HOME=", 0) == 0 || v.rfind("XDG_CONFIG_HOME=", 0) == 0 ||
        v.rfind("XDG_CACHE_HOME=", 0) == 0)
      continue;
    env.emplace_back(v);
  }
  env.push_back("HOME=" + home.string());
  env.push_back("XDG_CONFIG_HOME=" + (home / ".config").string());
  env.push_back("XDG_CACHE_HOME=" + (home / ".cache").string());
  // Everything the child needs is prepared before fork: after it only async-signal-safe calls.
  std::vector<char*> argv, envp;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  for (std::string& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);
  const std::string out_s = out_path.string(), err_s = err_path.string();
  pid_t pid = fork();
  if (pid < 0) return run;
  if (pid == 0) {
    setpgid(0, 0);
    int in = open("/dev/null", O_RDONLY);
    int out = open(out_s.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = open(err_s.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (in < 0 || out < 0 || err < 0) _exit(126);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  setpgid(pid, pid);  // also from here, so the group exists whichever side runs first
  run.started = true;
  const auto deadline = std::chrono::steady_clock::now() + kBrowserDeadline;
  int status = 0;
  for (;;) {
    pid_t r = waitpid(pid, &status, WNOHANG);
    if (r == pid) break;
    if (r < 0) {
      status = -1;
      break;
    }
    if (std::chrono::steady_clock::now() > deadline) {
      run.timed_out = true;
      kill(-pid, SIGKILL);
      waitpid(pid, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  // Helpers (renderer, GPU, zygote) that outlive the browser process go with its group.
  kill(-pid, SIGKILL);
  if (status >= 0 && WIFEXITED(status)) run.exit_code = WEXITSTATUS(status);
  run.out = ReadAll(out_path);
  run.err = ReadAll(err_path);
  return run;
}

// Runs headless Chromium on `page` with `extra` flags, a fresh profile in `dir` and the network
// unreachable.
BrowserRun RunChromium(const fs::path& dir, const std::string& name,
                       const std::vector<std::string>& extra, const fs::path& page) {
  const fs::path profile = dir / (name + "-profile");
  fs::create_directories(profile);
  std::vector<std::string> args = {ChromiumPath(),
                                   "--headless",
                                   "--no-sandbox",
                                   "--disable-gpu",
                                   "--disable-quic",
                                   "--no-first-run",
                                   "--disable-background-networking",
                                   "--disable-component-update",
                                   "--disable-sync",
                                   "--disable-dev-shm-usage",
                                   "--disable-crash-reporter",
                                   "--host-resolver-rules=MAP * ~NOTFOUND",
                                   "--enable-logging=stderr",
                                   "--v=0",
                                   "--user-data-dir=" + profile.string()};
  args.insert(args.end(), extra.begin(), extra.end());
  args.push_back("file://" + page.string());
  return RunProgram(std::move(args), dir, name);
}

// Console messages of the page and any CSP report or uncaught exception in Chromium's log.
std::vector<std::string> ConsoleProblems(const std::string& log) {
  std::vector<std::string> problems;
  std::istringstream lines(log);
  std::string line;
  while (std::getline(lines, line)) {
    const bool console =
        line.find(":CONSOLE") != std::string::npos && line.find("file://") != std::string::npos;
    if (console || line.find("Uncaught") != std::string::npos ||
        line.find("Refused to") != std::string::npos ||
        line.find("Content Security Policy") != std::string::npos)
      problems.push_back(line);
  }
  return problems;
}

std::string Describe(const BrowserRun& run) {
  return "started=" + std::to_string(run.started) + " timed_out=" + std::to_string(run.timed_out) +
         " exit=" + std::to_string(run.exit_code) + "\nstderr:\n" + run.err;
}

// ---- A small PNG decoder (8-bit RGB/RGBA, not interlaced: what Chromium writes) ----

struct Image {
  std::uint32_t width = 0;
  std::uint32_t height = 0;
  std::vector<std::uint8_t> rgb;  // width * height * 3
};

std::uint32_t BigEndian32(const std::string& s, std::size_t at) {
  return (std::uint32_t{static_cast<std::uint8_t>(s[at])} << 24) |
         (std::uint32_t{static_cast<std::uint8_t>(s[at + 1])} << 16) |
         (std::uint32_t{static_cast<std::uint8_t>(s[at + 2])} << 8) |
         std::uint32_t{static_cast<std::uint8_t>(s[at + 3])};
}

int Paeth(int a, int b, int c) {
  int p = a + b - c, pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

// Decodes `png`; returns false with a reason in `why` for anything it cannot read.
bool DecodePng(const std::string& png, Image& img, std::string& why) {
  static const char kSignature[] = "\x89PNG\r\n\x1a\n";
  if (png.size() < 8 || png.compare(0, 8, kSignature, 8) != 0) {
    why = "no PNG signature";
    return false;
  }
  int bit_depth = 0, colour_type = -1, interlace = 0;
  std::string idat;
  for (std::size_t at = 8; at + 12 <= png.size();) {
    const std::uint32_t len = BigEndian32(png, at);
    const std::string type = png.substr(at + 4, 4);
    if (at + 12 + std::size_t{len} > png.size()) {
      why = "truncated chunk " + type;
      return false;
    }
    if (type == "IHDR" && len >= 13) {
      img.width = BigEndian32(png, at + 8);
      img.height = BigEndian32(png, at + 12);
      bit_depth = static_cast<std::uint8_t>(png[at + 16]);
      colour_type = static_cast<std::uint8_t>(png[at + 17]);
      interlace = static_cast<std::uint8_t>(png[at + 20]);
    } else if (type == "IDAT") {
      idat.append(png, at + 8, len);
    } else if (type == "IEND") {
      break;
    }
    at += 12 + std::size_t{len};
  }
  if (bit_depth != 8 || (colour_type != 2 && colour_type != 6) || interlace != 0) {
    why = "unsupported PNG: depth " + std::to_string(bit_depth) + ", colour type " +
          std::to_string(colour_type) + ", interlace " + std::to_string(interlace);
    return false;
  }
  if (img.width == 0 || img.height == 0 || img.width > 10000 || img.height > 20000) {
    why = "implausible size";
    return false;
  }
  const std::size_t channels = colour_type == 6 ? 4 : 3;
  const std::size_t stride = img.width * channels;
  std::vector<std::uint8_t> raw((stride + 1) * img.height);
  uLongf raw_len = static_cast<uLongf>(raw.size());
  if (uncompress(raw.data(), &raw_len, reinterpret_cast<const Bytef*>(idat.data()),
                 static_cast<uLong>(idat.size())) != Z_OK ||
      raw_len != raw.size()) {
    why = "IDAT does not inflate to the image size";
    return false;
  }
  std::vector<std::uint8_t> prev(stride, 0), cur(stride);
  img.rgb.assign(std::size_t{img.width} * img.height * 3, 0);
  for (std::uint32_t y = 0; y < img.height; ++y) {
    const std::uint8_t* line = raw.data() + y * (stride + 1);
    const int filter = line[0];
    for (std::size_t i = 0; i < stride; ++i) {
      const int x = line[1 + i];
      const int a = i >= channels ? cur[i - channels] : 0;
      const int b = prev[i];
      const int c = i >= channels ? prev[i - channels] : 0;
      int v = 0;
      switch (filter) {
        case 0:
          v = x;
          break;
        case 1:
          v = x + a;
          break;
        case 2:
          v = x + b;
          break;
        case 3:
          v = x + (a + b) / 2;
          break;
        case 4:
          v = x + Paeth(a, b, c);
          break;
        default:
          why = "bad filter type " + std::to_string(filter);
          return false;
      }
      cur[i] = static_cast<std::uint8_t>(v & 0xFF);
    }
    for (std::uint32_t x = 0; x < img.width; ++x) {
      // Chromium's screenshots are opaque; alpha, if present, is ignored.
      for (int k = 0; k < 3; ++k)
        img.rgb[(std::size_t{y} * img.width + x) * 3 + k] = cur[x * channels + k];
    }
    std::swap(prev, cur);
  }
  return true;
}

std::size_t CountNear(const Image& img, int r, int g, int b, int tolerance) {
  std::size_t n = 0;
  for (std::size_t i = 0; i + 2 < img.rgb.size(); i += 3) {
    if (std::abs(img.rgb[i] - r) <= tolerance && std::abs(img.rgb[i + 1] - g) <= tolerance &&
        std::abs(img.rgb[i + 2] - b) <= tolerance)
      ++n;
  }
  return n;
}

// ---- The DOM as Chromium serialises it ----

struct Tag {
  std::string name;
  std::vector<std::pair<std::string, std::string>> attributes;
};

std::string Lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

// The start tags of serialised HTML. In a serialisation every '<' of text is written "&lt;",
// so each '<' followed by a letter opens a real element.
std::vector<Tag> StartTags(const std::string& html) {
  std::vector<Tag> tags;
  auto is_space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
  };
  for (std::size_t i = 0; i < html.size(); ++i) {
    if (html[i] != '<' || i + 1 >= html.size() ||
        !std::isalpha(static_cast<unsigned char>(html[i + 1])))
      continue;
    Tag tag;
    std::size_t j = i + 1;
    while (j < html.size() && !is_space(html[j]) && html[j] != '>' && html[j] != '/')
      tag.name.push_back(html[j++]);
    while (j < html.size() && html[j] != '>') {
      while (j < html.size() && (is_space(html[j]) || html[j] == '/')) ++j;
      std::string name, value;
      while (j < html.size() && !is_space(html[j]) && html[j] != '=' && html[j] != '>' &&
             html[j] != '/')
        name.push_back(html[j++]);
      if (j < html.size() && html[j] == '=') {
        ++j;
        if (j < html.size() && (html[j] == '"' || html[j] == '\'')) {
          const char q = html[j++];
          while (j < html.size() && html[j] != q) value.push_back(html[j++]);
          ++j;
        } else {
          while (j < html.size() && !is_space(html[j]) && html[j] != '>')
            value.push_back(html[j++]);
        }
      }
      if (!name.empty()) tag.attributes.emplace_back(Lower(name), value);
    }
    tag.name = Lower(tag.name);
    tags.push_back(std::move(tag));
    i = j;
  }
  return tags;
}

// What in the live DOM shows that a script ran or could run.
std::vector<std::string> ActiveContent(const std::string& dom) {
  std::vector<std::string> found;
  for (const Tag& t : StartTags(dom)) {
    for (const char* name :
         {"script", "img", "iframe", "object", "embed", "image", "foreignobject"})
      if (t.name == name) found.push_back("<" + t.name + "> element");
    for (const auto& [name, value] : t.attributes) {
      if (name == "data-pwned") found.push_back("data-pwned=\"" + value + "\" on <" + t.name + ">");
      if (name.rfind("on", 0) == 0) found.push_back(name + " handler on <" + t.name + ">");
      if ((name == "href" || name == "src" || name == "xlink:href") &&
          Lower(value).find("javascript:") != std::string::npos)
        found.push_back("javascript: URL on <" + t.name + ">");
    }
  }
  return found;
}

// ---- The report under test ----

constexpr const char* kSetsDomFromImg =
    "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">";
constexpr const char* kSetsDomFromScript =
    "<script>document.body.setAttribute('data-pwned','2')</script>";
constexpr const char* kWindowFromScript = "<script>window.__pwned=1</script>";
constexpr const char* kWindowFromImg = "<img src=x onerror=\"window.__pwned=1\">";

ReportInput HostileReport() {
  const char* const titles[] = {kWindowFromScript, kWindowFromImg, kSetsDomFromImg,
                                kSetsDomFromScript, "An ordinary headline"};
  std::vector<corpus::Document> docs;
  int n = 0;
  for (int year = 2016; year <= 2020; ++year) {
    for (const char* outlet :
         {"BBC", "<svg onload=\"document.body.setAttribute('data-pwned','3')\">"}) {
      for (int i = 0; i < 6; ++i, ++n) {
        corpus::Document d;
        d.id = "doc-" + std::to_string(n);
        d.title = titles[n % 5];
        d.outlet = outlet;
        d.published = std::to_string(year) + "-0" + std::to_string(1 + i) + "-15";
        // Alarmist coverage grows over the years, differently per outlet.
        d.frame = (i < (year - 2015) + (outlet[0] == 'B' ? 0 : 1)) ? "alarmist" : "balanced";
        d.url = n % 7 == 3 ? "javascript:document.body.setAttribute('data-pwned','4')"
                           : "https://news.example/" + d.id;
        d.language = "en";
        d.archive.file = "crawl-00001.warc.gz";
        d.archive.record_id =
            "<urn:uuid:00000000-0000-4000-8000-" + std::to_string(100000 + n) + ">";
        d.archive.captured = "2021-01-02T03:04:05Z";
        docs.push_back(std::move(d));
      }
    }
  }
  ReportInput in;
  in.title = std::string("Social credit ") + kSetsDomFromScript;
  in.query = std::string("\"social credit\" ") + kSetsDomFromImg;
  in.study = "browser-test";
  in.index_revision = "abc@7";
  in.model = kWindowFromImg;
  in.codebook_hash = "sha1:0123456789abcdef";
  in.generated_at = "2024-05-06T07:08:09Z";
  in.version = "0.1.0";
  TrendOptions opts;
  opts.group = Group::kOutlet;
  in.trend = ComputeTrend(docs, opts);
  in.docs = std::move(docs);
  in.evidence = {
      {"alarmist", "doc-0", std::string("Critics call it dystopian ") + kSetsDomFromImg,
       "dystopian", 0.93},
      {"balanced", "doc-2", std::string("Officials say it builds trust ") + kWindowFromScript,
       "trust", 0.71},
  };
  return in;
}

class HtmlReportInChromiumTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (access(ChromiumPath().c_str(), X_OK) != 0)
      GTEST_SKIP() << ChromiumPath() << " is not installed (scripts/install-deps.sh installs it)";
    ASSERT_FALSE(dir_.path().empty()) << "cannot make a temporary folder";
    page_ = dir_.path() / "report.html";
    std::ostringstream html;
    WriteHtmlReport(HostileReport(), html);
    WriteAll(page_, html.str());
  }

  // Copies `file` to $FRAMESCOPE_BROWSER_ARTIFACTS, when set, for people to look at.
  void Keep(const fs::path& file) {
    const char* keep = std::getenv("FRAMESCOPE_BROWSER_ARTIFACTS");
    if (!keep || !*keep) return;
    std::error_code ec;
    fs::create_directories(keep, ec);
    fs::copy_file(file, fs::path(keep) / file.filename(), fs::copy_options::overwrite_existing, ec);
  }

  TempDir dir_;
  fs::path page_;
};

TEST_F(HtmlReportInChromiumTest, ScreenshotShowsTheChartWithItsIntervals) {
  const fs::path png_path = dir_.path() / "report.png";
  BrowserRun run = RunChromium(dir_.path(), "screenshot",
                               {"--screenshot=" + png_path.string(), "--window-size=1200,1400",
                                "--hide-scrollbars", "--force-device-scale-factor=1"},
                               page_);
  ASSERT_TRUE(run.started && !run.timed_out && run.exit_code == 0) << Describe(run);
  Keep(page_);
  Keep(png_path);
  const std::string png = ReadAll(png_path);
  ASSERT_FALSE(png.empty()) << "no screenshot\n" << Describe(run);
  Image img;
  std::string why;
  ASSERT_TRUE(DecodePng(png, img, why)) << why;
  EXPECT_EQ(img.width, 1200u);
  EXPECT_EQ(img.height, 1400u);
  const std::size_t pixels = std::size_t{img.width} * img.height;
  const std::size_t white = CountNear(img, 255, 255, 255, 8);
  // Not blank: text, lines and bands cover a real part of the page, but not all of it.
  EXPECT_GT(pixels - white, pixels / 50) << "the page looks blank";
  EXPECT_GT(white, pixels / 2) << "the page is not mostly white paper";
  // The two groups' lines and points in their Okabe-Ito colours (#0072B2, #D55E00) ...
  EXPECT_GT(CountNear(img, 0x00, 0x72, 0xB2, 16), 300u) << "no blue line: the chart did not render";
  EXPECT_GT(CountNear(img, 0xD5, 0x5E, 0x00, 16), 300u) << "no vermilion line";
  // ... and the 95% interval bands: the line colour at 14% opacity over white.
  EXPECT_GT(CountNear(img, 219, 235, 244, 6), 2000u) << "no blue interval band";
  EXPECT_GT(CountNear(img, 249, 232, 219, 6), 2000u) << "no vermilion interval band";
  EXPECT_EQ(ConsoleProblems(run.err), std::vector<std::string>{});
}

TEST_F(HtmlReportInChromiumTest, InjectedScriptsDoNotRun) {
  BrowserRun run = RunChromium(dir_.path(), "dom", {"--dump-dom"}, page_);
  ASSERT_TRUE(run.started && !run.timed_out && run.exit_code == 0) << Describe(run);
  const std::string& dom = run.out;
  ASSERT_NE(dom.find("</html>"), std::string::npos) << "no DOM dumped\n" << Describe(run);
  // The page really is the report, with its chart...
  EXPECT_NE(dom.find("<svg"), std::string::npos);
  EXPECT_NE(dom.find("<polyline"), std::string::npos);
  EXPECT_NE(dom.find("id=\"manifest\""), std::string::npos);
  // ... and the hostile titles are in it, as text.
  EXPECT_NE(dom.find("&lt;script&gt;window.__pwned=1&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(dom.find("&lt;img src=x onerror=\"window.__pwned=1\"&gt;"), std::string::npos);
  EXPECT_NE(dom.find("&lt;script&gt;document.body.setAttribute('data-pwned','2')&lt;/script&gt;"),
            std::string::npos);
  // Nothing ran and nothing could: no data-pwned attribute set by any payload, no script, image
  // or event handler in the live DOM.
  EXPECT_EQ(ActiveContent(dom), std::vector<std::string>{});
  EXPECT_EQ(ConsoleProblems(run.err), std::vector<std::string>{});
}

TEST_F(HtmlReportInChromiumTest, PrintsToPdf) {
  const fs::path pdf_path = dir_.path() / "report.pdf";
  BrowserRun run = RunChromium(
      dir_.path(), "pdf", {"--print-to-pdf=" + pdf_path.string(), "--no-pdf-header-footer"}, page_);
  ASSERT_TRUE(run.started && !run.timed_out && run.exit_code == 0) << Describe(run);
  Keep(pdf_path);
  const std::string pdf = ReadAll(pdf_path);
  ASSERT_GT(pdf.size(), 10000u) << "no PDF\n" << Describe(run);
  EXPECT_EQ(pdf.rfind("%PDF-", 0), 0u);
  EXPECT_NE(pdf.find("%%EOF", pdf.size() - 64), std::string::npos);
  // Pages: objects "/Type /Page" (not "/Pages"). The report is a few pages, not one per table row.
  std::size_t pages = 0;
  for (std::size_t at = pdf.find("/Type /Page"); at != std::string::npos;
       at = pdf.find("/Type /Page", at + 1)) {
    if (pdf.compare(at, 12, "/Type /Pages") != 0) ++pages;
  }
  EXPECT_GE(pages, 2u);
  EXPECT_LE(pages, 20u);
  // The text is real text in embedded fonts (searchable, copyable), not an image of it.
  EXPECT_NE(pdf.find("/FontFile"), std::string::npos);
  EXPECT_NE(pdf.find("/ToUnicode"), std::string::npos);
  EXPECT_EQ(ConsoleProblems(run.err), std::vector<std::string>{});
  // With poppler-utils installed, read the printed text back: the chart labels, the hostile
  // title as text, the manifest, and the documents behind each data point (inside <details>,
  // which print open).
  const char* const pdftotext = "/usr/bin/pdftotext";
  if (access(pdftotext, X_OK) != 0) return;
  BrowserRun text = RunProgram({pdftotext, "-layout", pdf_path.string(), "-"}, dir_.path(), "text");
  ASSERT_TRUE(text.started && !text.timed_out && text.exit_code == 0) << Describe(text);
  for (const char* expected :
       {"Frame share over time", "Trend table", "95% Wilson", "Manifest", "Framescope version",
        "<script>window.__pwned=1</script>", "An ordinary headline", "crawl-00001.warc.gz"}) {
    EXPECT_NE(text.out.find(expected), std::string::npos) << expected << "\n" << text.out;
  }
}

// The checks above must be able to fail: the same payloads on a page that lets them run (no
// escaping, no Content-Security-Policy) are caught by the same harness.
TEST_F(HtmlReportInChromiumTest, TheHarnessCatchesAPageThatRunsThem) {
  const fs::path unsafe = dir_.path() / "unsafe.html";
  WriteAll(unsafe, std::string("<!DOCTYPE html><html><head><title>unsafe</title></head><body><p>") +
                       kSetsDomFromImg + "</p><script>undefinedFunction()</script></body></html>");
  BrowserRun run = RunChromium(dir_.path(), "unsafe", {"--dump-dom"}, unsafe);
  ASSERT_TRUE(run.started && !run.timed_out && run.exit_code == 0) << Describe(run);
  std::vector<std::string> active = ActiveContent(run.out);
  bool pwned = false;
  for (const std::string& a : active) pwned |= a.rfind("data-pwned", 0) == 0;
  EXPECT_TRUE(pwned) << "the onerror handler should have run:\n" << run.out;
  EXPECT_FALSE(ConsoleProblems(run.err).empty()) << "the uncaught ReferenceError was not seen\n"
                                                 << run.err;
}

TEST(PngDecoderTest, RejectsWhatIsNotAPng) {
  Image img;
  std::string why;
  for (const std::string& bad :
       {std::string(), std::string("GIF89a"), std::string("\x89PNG\r\n\x1a\n", 8),
        std::string("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR", 16)}) {
    EXPECT_FALSE(DecodePng(bad, img, why));
    EXPECT_FALSE(why.empty());
  }
}

TEST(StartTagsTest, SeesElementsNotEscapedText) {
  auto tags = StartTags("<p class=\"x\">&lt;script&gt; a=1</p><IMG SRC=x onerror='y'><br/>");
  ASSERT_EQ(tags.size(), 3u);
  EXPECT_EQ(tags[0].name, "p");
  EXPECT_EQ(tags[1].name, "img");
  ASSERT_EQ(tags[1].attributes.size(), 2u);
  EXPECT_EQ(tags[1].attributes[1].first, "onerror");
  EXPECT_EQ(tags[1].attributes[1].second, "y");
  EXPECT_EQ(ActiveContent("<p>&lt;img onerror=x&gt;</p>"), std::vector<std::string>{});
  EXPECT_EQ(ActiveContent("<body data-pwned=\"1\">").size(), 1u);
}

}  // namespace
}  // namespace framescope::report
