// WARC/1.1 archive files: writing (one gzip member per record, rotation by size) and reading
// (ours and other tools': gzipped or plain, truncated and corrupt members detected and skipped).
//
// Record layout written here (ISO 28500:2017):
//   warcinfo  once at the start of each file: software, format, user agent, robots policy
//   request   the HTTP request as sent (GET line and headers)
//   response  "application/http;msgtype=response": status line, headers as received (minus
//             Transfer-Encoding, since the body is stored de-chunked), blank line, body bytes as
//             received (still gzip/deflate-encoded if the server sent it so)
// HTTP/2 exchanges are stored in HTTP/1.1 message syntax, since WARC defines no other and
// "HTTP/2 200" is not a valid HTTP/1 status line (warcio.js tolerates it, stricter readers do
// not; wget 1.x never speaks HTTP/2): the response starts "HTTP/1.1 200 OK" (HTTP/2 has no reason
// phrase, so the standard one for the code is written), header names stay as received (lower
// case in HTTP/2), and request and response records carry `WARC-Protocol: h2` (the field proposed
// in iipc/warc-specifications#42; StormCrawler and Nutch write HTTP/2 the same way). HTTP/1.x
// exchanges carry `WARC-Protocol: http/1.1` (or http/1.0).
//   revisit   for 304 Not Modified (profile server-not-modified), refers to the earlier capture
// Every record carries WARC-Record-ID (urn:uuid), WARC-Date, WARC-Block-Digest; request,
// response and revisit carry WARC-Target-URI; response carries WARC-Payload-Digest (sha1 base32
// of the body), WARC-IP-Address when known, and WARC-Concurrent-To links request to response.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "framescope/corpus/document.h"
#include "framescope/corpus/result.h"

struct libdeflate_decompressor;  // <libdeflate.h>

namespace framescope::crawler {

using Headers = std::vector<std::pair<std::string, std::string>>;

// One HTTP exchange as the crawler saw it.
struct HttpExchange {
  std::string url;
  std::string method = "GET";
  Headers request_headers;
  int status = 0;
  std::string reason;
  std::string http_version = "HTTP/1.1";  // from the status line curl reports, e.g. "HTTP/2"
  // The negotiated protocol, as its ALPN name ("h2", "http/1.1"), written as WARC-Protocol;
  // "" = derived from http_version.
  std::string protocol;
  Headers response_headers;
  std::string body;  // as received on the wire (content-encoding not removed)
  std::string ip;
  std::string fetched_at;  // ISO 8601 UTC
  std::string refers_to_record;  // revisit: the earlier capture's WARC-Record-ID
  std::string refers_to_date;
};

class WarcWriter {
 public:
  // Starts a new file in `dir` named `<prefix>-<UTC timestamp>-<pid>-<serial>.warc.gz`; a writer
  // never appends to an existing file, so a file cut off by a crash is never extended.
  static Result<std::unique_ptr<WarcWriter>> Create(const std::string& dir,
                                                    const std::string& prefix,
                                                    std::uint64_t max_file_bytes,
                                                    const std::string& user_agent);
  ~WarcWriter();
  WarcWriter(const WarcWriter&) = delete;
  WarcWriter& operator=(const WarcWriter&) = delete;

  // Writes request + response records (or a revisit for status 304) and flushes them to the OS.
  // Returns where the response record lives. Rotates to a new file once the size is exceeded.
  Result<corpus::ArchiveRef> WriteExchange(const HttpExchange& ex);
  // Writes a resource or metadata record of any type; returns its reference.
  Result<corpus::ArchiveRef> WriteRecord(const std::string& type, const Headers& extra_headers,
                                         const std::string& content_type,
                                         const std::string& block);
  // Many resource or metadata records at once, in order: digests and gzip compression run on
  // `threads` threads (0: one per core), the writes in order on this one. Returns one reference
  // per record; on a write error, the records before it are written and the error is returned.
  struct Record {
    std::string type;
    Headers extra_headers;
    std::string content_type;
    std::string block;
  };
  Result<std::vector<corpus::ArchiveRef>> WriteRecords(const std::vector<Record>& records,
                                                       unsigned threads = 0);
  // gzip level of the members written from now on: 1 (fastest) to 12 (smallest); default 6.
  void set_compression_level(int level) { level_ = std::clamp(level, 1, 12); }
  const std::string& current_file() const { return file_name_; }

