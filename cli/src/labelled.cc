#include "labelled.h"

namespace framescope::cli {

Result<std::vector<corpus::Document>> ReadLabelled(const std::vector<std::string>& paths) {
  std::vector<corpus::Document> docs;
  for (const auto& p : paths) {
    std::size_t line = 0;
    auto n = corpus::ReadJsonl(
        p,
        [&](corpus::Document&& d) {
          ++line;
          if (d.frame.empty()) {
            Warn(p + ": document " + d.id + " has no label (skipped)");
            return;
          }
          docs.push_back(std::move(d));
        },
        [&](const Error& e) { Warn(e.message + " (skipped)"); });
    if (!n) return tl::unexpected(n.error());
  }
  if (docs.empty()) return Fail(ErrorCode::kInvalidInput, "no labelled documents in the input");
  return docs;
}

}  // namespace framescope::cli
