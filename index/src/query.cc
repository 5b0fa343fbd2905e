#include "query.h"

#include <cstdio>
#include <optional>
#include <utility>

#include "framescope/corpus/dates.h"
#include "schema.h"

namespace framescope::index {
namespace {

// A boolean prefix that maps to the empty term, which Xapian reads as "every document": how a
// lone "*" inside a larger query reaches Xapian. Users cannot type it: the pre-pass only passes
// on known field names.
constexpr char kEverythingField[] = "xfsall";
// A wildcard expands to at most this many terms (the most frequent ones).
constexpr Xapian::termcount kMaxWildcardTerms = 1000;

enum class Kind { kOperand, kBinary, kNot, kOpen, kClose };

struct Item {
  Kind kind = Kind::kOperand;
  std::size_t pos = 0;       // byte offset in the user's query
  std::string text;          // what Xapian gets
  std::string shown;         // as the user wrote it, for messages
  bool single_word = false;  // an operand NEAR/ADJ accepts
  bool proximity = false;    // NEAR, ADJ
  bool and_or = false;       // AND, OR: NOT may follow
  std::optional<Pattern> pattern;
};

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::vector<std::string> Terms(std::string_view text) {
  std::vector<std::string> out;
  for (schema::Word& w : schema::AnalyzeText(text)) {
    if (!w.term.empty()) out.push_back(std::move(w.term));
  }
  return out;
}

// The Xapian field name for a user field name, or "" when it is not a field.
std::string CanonicalField(const std::string& lower) {
  if (lower == "language" || lower == "lang") return "lang";
  for (const char* f : {"title", "date", "outlet", "country", "type", "frame", "author", "year"}) {
    if (lower == f) return f;
  }
  return "";
}

bool IsDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

class Rewriter {
 public:
  explicit Rewriter(std::string_view query) : q_(query) {}

  Result<RewrittenQuery> Run() {
    if (auto st = Lex(); !st) return tl::unexpected<Error>(st.error());
    if (auto st = Check(); !st) return tl::unexpected<Error>(st.error());
    RewrittenQuery out;
    if (items_.empty() ||
        (items_.size() == 1 && items_[0].kind == Kind::kOperand && items_[0].shown == "*")) {
      out.everything = true;
      return out;
    }
    std::size_t k = 0;
    out.xapian = EmitSequence(k, false, out.patterns);
    return out;
  }

 private:
  tl::unexpected<Error> Bad(const std::string& problem, std::size_t pos) const {
    std::size_t chars = 1;
    for (std::size_t i = 0; i < pos && i < q_.size(); ++i) {
      if ((static_cast<unsigned char>(q_[i]) & 0xC0) != 0x80) ++chars;
    }
    return Fail(ErrorCode::kInvalidInput, "invalid query \"" + std::string(q_) + "\": " + problem +
                                              " at character " + std::to_string(chars));
  }

  // Reads a quoted string starting at the quote at `pos`; returns its content and moves i_ past
  // the closing quote.
  Result<std::string_view> Quoted(std::size_t pos) {
    std::size_t close = q_.find('"', pos + 1);
    if (close == std::string_view::npos) return Bad("unclosed quote", pos);
    i_ = close + 1;
    return q_.substr(pos + 1, close - pos - 1);
  }

  void PushWords(std::vector<std::string> terms, bool wildcard, std::size_t pos,
                 const std::string& field, std::string_view shown) {
    Item it;
    it.pos = pos;
    it.shown = std::string(shown);
    if (terms.size() == 1) {
      it.text = field + terms[0] + (wildcard ? "*" : "");
      it.single_word = !wildcard;
    } else {
      // Several terms from one word (a Chinese run, "e-mail") or a quoted phrase: a phrase, as
      // their positions are consecutive in the index. Xapian has no wildcards inside phrases.
      it.text = field + "\"";
      for (std::size_t k = 0; k < terms.size(); ++k) {
        if (k) it.text += ' ';
        it.text += terms[k];
      }
      it.text += '"';
      wildcard = false;
    }
    it.pattern = Pattern{std::move(terms), wildcard};
    items_.push_back(std::move(it));
  }

