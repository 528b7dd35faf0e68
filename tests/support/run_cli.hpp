// Runs the built `ppb` program as a user or a script would, capturing exit status, stdout and
// stderr. Shared by every test that drives the command line.
#ifndef PPB_TESTS_RUN_CLI_HPP
#define PPB_TESTS_RUN_CLI_HPP

#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

namespace support {

struct run_result {
  int status = -1;  ///< exit status, or -1 if the program did not exit normally
  std::string out, err;
};

/// Runs `ppb ARGS` through the shell (ARGS may hold redirections and quotes).
inline auto run_ppb(const std::string& args) -> run_result {
  static std::atomic<int> calls{0};
  const std::string err_file =
      "/tmp/ppb_test_stderr_" + std::to_string(::getpid()) + "_" + std::to_string(calls.fetch_add(1));
  const std::string cmd = std::string(PPB_CLI) + " " + args + " 2>" + err_file;
  run_result r;
  FILE* pipe = ::popen(cmd.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) r.out.append(buf, n);
  const int raw = ::pclose(pipe);
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  std::ifstream e(err_file);
  r.err.assign(std::istreambuf_iterator<char>(e), {});
  std::remove(err_file.c_str());
  return r;
}

}  // namespace support

#endif
