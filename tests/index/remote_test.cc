// Sharded search through Xapian's remote backend: two shards served by xapian-tcpsrv on loopback,
// searched through a stub file, must answer exactly as one database holding every document.
#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include "framescope/index/index.h"
#include "test_corpus.h"

extern char** environ;

namespace framescope::index {
namespace {

using testing::TempDir;

constexpr char kTcpSrv[] = "/usr/bin/xapian-tcpsrv";

// A port on 127.0.0.1 that was free a moment ago.
int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  int port = -1;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  close(fd);
  return port;
}

bool Accepts(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return false;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

// One xapian-tcpsrv process serving `db` on a loopback port; stopped on destruction.
class TcpServer {
 public:
  explicit TcpServer(const std::string& db) {
    for (int attempt = 0; attempt < 3 && pid_ <= 0; ++attempt) Start(db);
  }
  ~TcpServer() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      int status = 0;
      waitpid(pid_, &status, 0);
    }
  }
  TcpServer(const TcpServer&) = delete;
  TcpServer& operator=(const TcpServer&) = delete;

  bool running() const { return pid_ > 0; }
  int port() const { return port_; }

 private:
  void Start(const std::string& db) {
    port_ = FreePort();
    if (port_ <= 0) return;
    std::string port = std::to_string(port_);
    std::vector<std::string> args = {kTcpSrv,     "--port",  port, "--interface",
                                     "127.0.0.1", "--quiet", db};
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    // Its own process group: on SIGTERM xapian-tcpsrv signals its whole group (to stop the
    // children serving connections), which must not include this test.
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attr, 0);
    pid_t pid = 0;
    int rc = posix_spawn(&pid, kTcpSrv, &actions, &attr, argv.data(), environ);
    posix_spawnattr_destroy(&attr);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) return;
    // Wait until it listens (or has died, e.g. because the port was taken meanwhile).
    for (int i = 0; i < 200; ++i) {
      if (Accepts(port_)) {
        pid_ = pid;
        return;
      }
      int status = 0;
      if (waitpid(pid, &status, WNOHANG) == pid) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    kill(pid, SIGTERM);
    int status = 0;
    waitpid(pid, &status, 0);
  }

  pid_t pid_ = -1;
  int port_ = -1;
};

std::set<std::string> HitIds(const SearchResult& r) {
  std::set<std::string> ids;
  for (const Hit& h : r.hits) ids.insert(h.doc.id);
  return ids;
}

TEST(RemoteShardsTest, StubOverTwoTcpShardsAnswersLikeOneDatabase) {
  if (!std::filesystem::exists(kTcpSrv)) GTEST_SKIP() << kTcpSrv << " is not installed";
  TempDir dir;
  {
    auto all = IndexWriter::Open(dir / "all");
    auto shard_a = IndexWriter::Open(dir / "shard-a");
    auto shard_b = IndexWriter::Open(dir / "shard-b");
    ASSERT_TRUE(all && shard_a && shard_b);
    auto docs = testing::SampleCorpus();
    for (std::size_t i = 0; i < docs.size(); ++i) {
      auto copy = docs[i];
      ASSERT_TRUE((*all)->Add(docs[i]).has_value());
      // The near-duplicate pair (first two) lands in the same shard.
      ASSERT_TRUE((i < docs.size() / 2 ? *shard_a : *shard_b)->Add(copy).has_value());
    }
  }
  TcpServer a(dir / "shard-a");
  TcpServer b(dir / "shard-b");
  ASSERT_TRUE(a.running() && b.running()) << "xapian-tcpsrv did not start";
  {
    std::ofstream(dir / "shards.stub") << "remote 127.0.0.1:" << a.port() << "\n"
                                       << "remote 127.0.0.1:" << b.port() << "\n";
  }
  {
    auto one = Searcher::Open(dir / "all");
    auto sharded = Searcher::Open(dir / "shards.stub");
    ASSERT_TRUE(one.has_value()) << one.error().message;
    ASSERT_TRUE(sharded.has_value()) << sharded.error().message;
    EXPECT_EQ((*sharded)->doc_count(), (*one)->doc_count());
    EXPECT_FALSE((*sharded)->revision().empty());

    SearchOptions o;
    o.limit = 100;
    for (const char* q : {"social", "\"black mirror\"", "失信被执行人", "lang:en NOT mirror",
                          "date:2019", "*", "control"}) {
      for (bool dedup : {false, true}) {
        o.dedup = dedup;
        auto x = (*one)->Search(q, o);
        auto y = (*sharded)->Search(q, o);
        ASSERT_TRUE(x.has_value()) << x.error().message;
        ASSERT_TRUE(y.has_value()) << y.error().message;
        EXPECT_EQ(y->total, x->total) << q << " dedup=" << dedup;
        EXPECT_EQ(HitIds(*y), HitIds(*x)) << q << " dedup=" << dedup;
      }
    }
    for (Field f : {Field::kLanguage, Field::kFrame, Field::kAuthor}) {
      for (bool dedup : {false, true}) {
        auto x = (*one)->Facets("*", f, dedup);
        auto y = (*sharded)->Facets("*", f, dedup);
        ASSERT_TRUE(x.has_value() && y.has_value());
        EXPECT_EQ(*y, *x) << FieldName(f) << " dedup=" << dedup;
      }
    }
    auto kx = (*one)->Kwic("credit", 10, 0);
    auto ky = (*sharded)->Kwic("credit", 10, 0);
    ASSERT_TRUE(kx.has_value() && ky.has_value());
    EXPECT_EQ(ky->size(), kx->size());
    auto got = (*sharded)->Get("zh-xinhua");
    ASSERT_TRUE(got.has_value()) << got.error().message;
    EXPECT_EQ(got->outlet, "新华社");
  }
}

TEST(RemoteShardsTest, UnreachableShardIsANetworkError) {
  TempDir dir;
  int port = FreePort();
  ASSERT_GT(port, 0);
  { std::ofstream(dir / "down.stub") << "remote 127.0.0.1:" << port << "\n"; }
  auto s = Searcher::Open(dir / "down.stub");
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().code, ErrorCode::kNetwork);
  EXPECT_NE(s.error().message.find("down.stub"), std::string::npos);
}

}  // namespace
}  // namespace framescope::index
