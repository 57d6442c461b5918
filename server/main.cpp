// hindsight: the server and its command-line tools.
#include "server/cli/commands.hpp"

int main(int argc, char** argv) {
  return hindsight::server::run_cli(argc, argv);
}
