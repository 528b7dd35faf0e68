// Definitions for io/pabulib.hpp.
#ifndef PPB_IO_PABULIB_INL_HPP
#define PPB_IO_PABULIB_INL_HPP

#include <algorithm>
#include <fstream>
#include <istream>
#include <ostream>
#include <sstream>
#include <unordered_map>

#include "ppb/core/utf8.hpp"
#include "ppb/io/pabulib.hpp"

PPB_BEGIN_NAMESPACE

namespace detail {

inline auto trim(std::string_view s) -> std::string_view {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

inline auto iequals(std::string_view a, std::string_view b) -> bool {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return (x >= 'a' && x <= 'z' ? x - 32 : x) == (y >= 'a' && y <= 'z' ? y - 32 : y);
         });
}

/// Splits `s` on `sep` into `out`, trimming each piece and dropping empty ones (as pabutools).
inline void split_list(std::string_view s, char sep, std::vector<std::string_view>& out) {
  out.clear();
  std::size_t start = 0;
  while (start <= s.size()) {
    const auto end = std::min(s.find(sep, start), s.size());
    if (const auto piece = trim(s.substr(start, end - start)); !piece.empty()) out.push_back(piece);
    start = end + 1;
  }
}

inline auto split_list(std::string_view s, char sep) -> std::vector<std::string_view> {
  std::vector<std::string_view> out;
  split_list(s, sep, out);
  return out;
}

/// Reads `;`-separated CSV rows (RFC 4180 quoting, a quoted cell may span lines) and keeps the
/// line number where each row starts. Cells are trimmed, as pabutools does.
class row_reader {
 public:
  row_reader(std::istream& in, std::string name, const read_options& opts, std::uint64_t total)
      : in_(in), name_(std::move(name)), opts_(opts), total_(total) {}

  /// Next non-blank row into `cells()`; false at the end of input.
  auto next() -> bool {
    for (;;) {
      if (!std::getline(in_, line_)) return false;
      ++line_no_;
      account(line_.size() + 1);
      if (line_no_ == 1 && line_.starts_with("\xEF\xBB\xBF")) line_.erase(0, 3);
      check_utf8(line_);
      line_ended_crlf_ = !line_.empty() && line_.back() == '\r';
      if (line_ended_crlf_) line_.pop_back();
      if (trim(line_).empty()) continue;  // blank lines carry no data
      row_line_ = line_no_;
      split();
      return true;
    }
  }
  [[nodiscard]] auto cells() const -> const std::vector<std::string_view>& { return views_; }
  [[nodiscard]] auto line() const -> std::uint64_t { return row_line_; }
  [[nodiscard]] auto name() const -> const std::string& { return name_; }
  [[noreturn]] void fail(errc code, const std::string& reason, std::uint64_t line = ~0ULL) const {
    throw parse_error(code, name_, line == ~0ULL ? row_line_ : line, reason);
  }

 private:
  void account(std::uint64_t bytes) {
    read_ += bytes;
    if (opts_.progress && read_ - reported_ >= (1U << 20)) {
      reported_ = read_;
      opts_.progress(read_, total_);
    }
  }

  // Every cell ends up in names, ids, META or the voter table, and from there in JSON, HTML and
  // `.pb` output: a byte that is not UTF-8 would pass into text no reader accepts. Lines are
  // checked whole (a UTF-8 sequence never contains a line break), before quotes are undone.
  void check_utf8(std::string_view text) const {
    if (const auto at = utf8_error_offset(text)) {
      static constexpr char hex[] = "0123456789ABCDEF";
      const auto b = static_cast<unsigned char>(text[*at]);
      fail(errc::bad_value, std::string("the text is not valid UTF-8: byte 0x") + hex[b >> 4] + hex[b & 15] + " at column " +
                                std::to_string(*at + 1), line_no_);
    }
  }

