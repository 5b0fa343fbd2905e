#include "html_tree.h"

#include <libxml/HTMLparser.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <array>
#include <cstring>
#include <string>
#include <unordered_map>
#include <unordered_set>

namespace framescope::crawler::html {
namespace {

// ---------------------------------------------------------------------------------------------
// What libxml2's HTML parser knows about elements (the HTML 4 DTD, with its recovery rules).

// Names the rules mention, so that the rules below are small tables indexed by number.
constexpr std::string_view kTagNames[] = {
    "",  // not one of these
    "a",        "abbr",     "acronym",  "address",    "applet",   "area",     "b",        "base",
    "basefont", "bdo",      "big",      "blockquote", "body",     "br",       "button",   "caption",
    "center",   "cite",     "code",     "col",        "colgroup", "dd",       "del",      "dfn",
    "dir",      "div",      "dl",       "dt",         "em",       "fieldset", "font",     "form",
    "frame",    "frameset", "h1",       "h2",         "h3",       "h4",       "h5",       "h6",
    "head",     "hr",       "html",     "i",          "iframe",   "img",      "input",    "ins",
    "isindex",  "kbd",      "label",    "legend",     "li",       "link",     "listing",  "map",
    "menu",     "meta",     "noframes", "noscript",   "object",   "ol",       "optgroup", "option",
    "p",        "param",    "pre",      "q",          "s",        "samp",     "script",   "small",
    "span",     "strike",   "strong",   "style",      "sub",      "sup",      "table",    "tbody",
    "td",       "tfoot",    "th",       "thead",      "title",    "tr",       "tt",       "u",
    "ul",       "var",      "xmp"};
constexpr std::size_t kTagCount = std::size(kTagNames);
using Tag = unsigned char;
static_assert(kTagCount < 256);

// Looked up for every start tag: by length and first letter, then among the few names left.
Tag TagOf(std::string_view name) {
  struct Index {
    std::array<std::array<std::vector<Tag>, 26>, 11> by_size_and_first{};
    Index() {
      for (std::size_t i = 1; i < kTagCount; ++i)
        by_size_and_first[kTagNames[i].size()][kTagNames[i][0] - 'a'].push_back(
            static_cast<Tag>(i));
    }
  };
  static const Index kIndex;
  if (name.empty() || name.size() > 10 || name[0] < 'a' || name[0] > 'z') return 0;
  for (Tag t : kIndex.by_size_and_first[name.size()][name[0] - 'a'])
    if (kTagNames[t] == name) return t;
  return 0;
}

// The number of a name in kTagNames, at compile time.
consteval Tag T(std::string_view name) {
  for (std::size_t i = 1; i < kTagCount; ++i)
    if (kTagNames[i] == name) return static_cast<Tag>(i);
  throw "not a name in kTagNames";
}

struct Rules {
  // closed_by[old][new]: a start tag `new` closes an open `old` first.
  std::array<std::array<bool, kTagCount>, kTagCount> closed_by{};
  std::array<bool, kTagCount> empty{};      // no content, no end tag (br, img, meta...)
  std::array<bool, kTagCount> pcdata{};     // may hold text directly (keeps blank text)
  std::array<int, kTagCount> priority{};    // how hard an end tag must work to close it
  std::array<bool, kTagCount> head_only{};  // start tags that imply <head>, not <body>
};

const Rules& TheRules() {
  static const Rules* const kRules = [] {
    auto* r = new Rules();
    struct Closing {
      std::string_view old_tag;
      std::initializer_list<std::string_view> new_tags;
    };
    const std::initializer_list<std::string_view> kHeadings = {"h1", "h2", "h3", "h4", "h5", "h6"};
    const Closing closing[] = {
        {"a", {"a", "fieldset", "table", "td", "th"}},
        {"address", {"dd", "dl", "dt", "form", "li", "ul"}},
        {"b", {"center", "p", "td", "th"}},
        {"big", {"p"}},
        {"caption", {"col", "colgroup", "tbody", "tfoot", "thead", "tr"}},
        {"col", {"col", "colgroup", "tbody", "tfoot", "thead", "tr"}},
        {"colgroup", {"colgroup", "tbody", "tfoot", "thead", "tr"}},
        {"dd", {"dt"}},
        {"dir", {"dd", "dl", "dt", "form", "ul"}},
        {"dl", {"form", "li"}},
        {"dt", {"dd", "dl"}},
        {"font", {"center", "td", "th"}},
        {"form", {"form"}},
        {"head", {"a",      "abbr", "acronym", "address", "b",        "bdo",   "big",  "blockquote",
                  "body",   "br",   "center",  "cite",    "code",     "dd",    "dfn",  "dir",
                  "div",    "dl",   "dt",      "em",      "fieldset", "font",  "form", "frameset",
                  "h1",     "h2",   "h3",      "h4",      "h5",       "h6",    "hr",   "i",
                  "iframe", "img",  "kbd",     "li",      "listing",  "map",   "menu", "ol",
                  "p",      "pre",  "q",       "s",       "samp",     "small", "span", "strike",
                  "strong", "sub",  "sup",     "table",   "tt",       "u",     "ul",   "var",
                  "xmp"}},
        {"hr", {"form"}},
        {"i", {"center", "p", "td", "th"}},
        {"legend", {"fieldset"}},
        {"li", {"li"}},
        {"link", {"body", "frameset"}},
        {"listing", {"dd", "dl", "dt", "fieldset", "form", "li", "table", "ul"}},
        {"menu", {"dd", "dl", "dt", "form", "ul"}},
        {"ol", {"form"}},
        {"option", {"optgroup", "option"}},
        {"p", {"address", "blockquote", "body",  "caption", "center",   "col",   "colgroup", "dd",
               "dir",     "div",        "dl",    "dt",      "fieldset", "form",  "frameset", "h1",
               "h2",      "h3",         "h4",    "h5",      "h6",       "head",  "hr",       "li",
               "listing", "menu",       "ol",    "p",       "pre",      "table", "tbody",    "td",
               "tfoot",   "th",         "title", "tr",      "ul",       "xmp"}},
        {"pre", {"dd", "dl", "dt", "fieldset", "form", "li", "table", "ul"}},
        {"s", {"p"}},
        {"script", {"noscript"}},
        {"small", {"p"}},
        {"span", {"td", "th"}},
        {"strike", {"p"}},
        {"style", {"body", "frameset"}},
        {"tbody", {"tbody", "tfoot"}},
        {"td", {"tbody", "td", "tfoot", "th", "tr"}},
        {"tfoot", {"tbody"}},
        {"th", {"tbody", "td", "tfoot", "th", "tr"}},
        {"thead", {"tbody", "tfoot"}},
        {"title", {"body", "frameset"}},
        {"tr", {"tbody", "tfoot", "tr"}},
        {"tt", {"p"}},
        {"u", {"p", "td", "th"}},
        {"ul", {"address", "form", "menu", "pre"}},
        {"xmp", {"dd", "dl", "dt", "fieldset", "form", "li", "table", "ul"}},
    };
    for (const auto& c : closing)
      for (std::string_view n : c.new_tags) r->closed_by[TagOf(c.old_tag)][TagOf(n)] = true;
    for (std::string_view h : kHeadings)
      for (std::string_view n : {"fieldset", "form", "li", "p", "table"})
        r->closed_by[TagOf(h)][TagOf(n)] = true;
    for (std::string_view n : {"area", "base", "basefont", "br", "col", "frame", "hr", "img",
                               "input", "isindex", "link", "meta", "param"})
      r->empty[TagOf(n)] = true;
    for (std::string_view n :
         {"a",          "abbr",  "acronym", "address", "applet",   "b",        "bdo",    "big",
          "blockquote", "body",  "button",  "caption", "center",   "cite",     "code",   "dd",
          "del",        "dfn",   "div",     "dt",      "em",       "font",     "form",   "h1",
          "h2",         "h3",    "h4",      "h5",      "h6",       "i",        "iframe", "ins",
          "kbd",        "label", "legend",  "li",      "noframes", "noscript", "object", "p",
          "pre",        "q",     "s",       "samp",    "small",    "span",     "strike", "strong",
          "td",         "th",    "tt",      "u",       "var"})
      r->pcdata[TagOf(n)] = true;
    r->priority.fill(100);
    for (auto [n, p] : std::initializer_list<std::pair<std::string_view, int>>{{"div", 150},
                                                                               {"td", 160},
                                                                               {"th", 160},
                                                                               {"tr", 170},
                                                                               {"thead", 180},
                                                                               {"tbody", 180},
                                                                               {"tfoot", 180},
                                                                               {"table", 190},
                                                                               {"head", 200},
                                                                               {"body", 200},
                                                                               {"html", 220}})
      r->priority[TagOf(n)] = p;
    for (std::string_view n : {"script", "style", "meta", "link", "title", "base"})
      r->head_only[TagOf(n)] = true;
    return r;
  }();
  return *kRules;
}

// The HTML 4 entities libxml2 knows, by name (it decodes no others).
const std::unordered_map<std::string_view, unsigned>& Entities() {
  static const auto* const kMap = [] {
    auto* m = new std::unordered_map<std::string_view, unsigned>();
    for (unsigned v = 1; v < 0x2800; ++v)
      if (const htmlEntityDesc* e = htmlEntityValueLookup(v))
        (*m)[reinterpret_cast<const char*>(e->name)] = e->value;
    return m;
  }();
  return *kMap;
}

// XML's Char production: what libxml2 keeps of text.
bool IsXmlChar(unsigned c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
         (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

bool IsBooleanAttribute(std::string_view name) {
  for (std::string_view b :
       {"checked", "compact", "declare", "defer", "disabled", "ismap", "multiple", "nohref",
        "noresize", "noshade", "nowrap", "readonly", "selected"})
    if (name == b) return true;
  return false;
}

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

void AppendUtf8(std::string& out, unsigned c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

// The length of the XML name (libxml2's htmlParseName: entity names, processing-instruction
// targets) at `p`, 0 when none starts there. ASCII names are read byte by byte; like libxml2, an
// ASCII name that runs into the end of the input is no name. Other names follow XML's letters,
// digits, marks and extenders, which ICU's general categories approximate.
std::size_t XmlNameLength(const char* p, const char* end) {
  auto ascii_start = [](char c) { return IsAsciiLetter(c) || c == '_' || c == ':'; };
  auto ascii_part = [&](char c) { return ascii_start(c) || IsDigit(c) || c == '-' || c == '.'; };
  if (p >= end) return 0;
  const char* e = p;
  if (ascii_start(*e)) {
    ++e;
    while (e < end && ascii_part(*e)) ++e;
    if (e == end) return 0;
    if (static_cast<unsigned char>(*e) < 0x80) return static_cast<std::size_t>(e - p);
  }
  // A name with other characters: read again, code point by code point.
  const auto* u = reinterpret_cast<const uint8_t*>(p);
  const int32_t n = static_cast<int32_t>(std::min<std::ptrdiff_t>(end - p, INT32_MAX));
  int32_t i = 0;
  bool first = true;
  while (i < n) {
    const int32_t at = i;
    UChar32 c;
    U8_NEXT(u, i, n, c);
    bool ok;
    if (c < 0) {
      ok = false;
    } else if (c < 0x80) {
      ok = first ? ascii_start(static_cast<char>(c)) : ascii_part(static_cast<char>(c));
    } else if (c < 0xC0) {
      ok = !first && c == 0xB7;  // XML's letters start at U+00C0; U+00B7 is an extender
    } else {
      const int32_t mask = U_GET_GC_MASK(c);
      ok = first ? (mask & U_GC_L_MASK) != 0
                 : (mask & (U_GC_L_MASK | U_GC_M_MASK | U_GC_ND_MASK | U_GC_LM_MASK)) != 0;
    }
    if (!ok) return static_cast<std::size_t>(at);
    first = false;
  }
  return static_cast<std::size_t>(n);
}

// Bytes that end a run of text: markup, references, and the C0 controls XML does not allow
// (dropped from text, as libxml2 drops them), plus 0xEF, the lead byte of U+FFFE and U+FFFF.
struct TextStops {
  std::array<bool, 256> stop{};
  TextStops() {
    stop['<'] = stop['&'] = true;
    for (int c = 0; c < 0x20; ++c) stop[c] = !(c == 0x9 || c == 0xA || c == 0xD);
    stop[0xEF] = true;
  }
};
const TextStops kTextStops;

}  // namespace

// ---------------------------------------------------------------------------------------------
// Document

Document::~Document() = default;

void* Document::Allocate(std::size_t bytes, std::size_t align) {
  std::size_t pad = (align - reinterpret_cast<std::uintptr_t>(free_) % align) % align;
  if (!free_ || pad + bytes > left_) {
    std::size_t size = std::max<std::size_t>(bytes + align, 64 * 1024);
    blocks_.emplace_back(new char[size]);
    free_ = blocks_.back().get();
    left_ = size;
    pad = (align - reinterpret_cast<std::uintptr_t>(free_) % align) % align;
  }
  void* p = free_ + pad;
  free_ += pad + bytes;
  left_ -= pad + bytes;
  return p;
}

Node* Document::NewNode() { return new (Allocate(sizeof(Node), alignof(Node))) Node(); }

char* Document::NewChars(std::size_t n) { return static_cast<char*>(Allocate(n, 1)); }

Node* Document::root() const {
  for (Node* n = top_first_; n; n = n->next)
    if (n->type == kElementNode) return n;
  return nullptr;
}

void Document::Unlink(Node* n) {
  if (!n->parent) return;  // top-level nodes stay (the extractor never removes them)
  Node* p = n->parent;
  if (n->prev)
    n->prev->next = n->next;
  else
    p->children = n->next;
  if (n->next)
    n->next->prev = n->prev;
  else
    p->last = n->prev;
  n->parent = n->prev = n->next = nullptr;
}

// ---------------------------------------------------------------------------------------------
// Builder: libxml2's HTML parser's decisions, made over a view of the page.

class Builder {
 public:
  static constexpr std::size_t kMaxDepth = 256;  // libxml2's xmlParserMaxDepth

  Builder(Document& doc, std::string_view html)
      : doc_(doc), rules_(TheRules()), p_(html.data()), end_(html.data() + html.size()) {}

  void Run();

 private:
  struct Open {
    std::string_view name;
    Tag tag;
    Node* node;
    const Node* last_real = nullptr;  // the node's last child that is not a comment
  };

  char Cur() const { return p_ < end_ ? *p_ : '\0'; }
  char At(std::size_t k) const { return p_ + k < end_ ? p_[k] : '\0'; }
  bool StartsWithUpper(std::size_t k, std::string_view word) const {
    for (std::size_t i = 0; i < word.size(); ++i) {
      char c = At(k + i);
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
      if (c != word[i]) return false;
    }
    return true;
  }
  void SkipBlanks() {
    while (p_ < end_ && IsBlank(*p_)) ++p_;
  }

  std::string_view Copy(std::string_view s) {
    char* c = doc_.NewChars(s.size());
    std::memcpy(c, s.data(), s.size());
    return {c, s.size()};
  }

  // --- the tree ---
  Node* Current() const { return stack_.empty() ? nullptr : stack_.back().node; }
  std::string_view TopName() const { return stack_.empty() ? "" : stack_.back().name; }
  Tag TopTag() const { return stack_.empty() ? 0 : stack_.back().tag; }

  static void AppendChild(Node* parent, Node* n) {
    n->parent = parent;
    n->prev = parent->last;
    if (parent->last)
      parent->last->next = n;
    else
      parent->children = n;
    parent->last = n;
  }
  void AppendTop(Node* n) {
    n->prev = doc_.top_last_;
    if (doc_.top_last_)
      doc_.top_last_->next = n;
    else
      doc_.top_first_ = n;
    doc_.top_last_ = n;
  }
  // libxml2 names an element "fb:like" or "o:p" in its tree by the part after the prefix ("like",
  // "p"), though its parser's rules see the whole name.
  static std::string_view LocalName(std::string_view name) {
    if (name.empty() || name[0] == ':') return name;
    std::size_t colon = name.find(':');
    if (colon == std::string_view::npos || colon + 1 == name.size()) return name;
    return name.substr(colon + 1);
  }
  void Push(std::string_view name, Tag tag, const Attribute* attrs) {
    FlushText();
    if (halted_) return;
    if (stack_.size() > kMaxDepth) {
      // libxml2 stops at this depth and drops the rest of the page; so do we, which also keeps
      // the extractor's recursive walks within bounds.
      p_ = end_;
      halted_ = true;
      return;
    }
    if (tag == T("head") && html_level_ < 3) html_level_ = 3;
    if (tag == T("body") && html_level_ < 10) html_level_ = 10;
    Node* n = doc_.NewNode();
    n->type = kElementNode;
    n->name = LocalName(name);
    n->properties = attrs;
    if (Node* parent = Current()) {
      AppendChild(parent, n);
      stack_.back().last_real = n;
    } else if (!doc_.top_first_) {
      AppendTop(n);
    } else if (doc_.top_first_->type == kElementNode) {
      // libxml2 hangs an element opened after everything was closed under the first root.
      AppendChild(doc_.top_first_, n);
    } else {
      AppendTop(n);
    }
    stack_.push_back({name, tag, n});
  }
  void Pop() {
    FlushText();
    stack_.pop_back();
  }
  void AddLeaf(NodeType type, std::string_view content) {
    FlushText();
    if (halted_) return;
    Node* n = doc_.NewNode();
    n->type = type;
    n->content = content;
    if (Node* parent = Current()) {
      AppendChild(parent, n);
      if (type != kCommentNode) stack_.back().last_real = n;
    } else {
      AppendTop(n);
    }
  }
  // Text goes into the current element, joined to a text node just before it.
  void Characters(std::string_view text) {
    Node* parent = Current();
    if (!parent || text.empty() || halted_) return;
    if (pending_ && pending_ == parent->last) {
      if (!pending_copied_ && pending_->content.data() + pending_->content.size() == text.data()) {
        pending_->content = {pending_->content.data(), pending_->content.size() + text.size()};
        return;
      }
      if (!pending_copied_) {
        pending_text_.assign(pending_->content);
        pending_copied_ = true;
      }
      pending_text_.append(text);
      return;
    }
    FlushText();
    Node* n = doc_.NewNode();
    n->type = kTextNode;
    n->content = text;
    AppendChild(parent, n);
    stack_.back().last_real = n;
    pending_ = n;
    pending_copied_ = false;
  }
  void FlushText() {
    if (pending_ && pending_copied_) pending_->content = Copy(pending_text_);
    pending_ = nullptr;
    pending_copied_ = false;
  }

  // --- libxml2's structural rules ---
  bool InStack(Tag tag) const {
    for (const Open& o : stack_)
      if (o.tag == tag) return true;
    return false;
  }
  void AutoClose(Tag new_tag) {
    if (!new_tag) return;
    while (!stack_.empty() && rules_.closed_by[TopTag()][new_tag]) Pop();
  }
  void CheckImplied(Tag new_tag) {
    if (new_tag == T("html")) return;
    if (stack_.empty()) Push("html", T("html"), nullptr);
    if (new_tag == T("body") || new_tag == T("head")) return;
    if (stack_.size() <= 1 && rules_.head_only[new_tag]) {
      if (html_level_ >= 3) return;
      Push("head", T("head"), nullptr);
    } else if (new_tag != T("noframes") && new_tag != T("frame") && new_tag != T("frameset")) {
      if (html_level_ >= 10) return;
      if (InStack(T("body")) || InStack(T("head"))) return;
      Push("body", T("body"), nullptr);
    }
  }
  // Before text: text straight under <html> or <head>, or outside everything, opens a <p>.
  void CheckParagraph() {
    Tag top = TopTag();
    if (!stack_.empty() && top != T("html") && top != T("head")) return;
    AutoClose(T("p"));
    CheckImplied(T("p"));
    Push("p", T("p"), nullptr);
  }
  // libxml2's areBlanks: whether white space before `next` is dropped.
  bool Ignorable(std::string_view text, char next) const {
    for (char c : text)
      if (!IsBlank(c)) return false;
    if (next == '\0') return true;
    if (next != '<') return false;
    if (stack_.empty()) return true;
    Tag top = TopTag();
    if (top == T("html") || top == T("head")) return true;
    if (top == T("body") && strict_dtd_) return true;
    // The last child before any comments (kept as we go: walking back over a run of comments
    // for each blank between them would take quadratic time on a page of comments).
    const Node* last = stack_.back().last_real;
    if (!last) return !rules_.pcdata[top];
    if (last->type == kTextNode) return false;
    return !rules_.pcdata[TagOf(last->name)];  // an element, or a processing instruction
  }

  // --- the scanner ---
  // An HTML name at p_ (lower-cased, at most 100 characters), or "" when none starts here.
  std::string_view HtmlName(bool allow_dot_first) {
    const char* s = p_;
    char c = Cur();
    if (!(IsAsciiLetter(c) || c == '_' || c == ':' || (allow_dot_first && c == '.'))) return {};
    bool upper = false;
    while (p_ < end_ && p_ - s < 100) {
      c = *p_;
      if (!(IsAsciiLetter(c) || IsDigit(c) || c == ':' || c == '-' || c == '_' || c == '.')) break;
      upper = upper || (c >= 'A' && c <= 'Z');
      ++p_;
    }
    std::string_view name(s, static_cast<std::size_t>(p_ - s));
    if (!upper) return name;
    char* l = doc_.NewChars(name.size());
    for (std::size_t i = 0; i < name.size(); ++i)
      l[i] = (name[i] >= 'A' && name[i] <= 'Z') ? static_cast<char>(name[i] + 32) : name[i];
    return {l, name.size()};
  }
  // The look-ahead libxml2 uses to close elements before a start tag (no '.' in the name).
  Tag PeekTagName() const {
    char buf[16];
    std::size_t n = 0;
    for (std::size_t k = 1;; ++k) {
      char c = At(k);
      if (!(IsAsciiLetter(c) || IsDigit(c) || c == ':' || c == '-' || c == '_')) break;
      if (n == sizeof buf) return 0;
      buf[n++] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    }
    return TagOf({buf, n});
  }

  // &#...; at p_: the character, 0 when invalid (consumed either way).
  unsigned CharRef() {
    unsigned val = 0;
    if (At(2) == 'x' || At(2) == 'X') {
      p_ += 3;
      while (Cur() != ';') {
        char c = Cur();
        unsigned d;
        if (IsDigit(c))
          d = static_cast<unsigned>(c - '0');
        else if (c >= 'a' && c <= 'f')
          d = static_cast<unsigned>(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
          d = static_cast<unsigned>(c - 'A' + 10);
        else
          break;
        if (val < 0x110000) val = val * 16 + d;
        ++p_;
      }
    } else {
      p_ += 2;
      while (Cur() != ';') {
        char c = Cur();
        if (!IsDigit(c)) break;
        if (val < 0x110000) val = val * 10 + static_cast<unsigned>(c - '0');
        ++p_;
      }
    }
    if (Cur() == ';') ++p_;
    return IsXmlChar(val) ? val : 0;
  }
  // &name; at p_: the character of a known entity (the ';' consumed), else 0 with the '&' and
  // the name (if any) consumed and *literal set to them: libxml2 hands on "&" and the name as
  // they were, leaving a ';' after an unknown name to be read as text.
  unsigned EntityRef(std::string_view* literal) {
    const char* amp = p_;
    const std::size_t len = XmlNameLength(p_ + 1, end_);
    const char* e = p_ + 1 + len;
    if (len > 0 && e < end_ && *e == ';') {
      const auto& ents = Entities();
      auto it = ents.find(std::string_view(p_ + 1, len));
      if (it != ents.end()) {
        p_ = e + 1;
        return it->second;
      }
    }
    p_ = e;
    *literal = {amp, 1 + len};
    return 0;
  }

  std::string_view AttributeValue(char stop) {
    const char* s = p_;
    const char* e = s;
    bool plain = true;
    while (e < end_ && *e != stop) {
      if (stop == '\0' && (*e == '>' || IsBlank(*e))) break;
      if (*e == '&') plain = false;
      ++e;
    }
    if (plain) {
      p_ = e;
      return {s, static_cast<std::size_t>(e - s)};
    }
    std::string out;
    bool cut = false;  // an invalid character reference ends the value as libxml2 stores it
    while (p_ < e) {
      if (*p_ == '&') {
        unsigned c;
        if (At(1) == '#') {
          c = CharRef();
          if (c == 0) cut = true;
        } else {
          std::string_view literal;
          c = EntityRef(&literal);
          if (c == 0) {
            if (!cut) out.append(literal);
            continue;
          }
        }
        if (!cut) AppendUtf8(out, c);  // references stop before the end: ';' and '#' are not stops
        continue;
      }
      if (!cut) out.push_back(*p_);
      ++p_;
    }
    return Copy(out);
  }

  void ParseStartTag();
  void ParseEndTag();
  void ParseComment();
  void ParsePI();
  void ParseDoctype();
  void ParseScriptText();
  void ParseText();
  void ParseReference();

  Document& doc_;
  const Rules& rules_;
  const char* p_;
  const char* end_;
  std::vector<Open> stack_;
  int html_level_ = 1;  // 3 once a <head> was opened, 10 once a <body> was
  int discarded_ = 0;   // misplaced <html>, <head>, <body> start tags whose end tags to ignore
  bool seen_doctype_ = false;
  bool halted_ = false;      // the page nested too deep: nothing more is read
  bool strict_dtd_ = false;  // an HTML 4 Strict doctype: white space straight in <body> dropped
  Node* pending_ = nullptr;  // the text node the next characters join
  bool pending_copied_ = false;
  std::string pending_text_;
};

void Builder::ParseStartTag() {
  ++p_;  // '<'
  std::string_view name = HtmlName(true);
  Tag tag = TagOf(name);
  AutoClose(tag);
  CheckImplied(tag);
  bool discard = false;
  if (!stack_.empty() && tag == T("html")) discard = true;
  if (stack_.size() != 1 && tag == T("head")) discard = true;
  if (tag == T("body") && InStack(T("body"))) discard = true;
  if (discard) ++discarded_;

  const Attribute* first = nullptr;
  Attribute* last = nullptr;
  std::size_t attribute_count = 0;
  std::unordered_set<std::string_view> seen;
  SkipBlanks();
  while (p_ < end_ && *p_ != '>' && !(*p_ == '/' && At(1) == '>')) {
    std::string_view attr = HtmlName(true);
    if (attr.empty()) {
      while (p_ < end_ && !IsBlank(*p_) && *p_ != '>' && !(*p_ == '/' && At(1) == '>')) ++p_;
    } else {
      std::string_view value;
      bool has_value = false;
      SkipBlanks();
      if (Cur() == '=') {
        has_value = true;
        ++p_;
        SkipBlanks();
        if (Cur() == '"' || Cur() == '\'') {
          char q = *p_++;
          value = AttributeValue(q);
          if (Cur() == q) ++p_;
        } else {
          value = AttributeValue('\0');
        }
      }
      // Boolean attributes written without a value get their name as value, as in libxml2.
      if (!has_value && IsBooleanAttribute(attr)) value = attr;
      // Only the first of repeated attributes counts. A set past a few attributes: a hostile
      // tag with thousands of them must not cost a quadratic scan.
      bool repeated = false;
      if (attribute_count < 16) {
        for (const Attribute* a = first; a && !repeated; a = a->next) repeated = a->name == attr;
      } else {
        if (seen.empty())
          for (const Attribute* a = first; a; a = a->next) seen.insert(a->name);
        repeated = !seen.insert(attr).second;
      }
      if (!repeated) ++attribute_count;
      if (!repeated && !discard) {
        auto* a = new (doc_.Allocate(sizeof(Attribute), alignof(Attribute)))
            Attribute{attr, value, nullptr};
        if (last)
          last->next = a;
        else
          first = a;
        last = a;
      }
    }
    SkipBlanks();
  }
  if (!discard) Push(name, tag, first);
  if (stack_.empty()) {
    if (Cur() == '>') ++p_;
    return;
  }
  if (Cur() == '/' && At(1) == '>') {
    p_ += 2;
    Pop();  // the element just opened or, for a discarded tag, the current one (as libxml2 does)
    return;
  }
  if (Cur() == '>') {
    ++p_;
  } else {
    Pop();  // end of input inside the tag
    return;
  }
  if (rules_.empty[TopTag()]) Pop();
}

void Builder::ParseEndTag() {
  p_ += 2;  // "</"
  std::string_view name = HtmlName(true);
  if (name.empty()) return;  // "</" then no name: read on as content
  SkipBlanks();
  while (p_ < end_ && *p_ != '>') ++p_;
  if (p_ < end_) ++p_;
  Tag tag = TagOf(name);
  if (discarded_ > 0 && (tag == T("html") || tag == T("body") || tag == T("head"))) {
    --discarded_;
    return;
  }
  int i = static_cast<int>(stack_.size()) - 1;
  for (; i >= 0; --i)
    if (stack_[static_cast<std::size_t>(i)].name == name) break;
  if (i < 0) return;  // not open: ignored
  // An end tag closes what lies above its element only when none of that outranks it (a stray
  // </p> does not close the <div> or the table cell it sits in).
  int priority = rules_.priority[tag];
  for (int k = static_cast<int>(stack_.size()) - 1; k > i; --k)
    if (rules_.priority[stack_[static_cast<std::size_t>(k)].tag] > priority) return;
  while (stack_.size() > static_cast<std::size_t>(i)) Pop();
}

void Builder::ParseComment() {
  const char* body = p_ + 4;
  std::string_view rest(body, static_cast<std::size_t>(end_ - body));
  std::size_t close = rest.find("--");
  while (close != std::string_view::npos) {
    if (close + 2 < rest.size() && rest[close + 2] == '>') {
      AddLeaf(kCommentNode, rest.substr(0, close));
      p_ = body + close + 3;
      return;
    }
    if (close + 3 < rest.size() && rest[close + 2] == '!' && rest[close + 3] == '>') {
      AddLeaf(kCommentNode, rest.substr(0, close));
      p_ = body + close + 4;
      return;
    }
    close = rest.find("--", close + 1);
  }
  p_ = end_;  // never closed: the rest of the page is the comment, and libxml2 drops it
}

void Builder::ParsePI() {
  p_ += 2;  // "<?"
  // The target is an XML name (case kept); the node carries it as its name, which libxml2's
  // blank-text rule reads like an element's.
  const std::size_t len = XmlNameLength(p_, end_);
  if (len == 0) return;  // "<?" then no name: read on as text
  std::string_view target(p_, len);
  p_ += len;
  while (p_ < end_ && *p_ != '>') ++p_;
  if (p_ == end_) return;  // never closed: dropped
  ++p_;
  FlushText();
  if (halted_) return;
  Node* n = doc_.NewNode();
  n->type = kOtherNode;
  n->name = target;
  if (Node* parent = Current()) {
    AppendChild(parent, n);
    stack_.back().last_real = n;
  } else {
    AppendTop(n);
  }
}

void Builder::ParseDoctype() {
  p_ += 9;  // "<!DOCTYPE"
  SkipBlanks();
  while (p_ < end_ && !IsBlank(*p_) && *p_ != '>') ++p_;  // the name
  SkipBlanks();
  std::string_view public_id;
  if (StartsWithUpper(0, "PUBLIC")) {
    p_ += 6;
    SkipBlanks();
    char q = Cur();
    if (q == '"' || q == '\'') {
      const char* s = ++p_;
      while (p_ < end_ && *p_ != q) ++p_;
      public_id = {s, static_cast<std::size_t>(p_ - s)};
      if (p_ < end_) ++p_;
    }
  }
  while (p_ < end_ && *p_ != '>') ++p_;
  if (p_ < end_) ++p_;
  if (seen_doctype_) return;  // libxml2 keeps the first
  seen_doctype_ = true;
  auto iequals = [](std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(a[i])) !=
          std::tolower(static_cast<unsigned char>(b[i])))
        return false;
    return true;
  };
  strict_dtd_ = iequals(public_id, "-//W3C//DTD HTML 4.01//EN") ||
                iequals(public_id, "-//W3C//DTD HTML 4//EN");
  // The doctype becomes the document's first node (libxml2's DTD node): elements opened after
  // everything was closed then go to the top level instead of under the first root.
  Node* dtd = doc_.NewNode();
  dtd->type = kOtherNode;
  dtd->name = "!DOCTYPE";
  dtd->next = doc_.top_first_;
  if (doc_.top_first_)
    doc_.top_first_->prev = dtd;
  else
    doc_.top_last_ = dtd;
  doc_.top_first_ = dtd;
}

// Script and style content, raw, up to "</" and the element's own name.
void Builder::ParseScriptText() {
  std::string_view name = TopName();
  const char* s = p_;
  const char* e = p_;
  for (;;) {
    e = static_cast<const char*>(std::memchr(e, '<', static_cast<std::size_t>(end_ - e)));
    if (!e) {
      e = end_;
      break;
    }
    if (e + 1 < end_ && e[1] == '/' && static_cast<std::size_t>(end_ - e - 2) >= name.size()) {
      bool same = true;
      for (std::size_t k = 0; k < name.size() && same; ++k)
        same = std::tolower(static_cast<unsigned char>(e[2 + k])) == name[k];
      if (same) break;
    }
    ++e;
  }
  p_ = e;
  std::string_view raw(s, static_cast<std::size_t>(e - s));
  bool clean = true;
  for (unsigned char c : raw)
    if (c < 0x20 && c != 0x9 && c != 0xA && c != 0xD) clean = false;
  if (clean) {
    Characters(raw);
    return;
  }
  std::string kept;
  for (unsigned char c : raw)
    if (c >= 0x20 || c == 0x9 || c == 0xA || c == 0xD) kept.push_back(static_cast<char>(c));
  Characters(Copy(kept));
}

// Text up to the next '<' or '&'.
void Builder::ParseText() {
  const char* s = p_;
  const char* e = p_;
  bool clean = true;
  while (e < end_) {
    unsigned char c = static_cast<unsigned char>(*e);
    if (!kTextStops.stop[c]) {
      ++e;
      continue;
    }
    if (c == '<' || c == '&') break;
    if (c == 0xEF) {
      // U+FFFE and U+FFFF (EF BF BE, EF BF BF) are not XML characters.
      if (e + 2 < end_ && static_cast<unsigned char>(e[1]) == 0xBF &&
          (static_cast<unsigned char>(e[2]) == 0xBE || static_cast<unsigned char>(e[2]) == 0xBF))
        clean = false;
      e += (e + 2 < end_) ? 3 : 1;
      continue;
    }
    clean = false;  // a C0 control character
    ++e;
  }
  if (e > end_) e = end_;
  p_ = e;
  std::string_view text(s, static_cast<std::size_t>(e - s));
  if (!clean) {
    std::string kept;
    for (std::size_t i = 0; i < text.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(text[i]);
      if (c < 0x20 && c != 0x9 && c != 0xA && c != 0xD) continue;
      if (c == 0xEF && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBF &&
          (static_cast<unsigned char>(text[i + 2]) == 0xBE ||
           static_cast<unsigned char>(text[i + 2]) == 0xBF)) {
        i += 2;
        continue;
      }
      kept.push_back(static_cast<char>(c));
    }
    text = Copy(kept);
    if (text.empty()) return;
  }
  if (Ignorable(text, Cur())) return;
  CheckParagraph();
  Characters(text);
}

void Builder::ParseReference() {
  unsigned c;
  if (At(1) == '#') {
    c = CharRef();
    if (c == 0) return;
  } else {
    std::string_view literal;
    c = EntityRef(&literal);
    if (c == 0) {
      CheckParagraph();
      Characters(literal);
      return;
    }
  }
  std::string utf8;
  AppendUtf8(utf8, c);
  CheckParagraph();
  Characters(Copy(utf8));
}

void Builder::Run() {
  if (end_ - p_ >= 3 && std::memcmp(p_, "\xEF\xBB\xBF", 3) == 0) p_ += 3;
  SkipBlanks();
  auto prolog = [&] {
    while (Cur() == '<' && ((At(1) == '!' && At(2) == '-' && At(3) == '-') || At(1) == '?')) {
      if (At(1) == '!')
        ParseComment();
      else
        ParsePI();
      SkipBlanks();
    }
  };
  prolog();
  if (Cur() == '<' && At(1) == '!' && StartsWithUpper(2, "DOCTYPE")) ParseDoctype();
  SkipBlanks();
  prolog();

  while (p_ < end_) {
    char c = *p_;
    if (c == '<' && At(1) == '/') {
      ParseEndTag();
      continue;
    }
    if (c == '<' && (IsAsciiLetter(At(1)) || At(1) == '_' || At(1) == ':') && !stack_.empty()) {
      Tag next = PeekTagName();
      if (next && rules_.closed_by[TopTag()][next]) {
        AutoClose(next);
        continue;
      }
    }
    Tag top = TopTag();
    if (top == T("script") || top == T("style")) {
      ParseScriptText();
      continue;
    }
    if (c == '<' && At(1) == '!' && StartsWithUpper(2, "DOCTYPE")) {
      // A doctype in the middle of the page. libxml2 then goes on with what follows in the same
      // step, where an end tag is not looked for: "</x>" right after it is text.
      ParseDoctype();
      if (p_ >= end_) break;
      c = *p_;
    }
    if (c == '<' && At(1) == '!' && At(2) == '-' && At(3) == '-') {
      ParseComment();
    } else if (c == '<' && At(1) == '?') {
      ParsePI();
    } else if (c == '<' && IsAsciiLetter(At(1))) {
      ParseStartTag();
    } else if (c == '<') {
      Characters({p_, 1});  // "<" before anything else ("<!x", "</x" after a doctype): text
      ++p_;
    } else if (c == '&') {
      ParseReference();
    } else {
      ParseText();
    }
  }
  FlushText();
  stack_.clear();
}

std::unique_ptr<Document> Document::Parse(std::string_view html) {
  std::unique_ptr<Document> doc(new Document());
  Builder(*doc, html).Run();
  return doc;
}

}  // namespace framescope::crawler::html
