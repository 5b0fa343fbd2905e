#include "text_util.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <vector>

namespace framescope::report::internal {
namespace {

std::u32string ToU32(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t i = 0;
  const auto n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    out.push_back(c < 0 ? U'\uFFFD' : static_cast<char32_t>(c));
  }
  return out;
}

std::string ToUtf8(const std::u32string& s) {
  std::string out;
  out.reserve(s.size());
  for (char32_t c : s) {
    uint8_t buf[4];
    int32_t len = 0;
    UBool error = false;
    U8_APPEND(buf, len, 4, static_cast<UChar32>(c), error);
    if (error) continue;
    out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(len));
  }
  return out;
}

bool IsAlnum(char32_t c) { return u_isalnum(static_cast<UChar32>(c)) != 0; }
bool IsSpace(char32_t c) { return u_isUWhiteSpace(static_cast<UChar32>(c)) != 0; }
bool HasUpper(char32_t c) {
  return u_isUUppercase(static_cast<UChar32>(c)) || u_istitle(static_cast<UChar32>(c));
}

// The words CSL processors leave in lower case inside a title. The list matches what pandoc's
// citeproc does with the official styles, which is what our output is compared with.
bool IsStopWord(const std::u32string& w) {
  static const std::array<std::u32string_view, 30> kStop = {
      U"a",   U"about", U"an",   U"and",  U"as",  U"at",  U"but", U"by",   U"de",   U"down",
      U"for", U"from",  U"in",   U"into", U"nor", U"of",  U"on",  U"onto", U"or",   U"over",
      U"so",  U"the",   U"till", U"to",   U"up",  U"van", U"via", U"von",  U"with", U"yet"};
  return std::find(kStop.begin(), kStop.end(), std::u32string_view(w)) != kStop.end();
}

bool IsClauseEnd(char32_t c) { return c == U'.' || c == U'?' || c == U'!' || c == U':'; }

// Between two words without a space, these still start a new word ("well-known", "big/small",
// "time—in", "(brief)"); an apostrophe or a period does not ("one’s", "u.s.").
bool StartsWordWithoutSpace(char32_t c) {
  return c == U'-' || c == U'/' || c == U'\u2013' || c == U'\u2014' || c == U'(' || c == U'[' ||
         c == U'"' || c == U'\u201C' || c == U'\u2018';
}

bool InWord(char32_t c) {
  if (u_isalnum(static_cast<UChar32>(c))) return true;
  int8_t type = u_charType(static_cast<UChar32>(c));
  return type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK;
}

bool IsOpeningContext(char32_t c) {
  return IsSpace(c) || c == U'(' || c == U'[' || c == U'{' || c == U'\u2014' || c == U'\u2013' ||
         c == U'-' || c == U'/' || c == U'"' || c == U'\u201C' || c == U'\u2018' || c == U'\'';
}

}  // namespace

std::string TitleCase(std::string_view text) {
  std::u32string s = ToU32(text);
  // Words are runs of letters and digits; what decides a word's case is the text between it and
  // the previous word.
  struct Word {
    std::size_t begin, end;
  };
  std::vector<Word> words;
  for (std::size_t i = 0; i < s.size();) {
    if (!InWord(s[i])) {
      ++i;
      continue;
    }
    std::size_t b = i;
    while (i < s.size() && InWord(s[i])) ++i;
    words.push_back({b, i});
  }
  enum State { kStart, kAfterClause, kAfterWordEnd, kLast, kInsideWord };
  for (std::size_t k = 0; k < words.size(); ++k) {
    const Word& w = words[k];
    State state = kStart;
    if (k > 0) {
      const std::size_t gap_begin = words[k - 1].end;
      std::size_t space = gap_begin;
      while (space < w.begin && !IsSpace(s[space])) ++space;
      if (space == w.begin && !StartsWordWithoutSpace(s[w.begin - 1])) {
        state = kInsideWord;  // "we'll", "u.s.", "state:run": only the word's start counts
      } else if (k + 1 == words.size()) {
        state = kLast;
      } else if (space < w.begin) {
        bool clause = std::any_of(s.begin() + static_cast<std::ptrdiff_t>(gap_begin),
                                  s.begin() + static_cast<std::ptrdiff_t>(space), IsClauseEnd);
        state = clause ? kAfterClause : kAfterWordEnd;
      } else {
        state = kAfterWordEnd;
      }
    }
    std::u32string word = s.substr(w.begin, w.end - w.begin);
    if (std::any_of(word.begin(), word.end(), HasUpper)) continue;  // "iPhone", "NASA"
    bool capitalise = false;
    switch (state) {
      case kStart:
      case kAfterClause:
        capitalise = true;
        break;
      case kAfterWordEnd:
        capitalise = word.size() > 1 && !IsStopWord(word);
        break;
      case kLast:
        capitalise = word.size() > 1;
        break;
      case kInsideWord:
        break;
    }
    if (capitalise) s[w.begin] = static_cast<char32_t>(u_totitle(static_cast<UChar32>(s[w.begin])));
  }
  return ToUtf8(s);
}