  void split() {
    text_.clear();
    bounds_.clear();
    std::size_t i = 0;
    for (;;) {  // one cell per iteration
      const std::size_t start = text_.size();
      std::size_t j = i;
      while (j < line_.size() && (line_[j] == ' ' || line_[j] == '\t')) ++j;
      if (j < line_.size() && line_[j] == '"') {
        i = j + 1;
        for (;;) {
          if (i >= line_.size()) {  // the quoted cell goes on to the next line
            std::string more;
            if (!std::getline(in_, more))
              fail(errc::truncated, "a quoted cell is never closed: the file ends inside it", row_line_);
            ++line_no_;
            account(more.size() + 1);
            check_utf8(more);
            // Inside quotes the line break is data, kept byte for byte (CR LF or LF).
            if (line_ended_crlf_) text_ += '\r';
            text_ += '\n';
            line_ended_crlf_ = !more.empty() && more.back() == '\r';
            if (line_ended_crlf_) more.pop_back();
            line_ = line_.substr(0, i) + more;  // continue scanning in the joined text
            continue;
          }
          const char c = line_[i];
          if (c == '"') {
            if (i + 1 < line_.size() && line_[i + 1] == '"') {
              text_ += '"';
              i += 2;
              continue;
            }
            ++i;
            break;
          }
          text_ += c;
          ++i;
        }
        // Text after the closing quote up to the separator belongs to the cell (Python's csv).
        while (i < line_.size() && line_[i] != ';') text_ += line_[i++];
      } else {
        while (i < line_.size() && line_[i] != ';') text_ += line_[i++];
      }
      bounds_.emplace_back(start, text_.size());
      if (i >= line_.size()) break;
      ++i;  // skip ';'
    }
    views_.clear();
    for (auto [b, e] : bounds_) views_.push_back(trim(std::string_view(text_).substr(b, e - b)));
  }

  std::istream& in_;
  std::string name_;
  const read_options& opts_;
  std::uint64_t total_ = 0, read_ = 0, reported_ = 0;
  std::string line_, text_;
  std::vector<std::pair<std::size_t, std::size_t>> bounds_;
  std::vector<std::string_view> views_;
  std::uint64_t line_no_ = 0, row_line_ = 0;
  bool line_ended_crlf_ = false;  // the CR of this line's CR LF was taken off
};

/// A set of row numbers keyed by the text of each row's id (open addressing, 4 bytes a slot), so
/// that millions of voter ids are checked for duplicates without a copy of each.
class id_set {
 public:
  /// Adds row `row` with id `id`; false if an earlier row has the same id. `id_of(row)` gives the
  /// id of an earlier row.
  template <class IdOf>
  auto insert(std::string_view id, std::uint64_t row, IdOf&& id_of) -> bool {
    if ((count_ + 1) * 2 > slots_.size()) grow(id_of);
    const auto mask = slots_.size() - 1;
    for (auto i = std::hash<std::string_view>{}(id) & mask;; i = (i + 1) & mask) {
      if (slots_[i] == 0) {
        slots_[i] = static_cast<std::uint32_t>(row + 1);
        ++count_;
        return true;
      }
      if (id_of(slots_[i] - 1) == id) return false;
    }
  }

 private:
  template <class IdOf>
  void grow(IdOf&& id_of) {
    std::vector<std::uint32_t> old(std::max<std::size_t>(1024, slots_.size() * 2), 0);
    old.swap(slots_);
    const auto mask = slots_.size() - 1;
    for (auto v : old) {
      if (v == 0) continue;
      auto i = std::hash<std::string_view>{}(id_of(v - 1)) & mask;
      while (slots_[i] != 0) i = (i + 1) & mask;
      slots_[i] = v;
    }
  }
  std::vector<std::uint32_t> slots_;
  std::size_t count_ = 0;
};

enum class section : std::uint8_t { none, meta, projects, votes };

inline auto section_of(const std::vector<std::string_view>& cells) -> section {
  if (cells.empty() || (cells.size() > 1 && !cells[1].empty())) return section::none;
  if (iequals(cells[0], "META")) return section::meta;
  if (iequals(cells[0], "PROJECTS")) return section::projects;
  if (iequals(cells[0], "VOTES")) return section::votes;
  return section::none;
}

