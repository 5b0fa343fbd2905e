#pragma once

#include <string>
#include <string_view>

namespace framescope::crawler {

// Empties the bodies of <script> (except JSON-LD), <style> and <svg> elements before the page
// goes to the parser (html_tree.h): the extractor drops those elements anyway, and on news pages
// they are about half of the bytes. The start and end tags stay, so the tree
// has the same elements. The scan follows the HTML tokenizer's data state only as far as it must
// (comments, quoted attribute values); where it cannot be sure where a tag or element ends, it
// copies the rest of the page unchanged.
std::string EmptyRawTextElements(std::string_view html);

// The attributes the extractor reads (crawler/src/extract.cc). Code that reads another attribute
// must add it here: PrefilterHtml drops all others.
inline constexpr std::string_view kAttributesRead[] = {
    "aria-hidden", "charset",  "class", "content", "datetime", "hidden", "href",  "http-equiv",
    "id",          "itemprop", "lang",  "name",    "property", "rel",    "role",  "style",
    "type"};

// EmptyRawTextElements, and from every start tag the attributes not in kAttributesRead (data-*,
// srcset, event handlers...: a quarter of a news page's bytes once scripts are gone). A tag whose
// attributes it cannot read the way the parser does (html_tree.h, which reads them as libxml2
// does: a name it would not accept, an unclosed quote) is copied whole.
std::string PrefilterHtml(std::string_view html);

}  // namespace framescope::crawler
