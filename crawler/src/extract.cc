#include "framescope/crawler/extract.h"

#include "html_prefilter.h"
#include "html_tree.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <nlohmann/json.hpp>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unistr.h>

#include "framescope/corpus/dates.h"
#include "framescope/corpus/language.h"
#include "framescope/corpus/text.h"
#include "framescope/crawler/url.h"

namespace framescope::crawler {
namespace {

using corpus::CollapseSpace;

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

using html::Node;

std::string_view Name(const Node* n) { return n->name; }

// The value of attribute `name`, "" when there is none.
// `name` must be in kAttributesRead (html_prefilter.h): the others are removed before parsing.
std::string_view AttrView(const Node* n, std::string_view name) {
  for (const html::Attribute* a = n->properties; a; a = a->next)
    if (a->name == name) return a->value;
  return {};
}
std::string Attr(const Node* n, std::string_view name) { return std::string(AttrView(n, name)); }

bool IsElement(const Node* n, std::string_view name) {
  return n && n->type == html::kElementNode && Name(n) == name;
}

// ---------------------------------------------------------------------------------------------
// Charset

std::string CharsetFromContentType(std::string_view ct) {
  std::string l = Lower(ct);
  auto p = l.find("charset=");
  if (p == std::string::npos) return "";
  std::string v = l.substr(p + 8);
  v.erase(std::remove(v.begin(), v.end(), '"'), v.end());
  v.erase(std::remove(v.begin(), v.end(), '\''), v.end());
  return v.substr(0, v.find_first_of("; \t"));
}

std::string CharsetFromMeta(std::string_view bytes) {
  std::string head = Lower(bytes.substr(0, 4096));
  for (std::size_t p = head.find("<meta"); p != std::string::npos; p = head.find("<meta", p + 5)) {
    auto end = head.find('>', p);
    std::string tag = head.substr(p, end == std::string::npos ? std::string::npos : end - p);
    auto c = tag.find("charset=");
    if (c == std::string::npos) continue;
    std::string v = tag.substr(c + 8);
    while (!v.empty() && (v[0] == '"' || v[0] == '\'' || v[0] == ' ')) v.erase(0, 1);
    v = v.substr(0, v.find_first_of("\"'; />"));
    if (!v.empty()) return v;
  }
  return "";
}

bool IsValidUtf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int n = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
    if (n < 0 || i + static_cast<std::size_t>(n) >= s.size() + (n == 0 ? 1 : 0)) {
      if (n != 0) return false;
    }
    for (int k = 1; k <= n; ++k)
      if (i + k >= s.size() || (static_cast<unsigned char>(s[i + k]) >> 6) != 2) return false;
    i += static_cast<std::size_t>(n) + 1;
  }
  return true;
}

std::string ConvertToUtf8(std::string_view bytes, const std::string& charset) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString u(bytes.data(), static_cast<int32_t>(bytes.size()), charset.c_str());
  (void)status;
  if (u.isBogus()) return corpus::ToValidUtf8(bytes);
  std::string out;
  u.toUTF8String(out);
  return out;
}

bool KnownCharset(const std::string& cs) {
  UErrorCode status = U_ZERO_ERROR;
  UConverter* c = ucnv_open(cs.c_str(), &status);
  if (c) ucnv_close(c);
  return U_SUCCESS(status);
}

// ---------------------------------------------------------------------------------------------
// Class/id heuristics

// Looked up for every word of every class attribute on every walk: hashed views, no copies.
using WordSet = std::unordered_set<std::string_view>;

const WordSet& NegativeWords() {
  static const WordSet s = {
      "nav", "navbar", "navigation", "menu", "footer", "sidebar", "aside", "comment", "comments",
      "share", "sharing", "social", "related", "recommended", "recommendations", "promo", "ad",
      "ads", "advert", "adverts", "advertisement", "anzeige", "werbung", "pub", "publicite",
      "publicidad", "anuncio", "anuncios", "banner", "cookie",
      "cookies", "consent", "gdpr", "newsletter", "subscribe", "subscription", "signup", "popup",
      "modal", "breadcrumb", "breadcrumbs", "tags", "tag", "byline", "author", "meta", "toolbar",
      "widget", "popular", "trending", "mostread", "most-read", "sponsored", "outbrain",
      "taboola", "masthead", "skip", "hidden", "caption", "figcaption", "credit", "disclaimer",
      "signature", "auteur", "verfasser",
      "pagination", "pager", "print", "rss", "login", "teaser", "more", "readmore", "also",
      "reaction", "reactions", "kommentare", "kommentar", "comentarios", "comentario",
      "commentaires", "commentaire", "leserkommentare", "discussion", "replies", "reply"};
  return s;
}
const WordSet& PositiveWords() {
  static const WordSet s = {"article", "body", "content", "entry", "post",
                            "story",   "text", "main",    "prose", "articlebody"};
  return s;
}

// The lower-case alphanumeric words of the class and id attributes, in order, as views into
// `storage`.
std::vector<std::string_view> ClassWords(const Node* n, std::string& storage) {
  std::vector<std::string_view> words;
  std::string_view cls = AttrView(n, "class"), id = AttrView(n, "id");
  if (cls.empty() && id.empty()) return words;
  storage.clear();
  storage.reserve(cls.size() + id.size() + 1);
  storage.append(cls).append(" ").append(id);
  std::size_t start = std::string::npos;
  for (std::size_t i = 0; i <= storage.size(); ++i) {
    const auto c = i < storage.size() ? static_cast<unsigned char>(storage[i]) : ' ';
    if (std::isalnum(c)) {
      storage[i] = static_cast<char>(std::tolower(c));
      if (start == std::string::npos) start = i;
    } else if (start != std::string::npos) {
      words.emplace_back(storage.data() + start, i - start);
      start = std::string::npos;
    }
  }
  return words;
}

int ClassWeight(const Node* n) {
  int w = 0;
  std::string storage;
  for (std::string_view word : ClassWords(n, storage)) {
    if (NegativeWords().count(word)) w -= 25;
    if (PositiveWords().count(word)) w += 25;
  }
  return w;
}

// Class names glue words together ("imageEmbedCaption", "jp-relatedposts", "sharedaddy"):
// these stems mark boilerplate wherever they appear inside a class word.
bool HasNegativeStem(std::string_view word) {
  static const char* kStems[] = {"caption", "credit", "related", "advert", "newsletter",
                                 "sharing", "sharebar", "sharedaddy", "socialshare", "breadcrumb",
                                 "cookie", "subscri", "outbrain", "taboola", "sidebar", "byline"};
  if (word.size() < 7) return false;
  for (const char* stem : kStems)
    if (word.find(stem) != std::string_view::npos) return true;
  return false;
}

// True when a <blockquote> sits within the first few levels under `n`.
bool HoldsQuote(const Node* n, int depth) {
  if (depth > 3) return false;
  for (const Node* c = n->children; c; c = c->next) {
    if (c->type != html::kElementNode) continue;
    if (Name(c) == "blockquote" || HoldsQuote(c, depth + 1)) return true;
  }
  return false;
}

bool IsBoilerplate(const Node* n) {
  bool neg = false, pos = false;
  std::string storage;
  for (std::string_view word : ClassWords(n, storage)) {
    neg = neg || NegativeWords().count(word) > 0 || HasNegativeStem(word);
    pos = pos || PositiveWords().count(word) > 0;
  }
  if (std::string_view r = AttrView(n, "role"); !r.empty()) {
    std::string role = Lower(r);
    if (role == "navigation" || role == "banner" || role == "contentinfo" ||
        role == "complementary")
      return true;
  }
  if (AttrView(n, "aria-hidden") == "true" || !AttrView(n, "hidden").empty()) return true;
  if (std::string_view st = AttrView(n, "style"); !st.empty()) {
    std::string style = Lower(st);
    if (style.find("display:none") != std::string::npos ||
        style.find("display: none") != std::string::npos)
      return true;
  }
  // An embedded post (a tweet quoted in a "social-media-embed" box) is part of the article.
  return neg && !pos && !HoldsQuote(n, 0);
}

// A set of element names, looked up by length first: asked for every element on every walk over
// the tree, where a std::set's string comparisons showed in profiles.
class TagSet {
 public:
  TagSet(std::initializer_list<std::string_view> names) {
    for (std::string_view n : names) by_length_[n.size()].push_back(n);
  }
  bool contains(std::string_view t) const {
    if (t.size() >= by_length_.size()) return false;
    for (std::string_view n : by_length_[t.size()])
      if (n == t) return true;
    return false;
  }

 private:
  std::array<std::vector<std::string_view>, 12> by_length_;
};

