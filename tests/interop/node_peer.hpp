// The node process that runs tests/interop/peer.mjs: one JSON object per line each way, one
// answer per request, in order. It stands for an independent implementation of the standards
// the federation protocol uses; see peer.mjs for the npm packages behind each operation.
#pragma once

#include <sys/types.h>

#include <nlohmann/json.hpp>
#include <string>

namespace hindsight::test {

class NodePeer {
 public:
  // Starts the peer with `node` from PATH, or the binary HINDSIGHT_NODE names, and checks that
  // it answers. Throws std::runtime_error saying what is missing (node, or the packages that
  // `npm ci --prefix tests/interop` installs) when it cannot.
  NodePeer();
  ~NodePeer();
  NodePeer(const NodePeer&) = delete;
  NodePeer& operator=(const NodePeer&) = delete;

  // Sends one request and returns its answer. Throws std::runtime_error, with the peer's stderr,
  // when the peer exits, does not answer within a minute, or answers with {"failure": ...}.
  nlohmann::json call(const nlohmann::json& request);

  // The peer's node version and the versions of the packages it loaded.
  const nlohmann::json& versions() const { return versions_; }

 private:
  std::string stderr_text() const;
  [[noreturn]] void fail(const std::string& what) const;

  pid_t pid_ = -1;
  int to_peer_ = -1;
  int from_peer_ = -1;
  std::string stderr_path_;
  std::string pending_;  // bytes read past the last answer's line end
  nlohmann::json versions_;
};

}  // namespace hindsight::test
