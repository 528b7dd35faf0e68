/// @file
/// Snapshots of an election's preparation — the definition, the proposal registry with its audit
/// trail, and the voter roll — saved and restored losslessly with Boost.Serialization.
///
/// File layout (all integers big-endian):
///
/// | bytes | field |
/// | --- | --- |
/// | 8 | magic `89 50 50 42 0D 0A 1A 0A` (`\x89PPB\r\n\x1a\n`: catches text-mode and 7-bit mangling) |
/// | 4 | format version (`snapshot_format_version`) |
/// | 8 | payload length |
/// | 8 | FNV-1a 64 of the payload (integrity against accidents, not attacks: no crypto here) |
/// | n | payload: a Boost.Serialization **text** archive |
///
/// Why a text archive: Boost's binary archives write native sizes and byte order and are
/// documented as not portable, while a snapshot moves between the akimat's server, an auditor's
/// laptop and CI machines; the text archive is portable and readable when something goes wrong,
/// for about 1.5× the size. Integrity comes from our own header, which is checked before Boost
/// sees a byte. The definition is stored as its exact bytes (they are what the election id
/// commits to) and re-parsed on load.
#ifndef PPB_IO_ARCHIVE_HPP
#define PPB_IO_ARCHIVE_HPP

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <string>
#include <string_view>

#include "ppb/eligibility/roll.hpp"
#include "ppb/model/election.hpp"
#include "ppb/proposals/registry.hpp"

PPB_BEGIN_NAMESPACE

/// The state of one budget cycle before voting: what a snapshot holds.
struct election_state {
  election_definition definition;
  proposal_registry proposals;
  voter_roll roll;
  friend auto operator==(const election_state&, const election_state&) -> bool = default;
};

namespace io {

/// The snapshot format this build writes and reads.
inline constexpr std::uint32_t snapshot_format_version = 1;

/// Writes a snapshot of `state` to `out`. Throws `parse_error(io)` if the stream fails.
/// O(size of the state); memory: twice the payload.
PPB_API void save_snapshot(std::ostream& out, const election_state& state);

/// Reads a snapshot; `name` names it in errors. Throws `parse_error` with `not_a_snapshot`
/// (wrong magic: a foreign file), `snapshot_version` (a format this build does not read), or
/// `snapshot_corrupt` (short file, trailing bytes, checksum mismatch, a payload Boost cannot
/// decode, or content that does not hold together: an invalid definition, IIN or duplicate).
PPB_API auto load_snapshot(std::istream& in, std::string_view name = "<snapshot>") -> election_state;

/// Writes a snapshot file atomically (a temporary file in the same folder, then a rename), so a
/// crash leaves the old snapshot or the new one, never half of one. `parse_error(io)` on failure.
PPB_API void save_snapshot(const std::filesystem::path& path, const election_state& state);
/// Reads a snapshot file; `parse_error(io)` if it cannot be opened.
PPB_API auto load_snapshot(const std::filesystem::path& path) -> election_state;

}  // namespace io
PPB_END_NAMESPACE

#ifdef PPB_HEADER_ONLY
#  include "ppb/io/archive-inl.hpp"
#endif

#endif
