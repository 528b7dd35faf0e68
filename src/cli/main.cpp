// `ppb`: the command-line program. Each command lives in its own file; this one dispatches.
#include <fmt/format.h>

#include <cstdio>
#include <vector>

#include "cli.hpp"

namespace {

auto commands() -> std::vector<ppb::cli::command> {
  return {ppb::cli::tally_command(),     ppb::cli::explain_command(),  ppb::cli::report_command(),
          ppb::cli::info_command(),      ppb::cli::election_command(), ppb::cli::proposals_command(),
          ppb::cli::roll_command(),      ppb::cli::iin_command(),      ppb::cli::keygen_command(),
          ppb::cli::credentials_command(), ppb::cli::cast_command(),   ppb::cli::paper_command(),  ppb::cli::box_command(),
          ppb::cli::log_command(),       ppb::cli::demo_command()};
}

void print_main_help() {
  fmt::print("ppb {} — participatory budgeting from proposal to verifiable result\n\n", PPB_VERSION_STRING);
  fmt::print("usage: ppb COMMAND [ARGS...]      ppb COMMAND --help for each command\n\ncommands:\n");
  for (const auto& c : commands()) fmt::print("  {:<10} {}\n", c.name, c.summary);
}

}  // namespace

auto main(int argc, char** argv) -> int {
  std::vector<std::string_view> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    print_main_help();
    return args.empty() ? ppb::cli::exit_usage : ppb::cli::exit_ok;
  }
  if (args[0] == "--version") {
    fmt::print("ppb {}\n", PPB_VERSION_STRING);
    return 0;
  }
  for (const auto& c : commands()) {
    if (c.name != args[0]) continue;
    const std::span<const std::string_view> rest(args.data() + 1, args.size() - 1);
    for (auto a : rest)
      if (a == "--help" || a == "-h") {
        fmt::print("{}", c.help);
        return ppb::cli::exit_ok;
      }
    try {
      return c.run(rest);
    } catch (const ppb::cli::usage& e) {
      fmt::print(stderr, "ppb {}: {} (see ppb {} --help)\n", c.name, e.what(), c.name);
      return ppb::cli::exit_usage;
    } catch (const ppb::usage_error& e) {
      fmt::print(stderr, "ppb {}: {}\n", c.name, e.what());
      return ppb::cli::exit_usage;
    } catch (const ppb::error& e) {
      fmt::print(stderr, "ppb {}: {}\n", c.name, e.what());
      return ppb::cli::exit_data;
    } catch (const std::exception& e) {
      fmt::print(stderr, "ppb {}: internal error: {}\n", c.name, e.what());
      return ppb::cli::exit_internal;
    }
  }
  fmt::print(stderr, "ppb: unknown command '{}' (see ppb --help)\n", args[0]);
  return ppb::cli::exit_usage;
}
