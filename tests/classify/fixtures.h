// Shared by the classify tests.
#pragma once

#include <stdexcept>

#include "framescope/classify/codebook.h"

namespace framescope::classify::testing {

// The bundled default codebook, loaded once; a load failure fails the test binary loudly.
inline const Codebook& DefaultCodebook() {
  static const Codebook cb = [] {
    auto loaded = Codebook::Load(DefaultCodebookPath());
    if (!loaded) throw std::runtime_error(loaded.error().message);
    return *loaded;
  }();
  return cb;
}

}  // namespace framescope::classify::testing
