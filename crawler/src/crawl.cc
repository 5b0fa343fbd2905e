#include "framescope/crawler/crawl.h"

#include <arpa/inet.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <deque>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <regex>
#include <set>
#include <unordered_map>

#include <sqlite3.h>

#include "framescope/corpus/dates.h"
#include "framescope/crawler/feeds.h"
#include "framescope/crawler/robots.h"
#include "framescope/crawler/url.h"
#include "framescope/crawler/warc.h"
#include "curl_library.h"

namespace framescope::crawler {
namespace {

using Clock = std::chrono::steady_clock;

// Wall-clock seconds since the epoch, for what is stored across runs.
double WallNow() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

double Now() {
  return std::chrono::duration<double>(Clock::now().time_since_epoch()).count();
}

// ---------------------------------------------------------------------------------------------
// SQLite state

class StateDb {
 public:
  ~StateDb() {
    for (auto& [k, s] : stmts_) sqlite3_finalize(s);
    if (db_) sqlite3_close(db_);
  }
  Status Open(const std::string& path) {
    if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK)
      return Fail(ErrorCode::kIo, path + ": cannot open: " + sqlite3_errmsg(db_));
    sqlite3_busy_timeout(db_, 5000);
    const char* schema = R"sql(
      PRAGMA journal_mode=WAL;
      PRAGMA synchronous=NORMAL;
      CREATE TABLE IF NOT EXISTS frontier(
        url TEXT PRIMARY KEY, kind TEXT NOT NULL, depth INTEGER NOT NULL DEFAULT 0,
        state TEXT NOT NULL DEFAULT 'queued', tries INTEGER NOT NULL DEFAULT 0,
        next_at REAL NOT NULL DEFAULT 0, status INTEGER, reason TEXT, warc_file TEXT,
        record_id TEXT, digest TEXT, captured TEXT, offset INTEGER, etag TEXT,
        last_modified TEXT, hops INTEGER NOT NULL DEFAULT 0,
        recrawl INTEGER NOT NULL DEFAULT 0);
      CREATE INDEX IF NOT EXISTS frontier_state ON frontier(state);
      CREATE TABLE IF NOT EXISTS robots(host TEXT PRIMARY KEY, status INTEGER, body TEXT,
        fetched_at REAL);
      CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
    )sql";
    char* err = nullptr;
    if (sqlite3_exec(db_, schema, nullptr, nullptr, &err) != SQLITE_OK) {
      std::string m = err ? err : "?";
      sqlite3_free(err);
      return Fail(ErrorCode::kCorrupt, path + ": " + m);
    }
    return {};
  }
  sqlite3_stmt* Stmt(const char* sql) {
    auto it = stmts_.find(sql);
    if (it != stmts_.end()) {
      sqlite3_reset(it->second);
      sqlite3_clear_bindings(it->second);
      return it->second;
    }
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db_, sql, -1, &s, nullptr);
    stmts_[sql] = s;
    return s;
  }
  void Exec(const char* sql) { sqlite3_exec(db_, sql, nullptr, nullptr, nullptr); }
  sqlite3* db() { return db_; }

 private:
  sqlite3* db_ = nullptr;
  std::unordered_map<const char*, sqlite3_stmt*> stmts_;
};