 private:
  WarcWriter() = default;
  Status OpenNext();
  Result<std::uint64_t> AppendMember(const std::string& record);
  // Writes one gzip member; flushes it to the OS unless `flush` is false.
  Result<std::uint64_t> AppendCompressed(const std::string& gz, bool flush = true);
  // Appends a composed member (opening the next file first when this one is full) and fills in
  // the reference's file and offset.
  Status Place(const std::string& member, corpus::ArchiveRef& ref, bool flush);
  // A record's gzip member; fills in the reference's id, capture time and block digest.
  std::string ComposeMember(const std::string& type, const Headers& extra,
                            const std::string& content_type, const std::string& block,
                            corpus::ArchiveRef& ref) const;
  std::string dir_, prefix_, user_agent_, file_name_;
  std::uint64_t max_bytes_ = 0, size_ = 0;
  int serial_ = 0, level_ = 6;
  std::FILE* file_ = nullptr;
};

struct WarcRecord {
  std::string version;  // "WARC/1.1"
  Headers headers;
  std::string block;
  std::uint64_t offset = 0;  // of the gzip member (or of the record in a plain file)

  std::string Header(const std::string& name) const;  // case-insensitive; "" when absent
};

// An HTTP response parsed out of a response record's block.
struct HttpResponse {
  int status = 0;
  Headers headers;
  std::string body;  // content-encoding (gzip, deflate, br) removed
  std::string Header(const std::string& name) const;
};

// Parses "HTTP/1.1 200 OK\r\nHeaders...\r\n\r\nbody"; decodes gzip/deflate bodies and chunked
// transfer encoding. Errors name what is malformed.
Result<HttpResponse> ParseHttpResponse(const std::string& block);

// Sequential reader over a .warc, .warc.gz (multi-member) file.
class WarcReader {
 public:
  static Result<std::unique_ptr<WarcReader>> Open(const std::string& path);
  ~WarcReader();
  WarcReader(const WarcReader&) = delete;
  WarcReader& operator=(const WarcReader&) = delete;

  // The next record; nullopt at the end of the file. A corrupt or truncated record gives an
  // Error (with the file and offset) and the reader moves past it, so calling Next() again
  // continues with the following record.
  Result<std::optional<WarcRecord>> Next();
  // Byte offset where the next record starts; Seek moves there (e.g. to resume a file).
  std::uint64_t position() const { return pos_; }
  void Seek(std::uint64_t offset) { pos_ = offset; }
  // Reads the single record whose gzip member starts at `offset`.
  static Result<WarcRecord> ReadAt(const std::string& path, std::uint64_t offset);

 private:
  WarcReader() = default;
  Result<std::optional<WarcRecord>> NextGzip();
  std::optional<WarcRecord> NextGzipFast();
  Result<std::optional<WarcRecord>> NextPlain();
  std::string path_;
  std::FILE* file_ = nullptr;
  bool gzip_ = false;
  std::uint64_t pos_ = 0;
  // The fast path's read window (file bytes from window_start_) and inflate scratch.
  std::string window_, scratch_;
  std::uint64_t window_start_ = 0;
  bool window_at_eof_ = false, windowed_ = true;
  libdeflate_decompressor* inflater_ = nullptr;
};

// The ALPN name of an HTTP version as curl's status line shows it: "HTTP/2" -> "h2",
// "HTTP/1.1" -> "http/1.1", "HTTP/1.0" -> "http/1.0", "HTTP/3" -> "h3"; "" when unknown.
std::string ProtocolName(const std::string& http_version);
// The standard reason phrase of an HTTP status code ("OK" for 200); "" for codes without one.
std::string ReasonPhrase(int status);

// A fresh "<urn:uuid:...>" (random v4).
std::string NewRecordId();
// Inflates gzip or zlib/deflate data; Error when it is corrupt or truncated. `limit` caps the
// output size (a gzip bomb gives an Error, not memory exhaustion).
Result<std::string> Inflate(std::string_view data, std::size_t limit);
// Decodes a brotli ("br") body, with the same output cap.
Result<std::string> BrotliDecode(std::string_view data, std::size_t limit);

}  // namespace framescope::crawler
