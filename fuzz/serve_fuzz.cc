// libFuzzer target: arbitrary bytes as an HTTP request to a real `storyloom
// serve` (cpp-httplib's request parser, the router, the API handlers and the
// JSON body reader) running in this process on loopback, over a store that
// the posted bodies fill. Each input is sent on a fresh connection, and the
// answer is read to its end. The server
// must never crash, and must answer every input that holds a request line
// with a status line. Inputs that start with "J" are sent as the body of a
// POST /api/documents instead, to reach the JSON reader more often.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>

#include "storyloom/server.h"
#include "storyloom/resources.h"

namespace {

struct Running {
  std::unique_ptr<storyloom::Server> server;
  std::thread thread;
  int port = 0;
};

Running& Instance() {
  static Running* r = [] {
    auto* out = new Running;
    std::string dir = std::filesystem::temp_directory_path() / ("storyloom-serve-fuzz-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    storyloom::ServeOptions options;
    options.store_path = dir + "/fuzz.db";
    options.port = 0;
    options.threads = 4;
    options.limits.max_body = 1 << 20;
    auto server = storyloom::Server::Create(options, storyloom::FindResources("", ""));
    if (!server) {
      std::fprintf(stderr, "serve_fuzz: %s\n", server.error().message().c_str());
      std::abort();
    }
    out->server = std::move(*server);
    out->port = out->server->port();
    out->thread = std::thread([s = out->server.get()] { (void)s->Run(); });
    return out;
  }();
  return *r;
}

// Sends a request and reads the answer to its end. A raw input may be no
// whole request: the writing side is then shut so the server sees its end
// (cpp-httplib drops the answer to a client that has half-closed, so a
// whole request keeps it open and asks for Connection: close instead).
std::string Exchange(int port, const std::string& request, bool half_close) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) std::abort();
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  for (int tries = 0; ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0; ++tries) {
    if (tries > 200) std::abort();  // the server is gone
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  timeval tv{120, 0};  // a first POST builds the story stage; sanitizers slow it
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  size_t sent = 0;
  while (sent < request.size()) {
    ssize_t n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<size_t>(n);
  }
  if (half_close) ::shutdown(fd, SHUT_WR);
  std::string answer;
  char buf[4096];
  ssize_t n;
  while ((n = ::recv(fd, buf, sizeof buf, 0)) > 0) answer.append(buf, static_cast<size_t>(n));
  if (n < 0) std::fprintf(stderr, "serve_fuzz: reading the answer: %s\n", std::strerror(errno));
  ::close(fd);
  return answer;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Running& r = Instance();
  std::string bytes(reinterpret_cast<const char*>(data), size);
  std::string request;
  bool well_formed = false;
  if (!bytes.empty() && bytes[0] == 'J') {
    std::string body = bytes.substr(1);
    request = "POST /api/documents HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " +
              std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
    well_formed = true;
  } else {
    request = bytes;
  }
  std::string answer = Exchange(r.port, request, /*half_close=*/!well_formed);
  // A request we know is whole must be answered.
  if (well_formed && answer.rfind("HTTP/1.1 ", 0) != 0) {
    std::fprintf(stderr, "serve_fuzz: no answer to a whole request (%zu bytes back)\n", answer.size());
    std::abort();
  }
  return 0;
}
