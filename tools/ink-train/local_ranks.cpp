// Starts and watches the local ranks. Signals to the launcher (Ctrl-C, a scheduler's SIGTERM) are
// passed on to every rank, which checkpoints and exits as a single process would.
#include "local_ranks.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "ink/base/error.h"

namespace ink::train_tool {
namespace {

constexpr int kMaxRanks = 256;
volatile sig_atomic_t g_rank_count = 0;
pid_t g_ranks[kMaxRanks];

extern "C" void pass_on(int signal) {
  for (int r = 0; r < g_rank_count; ++r)
    if (g_ranks[r] > 0) ::kill(g_ranks[r], signal);
}

// A port no one listens on now, for the ranks' rendezvous on loopback.
int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw InkError(std::string("--nproc: cannot open a socket: ") + std::strerror(errno));
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  const bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
                  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0;
  ::close(fd);
  if (!ok) throw InkError(std::string("--nproc: cannot find a free port on 127.0.0.1: ") + std::strerror(errno));
  return ntohs(address.sin_port);
}

std::string describe(int status) {
  if (WIFSIGNALED(status)) {
    const int signal = WTERMSIG(status);
    return std::string("was killed by signal ") + std::to_string(signal) + " (" + strsignal(signal) + ")";
  }
  return "exited with code " + std::to_string(WEXITSTATUS(status));
}

}  // namespace

int run_local_ranks(char** argv, int nproc, int grace_seconds) {
  if (nproc < 1 || nproc > kMaxRanks) throw InkError("--nproc: expected 1 to " + std::to_string(kMaxRanks) + " ranks");
  if (std::getenv("WORLD_SIZE") != nullptr)
    throw InkError("--nproc starts the ranks itself; it cannot be used inside a rank (WORLD_SIZE is set)");
  const char* port_variable = std::getenv("MASTER_PORT");
  const std::string port = port_variable != nullptr ? port_variable : std::to_string(free_port());
  const char* addr_variable = std::getenv("MASTER_ADDR");
  const std::string addr = addr_variable != nullptr ? addr_variable : "127.0.0.1";

  struct sigaction action {};
  action.sa_handler = pass_on;
  sigemptyset(&action.sa_mask);
  ::sigaction(SIGINT, &action, nullptr);
  ::sigaction(SIGTERM, &action, nullptr);
  std::fflush(nullptr);
  for (int rank = 0; rank < nproc; ++rank) {
    const pid_t child = ::fork();
    if (child < 0) {
      pass_on(SIGTERM);
      throw InkError(std::string("--nproc: cannot start rank ") + std::to_string(rank) + ": " + std::strerror(errno));
    }
    if (child == 0) {
      ::setenv("RANK", std::to_string(rank).c_str(), 1);
      ::setenv("LOCAL_RANK", std::to_string(rank).c_str(), 1);
      ::setenv("WORLD_SIZE", std::to_string(nproc).c_str(), 1);
      ::setenv("LOCAL_WORLD_SIZE", std::to_string(nproc).c_str(), 1);
      ::setenv("MASTER_ADDR", addr.c_str(), 1);
      ::setenv("MASTER_PORT", port.c_str(), 1);
      ::signal(SIGINT, SIG_DFL);
      ::signal(SIGTERM, SIG_DFL);
      ::execv("/proc/self/exe", argv);
      std::fprintf(stderr, "ink-train: rank %d: cannot start: %s\n", rank, std::strerror(errno));
      std::_Exit(127);
    }
    g_ranks[rank] = child;
    g_rank_count = rank + 1;
  }

  // Wait for every rank. The first that fails is the cause; the others get `grace_seconds` to
  // notice (a closed socket ends their collective at once), then SIGTERM, then SIGKILL.
  int result = 0, running = nproc;
  std::string cause;
  auto failed_at = std::chrono::steady_clock::time_point::max();
  bool terminated = false, killed = false;
  while (running > 0) {
    int status = 0;
    const pid_t done = ::waitpid(-1, &status, WNOHANG);
    if (done < 0 && errno != EINTR) break;
    if (done <= 0) {
      const auto waited = std::chrono::steady_clock::now() - failed_at;
      if (!terminated && failed_at != std::chrono::steady_clock::time_point::max() && waited > std::chrono::seconds(grace_seconds)) {
        pass_on(SIGTERM);
        terminated = true;
      } else if (terminated && !killed && waited > std::chrono::seconds(grace_seconds + 10)) {
        pass_on(SIGKILL);
        killed = true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      continue;
    }
    --running;
    int rank = 0;
    while (rank < nproc && g_ranks[rank] != done) ++rank;
    if (rank < nproc) g_ranks[rank] = 0;
    const bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (ok || result != 0) continue;
    result = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    // A rank that exits 130 was interrupted and has checkpointed: not a failure to report.
    if (result != 130) {
      cause = "rank " + std::to_string(rank) + " " + describe(status);
      failed_at = std::chrono::steady_clock::now();
    }
  }
  if (!cause.empty()) std::fprintf(stderr, "ink-train: %s; the run stopped%s\n", cause.c_str(), terminated ? " (the other ranks were stopped)" : "");
  return result;
}

}  // namespace ink::train_tool
