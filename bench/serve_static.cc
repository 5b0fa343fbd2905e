// Serves a folder of static sites (ROOT/<host>/...) on 127.0.0.1 with the crawler's own
// LoopbackServer and StaticSiteHandler, until SIGINT or SIGTERM. Prints the port it listens on
// as the first line of stdout, so a script can read it; on exit prints the number of requests
// served to stderr.
//
//   serve_static ROOT [--port 48080] [--site-port 48080]
//
// --site-port is the port written into the files' absolute URLs (gen_site --port); when --port
// is taken the server listens on another one and rewrites those URLs to match.
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>

#include "framescope/crawler/loopback_server.h"

int main(int argc, char** argv) {
  std::string root;
  int port = 48080, site_port = -1;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    bool has_value = i + 1 < argc;
    if (a == "--port" && has_value) {
      port = std::atoi(argv[++i]);
    } else if (a == "--site-port" && has_value) {
      site_port = std::atoi(argv[++i]);
    } else if (!a.starts_with("--") && root.empty()) {
      root = a;
    } else {
      root.clear();
      break;
    }
  }
  if (root.empty() || port < 0 || port > 65535) {
    std::cerr << "usage: serve_static ROOT [--port 48080] [--site-port 48080]\n";
    return 2;
  }
  if (site_port < 0) site_port = port;

  // Block the stop signals before the server starts its threads, so they inherit the mask and
  // sigwait below is the only place the signals are taken.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);

  auto actual = std::make_shared<std::atomic<int>>(site_port);
  auto server = framescope::crawler::LoopbackServer::Start(
      framescope::crawler::StaticSiteHandler(root, site_port, actual), port);
  if (!server) {
    std::cerr << "serve_static: " << server.error().message << "\n";
    return 1;
  }
  actual->store((*server)->port());
  std::printf("%d\n", (*server)->port());
  std::fflush(stdout);

  int sig = 0;
  sigwait(&stop, &sig);
  std::size_t served = (*server)->requests_served();
  (*server)->Stop();
  std::cerr << "serve_static: " << served << " requests served\n";
  return 0;
}
