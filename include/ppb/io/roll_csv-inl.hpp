// Definitions for io/roll_csv.hpp.
#ifndef PPB_IO_ROLL_CSV_INL_HPP
#define PPB_IO_ROLL_CSV_INL_HPP

#include <algorithm>
#include <fstream>
#include <istream>
#include <ostream>

#include "ppb/detail/memory_stream.hpp"
#include "ppb/core/bytes.hpp"
#include "ppb/io/roll_csv.hpp"

PPB_BEGIN_NAMESPACE

namespace detail {

/// Lines of a stream, read in 1 MiB blocks (far fewer calls than `getline`); a line is valid
/// until the next call. Handles LF and CRLF, strips a UTF-8 byte-order mark.
class block_line_reader {
 public:
  explicit block_line_reader(std::istream& in) : in_(in) {}
  auto next(std::string_view& line) -> bool {
    for (;;) {
      const auto nl = buf_.find('\n', pos_);
      if (nl != std::string::npos) {
        line = std::string_view(buf_).substr(pos_, nl - pos_);
        pos_ = nl + 1;
        return finish(line);
      }
      if (eof_) {
        if (pos_ >= buf_.size()) return false;
        line = std::string_view(buf_).substr(pos_);
        pos_ = buf_.size();
        return finish(line);
      }
      buf_.erase(0, pos_);
      pos_ = 0;
      const std::size_t old = buf_.size();
      buf_.resize(old + block);
      in_.read(buf_.data() + old, static_cast<std::streamsize>(block));
      buf_.resize(old + static_cast<std::size_t>(in_.gcount()));
      if (!in_) eof_ = true;
    }
  }
  [[nodiscard]] auto line_number() const -> std::uint64_t { return line_no_; }

 private:
  static constexpr std::size_t block = 1U << 20;
  auto finish(std::string_view& line) -> bool {
    ++line_no_;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line_no_ == 1 && line.starts_with("\xEF\xBB\xBF")) line.remove_prefix(3);
    return true;
  }
  std::istream& in_;
  std::string buf_;
  std::size_t pos_ = 0;
  bool eof_ = false;
  std::uint64_t line_no_ = 0;
};

inline auto roll_trim(std::string_view s) -> std::string_view {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

/// Splits one CSV line on `,` into trimmed cells (RFC 4180 quotes within the line; `""` is a
/// quote). Quoted cells that need unescaping go to `scratch`. False for an unclosed quote.
inline auto roll_split(std::string_view line, std::vector<std::string_view>& cells, std::vector<std::string>& scratch)
    -> bool {
  cells.clear();
  scratch.clear();
  scratch.reserve(line.size() / 2 + 1);  // never reallocates below: cells view into it
  std::size_t i = 0;
  for (;;) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (i < line.size() && line[i] == '"') {
      std::string cell;
      ++i;
      for (;;) {
        if (i >= line.size()) return false;
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            cell += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        cell += line[i++];
      }
      scratch.push_back(std::move(cell));
      cells.push_back(scratch.back());
      while (i < line.size() && line[i] != ',') ++i;  // spaces after the closing quote
    } else {
      const auto end = std::min(line.find(',', i), line.size());
      cells.push_back(roll_trim(line.substr(i, end - i)));
      i = end;
    }
    if (i >= line.size()) return true;
    ++i;  // the comma
  }
}


}  // namespace detail

PPB_FUNC auto io::credential_to_hex(const std::array<std::uint8_t, credential_key_bytes>& key) -> std::string {
  return to_hex(key);
}

PPB_FUNC auto io::credential_from_hex(std::string_view hex) noexcept
    -> std::optional<std::array<std::uint8_t, credential_key_bytes>> {
  return from_hex_array<credential_key_bytes>(hex);
}