bool IsDropTag(std::string_view t) {
  static const TagSet s = {
      "script", "style", "noscript", "iframe", "svg", "button", "input", "select",
      "textarea", "nav", "footer", "aside", "template", "link", "meta", "figcaption", "object",
      "embed", "canvas", "video", "audio", "map", "dialog", "menu"};
  return s.contains(t);
}

bool IsBlockTag(std::string_view t) {
  static const TagSet s = {
      "p", "div", "section", "article", "main", "blockquote", "pre", "ul", "ol", "li", "h1",
      "h2", "h3", "h4", "h5", "h6", "table", "tr", "td", "th", "dl", "dt", "dd", "figure",
      "header", "br", "hr", "center", "address", "details", "summary", "body", "tbody", "thead"};
  return s.contains(t);
}

// ---------------------------------------------------------------------------------------------
// Text helpers

std::size_t CharCount(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Counts <img> and <a> elements under `n`, a few levels deep.
void CountImagesAndLinks(const Node* n, int depth, int& images, int& links) {
  if (depth > 4) return;
  for (const Node* c = n->children; c; c = c->next) {
    if (c->type != html::kElementNode) continue;
    std::string_view name = Name(c);
    if (name == "img") ++images;
    if (name == "a") ++links;
    CountImagesAndLinks(c, depth + 1, images, links);
  }
}

// An inline box with no words of its own that holds a picture and several links.
bool IsCardLike(const Node* span) {
  bool has_element_child = false;
  for (const Node* c = span->children; c; c = c->next) {
    if (c->type == html::kElementNode) has_element_child = true;
    if (c->type == html::kTextNode) {
      for (unsigned char ch : c->content)
        if (!std::isspace(ch)) return false;
    }
  }
  if (!has_element_child) return false;
  int images = 0, links = 0;
  CountImagesAndLinks(span, 0, images, links);
  return images >= 1 && links >= 2;
}

bool HasCardLikeSpanBelow(const Node* n, int depth) {
  if (depth > 4) return false;
  for (const Node* c = n->children; c; c = c->next) {
    if (c->type != html::kElementNode) continue;
    if ((Name(c) == "span" && IsCardLike(c)) || HasCardLikeSpanBelow(c, depth + 1)) return true;
  }
  return false;
}

// Such a box inside running text is a hover card (a person's photo, name and latest stories),
// shown on demand, not part of the sentence. Only the innermost one is the card: the boxes
// around it keep their own parts (the name the card hangs on).
bool IsHoverCard(const Node* span) { return IsCardLike(span) && !HasCardLikeSpanBelow(span, 0); }

std::size_t CollapsedChars(std::string_view t) {
  corpus::CollapsedLength n;
  n.Feed(t);
  return n.chars();
}

// Visible text under a node, whitespace collapsed.
void AppendText(const Node* n, std::string& out, std::size_t* link_chars, bool in_link) {
  for (const Node* c = n->children; c; c = c->next) {
    if (c->type == html::kTextNode) {
      std::string_view t = c->content;
      out += t;
      if (in_link && link_chars) *link_chars += CollapsedChars(t);
    } else if (c->type == html::kElementNode) {
      std::string_view name = Name(c);
      if (IsDropTag(name)) continue;
      if (name == "br") {
        out += "\n";
        continue;
      }
      if (name == "span" && IsHoverCard(c)) continue;
      bool block = IsBlockTag(name);
      if (block) out += " ";
      AppendText(c, out, link_chars, in_link || name == "a");
      if (block) out += " ";
    }
  }
}

std::string NodeText(const Node* n, std::size_t* link_chars = nullptr) {
  std::string raw;
  AppendText(n, raw, link_chars, false);
  return CollapseSpace(raw);
}

std::size_t Commas(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == ',') ++n;
    if (c != 0xEF && c != 0xE3) continue;  // lead bytes of the three below
    // U+FF0C fullwidth comma, U+3001 ideographic comma, U+3002 ideographic full stop
    if (s.compare(i, 3, "\xEF\xBC\x8C") == 0 || s.compare(i, 3, "\xE3\x80\x81") == 0 ||
        s.compare(i, 3, "\xE3\x80\x82") == 0)
      ++n;
  }
  return n;
}

// ---------------------------------------------------------------------------------------------
// Metadata

struct Meta {
  std::map<std::string, std::string> by_key;  // lower-case property/name/itemprop -> content
  std::string html_lang, canonical, title_tag;
  std::vector<nlohmann::json> ld;  // JSON-LD article objects
  // Top-level JSON-LD objects of other types (Recipe, Event, VideoObject, ...) that carry a
  // datePublished: the page's own date when it declares no article.
  std::vector<nlohmann::json> ld_other;
  std::string time_datetime;  // the first <time datetime>
  std::string time_text;      // the first <time> without datetime, by its text
  std::vector<std::string> stamps;  // every machine-readable date seen, for the page's UTC offset
};

void CollectLd(const nlohmann::json& j, std::vector<nlohmann::json>& out,
               std::vector<nlohmann::json>* other, int depth) {
  if (depth > 8) return;
  if (j.is_array()) {
    for (const auto& e : j) CollectLd(e, out, other, depth + 1);
    return;
  }
  if (!j.is_object()) return;
  if (auto g = j.find("@graph"); g != j.end()) CollectLd(*g, out, other, depth + 1);
  auto t = j.find("@type");
  if (t == j.end()) return;
  auto is_article = [](const std::string& s) {
    return s.find("Article") != std::string::npos || s == "BlogPosting" || s == "Report" ||
           s == "ReportageNews" || s == "AnalysisNewsArticle" || s == "OpinionNewsArticle" ||
           s == "LiveBlogPosting" || s == "WebPage" || s == "CollectionPage";
  };
  bool match = false;
  if (t->is_string()) match = is_article(t->get<std::string>());
  if (t->is_array())
    for (const auto& e : *t) match = match || (e.is_string() && is_article(e.get<std::string>()));
  if (match) {
    out.push_back(j);
  } else if (other && depth <= 2 && j.contains("datePublished")) {
    other->push_back(j);
  }
}

void CollectMeta(const Node* n, Meta& m, bool in_head, int depth) {
  if (depth > 400) return;
  for (const Node* c = n; c; c = c->next) {
    if (c->type != html::kElementNode) continue;
    std::string_view name = Name(c);
    if (name == "html") m.html_lang = Attr(c, "lang");
    if (name == "meta") {
      std::string content = Attr(c, "content");
      for (const char* k : {"property", "name", "itemprop", "http-equiv"}) {
        std::string key = Lower(Attr(c, k));
        if (!key.empty() && !content.empty() && !m.by_key.count(key)) m.by_key[key] = content;
        if ((key.find("date") != std::string::npos || key.find("time") != std::string::npos) &&
            m.stamps.size() < 64)
          m.stamps.push_back(content);
      }
    } else if (name == "link") {
      if (Lower(Attr(c, "rel")) == "canonical" && m.canonical.empty()) m.canonical = Attr(c, "href");
    } else if (name == "title" && m.title_tag.empty()) {
      m.title_tag = NodeText(c);
    } else if (name == "script") {
      if (Lower(Attr(c, "type")).find("ld+json") != std::string::npos) {
        std::string raw;
        for (const Node* t = c->children; t; t = t->next)
          if (t->type == html::kTextNode) raw += t->content;
        auto j = nlohmann::json::parse(raw, nullptr, false);
        if (!j.is_discarded()) CollectLd(j, m.ld, &m.ld_other, 0);
      }
      continue;
    }
    if (name == "time") {
      std::string dt = Attr(c, "datetime");
      if (!dt.empty()) {
        if (m.time_datetime.empty()) m.time_datetime = dt;
        if (m.stamps.size() < 64) m.stamps.push_back(dt);
      } else if (m.time_text.empty()) {
        std::string t = NodeText(c);
        if (CharCount(t) < 60) m.time_text = t;
      }
    }
    // itemprop on any element (<time itemprop="datePublished" datetime=...> included); <meta>
    // elements were recorded above.
    if (name != "meta" && c->properties) {
      std::string key = Lower(Attr(c, "itemprop"));
      if ((key == "datepublished" || key == "datemodified") && !m.by_key.count(key)) {
        std::string v = Attr(c, "datetime");
        if (v.empty()) v = Attr(c, "content");
        if (v.empty()) v = NodeText(c);
        if (!v.empty()) m.by_key[key] = v;
      }
    }
    CollectMeta(c->children, m, in_head, depth + 1);
  }
}

std::string LdString(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_object()) {
    if (auto n = it->find("name"); n != it->end() && n->is_string()) return n->get<std::string>();
    if (auto n = it->find("@id"); n != it->end() && n->is_string()) return n->get<std::string>();
  }
  if (it->is_array() && !it->empty() && (*it)[0].is_string()) return (*it)[0].get<std::string>();
  return "";
}

