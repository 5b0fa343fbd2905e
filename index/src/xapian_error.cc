#include "xapian_error.h"

namespace framescope::index {

Error FromXapian(const Xapian::Error& e, const std::string& path) {
  const std::string where = "the index at " + path;
  const std::string type = e.get_type();
  const std::string detail = where + ": " + type + ": " + e.get_msg();
  // Xapian::Error has no virtual functions, so the class is told by its type name; every class
  // Xapian 1.4 can throw is listed, subclasses before their bases.
  if (type == "DatabaseLockError") {
    return {ErrorCode::kLocked, where + " is being written by another process"};
  }
  if (type == "DatabaseNotFoundError" || type == "DocNotFoundError") {
    return {ErrorCode::kNotFound, detail};
  }
  if (type == "DatabaseCorruptError" || type == "DatabaseVersionError") {
    return {ErrorCode::kCorrupt, detail};
  }
  // Not a database, or a stub file with a line Xapian cannot read.
  if (type == "DatabaseOpeningError") return {ErrorCode::kInvalidInput, detail};
  if (type == "NetworkError" || type == "NetworkTimeoutError") {
    return {ErrorCode::kNetwork, detail};
  }
  if (type == "QueryParserError" || type == "WildcardError") {
    return {ErrorCode::kInvalidInput, detail};
  }
  if (type == "DatabaseCreateError" || type == "DatabaseError" || type == "DatabaseModifiedError" ||
      type == "DatabaseClosedError") {
    return {ErrorCode::kIo, detail};
  }
  return {ErrorCode::kInternal, detail};
}

}  // namespace framescope::index
