#include "cli.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>

namespace ppb::cli {

args::args(std::span<const std::string_view> argv, std::vector<std::string_view> flags,
           std::vector<std::string_view> valued) {
  const auto known = [](const std::vector<std::string_view>& list, std::string_view k) {
    return std::find(list.begin(), list.end(), k) != list.end();
  };
  for (std::size_t i = 0; i < argv.size(); ++i) {
    std::string_view a = argv[i];
    if (!a.starts_with("--") || a == "--") {
      positional_.emplace_back(a);
      continue;
    }
    std::string key(a), val;
    bool has_val = false;
    if (const auto eq = a.find('='); eq != std::string_view::npos) {
      key = std::string(a.substr(0, eq));
      val = std::string(a.substr(eq + 1));
      has_val = true;
    }
    if (known(flags, key)) {
      if (has_val) throw usage(fmt::format("option {} takes no value", key));
      ++flags_[key];
    } else if (known(valued, key)) {
      if (!has_val) {
        if (i + 1 >= argv.size()) throw usage(fmt::format("option {} needs a value", key));
        val = std::string(argv[++i]);
      }
      values_[key] = val;
    } else {
      throw usage(fmt::format("unknown option {}", key));
    }
  }
}

auto args::value(std::string_view key) const -> std::optional<std::string> {
  const auto it = values_.find(std::string(key));
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

auto load_pabulib(const std::string& path, bool strict, bool quiet) -> election {
  read_options opts;
  opts.limits = strict ? limit_policy::enforce : limit_policy::report;
  const bool tty = isatty(STDERR_FILENO) != 0 && !quiet;
  bool drew = false;
  if (tty)
    opts.progress = [&](std::uint64_t done, std::uint64_t total) {
      if (total < (16U << 20)) return;  // small files read faster than a bar can be seen
      const int width = 40;
      const auto filled = static_cast<int>(static_cast<double>(done) / static_cast<double>(total) * width);
      fmt::print(stderr, "\rreading {} [{:<{}}] {:3d}%", path, std::string(static_cast<std::size_t>(std::min(filled, width)), '#'),
                 width, static_cast<int>(100.0 * static_cast<double>(done) / static_cast<double>(total)));
      drew = true;
    };
  auto e = io::read_pabulib(path, opts);
  if (drew) fmt::print(stderr, "\r\033[K");
  if (!quiet) {
    const std::size_t shown = 5;
    for (std::size_t i = 0; i < e.warnings.size() && i < shown; ++i)
      fmt::print(stderr, "ppb: warning: {}:{}: {}\n", e.warnings[i].file, e.warnings[i].line, e.warnings[i].reason);
    if (e.warnings.size() > shown)
      fmt::print(stderr, "ppb: warning: {} more ballots break the ballot rules; they are counted (use --strict to refuse the file)\n",
                 e.warnings.size() - shown);
    else if (!e.warnings.empty())
      fmt::print(stderr, "ppb: warning: these ballots are counted as cast (use --strict to refuse the file)\n");
  }
  return e;
}

}  // namespace ppb::cli