  Result<std::string> DateBound(std::string_view s, bool last, std::string_view whole,
                                std::size_t pos) const {
    std::optional<corpus::Date> d;
    if (s.size() == 4 || s.size() == 7 || s.size() == 10) d = corpus::ParseIsoDate(s);
    if (!d) {
      return Bad("bad date \"" + std::string(s) + "\" in \"date:" + std::string(whole) +
                     "\" (expected YYYY, YYYY-MM or YYYY-MM-DD)",
                 pos);
    }
    if (last && s.size() <= 7) {
      if (s.size() == 4) d->month = 12;
      d->day = corpus::DaysInMonth(d->year, d->month);
    }
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d%02d%02d", d->year, d->month, d->day);
    return std::string(buf);
  }

  // "date:A..B", "date:A..", "date:..B" or "date:A" (the whole year, month or day).
  Result<std::string> DateRange(std::string_view value, std::size_t pos) const {
    std::string_view a = value, b = value;
    if (std::size_t dots = value.find(".."); dots != std::string_view::npos) {
      a = value.substr(0, dots);
      b = value.substr(dots + 2);
      if (a.empty() && b.empty()) return Bad("\"date:..\" needs at least one date", pos);
    }
    std::string from, to;
    if (!a.empty()) {
      auto r = DateBound(a, false, value, pos);
      if (!r) return r;
      from = *r;
    }
    if (!b.empty()) {
      auto r = DateBound(b, true, value, pos);
      if (!r) return r;
      to = *r;
    }
    if (!from.empty() && !to.empty() && from > to) {
      return Bad("the date range \"date:" + std::string(value) + "\" ends before it starts", pos);
    }
    return "date:" + from + ".." + to;
  }

  Status Field(const std::string& field, std::string_view chunk, std::size_t colon,
               std::size_t pos) {
    std::string_view value = chunk.substr(colon + 1);
    bool quoted = false;
    if (value.empty()) {
      if (i_ < q_.size() && q_[i_] == '"') {
        auto v = Quoted(i_);
        if (!v) return tl::unexpected<Error>(v.error());
        value = *v;
        quoted = true;
      } else if (i_ < q_.size() && q_[i_] == '(' && field == "title") {
        Item it;
        it.kind = Kind::kOpen;
        it.pos = pos;
        it.text = "title:(";
        it.shown = "title:(";
        items_.push_back(std::move(it));
        ++i_;
        return {};
      } else {
        return Bad("the field \"" + std::string(chunk.substr(0, colon)) + ":\" needs a value", pos);
      }
    }
    if (field == "title") {
      bool wildcard = false;
      if (!quoted) {
        while (!value.empty() && value.back() == '*') {
          value.remove_suffix(1);
          wildcard = true;
        }
      }
      std::vector<std::string> terms = Terms(value);
      if (terms.empty()) return Bad("\"title:\" needs a word", pos);
      PushWords(std::move(terms), wildcard, pos, "title:", chunk);
      return {};
    }
    Item it;
    it.pos = pos;
    it.shown = std::string(chunk);
    if (field == "date") {
      auto r = DateRange(value, pos);
      if (!r) return tl::unexpected<Error>(r.error());
      it.text = *r;
    } else {
      std::string v = field == "lang" ? schema::LanguageValue(value) : schema::BooleanValue(value);
      std::erase(v, '"');  // a quoted boolean value cannot hold a quote in Xapian's syntax
      if (v.empty()) return Bad("the field \"" + field + ":\" needs a value", pos);
      if (field == "year" && !(v.size() == 4 && IsDigits(v))) {
        return Bad("\"year:\" needs a four-digit year", pos);
      }
      it.text = field + ":\"" + v + "\"";
    }
    items_.push_back(std::move(it));
    return {};
  }

  std::optional<Item> Operator(std::string_view chunk, std::size_t pos) const {
    Item it;
    it.pos = pos;
    it.shown = std::string(chunk);
    it.text = it.shown;
    if (chunk == "NOT") {
      it.kind = Kind::kNot;
      return it;
    }
    it.kind = Kind::kBinary;
    if (chunk == "AND" || chunk == "OR") {
      it.and_or = true;
      return it;
    }
    if (chunk == "XOR") return it;
    for (std::string_view op : {"NEAR", "ADJ"}) {
      if (chunk == op || (chunk.size() > op.size() + 1 &&
                          chunk.substr(0, op.size() + 1) == std::string(op) + "/" &&
                          IsDigits(chunk.substr(op.size() + 1)) && chunk.size() <= op.size() + 4)) {
        it.proximity = true;
        return it;
      }
    }
    return std::nullopt;
  }

