#include "xapian_error.h"

namespace framescope::index {

Error FromXapian(const Xapian::Error& e, const std::string& path) {
  const std::string where = "the index at " + path;
  const std::string detail = where + ": " + e.get_type() + ": " + e.get_msg();
  // Most specific classes first: several derive from DatabaseOpeningError or NetworkError.
  if (dynamic_cast<const Xapian::DatabaseLockError*>(&e)) {
    return {ErrorCode::kLocked, where + " is being written by another process"};
  }
  if (dynamic_cast<const Xapian::DatabaseNotFoundError*>(&e)) {
    return {ErrorCode::kNotFound, detail};
  }
  if (dynamic_cast<const Xapian::DatabaseCorruptError*>(&e) ||
      dynamic_cast<const Xapian::DatabaseVersionError*>(&e)) {
    return {ErrorCode::kCorrupt, detail};
  }
  if (dynamic_cast<const Xapian::DatabaseOpeningError*>(&e)) {
    // Not a database, or a stub file with a line Xapian cannot read.
    return {ErrorCode::kInvalidInput, detail};
  }
  if (dynamic_cast<const Xapian::DatabaseCreateError*>(&e)) return {ErrorCode::kIo, detail};
  if (dynamic_cast<const Xapian::NetworkError*>(&e)) return {ErrorCode::kNetwork, detail};
  if (dynamic_cast<const Xapian::QueryParserError*>(&e) ||
      dynamic_cast<const Xapian::WildcardError*>(&e)) {
    return {ErrorCode::kInvalidInput, detail};
  }
  if (dynamic_cast<const Xapian::DocNotFoundError*>(&e)) return {ErrorCode::kNotFound, detail};
  if (dynamic_cast<const Xapian::DatabaseError*>(&e)) return {ErrorCode::kIo, detail};
  return {ErrorCode::kInternal, detail};
}

}  // namespace framescope::index
