/// @file
/// The results report people read: one self-contained HTML page (no network, no scripts, no web
/// fonts) with a budget bar, a chart of votes and cost per project, every project's fate, the ties
/// and how they were broken, and the rule in plain words, in Kazakh, Russian or English.
/// `ppb report` writes it; the C ABI and the Python module will too.
#ifndef PPB_IO_REPORT_HPP
#define PPB_IO_REPORT_HPP

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ppb/tally/mes.hpp"
#include "ppb/tally/outcome.hpp"

PPB_BEGIN_NAMESPACE
namespace io {

/// The language of the report's own words. Project names and the rule's reasons are shown as the
/// data gives them.
enum class report_language : std::uint8_t { en, ru, kk };

/// `"en"`, `"ru"`, `"kk"`.
PPB_API auto report_language_name(report_language lang) noexcept -> std::string_view;
/// Inverse of `report_language_name`; throws `usage_error` for anything else.
PPB_API auto parse_report_language(std::string_view name) -> report_language;

/// An extra table for a unit, for data the outcome does not hold yet: MES rounds and per-voter
/// payments, a district's turnout. Every cell is text and is escaped, so callers cannot break the
/// page.
struct report_table {
  std::string title;
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
  std::string note;  ///< a paragraph under the title; may be empty
};

/// One budget unit's result. The report shows one tab per unit when there are several.
struct report_unit {
  std::string name;                  ///< the unit on its tab (a district); empty: the META unit/subunit
  const instance* inst = nullptr;    ///< borrowed for the call; required
  const outcome* out = nullptr;      ///< borrowed for the call; required, tallied on `*inst`
  std::uint64_t voters = 0;          ///< ballots counted
  std::vector<report_table> tables;  ///< extra sections, shown after the rule's steps
};

/// A checkpoint the election's authority signed over the first `size` entries of the log.
struct report_checkpoint {
  std::uint64_t size = 0;     ///< entries it covers
  std::string root_hex;       ///< Merkle root of those entries (SHA-256, hex)
  std::string signature_hex;  ///< the authority's Ed25519 signature (hex)
};

/// How many submissions the box refused for one reason.
struct report_rejections {
  std::string reason;  ///< the stable reason code (`"duplicate"`, docs/ballot.md)
  std::uint64_t count = 0;
};

/// The ballot log a result was tallied from, for the "verify this result" section.
struct report_log {
  std::string root_hex;        ///< Merkle root of the whole log (SHA-256, hex), as `ppb log verify` prints it
  std::uint64_t entries = 0;   ///< log size
  std::string verify_command;  ///< what a resident runs to re-check it, e.g. `ppb log verify ballots.log`
  std::uint64_t accepted = 0;       ///< online ballots the box accepted
  std::uint64_t paper_ballots = 0;  ///< ballots of accepted paper batches
  std::uint64_t rejected = 0;       ///< submissions the box refused
  std::vector<report_rejections> rejections;     ///< `rejected` by reason; shown in this order
  std::optional<report_checkpoint> checkpoint;   ///< the last signed checkpoint, if any
};

/// Report options.
struct report_options {
  report_language lang = report_language::en;
  std::string title;              ///< page title; empty: the first unit's META description
  std::optional<report_log> log;  ///< shown when the result comes from a ballot log
};

/// The whole page: `<!DOCTYPE html>` … `</html>`, UTF-8, with its CSS inline and its charts as inline
/// SVG; it references no URL at all. Per unit: a summary (budget, spent, funded, ballots), the
/// budget bar of funded projects, the chart (`render_chart_svg`), a table of every project with its
/// status and reason, the ties and the criterion that broke each, the outcome's notes, the rule in
/// plain words, the rule's steps (the outcome's trace), and `tables`. Several units become tabs
/// that work without scripts.
/// Throws `usage_error` when `units` is empty or a unit lacks its instance or outcome.
/// O(total projects + trace length).
PPB_API auto render_report_html(std::span<const report_unit> units, const report_options& opts = {}) -> std::string;

/// The chart alone, as a standalone SVG document: two bars per project (votes, cost), funded
/// projects in green and the others in grey, in the rule's order. Throws like `render_report_html`.
PPB_API auto render_chart_svg(const report_unit& unit, report_language lang = report_language::en) -> std::string;

/// The rounds and payments of a Method of Equal Shares run, as a table for `report_unit::tables`,
/// in `lang`: per round the project funded, its cost, ρ (exact), how many of its supporters paid
/// their full share and what each of them paid (per point, for satisfaction `points`), and how many
/// paid all they had left and what those paid together; the note says what every voter started
/// with. Amounts are in the currency, rounded for display ("≈" when rounding changed them).
/// Projects a completion funded after MES are not rounds: the outcome's steps show them. O(rounds).
PPB_API auto mes_payments_table(const instance& inst, const mes_result& mes, report_language lang = report_language::en)
    -> report_table;

}  // namespace io
PPB_END_NAMESPACE

#ifdef PPB_HEADER_ONLY
#  include "ppb/io/report-inl.hpp"
#endif

#endif