// The section whose column-header row `cells` looks like (`project_id;…;cost;…` or
// `voter_id;…;vote;…`), or `none`. Found where a data row was expected, such a row means that its
// section line is missing: saying so beats reading it as a META pair or a project called 'voter_id'.
inline auto header_like(const std::vector<std::string_view>& cells) -> section {
  if (cells.size() < 2) return section::none;
  const auto has = [&](std::string_view name) { return std::find(cells.begin() + 1, cells.end(), name) != cells.end(); };
  if (iequals(cells[0], "project_id") && has("cost")) return section::projects;
  if (iequals(cells[0], "voter_id") && has("vote")) return section::votes;
  return section::none;
}

inline auto is_none(std::string_view cell) -> bool { return cell.empty() || iequals(cell, "None"); }

inline auto parse_int(const row_reader& r, std::string_view what, std::string_view text,
                      std::uint64_t line = ~0ULL) -> std::int64_t {
  const auto d = parse_decimal(text);
  if (!d) r.fail(errc::not_a_number, std::string(what) + " '" + std::string(text) + "' is not a number", line);
  if (d->places != 0) r.fail(errc::not_a_number, std::string(what) + " '" + std::string(text) + "' is not a whole number", line);
  return d->digits;
}

inline auto parse_money_text(const row_reader& r, std::string_view what, std::string_view text,
                             std::uint64_t line = ~0ULL) -> decimal {
  const auto d = parse_decimal(text);
  if (!d) r.fail(errc::not_a_number, std::string(what) + " '" + std::string(text) + "' is not a number", line);
  if (d->digits < 0) r.fail(errc::negative_cost, std::string(what) + " '" + std::string(text) + "' is negative", line);
  if (d->places > max_money_places)
    r.fail(errc::number_too_large, std::string(what) + " '" + std::string(text) + "' has more than " +
                                       std::to_string(max_money_places) + " decimal places", line);
  return *d;
}

inline auto column_of(const std::vector<std::string>& header, std::initializer_list<std::string_view> names) -> int {
  for (auto n : names)
    for (std::size_t i = 0; i < header.size(); ++i)
      if (header[i] == n) return static_cast<int>(i);
  return -1;
}

// Where the PROJECTS columns with a typed home in `project` sit (-1: absent). Of several aliases
// the first listed wins; every other column, aliases that lost included, goes to `project::extra`,
// so reading and writing agree on each cell.
struct project_layout {
  int cost = -1, name = -1, categories = -1, targets = -1, district = -1, selected = -1;

  explicit project_layout(const std::vector<std::string>& header)
      : cost(column_of(header, {"cost"})),
        name(column_of(header, {"name"})),
        categories(column_of(header, {"category", "categories"})),
        targets(column_of(header, {"beneficiaries", "target", "targets"})),
        district(column_of(header, {"district", "subunit", "neighborhood"})),
        selected(column_of(header, {"selected"})) {}

  // District stays in `extra` too: pabulib spells it three ways and the writer keeps the spelling.
  [[nodiscard]] auto is_typed(std::size_t i) const -> bool {
    const int c = static_cast<int>(i);
    return i == 0 || c == cost || c == name || c == categories || c == targets || c == selected;
  }
};

// A section's header row; a repeated column name would leave one column's cells nowhere.
template <class Reader>
auto header_columns(const Reader& r, std::string_view section_name) -> std::vector<std::string> {
  std::vector<std::string> columns;
  for (auto c : r.cells()) {
    if (std::find(columns.begin(), columns.end(), c) != columns.end())
      r.fail(errc::duplicate_key, std::string(section_name) + " header names column '" + std::string(c) + "' twice");
    columns.emplace_back(c);
  }
  return columns;
}

}  // namespace detail

