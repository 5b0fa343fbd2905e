#pragma once

#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

namespace framescope::crawler::html {

// The document tree the extractor walks: elements, text and comments, built by our own parser in
// one pass over the page. It builds the tree libxml2's HTML parser (2.9, in recovery mode, blank
// text dropped) builds for the same bytes: the same implied <html>, <head>, <body> and <p>, the
// same elements closed by a later start tag (a <p> by a <div>, an <li> by the next <li>), the same
// end tags ignored when they would close a table cell or a <div> they do not belong to, the same
// HTML 4 entities and the same empty elements. The extractor's heuristics were tuned on that tree;
// tests/crawler/html_tree_test.cc compares the two trees on every page in the repository.
// libxml2 allocates, copies and later frees a node, a name and a string per element and attribute
// and reads the page a character at a time: on news pages that was a quarter of `index`'s CPU time.
// Here nodes live in one arena and names, attribute values and most text are views into the page.

// kOtherNode: a processing instruction (its target as name) or, first at the top level, the
// doctype (name "!DOCTYPE").
enum NodeType : unsigned char { kElementNode, kTextNode, kCommentNode, kOtherNode };

struct Attribute {
  std::string_view name;   // lower case
  std::string_view value;  // entities decoded; "" when the attribute has no value
  const Attribute* next = nullptr;
};

struct Node {
  NodeType type = kElementNode;
  std::string_view name;     // elements: lower-case tag name; see kOtherNode; "" for others
  std::string_view content;  // text and comments: the text, entities decoded
  Node* parent = nullptr;    // nullptr at the top level
  Node* children = nullptr;
  Node* last = nullptr;
  Node* next = nullptr;
  Node* prev = nullptr;
  const Attribute* properties = nullptr;
};

class Document {
 public:
  // Parses `html` (UTF-8, no NUL bytes). The tree holds views into `html`.
  // REQUIRES: `html` outlives the Document.
  static std::unique_ptr<Document> Parse(std::string_view html);

  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;
  ~Document();

  // The first element at the top level (what libxml2 calls the root element); nullptr when the
  // page has none.
  Node* root() const;
  // The top-level nodes in order (usually comments, then <html>).
  Node* top() const { return top_first_; }

  // Removes `n` (and everything under it) from the tree. Its memory stays with the document.
  static void Unlink(Node* n);

 private:
  friend class Builder;
  Document() = default;
  void* Allocate(std::size_t bytes, std::size_t align);
  Node* NewNode();
  char* NewChars(std::size_t n);

  std::vector<std::unique_ptr<char[]>> blocks_;
  char* free_ = nullptr;
  std::size_t left_ = 0;
  Node* top_first_ = nullptr;
  Node* top_last_ = nullptr;
};

}  // namespace framescope::crawler::html