void Bind(sqlite3_stmt* s, int i, const std::string& v) {
  sqlite3_bind_text(s, i, v.c_str(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
}

std::string Col(sqlite3_stmt* s, int i) {
  const unsigned char* t = sqlite3_column_text(s, i);
  return t ? reinterpret_cast<const char*>(t) : "";
}

// ---------------------------------------------------------------------------------------------

struct Task {
  Task() = default;
  Task(std::string u, std::string k, int d, int t, int h)
      : url(std::move(u)), kind(std::move(k)), depth(d), tries(t), hops(h) {}
  std::string url;
  std::string kind;  // seed, discovery, page, robots
  int depth = 0;
  int tries = 0;
  int hops = 0;
  // Conditional re-fetch of an archived page: validators and the capture a 304 refers to.
  bool conditional = false;
  std::string etag, last_modified, prev_record, prev_date;
};

struct Transfer {
  Task task;
  CURL* easy = nullptr;
  curl_slist* headers = nullptr;
  HttpExchange ex;
  std::string host;
  bool too_big = false;
  bool refused_private = false;
  long max_bytes = 0;
  double started = 0;
  char error[CURL_ERROR_SIZE] = {};  // curl's detailed message for a failed transfer
  // What became of it, for FetchEvent.
  std::string outcome = "failed", reason, record_id;
};

struct HostState {
  std::deque<Task> queue;
  double next_at = 0;
  bool busy = false;
  bool robots_known = false;
  bool robots_pending = false;
  bool wants_robots = false;  // a robots.txt seed: fetch the rules (and their sitemaps) only
  int robots_tries = 0;
  bool robots_unavailable = false;  // 5xx/unreachable after retries: skip the host this run
  // Set when the host's certificate did not verify: nothing more of the host is fetched in this
  // run (retrying cannot help) and its URLs stay queued for the next, e.g. after ca_file is set.
  std::string tls_failure;
  std::string robots_origin;
  RobotsRules rules;
  double delay = 0;
};

size_t WriteBody(char* ptr, size_t size, size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  size_t len = size * n;
  if (t->max_bytes > 0 && static_cast<long>(t->ex.body.size() + len) > t->max_bytes) {
    t->too_big = true;
    return 0;  // aborts the transfer: a truncated page is never stored as whole
  }
  t->ex.body.append(ptr, len);
  return len;
}

size_t WriteHeader(char* ptr, size_t size, size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  std::string line(ptr, size * n);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  if (line.starts_with("HTTP/")) {
    // A new response (e.g. after 100 Continue): start over.
    t->ex.response_headers.clear();
    auto sp = line.find(' ');
    t->ex.http_version = line.substr(0, sp);
    if (sp != std::string::npos) {
      t->ex.status = std::atoi(line.c_str() + sp + 1);
      auto sp2 = line.find(' ', sp + 1);
      t->ex.reason = sp2 == std::string::npos ? "" : line.substr(sp2 + 1);
    }
    return size * n;
  }
  auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string v = line.substr(colon + 1);
    v.erase(0, v.find_first_not_of(" \t"));
    t->ex.response_headers.emplace_back(line.substr(0, colon), v);
  }
  return size * n;
}

// The ALPN name of the HTTP version a finished transfer used ("" when unknown).
std::string ProtocolOf(CURL* e) {
  long v = 0;
  if (Curl().easy_getinfo(e, CURLINFO_HTTP_VERSION, &v) != CURLE_OK) return "";
  switch (v) {
    case CURL_HTTP_VERSION_1_0:
      return "http/1.0";
    case CURL_HTTP_VERSION_1_1:
      return "http/1.1";
    case CURL_HTTP_VERSION_2_0:
      return "h2";
    case CURL_HTTP_VERSION_3:
      return "h3";
    default:
      return "";
  }
}

// Certificate problems: the server's certificate did not verify (untrusted issuer, wrong name,
// expired) or the CA file is unusable. Not retried: the next attempt would fail the same way.
bool IsCertificateFailure(CURLcode rc) {
  return rc == CURLE_PEER_FAILED_VERIFICATION || rc == CURLE_SSL_CACERT_BADFILE ||
         rc == CURLE_SSL_ISSUER_ERROR;
}

int PreRequest(void* user, char* conn_primary_ip, char*, int, int) {
  auto* t = static_cast<Transfer*>(user);
  t->ex.ip = conn_primary_ip ? conn_primary_ip : "";
  if (t->refused_private && IsPrivateAddress(t->ex.ip)) return CURL_PREREQFUNC_ABORT;
  return CURL_PREREQFUNC_OK;
}

std::string HeaderValue(const Headers& h, const std::string& name) {
  for (const auto& [k, v] : h) {
    if (k.size() != name.size()) continue;
    bool eq = std::equal(k.begin(), k.end(), name.begin(), [](char a, char b) {
      return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
    });
    if (eq) return v;
  }
  return "";
}

// Feed links in an HTML page's head: <link rel="alternate" type="application/rss+xml" href=...>
std::vector<std::string> FeedLinks(const std::string& html, const std::string& base) {
  std::vector<std::string> out;
  static const std::regex kLink(R"(<link\b[^>]*>)", std::regex::icase);
  std::string head = html.substr(0, std::min<std::size_t>(html.size(), 200000));
  for (auto it = std::sregex_iterator(head.begin(), head.end(), kLink); it != std::sregex_iterator(); ++it) {
    std::string tag = it->str();
    std::string lower = tag;
    std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
    if (lower.find("alternate") == std::string::npos) continue;
    if (lower.find("rss+xml") == std::string::npos && lower.find("atom+xml") == std::string::npos &&
        lower.find("rdf+xml") == std::string::npos)
      continue;
    static const std::regex kHref(R"(href\s*=\s*["']([^"']+)["'])", std::regex::icase);
    std::smatch m;
    if (std::regex_search(tag, m, kHref)) {
      std::string u = ResolveUrl(base, m[1].str());
      if (!u.empty()) out.push_back(u);
    }
  }
  return out;
}

class Crawler {
 public:
  Crawler(const corpus::Study& study, const CrawlOptions& opts,
          const std::function<void(const CrawlProgress&)>& progress,
          const std::function<void(const std::string&)>& warn)
      : study_(study), opts_(opts), progress_(progress), warn_(warn) {}

