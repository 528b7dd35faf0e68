// `ppb iin check IIN...`: is each number a valid IIN, and whose birth date and sex does it encode?
#include <fmt/format.h>

#include "cli.hpp"

namespace ppb::cli {
namespace {

constexpr std::string_view iin_help = R"(usage: ppb iin check IIN... [--lang kk|ru|en]

Checks Kazakhstan individual identification numbers (ЖСН / ИИН). Prints one line per number:

  IIN valid YYYY-MM-DD male|female
  IIN invalid REASON_CODE message

REASON_CODE is a stable name: wrong_length, not_digits, legal_entity (7th digit 0: a BIN),
bad_century_digit, bad_month, bad_day, check_digit_mismatch, no_check_digit. The message is in
the language of --lang (default en; kk is Kazakh in Cyrillic, ru Russian).

Exit status: 0 if every number is valid, 1 if any is not, 2 bad command line.
)";

auto run_iin(std::span<const std::string_view> argv) -> int {
  args a(argv, {}, {"--lang"});
  const auto& pos = a.positional();
  if (pos.empty() || pos[0] != "check") throw usage("the only subcommand is 'check': ppb iin check IIN...");
  if (pos.size() < 2) throw usage("give at least one IIN");
  lang l = lang::en;
  if (const auto s = a.value("--lang")) {
    const auto parsed = parse_lang(*s);
    if (!parsed) throw usage("--lang must be kk, ru or en");
    l = *parsed;
  }
  bool all_valid = true;
  for (std::size_t i = 1; i < pos.size(); ++i) {
    const auto& text = pos[i];
    const auto c = check_iin(text);
    if (c) {
      fmt::print("{} valid {} {}\n", text, format_iso_date(c.number.birth_date()), sex_name(c.number.person_sex()));
    } else {
      all_valid = false;
      fmt::print("{} invalid {} {}\n", text, reason_name(c.reason), message(c.reason, l));
    }
  }
  return all_valid ? exit_ok : exit_data;
}

}  // namespace

auto iin_command() -> command { return {"iin", "check IINs (ЖСН / ИИН): check digit, birth date, sex", iin_help, run_iin}; }

}  // namespace ppb::cli
