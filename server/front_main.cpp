// hindsight: the one command people type. `anonymize` runs in this process, which loads only the
// anonymizer's libraries, so a short run starts in milliseconds rather than first loading the
// database and TLS client libraries; for every other subcommand this process becomes
// hindsight-server, found beside it (same process id, arguments and environment).
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string_view>
#include <system_error>

#include "server/cli/anonymize_cli.hpp"

int main(int argc, char** argv) {
  if (argc > 1 && std::string_view(argv[1]) == "anonymize")
    return hindsight::server::run_anonymize_cli(argc, argv);
  std::error_code error;
  auto self = std::filesystem::read_symlink("/proc/self/exe", error);
  auto server = self.parent_path() / "hindsight-server";
  if (!error) ::execv(server.c_str(), argv);
  std::fprintf(stderr, "hindsight: cannot run %s: %s\n", server.c_str(),
               error ? error.message().c_str() : std::strerror(errno));
  return 1;
}
