#include <fmt/format.h>

#include <cstdio>

#include "server/app.hpp"
#include "server/cli/commands.hpp"
#include "server/config/server_config.hpp"

namespace hindsight::server {

int serve_command(const common::Settings& settings) {
  ServerConfig config = load_server_config(settings);
  common::Logger logger(stdout, config.log_level);
  App app(config, logger);
  uint16_t port = app.listen();
  ListenAddress bound{config.listen.host, port};
  app.run([&] {
    logger.info("listening", {{"address", bound.to_string()}, {"public_url", config.public_url}});
    // Lines for the person at the terminal go to stderr, never into the JSON log. The
    // "listening on" line comes last: whoever waits for it has seen everything before it.
    if (const auto& password = app.first_admin_password()) {
      std::fprintf(stderr,
                   "First start: sign in at %s as 'admin' with password %s\n"
                   "(shown only this once; change it after signing in)\n",
                   config.public_url.c_str(), password->c_str());
    }
    std::fprintf(stderr, "listening on https://%s\n", bound.to_string().c_str());
    std::fflush(stderr);
  });
  logger.info("stopped");
  return 0;
}

}  // namespace hindsight::server
