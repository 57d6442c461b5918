// hindsight-server: the server and every command-line tool (`hindsight` becomes it;
// front_main.cpp).
#include "server/cli/commands.hpp"

int main(int argc, char** argv) {
  return hindsight::server::run_cli(argc, argv);
}
