// The server's certificate: the configured --tls-cert/--tls-key, or a self-signed one made
// into <data-dir>/tls at first start and reused after.
#pragma once

#include "common/log/logger.hpp"
#include "server/config/server_config.hpp"
#include "server/http/https_server.hpp"

namespace hindsight::server {

TlsFiles resolve_tls_files(const ServerConfig& config, common::Logger& logger);

}  // namespace hindsight::server