PPB_FUNC auto io::read_roll(std::istream& in, std::string_view name, const election_definition* election,
                            const roll_read_options& opts) -> roll_import {
  const std::string file(name);
  roll_import out;
  detail::block_line_reader lines(in);
  std::string_view line;
  std::vector<std::string_view> cells;
  std::vector<std::string> scratch;
  // Header: the first non-blank line.
  bool header = false;
  while (lines.next(line))
    if (!detail::roll_trim(line).empty()) {
      header = true;
      break;
    }
  if (!header) throw parse_error(errc::missing_field, file, 0, "the roll is empty: no header line");
  if (!detail::roll_split(line, cells, scratch))
    throw parse_error(errc::truncated, file, lines.line_number(), "a quote in the header is never closed");
  enum column : std::uint8_t { c_iin, c_unit, c_status, c_registered, c_credential, c_count };
  constexpr std::string_view names[c_count] = {"iin", "unit", "status", "registered", "credential"};
  int at[c_count] = {-1, -1, -1, -1, -1};
  for (std::size_t i = 0; i < cells.size(); ++i) {
    int found = -1;
    for (int c = 0; c < c_count; ++c)
      if (cells[i] == names[c]) found = c;
    if (found < 0)
      throw parse_error(errc::bad_value, file, lines.line_number(),
                        "unknown column '" + std::string(cells[i]) + "' (columns: iin, unit, status, registered, credential)");
    if (at[found] >= 0)
      throw parse_error(errc::duplicate_key, file, lines.line_number(), "column '" + std::string(cells[i]) + "' appears twice");
    at[found] = static_cast<int>(i);
  }
  for (int c = 0; c < c_credential; ++c)
    if (at[c] < 0)
      throw parse_error(errc::missing_field, file, lines.line_number(), "the header has no '" + std::string(names[c]) + "' column");
  const std::size_t width = cells.size();

  std::vector<std::uint64_t> line_of;  // line of each accepted record, to name the first of a duplicate
  const auto bad = [&](errc code, std::string reason) {
    ++out.bad_rows;
    if (opts.strict) throw parse_error(code, file, lines.line_number(), reason);
    if (out.errors.size() < opts.max_errors) out.errors.push_back({code, file, lines.line_number(), std::move(reason)});
  };
  while (lines.next(line)) {
    if (detail::roll_trim(line).empty()) continue;
    ++out.rows;
    if (!detail::roll_split(line, cells, scratch)) {
      bad(errc::truncated, "a quote is never closed (a row must fit on one line)");
      continue;
    }
    if (cells.size() < width) {
      bad(errc::missing_field, "the row has " + std::to_string(cells.size()) + " cells; the header has " + std::to_string(width));
      continue;
    }
    if (cells.size() > width) {
      bad(errc::extra_cells, "the row has " + std::to_string(cells.size()) + " cells; the header has " + std::to_string(width));
      continue;
    }
    voter_record v;
    const auto id_text = cells[static_cast<std::size_t>(at[c_iin])];
    const auto id = check_iin(id_text);
    if (!id) {
      bad(errc::invalid_iin, "IIN '" + std::string(id_text) + "' is invalid: " + std::string(reason_name(id.reason)) +
                                 " (" + std::string(message(id.reason, lang::en)) + ")");
      continue;
    }
    v.id = id.number;
    const auto unit = cells[static_cast<std::size_t>(at[c_unit])];
    if (unit.empty()) {
      bad(errc::missing_field, "the unit is empty");
      continue;
    }
    if (election != nullptr && election->find_unit(unit) == nullptr) {
      bad(errc::unknown_unit, "unit '" + std::string(unit) + "' is not in election " + election->spec().cycle);
      continue;
    }
    v.unit = std::string(unit);
    const auto status_text = cells[static_cast<std::size_t>(at[c_status])];
    const auto status = parse_voter_status(status_text);
    if (!status) {
      bad(errc::bad_value, "status '" + std::string(status_text) + "' is not one of active, suspended, removed");
      continue;
    }
    v.status = *status;
    const auto date_text = cells[static_cast<std::size_t>(at[c_registered])];
    const auto date = parse_iso_date(date_text);
    if (!date) {
      bad(errc::bad_date, "registered '" + std::string(date_text) + "' is not a date YYYY-MM-DD");
      continue;
    }
    v.registered = *date;
    if (at[c_credential] >= 0) {
      const auto hex = cells[static_cast<std::size_t>(at[c_credential])];
      if (!hex.empty()) {
        v.credential = credential_from_hex(hex);
        if (!v.credential) {
          bad(errc::bad_value, "credential must be 64 hex digits (a 32-byte Ed25519 public key); got " +
                                   std::to_string(hex.size()) + " characters");
          continue;
        }
      }
    }
    const auto r = out.roll.add(std::move(v));
    if (r.kind == voter_roll::add_result::duplicate_iin) {
      bad(errc::duplicate_entry,
          "IIN " + std::string(id_text) + " is already on the roll (line " + std::to_string(line_of[r.index]) + ")");
      continue;
    }
    if (r.kind == voter_roll::add_result::duplicate_credential) {
      bad(errc::duplicate_entry, "credential key is already registered to IIN " + out.roll.records()[r.index].id.text() +
                                     " (line " + std::to_string(line_of[r.index]) + ")");
      continue;
    }
    line_of.push_back(lines.line_number());
  }
  if (in.bad()) throw parse_error(errc::io, file, 0, "read error");
  return out;
}

PPB_FUNC auto io::read_roll(const std::filesystem::path& path, const election_definition* election,
                            const roll_read_options& opts) -> roll_import {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw parse_error(errc::io, path.string(), 0, "cannot open the file");
  return read_roll(in, path.string(), election, opts);
}

PPB_FUNC auto io::parse_roll(std::string_view text, std::string_view name, const election_definition* election,
                             const roll_read_options& opts) -> roll_import {
  detail::memory_streambuf buf(text);
  std::istream in(&buf);
  return read_roll(in, name, election, opts);
}

PPB_FUNC void io::write_roll(std::ostream& out, const voter_roll& roll) {
  out << "iin,unit,status,registered,credential\n";
  for (const auto& v : roll.records()) {
    // Units are identifiers ([A-Za-z0-9._-]) in a valid election; quote anything else.
    const bool quote = v.unit.find_first_of(",\"\n ") != std::string::npos;
    std::string unit = v.unit;
    if (quote) {
      std::string q = "\"";
      for (char c : unit) q += c == '"' ? std::string("\"\"") : std::string(1, c);
      unit = q + "\"";
    }
    out << v.id.text() << ',' << unit << ',' << voter_status_name(v.status) << ',' << format_iso_date(v.registered)
        << ',' << (v.credential ? credential_to_hex(*v.credential) : std::string()) << '\n';
  }
}

PPB_END_NAMESPACE

#endif
