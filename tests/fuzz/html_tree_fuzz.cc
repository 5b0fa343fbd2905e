// libFuzzer target: any bytes into the extractor's HTML parser; the tree must hold together
// (every child points back to its parent, sibling links agree both ways, text lies in the page or
// the document's own memory).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "../../crawler/src/html_tree.h"

namespace {

using framescope::crawler::html::Node;

void Check(const Node* parent, const Node* first, int depth) {
  if (depth > 300) std::abort();  // the parser stops at 256 levels, as libxml2 does
  const Node* prev = nullptr;
  for (const Node* n = first; n; n = n->next) {
    if (n->parent != parent || n->prev != prev) std::abort();
    for (char c : n->name) (void)c;
    for (char c : n->content) (void)c;
    for (auto* a = n->properties; a; a = a->next)
      if (a->name.empty()) std::abort();
    Check(n, n->children, depth + 1);
    prev = n;
  }
  if (parent && parent->last != prev) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view html(reinterpret_cast<const char*>(data), size);
  auto doc = framescope::crawler::html::Document::Parse(html);
  Check(nullptr, doc->top(), 0);
  (void)doc->root();
  return 0;
}