  Status Lex() {
    const std::size_t n = q_.size();
    while (i_ < n) {
      const char c = q_[i_];
      if (IsSpace(c)) {
        ++i_;
        continue;
      }
      if (c == '(' || c == ')') {
        Item it;
        it.kind = c == '(' ? Kind::kOpen : Kind::kClose;
        it.pos = i_;
        it.text = it.shown = std::string(1, c);
        items_.push_back(std::move(it));
        ++i_;
        continue;
      }
      if (c == '"') {
        std::size_t pos = i_;
        auto content = Quoted(pos);
        if (!content) return tl::unexpected<Error>(content.error());
        std::vector<std::string> terms = Terms(*content);
        if (!terms.empty()) {
          PushWords(std::move(terms), false, pos, "", q_.substr(pos, i_ - pos));
        } else if (!items_.empty() && items_.back().shown == "-" && items_.back().pos + 1 == pos) {
          items_.pop_back();  // -"" negates nothing
        }
        continue;
      }
      std::size_t start = i_;
      while (i_ < n && !IsSpace(q_[i_]) && q_[i_] != '(' && q_[i_] != ')' && q_[i_] != '"') ++i_;
      std::string_view chunk = q_.substr(start, i_ - start);
      if (auto op = Operator(chunk, start)) {
        items_.push_back(std::move(*op));
        continue;
      }
      std::size_t pos = start;
      // With AND as the default operator '+' adds nothing; '-' is NOT (Xapian's own "-x"
      // silently drops a negated filter that stands alone). The NOT goes in once the chunk has
      // given an operand, so that "--" or "-…" (no word) leave nothing behind.
      const bool negate = chunk[0] == '-';
      const std::size_t first_item = items_.size();
      if (chunk[0] == '+' || chunk[0] == '-') {
        chunk.remove_prefix(1);
        ++pos;
        if (chunk.empty()) {
          if (i_ < n && (q_[i_] == '"' || q_[i_] == '(')) {
            if (negate) items_.push_back(Minus(start));
            continue;
          }
          return Bad("\"" + std::string(1, q_[start]) +
                         "\" must be followed directly by a word, phrase or group",
                     start);
        }
      }
      if (auto st = Chunk(chunk, pos); !st) return st;
      if (negate && items_.size() > first_item) {
        items_.insert(items_.begin() + static_cast<std::ptrdiff_t>(first_item), Minus(start));
      }
    }
    return {};
  }

  static Item Minus(std::size_t pos) {
    Item it;
    it.kind = Kind::kNot;
    it.pos = pos;
    it.text = "NOT";
    it.shown = "-";
    return it;
  }

  // One chunk without its sign: "*", a field, or words.
  Status Chunk(std::string_view chunk, std::size_t pos) {
    if (chunk.find_first_not_of('*') == std::string_view::npos) {
      Item it;
      it.pos = pos;
      it.text = std::string(kEverythingField) + ":\"\"";
      it.shown = "*";
      items_.push_back(std::move(it));
      return {};
    }
    if (std::size_t colon = chunk.find(':'); colon != std::string_view::npos && colon > 0) {
      std::string field = CanonicalField(AsciiLower(chunk.substr(0, colon)));
      if (!field.empty()) return Field(field, chunk, colon, pos);
    }
    bool wildcard = false;
    std::string_view words = chunk;
    while (!words.empty() && words.back() == '*') {
      words.remove_suffix(1);
      wildcard = true;
    }
    std::vector<std::string> terms = Terms(words);
    // Pure punctuation ("--", "…") carries no word: it is not part of the query.
    if (!terms.empty()) PushWords(std::move(terms), wildcard, pos, "", chunk);
    return {};
  }