  Result<CrawlSummary> Run() {
    for (const auto& [list, out] : {std::pair{&opts_.settings.include, &include_},
                                    std::pair{&opts_.settings.exclude, &exclude_}}) {
      for (const auto& pattern : *list) {
        try {
          out->emplace_back(pattern, std::regex::ECMAScript | std::regex::optimize);
        } catch (const std::regex_error& e) {
          return Fail(ErrorCode::kInvalidInput,
                      study_.config_path() + ": [crawl] URL pattern \"" + pattern +
                          "\" is not a valid regular expression: " + e.what());
        }
      }
    }
    if (!opts_.settings.ca_file.empty()) {
      std::filesystem::path ca = opts_.settings.ca_file;
      if (ca.is_relative()) ca = std::filesystem::path(study_.root()) / ca;
      ca_file_ = ca.string();
      std::error_code ec;
      if (!std::filesystem::is_regular_file(ca, ec) || !std::ifstream(ca_file_)) {
        return Fail(ErrorCode::kNotFound,
                    "ca_file " + ca_file_ +
                        ": cannot open (a PEM file of certificate authorities is expected)");
      }
    }
    auto st = db_.Open(study_.crawl_db());
    if (!st) return tl::unexpected(st.error());
    // Databases from before the recrawl column: add it (an error means it is there already).
    sqlite3_exec(db_.db(), "ALTER TABLE frontier ADD COLUMN recrawl INTEGER NOT NULL DEFAULT 0",
                 nullptr, nullptr, nullptr);
    start_ = Now();
    db_.Exec("BEGIN");
    Reconcile();
    // Feeds, sitemaps and seed pages change: read them again once they are older than the
    // refresh interval (with validators, so an unchanged one costs a 304). A crawl resumed soon
    // after an interruption does not fetch them again.
    {
      sqlite3_stmt* r = db_.Stmt(
          "UPDATE frontier SET state='queued', tries=0, recrawl=1 WHERE state='done' AND "
          "kind IN ('seed','discovery') AND status BETWEEN 200 AND 299 AND "
          "replace(replace(captured,'T',' '),'Z','') <= datetime('now', ?1)");
      std::string age = "-" + std::to_string(static_cast<long>(opts_.refresh_seconds)) + " seconds";
      Bind(r, 1, age);
      sqlite3_step(r);
    }
    if (opts_.recrawl) {
      db_.Exec("UPDATE frontier SET state='queued', tries=0, recrawl=1 WHERE state='done' AND "
               "kind='page' AND status BETWEEN 200 AND 299");
    }
    for (const auto& s : opts_.seeds) {
      // A robots.txt seed is the host's rules: fetched once, as the rules, for its Sitemap: lines.
      if (UrlPathAndQuery(NormalizeUrl(s)) == "/robots.txt") {
        HostState& h = hosts_[corpus::UrlHost(s)];
        h.wants_robots = true;
        h.robots_origin = UrlOrigin(s);
        continue;
      }
      Enqueue(s, "seed", 0, 0, /*reset_failed=*/true);
    }
    db_.Exec("COMMIT");
    LoadQueued();
    multi_ = Curl().multi_init();
    Curl().multi_setopt(multi_, CURLMOPT_MAX_HOST_CONNECTIONS, 1L);
    Status s = Loop();
    Curl().multi_cleanup(multi_);
    summary_.seconds = Now() - start_;
    if (!s) return tl::unexpected(s.error());
    return summary_;
  }

 private:
  void Warn(const std::string& m) {
    summary_.warnings.push_back(m);
    if (warn_) warn_(m);
  }

  // Adds a URL to the frontier if it is new. Returns true when it was queued now.
  bool Enqueue(const std::string& raw, const std::string& kind, int depth, int hops,
               bool reset_failed = false) {
    std::string url = NormalizeUrl(raw);
    if (url.empty()) {
      ++summary_.refused;
      Warn("refused (only http and https are crawled): " + raw);
      return false;
    }
    for (const auto& re : exclude_)
      if (std::regex_search(url, re)) return false;
    sqlite3_stmt* s = db_.Stmt(
        "INSERT OR IGNORE INTO frontier(url, kind, depth, hops) VALUES(?1, ?2, ?3, ?4)");
    Bind(s, 1, url);
    Bind(s, 2, kind);
    sqlite3_bind_int(s, 3, depth);
    sqlite3_bind_int(s, 4, hops);
    sqlite3_step(s);
    bool inserted = sqlite3_changes(db_.db()) > 0;
    if (!inserted && reset_failed) {
      // A seed given again retries what failed before (not what was archived).
      sqlite3_stmt* r = db_.Stmt(
          "UPDATE frontier SET state='queued', tries=0 WHERE url=?1 AND state='failed'");
      Bind(r, 1, url);
      sqlite3_step(r);
      if (sqlite3_changes(db_.db()) > 0) {
        inserted = true;
      } else {
        // Still queued from an earlier run (it is loaded with the queue) or archived before.
        sqlite3_stmt* q = db_.Stmt("SELECT state FROM frontier WHERE url=?1");
        Bind(q, 1, url);
        if (sqlite3_step(q) == SQLITE_ROW && Col(q, 0) == "done") ++summary_.already_archived;
      }
    }
    if (inserted && loaded_) Push(Task{url, kind, depth, 0, hops});
    return inserted;
  }

  // A crawl killed between writing a record and committing the row that points to it leaves
  // records in its last WARC file that the frontier does not know; adopt them so that nothing
  // archived is fetched again. A record cut off by the kill fails its read and is ignored.
  void Reconcile() {
    sqlite3_stmt* q = db_.Stmt("SELECT value FROM meta WHERE key='current_warc'");
    if (sqlite3_step(q) != SQLITE_ROW) return;
    std::string file = Col(q, 0);
    auto reader = WarcReader::Open(study_.archive_dir() + "/" + file);
    if (!reader) return;
    for (;;) {
      auto rec = (*reader)->Next();
      if (!rec) {
        Warn(rec.error().message + " (incomplete record from an interrupted crawl; ignored)");
        continue;
      }
      if (!*rec) break;
      const WarcRecord& r = **rec;
      if (r.Header("WARC-Type") != "response") continue;
      auto http = ParseHttpResponse(r.block);
      if (!http || http->status < 200 || http->status >= 300) continue;
      corpus::ArchiveRef ref{file, r.Header("WARC-Record-ID"), r.Header("WARC-Payload-Digest"),
                             r.Header("WARC-Date"), r.offset};
      std::string url = r.Header("WARC-Target-URI");
      sqlite3_stmt* u = db_.Stmt(
          "UPDATE frontier SET state='done', status=?2, warc_file=?3, record_id=?4, digest=?5, "
          "captured=?6, offset=?7 WHERE url=?1 AND state='queued'");
      Bind(u, 1, url);
      sqlite3_bind_int(u, 2, http->status);
      Bind(u, 3, ref.file);
      Bind(u, 4, ref.record_id);
      Bind(u, 5, ref.digest);
      Bind(u, 6, ref.captured);
      sqlite3_bind_int64(u, 7, static_cast<sqlite3_int64>(ref.offset));
      sqlite3_step(u);
      if (sqlite3_changes(db_.db()) > 0) ++summary_.already_archived;
    }
  }

