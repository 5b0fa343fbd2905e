// Errors as values. Every failure caused by outside data (network, HTML, XML, WARC, JSONL, a
// locked or corrupt index, a bad query) is returned as an Error whose message names the input and
// the place in it; library code never prints and never exits.
#pragma once

#include <string>
#include <utility>

#include <tl/expected.hpp>

namespace framescope {

enum class ErrorCode {
  kInvalidInput,   // malformed data: HTML, XML, JSON, WARC, TOML, a query
  kUsage,          // the caller asked for something impossible (bad option value)
  kNotFound,       // a file, document or record that does not exist
  kIo,             // the file system failed
  kNetwork,        // connection, DNS, timeout
  kLocked,         // another process holds a lock (e.g. the index writer)
  kCorrupt,        // stored data fails its own checks
  kRefused,        // policy refused the action (robots.txt, private address, scheme)
  kInternal,       // a bug or a third-party library failure we did not expect
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
};

template <class T>
using Result = tl::expected<T, Error>;

using Status = tl::expected<void, Error>;

inline tl::unexpected<Error> Fail(ErrorCode code, std::string message) {
  return tl::unexpected<Error>(Error{code, std::move(message)});
}

// Returns a copy of `e` whose message is prefixed with `context: `.
inline Error WithContext(const Error& e, const std::string& context) {
  return Error{e.code, context + ": " + e.message};
}

}  // namespace framescope