std::vector<std::string> LdAuthors(const nlohmann::json& j) {
  std::vector<std::string> out;
  auto it = j.find("author");
  if (it == j.end()) return out;
  auto one = [&](const nlohmann::json& a) {
    if (a.is_string()) out.push_back(a.get<std::string>());
    if (a.is_object())
      if (auto n = a.find("name"); n != a.end() && n->is_string()) out.push_back(n->get<std::string>());
  };
  if (it->is_array()) {
    for (const auto& a : *it) one(a);
  } else {
    one(*it);
  }
  return out;
}

// A date string in any common machine form -> "YYYY-MM-DD" ("" if unusable).
std::string NormalizeDate(std::string_view s) {
  // A date field is short; whatever follows the first few hundred bytes is not its date.
  std::string t = CollapseSpace(s.substr(0, 512));
  if (t.size() >= 10) {
    if (auto d = corpus::ParseIsoDate(t.substr(0, 10))) return corpus::FormatDate(*d);
  }
  if (t.size() == 8 && std::all_of(t.begin(), t.end(), ::isdigit)) {
    std::string iso = t.substr(0, 4) + "-" + t.substr(4, 2) + "-" + t.substr(6, 2);
    if (auto d = corpus::ParseIsoDate(iso)) return corpus::FormatDate(*d);
  }
  return FindDateInText(t);
}

bool PlausibleDate(const std::string& iso, const std::string& fetched_at) {
  if (iso.size() < 10) return false;
  if (iso < "1995-01-01") return false;
  std::string limit = fetched_at.empty() ? corpus::NowIsoUtc() : fetched_at;
  return iso.substr(0, 10) <= limit.substr(0, 10);
}

// The UTC offset, in minutes, written at the end of a timestamp that has a time of day
// ("...T06:35:29Z" -> 0, "...T23:05:04-08:00" -> -480), and the time of day in minutes.
std::optional<std::pair<int, int>> OffsetAndMinutes(std::string_view v) {
  static const std::regex kStamp(
      R"(^\s*\d{4}-\d\d-\d\d[T ](\d\d):(\d\d)(?::\d\d(?:\.\d+)?)?\s*(Z|[+-]\d\d:?\d\d)\s*$)");
  std::cmatch mt;
  if (v.size() > 64 || !std::regex_match(v.begin(), v.end(), mt, kStamp)) return std::nullopt;
  int minutes = std::stoi(mt[1]) * 60 + std::stoi(mt[2]);
  std::string off = mt[3];
  int offset = 0;
  if (off != "Z") {
    std::string digits;
    for (char ch : off)
      if (std::isdigit(static_cast<unsigned char>(ch))) digits += ch;
    offset = std::stoi(digits.substr(0, 2)) * 60 + std::stoi(digits.substr(2, 2));
    if (off[0] == '-') offset = -offset;
  }
  return std::make_pair(offset, minutes);
}

// A publication time given in UTC names the day in London, not where the page was published:
// 06:35 UTC on the 9th is the evening of the 8th in California. Turn it into the local day when
// the page shows its own offset in another timestamp, or else when the URL names the day next to
// it.
std::string LocalDay(const std::string& iso, const std::string& raw,
                     const std::vector<std::string>& stamps, const std::string& url_date) {
  auto utc = OffsetAndMinutes(raw);
  if (!utc || utc->first != 0) return iso;
  auto date = corpus::ParseIsoDate(iso);
  if (!date) return iso;
  for (const auto& st : stamps) {
    auto local = OffsetAndMinutes(st);
    if (!local || local->first == 0) continue;
    int minutes = utc->second + local->first;
    std::int64_t day = corpus::DaysFromCivil(*date);
    if (minutes < 0) --day;
    if (minutes >= 24 * 60) ++day;
    return corpus::FormatDate(corpus::CivilFromDays(day));
  }
  if (!url_date.empty()) {
    auto u = corpus::ParseIsoDate(url_date);
    if (u && std::abs(corpus::DaysFromCivil(*u) - corpus::DaysFromCivil(*date)) == 1) return url_date;
  }
  return iso;
}

struct PageTextDate {
  std::string iso;
  bool near = false;  // labelled as the publication date, or right before the article
};

// What the few words before a date say it is: +1 publication ("Veröffentlicht am", "Publié le",
// "Posted", "Datum:"), -1 a later change ("Aktualisiert", "Updated", "mis à jour"), 0 nothing.
int DateLabel(std::string_view page, std::size_t pos) {
  std::size_t from = pos > 48 ? pos - 48 : 0;
  std::string before = Lower(page.substr(from, pos - from));
  static const char* kUpdate[] = {"aktualisiert", "geändert", "änderung", "updated", "update:",
                                  "mis à jour", "modifié", "actualizado", "actualización",
                                  "更新", "stand:"};
  static const char* kPublished[] = {"veröffentlicht", "erschienen", "publié", "publie le",
                                     "published", "posted", "publicado", "publicada",
                                     "pubblicato", "datum", "date:", "fecha", "发布", "发表",
                                     "發佈", "發表", "publication"};
  // The label nearest the date decides.
  std::size_t best = std::string::npos;
  int label = 0;
  for (const char* w : kUpdate)
    if (auto p = before.rfind(w); p != std::string::npos && (best == std::string::npos || p > best)) {
      best = p;
      label = -1;
    }
  for (const char* w : kPublished)
    if (auto p = before.rfind(w); p != std::string::npos && (best == std::string::npos || p > best)) {
      best = p;
      label = 1;
    }
  return label;
}

// The publication date written in the page's text. Dates are looked for around the article: in
// the 2,500 characters before its first paragraph (where bylines sit), in its first 2,000, and
// in the 2,000 after its last paragraph (where some sites put "Erschienen am ..."). A date
// labelled as the publication date wins; then the first in the byline area just before the
// article (or else the nearest one before it); then the
// first inside it; then the first after it; a date labelled as an update only when nothing else.
PageTextDate DateFromPageText(const std::string& page, const std::vector<std::string>& paras,
                              const std::string& title, bool month_first,
                              const std::string& fetched_at) {
  auto find_para = [&](const std::string& para, std::size_t from) {
    std::string head = para.substr(0, 60);
    return head.empty() ? std::string::npos : page.find(head, from);
  };
  std::size_t anchor = paras.empty() ? std::string::npos : find_para(paras.front(), 0);
  if (anchor == std::string::npos && !title.empty()) anchor = page.find(title);
  if (anchor == std::string::npos) {
    // Nowhere to stand: the start of the page, as a byline area would be.
    auto all = FindDatesInText(std::string_view(page).substr(0, 3000), month_first);
    for (const auto& t : all)
      if (PlausibleDate(t.iso, fetched_at) && DateLabel(page, t.pos) >= 0) return {t.iso, false};
    return {};
  }
  std::size_t end = paras.empty() ? std::string::npos : find_para(paras.back(), anchor);
  end = end == std::string::npos ? anchor : end + paras.back().size();
  std::size_t w1 = anchor > 2500 ? anchor - 2500 : 0;
  std::size_t w1_end = std::min(page.size(), std::max(anchor + 2000, w1));
  std::size_t w2 = std::max(end, w1_end), w2_end = std::min(page.size(), std::max(w2, end + 2000));
  std::vector<TextDate> dates;
  for (auto [from, to] : {std::pair{w1, w1_end}, std::pair{w2, w2_end}}) {
    if (from >= to) continue;
    for (auto t : FindDatesInText(std::string_view(page).substr(from, to - from), month_first)) {
      t.pos += from;
      if (PlausibleDate(t.iso, fetched_at)) dates.push_back(std::move(t));
    }
  }
  const TextDate* byline_block = nullptr;  // the first date in the 600 characters before
  const TextDate* nearest_before = nullptr;
  const TextDate* first_inside = nullptr;
  const TextDate* first_after = nullptr;
  const TextDate* update = nullptr;
  for (const auto& t : dates) {
    int label = DateLabel(page, t.pos);
    if (label > 0) return {t.iso, true};
    if (label < 0) {
      if (!update) update = &t;
      continue;
    }
    if (t.pos < anchor) {
      nearest_before = &t;
      if (!byline_block && t.pos + 600 >= anchor) byline_block = &t;
    }
    else if (t.pos < w1_end && !first_inside) first_inside = &t;
    else if (t.pos >= w2 && !first_after) first_after = &t;
  }
  // A byline block gives the publication date first ("4 May 2020, updated 6 May 2020").
  if (byline_block) return {byline_block->iso, true};
  if (nearest_before) return {nearest_before->iso, true};
  if (first_inside) return {first_inside->iso, false};
  if (first_after) return {first_after->iso, false};
  if (update) return {update->iso, false};
  return {};
}

