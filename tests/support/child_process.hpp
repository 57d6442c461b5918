// A `hindsight` process started by a test: its stderr is read until the "listening on" line
// (the contract's signal that it accepts connections), and it can be signalled and awaited.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace hindsight::test {

struct CommandResult {
  int exit_code;
  std::string out;
  std::string err;
};

// Runs the hindsight binary to completion with `input` on stdin and extra environment.
CommandResult run_hindsight(const std::vector<std::string>& args, const std::string& input = {},
                            const std::map<std::string, std::string>& env = {});

// A shell command's exit code and its stdout and stderr together.
struct ScriptResult {
  int exit_code = -1;
  std::string output;
};

// Runs `command` with /bin/sh to completion (stderr joined to stdout).
ScriptResult run_script(const std::string& command);

// `text` in single quotes for /bin/sh.
std::string shell_quoted(const std::string& text);

class ServerProcess {
 public:
  ServerProcess(const std::vector<std::string>& args,
                const std::map<std::string, std::string>& env = {});
  ~ServerProcess();  // SIGKILL if still running

  // Waits for "listening on https://HOST:PORT" and returns the port; throws on timeout/exit.
  uint16_t wait_listening(std::chrono::seconds timeout = std::chrono::seconds(60));
  void signal(int sig);
  // Exit code, or -1 when it had to be killed after the timeout.
  int wait_exit(std::chrono::seconds timeout = std::chrono::seconds(60));
  const std::string& stderr_text() const { return err_; }
  std::string stdout_text() const;

 private:
  pid_t pid_ = -1;
  int err_fd_ = -1;
  std::string out_path_;
  std::string err_;
};

}  // namespace hindsight::test