  // Checks the order of operands, operators and brackets: Xapian's parser silently ignores many
  // mistakes (an unclosed bracket, "a NEAR") or falls back to reading operators as words.
  Status Check() const {
    std::vector<std::size_t> open_brackets;
    bool need_operand = true;
    bool last_single = false;
    const Item* prev = nullptr;
    const Item* pending_proximity = nullptr;  // NEAR/ADJ still waiting for its right word
    const Item* prev_proximity = nullptr;     // the NEAR/ADJ of the chain the last word ends
    for (const Item& it : items_) {
      if (it.kind != Kind::kBinary && !(it.kind == Kind::kOperand && pending_proximity)) {
        prev_proximity = nullptr;
      }
      switch (it.kind) {
        case Kind::kOperand:
          if (pending_proximity && !it.single_word) {
            return Bad("\"" + pending_proximity->shown + "\" needs a single word on each side",
                       it.pos);
          }
          pending_proximity = nullptr;
          need_operand = false;
          last_single = it.single_word;
          break;
        case Kind::kBinary:
          if (need_operand) return Bad("\"" + it.shown + "\" has nothing before it", it.pos);
          if (it.proximity && !last_single) {
            return Bad("\"" + it.shown + "\" needs a single word on each side", it.pos);
          }
          // "a NEAR b ADJ c" is a syntax error to Xapian (which then reads the operators as
          // words); a chain must use one of the two.
          if (it.proximity && prev_proximity &&
              it.shown.substr(0, 3) != prev_proximity->shown.substr(0, 3)) {
            return Bad(
                "\"" + prev_proximity->shown + "\" and \"" + it.shown + "\" cannot be chained",
                it.pos);
          }
          prev_proximity = it.proximity ? &it : nullptr;
          pending_proximity = it.proximity ? &it : nullptr;
          need_operand = true;
          break;
        case Kind::kNot:
          if (need_operand) {
            bool allowed = prev == nullptr || prev->kind == Kind::kOpen ||
                           (prev->kind == Kind::kBinary && prev->and_or);
            if (!allowed) {
              return Bad("\"" + it.shown + "\" cannot follow \"" + prev->shown + "\"", it.pos);
            }
          }
          need_operand = true;
          break;
        case Kind::kOpen:
          if (pending_proximity) {
            return Bad("\"" + pending_proximity->shown + "\" needs a single word on each side",
                       it.pos);
          }
          open_brackets.push_back(it.pos);
          need_operand = true;
          break;
        case Kind::kClose:
          if (open_brackets.empty()) return Bad("unmatched \")\"", it.pos);
          if (need_operand) {
            if (prev && prev->kind == Kind::kOpen) return Bad("empty brackets", it.pos);
            return Bad("\"" + prev->shown + "\" has nothing after it", prev->pos);
          }
          open_brackets.pop_back();
          need_operand = false;
          last_single = false;
          break;
      }
      prev = &it;
    }
    if (!open_brackets.empty()) return Bad("unclosed \"(\"", open_brackets.back());
    if (need_operand && prev) return Bad("\"" + prev->shown + "\" has nothing after it", prev->pos);
    return {};
  }

  // Emission, on a checked item list. NOT (and '-') negates exactly the next operand or bracket.
  // Xapian's NOT instead takes everything up to the next AND/OR ("a NOT b c" is a AND NOT (b c))
  // and merges adjacent filters ("NOT outlet:x lang:en" negates both), so each run of juxtaposed
  // units is written positives first, then one "NOT unit" per negated unit. NEAR/ADJ chains are
  // bracketed: Xapian rejects "a NEAR b c" and would then reparse the query as plain words.
  //
  //   sequence := run ((AND | OR | XOR) run)*
  //   run      := ([NOT] atom)+
  //   atom     := operand ((NEAR | ADJ) operand)* | "(" sequence ")"
  std::string EmitSequence(std::size_t& k, bool negated, std::vector<Pattern>& patterns) const {
    std::string out = EmitRun(k, negated, patterns);
    while (k < items_.size() && items_[k].kind == Kind::kBinary) {
      out += " " + items_[k].text + " ";
      ++k;
      out += EmitRun(k, negated, patterns);
    }
    return out;
  }

  std::string EmitRun(std::size_t& k, bool negated, std::vector<Pattern>& patterns) const {
    std::vector<std::string> positive, negative;
    while (k < items_.size() && items_[k].kind != Kind::kClose && items_[k].kind != Kind::kBinary) {
      bool negate = items_[k].kind == Kind::kNot;
      if (negate) ++k;
      std::string atom = EmitAtom(k, negated || negate, patterns);
      (negate ? negative : positive).push_back(std::move(atom));
    }
    std::string out;
    for (const std::string& p : positive) out += (out.empty() ? "" : " ") + p;
    for (const std::string& n : negative) out += (out.empty() ? "NOT " : " NOT ") + n;
    return out;
  }

