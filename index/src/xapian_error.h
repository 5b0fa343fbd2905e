// Turns Xapian exceptions (which do not derive from std::exception) into framescope::Error.
#pragma once

#include <xapian.h>

#include <exception>
#include <string>

#include "framescope/corpus/result.h"

namespace framescope::index {

// The Error for a Xapian failure on the index at `path`. A lock becomes kLocked "the index at
// PATH is being written by another process".
Error FromXapian(const Xapian::Error& e, const std::string& path);

// Runs `fn` (which returns a Result or Status), turning any Xapian or standard exception into an
// Error naming `path`. Every public entry point of the module goes through this.
template <class Fn>
auto Guard(const std::string& path, Fn&& fn) -> decltype(fn()) {
  try {
    return fn();
  } catch (const Xapian::Error& e) {
    return tl::unexpected<Error>(FromXapian(e, path));
  } catch (const std::bad_alloc&) {
    return Fail(ErrorCode::kInternal, "the index at " + path + ": out of memory");
  } catch (const std::exception& e) {
    return Fail(ErrorCode::kInternal, "the index at " + path + ": " + e.what());
  }
}

}  // namespace framescope::index
