// Typographic helpers shared by the report writers (private to the report module).
#pragma once

#include <string>
#include <string_view>

namespace framescope::report::internal {

// CSL "title" text-case for English, as citeproc applies it: the first word, and every word
// after a clause end (". ", "? ", "! ", ": "), is capitalised; a later word is capitalised when it
// follows a space, hyphen, slash, dash or opening bracket or quote and is neither a stop word
// (a, an, and, of, the, ...) nor one letter long; the last word is capitalised unless it is one
// letter long. Words holding a capital letter ("iPhone", "NASA") are never changed.
std::string TitleCase(std::string_view text);

// Straight and typographic quotation marks become typographic ones whose kind alternates with
// depth: “outer ‘inner’” when `nested` is false, ‘outer “inner”’ when the text itself sits inside
// double quotes. Apostrophes become ’.
std::string SmartQuotes(std::string_view text, bool nested);

// Upper-cases the first letter (not the first character) of `text`.
std::string CapitalizeFirstLetter(std::string_view text);

// Columns `text` takes on a terminal: East Asian wide and full-width characters count 2,
// combining marks 0.
std::size_t DisplayWidth(std::string_view text);

// `value` with `decimals` digits after the point, independent of the C locale.
std::string FormatFixed(double value, int decimals);

// True for "en" and "en-*" (and "" / unknown, which CSL treats as English).
bool IsEnglishOrUnset(std::string_view language);

// Strips leading and trailing ASCII whitespace.
std::string_view Trim(std::string_view s);

// `s` as the text of one GitHub-flavoured Markdown table cell: line breaks become spaces, < > &
// become entities (no raw HTML), and | \ ` * _ [ ] are backslash-escaped so the text can neither
// end the cell nor start emphasis, code or a link.
std::string MarkdownCell(std::string_view s);

}  // namespace framescope::report::internal