PPB_FUNC auto io::read_pabulib(std::istream& in, std::string_view name, const read_options& opts) -> election {
  using detail::section;
  detail::row_reader r(in, std::string(name), opts, 0);
  election e;
  instance& inst = e.inst;

  // META
  if (!r.next()) r.fail(errc::missing_section, "the file is empty: no META section", 0);
  if (detail::section_of(r.cells()) != section::meta) r.fail(errc::missing_section, "the file does not start with a META section");
  if (!r.next()) r.fail(errc::missing_section, "the file ends after META: no PROJECTS section");
  section next = detail::section_of(r.cells());
  std::vector<std::uint64_t> meta_lines;  // line of each META pair, for messages
  if (next == section::none) {  // header row `key;value`, then pairs
    for (;;) {
      if (!r.next()) r.fail(errc::missing_section, "the file ends in META: no PROJECTS section");
      next = detail::section_of(r.cells());
      if (next != section::none) break;
      const auto& c = r.cells();
      if (const auto h = detail::header_like(c); h != section::none)
        r.fail(errc::missing_section, h == section::projects
                                          ? "the PROJECTS line is missing: this row is the projects' column header"
                                          : "the PROJECTS section is missing: this row is the votes' column header");
      if (c.size() < 2) r.fail(errc::missing_field, "META row '" + std::string(c[0]) + "' has no value");
      if (c.size() > 2) r.fail(errc::extra_cells, "META row '" + std::string(c[0]) + "' has more than key;value");
      if (inst.meta_value(c[0])) r.fail(errc::duplicate_key, "META key '" + std::string(c[0]) + "' appears twice");
      inst.meta.emplace_back(std::string(c[0]), std::string(c[1]));
      meta_lines.push_back(r.line());
    }
  }
  if (next != section::projects) r.fail(errc::missing_section, "expected the PROJECTS section after META");
  const std::uint64_t meta_end_line = r.line();
  // The line of META `key`, or of the PROJECTS header when the key is absent.
  const auto meta_line = [&](std::string_view key) -> std::uint64_t {
    for (std::size_t i = 0; i < inst.meta.size(); ++i)
      if (inst.meta[i].first == key) return meta_lines[i];
    return meta_end_line;
  };
  const auto* budget_text = inst.meta_value("budget");
  if (!budget_text) r.fail(errc::missing_field, "META has no 'budget'", meta_end_line);
  const auto* type_text = inst.meta_value("vote_type");
  if (!type_text) r.fail(errc::missing_field, "META has no 'vote_type'", meta_end_line);
  const auto kind = parse_vote_type(*type_text);
  if (!kind) r.fail(errc::bad_vote_type, "vote_type '" + *type_text + "' is not approval, choose-1, cumulative, scoring or ordinal", meta_line("vote_type"));
  inst.kind = *kind;
  const decimal budget = detail::parse_money_text(r, "budget", *budget_text, meta_line("budget"));
  auto meta_int = [&](std::string_view key) -> std::optional<std::int64_t> {
    const auto* v = inst.meta_value(key);
    if (!v || detail::is_none(*v)) return std::nullopt;
    return detail::parse_int(r, "META " + std::string(key), *v, meta_line(key));
  };
  auto meta_money = [&](std::string_view key) -> std::optional<decimal> {
    const auto* v = inst.meta_value(key);
    if (!v || detail::is_none(*v)) return std::nullopt;
    return detail::parse_money_text(r, "META " + std::string(key), *v, meta_line(key));
  };
  const auto num_projects = meta_int("num_projects");
  const auto num_votes = meta_int("num_votes");
  inst.rules.min_length = meta_int("min_length");
  inst.rules.max_length = meta_int("max_length");
  inst.rules.min_points = meta_int("min_points");
  inst.rules.max_points = meta_int("max_points");
  inst.rules.min_sum_points = meta_int("min_sum_points");
  inst.rules.max_sum_points = meta_int("max_sum_points");
  const auto min_sum_cost = meta_money("min_sum_cost");
  const auto max_sum_cost = meta_money("max_sum_cost");
  // Cumulative ballots share out a fixed stock of points (PB_FORMAT.md §2: max_sum_points is
  // required; min_points defaults to 0, `validate` applies that). Without the stock a ballot's
  // points are unbounded, and a META min_points below 0 contradicts the vote type (see the
  // points check in VOTES), so both are refused rather than guessed at.
  if (inst.kind == vote_type::cumulative) {
    if (!inst.rules.max_sum_points)
      r.fail(errc::missing_field, "META has no 'max_sum_points', which a cumulative election must have", meta_end_line);
    if (inst.rules.min_points && *inst.rules.min_points < 0)
      r.fail(errc::bad_value, "META min_points " + std::to_string(*inst.rules.min_points) +
                                  " is negative: cumulative points are never below 0", meta_line("min_points"));
  }

  // PROJECTS: header, then rows until VOTES.
  if (!r.next()) r.fail(errc::missing_section, "the file ends after PROJECTS: no header and no VOTES section");
  if (detail::section_of(r.cells()) != section::none) r.fail(errc::missing_field, "PROJECTS has no header row");
  inst.project_columns = detail::header_columns(r, "PROJECTS");
  const auto& pcols = inst.project_columns;
  const detail::project_layout layout(pcols);
  if (layout.cost < 0) r.fail(errc::missing_field, "PROJECTS has no 'cost' column");
  std::vector<decimal> costs;
  int places = budget.places;
  for (;;) {
    if (!r.next()) r.fail(errc::missing_section, "the file ends in PROJECTS: no VOTES section");
    if (const auto s = detail::section_of(r.cells()); s != section::none) {
      if (s != section::votes) r.fail(errc::missing_section, "expected the VOTES section after PROJECTS");
      break;
    }
    const auto& c = r.cells();
    if (detail::header_like(c) == section::votes)
      r.fail(errc::missing_section, "the VOTES line is missing: this row is the votes' column header");
    if (c.size() > pcols.size()) r.fail(errc::extra_cells, "project row has " + std::to_string(c.size()) + " cells, the header " + std::to_string(pcols.size()));
    if (c.size() <= static_cast<std::size_t>(layout.cost))
      r.fail(errc::missing_field, "project row has " + std::to_string(c.size()) + " cells and no 'cost' cell (the header has " +
                                      std::to_string(pcols.size()) + ")");
    auto cell = [&](int i) -> std::string_view { return i >= 0 && static_cast<std::size_t>(i) < c.size() ? c[static_cast<std::size_t>(i)] : std::string_view(); };
    project p;
    p.id = std::string(c[0]);
    if (p.id.empty()) r.fail(errc::empty_id, "project id is empty");
    if (inst.find(p.id)) r.fail(errc::duplicate_project, "project id '" + p.id + "' appears twice");
    if (detail::is_none(cell(layout.cost))) r.fail(errc::not_a_number, "project '" + p.id + "' has no cost");
    const decimal cost = detail::parse_money_text(r, "cost of project '" + p.id + "'", cell(layout.cost));
    places = std::max(places, cost.places);
    costs.push_back(cost);
    if (!detail::is_none(cell(layout.name))) p.name = std::string(cell(layout.name));
    if (!detail::is_none(cell(layout.categories)))
      for (auto v : detail::split_list(cell(layout.categories), ',')) p.categories.emplace_back(v);
    if (!detail::is_none(cell(layout.targets)))
      for (auto v : detail::split_list(cell(layout.targets), ',')) p.targets.emplace_back(v);
    if (!detail::is_none(cell(layout.district))) p.district = std::string(cell(layout.district));
    if (!detail::is_none(cell(layout.selected)))
      p.selected = static_cast<int>(detail::parse_int(r, "selected of project '" + p.id + "'", cell(layout.selected)));
    for (std::size_t i = 0; i < pcols.size(); ++i)
      if (!layout.is_typed(i)) p.extra.emplace_back(pcols[i], std::string(cell(static_cast<int>(i))));
    inst.add(std::move(p));
  }
  if (num_projects && static_cast<std::uint64_t>(*num_projects) != inst.size())
    r.fail(static_cast<std::uint64_t>(*num_projects) > inst.size() ? errc::truncated : errc::count_mismatch,
           "META num_projects is " + std::to_string(*num_projects) + " but PROJECTS lists " + std::to_string(inst.size()));
  // Money: one exact scale for budget, costs and cost limits.
  for (const auto& d : {min_sum_cost, max_sum_cost})
    if (d) places = std::max(places, d->places);
  inst.money_places = places;
  inst.budget = to_units(budget, places);
  for (project_index i = 0; i < costs.size(); ++i) inst.cost_of(i) = to_units(costs[i], places);
  if (min_sum_cost) inst.rules.min_sum_cost = to_units(*min_sum_cost, places);
  if (max_sum_cost) inst.rules.max_sum_cost = to_units(*max_sum_cost, places);

  // VOTES: header, then one ballot per row.
  e.prof = profile(inst.kind);
  if (!r.next()) r.fail(errc::missing_field, "VOTES has no header row");
  const std::vector<std::string> vcols = detail::header_columns(r, "VOTES");
  const int vote_col = detail::column_of(vcols, {"vote"});
  if (vote_col < 0) r.fail(errc::missing_field, "VOTES has no 'vote' column");
  const int points_col = detail::column_of(vcols, {"points"});
  const bool pointed = has_points(inst.kind);
  if (pointed && points_col < 0) r.fail(errc::missing_field, std::string(vote_type_name(inst.kind)) + " VOTES need a 'points' column");
  e.prof.voters_data.set_columns(vcols);
  detail::id_set voter_ids;  // refuses duplicate voter ids
  std::vector<project_index> items;
  std::vector<std::int64_t> points;
  std::vector<std::string_view> cells, pieces;
  std::uint64_t rows = 0;
  while (r.next()) {
    const auto& c = r.cells();
    if (detail::section_of(c) != section::none) r.fail(errc::missing_section, "a section header inside VOTES");
    if (c.size() > vcols.size()) r.fail(errc::extra_cells, "vote row has " + std::to_string(c.size()) + " cells, the header " + std::to_string(vcols.size()));
    // A row cut short before its vote (or points) cell is not an empty ballot: refuse it. Missing
    // cells after those (age, sex, …) read as empty; nothing is misread.
    const auto needed = static_cast<std::size_t>(std::max(vote_col, pointed ? points_col : -1)) + 1;
    if (c.size() < needed)
      r.fail(errc::missing_field, "vote row has " + std::to_string(c.size()) + " cells and no '" +
                                      (c.size() <= static_cast<std::size_t>(vote_col) ? "vote" : "points") +
                                      "' cell (the header has " + std::to_string(vcols.size()) + ")");
    cells.assign(vcols.size(), std::string_view());
    std::copy(c.begin(), c.end(), cells.begin());
    const std::string_view voter = cells[0];
    if (voter.empty()) r.fail(errc::empty_id, "voter id is empty");
    if (!voter_ids.insert(voter, rows, [&](std::uint64_t row) { return e.prof.voters_data.cell(row, 0); }))
      r.fail(errc::duplicate_voter, "voter id '" + std::string(voter) + "' appears twice");
    items.clear();
    points.clear();
    detail::split_list(cells[static_cast<std::size_t>(vote_col)], ',', pieces);
    for (auto id : pieces) {
      const auto p = inst.find(id);
      if (!p) r.fail(errc::unknown_project, "vote names project '" + std::string(id) + "', which PROJECTS does not list");
      if (std::find(items.begin(), items.end(), *p) != items.end()) r.fail(errc::duplicate_in_vote, "vote lists project '" + std::string(id) + "' twice");
      items.push_back(*p);
    }
    if (pointed) {
      detail::split_list(cells[static_cast<std::size_t>(points_col)], ',', pieces);
      for (auto v : pieces) points.push_back(detail::parse_int(r, "points", v));
      if (points.size() != items.size())
        r.fail(errc::points_mismatch, "vote lists " + std::to_string(items.size()) + " projects but " + std::to_string(points.size()) + " points");
      // Refused outright, not kept as a ballot breaking the limits: a cumulative ballot shares out
      // points, and a negative share has no meaning on any cumulative form; counted, it would take
      // support away from a project and let one voter outweigh others (3,-3 within a stock of 5
      // moves 6 points). No published election has one (none of ../shared/pabulib does).
      if (inst.kind == vote_type::cumulative)
        for (std::size_t k = 0; k < points.size(); ++k)
          if (points[k] < 0)
            r.fail(errc::bad_value, "vote gives project '" + inst[items[k]].id + "' " + std::to_string(points[k]) +
                                        " points: cumulative points are never negative");
    }
    // Keep the vote/points cells out of the voter table: the profile holds them.
    cells[static_cast<std::size_t>(vote_col)] = {};
    if (points_col >= 0 && pointed) cells[static_cast<std::size_t>(points_col)] = {};
    e.prof.add(items, points);
    e.prof.voters_data.add_row(cells);
    if (auto v = validate(inst, e.prof[e.prof.size() - 1])) {
      const std::string reason = "ballot of voter '" + std::string(voter) + "' breaks the ballot rules: " +
                                 std::string(ballot_fault_name(v->fault)) + " (" + v->detail + ")";
      if (opts.limits == limit_policy::enforce) r.fail(errc::ballot_limit, reason);
      e.warnings.push_back({errc::ballot_limit, r.name(), r.line(), reason});
    }
    ++rows;
  }
  if (num_votes && static_cast<std::uint64_t>(*num_votes) != rows)
    r.fail(static_cast<std::uint64_t>(*num_votes) > rows ? errc::truncated : errc::count_mismatch,
           "META num_votes is " + std::to_string(*num_votes) + " but VOTES has " + std::to_string(rows) + " rows", r.line());
  // Both counts are required by the format; a file that leaves them out gets the true ones, so
  // that the election read equals the one its written form reads back as.
  if (!num_projects) inst.set_meta("num_projects", std::to_string(inst.size()));
  if (!num_votes) inst.set_meta("num_votes", std::to_string(e.prof.voters()));
  return e;
}