  void NoteCurrentWarc() {
    if (writer_->current_file() == noted_warc_) return;
    noted_warc_ = writer_->current_file();
    sqlite3_stmt* s = db_.Stmt("INSERT OR REPLACE INTO meta(key, value) VALUES('current_warc', ?1)");
    Bind(s, 1, noted_warc_);
    sqlite3_step(s);
  }

  void Push(Task t) {
    std::string host = corpus::UrlHost(t.url);
    HostState& h = hosts_[host];
    if (t.kind == "seed" || t.kind == "discovery") h.queue.push_front(std::move(t));
    else h.queue.push_back(std::move(t));
    ++queued_;
  }

  void LoadQueued() {
    sqlite3_stmt* s = db_.Stmt(
        "SELECT url, kind, depth, tries, hops, recrawl, etag, last_modified, record_id, captured "
        "FROM frontier WHERE state='queued' ORDER BY rowid");
    std::vector<Task> tasks;
    while (sqlite3_step(s) == SQLITE_ROW) {
      Task t{Col(s, 0), Col(s, 1), sqlite3_column_int(s, 2), sqlite3_column_int(s, 3),
             sqlite3_column_int(s, 4)};
      if (sqlite3_column_int(s, 5)) {
        t.conditional = true;
        t.etag = Col(s, 6);
        t.last_modified = Col(s, 7);
        t.prev_record = Col(s, 8);
        t.prev_date = Col(s, 9);
      }
      tasks.push_back(std::move(t));
    }
    loaded_ = true;
    for (auto& t : tasks) Push(std::move(t));
    // Robots rules cached from earlier runs.
    // RFC 9309 asks crawlers not to use cached rules for more than 24 hours.
    sqlite3_stmt* r = db_.Stmt("SELECT host, status, body FROM robots WHERE fetched_at > ?1");
    sqlite3_bind_double(r, 1, WallNow() - 86400);
    while (sqlite3_step(r) == SQLITE_ROW) {
      HostState& h = hosts_[Col(r, 0)];
      SetRobots(h, sqlite3_column_int(r, 1), Col(r, 2));
    }
  }

  void SetRobots(HostState& h, int status, const std::string& body) {
    h.robots_known = true;
    if (status >= 200 && status < 300) {
      h.rules = RobotsRules::Parse(body, opts_.settings.user_agent);
    } else if (status >= 400 && status < 500) {
      h.rules = RobotsRules::AllowAll();  // RFC 9309: unavailable means allow
    } else {
      h.rules = RobotsRules::DisallowAll();  // unreachable: assume complete disallow for now
    }
    h.delay = std::max(opts_.settings.delay_seconds, h.rules.crawl_delay().value_or(0));
  }

