// A fresh, empty directory under the system's temporary directory, removed with everything in it
// when the object goes. Shared by every test that writes files.
#ifndef PPB_TESTS_TEMP_DIR_HPP
#define PPB_TESTS_TEMP_DIR_HPP

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
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

/// Flips the lowest bit of the byte at `offset` of file `p` (tamper tests; twice restores it).
inline void flip_byte(const std::filesystem::path& p, std::uintmax_t offset) {
  std::fstream f(p, std::ios::in | std::ios::out | std::ios::binary);
  f.seekg(static_cast<std::streamoff>(offset));
  char c = 0;
  f.get(c);
  f.seekp(static_cast<std::streamoff>(offset));
  f.put(static_cast<char>(c ^ 0x01));
}

}  // namespace support

#endif
