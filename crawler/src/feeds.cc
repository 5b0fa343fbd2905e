#include "framescope/crawler/feeds.h"

#include <algorithm>
#include <cctype>
#include <cstring>

#include <pugixml.hpp>

#include "framescope/crawler/url.h"

namespace framescope::crawler {
namespace {

// Element name without its namespace prefix ("news:title" -> "title").
std::string_view Local(const pugi::xml_node& n) {
  std::string_view name = n.name();
  auto colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node Child(const pugi::xml_node& n, std::string_view local) {
  for (auto c : n.children())
    if (c.type() == pugi::node_element && Local(c) == local) return c;
  return {};
}

std::string Text(const pugi::xml_node& n) {
  std::string s = n.child_value();
  if (s.empty()) {
    // CDATA or nested nodes
    for (auto c : n.children())
      if (c.type() == pugi::node_cdata || c.type() == pugi::node_pcdata) s += c.value();
  }
  auto b = s.find_first_not_of(" \t\r\n");
  auto e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

// Finds the first descendant element with this local name (sitemaps nest news:news).
pugi::xml_node Find(const pugi::xml_node& n, std::string_view local) {
  for (auto c : n.children()) {
    if (c.type() != pugi::node_element) continue;
    if (Local(c) == local) return c;
    if (auto d = Find(c, local)) return d;
  }
  return {};
}

void Add(DiscoveryDocument& doc, const std::string& base, std::string_view href, std::string title,
         std::string published, bool discovery) {
  std::string url = ResolveUrl(base, href);
  if (url.empty()) return;
  doc.links.push_back({std::move(url), std::move(title), std::move(published), discovery});
}

}  // namespace

bool LooksLikeDiscoveryXml(std::string_view body, std::string_view content_type) {
  std::string ct(content_type);
  std::transform(ct.begin(), ct.end(), ct.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ct.find("rss") != std::string::npos || ct.find("atom") != std::string::npos ||
      ct.find("/xml") != std::string::npos || ct.find("+xml") != std::string::npos) {
    if (ct.find("xhtml") == std::string::npos) return true;
  }
  std::string_view head = body.substr(0, 512);
  return head.find("<rss") != std::string_view::npos ||
         head.find("<feed") != std::string_view::npos ||
         head.find("<urlset") != std::string_view::npos ||
         head.find("<sitemapindex") != std::string_view::npos ||
         head.find("<rdf:RDF") != std::string_view::npos ||
         head.find("<opml") != std::string_view::npos;
}

Result<DiscoveryDocument> ParseDiscovery(std::string_view xml, const std::string& url) {
  pugi::xml_document doc;
  pugi::xml_parse_result r =
      doc.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_cdata);
  if (!r) {
    return Fail(ErrorCode::kInvalidInput, url + ": broken XML at byte " +
                                              std::to_string(r.offset) + ": " + r.description());
  }
  pugi::xml_node root = doc.document_element();
  std::string_view name = Local(root);
  DiscoveryDocument out;
  if (name == "rss") {
    out.kind = DiscoveryKind::kRss;
    for (auto item : Child(root, "channel").children()) {
      if (item.type() != pugi::node_element || Local(item) != "item") continue;
      std::string link = Text(Child(item, "link"));
      if (link.empty()) {
        auto guid = Child(item, "guid");
        if (std::strcmp(guid.attribute("isPermaLink").value(), "false") != 0) link = Text(guid);
      }
      std::string date = Text(Child(item, "pubDate"));
      if (date.empty()) date = Text(Child(item, "date"));  // dc:date
      if (!link.empty()) Add(out, url, link, Text(Child(item, "title")), date, false);
    }
  } else if (name == "RDF") {
    out.kind = DiscoveryKind::kRdf;
    for (auto item : root.children()) {
      if (item.type() != pugi::node_element || Local(item) != "item") continue;
      std::string link = Text(Child(item, "link"));
      if (link.empty()) link = item.attribute("rdf:about").value();
      if (!link.empty())
        Add(out, url, link, Text(Child(item, "title")), Text(Child(item, "date")), false);
    }
  } else if (name == "feed") {
    out.kind = DiscoveryKind::kAtom;
    for (auto entry : root.children()) {
      if (entry.type() != pugi::node_element || Local(entry) != "entry") continue;
      std::string href;
      for (auto link : entry.children()) {
        if (link.type() != pugi::node_element || Local(link) != "link") continue;
        std::string_view rel = link.attribute("rel").value();
        if (rel.empty() || rel == "alternate") {
          href = link.attribute("href").value();
          break;
        }
      }
      std::string date = Text(Child(entry, "published"));
      if (date.empty()) date = Text(Child(entry, "updated"));
      if (!href.empty()) Add(out, url, href, Text(Child(entry, "title")), date, false);
    }
  } else if (name == "urlset") {
    out.kind = DiscoveryKind::kSitemapUrlset;
    for (auto u : root.children()) {
      if (u.type() != pugi::node_element || Local(u) != "url") continue;
      std::string loc = Text(Child(u, "loc"));
      std::string date = Text(Find(u, "publication_date"));
      if (date.empty()) date = Text(Child(u, "lastmod"));
      if (!loc.empty()) Add(out, url, loc, Text(Find(u, "title")), date, false);
    }
  } else if (name == "sitemapindex") {
    out.kind = DiscoveryKind::kSitemapIndex;
    for (auto s : root.children()) {
      if (s.type() != pugi::node_element || Local(s) != "sitemap") continue;
      std::string loc = Text(Child(s, "loc"));
      if (!loc.empty()) Add(out, url, loc, "", Text(Child(s, "lastmod")), true);
    }
  } else if (name == "opml") {
    out.kind = DiscoveryKind::kOpml;
    for (auto o : root.select_nodes("//outline[@xmlUrl]")) {
      Add(out, url, o.node().attribute("xmlUrl").value(), o.node().attribute("text").value(), "",
          true);
    }
  } else {
    return Fail(ErrorCode::kInvalidInput,
                url + ": not a feed, sitemap or OPML (root element <" + std::string(root.name()) +
                    ">)");
  }
  return out;
}

}  // namespace framescope::crawler