PPB_FUNC auto io::read_pabulib(const std::filesystem::path& path, const read_options& opts) -> election {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw parse_error(errc::io, path.string(), 0, "cannot open the file");
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  read_options with_total = opts;
  if (opts.progress && !ec) with_total.progress = [&, size](std::uint64_t done, std::uint64_t) { opts.progress(done, size); };
  return read_pabulib(in, path.string(), with_total);
}

PPB_FUNC auto io::parse_pabulib(std::string_view text, std::string_view name, const read_options& opts) -> election {
  std::istringstream in{std::string(text)};
  return read_pabulib(in, name, opts);
}

namespace detail {
inline void write_cell(std::ostream& out, std::string_view v) {
  const bool quote = v.find_first_of(";\"\n\r") != std::string_view::npos;
  if (!quote) {
    out << v;
    return;
  }
  out << '"';
  for (char c : v) {
    if (c == '"') out << '"';
    out << c;
  }
  out << '"';
}

inline auto join(const std::vector<std::string>& v) -> std::string {
  std::string s;
  for (const auto& x : v) {
    if (!s.empty()) s += ',';
    s += x;
  }
  return s;
}

inline void write_row(std::ostream& out, const std::vector<std::string>& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i) out << ';';
    write_cell(out, cells[i]);
  }
  out << '\n';
}
}  // namespace detail

