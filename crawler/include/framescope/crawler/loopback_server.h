// A small HTTP/1.1 server on the loopback interface, for the demo and the tests: it serves the
// bundled demo site (virtual hosts by Host header) or answers through a handler function.
// Not for the open internet: it binds 127.0.0.1 only.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "framescope/corpus/result.h"
#include "framescope/crawler/warc.h"

namespace framescope::crawler {

struct ServerRequest {
  std::string method;
  std::string target;  // path and query as sent
  std::string host;    // Host header without port, lower case
  Headers headers;
  std::string Header(const std::string& name) const;
};

struct ServerReply {
  int status = 200;
  Headers headers;
  std::string body;
  int delay_ms = 0;        // wait before answering (timeouts, politeness tests)
  bool reset = false;      // close the connection without answering
};

class LoopbackServer {
 public:
  using Handler = std::function<void(const ServerRequest&, ServerReply&)>;

  // Listens on 127.0.0.1:`port` (0 = any free port; if `port` is taken, falls back to any).
  // `handler` is called from worker threads and must be thread-safe.
  static Result<std::unique_ptr<LoopbackServer>> Start(Handler handler, int port = 0);
  ~LoopbackServer();
  int port() const { return port_; }
  std::size_t requests_served() const { return served_.load(); }
  void Stop();

 private:
  LoopbackServer() = default;
  void AcceptLoop();
  void Serve(int fd);
  Handler handler_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<std::size_t> served_{0};
  std::thread accept_thread_;
  std::mutex workers_mu_;
  std::vector<std::thread> workers_;
};

// Serves `root`/<host>/<path> (index.html for directories) with content types by extension.
// Absolute URLs written in the files with `site_port` (e.g. "http://x.localhost:48080") are
// rewritten to the port the server actually listens on, so the site works on any free port.
LoopbackServer::Handler StaticSiteHandler(const std::string& root, int site_port,
                                          const std::shared_ptr<std::atomic<int>>& actual_port);

}  // namespace framescope::crawler
