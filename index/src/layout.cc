#include "layout.h"

#include <fstream>

namespace framescope::index {

Result<std::vector<std::string>> ReadShardList(const std::string& path) {
  const std::string stub = path + "/" + kStubFile;
  std::ifstream in(stub);
  if (!in) return Fail(ErrorCode::kIo, "the index at " + path + ": cannot read " + stub);
  std::vector<std::string> out;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    const std::string name = line.starts_with("auto ") ? line.substr(5) : "";
    if (name.empty() || name.find('/') != std::string::npos || name == "." || name == "..") {
      return Fail(ErrorCode::kInvalidInput,
                  stub + ", line " + std::to_string(n) + ": \"" + line.substr(0, 80) +
                      "\": the index writer needs \"auto NAME\" lines naming folders beside it");
    }
    out.push_back(path + "/" + name);
  }
  if (out.empty()) return Fail(ErrorCode::kInvalidInput, stub + ": lists no shard");
  return out;
}

}  // namespace framescope::index