PPB_FUNC void io::write_pabulib(std::ostream& out, const election& e) {
  const instance& inst = e.inst;
  const profile& prof = e.prof;
  const bool per_voter = prof.voters_data.rows() == prof.size() && !prof.voters_data.columns().empty();
  // META: the model's own values win over stale text.
  instance::meta_type meta = inst.meta;
  auto set = [&](std::string_view k, std::string v) {
    for (auto& [key, value] : meta)
      if (key == k) {
        value = std::move(v);
        return;
      }
    meta.emplace_back(std::string(k), std::move(v));
  };
  set("num_projects", std::to_string(inst.size()));
  set("num_votes", std::to_string(prof.voters()));
  // Keep the file's own spelling of the budget ("400000.0") when it still says the same amount.
  const auto* budget_text = inst.meta_value("budget");
  const auto same_budget = [&]() {
    const auto d = budget_text ? parse_decimal(detail::trim(*budget_text)) : std::nullopt;
    return d && d->places <= inst.money_places && to_units(*d, inst.money_places) == inst.budget;
  };
  if (!same_budget()) set("budget", format_units(inst.budget, inst.money_places));
  set("vote_type", std::string(vote_type_name(inst.kind)));
  // Ballot rules: the model's limit wins when the text is absent or says another number, so an
  // instance built in code keeps its rules; a file read in keeps its own spelling ("10.50").
  const auto limit = [&](std::string_view key, const std::optional<std::int64_t>& v, int places) {
    if (!v) return;
    const auto it = std::find_if(meta.begin(), meta.end(), [&](const auto& kv) { return kv.first == key; });
    const auto d = it == meta.end() ? std::nullopt : parse_decimal(detail::trim(it->second));
    if (!d || d->places > places || to_units(*d, places) != *v) set(key, format_units(*v, places));
  };
  const auto& rules = inst.rules;
  limit("min_length", rules.min_length, 0);
  limit("max_length", rules.max_length, 0);
  limit("min_sum_cost", rules.min_sum_cost, inst.money_places);
  limit("max_sum_cost", rules.max_sum_cost, inst.money_places);
  limit("min_points", rules.min_points, 0);
  limit("max_points", rules.max_points, 0);
  limit("min_sum_points", rules.min_sum_points, 0);
  limit("max_sum_points", rules.max_sum_points, 0);
  if (inst.kind == vote_type::cumulative && !rules.max_sum_points)
    throw usage_error("a cumulative election needs ballot rule max_sum_points: pabulib's format requires it");
  out << "META\nkey;value\n";
  for (const auto& [k, v] : meta) detail::write_row(out, {k, v});

  out << "PROJECTS\n";
  std::vector<std::string> pcols = inst.project_columns;
  if (pcols.empty()) pcols = {"project_id", "cost", "name"};
  detail::write_row(out, pcols);
  const detail::project_layout layout(pcols);
  std::vector<std::string> row;
  for (const auto& p : inst.projects()) {
    row.clear();
    for (std::size_t i = 0; i < pcols.size(); ++i) {
      const int c = static_cast<int>(i);
      if (i == 0) row.push_back(p.id);
      else if (c == layout.cost) row.push_back(format_units(p.cost, inst.money_places));
      else if (c == layout.name) row.push_back(p.name);
      else if (c == layout.categories) row.push_back(detail::join(p.categories));
      else if (c == layout.targets) row.push_back(detail::join(p.targets));
      else if (c == layout.selected) row.push_back(p.selected ? std::to_string(*p.selected) : std::string());
      else if (const auto* v = p.extra_value(pcols[i])) row.push_back(*v);
      else row.emplace_back();
    }
    detail::write_row(out, row);
  }

  out << "VOTES\n";
  std::vector<std::string> vcols = per_voter ? prof.voters_data.columns() : std::vector<std::string>{"voter_id", "vote"};
  if (!per_voter && has_points(inst.kind)) vcols.emplace_back("points");
  detail::write_row(out, vcols);
  const int vote_col = detail::column_of(vcols, {"vote"});
  const int points_col = has_points(inst.kind) ? detail::column_of(vcols, {"points"}) : -1;
  std::uint64_t synthetic_id = 0;
  for (std::size_t b = 0; b < prof.size(); ++b) {
    const auto ballot = prof[b];
    std::string vote, pts;
    for (std::size_t j = 0; j < ballot.items.size(); ++j) {
      if (j) {
        vote += ',';
        pts += ',';
      }
      vote += inst[ballot.items[j]].id;
      if (!ballot.points.empty()) pts += std::to_string(ballot.points[j]);
    }
    const std::uint64_t copies = per_voter ? 1 : ballot.weight;
    for (std::uint64_t k = 0; k < copies; ++k) {
      row.clear();
      for (std::size_t c = 0; c < vcols.size(); ++c) {
        if (static_cast<int>(c) == vote_col) row.push_back(vote);
        else if (static_cast<int>(c) == points_col) row.push_back(pts);
        else if (per_voter) row.emplace_back(prof.voters_data.cell(b, c));
        else row.push_back(std::to_string(synthetic_id));
      }
      ++synthetic_id;
      detail::write_row(out, row);
    }
  }
}

PPB_FUNC auto io::to_pabulib(const election& e) -> std::string {
  std::ostringstream out;
  write_pabulib(out, e);
  return out.str();
}

PPB_END_NAMESPACE

#endif
