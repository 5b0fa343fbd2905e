// Generates a static news site for the crawl benchmark: N article pages (8-15 KB of HTML each,
// filler text drawn from a fixed word list with a seeded PRNG), index and list pages that link
// every article (so `wget --recursive` finds them), and robots.txt pointing to a sitemap index
// whose urlsets list every article (so `framescope crawl` finds them). Everything goes into
// OUT/<host>/, the layout StaticSiteHandler serves; the same seed gives the same bytes.
//
//   gen_site OUT [--host bench.localhost] [--port 48080] [--pages 5000] [--seed 1]
//
// Layout of OUT/<host>/:
//   robots.txt                 allows everything; Sitemap: http://<host>:<port>/sitemap_index.xml
//   sitemap_index.xml          one <sitemap> per 1,000 articles
//   sitemaps/articles-<k>.xml  urlsets with <loc> and <lastmod>
//   index.html                 links every list page and the 20 newest articles
//   list/<k>.html              100 articles each, with previous/next links
//   news/<yyyy>/<mm>/<dd>/<slug>-<id>.html  the articles (site-relative links only)
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

namespace {

constexpr int kArticlesPerList = 100;
constexpr int kUrlsPerSitemap = 1000;
constexpr int kMinArticleBytes = 8 * 1024;
constexpr int kMaxArticleBytes = 14 * 1024;  // plus at most one paragraph

// Filler vocabulary: common words with a news flavour, enough variety that pages do not
// compress to nothing and the classifier-style text looks like prose.
constexpr std::string_view kWords[] = {"the",
                                       "of",
                                       "and",
                                       "to",
                                       "in",
                                       "a",
                                       "that",
                                       "for",
                                       "on",
                                       "with",
                                       "as",
                                       "by",
                                       "at",
                                       "from",
                                       "was",
                                       "is",
                                       "were",
                                       "has",
                                       "have",
                                       "had",
                                       "will",
                                       "would",
                                       "could",
                                       "said",
                                       "says",
                                       "after",
                                       "before",
                                       "while",
                                       "during",
                                       "since",
                                       "over",
                                       "under",
                                       "about",
                                       "against",
                                       "between",
                                       "into",
                                       "through",
                                       "more",
                                       "less",
                                       "most",
                                       "new",
                                       "last",
                                       "first",
                                       "next",
                                       "year",
                                       "years",
                                       "week",
                                       "month",
                                       "today",
                                       "yesterday",
                                       "government",
                                       "minister",
                                       "council",
                                       "parliament",
                                       "court",
                                       "police",
                                       "hospital",
                                       "school",
                                       "university",
                                       "company",
                                       "market",
                                       "price",
                                       "prices",
                                       "rate",
                                       "rates",
                                       "bank",
                                       "budget",
                                       "tax",
                                       "taxes",
                                       "workers",
                                       "union",
                                       "strike",
                                       "election",
                                       "vote",
                                       "voters",
                                       "party",
                                       "leader",
                                       "campaign",
                                       "policy",
                                       "plan",
                                       "report",
                                       "study",
                                       "data",
                                       "figures",
                                       "growth",
                                       "decline",
                                       "crisis",
                                       "recovery",
                                       "housing",
                                       "rent",
                                       "energy",
                                       "climate",
                                       "storm",
                                       "flood",
                                       "drought",
                                       "heat",
                                       "water",
                                       "transport",
                                       "rail",
                                       "road",
                                       "airport",
                                       "city",
                                       "town",
                                       "village",
                                       "region",
                                       "country",
                                       "border",
                                       "migration",
                                       "refugees",
                                       "health",
                                       "doctors",
                                       "patients",
                                       "teachers",
                                       "pupils",
                                       "families",
                                       "children",
                                       "residents",
                                       "officials",
                                       "experts",
                                       "critics",
                                       "supporters",
                                       "opponents",
                                       "investors",
                                       "farmers",
                                       "drivers",
                                       "local",
                                       "national",
                                       "regional",
                                       "federal",
                                       "public",
                                       "private",
                                       "social",
                                       "economic",
                                       "political",
                                       "legal",
                                       "financial",
                                       "environmental",
                                       "digital",
                                       "rising",
                                       "falling",
                                       "higher",
                                       "lower",
                                       "strong",
                                       "weak",
                                       "major",
                                       "minor",
                                       "early",
                                       "late",
                                       "long",
                                       "short",
                                       "recent",
                                       "former",
                                       "current",
                                       "announced",
                                       "approved",
                                       "rejected",
                                       "proposed",
                                       "warned",
                                       "promised",
                                       "criticised",
                                       "defended",
                                       "confirmed",
                                       "denied",
                                       "reported",
                                       "published",
                                       "expected",
                                       "planned",
                                       "delayed",
                                       "cancelled",
                                       "increased",
                                       "reduced",
                                       "cut",
                                       "raised",
                                       "opened",
                                       "closed",
                                       "signed",
                                       "agreed",
                                       "debated",
                                       "investigated",
                                       "questioned",
                                       "protest",
                                       "talks",
                                       "deal",
                                       "agreement",
                                       "law",
                                       "bill",
                                       "rule",
                                       "rules",
                                       "decision",
                                       "inquiry",
                                       "investigation",
                                       "scandal",
                                       "reform",
                                       "project",
                                       "programme",
                                       "funding",
                                       "spending",
                                       "debt",
                                       "deficit",
                                       "inflation",
                                       "jobs",
                                       "unemployment",
                                       "wages",
                                       "pensions",
                                       "benefits",
                                       "services",
                                       "infrastructure",
                                       "safety",
                                       "security",
                                       "defence",
                                       "technology",
                                       "internet",
                                       "platform",
                                       "network",
                                       "industry",
                                       "factory",
                                       "trade",
                                       "exports",
                                       "imports",
                                       "tariffs",
                                       "sanctions",
                                       "summit",
                                       "meeting",
                                       "statement",
                                       "interview",
                                       "spokesperson",
                                       "according",
                                       "despite",
                                       "however",
                                       "although",
                                       "because",
                                       "also",
                                       "still",
                                       "already",
                                       "again",
                                       "only",
                                       "nearly",
                                       "almost",
                                       "around",
                                       "several",
                                       "many",
                                       "few",
                                       "some",
                                       "other",
                                       "both",
                                       "each",
                                       "every",
                                       "no",
                                       "not",
                                       "its",
                                       "their",
                                       "his",
                                       "her",
                                       "this",
                                       "these",
                                       "those",
                                       "which",
                                       "who",
                                       "what",
                                       "when",
                                       "where",
                                       "how",
                                       "why",
                                       "there",
                                       "than",
                                       "then",
                                       "but",
                                       "or",
                                       "if",
                                       "so",
                                       "up",
                                       "down",
                                       "out",
                                       "off",
                                       "per",
                                       "cent",
                                       "million",
                                       "billion",
                                       "thousand",
                                       "hundred",
                                       "two",
                                       "three",
                                       "four",
                                       "five",
                                       "ten",
                                       "twelve",
                                       "twenty",
                                       "fifty",
                                       "morning",
                                       "evening",
                                       "night",
                                       "spring",
                                       "summer",
                                       "autumn",
                                       "winter",
                                       "north",
                                       "south",
                                       "east",
                                       "west",
                                       "coast",
                                       "river",
                                       "mountain",
                                       "valley",
                                       "harbour",
                                       "station",
                                       "square",
                                       "street",
                                       "district",
                                       "neighbourhood"};
constexpr std::size_t kWordCount = sizeof kWords / sizeof kWords[0];

constexpr std::string_view kSections[] = {"politics",  "economy",   "climate", "health",
                                          "education", "transport", "culture", "local"};
constexpr std::string_view kFirstNames[] = {"Ana",   "Ben",  "Chiara", "Dmitri", "Elif",  "Farah",
                                            "Goran", "Hana", "Ines",   "Jonas",  "Kemal", "Lena"};
constexpr std::string_view kLastNames[] = {"Albers", "Brandt", "Costa",  "Dahl",   "Ekström",
                                           "Ferrer", "Grün",   "Haddad", "Ivanov", "Jansen"};

// splitmix64: small, fast and fully specified, so the site is byte-identical on every platform
// (std:: distributions are implementation-defined).
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t Next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform in [lo, hi].
  int Between(int lo, int hi) {
    return lo + static_cast<int>(Next() % static_cast<std::uint64_t>(hi - lo + 1));
  }
  std::string_view Word() { return kWords[Next() % kWordCount]; }