std::string StripSiteSuffix(std::string title, const std::string& site) {
  static const char* kSeps[] = {" | ", " - ", " – ", " — ", " :: ", " · ", " » ", "｜", " _ "};
  for (const char* sep : kSeps) {
    auto p = title.rfind(sep);
    if (p == std::string::npos || p == 0) continue;
    std::string tail = title.substr(p + std::strlen(sep));
    bool is_site = !site.empty() && (Lower(tail).find(Lower(site)) != std::string::npos ||
                                     Lower(site).find(Lower(tail)) != std::string::npos);
    // Without a known site name, a short trailing segment is most likely the site.
    if (is_site || (site.empty() && CharCount(tail) <= 30 && CharCount(title.substr(0, p)) > 20)) {
      return CollapseSpace(title.substr(0, p));
    }
  }
  return title;
}

// ---------------------------------------------------------------------------------------------
// Body

// Characters of paragraph text (<p> of at least 80 characters) under a node, stopping early once
// `enough` is reached.
std::size_t ParagraphChars(const Node* n, std::size_t enough, int depth = 0) {
  std::size_t total = 0;
  if (depth > 300) return total;
  for (const Node* c = n->children; c && total < enough; c = c->next) {
    if (c->type != html::kElementNode) continue;
    if (Name(c) == "p") {
      std::size_t len = CharCount(NodeText(c));
      if (len >= 80) total += len;
    } else {
      total += ParagraphChars(c, enough - total, depth + 1);
    }
  }
  return total;
}

// Search boxes, logins, newsletter sign-ups and comment forms are boilerplate; but some
// frameworks (ASP.NET Web Forms, for one) wrap the whole page in one <form>, article included.
bool IsBoilerplateForm(const Node* form) { return ParagraphChars(form, 400) < 400; }

void RemoveBoilerplate(Node* n, bool use_classes, int depth) {
  Node* c = n->children;
  while (c) {
    Node* next = c->next;
    if (c->type == html::kCommentNode) {
      html::Document::Unlink(c);
    } else if (c->type == html::kElementNode) {
      std::string_view name = Name(c);
      bool drop = IsDropTag(name) || (name == "form" && IsBoilerplateForm(c)) ||
                  (use_classes && name != "body" && name != "html" &&
                                      IsBoilerplate(c));
      if (name == "header" && use_classes) {
        // Page headers hold navigation; an article's own header holds its title, kept apart.
        drop = true;
      }
      if (drop || depth > 300) {
        html::Document::Unlink(c);
      } else {
        RemoveBoilerplate(c, use_classes, depth + 1);
      }
    }
    c = next;
  }
}

struct Scores {
  std::unordered_map<const Node*, double> score;
  // The scored nodes in the order they were first credited (document order of their text). The
  // map's own order follows the nodes' addresses, which change from run to run: walking it would
  // let equal scores pick different winners in different runs.
  std::vector<const Node*> order;
};

bool HasBlockChild(const Node* n) {
  for (const Node* c = n->children; c; c = c->next)
    if (c->type == html::kElementNode && IsBlockTag(Name(c)) && Name(c) != "br") return true;
  return false;
}

// Credits one paragraph's text to the three containers above it: in full to the one that holds
// it, half to the next, a third to the one above that.
void ScoreText(const std::string& text, std::size_t link_chars, const Node* holder, Scores& s) {
  std::size_t len = CharCount(text);
  if (len < 25) return;
  double ld = double(link_chars) / double(len);
  double cjk_boost = corpus::HasCjk(text) ? 2.5 : 1.0;  // CJK packs more per character
  double v =
      (1.0 + double(Commas(text)) + std::min(3.0, double(len) * cjk_boost / 100.0)) * (1.0 - ld);
  double share = 1.0;
  for (int level = 0; holder && holder->type == html::kElementNode && level < 3; ++level) {
    auto [it, fresh] = s.score.try_emplace(holder, 0.0);
    if (fresh) s.order.push_back(holder);
    it->second += v * share;
    share = level == 0 ? 0.5 : 1.0 / 3.0;
    holder = holder->parent;
  }
}

bool IsContainerTag(std::string_view name) {
  return name == "div" || name == "section" || name == "li" || name == "td" ||
         name == "blockquote" || name == "article" || name == "main";
}

// Text written straight into a container that also holds blocks ("First paragraph.<div
// class=spacer></div>Second paragraph.", or text between <figure>s) is paragraph text as much as
// a <p> is: each run of it between two blocks counts as one paragraph of the container.
void ScoreLooseText(const Node* container, Scores& s) {
  std::string run;
  std::size_t link_chars = 0;
  auto flush = [&] {
    ScoreText(CollapseSpace(run), link_chars, container, s);
    run.clear();
    link_chars = 0;
  };
  for (const Node* c = container->children; c; c = c->next) {
    if (c->type == html::kTextNode) {
      run += c->content;
    } else if (c->type == html::kElementNode) {
      std::string_view name = Name(c);
      if (IsDropTag(name) || name == "br") continue;
      if (IsBlockTag(name)) {
        flush();
      } else if (name == "a") {
        std::string t;
        AppendText(c, t, &link_chars, true);
        run += " " + t + " ";
      } else if (!(name == "span" && IsHoverCard(c))) {
        std::string t;
        AppendText(c, t, &link_chars, false);
        run += " " + t + " ";
      }
    }
  }
  flush();
}

void ScoreParagraphs(const Node* n, Scores& s, int depth) {
  if (depth > 300) return;
  for (const Node* c = n->children; c; c = c->next) {
    if (c->type != html::kElementNode) continue;
    std::string_view name = Name(c);
    bool container = IsContainerTag(name);
    bool para = name == "p" || name == "pre" || (container && !HasBlockChild(c));
    if (para) {
      std::size_t link_chars = 0;
      std::string text = NodeText(c, &link_chars);
      ScoreText(text, link_chars, c->parent, s);
      if (name == "p" || name == "pre") continue;
    } else if (container) {
      ScoreLooseText(c, s);
    }
    ScoreParagraphs(c, s, depth + 1);
  }
}

// The walk of AppendText, counting instead of copying.
void CountText(const Node* n, corpus::CollapsedLength& all, std::size_t& link_chars, bool in_link) {
  for (const Node* c = n->children; c; c = c->next) {
    if (c->type == html::kTextNode) {
      all.Feed(c->content);
      if (in_link) link_chars += CollapsedChars(c->content);
    } else if (c->type == html::kElementNode) {
      std::string_view name = Name(c);
      if (IsDropTag(name)) continue;
      if (name == "br") {
        all.Space();
        continue;
      }
      if (name == "span" && IsHoverCard(c)) continue;
      bool block = IsBlockTag(name);
      if (block) all.Space();
      CountText(c, all, link_chars, in_link || name == "a");
      if (block) all.Space();
    }
  }
}

double LinkDensity(const Node* n) {
  corpus::CollapsedLength all;
  std::size_t link_chars = 0;
  CountText(n, all, link_chars, false);
  return all.chars() ? double(link_chars) / double(all.chars()) : 1.0;
}

// A table row whose cells hold only inline content: data, not page layout.
bool IsDataRow(const Node* tr) {
  int cells = 0;
  for (const Node* c = tr->children; c; c = c->next) {
    if (c->type != html::kElementNode) continue;
    if (Name(c) != "td" && Name(c) != "th") return false;
    if (HasBlockChild(c)) return false;
    ++cells;
  }
  return cells >= 2;
}

struct BodyWriter {
  std::vector<std::string> paragraphs;
  std::string title_norm;
  std::size_t blocks = 0;   // text blocks seen in the content
  std::size_t teasers = 0;  // of which headline links (with or without a summary): listing pages
  std::size_t longest_plain = 0;  // longest text outside links in one block (CJK counted double)

  void Emit(const std::string& raw, bool heading) {
    // Paragraphs split by <br><br> in legacy markup arrive with blank lines inside.
    std::size_t start = 0;
    std::string s = raw;
    while (start <= s.size()) {
      auto e = s.find("\n\n", start);
      std::string part = CollapseSpace(s.substr(start, e == std::string::npos ? std::string::npos : e - start));
      if (!part.empty()) {
        bool is_title = heading && corpus::Normalize(part) == title_norm;
        if (!is_title) paragraphs.push_back(part);
      }
      if (e == std::string::npos) break;
      start = e + 2;
    }
  }

