#include "html_prefilter.h"

#include <cstring>

namespace framescope::crawler {
namespace {

char LowerAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == ':' || c == '_';
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Position just after the '>' closing the tag that starts at `lt` (html[lt] == '<'), skipping
// quoted attribute values; npos when the tag or a quoted value never ends.
std::size_t TagEnd(std::string_view html, std::size_t lt) {
  std::size_t i = lt + 1;
  bool after_equals = false;
  while (i < html.size()) {
    char c = html[i];
    if (c == '>') return i + 1;
    if (c == '=') {
      after_equals = true;
      ++i;
      continue;
    }
    if (after_equals && (c == '"' || c == '\'')) {
      auto close = html.find(c, i + 1);
      if (close == std::string_view::npos) return std::string_view::npos;
      i = close + 1;
      after_equals = false;
      continue;
    }
    if (!IsSpace(c)) after_equals = false;
    ++i;
  }
  return std::string_view::npos;
}

// Start of the first "</name" (any case) at or after `from` that is followed by a character that
// cannot continue a tag name; npos when there is none.
std::size_t EndTagStart(std::string_view html, std::string_view name, std::size_t from) {
  for (std::size_t i = from;; i += 2) {
    i = html.find("</", i);
    if (i == std::string_view::npos || i + 2 + name.size() > html.size())
      return std::string_view::npos;
    bool same = true;
    for (std::size_t k = 0; k < name.size() && same; ++k)
      same = LowerAscii(html[i + 2 + k]) == name[k];
    std::size_t after = i + 2 + name.size();
    if (same && (after == html.size() || !IsNameChar(html[after]))) return i;
  }
}

bool ContainsLower(std::string_view text, std::string_view needle) {
  if (needle.size() > text.size()) return false;
  for (std::size_t i = 0; i + needle.size() <= text.size(); ++i) {
    std::size_t k = 0;
    while (k < needle.size() && LowerAscii(text[i + k]) == needle[k]) ++k;
    if (k == needle.size()) return true;
  }
  return false;
}

// libxml2's HTML attribute names (htmlParseHTMLName): a letter, '_' or ':' first, then letters,
// digits, ':', '-', '_' and '.'.
bool IsAttrNameStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
}
bool IsAttrNameChar(char c) {
  return IsAttrNameStart(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

bool IsAttributeRead(std::string_view name) {
  char lower[16];
  if (name.size() > sizeof lower) return false;
  for (std::size_t i = 0; i < name.size(); ++i) lower[i] = LowerAscii(name[i]);
  const std::string_view l(lower, name.size());
  for (std::string_view a : kAttributesRead)
    if (a == l) return true;
  return false;
}

// Appends the start tag `tag` ("<" + name + attributes + ">", name_len the length of the name)
// without the attributes the extractor does not read.
void AppendStartTag(std::string& out, std::string_view tag, std::size_t name_len) {
  const std::size_t end = tag.size() - 1;  // the '>'
  std::size_t i = 1 + name_len;
  out.append(tag.substr(0, i));
  while (i < end) {
    const std::size_t from = i;  // the attribute with the white space before it
    while (i < end && IsSpace(tag[i])) ++i;
    if (i == end) {
      out.append(tag.substr(from, i - from));
      break;
    }
    if (tag[i] == '/') {  // "<br/>", or a stray slash: libxml2 skips it
      out.append(tag.substr(from, i + 1 - from));
      ++i;
      continue;
    }
    if (!IsAttrNameStart(tag[i])) {
      out.append(tag.substr(from));  // not a name libxml2 reads: copied as it is
      return;
    }
    const std::size_t name_start = i;
    while (i < end && IsAttrNameChar(tag[i])) ++i;
    const std::string_view name = tag.substr(name_start, i - name_start);
    if (i < end && !IsSpace(tag[i]) && tag[i] != '=' && tag[i] != '/') {
      out.append(tag.substr(from));
      return;
    }
    std::size_t j = i;
    while (j < end && IsSpace(tag[j])) ++j;
    if (j < end && tag[j] == '=') {
      ++j;
      while (j < end && IsSpace(tag[j])) ++j;
      if (j < end && (tag[j] == '"' || tag[j] == '\'')) {
        const std::size_t close = tag.find(tag[j], j + 1);
        if (close == std::string_view::npos || close >= end) {
          out.append(tag.substr(from));
          return;
        }
        i = close + 1;
      } else {
        while (j < end && !IsSpace(tag[j])) ++j;
        i = j;
      }
    }
    if (IsAttributeRead(name)) out.append(tag.substr(from, i - from));
  }
  out.push_back('>');
}

std::string Prefilter(std::string_view html, bool drop_attributes) {
  std::string out;
  out.reserve(html.size());
  std::size_t i = 0;
  auto copy_rest = [&] {
    out.append(html.substr(i));
    i = html.size();
  };
  while (i < html.size()) {
    std::size_t lt = html.find('<', i);
    if (lt == std::string_view::npos) {
      copy_rest();
      break;
    }
    out.append(html.substr(i, lt - i));
    i = lt;
    if (html.compare(i, 4, "<!--") == 0) {
      std::size_t end = html.find("-->", i + 4);
      if (end == std::string_view::npos) {
        copy_rest();
        break;
      }
      out.append(html.substr(i, end + 3 - i));
      i = end + 3;
      continue;
    }
    if (i + 1 >= html.size() || !((html[i + 1] >= 'a' && html[i + 1] <= 'z') ||
                                  (html[i + 1] >= 'A' && html[i + 1] <= 'Z'))) {
      out.push_back('<');  // an end tag, a doctype, or a '<' in text: no start tag here
      ++i;
      continue;
    }
    std::size_t name_end = i + 1;
    while (name_end < html.size() && IsNameChar(html[name_end])) ++name_end;
    std::string name;
    for (std::size_t k = i + 1; k < name_end; ++k) name.push_back(LowerAscii(html[k]));
    std::size_t tag_end = TagEnd(html, i);
    if (tag_end == std::string_view::npos) {
      copy_rest();
      break;
    }
    std::string_view tag = html.substr(i, tag_end - i);
    if (drop_attributes) {
      AppendStartTag(out, tag, name_end - i - 1);
    } else {
      out.append(tag);
    }
    i = tag_end;
    bool raw = name == "script" || name == "style" || name == "svg";
    bool self_closed = tag.size() >= 2 && tag[tag.size() - 2] == '/';
    if (!raw || (name == "svg" && self_closed)) continue;
    std::size_t end = EndTagStart(html, name, i);
    if (end == std::string_view::npos) {
      copy_rest();
      break;
    }
    bool keep = name == "script" && ContainsLower(tag, "ld+json");
    if (keep) out.append(html.substr(i, end - i));
    i = end;
  }
  return out;
}

}  // namespace

std::string EmptyRawTextElements(std::string_view html) { return Prefilter(html, false); }

std::string PrefilterHtml(std::string_view html) { return Prefilter(html, true); }

}  // namespace framescope::crawler
