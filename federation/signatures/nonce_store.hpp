// The nonces of signed federation requests (remembered by inbound/admission, in each request's
// own transaction) are kept only while a replay could still pass the time checks.
#pragma once

#include "common/db/transaction.hpp"

namespace hindsight::federation {

// Deletes nonces whose replays would be refused anyway; returns how many.
long long purge_expired_nonces(common::db::Transaction& tx);

}  // namespace hindsight::federation