  void Walk(const Node* n, int depth) {
    if (depth > 300) return;
    std::string inline_text;
    auto flush = [&] {
      std::string t = inline_text;
      // collapse single newlines inside, keep blank-line breaks
      for (std::size_t p = t.find("\n \n"); p != std::string::npos; p = t.find("\n \n")) t.replace(p, 3, "\n\n");
      inline_text.clear();
      if (CollapseSpace(t).empty()) return;
      Emit(t, false);
    };
    for (const Node* c = n->children; c; c = c->next) {
      if (c->type == html::kTextNode) {
        inline_text += c->content;
        continue;
      }
      if (c->type != html::kElementNode) continue;
      std::string_view name = Name(c);
      if (name == "br") {
        inline_text += "\n";
        continue;
      }
      if (!IsBlockTag(name)) {
        std::string t;
        AppendText(c, t, nullptr, false);
        inline_text += " " + t + " ";
        continue;
      }
      flush();
      bool leaf = !HasBlockChild(c);
      std::size_t link_chars = 0;
      std::string text = NodeText(c, &link_chars);
      std::size_t len = CharCount(text);
      if (len == 0) continue;
      double ld = double(link_chars) / double(len);
      bool heading = name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6';
      if (name == "tr" && IsDataRow(c)) {
        // A row of a data table reads as one line, cells side by side; a cell on its own
        // ("5", "Pos.") means nothing.
        ++blocks;
        if (ld > 0.5 && len < 300) continue;
        std::string row;
        for (const Node* cell = c->children; cell; cell = cell->next) {
          if (cell->type != html::kElementNode) continue;
          std::string t = NodeText(cell);
          if (t.empty()) continue;
          if (!row.empty()) row += ' ';
          row += t;
        }
        Emit(row, false);
        continue;
      }
      if (leaf || name == "p") {
        ++blocks;
        if (link_chars >= 15 && ld >= 0.15) ++teasers;
        longest_plain = std::max(longest_plain, (len - std::min(len, link_chars)) *
                                                    (corpus::HasCjk(text) ? 2 : 1));
        // "Read more" lines and link lists go; a headline link followed by a sentence of its
        // own (a summary in a numbered round-up) is text.
        std::size_t plain = (len - std::min(len, link_chars)) * (corpus::HasCjk(text) ? 2 : 1);
        if (ld > 0.5 && len < 300 && plain < 40) continue;
        if (!heading && len < 3) continue;
        std::string raw;
        AppendText(c, raw, nullptr, false);
        Emit(raw, heading);
      } else {
        if (ld > 0.6) continue;  // menus and lists of related links
        Walk(c, depth + 1);
      }
    }
    flush();
  }
};

bool IsAncestor(const Node* a, const Node* n) {
  for (const Node* p = n->parent; p; p = p->parent)
    if (p == a) return true;
  return false;
}

// Writes the chosen parts of the page in document order.
void WriteParts(const Node* n, const std::set<const Node*>& parts, BodyWriter& w, int depth) {
  if (depth > 300) return;
  for (const Node* c = n->children; c; c = c->next) {
    if (c->type != html::kElementNode) continue;
    if (!parts.count(c)) {
      WriteParts(c, parts, w, depth + 1);
    } else if (Name(c) == "p") {
      std::string raw;
      AppendText(c, raw, nullptr, false);
      w.Emit(raw, false);
    } else {
      w.Walk(c, 0);
    }
  }
}

const Node* FindBody(const Node* n) {
  for (const Node* c = n; c; c = c->next) {
    if (IsElement(c, "body")) return c;
    if (c->type == html::kElementNode)
      if (auto b = FindBody(c->children)) return b;
  }
  return nullptr;
}

const Node* FindFirst(const Node* n, std::string_view tag, int depth = 0) {
  if (depth > 300) return nullptr;
  for (const Node* c = n; c; c = c->next) {
    if (IsElement(c, tag)) return c;
    if (c->type == html::kElementNode)
      if (auto b = FindFirst(c->children, tag, depth + 1)) return b;
  }
  return nullptr;
}

struct Body {
  std::vector<std::string> paragraphs;
  std::size_t blocks = 0, teasers = 0;
  std::size_t headline_links = 0;  // distinct links whose text reads like a headline
  std::size_t plain_chars = 0;     // characters of text outside links
  std::size_t longest_plain = 0;   // see BodyWriter
};

// Listing pages (home, section, tag pages) repeat "headline link + short teaser" units: count
// headline-like links and the text outside links over what is left once navigation is gone.
void CountListingSignals(const Node* n, Body& b, std::set<std::string>& hrefs, int depth) {
  if (depth > 300) return;
  for (const Node* c = n->children; c; c = c->next) {
    if (c->type == html::kTextNode) {
      b.plain_chars += CharCount(CollapseSpace(c->content));
      continue;
    }
    if (c->type != html::kElementNode || IsDropTag(Name(c))) continue;
    if (Name(c) == "a") {
      std::string t = NodeText(c);
      std::size_t len = CharCount(t);
      std::string href = Attr(c, "href");
      bool headline = corpus::HasCjk(t) ? len >= 8 : len >= 20;
      if (headline && !href.empty() && href[0] != '#' && hrefs.insert(href).second) ++b.headline_links;
      continue;
    }
    CountListingSignals(c, b, hrefs, depth + 1);
  }
}

// The words of a line, case-folded, joined by single spaces.
std::string FoldedWords(std::string_view s) {
  std::string out;
  for (const auto& t : corpus::Tokenize(s)) {
    if (!out.empty()) out += ' ';
    out += t.norm;
  }
  return out;
}

// Interface labels that stand alone on a line inside article containers, in the languages we
// meet most: advertising markers, "read more"/"related" headers, comment and share prompts.
bool IsInterfaceLine(const std::string& para) {
  static const std::set<std::string> kLines = {
      "ad", "ads", "advert", "advertisement", "advertising", "sponsored", "sponsored content",
      "anzeige", "werbung", "publicité", "publicite", "publicidad", "publicidade", "pubblicità",
      "iklan", "广告", "advertentie", "reklama", "reklame",
      "don t miss", "read more", "read also", "see also", "related", "related articles",
      "related stories", "related posts", "related content", "more on this", "more stories",
      "more", "mehr", "plus", "más",
      "you may like these posts", "you may also like", "recommended", "most read", "most popular",
      "lire aussi", "à lire aussi", "voir aussi", "à lire également", "sur le même sujet",
      "lesen sie auch", "lesen sie mehr", "mehr zum thema", "auch interessant", "das könnte sie "
      "auch interessieren", "leer más", "lee también", "ver también", "te puede interesar",
      "relacionado", "relacionados", "noticias relacionadas", "terkait", "baca juga",
      "相关阅读", "相关新闻", "延伸阅读", "相关文章", "推荐阅读",
      "comments", "comment", "leave a comment", "leave a reply", "kommentare", "kommentar",
      "commentaires", "commentaire", "comentarios", "comentários", "komentar",
      "share", "share this", "share this article", "share this story", "share on", "teilen",
      "artikel teilen", "partager", "partager cet article", "compartir", "compartilhe", "bagikan",
      "like this", "like loading", "loading", "sukai ini", "suka memuat", "print", "email",
      "tell us what you think", "this slideshow requires javascript", "follow us",
      "click to share on twitter", "click to share on facebook"};
  if (CharCount(para) > 60) return false;
  return kLines.count(FoldedWords(para)) > 0;
}

// A short line at the very start or end of the text that only says who wrote it or when:
// "By A. Writer - 11/18/19 11:04 PM", "Posted on 27 October 2015 by Admin", "Updated at 1:23
// p.m.", "Aktualisiert: 30.12.2016". Article text proper never looks like that.
bool IsDatelineOrByline(const std::string& para) {
  if (CharCount(para) > 90) return false;
  static const char* kPrefixes[] = {
      "by ", "posted ", "published ", "updated ", "last updated", "von ", "veröffentlicht",
      "aktualisiert", "erschienen", "stand:", "par ", "publié", "mis à jour", "por ",
      "publicado", "actualizado", "oleh ", "diposting", "发布", "更新", "作者"};
  std::string low = Lower(para.substr(0, 40));
  for (const char* p : kPrefixes)
    if (low.starts_with(p)) return true;
  // Taxonomy lines: "Filed under: Politics |", "Tags: ...", "Schlagworte: ...".
  static const char* kTaxonomy[] = {"filed under", "posted in", "tags:", "tagged", "categories:",
                                    "category:", "schlagworte", "themen:", "kategorie",
                                    "étiquettes", "mots-clés", "catégories", "etiquetas",
                                    "categorías", "标签", "分类"};
  for (const char* p : kTaxonomy)
    if (low.starts_with(p)) return true;
  if (!FindDateInText(para).empty()) {
    // A date plus at most a handful of other words (a name, a weekday, a time).
    return corpus::Tokenize(para).size() <= 10;
  }
  return false;
}

void DropEdgeAndInterfaceLines(std::vector<std::string>& paras) {
  std::vector<std::string> kept;
  kept.reserve(paras.size());
  for (std::size_t i = 0; i < paras.size(); ++i) {
    bool edge = i < 3 || i + 3 >= paras.size();
    if (IsInterfaceLine(paras[i])) continue;
    if (edge && paras.size() > 3 && IsDatelineOrByline(paras[i])) continue;
    kept.push_back(std::move(paras[i]));
  }
  paras = std::move(kept);
}

