// Wires every component of `hindsight serve` once, in dependency order: reading the
// constructor shows the whole system.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "common/log/logger.hpp"
#include "server/config/server_config.hpp"
#include "server/http/router.hpp"

namespace hindsight::server {

class App {
 public:
  // Starts (or attaches to) the database, applies migrations, builds the routes.
  App(const ServerConfig& config, common::Logger& logger);
  ~App();

  // The password of the `admin` user made because the instance had no user yet.
  const std::optional<std::string>& first_admin_password() const;
  // Every route the server answers, for the OpenAPI and authorization tests.
  const Router& router() const;
  uint16_t listen();
  // Serves until stop() or SIGINT/SIGTERM; returns once every in-flight request is answered.
  void run(const std::function<void()>& on_listening);
  void stop();

 private:
  struct Components;
  std::unique_ptr<Components> components_;
};

}  // namespace hindsight::server
