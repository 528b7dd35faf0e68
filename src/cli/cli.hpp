// Shared pieces of the `ppb` command-line program: argument parsing, errors, loading files.
#ifndef PPB_CLI_CLI_HPP
#define PPB_CLI_CLI_HPP

#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ppb/ppb.hpp"

namespace ppb::cli {

/// Exit codes: 0 success, 1 bad input data, 2 bad command line, 3 internal failure.
inline constexpr int exit_ok = 0, exit_data = 1, exit_usage = 2, exit_internal = 3;

/// Thrown for a bad command line; main prints it with the command's usage hint.
struct usage : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// `--flag`, `--key VALUE` / `--key=VALUE` and positional arguments, checked against a spec.
class args {
 public:
  /// `flags`: options without value; `valued`: options that take one.
  args(std::span<const std::string_view> argv, std::vector<std::string_view> flags,
       std::vector<std::string_view> valued);
  [[nodiscard]] auto has(std::string_view flag) const -> bool { return flags_.count(std::string(flag)) > 0; }
  [[nodiscard]] auto value(std::string_view key) const -> std::optional<std::string>;
  [[nodiscard]] auto positional() const -> const std::vector<std::string>& { return positional_; }

 private:
  std::map<std::string, int> flags_;
  std::map<std::string, std::string> values_;
  std::vector<std::string> positional_;
};

/// Options every command that runs a rule takes (`ppb tally`, `ppb explain`, ...), for `args`.
inline const std::vector<std::string_view> rule_flags = {"--comparison"};
inline const std::vector<std::string_view> rule_valued = {"--rule", "--satisfaction", "--tie-break", "--seed",
                                                          "--completion"};
/// Their help text, to paste into each command's help.
extern const std::string_view rule_options_help;
/// The rule and its options from the command line, checked by `tally::check_options` before
/// any file is read. Throws `usage` for a bad seed, or a seed without `--tie-break lot`; with lot
/// and no `--seed`, draws one (`draw_seed`), which the outcome carries (`outcome::seed`).
auto parse_rule_options(const args& a) -> rule_options;
/// A fresh seed for a lot from the system's random source, below 2^53.
auto draw_seed() -> std::uint64_t;
/// The outcome's tie-break as people read it: `lot (seed 42)`, or the policy name.
auto ties_text(const outcome& out) -> std::string;
/// `base` followed by `extra`.
auto joined(std::vector<std::string_view> base, const std::vector<std::string_view>& extra) -> std::vector<std::string_view>;

/// Reads a `.pb` file, drawing a progress bar on a terminal for large files and printing each
/// kept-but-reported problem (ballots breaking META limits) to stderr.
auto load_pabulib(const std::string& path, bool strict, bool quiet) -> election;

/// Prints an outcome as `ppb tally` does: a header naming `path`, one row per project, totals.
void print_table(const std::string& path, const instance& inst, const profile& prof, const outcome& out);

/// A command: name, one-line summary, help text, and its body.
struct command {
  std::string_view name;
  std::string_view summary;
  std::string_view help;
  std::function<int(std::span<const std::string_view>)> run;
};

auto tally_command() -> command;
auto explain_command() -> command;
auto info_command() -> command;
auto election_command() -> command;
auto proposals_command() -> command;
auto roll_command() -> command;
auto iin_command() -> command;
auto report_command() -> command;
auto keygen_command() -> command;
auto credentials_command() -> command;
auto cast_command() -> command;
auto paper_command() -> command;
auto box_command() -> command;
auto log_command() -> command;
auto demo_command() -> command;

}  // namespace ppb::cli

#endif