Body ExtractBody(html::Document& doc, bool use_classes, const std::string& title) {
  Node* root = doc.root();
  if (!root) return {};
  RemoveBoilerplate(root, use_classes, 0);
  const Node* body = FindBody(root);
  if (!body) body = root;
  Body listing;
  std::set<std::string> hrefs;
  CountListingSignals(body, listing, hrefs, 0);
  Scores s;
  ScoreParagraphs(body, s, 0);
  // Each scored node's link density, asked for again below: one walk over its text each.
  std::unordered_map<const Node*, double> densities;
  auto link_density = [&](const Node* n) {
    auto [it, fresh] = densities.try_emplace(n, 0.0);
    if (fresh) it->second = LinkDensity(n);
    return it->second;
  };
  const Node* best = nullptr;
  double best_score = 0;
  for (const Node* node : s.order) {
    const double score = s.score[node];
    double v = (score + ClassWeight(node)) * (1.0 - link_density(node));
    std::string_view name = Name(node);
    if (name == "article" || Lower(Attr(node, "itemprop")) == "articlebody") v *= 1.3;
    if (v > best_score) {
      best_score = v;
      best = node;
    }
  }
  BodyWriter w;
  w.title_norm = corpus::Normalize(title);
  if (!best) {
    w.Walk(body, 0);
    DropEdgeAndInterfaceLines(w.paragraphs);
    return Body{std::move(w.paragraphs), w.blocks, w.teasers, listing.headline_links,
                listing.plain_chars, w.longest_plain};
  }
  // Siblings of the best candidate that carry text of their own belong to the article too
  // (pages that split the body across several containers).
  const Node* parent = best->parent;
  double threshold = std::max(10.0, best_score * 0.2);
  std::set<const Node*> parts;
  for (const Node* c = parent ? parent->children : best; c; c = c->next) {
    if (c->type != html::kElementNode) continue;
    bool take = c == best;
    if (!take) {
      auto it = s.score.find(c);
      if (it != s.score.end() && it->second * (1.0 - link_density(c)) >= threshold) take = true;
      if (!take && Name(c) == "p") {
        std::string t = NodeText(c);
        if (CharCount(t) > 80 && link_density(c) < 0.25) take = true;
      }
    }
    if (take) parts.insert(c);
    if (!parent) break;
  }
  // Templates that break the text around wide pictures or pull quotes open a new box of the
  // same kind for each stretch of text, often under wrappers of their own rather than next to
  // the first: boxes of the best one's element and class that carry as much text as a sibling
  // must are further parts of the same article. Only once boilerplate is gone: on the whole
  // page, layout classes (grid columns, panels) repeat in every region.
  std::string best_class = Attr(best, "class");
  if (use_classes && !best_class.empty()) {
    for (const auto& [node, score] : s.score) {
      if (parts.count(node) || Name(node) != Name(best) || Attr(node, "class") != best_class)
        continue;
      if (IsAncestor(node, best) || IsAncestor(best, node)) continue;
      if (score * (1.0 - link_density(node)) >= threshold) parts.insert(node);
    }
  }
  if (parts.count(root)) {
    w.Walk(root, 0);
  } else {
    WriteParts(root, parts, w, 0);
  }
  DropEdgeAndInterfaceLines(w.paragraphs);
  return Body{std::move(w.paragraphs), w.blocks, w.teasers, listing.headline_links,
              listing.plain_chars, w.longest_plain};
}


std::string BylineAuthors(const Node* n, int depth) {
  if (depth > 300) return "";
  for (const Node* c = n; c; c = c->next) {
    if (c->type != html::kElementNode) continue;
    bool byline = false;
    if (std::string_view r = AttrView(c, "rel"); r.size() == 6) byline = Lower(r) == "author";
    std::string storage;
    for (std::string_view w : ClassWords(c, storage)) {
      // Byline class names in the languages we cover (signature/auteur, autor, verfasser).
      byline = byline || w == "byline" || w == "author" || w == "authors" || w == "signature" ||
               w == "auteur" || w == "autor" || w == "autores" || w == "verfasser" ||
               w == "autorin" || w == "firma" || w == "reporter";
    }
    if (byline) {
      std::string t = NodeText(c);
      if (!t.empty() && CharCount(t) < 120) return t;
    }
    std::string r = BylineAuthors(c->children, depth + 1);
    if (!r.empty()) return r;
  }
  return "";
}

std::vector<std::string> SplitAuthors(std::string s) {
  static const char* kPrefixes[] = {"By ", "by ", "BY ", "Par ", "par ", "Von ", "von ", "Por ",
                                    "por ", "记者：", "记者:", "記者：", "記者 ", "记者 ", "文／", "文/"};
  s = CollapseSpace(s);
  for (const char* p : kPrefixes)
    if (s.starts_with(p)) s = s.substr(std::strlen(p));
  std::vector<std::string> out;
  std::string cur;
  auto push = [&] {
    std::string t = CollapseSpace(cur);
    cur.clear();
    if (!t.empty() && CharCount(t) < 60 && t.find("://") == std::string::npos) out.push_back(t);
  };
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ',' || s[i] == ';' || s[i] == '|') {
      push();
    } else if (s.compare(i, 5, " and ") == 0 || s.compare(i, 4, " et ") == 0 ||
               s.compare(i, 5, " und ") == 0 || s.compare(i, 3, " y ") == 0) {
      push();
      i += s.compare(i, 3, " y ") == 0 ? 2 : s.compare(i, 4, " et ") == 0 ? 3 : 4;
    } else if (s.compare(i, 3, "、") == 0) {
      push();
      i += 2;
    } else {
      cur.push_back(s[i]);
    }
  }
  push();
  return out;
}

std::size_t WordCount(const std::vector<std::string>& paras) {
  std::size_t n = 0;
  for (const auto& p : paras) n += corpus::Tokenize(p).size();
  return n;
}

}  // namespace

// ---------------------------------------------------------------------------------------------

std::string DecodeHtml(std::string_view bytes, std::string_view content_type,
                       std::string* charset_out) {
  std::string cs = CharsetFromContentType(content_type);
  std::string_view payload = bytes;
  if (bytes.starts_with("\xEF\xBB\xBF")) {
    cs = "utf-8";
    payload.remove_prefix(3);
  } else if (bytes.starts_with("\xFF\xFE")) {
    cs = "utf-16le";
  } else if (bytes.starts_with("\xFE\xFF")) {
    cs = "utf-16be";
  }
  if (cs.empty() || !KnownCharset(cs)) cs = CharsetFromMeta(bytes);
  if (!cs.empty() && !KnownCharset(cs)) cs.clear();
  // A page declared Latin-1 is almost always windows-1252 (the HTML standard says so too).
  if (cs == "iso-8859-1" || cs == "latin1" || cs == "us-ascii" || cs == "ascii") cs = "windows-1252";
  if (cs == "gb2312" || cs == "gbk") cs = "gb18030";
  // A wrong label: bytes that are valid UTF-8 with multi-byte characters are almost never
  // Latin-1 or windows-1252 text, while servers often send a stale single-byte charset.
  if ((cs == "windows-1252" || cs == "iso-8859-15") && !bytes.starts_with("\xFF\xFE") &&
      IsValidUtf8(bytes.substr(0, 1 << 20)) &&
      std::any_of(bytes.begin(), bytes.end(), [](char c) { return static_cast<unsigned char>(c) >= 0xC2; })) {
    cs = "utf-8";
  }
  if (cs.empty()) {
    if (IsValidUtf8(bytes.substr(0, 1 << 20))) {
      cs = "utf-8";
    } else {
      UErrorCode status = U_ZERO_ERROR;
      UCharsetDetector* det = ucsdet_open(&status);
      ucsdet_setText(det, bytes.data(), static_cast<int32_t>(std::min<std::size_t>(bytes.size(), 65536)), &status);
      const UCharsetMatch* m = ucsdet_detect(det, &status);
      if (U_SUCCESS(status) && m) cs = Lower(ucsdet_getName(m, &status));
      ucsdet_close(det);
      if (cs.empty()) cs = "windows-1252";
    }
  }
  if (charset_out) *charset_out = cs;
  if (cs == "utf-8" || cs == "utf8") return corpus::ToValidUtf8(payload);
  return ConvertToUtf8(payload, cs);
}

