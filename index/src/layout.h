// The folder layout of a sharded index: shard folders beside a stub file that lists them.
#pragma once

#include <string>
#include <vector>

#include "framescope/corpus/result.h"

namespace framescope::index {

// The stub file in an index folder through which Xapian opens the shards as one database.
inline constexpr char kStubFile[] = "XAPIANDB";

// The shard folders listed by the stub file of the index folder `path` ("auto NAME" lines naming
// folders beside it), or an error naming the first line that lists anything else (a remote
// shard, a path elsewhere), which the index writer cannot write through.
Result<std::vector<std::string>> ReadShardList(const std::string& path);

}  // namespace framescope::index
