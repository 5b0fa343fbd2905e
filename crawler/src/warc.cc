#include "framescope/crawler/warc.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <optional>
#include <random>
#include <stdexcept>
#include <thread>

#include <brotli/decode.h>
#include <libdeflate.h>
#include <zlib.h>

#include "framescope/corpus/dates.h"
#include "framescope/corpus/hash.h"

namespace framescope::crawler {
namespace {

bool IEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::string FindHeader(const Headers& h, const std::string& name) {
  for (const auto& [k, v] : h)
    if (IEquals(k, name)) return v;
  return "";
}

// Compresses `data` as one complete gzip member with libdeflate (whole-buffer DEFLATE, about twice
// as fast as zlib at the same level and ratio). One compressor per thread and level.
std::string GzipMember(std::string_view data, int level) {
  struct Compressor {
    libdeflate_compressor* c = nullptr;
    int level = -1;
    ~Compressor() { libdeflate_free_compressor(c); }
  };
  thread_local Compressor comp;
  if (!comp.c || comp.level != level) {
    libdeflate_free_compressor(comp.c);
    comp.c = libdeflate_alloc_compressor(level);
    comp.level = level;
    if (!comp.c) throw std::bad_alloc();
  }
  // Compressed into a buffer kept by the thread, then copied at its final size: a fresh string
  // of the bound's size would be zero-filled (and page-faulted) for every record. Records too
  // large to keep their buffer around (8 MiB and more) get one of their own.
  constexpr std::size_t kKeptBuffer = 8u << 20;
  thread_local std::vector<char> kept;
  const std::size_t bound = libdeflate_gzip_compress_bound(comp.c, data.size());
  std::vector<char> own;
  std::vector<char>& buffer = bound <= kKeptBuffer ? kept : own;
  if (buffer.size() < bound) buffer.resize(bound);
  std::size_t n = libdeflate_gzip_compress(comp.c, data.data(), data.size(), buffer.data(), bound);
  if (n == 0) throw std::runtime_error("gzip compression failed");  // the bound was too small
  return std::string(buffer.data(), n);
}

std::string HttpHeaderBlock(const Headers& h, bool drop_transfer_encoding) {
  std::string s;
  for (const auto& [k, v] : h) {
    if (drop_transfer_encoding && IEquals(k, "Transfer-Encoding")) continue;
    s += k + ": " + v + "\r\n";
  }
  return s;
}

std::string RecordText(const std::string& type, const std::string& id, const std::string& date,
                       const Headers& extra, const std::string& content_type,
                       const std::string& block, std::string* block_digest = nullptr) {
  std::string digest = corpus::WarcSha1(block);
  std::string r = "WARC/1.1\r\n";
  r += "WARC-Type: " + type + "\r\n";
  r += "WARC-Record-ID: " + id + "\r\n";
  r += "WARC-Date: " + date + "\r\n";
  for (const auto& [k, v] : extra) r += k + ": " + v + "\r\n";
  r += "WARC-Block-Digest: " + digest + "\r\n";
  if (!content_type.empty()) r += "Content-Type: " + content_type + "\r\n";
  r += "Content-Length: " + std::to_string(block.size()) + "\r\n\r\n";
  r += block;
  r += "\r\n\r\n";
  if (block_digest) *block_digest = std::move(digest);
  return r;
}

// ARC (the Internet Archive's format before WARC): a one-line header
// "URL IP-address 14-digit-date content-type [more fields] length" and then `length` bytes.
struct ArcHeader {
  std::string url, ip, date, type;
  unsigned long long length = 0;
};

std::optional<ArcHeader> ParseArcHeaderLine(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  std::vector<std::string_view> f;
  std::size_t i = 0;
  while (i < line.size()) {
    std::size_t j = line.find(' ', i);
    if (j == std::string_view::npos) j = line.size();
    if (j > i) f.push_back(line.substr(i, j - i));
    i = j + 1;
  }
  if (f.size() < 5 || f[2].size() != 14) return std::nullopt;
  for (char c : f[2])
    if (c < '0' || c > '9') return std::nullopt;
  ArcHeader h{std::string(f[0]), std::string(f[1]), std::string(f[2]), std::string(f[3]), 0};
  char* end = nullptr;
  std::string len(f.back());
  h.length = std::strtoull(len.c_str(), &end, 10);
  if (end == len.c_str() || *end != '\0') return std::nullopt;
  return h;
}

// Presents an ARC record as the WARC record it would have been.
WarcRecord ArcToWarc(const ArcHeader& h, std::string block, std::uint64_t offset,
                     const std::string& file) {
  WarcRecord rec;
  rec.version = "ARC";
  rec.offset = offset;
  const std::string& d = h.date;
  std::string iso = d.substr(0, 4) + "-" + d.substr(4, 2) + "-" + d.substr(6, 2) + "T" +
                    d.substr(8, 2) + ":" + d.substr(10, 2) + ":" + d.substr(12, 2) + "Z";
  bool filedesc = h.url.starts_with("filedesc://");
  bool http = block.starts_with("HTTP/");
  rec.headers = {{"WARC-Type", filedesc ? "warcinfo" : http ? "response" : "resource"},
                 {"WARC-Record-ID", "<urn:framescope:arc:" + file + ":" + std::to_string(offset) + ">"},
                 {"WARC-Date", iso},
                 {"WARC-Target-URI", h.url},
                 {"WARC-IP-Address", h.ip},
                 {"Content-Type", http ? "application/http;msgtype=response" : h.type},
                 {"Content-Length", std::to_string(block.size())}};
  rec.block = std::move(block);
  return rec;
}

Result<WarcRecord> ParseRecord(std::string_view data, std::uint64_t offset,
                               const std::string& where) {
  WarcRecord rec;
  rec.offset = offset;
  {
    std::string_view d = data;
    while (!d.empty() && (d.front() == '\n' || d.front() == '\r')) d.remove_prefix(1);
    if (!d.starts_with("WARC/")) {
      auto eol = d.find('\n');
      if (auto arc = ParseArcHeaderLine(d.substr(0, eol)); arc && eol != std::string_view::npos) {
        std::string_view rest = d.substr(eol + 1);
        if (rest.size() < arc->length)
          return Fail(ErrorCode::kCorrupt, where + ": truncated ARC record");
        return ArcToWarc(*arc, std::string(rest.substr(0, arc->length)), offset,
                         where.substr(0, where.find(" at offset")));
      }
    }
  }
  auto head_end = data.find("\r\n\r\n");
  std::size_t sep = 4;
  if (head_end == std::string_view::npos) {
    head_end = data.find("\n\n");  // tolerate LF-only writers
    sep = 2;
  }
  if (head_end == std::string_view::npos)
    return Fail(ErrorCode::kCorrupt, where + ": record header not terminated");
  std::string_view head = data.substr(0, head_end);
  std::size_t pos = 0;
  bool first = true;
  while (pos <= head.size()) {
    auto e = head.find('\n', pos);
    if (e == std::string_view::npos) e = head.size();
    std::string_view line = head.substr(pos, e - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos = e + 1;
    if (first) {
      if (!line.starts_with("WARC/"))
        return Fail(ErrorCode::kCorrupt, where + ": not a WARC record (no WARC/ version line)");
      rec.version = std::string(line);
      first = false;
      continue;
    }
    if (line.empty()) continue;
    if (line[0] == ' ' || line[0] == '\t') {
      // A folded continuation line; one of only blanks adds nothing (and has no first non-blank
      // character to start from: found by the WARC fuzzer).
      auto text = line.find_first_not_of(" \t");
      if (text != std::string_view::npos && !rec.headers.empty())
        rec.headers.back().second += " " + std::string(line.substr(text));
      continue;
    }
    auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view v = line.substr(colon + 1);
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
    std::string name(line.substr(0, colon));
    // WARC/1.0 writers (wget among them) put angle brackets around the target URI.
    if (IEquals(name, "WARC-Target-URI") && v.size() > 2 && v.front() == '<' && v.back() == '>')
      v = v.substr(1, v.size() - 2);
    rec.headers.emplace_back(std::move(name), std::string(v));
  }
  std::string len_s = rec.Header("Content-Length");
  char* endp = nullptr;
  unsigned long long len = std::strtoull(len_s.c_str(), &endp, 10);
  if (len_s.empty() || endp == len_s.c_str())
    return Fail(ErrorCode::kCorrupt, where + ": missing or bad Content-Length");
  std::size_t body_start = head_end + sep;
  if (data.size() < body_start || data.size() - body_start < len) {
    return Fail(ErrorCode::kCorrupt, where + ": truncated record (Content-Length " + len_s +
                                         ", only " +
                                         std::to_string(data.size() - std::min(data.size(), body_start)) +
                                         " bytes present)");
  }
  rec.block = std::string(data.substr(body_start, len));
  return rec;
}

}  // namespace

std::string WarcRecord::Header(const std::string& name) const { return FindHeader(headers, name); }

std::string ProtocolName(const std::string& http_version) {
  if (http_version == "HTTP/1.1") return "http/1.1";
  if (http_version == "HTTP/1.0") return "http/1.0";
  if (http_version == "HTTP/2" || http_version == "HTTP/2.0") return "h2";
  if (http_version == "HTTP/3" || http_version == "HTTP/3.0") return "h3";
  return "";
}

std::string ReasonPhrase(int status) {
  // RFC 9110 section 15 (and 429 from RFC 6585).
  static const std::map<int, const char*> kPhrases = {
      {100, "Continue"},
      {101, "Switching Protocols"},
      {200, "OK"},
      {201, "Created"},
      {202, "Accepted"},
      {203, "Non-Authoritative Information"},
      {204, "No Content"},
      {205, "Reset Content"},
      {206, "Partial Content"},
      {300, "Multiple Choices"},
      {301, "Moved Permanently"},
      {302, "Found"},
      {303, "See Other"},
      {304, "Not Modified"},
      {305, "Use Proxy"},
      {307, "Temporary Redirect"},
      {308, "Permanent Redirect"},
      {400, "Bad Request"},
      {401, "Unauthorized"},
      {402, "Payment Required"},
      {403, "Forbidden"},
      {404, "Not Found"},
      {405, "Method Not Allowed"},
      {406, "Not Acceptable"},
      {407, "Proxy Authentication Required"},
      {408, "Request Timeout"},
      {409, "Conflict"},
      {410, "Gone"},
      {411, "Length Required"},
      {412, "Precondition Failed"},
      {413, "Content Too Large"},
      {414, "URI Too Long"},
      {415, "Unsupported Media Type"},
      {416, "Range Not Satisfiable"},
      {417, "Expectation Failed"},
      {421, "Misdirected Request"},
      {422, "Unprocessable Content"},
      {426, "Upgrade Required"},
      {429, "Too Many Requests"},
      {451, "Unavailable For Legal Reasons"},
      {500, "Internal Server Error"},
      {501, "Not Implemented"},
      {502, "Bad Gateway"},
      {503, "Service Unavailable"},
      {504, "Gateway Timeout"},
      {505, "HTTP Version Not Supported"},
  };
  auto it = kPhrases.find(status);
  return it == kPhrases.end() ? "" : it->second;
}
std::string HttpResponse::Header(const std::string& name) const {
  return FindHeader(headers, name);
}

std::string NewRecordId() {
  thread_local std::mt19937_64 rng{std::random_device{}() ^
                                   (static_cast<std::uint64_t>(getpid()) << 32)};
  std::uint64_t a = rng(), b = rng();
  a = (a & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000004000ULL;
  b = (b & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;
  char buf[64];
  std::snprintf(buf, sizeof buf, "<urn:uuid:%08x-%04x-%04x-%04x-%012llx>",
                static_cast<unsigned>(a >> 32), static_cast<unsigned>((a >> 16) & 0xFFFF),
                static_cast<unsigned>(a & 0xFFFF), static_cast<unsigned>(b >> 48),
                static_cast<unsigned long long>(b & 0xFFFFFFFFFFFFULL));
  return buf;
}

Result<std::string> Inflate(std::string_view data, std::size_t limit) {
  z_stream zs{};
  // 32 + 15: detect gzip or zlib header automatically.
  if (inflateInit2(&zs, 32 + 15) != Z_OK) return Fail(ErrorCode::kInternal, "inflateInit failed");
  bool raw_tried = false;
  std::string out;
  char buf[65536];
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  for (;;) {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof buf;
    int rc = inflate(&zs, Z_NO_FLUSH);
    out.append(buf, sizeof buf - zs.avail_out);
    if (out.size() > limit) {
      inflateEnd(&zs);
      return Fail(ErrorCode::kInvalidInput,
                  "compressed body expands beyond " + std::to_string(limit) + " bytes");
    }
    if (rc == Z_STREAM_END) break;
    if (rc == Z_DATA_ERROR && !raw_tried && out.empty()) {
      // "deflate" from some servers is raw deflate without the zlib header.
      raw_tried = true;
      inflateEnd(&zs);
      zs = z_stream{};
      inflateInit2(&zs, -15);
      zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
      zs.avail_in = static_cast<uInt>(data.size());
      continue;
    }
    if (rc != Z_OK && rc != Z_BUF_ERROR) {
      inflateEnd(&zs);
      return Fail(ErrorCode::kInvalidInput, std::string("corrupt compressed data: ") +
                                                (zs.msg ? zs.msg : "inflate error"));
    }
    if (rc == Z_BUF_ERROR || (zs.avail_in == 0 && zs.avail_out != 0)) {
      inflateEnd(&zs);
      return Fail(ErrorCode::kInvalidInput, "truncated compressed data");
    }
  }
  inflateEnd(&zs);
  return out;
}

Result<std::string> BrotliDecode(std::string_view data, std::size_t limit) {
  BrotliDecoderState* st = BrotliDecoderCreateInstance(nullptr, nullptr, nullptr);
  if (!st) return Fail(ErrorCode::kInternal, "brotli decoder");
  std::string out;
  const uint8_t* next_in = reinterpret_cast<const uint8_t*>(data.data());
  std::size_t avail_in = data.size();
  uint8_t buf[65536];
  BrotliDecoderResult r;
  do {
    uint8_t* next_out = buf;
    std::size_t avail_out = sizeof buf;
    r = BrotliDecoderDecompressStream(st, &avail_in, &next_in, &avail_out, &next_out, nullptr);
    out.append(reinterpret_cast<char*>(buf), sizeof buf - avail_out);
    if (out.size() > limit) {
      BrotliDecoderDestroyInstance(st);
      return Fail(ErrorCode::kInvalidInput,
                  "compressed body expands beyond " + std::to_string(limit) + " bytes");
    }
  } while (r == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT);
  BrotliDecoderDestroyInstance(st);
  if (r == BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT)
    return Fail(ErrorCode::kInvalidInput, "truncated brotli data");
  if (r != BROTLI_DECODER_RESULT_SUCCESS)
    return Fail(ErrorCode::kInvalidInput, "corrupt brotli data");
  return out;
}

Result<HttpResponse> ParseHttpResponse(const std::string& block) {
  HttpResponse r;
  auto head_end = block.find("\r\n\r\n");
  std::size_t sep = 4;
  if (head_end == std::string::npos) {
    head_end = block.find("\n\n");
    sep = 2;
  }
  if (head_end == std::string::npos)
    return Fail(ErrorCode::kInvalidInput, "HTTP headers not terminated");
  std::string_view head(block.data(), head_end);
  auto eol = head.find('\n');
  std::string_view status_line = head.substr(0, eol);
  if (!status_line.starts_with("HTTP/"))
    return Fail(ErrorCode::kInvalidInput, "no HTTP status line");
  auto sp = status_line.find(' ');
  if (sp == std::string_view::npos) return Fail(ErrorCode::kInvalidInput, "bad HTTP status line");
  r.status = std::atoi(std::string(status_line.substr(sp + 1, 3)).c_str());
  std::size_t pos = eol == std::string_view::npos ? head.size() : eol + 1;
  while (pos < head.size()) {
    auto e = head.find('\n', pos);
    if (e == std::string_view::npos) e = head.size();
    std::string_view line = head.substr(pos, e - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos = e + 1;
    auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view v = line.substr(colon + 1);
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
    r.headers.emplace_back(std::string(line.substr(0, colon)), std::string(v));
  }
  std::string body = block.substr(head_end + sep);
  std::string te = r.Header("Transfer-Encoding");
  std::transform(te.begin(), te.end(), te.begin(), ::tolower);
  if (te.find("chunked") != std::string::npos) {
    std::string out;
    std::size_t p = 0;
    while (p < body.size()) {
      auto e = body.find("\r\n", p);
      if (e == std::string::npos) break;
      unsigned long n = std::strtoul(body.substr(p, e - p).c_str(), nullptr, 16);
      p = e + 2;
      if (n == 0 || p + n > body.size()) break;
      out.append(body, p, n);
      p += n + 2;
    }
    body = std::move(out);
  }
  std::string ce = r.Header("Content-Encoding");
  std::transform(ce.begin(), ce.end(), ce.begin(), ::tolower);
  if (ce.find("gzip") != std::string::npos || ce.find("deflate") != std::string::npos) {
    auto inflated = Inflate(body, 64u << 20);
    if (!inflated) return tl::unexpected(inflated.error());
    body = std::move(*inflated);
  } else if (ce.find("br") != std::string::npos) {
    auto decoded = BrotliDecode(body, 64u << 20);
    if (!decoded) return tl::unexpected(decoded.error());
    body = std::move(*decoded);
  }
  r.body = std::move(body);
  return r;
}

// ---------------------------------------------------------------------------------------------
// Writer

Result<std::unique_ptr<WarcWriter>> WarcWriter::Create(const std::string& dir,
                                                        const std::string& prefix,
                                                        std::uint64_t max_file_bytes,
                                                        const std::string& user_agent) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Fail(ErrorCode::kIo, dir + ": " + ec.message());
  std::unique_ptr<WarcWriter> w(new WarcWriter());
  w->dir_ = dir;
  w->prefix_ = prefix;
  w->max_bytes_ = max_file_bytes;
  w->user_agent_ = user_agent;
  if (auto s = w->OpenNext(); !s) return tl::unexpected(s.error());
  return w;
}

WarcWriter::~WarcWriter() {
  if (file_) std::fclose(file_);
}

Status WarcWriter::OpenNext() {
  if (file_) std::fclose(file_);
  file_ = nullptr;
  std::string stamp = corpus::NowIsoUtc();
  stamp.erase(std::remove_if(stamp.begin(), stamp.end(),
                             [](char c) { return c == '-' || c == ':' || c == 'T' || c == 'Z'; }),
              stamp.end());
  for (;;) {
    char serial[16];
    std::snprintf(serial, sizeof serial, "%05d", serial_++);
    file_name_ = prefix_ + "-" + stamp + "-" + std::to_string(getpid()) + "-" + serial + ".warc.gz";
    std::string path = dir_ + "/" + file_name_;
    if (std::filesystem::exists(path)) continue;
    file_ = std::fopen(path.c_str(), "wbx");
    if (!file_) return Fail(ErrorCode::kIo, path + ": cannot create: " + std::strerror(errno));
    break;
  }
  size_ = 0;
  std::string info = "software: Framescope 0.1\r\nformat: WARC File Format 1.1\r\n"
                     "conformsTo: http://iipc.github.io/warc-specifications/specifications/"
                     "warc-format/warc-1.1/\r\nhttp-header-user-agent: " +
                     user_agent_ + "\r\nrobots: obey\r\n";
  std::string rec = RecordText("warcinfo", NewRecordId(), corpus::NowIsoUtc(),
                               {{"WARC-Filename", file_name_}}, "application/warc-fields", info);
  auto off = AppendMember(rec);
  if (!off) return tl::unexpected(off.error());
  return {};
}

Result<std::uint64_t> WarcWriter::AppendMember(const std::string& record) {
  return AppendCompressed(GzipMember(record, level_));
}

Result<std::uint64_t> WarcWriter::AppendCompressed(const std::string& gz, bool flush) {
  std::uint64_t offset = size_;
  if (std::fwrite(gz.data(), 1, gz.size(), file_) != gz.size() ||
      (flush && std::fflush(file_) != 0)) {
    return Fail(ErrorCode::kIo, dir_ + "/" + file_name_ + ": write failed: " + std::strerror(errno));
  }
  size_ += gz.size();
  return offset;
}

std::string WarcWriter::ComposeMember(const std::string& type, const Headers& extra,
                                      const std::string& content_type, const std::string& block,
                                      corpus::ArchiveRef& ref) const {
  ref.record_id = NewRecordId();
  ref.captured = corpus::NowIsoUtc();
  return GzipMember(
      RecordText(type, ref.record_id, ref.captured, extra, content_type, block, &ref.digest),
      level_);
}

Result<corpus::ArchiveRef> WarcWriter::WriteRecord(const std::string& type, const Headers& extra,
                                                   const std::string& content_type,
                                                   const std::string& block) {
  corpus::ArchiveRef ref;
  if (auto s = Place(ComposeMember(type, extra, content_type, block, ref), ref, true); !s)
    return tl::unexpected(s.error());
  return ref;
}

Status WarcWriter::Place(const std::string& member, corpus::ArchiveRef& ref, bool flush) {
  if (max_bytes_ && size_ > max_bytes_)
    if (auto s = OpenNext(); !s) return s;
  auto off = AppendCompressed(member, flush);
  if (!off) return tl::unexpected(off.error());
  ref.file = file_name_;
  ref.offset = *off;
  return {};
}

Result<std::vector<corpus::ArchiveRef>> WarcWriter::WriteRecords(const std::vector<Record>& records,
                                                                 unsigned threads) {
  std::vector<corpus::ArchiveRef> refs(records.size());
  std::vector<std::string> members(records.size());
  auto prepare = [&](std::size_t i) {
    const Record& r = records[i];
    members[i] = ComposeMember(r.type, r.extra_headers, r.content_type, r.block, refs[i]);
  };
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, records.size()));
  if (threads <= 1) {
    for (std::size_t i = 0; i < records.size(); ++i) prepare(i);
  } else {
    // Record i goes to thread i % threads: records are of similar size in a batch, and the
    // order of the writes below does not depend on which thread finished first.
    std::vector<std::thread> pool;
    std::vector<std::exception_ptr> errors(threads);
    for (unsigned t = 0; t < threads; ++t)
      pool.emplace_back([&, t] {
        try {
          for (std::size_t i = t; i < records.size(); i += threads) prepare(i);
        } catch (...) {
          errors[t] = std::current_exception();
        }
      });
    for (auto& th : pool) th.join();
    for (auto& e : errors)
      if (e) std::rethrow_exception(e);
  }
  // One flush for the batch (rotating to a new file closes, and so flushes, the old one).
  for (std::size_t i = 0; i < records.size(); ++i) {
    if (auto s = Place(members[i], refs[i], i + 1 == records.size()); !s)
      return tl::unexpected(s.error());
    members[i] = std::string();
  }
  return refs;
}

Result<corpus::ArchiveRef> WarcWriter::WriteExchange(const HttpExchange& ex) {
  if (max_bytes_ && size_ > max_bytes_)
    if (auto s = OpenNext(); !s) return tl::unexpected(s.error());
  std::string date = ex.fetched_at.empty() ? corpus::NowIsoUtc() : ex.fetched_at;
  auto parts_path = ex.url.substr(std::min(ex.url.size(), ex.url.find('/', ex.url.find("://") + 3)));
  std::string req_block = ex.method + " " + (parts_path.empty() ? "/" : parts_path) + " HTTP/1.1\r\n" +
                          HttpHeaderBlock(ex.request_headers, false) + "\r\n";
  std::string resp_id = NewRecordId(), req_id = NewRecordId();
  // HTTP/2 and later have no text status line: write the HTTP/1.1 form readers accept, with the
  // standard reason phrase, and keep the real version in WARC-Protocol (see warc.h).
  std::string protocol = ex.protocol.empty() ? ProtocolName(ex.http_version) : ex.protocol;
  bool http1 = ex.http_version == "HTTP/1.0" || ex.http_version == "HTTP/1.1";
  std::string reason = ex.reason.empty() ? ReasonPhrase(ex.status) : ex.reason;
  std::string status_line = (http1 ? ex.http_version : std::string("HTTP/1.1")) + " " +
                            std::to_string(ex.status) + " " + (reason.empty() ? "-" : reason) +
                            "\r\n";
  std::string resp_head = status_line + HttpHeaderBlock(ex.response_headers, true) + "\r\n";

  Headers common = {{"WARC-Target-URI", ex.url}};
  if (!ex.ip.empty()) common.emplace_back("WARC-IP-Address", ex.ip);
  if (!protocol.empty()) common.emplace_back("WARC-Protocol", protocol);
  std::string resp_rec;
  std::string payload_digest = corpus::WarcSha1(ex.body);
  if (ex.status == 304 && !ex.refers_to_record.empty()) {
    Headers h = common;
    h.emplace_back("WARC-Profile",
                   "http://netpreserve.org/warc/1.1/revisit/server-not-modified");
    h.emplace_back("WARC-Refers-To", ex.refers_to_record);
    if (!ex.refers_to_date.empty()) h.emplace_back("WARC-Refers-To-Date", ex.refers_to_date);
    h.emplace_back("WARC-Refers-To-Target-URI", ex.url);
    resp_rec = RecordText("revisit", resp_id, date, h, "application/http;msgtype=response",
                          resp_head);
  } else {
    Headers h = common;
    h.emplace_back("WARC-Payload-Digest", payload_digest);
    resp_rec = RecordText("response", resp_id, date, h, "application/http;msgtype=response",
                          resp_head + ex.body);
  }
  auto off = AppendMember(resp_rec);
  if (!off) return tl::unexpected(off.error());
  Headers rh = {{"WARC-Target-URI", ex.url}, {"WARC-Concurrent-To", resp_id}};
  if (!protocol.empty()) rh.emplace_back("WARC-Protocol", protocol);
  std::string req_rec = RecordText("request", req_id, date, rh,
                                   "application/http;msgtype=request", req_block);
  if (auto o = AppendMember(req_rec); !o) return tl::unexpected(o.error());
  corpus::ArchiveRef ref;
  ref.file = file_name_;
  ref.record_id = resp_id;
  ref.digest = payload_digest;
  ref.captured = date;
  ref.offset = *off;
  return ref;
}

// ---------------------------------------------------------------------------------------------
// Reader

Result<std::unique_ptr<WarcReader>> WarcReader::Open(const std::string& path) {
  std::unique_ptr<WarcReader> r(new WarcReader());
  r->path_ = path;
  r->file_ = std::fopen(path.c_str(), "rb");
  if (!r->file_) return Fail(ErrorCode::kNotFound, path + ": cannot open");
  unsigned char magic[2] = {0, 0};
  std::size_t n = std::fread(magic, 1, 2, r->file_);
  r->gzip_ = n == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
  std::fseek(r->file_, 0, SEEK_SET);
  return r;
}

WarcReader::~WarcReader() {
  if (file_) std::fclose(file_);
  libdeflate_free_decompressor(inflater_);
}

Result<std::optional<WarcRecord>> WarcReader::Next() { return gzip_ ? NextGzip() : NextPlain(); }

// Most members are small and whole: read the file in 4 MiB windows and inflate each member with
// one libdeflate call. Anything else (a member running past the window, more than 16 MiB
// inflated, corrupt or truncated data, a record that does not parse) returns nullopt, and the
// streaming zlib path below takes it from the same offset, with its limits, errors and
// resynchronisation.
std::optional<WarcRecord> WarcReader::NextGzipFast() {
  constexpr std::size_t kWindow = 4u << 20, kRefillBelow = 1u << 20, kScratch = 16u << 20;
  auto buffered = [&] {
    return pos_ >= window_start_ && pos_ <= window_start_ + window_.size()
               ? window_start_ + window_.size() - pos_
               : 0;
  };
  if (pos_ < window_start_ || buffered() < kRefillBelow) {
    if (buffered() == 0 || !window_at_eof_ || pos_ < window_start_) {
      window_.resize(kWindow);
      std::fseek(file_, static_cast<long>(pos_), SEEK_SET);
      std::size_t n = std::fread(window_.data(), 1, kWindow, file_);
      window_.resize(n);
      window_start_ = pos_;
      window_at_eof_ = n < kWindow;
    }
  }
  std::size_t avail = buffered();
  if (avail == 0) return std::nullopt;
  if (!inflater_) inflater_ = libdeflate_alloc_decompressor();
  if (!inflater_) return std::nullopt;
  if (scratch_.empty()) scratch_.resize(1u << 20);
  std::size_t in_used = 0, out_size = 0;
  for (;;) {
    auto rc = libdeflate_gzip_decompress_ex(inflater_, window_.data() + (pos_ - window_start_),
                                            avail, scratch_.data(), scratch_.size(), &in_used,
                                            &out_size);
    if (rc == LIBDEFLATE_SUCCESS) break;
    if (rc != LIBDEFLATE_INSUFFICIENT_SPACE || scratch_.size() >= kScratch) return std::nullopt;
    scratch_.resize(scratch_.size() * 2);
  }
  std::uint64_t start = pos_;
  auto rec = ParseRecord(std::string_view(scratch_.data(), out_size), start,
                         path_ + " at offset " + std::to_string(start));
  if (!rec) return std::nullopt;
  pos_ = start + in_used;
  return std::move(*rec);
}

Result<std::optional<WarcRecord>> WarcReader::NextGzip() {
  constexpr std::size_t kMaxRecord = 256u << 20;
  if (windowed_)
    if (auto fast = NextGzipFast()) return fast;
  std::fseek(file_, static_cast<long>(pos_), SEEK_SET);
  std::uint64_t start = pos_;
  z_stream zs{};
  inflateInit2(&zs, 15 + 16);
  std::string out;
  unsigned char in[65536];
  char buf[65536];
  bool ended = false, any_input = false;
  std::uint64_t consumed = 0;
  std::string err;
  while (!ended) {
    std::size_t n = std::fread(in, 1, sizeof in, file_);
    if (n == 0) break;
    any_input = true;
    zs.next_in = in;
    zs.avail_in = static_cast<uInt>(n);
    while (zs.avail_in > 0) {
      zs.next_out = reinterpret_cast<Bytef*>(buf);
      zs.avail_out = sizeof buf;
      int rc = inflate(&zs, Z_NO_FLUSH);
      out.append(buf, sizeof buf - zs.avail_out);
      if (rc == Z_STREAM_END) {
        ended = true;
        break;
      }
      if (rc != Z_OK && rc != Z_BUF_ERROR) {
        err = std::string("corrupt gzip member: ") + (zs.msg ? zs.msg : "inflate error");
        break;
      }
      if (out.size() > kMaxRecord) {
        err = "record larger than 256 MiB";
        break;
      }
    }
    consumed += n - zs.avail_in;
    if (!err.empty()) break;
  }
  inflateEnd(&zs);
  if (!any_input) return std::optional<WarcRecord>();
  std::string where = path_ + " at offset " + std::to_string(start);
  if (!ended || !err.empty()) {
    // Resynchronise: look for the next gzip member header after the start of this one.
    std::fseek(file_, static_cast<long>(start + 1), SEEK_SET);
    std::uint64_t p = start + 1;
    int prev = -1, prev2 = -1, c;
    bool found = false;
    while ((c = std::fgetc(file_)) != EOF) {
      if (prev2 == 0x1f && prev == 0x8b && c == 0x08 && p - 2 > start) {
        pos_ = p - 2;
        found = true;
        break;
      }
      prev2 = prev;
      prev = c;
      ++p;
    }
    if (!found) {
      std::fseek(file_, 0, SEEK_END);
      pos_ = static_cast<std::uint64_t>(std::ftell(file_));
    }
    return Fail(ErrorCode::kCorrupt,
                where + ": " + (err.empty() ? "truncated gzip member (file cut off)" : err));
  }
  pos_ = start + consumed;
  auto rec = ParseRecord(out, start, where);
  if (!rec) return tl::unexpected(rec.error());
  return std::optional<WarcRecord>(std::move(*rec));
}

Result<std::optional<WarcRecord>> WarcReader::NextPlain() {
  std::fseek(file_, static_cast<long>(pos_), SEEK_SET);
  // Skip blank lines between records.
  int c;
  while ((c = std::fgetc(file_)) == '\r' || c == '\n') ++pos_;
  if (c == EOF) return std::optional<WarcRecord>();
  std::ungetc(c, file_);
  std::uint64_t start = pos_;
  std::string head;
  char line[8192];
  std::string where = path_ + " at offset " + std::to_string(start);
  if (std::fgets(line, sizeof line, file_)) {
    head = line;
    if (auto arc = ParseArcHeaderLine(std::string_view(head).substr(0, head.find('\n')))) {
      if (arc->length > (1ull << 30)) {
        std::fseek(file_, 0, SEEK_END);
        pos_ = static_cast<std::uint64_t>(std::ftell(file_));
        return Fail(ErrorCode::kCorrupt, where + ": absurd ARC length");
      }
      std::string block(arc->length, '\0');
      std::size_t got = std::fread(block.data(), 1, arc->length, file_);
      pos_ = start + head.size() + got;
      if (got < arc->length) return Fail(ErrorCode::kCorrupt, where + ": truncated ARC record");
      return std::optional<WarcRecord>(ArcToWarc(*arc, std::move(block), start, path_));
    }
    if (head == "\r\n" || head == "\n") head.clear();
  }
  while (!head.ends_with("\r\n\r\n") && !head.ends_with("\n\n") && std::fgets(line, sizeof line, file_)) {
    head += line;
    if (std::strcmp(line, "\r\n") == 0 || std::strcmp(line, "\n") == 0) break;
    if (head.size() > (1u << 20)) break;
  }
  auto lpos = head.find("Content-Length:");
  if (lpos == std::string::npos) lpos = head.find("content-length:");
  if (!head.starts_with("WARC/") || lpos == std::string::npos) {
    std::fseek(file_, 0, SEEK_END);
    pos_ = static_cast<std::uint64_t>(std::ftell(file_));
    return Fail(ErrorCode::kCorrupt, where + ": not a WARC record header");
  }
  unsigned long long len = std::strtoull(head.c_str() + lpos + 15, nullptr, 10);
  if (len > (1ull << 30)) {
    // Nothing after this header can be trusted to start a record: give up on the file rather
    // than report the same error forever (found by the WARC fuzzer).
    std::fseek(file_, 0, SEEK_END);
    pos_ = static_cast<std::uint64_t>(std::ftell(file_));
    return Fail(ErrorCode::kCorrupt, where + ": absurd Content-Length");
  }
  std::string data = head;
  std::string block(len, '\0');
  std::size_t got = std::fread(block.data(), 1, len, file_);
  block.resize(got);
  data += block;
  pos_ = start + head.size() + got;
  auto rec = ParseRecord(data, start, where);
  if (!rec) {
    std::fseek(file_, 0, SEEK_END);
    pos_ = static_cast<std::uint64_t>(std::ftell(file_));
    return tl::unexpected(rec.error());
  }
  return std::optional<WarcRecord>(std::move(*rec));
}

Result<WarcRecord> WarcReader::ReadAt(const std::string& path, std::uint64_t offset) {
  auto r = Open(path);
  if (!r) return tl::unexpected(r.error());
  (*r)->pos_ = offset;
  (*r)->windowed_ = false;  // one record: no 4 MiB read-ahead
  auto rec = (*r)->Next();
  if (!rec) return tl::unexpected(rec.error());
  if (!*rec) return Fail(ErrorCode::kNotFound, path + ": no record at offset " + std::to_string(offset));
  return std::move(**rec);
}

}  // namespace framescope::crawler
