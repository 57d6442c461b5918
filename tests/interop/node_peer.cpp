#include "tests/interop/node_peer.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace hindsight::test {
namespace {

constexpr auto kAnswerTimeout = std::chrono::seconds(60);

const char* node_binary() {
  const char* chosen = std::getenv("HINDSIGHT_NODE");
  return chosen != nullptr && *chosen != '\0' ? chosen : "node";
}

void write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0)
      throw std::runtime_error(std::string("writing to the peer: ") + std::strerror(errno));
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

}  // namespace

NodePeer::NodePeer() {
  // A peer that died must show up as an error from write(), not end this process.
  ::signal(SIGPIPE, SIG_IGN);
  char path[] = "/tmp/hindsight-interop-stderr-XXXXXX";
  int err = ::mkstemp(path);
  if (err < 0) throw std::runtime_error("mkstemp failed");
  stderr_path_ = path;
  int in[2], out[2];
  if (::pipe2(in, O_CLOEXEC) != 0 || ::pipe2(out, O_CLOEXEC) != 0)
    throw std::runtime_error("pipe failed");
  std::string node = node_binary();
  std::vector<std::string> argv = {node, HINDSIGHT_INTEROP_PEER};
  const std::string cannot_run = "cannot run '" + node + "': ";  // built before fork
  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    ::dup2(in[0], 0);
    ::dup2(out[1], 1);
    ::dup2(err, 2);
    std::vector<char*> raw;
    for (auto& a : argv)
      raw.push_back(a.data());
    raw.push_back(nullptr);
    ::execvp(raw[0], raw.data());
    const char* why = std::strerror(errno);
    (void)!::write(2, cannot_run.data(), cannot_run.size());
    (void)!::write(2, why, std::strlen(why));
    (void)!::write(2, "\n", 1);
    ::_exit(127);
  }
  ::close(err);
  ::close(in[0]);
  ::close(out[1]);
  to_peer_ = in[1];
  from_peer_ = out[0];
  versions_ = call({{"op", "hello"}});
}

NodePeer::~NodePeer() {
  if (to_peer_ >= 0) ::close(to_peer_);  // end of input: the peer exits by itself
  if (pid_ > 0) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (::waitpid(pid_, nullptr, WNOHANG) == 0) {
      if (std::chrono::steady_clock::now() > deadline) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
        break;
      }
      ::usleep(10'000);
    }
  }
  if (from_peer_ >= 0) ::close(from_peer_);
  if (!stderr_path_.empty()) ::unlink(stderr_path_.c_str());
}

std::string NodePeer::stderr_text() const {
  std::ifstream in(stderr_path_);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void NodePeer::fail(const std::string& what) const {
  throw std::runtime_error(
      "the interop peer (" + std::string(node_binary()) + " " + HINDSIGHT_INTEROP_PEER + ") " +
      what + "; its stderr:\n" + stderr_text() +
      "\nIt needs node 18 or later and its packages: run deploy/test.sh, which installs both, "
      "or `npm ci --prefix tests/interop` (HINDSIGHT_NODE names another node binary).");
}

nlohmann::json NodePeer::call(const nlohmann::json& request) {
  try {
    write_all(to_peer_, request.dump() + "\n");
  } catch (const std::exception& e) {
    fail(std::string("could not be sent a request (") + e.what() + ")");
  }
  auto deadline = std::chrono::steady_clock::now() + kAnswerTimeout;
  std::size_t end;
  while ((end = pending_.find('\n')) == std::string::npos) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) fail("did not answer within a minute");
    pollfd ready{from_peer_, POLLIN, 0};
    int polled = ::poll(&ready, 1, static_cast<int>(left.count()));
    if (polled < 0 && errno == EINTR) continue;
    if (polled <= 0) continue;
    char buffer[65536];
    ssize_t n = ::read(from_peer_, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) fail("exited before answering");
    pending_.append(buffer, static_cast<std::size_t>(n));
  }
  std::string line = pending_.substr(0, end);
  pending_.erase(0, end + 1);
  nlohmann::json answer = nlohmann::json::parse(line);
  if (answer.contains("failure"))
    fail("failed on " + request.value("op", std::string("?")) + ": " +
         answer["failure"].get<std::string>());
  return answer;
}

}  // namespace hindsight::test