Result<Extraction> ExtractArticle(const ExtractInput& in) {
  Extraction ex;
  std::string utf8 = DecodeHtml(in.html, in.content_type, &ex.charset);
  // NUL bytes are not HTML text; binary junk is not a page.
  if (std::memchr(utf8.data(), '\0', utf8.size())) {  // rare: counted only when there is one
    std::size_t nuls = std::count(utf8.begin(), utf8.end(), '\0');
    if (nuls > utf8.size() / 10 + 16)
      return Fail(ErrorCode::kInvalidInput, in.url + ": binary content, not HTML");
    utf8.erase(std::remove(utf8.begin(), utf8.end(), '\0'), utf8.end());
  }
  if (std::all_of(utf8.begin(), utf8.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)); }))
    return Fail(ErrorCode::kInvalidInput, in.url + ": empty page");
  // Script, style and SVG bodies are dropped anyway, and attributes nothing reads are not needed:
  // gone once here, the page parses faster each of the up to three times it is parsed below.
  utf8 = PrefilterHtml(utf8);
  // Every tree below holds views into `utf8`, which lives until the end of this function.
  std::unique_ptr<html::Document> doc = html::Document::Parse(utf8);
  if (!doc->root())
    return Fail(ErrorCode::kInvalidInput, in.url + ": no HTML document");

  Meta m;
  CollectMeta(doc->root(), m, false, 0);
  corpus::Document& d = ex.doc;
  d.url = in.url;
  auto key = [&](const char* k) -> std::string {
    auto it = m.by_key.find(k);
    return it == m.by_key.end() ? "" : CollapseSpace(it->second);
  };
  const nlohmann::json* ld = m.ld.empty() ? nullptr : &m.ld.front();
  // Prefer a real article object over a WebPage.
  for (const auto& j : m.ld)
    if (LdString(j, "@type") != "WebPage" && j.contains("headline")) {
      ld = &j;
      break;
    }
  d.site_name = key("og:site_name");
  if (d.site_name.empty() && ld) {
    if (auto p = ld->find("publisher"); p != ld->end()) d.site_name = LdString(*ld, "publisher");
  }
  d.site_name = CollapseSpace(d.site_name);
  std::string title = ld ? LdString(*ld, "headline") : "";
  if (title.empty()) title = key("og:title");
  if (title.empty()) title = key("twitter:title");
  if (title.empty()) {
    if (auto h1 = FindFirst(doc->root(), "h1")) title = NodeText(h1);
  }
  if (title.empty()) title = m.title_tag;
  d.title = StripSiteSuffix(CollapseSpace(title), d.site_name);

  if (ld) d.authors = LdAuthors(*ld);
  if (d.authors.empty()) {
    std::string a = key("author");
    if (a.empty()) a = key("article:author");
    if (a.empty()) a = key("dc.creator");
    if (!a.empty()) d.authors = SplitAuthors(a);
  }
  if (d.authors.empty()) {
    std::string byline = BylineAuthors(doc->root(), 0);
    if (!byline.empty()) d.authors = SplitAuthors(byline);
  }

  d.canonical_url = m.canonical.empty() ? key("og:url") : m.canonical;
  if (!d.canonical_url.empty()) d.canonical_url = ResolveUrl(in.url, d.canonical_url);
  d.description = key("og:description");
  if (d.description.empty()) d.description = key("description");
  d.section = key("article:section");
  if (d.section.empty() && ld) d.section = LdString(*ld, "articleSection");

  // Dates, most trusted source first.
  struct Candidate {
    std::string value;
    const char* source;
    bool generic = false;
  };
  std::vector<Candidate> cands;
  for (const auto& j : m.ld) cands.push_back({LdString(j, "datePublished"), "json-ld"});
  for (const auto& j : m.ld_other) cands.push_back({LdString(j, "datePublished"), "json-ld"});
  for (const char* k : {"article:published_time", "og:published_time", "og:pubdate", "pubdate",
                        "publishdate", "publish-date", "publish_date", "parsely-pub-date",
                        "sailthru.date", "article.published", "publication_date",
                        "citation_publication_date", "dc.date.issued", "dcterms.issued"})
    cands.push_back({key(k), "meta"});
  cands.push_back({key("datepublished"), "itemprop"});
  cands.push_back({m.time_datetime, "time"});
  // Generic "date" fields often carry the last change or today's date: below the specific ones.
  for (const char* k : {"date", "dc.date", "dcterms.date", "dc.date.created", "dcterms.created"})
    cands.push_back({key(k), "meta", true});
  cands.push_back({m.time_text, "time"});
  std::string url_date;
  {
    static const std::regex kUrlDate(R"(/((?:19|20)\d\d)[/-](\d\d)[/-](\d\d)(?:/|[^0-9]))");
    std::smatch mt;
    if (std::regex_search(in.url, mt, kUrlDate)) {
      url_date = NormalizeDate(mt[1].str() + "-" + mt[2].str() + "-" + mt[3].str());
      cands.push_back({url_date, "url"});
    }
  }
  bool generic_date = false;  // the date came from a generic "date" field, not a published one
  for (const auto& c : cands) {
    if (c.value.empty()) continue;
    std::string iso = NormalizeDate(c.value);
    if (!PlausibleDate(iso, in.fetched_at)) continue;
    d.published = LocalDay(iso, c.value, m.stamps, url_date);
    ex.date_source = c.source;
    generic_date = c.generic;
    break;
  }
  std::string modified = ld ? LdString(*ld, "dateModified") : "";
  if (modified.empty()) modified = key("article:modified_time");
  if (modified.empty()) modified = key("datemodified");
  if (!modified.empty()) {
    std::string iso = NormalizeDate(modified);
    if (PlausibleDate(iso, in.fetched_at)) d.modified = iso;
  }

  Body body = ExtractBody(*doc, true, d.title);
  std::size_t chars = 0;
  for (const auto& p : body.paragraphs) chars += CharCount(p);
  if (chars < 150) {
    // Class-based removal can eat a page whose whole template is named oddly; retry without.
    {
      std::unique_ptr<html::Document> doc2 = html::Document::Parse(utf8);
      Body again = ExtractBody(*doc2, false, d.title);
      std::size_t c2 = 0;
      for (const auto& p : again.paragraphs) c2 += CharCount(p);
      if (c2 > chars) body = std::move(again);
    }
  }
  if (chars < 150 && ld) {
    // Pages that build their text with JavaScript can still declare it in schema.org's
    // articleBody: better the publisher's own text than nothing.
    std::string declared = LdString(*ld, "articleBody");
    if (CharCount(declared) >= 150) {
      std::vector<std::string> declared_paras;
      std::size_t start = 0;
      while (start <= declared.size()) {
        auto e = declared.find('\n', start);
        std::string part =
            CollapseSpace(declared.substr(start, e == std::string::npos ? e : e - start));
        if (!part.empty()) declared_paras.push_back(std::move(part));
        if (e == std::string::npos) break;
        start = e + 1;
      }
      body.paragraphs = std::move(declared_paras);
    }
  }
  const std::vector<std::string>& paras = body.paragraphs;
  // Article or listing (home, section, tag page)? Metadata decides when a page declares itself;
  // otherwise a content area made mostly of headline links with teasers is a listing.
  std::string og_type = Lower(key("og:type"));
  bool ld_article = false, ld_listing = false;
  for (const auto& j : m.ld) {
    std::string t = LdString(j, "@type");
    if (t == "WebPage" || t == "CollectionPage") ld_listing = true;
    else ld_article = true;
  }
  bool listing_markup = og_type == "website" || og_type == "section" || ld_listing;
  if (og_type == "article" || ld_article) {
    ex.is_article = true;
    ex.page_kind = "article (metadata)";
  } else if (body.headline_links >= 5 && body.longest_plain < (listing_markup ? 400u : 250u)) {
    // Many headline links and no block of real length outside them: teasers, not an article.
    ex.is_article = false;
    ex.page_kind = "listing (" + std::to_string(body.headline_links) +
                   " headline links, longest text block " + std::to_string(body.longest_plain) +
                   " characters" + (listing_markup ? ", og:type " + og_type : "") + ")";
  } else if (body.headline_links >= 1 && corpus::Tokenize(d.title).size() <= 3) {
    // A name for a title ("World", "Économie", "评论") over headline links: a section page.
    ex.is_article = false;
    ex.page_kind = "listing (short title \"" + d.title + "\" over " +
                   std::to_string(body.headline_links) + " headline links)";
  } else if (WordCount(paras) < 40) {
    ex.is_article = false;
    ex.page_kind = "not an article (under 40 words of text)";
  } else {
    ex.is_article = true;
    ex.page_kind = "article (text)";
  }
  for (std::size_t i = 0; i < paras.size(); ++i) {
    if (i) d.text += "\n\n";
    d.text += paras[i];
  }
  if (d.published.empty() || generic_date) {
    // A date written in the page, near the article (see DateFromPageText).
    // The page as parsed, before the boilerplate removal above changed the tree.
    std::unique_ptr<html::Document> doc3 = html::Document::Parse(utf8);
    std::string page;
    if (Node* root = doc3->root()) {
      RemoveBoilerplate(root, false, 0);
      const Node* page_body = FindBody(root);
      page = NodeText(page_body ? page_body : root);
    }
    std::string lang = Lower(m.html_lang.empty() ? key("og:locale") : m.html_lang);
    PageTextDate found = DateFromPageText(page, paras, d.title, lang.starts_with("en"), in.fetched_at);
    if (!found.iso.empty() && (!generic_date || found.near)) {
      d.published = found.iso;
      ex.date_source = "text";
    }
  }
  if (d.text.empty()) return Fail(ErrorCode::kInvalidInput, in.url + ": no article text found");
  std::string lang_hint = m.html_lang.empty() ? key("og:locale") : m.html_lang;
  if (ld && lang_hint.empty()) lang_hint = LdString(*ld, "inLanguage");
  d.language = corpus::DetectLanguage(d.title + "\n" + d.text, lang_hint).code;
  std::string id_key = d.canonical_url.empty() ? NormalizeUrl(in.url) : NormalizeUrl(d.canonical_url);
  d.id = corpus::MakeDocumentId(id_key.empty() ? in.url : id_key);
  return ex;
}

