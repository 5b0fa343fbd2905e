// The crawler: polite, archived and resumable. Seeds (feeds, sitemaps, pages, robots.txt
// Sitemap: lines, feed links in HTML heads) lead to article pages; every HTTP exchange is written
// to the study's WARC archive before anything is derived from it; the frontier and fetch log live
// in crawl.sqlite (WAL), so a killed crawl resumes where it stopped without refetching what it
// archived.
//
// crawl.sqlite tables:
//   frontier(url PRIMARY KEY, kind seed|discovery|page, depth, state queued|done|failed|blocked,
//            tries, next_at, status, reason, warc_file, record_id, digest, captured, offset,
//            etag, last_modified, hops, recrawl)
//   meta(key PRIMARY KEY, value): current_warc = the archive file being written
//   robots(host PRIMARY KEY, status, body, fetched_at)
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "framescope/corpus/result.h"
#include "framescope/corpus/study.h"

namespace framescope::crawler {

// One finished HTTP exchange, for logs (`crawl --log-json`).
struct FetchEvent {
  std::string url;
  std::string kind;     // seed, discovery, page, robots
  int status = 0;       // 0 when no response arrived
  std::string outcome;  // archived, unchanged (304 revisit), retry, failed, blocked, refused
  std::string reason;   // for retry/failed/blocked/refused
  std::size_t bytes = 0;
  double seconds = 0;
  std::string record_id;
  // The HTTP version the exchange used, as its ALPN name: "h2", "http/1.1" or "http/1.0" ("" when
  // no response arrived). https offers HTTP/2 and falls back to HTTP/1.1 when the server does not
  // take it; plain http uses HTTP/1.1. The WARC records carry it as WARC-Protocol.
  std::string protocol;
};

struct CrawlOptions {
  corpus::CrawlSettings settings;
  std::vector<std::string> seeds;  // added to the frontier (kept from earlier runs too)
  // Fetch again the pages archived before, with conditional requests (If-None-Match,
  // If-Modified-Since); a 304 is archived as a WARC revisit record.
  bool recrawl = false;
  // Feeds, sitemaps and seed pages fetched longer ago than this are read again (new articles).
  double refresh_seconds = 3600;
  std::function<void(const FetchEvent&)> on_fetch;  // called for every exchange, if set
};

struct CrawlProgress {
  std::size_t done = 0;     // exchanges finished this run
  std::size_t pages = 0;    // article pages archived this run
  std::size_t errors = 0;
  std::size_t queued = 0;   // URLs still waiting
  double elapsed = 0;       // seconds
};

struct CrawlSummary {
  std::size_t fetched = 0;         // HTTP exchanges archived
  std::size_t new_pages = 0;       // article pages archived
  std::size_t discovery = 0;       // feeds, sitemaps, robots.txt
  std::size_t failed = 0;
  std::size_t robots_blocked = 0;
  std::size_t refused = 0;         // scheme or private-address refusals
  std::size_t already_archived = 0;  // seeds/links skipped because archived before
  std::size_t unchanged = 0;         // recrawled pages the server reported unchanged (304)
  std::map<std::string, std::size_t> failures_by_reason;
  std::vector<std::string> warnings;  // broken feeds and the like, one line each
  double seconds = 0;
};

// Runs the crawl to completion (or max_pages). `progress` is called about twice a second;
// `warn` for each recoverable problem (broken XML, refused URL). Errors are returned only for
// failures of the study itself (cannot open crawl.sqlite or write the archive) and for bad
// settings (an invalid URL pattern, a ca_file that cannot be read).
// https certificates are always verified, against the system's certificate authorities and
// `settings.ca_file`. A certificate that does not verify counts as one failure (no retries) with
// a reason naming the TLS problem, and a warning; nothing more of that host is fetched in the
// run, and its URLs stay queued for the next one (e.g. with ca_file set).
Result<CrawlSummary> Crawl(const corpus::Study& study, const CrawlOptions& options,
                           const std::function<void(const CrawlProgress&)>& progress,
                           const std::function<void(const std::string&)>& warn);

// The archived article pages of a study: URL -> where the response record is, from crawl.sqlite.
struct ArchivedPage {
  std::string url;
  std::string kind;
  std::string warc_file;
  std::string record_id;
  std::uint64_t offset = 0;
};
Result<std::vector<ArchivedPage>> ListArchivedPages(const corpus::Study& study);

// True for loopback, private (RFC 1918, fc00::/7), link-local and unspecified addresses.
bool IsPrivateAddress(const std::string& ip);

}  // namespace framescope::crawler
