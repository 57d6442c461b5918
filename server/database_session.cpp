#include "server/database_session.hpp"

namespace hindsight::server {

DatabaseSession::DatabaseSession(const DatabaseTarget& target) {
  if (target.conninfo) {
    conninfo_ = *target.conninfo;
    return;
  }
  embedded_ = std::make_unique<common::EmbeddedPostgres>(target.data_dir);
  embedded_->acquire();
  conninfo_ = embedded_->conninfo();
}

}  // namespace hindsight::server