 private:
  std::uint64_t state_;
};

std::string Capitalised(std::string_view w) {
  std::string s(w);
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

std::string Sentence(Rng& rng) {
  int n = rng.Between(8, 22);
  std::string s = Capitalised(rng.Word());
  for (int i = 1; i < n; ++i) {
    s += ' ';
    s += rng.Word();
    if (i + 2 < n && rng.Between(0, 9) == 0) s += ',';
  }
  s += '.';
  return s;
}

std::string Paragraph(Rng& rng) {
  std::string p = "<p>";
  int n = rng.Between(3, 6);
  for (int i = 0; i < n; ++i) {
    if (i) p += ' ';
    p += Sentence(rng);
  }
  p += "</p>\n";
  return p;
}

struct Article {
  int id = 0;
  std::string title;
  std::string path;  // "/news/2024/03/15/slug-17.html"
  std::string date;  // "2024-03-15"
  std::string section;
  std::string author;
};

std::string TwoDigits(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }

// Article dates walk back from 2024-12-31, a few per day, so lists and sitemaps look like an
// archive (newest first) without needing a calendar library.
std::string DateFor(int id, int pages) {
  int back = (pages - 1 - id) / 4;  // four articles a day
  int year = 2024 - back / 336;
  int rest = back % 336;
  int month = 12 - rest / 28;
  int day = 28 - rest % 28;
  return std::to_string(year) + "-" + TwoDigits(month) + "-" + TwoDigits(day);
}

std::vector<Article> PlanArticles(int pages, Rng& rng) {
  std::vector<Article> out;
  out.reserve(static_cast<std::size_t>(pages));
  for (int id = 0; id < pages; ++id) {
    Article a;
    a.id = id;
    int words = rng.Between(6, 11);
    std::string slug;
    for (int i = 0; i < words; ++i) {
      std::string_view w = rng.Word();
      a.title += i ? std::string(" ") + std::string(w) : Capitalised(w);
      if (i < 6) slug += (i ? "-" : "") + std::string(w);
    }
    a.date = DateFor(id, pages);
    a.path = "/news/" + a.date.substr(0, 4) + "/" + a.date.substr(5, 2) + "/" +
             a.date.substr(8, 2) + "/" + slug + "-" + std::to_string(id) + ".html";
    a.section = std::string(kSections[rng.Next() % std::size(kSections)]);
    a.author = std::string(kFirstNames[rng.Next() % std::size(kFirstNames)]) + " " +
               std::string(kLastNames[rng.Next() % std::size(kLastNames)]);
    out.push_back(std::move(a));
  }
  return out;
}

std::string Header(const std::string& title) {
  std::string h =
      "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
      title +
      " | The Bench Courier</title>\n</head>\n<body>\n<header class=\"site-header\">\n"
      "<a class=\"logo\" href=\"/\">The Bench Courier</a>\n<nav>\n";
  for (auto s : kSections)
    h += "<a href=\"/list/1.html#" + std::string(s) + "\">" + Capitalised(s) + "</a>\n";
  h += "</nav>\n</header>\n";
  return h;
}

std::string Footer() {
  return "<footer class=\"site-footer\">\n<p>The Bench Courier is a generated site for "
         "benchmarks. Nothing here is news.</p>\n<a href=\"/\">Front page</a>\n</footer>\n"
         "</body>\n</html>\n";
}

std::string ArticleHtml(const Article& a, const std::vector<Article>& all, Rng& rng) {
  std::string h = Header(a.title);
  h.insert(
      h.find("</head>"),
      "<meta property=\"og:type\" content=\"article\">\n<meta property=\"og:title\" content=\"" +
          a.title + "\">\n<meta name=\"author\" content=\"" + a.author +
          "\">\n<meta property=\"article:published_time\" content=\"" + a.date +
          "T08:00:00Z\">\n<meta property=\"article:section\" content=\"" + a.section + "\">\n");
  h += "<main>\n<article>\n<h1>" + a.title + "</h1>\n<p class=\"byline\">By " + a.author +
       " &middot; <time datetime=\"" + a.date + "T08:00:00Z\">" + a.date + "</time> &middot; " +
       Capitalised(a.section) + "</p>\n<p class=\"standfirst\"><strong>" + Sentence(rng) +
       "</strong></p>\n";
  std::string tail = "</article>\n<aside class=\"related\">\n<h2>Related</h2>\n<ul>\n";
  for (int k = 1; k <= 3; ++k) {
    const Article& r =
        all[static_cast<std::size_t>((a.id + k * 37) % static_cast<int>(all.size()))];
    tail += "<li><a href=\"" + r.path + "\">" + r.title + "</a></li>\n";
  }
  int list = a.id / kArticlesPerList + 1;
  tail += "</ul>\n<a href=\"/list/" + std::to_string(list) + ".html\">More from the archive</a>\n" +
          "</aside>\n</main>\n" + Footer();
  int target = rng.Between(kMinArticleBytes, kMaxArticleBytes) - static_cast<int>(tail.size());
  int paragraphs = 0;
  // A paragraph is at most ~1 KB, so stopping at the first one past the target stays in range.
  while (static_cast<int>(h.size()) < target) {
    if (paragraphs > 0 && paragraphs % 5 == 0)
      h += "<h2>" + Capitalised(rng.Word()) + " " + std::string(rng.Word()) + "</h2>\n";
    h += Paragraph(rng);
    ++paragraphs;
  }
  return h + tail;
}

std::string ListHtml(int k, int lists, const std::vector<Article>& all) {
  std::string h = Header("Archive page " + std::to_string(k));
  h += "<main>\n<h1>Archive, page " + std::to_string(k) + "</h1>\n<ul class=\"articles\">\n";
  // Newest first across the whole archive.
  int n = static_cast<int>(all.size());
  for (int i = (k - 1) * kArticlesPerList; i < std::min(n, k * kArticlesPerList); ++i) {
    const Article& a = all[static_cast<std::size_t>(n - 1 - i)];
    h += "<li><a href=\"" + a.path + "\">" + a.title + "</a> <time datetime=\"" + a.date + "\">" +
         a.date + "</time></li>\n";
  }
  h += "</ul>\n<nav class=\"pager\">\n";
  if (k > 1) h += "<a rel=\"prev\" href=\"/list/" + std::to_string(k - 1) + ".html\">Newer</a>\n";
  if (k < lists)
    h += "<a rel=\"next\" href=\"/list/" + std::to_string(k + 1) + ".html\">Older</a>\n";
  h += "</nav>\n</main>\n" + Footer();
  return h;
}

std::string IndexHtml(int lists, const std::vector<Article>& all) {
  std::string h = Header("Front page");
  h += "<main>\n<h1>The Bench Courier</h1>\n<h2>Latest</h2>\n<ul class=\"articles\">\n";
  int n = static_cast<int>(all.size());
  for (int i = 0; i < std::min(n, 20); ++i) {
    const Article& a = all[static_cast<std::size_t>(n - 1 - i)];
    h += "<li><a href=\"" + a.path + "\">" + a.title + "</a></li>\n";
  }
  h += "</ul>\n<h2>Archive</h2>\n<ul class=\"archive\">\n";
  for (int k = 1; k <= lists; ++k)
    h += "<li><a href=\"/list/" + std::to_string(k) + ".html\">Page " + std::to_string(k) +
         "</a></li>\n";
  h += "</ul>\n</main>\n" + Footer();
  return h;
}

bool WriteFile(const std::filesystem::path& p, const std::string& data) {
  std::error_code ec;
  std::filesystem::create_directories(p.parent_path(), ec);
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
  if (!out) {
    std::cerr << "gen_site: cannot write " << p.string() << "\n";
    return false;
  }
  return true;
}

int Usage() {
  std::cerr << "usage: gen_site OUT [--host bench.localhost] [--port 48080] [--pages 5000] "
               "[--seed 1]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string out_dir, host = "bench.localhost";
  int port = 48080, pages = 5000;
  std::uint64_t seed = 1;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    bool has_value = i + 1 < argc;
    if (a == "--host" && has_value)
      host = argv[++i];
    else if (a == "--port" && has_value)
      port = std::atoi(argv[++i]);
    else if (a == "--pages" && has_value)
      pages = std::atoi(argv[++i]);
    else if (a == "--seed" && has_value)
      seed = std::strtoull(argv[++i], nullptr, 10);
    else if (!a.starts_with("--") && out_dir.empty())
      out_dir = a;
    else
      return Usage();
  }
  if (out_dir.empty() || pages <= 0 || port <= 0 || port > 65535 || host.empty() ||
      host.find('/') != std::string::npos)
    return Usage();

  const std::filesystem::path root = std::filesystem::path(out_dir) / host;
  const std::string origin = "http://" + host + ":" + std::to_string(port);
  Rng rng(seed);
  std::vector<Article> articles = PlanArticles(pages, rng);

  std::uint64_t article_bytes = 0;
  for (const Article& a : articles) {
    std::string html = ArticleHtml(a, articles, rng);
    article_bytes += html.size();
    if (!WriteFile(root / a.path.substr(1), html)) return 1;
  }
  const int lists = (pages + kArticlesPerList - 1) / kArticlesPerList;
  for (int k = 1; k <= lists; ++k)
    if (!WriteFile(root / "list" / (std::to_string(k) + ".html"), ListHtml(k, lists, articles)))
      return 1;
  if (!WriteFile(root / "index.html", IndexHtml(lists, articles))) return 1;

  const int sitemaps = (pages + kUrlsPerSitemap - 1) / kUrlsPerSitemap;
  std::string index =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  for (int k = 1; k <= sitemaps; ++k) {
    std::string name = "sitemaps/articles-" + std::to_string(k) + ".xml";
    std::string set =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
    std::string newest;
    for (int i = (k - 1) * kUrlsPerSitemap; i < std::min(pages, k * kUrlsPerSitemap); ++i) {
      const Article& a = articles[static_cast<std::size_t>(pages - 1 - i)];
      if (newest.empty()) newest = a.date;
      set += "<url><loc>" + origin + a.path + "</loc><lastmod>" + a.date + "</lastmod></url>\n";
    }
    set += "</urlset>\n";
    if (!WriteFile(root / name, set)) return 1;
    index += "<sitemap><loc>" + origin + "/" + name + "</loc><lastmod>" + newest +
             "</lastmod></sitemap>\n";
  }
  index += "</sitemapindex>\n";
  if (!WriteFile(root / "sitemap_index.xml", index)) return 1;
  if (!WriteFile(root / "robots.txt",
                 "User-agent: *\nAllow: /\n\nSitemap: " + origin + "/sitemap_index.xml\n"))
    return 1;

  std::printf("%d articles (%.1f KB average), %d list pages, %d sitemaps in %s\n", pages,
              static_cast<double>(article_bytes) / pages / 1024.0, lists, sitemaps,
              root.string().c_str());
  return 0;
}
