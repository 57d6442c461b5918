// The frontend's built files, with the single-page-app fallback: a path that is no file gets
// index.html for a page load (a request that accepts HTML), never for a missing asset. Every
// answer carries the application's Content-Security-Policy. Without a frontend build, a small
// built-in page says the server is up.
#pragma once

#include <filesystem>
#include <optional>

#include "server/http/request.hpp"

namespace hindsight::server {

class StaticFiles {
 public:
  explicit StaticFiles(std::optional<std::filesystem::path> root);
  Response serve(const Request& request) const;

 private:
  std::optional<std::filesystem::path> root_;
};

std::string_view content_type_for(const std::filesystem::path& file);

}  // namespace hindsight::server
