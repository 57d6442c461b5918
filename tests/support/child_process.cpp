#include "tests/support/child_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <system_error>
#include <thread>

#include "tests/support/test_tls.hpp"

namespace hindsight::test {
namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// fork + exec of the binary; stdin from in_path (or /dev/null), stdout to out_path, stderr to
// err_fd (a pipe) or err_path.
pid_t spawn(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
            const std::string& in_path, const std::string& out_path, int err_fd,
            const std::string& err_path) {
  std::vector<std::string> argv = {HINDSIGHT_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    int in = ::open(in_path.empty() ? "/dev/null" : in_path.c_str(), O_RDONLY);
    int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = err_fd >= 0 ? err_fd : ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    // Nothing else of the test's is inherited (a lock held by the test runner, sockets), and a
    // test that dies takes its servers with it rather than leaving them running.
    close_range(3, ~0U, 0);
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    for (const auto& [k, v] : env)
      setenv(k.c_str(), v.c_str(), 1);
    std::vector<char*> raw;
    for (auto& a : argv)
      raw.push_back(a.data());
    raw.push_back(nullptr);
    execv(raw[0], raw.data());
    _exit(127);
  }
  return pid;
}

}  // namespace

ScriptResult run_script(const std::string& command) {
  ScriptResult result;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[4096];
  while (std::size_t n = fread(buffer, 1, sizeof buffer, pipe))
    result.output.append(buffer, n);
  int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

std::string shell_quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text)
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

CommandResult run_hindsight(const std::vector<std::string>& args, const std::string& input,
                            const std::map<std::string, std::string>& env) {
  auto dir = make_temp_dir("hindsight-cmd");
  std::string in_path = (dir / "in").string(), out_path = (dir / "out").string(),
              err_path = (dir / "err").string();
  std::ofstream(in_path) << input;
  pid_t pid = spawn(args, env, in_path, out_path, -1, err_path);
  int status = 0;
  waitpid(pid, &status, 0);
  CommandResult result{WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(out_path),
                       slurp(err_path)};
  std::filesystem::remove_all(dir);
  return result;
}

ServerProcess::ServerProcess(const std::vector<std::string>& args,
                             const std::map<std::string, std::string>& env) {
  int fds[2];
  if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
  out_path_ = (make_temp_dir("hindsight-proc") / "stdout").string();
  pid_ = spawn(args, env, "", out_path_, fds[1], "");
  close(fds[1]);
  err_fd_ = fds[0];
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  if (err_fd_ >= 0) close(err_fd_);
  std::error_code ignored;
  std::filesystem::remove_all(std::filesystem::path(out_path_).parent_path(), ignored);
}

uint16_t ServerProcess::wait_listening(std::chrono::seconds timeout) {
  static const std::regex kListening(R"(listening on https://[^\s]+:(\d+))");
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    std::smatch m;
    if (std::regex_search(err_, m, kListening)) return static_cast<uint16_t>(std::stoi(m[1]));
    pollfd p{err_fd_, POLLIN, 0};
    if (poll(&p, 1, 200) > 0) {
      char buffer[4096];
      ssize_t n = read(err_fd_, buffer, sizeof buffer);
      if (n > 0) err_.append(buffer, static_cast<std::size_t>(n));
      if (n == 0) throw std::runtime_error("server exited before listening: " + err_);
    }
  }
  throw std::runtime_error("server did not start listening in time: " + err_);
}

void ServerProcess::signal(int sig) {
  kill(pid_, sig);
}

int ServerProcess::wait_exit(std::chrono::seconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      char buffer[4096];
      ssize_t n;
      while ((n = read(err_fd_, buffer, sizeof buffer)) > 0)
        err_.append(buffer, static_cast<std::size_t>(n));
      return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return -1;
}

std::string ServerProcess::stdout_text() const {
  return slurp(out_path_);
}

}  // namespace hindsight::test
