// The Document: one article as every module sees it, and its JSONL form.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "framescope/corpus/result.h"

namespace framescope::corpus {

// Where the raw HTTP response of a document is kept: enough to find and verify it.
struct ArchiveRef {
  std::string file;       // WARC file name relative to the study's archive/ folder
  std::string record_id;  // WARC-Record-ID, e.g. "<urn:uuid:...>"
  std::string digest;     // WARC-Payload-Digest, "sha1:BASE32"
  std::string captured;   // WARC-Date, ISO 8601 UTC
  std::uint64_t offset = 0;  // byte offset of the record's gzip member in the file
  bool empty() const { return record_id.empty(); }
};

struct Document {
  std::string id;  // stable: derived from the canonical URL (or the text when there is none)
  std::string url;
  std::string canonical_url;
  std::string title;
  std::string text;  // paragraphs separated by "\n\n"
  std::string outlet;
  std::string site_name;
  std::string language;    // ISO 639-1, "" when unknown
  std::string published;   // ISO 8601 date or date-time, "" when unknown
  std::string modified;
  std::vector<std::string> authors;
  std::string section;
  std::string description;
  std::string country;      // ISO 3166-1 alpha-2 of the outlet
  std::string source_type;  // e.g. western_press, state_media (from sources.csv)
  std::string frame;        // classifier label, "" when not classified
  std::map<std::string, double> scores;  // per-frame probability
  std::string cluster;      // near-duplicate cluster id (the id of its first member)
  ArchiveRef archive;
};

// Serialises a document as one line of JSON (no trailing newline), with the field names of
// DESIGN.md. Empty fields are written as "" / [] / {} so that scripts see a stable shape.
std::string ToJson(const Document& doc);

// Parses one JSON object into a Document. Only "text" is required. On failure the Error says
// what is wrong (the caller adds the file and line).
Result<Document> DocumentFromJson(std::string_view json);

// Reads a JSONL file of documents, calling `on_doc` for each good line. A bad line is not fatal:
// it is reported through `on_error` with "FILE:LINE: reason" and skipped. Returns the number of
// documents read, or an Error when the file cannot be opened.
Result<std::size_t> ReadJsonl(const std::string& path,
                              const std::function<void(Document&&)>& on_doc,
                              const std::function<void(const Error&)>& on_error);

// A short stable id for a document: 16 hex digits of the SHA-1 of `key`.
std::string MakeDocumentId(std::string_view key);

}  // namespace framescope::corpus
