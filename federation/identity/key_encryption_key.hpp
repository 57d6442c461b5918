// Where the key that seals the instance's private keys comes from: the `key_encryption_key`
// setting (base64 of 32 bytes; servers sharing a database must share it), else a file in the
// data directory, made with fresh random bytes on first use and readable by its owner only.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "common/config/settings.hpp"

namespace hindsight::federation {

// 32 raw bytes. Throws common::UsageError for a configured value that is not base64 of 32 bytes.
std::string load_key_encryption_key(const std::optional<common::SettingValue>& configured,
                                    const std::filesystem::path& data_dir);

}  // namespace hindsight::federation
