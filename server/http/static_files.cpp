#include "server/http/static_files.hpp"

#include <fstream>
#include <sstream>

#include "common/error/api_error.hpp"
#include "server/http/error_response.hpp"

namespace hindsight::server {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kPlaceholderPage = R"(<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Hindsight</title></head>
<body>
<main>
<h1>Hindsight</h1>
<p>The server is running. The web interface is not installed on this server yet;
the API is at <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</p>
</main>
</body>
</html>
)";

// The application's policy: its own scripts, styles, images and API only. Nothing inline, no
// other origin, no frames, no plugins.
constexpr std::string_view kFrontendPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; manifest-src 'self'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'; object-src 'none'";

// A page load asks for HTML; a script, stylesheet or fetch that missed its file must not get
// index.html back (it would run or parse the wrong thing), so only those fall back.
bool wants_html(const Request& request) {
  auto accept = request.header("accept");
  return !accept || accept->find("text/html") != std::string_view::npos;
}

Response with_policy(Response r, std::string_view cache_control) {
  r.with_header("Cache-Control", std::string(cache_control));
  r.with_header("Content-Security-Policy", std::string(kFrontendPolicy));
  return r;
}

std::optional<std::string> read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace

std::string_view content_type_for(const fs::path& file) {
  auto ext = file.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json" || ext == ".map") return "application/json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

StaticFiles::StaticFiles(std::optional<fs::path> root) {
  std::error_code ec;
  if (root && fs::is_directory(*root, ec)) root_ = fs::canonical(*root, ec);
}

Response StaticFiles::serve(const Request& request) const {
  if (request.method != "GET" && request.method != "HEAD")
    return with_policy(
        error_response(405, "method_not_allowed", request.method + " is not allowed here")
            .with_header("Allow", "GET, HEAD"),
        "no-cache");
  if (root_) {
    fs::path relative = fs::path(request.path).relative_path().lexically_normal();
    bool escapes = !relative.empty() && *relative.begin() == "..";
    bool in_assets =
        !escapes && relative.begin() != relative.end() && *relative.begin() == "assets";
    fs::path candidate = *root_ / relative;
    std::error_code ec;  // an unusable path (too long, unreadable) is simply not a file
    if (!escapes && !relative.empty() && fs::is_regular_file(candidate, ec)) {
      // Refuse anything a symlink leads outside the root.
      fs::path real = fs::canonical(candidate, ec);
      auto [root_end, _] = std::mismatch(root_->begin(), root_->end(), real.begin(), real.end());
      if (!ec && root_end == root_->end()) {
        if (auto body = read_file(real)) {
          // Vite puts content hashes in asset names, so they never change.
          return with_policy(
              Response::text(200, std::string(content_type_for(real)), std::move(*body)),
              in_assets ? "public, max-age=31536000, immutable" : "no-cache");
        }
      }
    }
    if (in_assets || !wants_html(request))
      return with_policy(Response::text(404, "text/plain; charset=utf-8", "not found\n"),
                         "no-cache");
    if (auto index = read_file(*root_ / "index.html"))
      return with_policy(Response::text(200, "text/html; charset=utf-8", std::move(*index)),
                         "no-cache");
  }
  return with_policy(Response::text(200, "text/html; charset=utf-8", std::string(kPlaceholderPage)),
                     "no-cache");
}

}  // namespace hindsight::server