  std::string EmitAtom(std::size_t& k, bool negated, std::vector<Pattern>& patterns) const {
    const Item& it = items_[k++];
    if (it.kind == Kind::kOpen) {
      std::string inner = EmitSequence(k, negated, patterns);
      ++k;  // the matching ")"
      return it.text + " " + inner + " )";
    }
    if (!negated && it.pattern) patterns.push_back(*it.pattern);
    if (k >= items_.size() || !items_[k].proximity) return it.text;
    std::string out = "( " + it.text;
    while (k + 1 < items_.size() && items_[k].proximity) {
      const Item& word = items_[k + 1];
      out += " " + items_[k].text + " " + word.text;
      if (!negated && word.pattern) patterns.push_back(*word.pattern);
      k += 2;
    }
    return out + " )";
  }

  std::string_view q_;
  std::size_t i_ = 0;
  std::vector<Item> items_;
};

Xapian::QueryParser MakeParser() {
  Xapian::QueryParser qp;
  qp.add_prefix("title", schema::kWordTitle);
  qp.add_boolean_prefix("outlet", schema::kOutlet);
  qp.add_boolean_prefix("lang", schema::kLanguage);
  qp.add_boolean_prefix("country", schema::kCountry);
  qp.add_boolean_prefix("type", schema::kType);
  qp.add_boolean_prefix("frame", schema::kFrame);
  qp.add_boolean_prefix("author", schema::kAuthor);
  qp.add_boolean_prefix("year", schema::kYear);
  qp.add_boolean_prefix(kEverythingField, "");
  // Dates are "YYYYMMDD" strings, so plain string comparison orders them.
  qp.add_rangeprocessor((new Xapian::RangeProcessor(schema::kSlotDate, "date:"))->release());
  qp.set_default_op(Xapian::Query::OP_AND);
  qp.set_max_expansion(kMaxWildcardTerms, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT,
                       Xapian::QueryParser::FLAG_WILDCARD);
  return qp;
}

bool HasStemmedTerm(const Xapian::Query& q) {
  for (auto t = q.get_terms_begin(); t != q.get_terms_end(); ++t) {
    if (!(*t).empty() && (*t)[0] == schema::kStem[0]) return true;
  }
  return false;
}

}  // namespace

Result<RewrittenQuery> RewriteQuery(std::string_view query) { return Rewriter(query).Run(); }

Xapian::Query BuildXapianQuery(const Xapian::Database& db, const RewrittenQuery& query) {
  if (query.everything) return Xapian::Query::MatchAll;
  const unsigned flags = Xapian::QueryParser::FLAG_BOOLEAN | Xapian::QueryParser::FLAG_PHRASE |
                         Xapian::QueryParser::FLAG_WILDCARD | Xapian::QueryParser::FLAG_PURE_NOT;
  Xapian::QueryParser qp = MakeParser();
  qp.set_stemming_strategy(Xapian::QueryParser::STEM_NONE);
  Xapian::Query exact = qp.parse_query(query.xapian, flags);

  // Exact words must always match; stems are a bonus, and only count within documents of the
  // language whose stemmer made them (an English stem can equal an unrelated French one).
  std::vector<Xapian::Query> parts{exact};
  const std::string lang_prefix = schema::kLanguage;
  for (auto t = db.allterms_begin(lang_prefix); t != db.allterms_end(lang_prefix); ++t) {
    Xapian::Stem stem;
    try {
      stem = Xapian::Stem((*t).substr(lang_prefix.size()));
    } catch (const Xapian::InvalidArgumentError&) {
      continue;  // no stemmer for this language (zh, ja, ...)
    }
    if (stem.is_none()) continue;
    qp.set_stemmer(stem);
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    Xapian::Query stemmed = qp.parse_query(query.xapian, flags);
    if (!HasStemmedTerm(stemmed)) break;  // nothing stemmable: the same for every language
    parts.emplace_back(Xapian::Query::OP_FILTER, stemmed, Xapian::Query(*t));
  }
  if (parts.size() == 1) return exact;
  return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

}  // namespace framescope::index
