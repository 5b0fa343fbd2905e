#include "framescope/crawler/loopback_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace framescope::crawler {
namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

const char* Reason(int status) {
  switch (status) {
    case 200: return "OK";
    case 206: return "Partial Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 304: return "Not Modified";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 410: return "Gone";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Status";
  }
}

bool SendAll(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n <= 0) return false;
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

}  // namespace

std::string ServerRequest::Header(const std::string& name) const {
  for (const auto& [k, v] : headers)
    if (Lower(k) == Lower(name)) return v;
  return "";
}

Result<std::unique_ptr<LoopbackServer>> LoopbackServer::Start(Handler handler, int port) {
  std::unique_ptr<LoopbackServer> s(new LoopbackServer());
  s->handler_ = std::move(handler);
  s->listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (s->listen_fd_ < 0) return Fail(ErrorCode::kIo, "socket() failed");
  int one = 1;
  ::setsockopt(s->listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  if (::bind(s->listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    addr.sin_port = 0;
    if (::bind(s->listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
      return Fail(ErrorCode::kIo, "cannot bind a loopback port");
  }
  if (::listen(s->listen_fd_, 128) != 0) return Fail(ErrorCode::kIo, "listen() failed");
  socklen_t len = sizeof addr;
  ::getsockname(s->listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  s->port_ = ntohs(addr.sin_port);
  s->accept_thread_ = std::thread([p = s.get()] { p->AcceptLoop(); });
  return s;
}

LoopbackServer::~LoopbackServer() { Stop(); }

void LoopbackServer::Stop() {
  if (stop_.exchange(true)) return;
  if (accept_thread_.joinable()) accept_thread_.join();
  if (listen_fd_ >= 0) ::close(listen_fd_);
  std::vector<std::thread> workers;
  {
    std::lock_guard<std::mutex> lock(workers_mu_);
    workers.swap(workers_);
  }
  for (auto& t : workers)
    if (t.joinable()) t.join();
}

void LoopbackServer::AcceptLoop() {
  while (!stop_) {
    pollfd pfd{listen_fd_, POLLIN, 0};
    if (::poll(&pfd, 1, 100) <= 0) continue;
    int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    std::lock_guard<std::mutex> lock(workers_mu_);
    workers_.emplace_back([this, fd] { Serve(fd); });
  }
}

void LoopbackServer::Serve(int fd) {
  std::string buf;
  char chunk[8192];
  // Keep-alive: several requests per connection until the client closes or 5 s of silence.
  while (!stop_) {
    std::size_t head_end;
    while ((head_end = buf.find("\r\n\r\n")) == std::string::npos) {
      pollfd pfd{fd, POLLIN, 0};
      if (::poll(&pfd, 1, 5000) <= 0 || stop_) {
        ::close(fd);
        return;
      }
      ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
      if (n <= 0 || buf.size() > (1u << 20)) {
        ::close(fd);
        return;
      }
      buf.append(chunk, static_cast<std::size_t>(n));
    }
    ServerRequest req;
    std::istringstream head(buf.substr(0, head_end));
    buf.erase(0, head_end + 4);
    std::string line;
    std::getline(head, line);
    std::istringstream first(line);
    std::string version;
    first >> req.method >> req.target >> version;
    while (std::getline(head, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      auto colon = line.find(':');
      if (colon == std::string::npos) continue;
      std::string v = line.substr(colon + 1);
      v.erase(0, v.find_first_not_of(" \t"));
      req.headers.emplace_back(line.substr(0, colon), v);
    }
    std::string host = Lower(req.Header("Host"));
    req.host = host.substr(0, host.rfind(':') == std::string::npos || host.back() == ']'
                                  ? host.size()
                                  : host.rfind(':'));
    // Request bodies are not used by the crawler; skip any Content-Length worth.
    if (auto cl = req.Header("Content-Length"); !cl.empty()) {
      std::size_t n = std::strtoul(cl.c_str(), nullptr, 10);
      buf.erase(0, std::min(n, buf.size()));
    }
    ServerReply reply;
    handler_(req, reply);
    ++served_;
    if (reply.delay_ms > 0)
      std::this_thread::sleep_for(std::chrono::milliseconds(reply.delay_ms));
    if (reply.reset) {
      linger lg{1, 0};
      ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
      ::close(fd);
      return;
    }
    bool has_length = false;
    std::string out = "HTTP/1.1 " + std::to_string(reply.status) + " " + Reason(reply.status) + "\r\n";
    for (const auto& [k, v] : reply.headers) {
      if (Lower(k) == "content-length") has_length = true;
      out += k + ": " + v + "\r\n";
    }
    if (!has_length) out += "Content-Length: " + std::to_string(reply.body.size()) + "\r\n";
    out += "\r\n";
    if (req.method != "HEAD") out += reply.body;
    if (!SendAll(fd, out)) break;
    if (Lower(req.Header("Connection")) == "close") break;
  }
  ::close(fd);
}

LoopbackServer::Handler StaticSiteHandler(const std::string& root, int site_port,
                                          const std::shared_ptr<std::atomic<int>>& actual_port) {
  return [root, site_port, actual_port](const ServerRequest& req, ServerReply& reply) {
    std::string path = req.target.substr(0, req.target.find_first_of("?#"));
    bool bad = req.host.empty() || req.host.find("..") != std::string::npos ||
               req.host.find('/') != std::string::npos || path.find("..") != std::string::npos ||
               path.empty() || path[0] != '/';
    std::filesystem::path file = std::filesystem::path(root) / req.host / path.substr(1);
    std::error_code ec;
    if (!bad && std::filesystem::is_directory(file, ec)) file /= "index.html";
    std::ifstream in(file, std::ios::binary);
    if (bad || !in) {
      reply.status = 404;
      reply.headers.emplace_back("Content-Type", "text/html; charset=utf-8");
      reply.body = "<!doctype html><title>Not found</title><h1>404 Not Found</h1>";
      return;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    reply.body = ss.str();
    std::string ext = file.extension().string();
    std::string type = "application/octet-stream";
    if (ext == ".html" || ext == ".htm") type = "text/html";
    else if (ext == ".xml") type = "application/xml";
    else if (ext == ".rdf") type = "application/rdf+xml";
    else if (ext == ".txt") type = "text/plain; charset=utf-8";
    else if (ext == ".css") type = "text/css";
    else if (ext == ".gz") type = "application/gzip";
    reply.headers.emplace_back("Content-Type", type);
    int port = actual_port->load();
    if (port != site_port && ext != ".gz") {
      std::string from = ".localhost:" + std::to_string(site_port);
      std::string to = ".localhost:" + std::to_string(port);
      std::string& b = reply.body;
      for (std::size_t p = b.find(from); p != std::string::npos; p = b.find(from, p + to.size()))
        b.replace(p, from.size(), to);
    }
    auto mtime = std::filesystem::last_write_time(file, ec);
    (void)mtime;
  };
}

}  // namespace framescope::crawler