// ---------------------------------------------------------------------------------------------
// Dates written in text

namespace {

int MonthOf(std::string name) {
  struct Month {
    const char* name;
    int month;
  };
  static const Month kMonths[] = {
      {"january", 1}, {"february", 2}, {"march", 3}, {"april", 4}, {"may", 5}, {"june", 6},
      {"july", 7}, {"august", 8}, {"september", 9}, {"october", 10}, {"november", 11},
      {"december", 12}, {"jan", 1}, {"feb", 2}, {"mar", 3}, {"apr", 4}, {"jun", 6}, {"jul", 7},
      {"aug", 8}, {"sep", 9}, {"sept", 9}, {"oct", 10}, {"nov", 11}, {"dec", 12},
      // French
      {"janvier", 1}, {"février", 2}, {"fevrier", 2}, {"mars", 3}, {"avril", 4}, {"mai", 5},
      {"juin", 6}, {"juillet", 7}, {"août", 8}, {"aout", 8}, {"septembre", 9}, {"octobre", 10},
      {"novembre", 11}, {"décembre", 12}, {"decembre", 12}, {"janv", 1}, {"févr", 2},
      {"avr", 4}, {"juil", 7}, {"déc", 12},
      // German
      {"januar", 1}, {"jänner", 1}, {"februar", 2}, {"märz", 3}, {"maerz", 3}, {"juni", 6},
      {"juli", 7}, {"oktober", 10}, {"dezember", 12}, {"okt", 10}, {"dez", 12},
      // Spanish
      {"enero", 1}, {"febrero", 2}, {"marzo", 3}, {"abril", 4}, {"mayo", 5}, {"junio", 6},
      {"julio", 7}, {"agosto", 8}, {"septiembre", 9}, {"setiembre", 9}, {"octubre", 10},
      {"noviembre", 11}, {"diciembre", 12}, {"ene", 1}, {"abr", 4}, {"ago", 8}, {"dic", 12},
      // Portuguese and Italian
      {"janeiro", 1}, {"fevereiro", 2}, {"março", 3}, {"maio", 5}, {"junho", 6}, {"julho", 7},
      {"setembro", 9}, {"outubro", 10}, {"novembro", 11}, {"dezembro", 12}, {"gennaio", 1},
      {"febbraio", 2}, {"aprile", 4}, {"maggio", 5}, {"giugno", 6}, {"luglio", 7},
      {"settembre", 9}, {"ottobre", 10}, {"dicembre", 12}};
  name = Lower(name);
  // Lower() is byte-wise: fold the accented capitals that start month names by hand.
  if (name.starts_with("\xC3\x89")) name = "\xC3\xA9" + name.substr(2);  // É
  if (name.starts_with("\xC3\x84")) name = "\xC3\xA4" + name.substr(2);  // Ä
  for (const auto& m : kMonths)
    if (name == m.name) return m.month;
  return 0;
}

}  // namespace

std::vector<TextDate> FindDatesInText(std::string_view text, bool month_first) {
  static const std::regex kCjk(R"(((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日)");
  // No \b before the numbers: inline elements often touch ("Karrasch<span>3.11.2023</span>").
  static const std::regex kYmd(R"(((?:19|20)\d\d)[-/.](\d\d)[-/.](\d\d)\b)");
  static const std::regex kDayMonth(
      R"((\d{1,2})(?:\.|er|º|°)?\s+(?:de\s+)?([A-Za-zÀ-ÿéûäöüçÉÄ]{2,16})\.?,?\s+(?:de\s+)?((?:19|20)\d\d))");
  static const std::regex kMonthDay(
      R"(([A-Za-zÀ-ÿéûäöüçÉÄ]{2,16})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d))");
  // 03.03.2019, 03/03/2019, 03-03-2019, 03 | 03 | 2019: day first, unless the page's language
  // writes the month first (English) and the numbers allow it.
  static const std::regex kNumeric(
      R"((\d{1,2})\s?([./|-])\s?(\d{1,2})\s?\2\s?((?:19|20)\d\d)\b)");
  std::vector<TextDate> out;
  // libstdc++'s regex engine recurses once per character a repetition takes in, so a long run
  // of letters or blanks would overflow the stack: the patterns run over chunks of at most
  // kChunk bytes, overlapping by more than any date is long, and month words are at most 16
  // bytes (an unbounded word would make each chunk cost its length squared).
  constexpr std::size_t kChunk = 1024, kOverlap = 64, kMaxDates = 256;
  std::set<std::size_t> seen;  // match starts already taken (chunks overlap)
  std::string s;
  std::size_t base = 0;
  auto add = [&](std::size_t pos, std::size_t len, int y, int mo, int d) {
    std::size_t at = base + pos;
    if (at > 0 && std::isdigit(static_cast<unsigned char>(text[at - 1]))) return;
    if (mo < 1 || mo > 12 || d < 1 || d > corpus::DaysInMonth(y, mo)) return;
    if (out.size() >= kMaxDates || !seen.insert(at).second) return;
    out.push_back({at, len, corpus::FormatDate(corpus::Date{y, mo, d})});
  };
  auto each = [&](const std::regex& re, auto&& fn) {
    for (auto it = std::sregex_iterator(s.begin(), s.end(), re); it != std::sregex_iterator(); ++it)
      fn(*it);
  };
  // Every pattern ends in a year 19xx or 20xx: a chunk without one (most text) skips them all.
  auto has_year = [](std::string_view t) {
    for (std::size_t i = 0; i + 4 <= t.size(); ++i) {
      if (((t[i] == '1' && t[i + 1] == '9') || (t[i] == '2' && t[i + 1] == '0')) &&
          std::isdigit(static_cast<unsigned char>(t[i + 2])) &&
          std::isdigit(static_cast<unsigned char>(t[i + 3])))
        return true;
    }
    return false;
  };
  for (base = 0; base < text.size() && out.size() < kMaxDates; base += kChunk - kOverlap) {
    s.assign(text.substr(base, kChunk));
    if (!has_year(s)) {
      if (base + kChunk >= text.size()) break;
      continue;
    }
    each(kCjk, [&](const std::smatch& m) {
      add(m.position(0), m.length(0), std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3]));
    });
    each(kYmd, [&](const std::smatch& m) {
      add(m.position(0), m.length(0), std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3]));
    });
    each(kDayMonth, [&](const std::smatch& m) {
      if (int mo = MonthOf(m[2]))
        add(m.position(0), m.length(0), std::stoi(m[3]), mo, std::stoi(m[1]));
    });
    each(kMonthDay, [&](const std::smatch& m) {
      if (int mo = MonthOf(m[1]))
        add(m.position(0), m.length(0), std::stoi(m[3]), mo, std::stoi(m[2]));
    });
    each(kNumeric, [&](const std::smatch& m) {
      int a = std::stoi(m[1]), b = std::stoi(m[3]), y = std::stoi(m[4]);
      bool swap = month_first ? b <= 31 && a <= 12 : b > 12 && a <= 12;
      // A dotted date is day-first everywhere it is used.
      if (m[2] == ".") swap = false;
      if (swap) add(m.position(0), m.length(0), y, a, b);
      else add(m.position(0), m.length(0), y, b, a);
    });
    if (base + kChunk >= text.size()) break;
  }
  std::sort(out.begin(), out.end(),
            [](const TextDate& x, const TextDate& y) { return x.pos < y.pos; });
  return out;
}

std::string FindDateInText(std::string_view text) {
  auto all = FindDatesInText(text, false);
  return all.empty() ? "" : all.front().iso;
}

}  // namespace framescope::crawler
