// A fresh, empty directory under the system's temporary directory, removed with everything in it
// when the object goes. Shared by every test that writes files.
#ifndef PPB_TESTS_TEMP_DIR_HPP
#define PPB_TESTS_TEMP_DIR_HPP

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <random>
#include <string>

namespace support {

struct temp_dir {
  std::filesystem::path path;
  temp_dir() {
    static std::atomic<int> counter{0};
    std::random_device rd;
    path = std::filesystem::temp_directory_path() /
           ("ppb-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" + std::to_string(rd()));
    std::filesystem::create_directories(path);
  }
  ~temp_dir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  temp_dir(const temp_dir&) = delete;
  auto operator=(const temp_dir&) -> temp_dir& = delete;
  /// The path of `name` inside the directory, as text (it joins command lines and converts to a path).
  [[nodiscard]] auto operator/(const std::string& name) const -> std::string { return (path / name).string(); }
};

}  // namespace support

#endif