  void StartTransfer(const std::string& host, HostState& h, Task task) {
    auto t = std::make_unique<Transfer>();
    t->task = std::move(task);
    t->host = host;
    t->max_bytes = opts_.settings.max_body_bytes;
    t->refused_private = !opts_.settings.allow_private;
    t->ex.url = t->task.url;
    t->ex.fetched_at = corpus::NowIsoUtc();
    t->ex.request_headers = {{"Host", host + (ParseUrl(t->task.url)->port ? ":" + std::to_string(ParseUrl(t->task.url)->port) : "")},
                             {"User-Agent", opts_.settings.user_agent},
                             {"Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"},
                             {"Accept-Encoding", "gzip, deflate, br"}};
    CURL* e = Curl().easy_init();
    t->easy = e;
    Curl().easy_setopt(e, CURLOPT_URL, t->task.url.c_str());
    Curl().easy_setopt(e, CURLOPT_USERAGENT, opts_.settings.user_agent.c_str());
    t->headers = Curl().slist_append(nullptr, "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
    t->headers = Curl().slist_append(t->headers, "Accept-Encoding: gzip, deflate, br");
    if (t->task.conditional) {
      if (!t->task.etag.empty()) {
        t->headers = Curl().slist_append(t->headers, ("If-None-Match: " + t->task.etag).c_str());
        t->ex.request_headers.emplace_back("If-None-Match", t->task.etag);
      }
      if (!t->task.last_modified.empty()) {
        t->headers = Curl().slist_append(
            t->headers, ("If-Modified-Since: " + t->task.last_modified).c_str());
        t->ex.request_headers.emplace_back("If-Modified-Since", t->task.last_modified);
      }
    }
    Curl().easy_setopt(e, CURLOPT_HTTPHEADER, t->headers);
    // Archive the bytes as sent; we decode content-encoding ourselves when extracting.
    Curl().easy_setopt(e, CURLOPT_HTTP_CONTENT_DECODING, 0L);
    Curl().easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
    Curl().easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    Curl().easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, 10000L);
    Curl().easy_setopt(e, CURLOPT_TIMEOUT_MS, static_cast<long>(opts_.settings.timeout_seconds * 1000));
    Curl().easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, 100L);
    Curl().easy_setopt(e, CURLOPT_LOW_SPEED_TIME, 30L);
    Curl().easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    // HTTP/2 where the server offers it in the TLS handshake (ALPN), HTTP/1.1 otherwise.
    Curl().easy_setopt(e, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_2TLS);
    // Certificates are always verified (curl's default, stated so it cannot drift); ca_file adds
    // the authorities of a private or test server.
    Curl().easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
    Curl().easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!ca_file_.empty()) Curl().easy_setopt(e, CURLOPT_CAINFO, ca_file_.c_str());
    Curl().easy_setopt(e, CURLOPT_ERRORBUFFER, t->error);
    Curl().easy_setopt(e, CURLOPT_WRITEFUNCTION, WriteBody);
    Curl().easy_setopt(e, CURLOPT_WRITEDATA, t.get());
    Curl().easy_setopt(e, CURLOPT_HEADERFUNCTION, WriteHeader);
    Curl().easy_setopt(e, CURLOPT_HEADERDATA, t.get());
    Curl().easy_setopt(e, CURLOPT_PREREQFUNCTION, PreRequest);
    Curl().easy_setopt(e, CURLOPT_PREREQDATA, t.get());
    Curl().easy_setopt(e, CURLOPT_PRIVATE, t.get());
    t->started = Now();
    h.busy = true;
    Curl().multi_add_handle(multi_, e);
    active_[e] = std::move(t);
  }

  // Picks ready work for idle hosts, up to the concurrency limit.
  void Fill() {
    double now = Now();
    for (auto& [host, h] : hosts_) {
      if (!h.tls_failure.empty()) {
        queued_ -= h.queue.size();  // they stay queued in the database
        h.queue.clear();
        continue;
      }
      if (static_cast<int>(active_.size()) >= opts_.settings.concurrency) return;
      bool robots_wanted = h.wants_robots && !h.robots_known;
      if (h.busy || (h.queue.empty() && !robots_wanted) || h.next_at > now) continue;
      if (!h.robots_known) {
        if (!h.robots_pending) {
          h.robots_pending = true;
          std::string origin = h.queue.empty() ? h.robots_origin : UrlOrigin(h.queue.front().url);
          StartTransfer(host, h, Task{origin + "/robots.txt", "robots", 0, 0, 0});
        }
        continue;
      }
      Task t = std::move(h.queue.front());
      h.queue.pop_front();
      --queued_;
      if (h.robots_unavailable) continue;  // stays queued in the database
      if (!h.rules.IsAllowed(UrlPathAndQuery(t.url))) {
        ++summary_.robots_blocked;
        MarkState(t.url, "blocked", 0, "robots.txt");
        continue;
      }
      if (opts_.settings.max_pages > 0 && t.kind == "page" &&
          static_cast<int>(summary_.new_pages + pages_active_) >= opts_.settings.max_pages) {
        continue;  // stays queued in the database for the next run
      }
      if (t.kind == "page") ++pages_active_;
      StartTransfer(host, h, std::move(t));
    }
  }

  void MarkState(const std::string& url, const char* state, int status, const std::string& reason,
                 const corpus::ArchiveRef* ref = nullptr) {
    sqlite3_stmt* s = db_.Stmt(
        "UPDATE frontier SET state=?2, status=?3, reason=?4, warc_file=?5, record_id=?6, "
        "digest=?7, captured=?8, offset=?9, recrawl=0 WHERE url=?1");
    Bind(s, 1, url);
    Bind(s, 2, state);
    sqlite3_bind_int(s, 3, status);
    Bind(s, 4, reason);
    if (ref) {
      Bind(s, 5, ref->file);
      Bind(s, 6, ref->record_id);
      Bind(s, 7, ref->digest);
      Bind(s, 8, ref->captured);
      sqlite3_bind_int64(s, 9, static_cast<sqlite3_int64>(ref->offset));
    }
    sqlite3_step(s);
  }

  void Retry(Transfer& t, HostState& h, const std::string& reason, double retry_after) {
    if (t.task.tries + 1 > opts_.settings.max_retries) {
      Failed(t, reason);
      return;
    }
    t.outcome = "retry";
    t.reason = reason;
    // Exponential backoff with jitter, at least what the server asked for.
    std::uniform_real_distribution<double> jitter(0.5, 1.5);
    double wait = std::max(retry_after, std::pow(2.0, t.task.tries) * 0.5 * jitter(rng_));
    Task again = t.task;
    again.tries++;
    sqlite3_stmt* s = db_.Stmt("UPDATE frontier SET tries=?2, reason=?3 WHERE url=?1");
    Bind(s, 1, again.url);
    sqlite3_bind_int(s, 2, again.tries);
    Bind(s, 3, reason);
    sqlite3_step(s);
    h.next_at = std::max(h.next_at, Now() + wait);
    h.queue.push_front(std::move(again));
    ++queued_;
  }

  void Failed(Transfer& t, const std::string& reason) {
    t.outcome = "failed";
    t.reason = reason;
    ++summary_.failed;
    ++errors_;
    ++summary_.failures_by_reason[reason];
    if (t.task.kind != "robots") MarkState(t.task.url, "failed", t.ex.status, reason);
  }

  // The host's certificate did not verify: say so once, with curl's detail, and count the
  // failure. Unlike other failures the URL is not given up: it stays queued, with the rest of
  // the host, for a run that trusts the certificate.
  void CertificateFailed(Transfer& t, HostState& h, CURLcode rc) {
    std::string detail = t.error[0] ? t.error : Curl().easy_strerror(rc);
    h.tls_failure = "TLS certificate not trusted: " + detail;
    Warn(t.task.url + ": " + h.tls_failure +
         " (certificates are always verified; to trust a private certificate authority, give "
         "its PEM file with --ca-file or [crawl] ca_file); the host's URLs are left for the next "
         "run");
    t.outcome = "failed";
    t.reason = h.tls_failure;
    ++summary_.failed;
    ++errors_;
    ++summary_.failures_by_reason[h.tls_failure];
    if (t.task.kind != "robots") {
      // Back in the queue of the next run: LoadQueued reads it from the database.
      sqlite3_stmt* s = db_.Stmt("UPDATE frontier SET reason=?2 WHERE url=?1");
      Bind(s, 1, t.task.url);
      Bind(s, 2, h.tls_failure);
      sqlite3_step(s);
    }
  }

  Status Finish(Transfer& t, CURLcode rc) {
    HostState& h = hosts_[t.host];
    h.busy = false;
    double took = Now() - t.started;
    // Politeness: wait the configured delay, longer when the host is slow to answer.
    h.next_at = Now() + std::max(h.delay, std::min(took * 2.0, 30.0) * (h.delay > 0 ? 1 : 0));
    if (t.task.kind == "page" && pages_active_ > 0) --pages_active_;
    ++done_;
    if (t.task.kind == "robots") {
      h.robots_pending = false;
      if (IsCertificateFailure(rc)) {
        h.robots_known = true;
        CertificateFailed(t, h, rc);
        return {};
      }
      int status = rc == CURLE_OK ? t.ex.status : 0;
      if (rc == CURLE_OK && (status < 500)) {
        auto ref = Archive(t.ex);
        if (!ref) return tl::unexpected(ref.error());
        ++summary_.fetched;
        ++summary_.discovery;
        t.outcome = "archived";
        t.record_id = ref->record_id;
      }
      std::string body;
      if (status >= 200 && status < 300) {
        auto parsed = ParseHttpResponse("HTTP/1.1 200 OK\r\nContent-Encoding: " +
                                        HeaderValue(t.ex.response_headers, "Content-Encoding") +
                                        "\r\n\r\n" + t.ex.body);
        body = parsed ? parsed->body : t.ex.body;
      }
      if (status == 0 || status >= 500) {
        // 5xx or unreachable: disallow for now and ask again later (RFC 9309 2.3.1.4).
        if (h.robots_tries++ < opts_.settings.max_retries) {
          h.robots_known = false;
          h.next_at = Now() + std::pow(2.0, h.robots_tries - 1) * 0.5;
          return {};
        }
        // Still unavailable: nothing of this host is fetched in this run, and nothing is
        // recorded as blocked either, so the next run asks again.
        h.robots_known = true;
        h.robots_unavailable = true;
        h.rules = RobotsRules::DisallowAll();
        Warn("robots.txt of " + t.host + " unavailable (" +
             (status ? "HTTP " + std::to_string(status) : std::string("unreachable")) +
             "): its pages are left for the next run");
        return {};
      }
      sqlite3_stmt* s = db_.Stmt(
          "INSERT OR REPLACE INTO robots(host, status, body, fetched_at) VALUES(?1, ?2, ?3, ?4)");
      Bind(s, 1, t.host);
      sqlite3_bind_int(s, 2, status);
      Bind(s, 3, body);
      sqlite3_bind_double(s, 4, WallNow());
      sqlite3_step(s);
      SetRobots(h, status, body);
      for (const auto& sm : h.rules.sitemaps()) Enqueue(sm, "discovery", 0, 0);
      return {};
    }
    if (rc != CURLE_OK) {
      if (t.too_big) {
        Failed(t, "body over the size cap");
        return {};
      }
      if (IsCertificateFailure(rc)) {
        CertificateFailed(t, h, rc);
        return {};
      }
      if (t.refused_private || rc == CURLE_ABORTED_BY_CALLBACK) {
        if (!opts_.settings.allow_private && IsPrivateAddress(t.ex.ip)) {
          ++summary_.refused;
          Failed(t, "private address refused (use --allow-private)");
          return {};
        }
      }
      std::string reason = std::string("network: ") + Curl().easy_strerror(rc);
      Retry(t, h, reason, 0);
      ++errors_;
      return {};
    }
    int status = t.ex.status;
    if (status == 429 || status >= 500) {
      double retry_after = 0;
      std::string ra = HeaderValue(t.ex.response_headers, "Retry-After");
      if (!ra.empty() && std::isdigit(static_cast<unsigned char>(ra[0]))) retry_after = std::atof(ra.c_str());
      Retry(t, h, "HTTP " + std::to_string(status), std::min(retry_after, 3600.0));
      return {};
    }
    if (status == 304 && t.task.conditional && !t.task.prev_record.empty()) {
      // Unchanged since the archived capture: a revisit record refers to it, and the frontier
      // keeps pointing at the full response.
      t.ex.refers_to_record = t.task.prev_record;
      t.ex.refers_to_date = t.task.prev_date;
      auto rev = Archive(t.ex);
      if (!rev) return tl::unexpected(rev.error());
      ++summary_.fetched;
      ++summary_.unchanged;
      sqlite3_stmt* u = db_.Stmt("UPDATE frontier SET state='done', recrawl=0 WHERE url=?1");
      Bind(u, 1, t.task.url);
      sqlite3_step(u);
      t.outcome = "unchanged";
      t.record_id = rev->record_id;
      return {};
    }
    auto ref = Archive(t.ex);
    if (!ref) return tl::unexpected(ref.error());
    ++summary_.fetched;
    t.outcome = "archived";
    t.record_id = ref->record_id;
    if (status >= 300 && status < 400) {
      std::string loc = HeaderValue(t.ex.response_headers, "Location");
      MarkState(t.task.url, "done", status, "redirect", &*ref);
      if (loc.empty()) return {};
      if (t.task.hops >= 10) {
        Warn("too many redirects: " + t.task.url);
        Failed(t, "redirect limit");
        return {};
      }
      std::string target = ResolveUrl(t.task.url, loc);
      if (!Enqueue(target, t.task.kind, t.task.depth, t.task.hops + 1)) {
        // Already known: either fetched (fine) or a loop back to an earlier hop.
      }
      return {};
    }
    if (status >= 400) {
      Failed(t, "HTTP " + std::to_string(status));
      MarkState(t.task.url, "failed", status, "HTTP " + std::to_string(status), &*ref);
      return {};
    }
    // 2xx: decode and discover.
    auto parsed = ParseHttpResponse("HTTP/1.1 200 OK\r\nContent-Encoding: " +
                                    HeaderValue(t.ex.response_headers, "Content-Encoding") +
                                    "\r\n\r\n" + t.ex.body);
    std::string body = parsed ? parsed->body : t.ex.body;
    std::string ctype = HeaderValue(t.ex.response_headers, "Content-Type");
    if (t.task.url.ends_with(".gz") && body.size() > 2 &&
        static_cast<unsigned char>(body[0]) == 0x1f && static_cast<unsigned char>(body[1]) == 0x8b) {
      if (auto inflated = Inflate(body, 50u << 20)) body = std::move(*inflated);
    }
    bool xml = LooksLikeDiscoveryXml(body, ctype);
    std::string kind = t.task.kind;
    if (xml) {
      ++summary_.discovery;
      auto doc = ParseDiscovery(body, t.task.url);
      if (!doc) {
        Warn(doc.error().message);
      } else {
        for (const auto& l : doc->links)
          Enqueue(l.url, l.is_discovery ? "discovery" : "page", t.task.depth + 1, 0);
      }
      kind = "discovery";
    } else {
      if (kind == "seed") {
        for (const auto& f : FeedLinks(body, t.task.url)) Enqueue(f, "discovery", 1, 0);
      } else if (kind == "page") {
        ++summary_.new_pages;
      }
      if (opts_.settings.follow_links && t.task.depth < opts_.settings.max_depth) FollowLinks(t, body);
    }
    sqlite3_stmt* s = db_.Stmt("UPDATE frontier SET kind=?2, etag=?3, last_modified=?4 WHERE url=?1");
    Bind(s, 1, t.task.url);
    Bind(s, 2, kind);
    Bind(s, 3, HeaderValue(t.ex.response_headers, "ETag"));
    Bind(s, 4, HeaderValue(t.ex.response_headers, "Last-Modified"));
    sqlite3_step(s);
    MarkState(t.task.url, "done", status, "", &*ref);
    return {};
  }

  // Same-site links of an HTML page, filtered by the include/exclude patterns.
  void FollowLinks(const Transfer& t, const std::string& html) {
    static const std::regex kHref(R"(<a\b[^>]*?\bhref\s*=\s*["']([^"'#]+))", std::regex::icase);
    std::string host = corpus::UrlHost(t.task.url);
    std::size_t limit = std::min<std::size_t>(html.size(), 4u << 20);
    auto begin = std::sregex_iterator(html.begin(), html.begin() + static_cast<long>(limit), kHref);
    for (auto it = begin; it != std::sregex_iterator(); ++it) {
      std::string url = NormalizeUrl(ResolveUrl(t.task.url, (*it)[1].str()));
      if (url.empty() || corpus::UrlHost(url) != host) continue;
      bool included = include_.empty();
      for (const auto& re : include_) included = included || std::regex_search(url, re);
      if (!included) continue;
      Enqueue(url, "page", t.task.depth + 1, 0);
    }
  }

  // The archive file is created on the first record, so a run that fetches nothing leaves none.
  Result<WarcWriter*> Writer() {
    if (!writer_) {
      auto w = WarcWriter::Create(study_.archive_dir(), "framescope", 1ull << 30,
                                  opts_.settings.user_agent);
      if (!w) return tl::unexpected(w.error());
      writer_ = std::move(*w);
    }
    return writer_.get();
  }

  Result<corpus::ArchiveRef> Archive(const HttpExchange& ex) {
    auto w = Writer();
    if (!w) return tl::unexpected(w.error());
    auto ref = (*w)->WriteExchange(ex);
    if (ref) NoteCurrentWarc();
    return ref;
  }

  Status Loop() {
    double last_progress = 0;
    for (;;) {
      // Batch the database work of many completions in one transaction; the WARC bytes are
      // flushed before the row that points to them is committed.
      db_.Exec("BEGIN");
      Fill();
      int running = 0;
      Curl().multi_perform(multi_, &running);
      CURLMsg* msg;
      int left;
      Status status;
      while ((msg = Curl().multi_info_read(multi_, &left))) {
        if (msg->msg != CURLMSG_DONE) continue;
        CURL* e = msg->easy_handle;
        auto node = active_.extract(e);
        if (node.empty()) continue;
        std::unique_ptr<Transfer> t = std::move(node.mapped());
        if (!t) continue;
        Curl().multi_remove_handle(multi_, e);
        if (t->ex.status != 0) t->ex.protocol = ProtocolOf(e);
        Status s = Finish(*t, msg->data.result);
        if (opts_.on_fetch) {
          FetchEvent ev{t->task.url,        t->task.kind, t->ex.status,
                        t->outcome,         t->reason,    t->ex.body.size(),
                        Now() - t->started, t->record_id, t->ex.protocol};
          opts_.on_fetch(ev);
        }
        Curl().slist_free_all(t->headers);
        Curl().easy_cleanup(e);
        if (!s) status = s;
      }
      db_.Exec("COMMIT");
      if (!status) return status;
      double now = Now();
      if (progress_ && now - last_progress > 0.5) {
        last_progress = now;
        progress_(Progress());
      }
      if (active_.empty()) {
        bool any_ready_later = false;
        for (auto& [host, h] : hosts_)
          if (!h.queue.empty() || h.robots_pending || (h.wants_robots && !h.robots_known))
            any_ready_later = true;
        bool page_limit = opts_.settings.max_pages > 0 &&
                          static_cast<int>(summary_.new_pages) >= opts_.settings.max_pages;
        if (!any_ready_later || (page_limit && OnlyPagesLeft())) break;
      }
      // Sleep only until something can happen: a socket event (curl wakes the poll), or the
      // earliest moment a waiting host may be asked again. Never sleep while a host is ready.
      double wake = Now() + 0.1;
      if (static_cast<int>(active_.size()) < opts_.settings.concurrency) {
        for (auto& [host, h] : hosts_)
          if (!h.busy && !h.robots_pending &&
              (!h.queue.empty() || (h.wants_robots && !h.robots_known)))
            wake = std::min(wake, h.next_at);
      }
      int timeout_ms = static_cast<int>(std::max(0.0, (wake - Now()) * 1000.0));
      if (timeout_ms > 0) {
        int numfds = 0;
        Curl().multi_poll(multi_, nullptr, 0, timeout_ms, &numfds);
      }
    }
    if (progress_) progress_(Progress());
    return {};
  }

  bool OnlyPagesLeft() {
    for (auto& [host, h] : hosts_)
      for (const auto& t : h.queue)
        if (t.kind != "page") return false;
    return true;
  }

  CrawlProgress Progress() const {
    CrawlProgress p;
    p.done = done_;
    p.pages = summary_.new_pages;
    p.errors = errors_;
    p.queued = queued_;
    p.elapsed = Now() - start_;
    return p;
  }

  const corpus::Study& study_;
  CrawlOptions opts_;
  std::function<void(const CrawlProgress&)> progress_;
  std::function<void(const std::string&)> warn_;
  StateDb db_;
  CURLM* multi_ = nullptr;
  std::unique_ptr<WarcWriter> writer_;
  std::unordered_map<std::string, HostState> hosts_;
  std::unordered_map<CURL*, std::unique_ptr<Transfer>> active_;
  CrawlSummary summary_;
  std::size_t done_ = 0, errors_ = 0, queued_ = 0, pages_active_ = 0;
  bool loaded_ = false;
  std::string noted_warc_;
  std::vector<std::regex> include_, exclude_;
  std::string ca_file_;  // settings.ca_file, made absolute
  double start_ = 0;
  std::mt19937_64 rng_{12345};
};

}  // namespace