std::string SmartQuotes(std::string_view text, bool nested) {
  enum Kind { kNone, kOpenS, kCloseS, kApos, kOpenD, kCloseD };
  std::u32string s = ToU32(text);
  std::vector<Kind> kind(s.size(), kNone);
  auto prev_opens = [&](std::size_t i) { return i == 0 || IsOpeningContext(s[i - 1]); };
  auto next_word = [&](std::size_t i) { return i + 1 < s.size() && !IsSpace(s[i + 1]); };
  auto next_alnum = [&](std::size_t i) { return i + 1 < s.size() && IsAlnum(s[i + 1]); };
  for (std::size_t i = 0; i < s.size(); ++i) {
    char32_t c = s[i];
    if (c == U'\u201C') {
      kind[i] = kOpenD;
    } else if (c == U'\u201D') {
      kind[i] = kCloseD;
    } else if (c == U'"') {
      kind[i] = prev_opens(i) && next_word(i) ? kOpenD : kCloseD;
    } else if (c == U'\u2018') {
      kind[i] = kOpenS;
    } else if (c == U'\'' || c == U'\u2019') {
      if (prev_opens(i) && next_word(i)) {
        kind[i] = kOpenS;
      } else if (i > 0 && !IsSpace(s[i - 1]) && next_alnum(i)) {
        kind[i] = kApos;  // inside a word: don't, China's
      } else {
        kind[i] = kCloseS;
      }
    }
  }
  // Pair the quotes; a single quote that opens nothing or closes nothing is an apostrophe.
  std::vector<std::size_t> stack;
  for (std::size_t i = 0; i < s.size(); ++i) {
    switch (kind[i]) {
      case kOpenS:
      case kOpenD:
        stack.push_back(i);
        break;
      case kCloseS:
        if (!stack.empty() && kind[stack.back()] == kOpenS) {
          stack.pop_back();
        } else {
          kind[i] = kApos;
        }
        break;
      case kCloseD: {
        auto it = std::find_if(stack.rbegin(), stack.rend(),
                               [&](std::size_t o) { return kind[o] == kOpenD; });
        if (it == stack.rend()) break;  // a stray closing mark stays a closing mark
        std::size_t pos = static_cast<std::size_t>(std::distance(it, stack.rend())) - 1;
        for (std::size_t o = pos + 1; o < stack.size(); ++o) {
          if (kind[stack[o]] == kOpenS) kind[stack[o]] = kApos;
        }
        stack.resize(pos);
        break;
      }
      default:
        break;
    }
  }
  for (std::size_t o : stack) {
    if (kind[o] == kOpenS) kind[o] = kApos;
  }
  // Render with the depth of each mark.
  int depth = nested ? 1 : 0;
  std::u32string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    switch (kind[i]) {
      case kOpenS:
      case kOpenD:
        out.push_back(depth % 2 == 0 ? U'\u201C' : U'\u2018');
        ++depth;
        break;
      case kCloseS:
      case kCloseD:
        if (depth > (nested ? 1 : 0)) --depth;
        out.push_back(depth % 2 == 0 ? U'\u201D' : U'\u2019');
        break;
      case kApos:
        out.push_back(U'\u2019');
        break;
      default:
        out.push_back(s[i]);
    }
  }
  return ToUtf8(out);
}

std::string CapitalizeFirstLetter(std::string_view text) {
  std::u32string s = ToU32(text);
  for (char32_t& c : s) {
    if (u_isalpha(static_cast<UChar32>(c))) {
      c = static_cast<char32_t>(u_totitle(static_cast<UChar32>(c)));
      break;
    }
  }
  return ToUtf8(s);
}

std::size_t DisplayWidth(std::string_view text) {
  std::size_t width = 0;
  for (char32_t c : ToU32(text)) {
    auto cp = static_cast<UChar32>(c);
    int8_t type = u_charType(cp);
    if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_CONTROL_CHAR ||
        type == U_FORMAT_CHAR) {
      continue;
    }
    int eaw = u_getIntPropertyValue(cp, UCHAR_EAST_ASIAN_WIDTH);
    width += (eaw == U_EA_WIDE || eaw == U_EA_FULLWIDTH) ? 2 : 1;
  }
  return width;
}

std::string FormatFixed(double value, int decimals) {
  if (!std::isfinite(value)) return std::isnan(value) ? "nan" : (value > 0 ? "inf" : "-inf");
  if (value == 0) value = 0;  // no "-0.000000"
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed, decimals);
  std::string out(buf, res.ptr);
  if (out.find_first_not_of("-0.") == std::string::npos && out[0] == '-') out.erase(0, 1);
  return out;
}

bool IsEnglishOrUnset(std::string_view language) {
  if (language.empty()) return true;
  if (language.size() < 2) return false;
  char a = static_cast<char>(language[0] | 0x20);
  char b = static_cast<char>(language[1] | 0x20);
  return a == 'e' && b == 'n' && (language.size() == 2 || language[2] == '-' || language[2] == '_');
}

std::string_view Trim(std::string_view s) {
  auto space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

std::string MarkdownCell(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == '\n' || c == '\r') {
      out.push_back(' ');
    } else if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else if (c == '&') {
      out += "&amp;";
    } else {
      if (c == '|' || c == '\\' || c == '`' || c == '*' || c == '_' || c == '[' || c == ']')
        out.push_back('\\');
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace framescope::report::internal
