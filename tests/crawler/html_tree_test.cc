// The extractor's parser against libxml2's HTML parser, whose tree the extraction heuristics were
// tuned on: both trees are written out the same way and must be equal, for a table of broken
// markup and for every page of the bundled demo site. Set FRAMESCOPE_HTML_TREE_PAGES to a folder
// of .html or .html.gz files to compare those too (a fuzzer's corpus, for one: docs/FUZZING.md),
// and FRAMESCOPE_HTML_TREE_DIFFS to a folder that receives each differing input and both trees.
#include "../../crawler/src/html_tree.h"

#include <gtest/gtest.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <zlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "../../crawler/src/html_prefilter.h"
#include "framescope/corpus/study.h"
#include "framescope/crawler/extract.h"

namespace framescope::crawler {
namespace {

namespace fs = std::filesystem;

void Escape(std::string_view s, std::string& out) {
  for (char c : s) {
    if (c == '\n')
      out += "\\n";
    else if (c == '\\')
      out += "\\\\";
    else
      out.push_back(c);
  }
}

// One line per node, indented by depth: "<name a=v>", "#text ...", "#comment".
void DumpLibxml(const xmlNode* n, int depth, std::string& out) {
  for (; n; n = n->next) {
    if (n->type == XML_DTD_NODE) continue;
    out.append(static_cast<std::size_t>(depth) * 2, ' ');
    if (n->type == XML_ELEMENT_NODE) {
      out += "<";
      out += reinterpret_cast<const char*>(n->name);
      for (const xmlAttr* a = n->properties; a; a = a->next) {
        out += " ";
        out += reinterpret_cast<const char*>(a->name);
        out += "=\"";
        xmlChar* v = xmlNodeListGetString(n->doc, a->children, 1);
        Escape(v ? reinterpret_cast<const char*>(v) : "", out);
        xmlFree(v);
        out += "\"";
      }
      out += ">\n";
      DumpLibxml(n->children, depth + 1, out);
    } else if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      out += "#text ";
      Escape(n->content ? reinterpret_cast<const char*>(n->content) : "", out);
      out += "\n";
    } else if (n->type == XML_COMMENT_NODE) {
      out += "#comment\n";
    } else {
      out += "#other\n";
    }
  }
}

void DumpOurs(const html::Node* n, int depth, std::string& out) {
  for (; n; n = n->next) {
    if (n->type == html::kOtherNode && n->name == "!DOCTYPE") continue;
    out.append(static_cast<std::size_t>(depth) * 2, ' ');
    if (n->type == html::kElementNode) {
      out += "<";
      out += n->name;
      for (const html::Attribute* a = n->properties; a; a = a->next) {
        out += " ";
        out += a->name;
        out += "=\"";
        Escape(a->value, out);
        out += "\"";
      }
      out += ">\n";
      DumpOurs(n->children, depth + 1, out);
    } else if (n->type == html::kTextNode) {
      out += "#text ";
      Escape(n->content, out);
      out += "\n";
    } else if (n->type == html::kCommentNode) {
      out += "#comment\n";
    } else {
      out += "#other\n";
    }
  }
}

std::string LibxmlTree(const std::string& utf8) {
  std::unique_ptr<xmlDoc, void (*)(xmlDoc*)> doc(
      htmlReadMemory(utf8.data(), static_cast<int>(utf8.size()), "page.html", "UTF-8",
                     HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                         HTML_PARSE_NONET | HTML_PARSE_NOBLANKS | HTML_PARSE_COMPACT),
      xmlFreeDoc);
  std::string out;
  if (doc) DumpLibxml(doc->children, 0, out);
  return out;
}

std::string OurTree(const std::string& utf8) {
  auto doc = html::Document::Parse(utf8);
  std::string out;
  DumpOurs(doc->top(), 0, out);
  return out;
}

// The first differing line with a little context, for a readable failure.
std::string FirstDifference(const std::string& a, const std::string& b) {
  std::istringstream sa(a), sb(b);
  std::string la, lb;
  int line = 0;
  std::string context;
  while (true) {
    bool ga = static_cast<bool>(std::getline(sa, la));
    bool gb = static_cast<bool>(std::getline(sb, lb));
    ++line;
    if (!ga && !gb) return "";
    if (!ga || !gb || la != lb) {
      return "line " + std::to_string(line) + "\n  libxml2: " + (ga ? la : "<end>") +
             "\n  ours:    " + (gb ? lb : "<end>") + "\n  before:\n" + context;
    }
    context += "    " + la.substr(0, 160) + "\n";
    if (context.size() > 1200) context.erase(0, context.find('\n', 400) + 1);
  }
}

void ExpectSameTree(const std::string& utf8, const std::string& what) {
  std::string theirs = LibxmlTree(utf8), ours = OurTree(utf8);
  // FRAMESCOPE_HTML_TREE_DIFFS=DIR keeps each differing input and both trees there, for study.
  if (const char* dir = std::getenv("FRAMESCOPE_HTML_TREE_DIFFS"); dir && theirs != ours) {
    static int n = 0;
    const std::string base = std::string(dir) + "/" + std::to_string(n++);
    for (const auto& [ext, text] : {std::pair<std::string, const std::string*>{".in", &utf8},
                                    {".libxml2", &theirs},
                                    {".ours", &ours},
                                    {".what", &what}})
      std::ofstream(base + ext, std::ios::binary) << *text;
  }
  if (theirs != ours)
    ADD_FAILURE() << what << ": trees differ at " << FirstDifference(theirs, ours);
}

TEST(HtmlTreeTest, BrokenMarkupGivesLibxmlTree) {
  const char* cases[] = {
      "",
      "   ",
      "plain text only",
      "<p>one<p>two<div>three</div>",
      "<ul><li>a<li>b</ul><p>after",
      "<table><tr><td>a<td>b<tr><td>c</table>",
      "<div><p>a</div>b</p>c",
      "<td>cell</td> text </div>",
      "<html><head><title>T</title><meta name=x content=y><body><p>x</body></html>",
      "<title>T</title><p>text",
      "<head><p>x</head>",
      "<html><body><p>a</p></body></html><script>var a;</script><p>late</p>",
      "<!DOCTYPE html><html><body><p>a</p></body></html><div>late</div>",
      "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\"><body> <b>x</b> <i>y</i> </body>",
      "<body> <b>x</b> <i>y</i> <section> <p> z </p> </section></body>",
      "<p>a &amp; b &lt;c&gt; &nbsp; &copy &unknown; &#65;&#x42;&#0;&#xZZ; &#9999999; &</p>",
      "<a href=\"x?a=1&amp;b=2&c\" title='q&quot;' data-x=plain class=A B>link</a>",
      "<img src=x alt=\"&#0;cut\"><br/><hr><input value=v>",
      "<p>a<!-- comment -->b<!---->c<!-- never",
      "<p>a<!x bogus>b<?php echo 1 ?>c</p>",
      "<script>if (a < b && c) { document.write('</p>') }</script><p>after</p>",
      "<script type=\"application/ld+json\">{\"a\": \"</b>\"}</script>",
      "<style>p { color: red }</STYLE><p>x",
      "<DIV CLASS=Upper><P>Mixed</P></DIV>",
      "<p>x</p></p></div></td></html><p>y",
      "<div>a<span>b<div>c</span>d</div>e</div>",
      "<select><option>a<option>b</select><dl><dt>t<dd>d<dt>u</dl>",
      "<p>a <b>b <i>c</p> d",
      "<html><html lang=fr><body><body class=x><p>dup</p></body></html>",
      "<br><p>x</p>",
      "<div / class=a><p / >x</div>",
      "<p>text\x01with\x02controls\xEF\xBF\xBE</p>",
      "<p>\xE4\xB8\xAD\xE6\x96\x87 &middot; caf\xC3\xA9</p>",
      "<p>1 < 2 and 3 <= 4 <_x></p>",
      "< p>not a tag</p>",
      "<a name=x>open<a name=y>second</a>",
      "<form><input name=a><form><p>nested</form>",
      "<frameset><frame src=a></frameset>",
      "<p><embed src=x>after embed</p><p>more",
      "<video><source src=a><source src=b>fallback</video><p>after",
      "<noscript><p>n</p></noscript><p>x",
      "<h1>a<h2>b</h2></h1><p>x<h3>y</h3>",
      "<table><caption>c<tr><th>h<td>d</table>",
      "<pre>\n  code\n</pre>",
      "<p>x</p>\n\n<p>y</p>\n",
      "<body>\n<div>\n<p>a</p>\n</div>\n</body>",
      "text before<html><body>x</body></html>",
      "<p>unterminated <a href=\"x>y</a>",
      "<p>tag at end <a",
      "<p>entity at end &amp",
      "<!-- first --><!DOCTYPE html><!-- second --><html><p>x</p></html><!-- after -->",
      "<?xml version=\"1.0\"?><html><p>x</p></html>",
      "<p>a</ p>b</>c</3>d",
      "<p><a href=x>Ha<!DOCTYPE 7 Um</a></h2>X<!DOCTYPE html><!-- c --><b>y</b>",
      "<div>a<!DOCTYPE x>Z</div>b<!DOCTYPE x>&amp;<!DOCTYPE",
      "<html><body><p>a</p>\n\x15<b>x</b><p>b</p>\x15\n<i>y</i>\x15<u>z</u></body></html>",
      "x\n<html>\n<?div>\n<dieo>\n<?xml v?>\n<b>y</b><?DIV>\n<?div/>\n<i>z</i><?>\n<? x>",
      "<?\xc2\xaa"
      "C<?\xc3\xa9t\xc2\xb7"
      "e x><p>a &amp &lt\n&caf\xc3\xa9; &x\xc2\xaa; &\xe2\x80\x93;</p>\n<?Es",
      "<!DOCTYPE >&lt\n",
      "<fb:like href=x></fb:like><o:p></o:p><amp-img src=x></amp-img>",
      "<p xml:lang=en og:x=1 :y=2>a<xml:b>b</xml:b><c:>c</c:><:d>d</:d><a:b:c>e</a:b:c></p>",
      "<p>x<o:p>y</o:p>z</p><div><st1:place>Paris</st1:place></div>",
      "<p>\xEF\xBB\xBF bom inside</p>",
      "\xEF\xBB\xBF<p>bom first</p>",
  };
  for (const char* c : cases) ExpectSameTree(c, std::string("case \"") + c + "\"");
  {
    // Many attributes, some repeated (the first counts), and runs of comments between blanks.
    std::string tag = "<p";
    for (int i = 0; i < 40; ++i) tag += " a" + std::to_string(i % 25) + "=v" + std::to_string(i);
    tag += ">x</p>";
    ExpectSameTree(tag, "forty attributes");
    std::string comments = "<div><b>x</b>";
    for (int i = 0; i < 50; ++i) comments += " <!-- c --> ";
    comments += "<i>y</i></div><section> <!-- c --> <!-- d --> </section>";
    ExpectSameTree(comments, "comments between blanks");
  }
  // libxml2 stops reading a page nested deeper than 256 elements; so must we.
  for (int depth : {250, 253, 254, 255, 256, 300}) {
    std::string deep = "<html><body>";
    for (int i = 0; i < depth; ++i) deep += "<div>";
    deep += "deep text<p>more";
    for (int i = 0; i < depth; ++i) deep += "</div>";
    deep += "<p>after</p><!-- c --></body></html>";
    ExpectSameTree(deep, "nested " + std::to_string(depth));
    ExpectSameTree("<span>" + deep.substr(12), "nested, implied, " + std::to_string(depth));
  }
}

std::string ReadMaybeGzip(const fs::path& p) {
  if (p.extension() == ".gz") {
    gzFile f = gzopen(p.c_str(), "rb");
    std::string out;
    char buf[1 << 16];
    int n;
    while ((n = gzread(f, buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
    gzclose(f);
    return out;
  }
  auto bytes = corpus::ReadFile(p.string());
  return bytes ? *bytes : "";
}

// The page as the extractor parses it: decoded to UTF-8, NUL bytes gone; raw and prefiltered.
void ComparePagesUnder(const fs::path& dir, int& pages) {
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    std::string name = e.path().filename().string();
    if (!e.is_regular_file() ||
        !(name.ends_with(".html") || name.ends_with(".html.gz") || name.ends_with(".htm")))
      continue;
    std::string utf8 = DecodeHtml(ReadMaybeGzip(e.path()), "text/html", nullptr);
    utf8.erase(std::remove(utf8.begin(), utf8.end(), '\0'), utf8.end());
    ExpectSameTree(utf8, e.path().string());
    ExpectSameTree(PrefilterHtml(utf8), e.path().string() + " (prefiltered)");
    ++pages;
  }
}

TEST(HtmlTreeTest, PagesGiveLibxmlTree) {
  int pages = 0;
  ComparePagesUnder(fs::path(FRAMESCOPE_SOURCE_DIR) / "data", pages);
  EXPECT_GT(pages, 100);
  if (const char* dir = std::getenv("FRAMESCOPE_HTML_TREE_PAGES")) {
    int more = 0;
    ComparePagesUnder(dir, more);
    EXPECT_GT(more, 0) << dir;
  }
}

}  // namespace
}  // namespace framescope::crawler
