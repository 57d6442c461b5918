#include "common/db/embedded_postgres.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <pqxx/pqxx>
#include <stdexcept>

#include "common/crypto/digest.hpp"
#include "common/crypto/encoding.hpp"

namespace hindsight::common {
namespace fs = std::filesystem;
namespace {

constexpr const char* kSuperuser = "hindsight";
constexpr const char* kSocketName = ".s.PGSQL.5432";

// Holds a flock for its lifetime.
class FileLock {
 public:
  FileLock(const fs::path& path, int operation) {
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd_ < 0)
      throw std::runtime_error(fmt::format("open {}: {}", path.string(), strerror(errno)));
    while (::flock(fd_, operation) != 0) {
      if (errno != EINTR) {
        ::close(fd_);
        throw std::runtime_error(fmt::format("lock {}: {}", path.string(), strerror(errno)));
      }
    }
  }
  ~FileLock() { ::close(fd_); }
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int fd_ = -1;
};

fs::path find_bin_dir() {
  if (const char* dir = std::getenv("HINDSIGHT_PG_BINDIR"); dir && *dir) return dir;
  for (const char* candidate :
       {"/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/17/bin"}) {
    if (fs::exists(fs::path(candidate) / "pg_ctl")) return candidate;
  }
  return {};  // fall back to PATH
}

void make_private_dir(const fs::path& dir, const std::optional<SystemUser>& owner) {
  fs::create_directories(dir);
  uid_t uid = owner ? owner->uid : geteuid();
  gid_t gid = owner ? owner->gid : getegid();
  struct stat st {};
  if (::lstat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
    throw std::runtime_error(fmt::format("{} is not a directory", dir.string()));
  if (owner && st.st_uid != uid && st.st_uid == geteuid()) {
    if (::chown(dir.c_str(), uid, gid) != 0)
      throw std::runtime_error(fmt::format("chown {}: {}", dir.string(), strerror(errno)));
  } else if (st.st_uid != uid) {
    // Someone else made it first (a squatted /tmp path): never use it.
    throw std::runtime_error(fmt::format(
        "{} belongs to another user; remove it or choose another data directory", dir.string()));
  }
  ::chmod(dir.c_str(), 0700);
}

}  // namespace

fs::path embedded_socket_dir(const fs::path& absolute_data_dir) {
  fs::path preferred = absolute_data_dir / "run";
  if ((preferred / kSocketName).string().size() < 100) return preferred;
  std::string digest = crypto::hex_encode(crypto::sha256(absolute_data_dir.string()));
  return fs::path("/tmp") / ("hindsight-pg-" + digest.substr(0, 16));
}

std::string conninfo_quote(const std::string& value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

EmbeddedPostgres::EmbeddedPostgres(fs::path data_dir) {
  fs::create_directories(data_dir);
  data_dir_ = fs::canonical(data_dir);
  cluster_dir_ = data_dir_ / "pg";
  socket_dir_ = embedded_socket_dir(data_dir_);
  bin_dir_ = find_bin_dir();
  if (geteuid() == 0) {
    // initdb refuses to run as root.
    run_as_ = find_system_user("postgres");
    if (!run_as_)
      throw std::runtime_error(
          "running as root needs the 'postgres' system user for the embedded database "
          "(apt-get install postgresql)");
  }
}

EmbeddedPostgres::~EmbeddedPostgres() {
  try {
    release();
  } catch (...) {
    // A destructor cannot report; the cluster stays up and the next user reuses it.
  }
}

ProcessResult EmbeddedPostgres::pg_tool(const std::string& tool,
                                        std::vector<std::string> args) const {
  std::vector<std::string> argv{bin_dir_.empty() ? tool : (bin_dir_ / tool).string()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv, ProcessOptions{run_as_, cluster_dir_.string()});
}

namespace {

// PostgreSQL's defaults (128 MB of buffers) suit a shared machine, not a database that the
// server owns: searching 100,000 postmortems touches a few hundred MB of rows. An eighth of
// the memory (128 MB to 2 GB) for buffers, half of it as the planner's idea of the cache.
std::string memory_options() {
  long pages = sysconf(_SC_PHYS_PAGES);
  long page_size = sysconf(_SC_PAGE_SIZE);
  if (pages <= 0 || page_size <= 0) return {};
  long long total_mb = static_cast<long long>(pages) * page_size / (1024 * 1024);
  long long buffers_mb = std::clamp(total_mb / 8, 128LL, 2048LL);
  return fmt::format("-c shared_buffers={}MB -c effective_cache_size={}MB", buffers_mb,
                     std::max(total_mb / 2, buffers_mb));
}

}  // namespace

void EmbeddedPostgres::initialize_if_needed() {
  make_private_dir(cluster_dir_, run_as_);
  make_private_dir(socket_dir_, run_as_);
  if (fs::exists(cluster_dir_ / "PG_VERSION")) return;
  auto result = pg_tool("initdb", {"-D", cluster_dir_.string(), "-U", kSuperuser, "--auth=trust",
                                   "--encoding=UTF8", "--locale=C.UTF-8", "--no-instructions"});
  if (result.exit_code != 0) throw std::runtime_error("initdb failed: " + result.output);
}

bool EmbeddedPostgres::running() const {
  if (!fs::exists(cluster_dir_ / "PG_VERSION")) return false;
  return pg_tool("pg_ctl", {"status", "-D", cluster_dir_.string()}).exit_code == 0;
}

void EmbeddedPostgres::start_locked() {
  if (running()) return;
  // No TCP listener; the socket directory is private to the cluster's owner (and root).
  std::string options = fmt::format(
      "-c listen_addresses='' -c unix_socket_directories='{}' -c unix_socket_permissions=0700 {}",
      socket_dir_.string(), memory_options());
  auto result = pg_tool("pg_ctl", {"start", "-D", cluster_dir_.string(), "-w", "-t", "120", "-l",
                                   (cluster_dir_ / "server.log").string(), "-o", options});
  if (result.exit_code != 0) throw std::runtime_error("pg_ctl start failed: " + result.output);
}

void EmbeddedPostgres::create_database_if_missing() {
  pqxx::connection conn(conninfo("postgres"));
  pqxx::nontransaction tx(conn);
  auto exists = tx.exec_params("SELECT 1 FROM pg_database WHERE datname = $1", "hindsight");
  if (exists.empty()) tx.exec("CREATE DATABASE hindsight");
}

void EmbeddedPostgres::acquire() {
  if (users_lock_fd_ >= 0) return;
  FileLock start_lock(data_dir_ / "pg-start.lock", LOCK_EX);
  initialize_if_needed();
  start_locked();
  create_database_if_missing();
  users_lock_fd_ =
      ::open((data_dir_ / "pg-users.lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (users_lock_fd_ < 0 || ::flock(users_lock_fd_, LOCK_SH) != 0)
    throw std::runtime_error(fmt::format("lock pg-users.lock: {}", strerror(errno)));
}

void EmbeddedPostgres::detach() {
  if (users_lock_fd_ < 0) return;
  ::close(users_lock_fd_);
  users_lock_fd_ = -1;
}

void EmbeddedPostgres::release() {
  if (users_lock_fd_ < 0) return;
  FileLock start_lock(data_dir_ / "pg-start.lock", LOCK_EX);
  // Converting our shared lock to exclusive succeeds only when no other process holds one.
  bool last_user = ::flock(users_lock_fd_, LOCK_EX | LOCK_NB) == 0;
  if (last_user) {
    auto result = pg_tool("pg_ctl", {"stop", "-D", cluster_dir_.string(), "-m", "fast", "-w"});
    (void)result;  // already stopped (by an operator) is fine
  }
  detach();
}

void EmbeddedPostgres::stop() {
  FileLock start_lock(data_dir_ / "pg-start.lock", LOCK_EX);
  auto result = pg_tool("pg_ctl", {"stop", "-D", cluster_dir_.string(), "-m", "fast", "-w"});
  if (result.exit_code != 0 && running())
    throw std::runtime_error("pg_ctl stop failed: " + result.output);
}

void EmbeddedPostgres::start() {
  FileLock start_lock(data_dir_ / "pg-start.lock", LOCK_EX);
  initialize_if_needed();
  start_locked();
}

std::string EmbeddedPostgres::conninfo(const std::string& database) const {
  return fmt::format("host={} user={} dbname={} connect_timeout=5",
                     conninfo_quote(socket_dir_.string()), kSuperuser, conninfo_quote(database));
}

}  // namespace hindsight::common
