#include "output.h"

#include <nlohmann/json.hpp>

#include "framescope/report/csv.h"

namespace framescope::cli {

namespace {
nlohmann::json HitJson(const index::Hit& h) {
  auto j = nlohmann::json::parse(corpus::ToJson(h.doc));
  j.erase("text");
  j["snippet"] = h.snippet;
  j["score"] = h.score;
  return j;
}
}  // namespace

void PrintHits(const index::SearchResult& res, Format f, std::ostream& out) {
  auto dump = [](const nlohmann::json& j, int indent) {
    return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
  };
  switch (f) {
    case Format::kJson: {
      nlohmann::json j = {{"total", res.total}, {"hits", nlohmann::json::array()}};
      for (const auto& h : res.hits) j["hits"].push_back(HitJson(h));
      out << dump(j, 2) << "\n";
      break;
    }
    case Format::kJsonl:
      for (const auto& h : res.hits) out << dump(HitJson(h), -1) << "\n";
      break;
    case Format::kCsv: {
      report::WriteCsvRow({"id", "url", "title", "outlet", "language", "published", "frame",
                           "cluster", "authors", "country", "source_type", "warc_file",
                           "warc_record_id", "snippet"},
                          out);
      for (const auto& h : res.hits) {
        std::string authors;
        for (const auto& a : h.doc.authors) authors += (authors.empty() ? "" : "; ") + a;
        report::WriteCsvRow({h.doc.id, h.doc.url, h.doc.title, h.doc.outlet, h.doc.language,
                             h.doc.published, h.doc.frame, h.doc.cluster, authors, h.doc.country,
                             h.doc.source_type, h.doc.archive.file, h.doc.archive.record_id,
                             h.snippet},
                            out);
      }
      break;
    }
    case Format::kTable: {
      out << res.total << " documents match\n\n";
      for (const auto& h : res.hits) {
        out << h.doc.id << "  " << h.doc.published.substr(0, 10) << "  " << h.doc.outlet << " ["
            << h.doc.language << "]  frame: " << (h.doc.frame.empty() ? "-" : h.doc.frame);
        if (!h.doc.cluster.empty() && h.doc.cluster != h.doc.id) out << "  cluster: " << h.doc.cluster;
        out << "\n  " << h.doc.title << "\n  " << h.snippet << "\n  " << h.doc.url << "\n\n";
      }
      break;
    }
  }
}

void PrintRecords(const std::vector<std::string>& header,
                  const std::vector<std::vector<std::string>>& rows, Format f, std::ostream& out) {
  switch (f) {
    case Format::kTable:
      PrintTable(header, rows, out);
      break;
    case Format::kCsv:
      report::WriteCsvRow(header, out);
      for (const auto& r : rows) report::WriteCsvRow(r, out);
      break;
    case Format::kJson:
    case Format::kJsonl: {
      nlohmann::json arr = nlohmann::json::array();
      for (const auto& r : rows) {
        nlohmann::json o = nlohmann::json::object();
        for (std::size_t i = 0; i < header.size() && i < r.size(); ++i) o[header[i]] = r[i];
        if (f == Format::kJsonl)
          out << o.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
        else
          arr.push_back(o);
      }
      if (f == Format::kJson)
        out << arr.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
      break;
    }
  }
}

}  // namespace framescope::cli