bool IsPrivateAddress(const std::string& ip) {
  in_addr v4{};
  if (inet_pton(AF_INET, ip.c_str(), &v4) == 1) {
    std::uint32_t a = ntohl(v4.s_addr);
    return (a >> 24) == 10 || (a >> 24) == 127 || (a >> 20) == (172 << 4 | 1) ||
           (a >> 16) == (192u << 8 | 168) || (a >> 16) == (169u << 8 | 254) || a == 0 ||
           (a >> 22) == ((100u << 2) | 1);  // 100.64/10 carrier-grade NAT
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, ip.c_str(), &v6) == 1) {
    const unsigned char* b = v6.s6_addr;
    bool zero = std::all_of(b, b + 15, [](unsigned char c) { return c == 0; });
    if (zero && (b[15] == 1 || b[15] == 0)) return true;  // ::1, ::
    if ((b[0] & 0xFE) == 0xFC) return true;                 // fc00::/7
    if (b[0] == 0xFE && (b[1] & 0xC0) == 0x80) return true; // fe80::/10
    if (std::all_of(b, b + 10, [](unsigned char c) { return c == 0; }) && b[10] == 0xFF &&
        b[11] == 0xFF) {
      char buf[INET_ADDRSTRLEN];
      inet_ntop(AF_INET, b + 12, buf, sizeof buf);
      return IsPrivateAddress(buf);
    }
    return false;
  }
  return true;  // unparseable: refuse
}

Result<CrawlSummary> Crawl(const corpus::Study& study, const CrawlOptions& options,
                           const std::function<void(const CrawlProgress&)>& progress,
                           const std::function<void(const std::string&)>& warn) {
  if (auto curl = LoadCurl(); !curl) return tl::unexpected(curl.error());
  Crawler c(study, options, progress, warn);
  return c.Run();
}

Result<std::vector<ArchivedPage>> ListArchivedPages(const corpus::Study& study) {
  StateDb db;
  auto st = db.Open(study.crawl_db());
  if (!st) return tl::unexpected(st.error());
  std::vector<ArchivedPage> out;
  sqlite3_stmt* s = db.Stmt(
      "SELECT url, kind, warc_file, record_id, offset FROM frontier WHERE state='done' AND "
      "record_id IS NOT NULL AND status BETWEEN 200 AND 299 ORDER BY rowid");
  while (sqlite3_step(s) == SQLITE_ROW) {
    out.push_back(ArchivedPage{Col(s, 0), Col(s, 1), Col(s, 2), Col(s, 3),
                               static_cast<std::uint64_t>(sqlite3_column_int64(s, 4))});
  }
  return out;
}

}  // namespace framescope::crawler
