#include "framescope/corpus/document.h"

#include <fstream>

#include <nlohmann/json.hpp>

#include "framescope/corpus/hash.h"

namespace framescope::corpus {

using nlohmann::json;

std::string MakeDocumentId(std::string_view key) { return Sha1Hex(key).substr(0, 16); }

std::string ToJson(const Document& d) {
  json j = json::object();
  j["id"] = d.id;
  j["url"] = d.url;
  j["canonical_url"] = d.canonical_url;
  j["title"] = d.title;
  j["text"] = d.text;
  j["outlet"] = d.outlet;
  j["site_name"] = d.site_name;
  j["language"] = d.language;
  j["published"] = d.published;
  j["modified"] = d.modified;
  j["authors"] = d.authors;
  j["section"] = d.section;
  j["description"] = d.description;
  j["country"] = d.country;
  j["source_type"] = d.source_type;
  j["frame"] = d.frame;
  j["scores"] = json::object();
  for (const auto& [k, v] : d.scores) j["scores"][k] = v;
  j["cluster"] = d.cluster;
  json a = json::object();
  a["file"] = d.archive.file;
  a["record_id"] = d.archive.record_id;
  a["digest"] = d.archive.digest;
  a["captured"] = d.archive.captured;
  a["offset"] = d.archive.offset;
  j["archive"] = a;
  // Invalid UTF-8 in page text must never abort an export.
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

namespace {
std::string Str(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number() || it->is_boolean()) return it->dump();
  return "";
}
}  // namespace

Result<Document> DocumentFromJson(std::string_view text) {
  json j = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Fail(ErrorCode::kInvalidInput, "not valid JSON");
  if (!j.is_object()) return Fail(ErrorCode::kInvalidInput, "expected a JSON object");
  auto text_it = j.find("text");
  if (text_it == j.end() || !text_it->is_string()) {
    return Fail(ErrorCode::kInvalidInput, "missing string field \"text\"");
  }
  Document d;
  // Moved out of the parsed tree: the text is most of the record.
  d.text = std::move(text_it->get_ref<std::string&>());
  d.id = Str(j, "id");
  d.url = Str(j, "url");
  d.canonical_url = Str(j, "canonical_url");
  d.title = Str(j, "title");
  d.outlet = Str(j, "outlet");
  d.site_name = Str(j, "site_name");
  d.language = Str(j, "language");
  d.published = Str(j, "published");
  d.modified = Str(j, "modified");
  d.section = Str(j, "section");
  d.description = Str(j, "description");
  d.country = Str(j, "country");
  d.source_type = Str(j, "source_type");
  d.frame = Str(j, "frame");
  if (d.frame.empty()) d.frame = Str(j, "label");
  d.cluster = Str(j, "cluster");
  if (auto it = j.find("authors"); it != j.end()) {
    if (it->is_array()) {
      for (const auto& a : *it)
        if (a.is_string()) d.authors.push_back(a.get<std::string>());
    } else if (it->is_string() && !it->get<std::string>().empty()) {
      d.authors.push_back(it->get<std::string>());
    }
  }
  if (auto it = j.find("scores"); it != j.end() && it->is_object()) {
    for (const auto& [k, v] : it->items())
      if (v.is_number()) d.scores[k] = v.get<double>();
  }
  if (auto it = j.find("archive"); it != j.end() && it->is_object()) {
    d.archive.file = Str(*it, "file");
    d.archive.record_id = Str(*it, "record_id");
    d.archive.digest = Str(*it, "digest");
    d.archive.captured = Str(*it, "captured");
    if (auto o = it->find("offset"); o != it->end() && o->is_number_unsigned())
      d.archive.offset = o->get<std::uint64_t>();
  }
  if (d.id.empty()) d.id = MakeDocumentId(d.url.empty() ? d.text : d.url);
  return d;
}

Result<std::size_t> ReadJsonl(const std::string& path,
                              const std::function<void(Document&&)>& on_doc,
                              const std::function<void(const Error&)>& on_error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(ErrorCode::kNotFound, path + ": cannot open");
  std::string line;
  std::size_t n = 0, lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    auto doc = DocumentFromJson(line);
    if (!doc) {
      on_error(Error{doc.error().code,
                     path + ":" + std::to_string(lineno) + ": " + doc.error().message});
      continue;
    }
    on_doc(std::move(*doc));
    ++n;
  }
  return n;
}

}  // namespace framescope::corpus
