// Discovery documents: RSS 2.0, RSS 1.0/RDF, Atom, sitemap urlsets and indexes (incl. Google
// News sitemaps), OPML lists, and feed links in HTML heads.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "framescope/corpus/result.h"

namespace framescope::crawler {

enum class DiscoveryKind { kRss, kRdf, kAtom, kSitemapUrlset, kSitemapIndex, kOpml };

struct DiscoveredLink {
  std::string url;        // absolute (resolved against the document's URL)
  std::string title;      // feed item title or news:title, may be empty
  std::string published;  // as given (pubDate, updated, lastmod, news:publication_date)
  bool is_discovery = false;  // points to another feed or sitemap, not to a page
};

struct DiscoveryDocument {
  DiscoveryKind kind;
  std::vector<DiscoveredLink> links;
};

// Parses a feed, sitemap or OPML document. `url` resolves relative links and names the input in
// errors. Broken XML gives an Error with the byte offset; an XML document of another kind gives
// an Error saying what the root element was. Gzipped sitemaps must be inflated by the caller.
Result<DiscoveryDocument> ParseDiscovery(std::string_view xml, const std::string& url);

// True when the bytes look like a feed/sitemap/OPML rather than HTML.
bool LooksLikeDiscoveryXml(std::string_view body, std::string_view content_type);

}  // namespace framescope::crawler
