/// @file
/// The voter roll (who may vote, where they live, since when, with which credential key) and the
/// record of who has already voted, online or on paper. `io::read_roll` imports a roll from CSV.
#ifndef PPB_ELIGIBILITY_ROLL_HPP
#define PPB_ELIGIBILITY_ROLL_HPP

#include <array>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "ppb/eligibility/iin.hpp"

PPB_BEGIN_NAMESPACE

/// A voter's status on the roll. Values and names are pinned.
enum class voter_status : std::uint8_t {
  active = 0,     ///< may vote
  suspended = 1,  ///< temporarily may not vote (e.g. a pending residence change)
  removed = 2,    ///< struck off the roll
};
/// `"active"`, `"suspended"`, `"removed"`.
PPB_API auto voter_status_name(voter_status s) noexcept -> std::string_view;
PPB_API auto parse_voter_status(std::string_view s) noexcept -> std::optional<voter_status>;

/// Bytes of a credential public key (Ed25519).
inline constexpr std::size_t credential_key_bytes = 32;

/// One row of the roll.
struct voter_record {
  iin id;                                  ///< the voter's IIN (a valid one)
  std::string unit;                        ///< id of the unit they live in
  voter_status status = voter_status::active;
  std::chrono::sys_days registered{};      ///< date they were registered at this residence
  /// Ed25519 public key registered for this voter (identified mode), if any. Only its length is
  /// checked here; whether it is a valid curve point is crypto/'s check.
  std::optional<std::array<std::uint8_t, credential_key_bytes>> credential;
  friend auto operator==(const voter_record&, const voter_record&) -> bool = default;
};

/// The roll: records in import order, looked up by IIN or credential key in O(1). An IIN or a
/// key appears at most once. Not thread-safe for writes; concurrent reads are safe.
class PPB_API voter_roll {
 public:
  /// What `add` did: `added` and the new record's index, or the index of the record that
  /// already has this IIN (`duplicate_iin`) or this credential key (`duplicate_credential`).
  struct add_result {
    enum kind_type : std::uint8_t { added, duplicate_iin, duplicate_credential } kind = added;
    std::size_t index = 0;
  };
  /// Adds `v` unless its IIN or credential is already on the roll. Amortised O(1).
  auto add(voter_record v) -> add_result;
  /// The record of `id`, or nullptr. O(1).
  [[nodiscard]] auto find(const iin& id) const -> const voter_record*;
  /// The record holding credential `key`, or nullptr. O(1).
  [[nodiscard]] auto find_credential(const std::array<std::uint8_t, credential_key_bytes>& key) const
      -> const voter_record*;
  [[nodiscard]] auto records() const noexcept -> const std::vector<voter_record>& { return records_; }
  [[nodiscard]] auto size() const noexcept -> std::size_t { return records_.size(); }
  [[nodiscard]] auto empty() const noexcept -> bool { return records_.empty(); }
  /// Reserves room for `n` records (a roll import knows roughly how many rows it will read).
  void reserve(std::size_t n);
  friend auto operator==(const voter_roll& a, const voter_roll& b) -> bool { return a.records_ == b.records_; }

 private:
  struct key_hash {
    auto operator()(const std::array<std::uint8_t, credential_key_bytes>& k) const noexcept -> std::size_t {
      std::uint64_t h;
      std::memcpy(&h, k.data(), sizeof h);  // keys are uniformly random; 8 bytes are plenty
      return static_cast<std::size_t>(h);
    }
  };
  std::vector<voter_record> records_;
  std::unordered_map<std::uint64_t, std::uint32_t> by_iin_;
  std::unordered_map<std::array<std::uint8_t, credential_key_bytes>, std::uint32_t, key_hash> by_key_;
};

/// How a vote was cast.
enum class vote_channel : std::uint8_t { online = 0, paper = 1 };
/// `"online"` or `"paper"`.
PPB_API auto vote_channel_name(vote_channel c) noexcept -> std::string_view;

/// Who has voted in which unit, and how. The ballot box (and the paper-ballot import) records
/// each accepted vote; the eligibility checker reads it ("not already voted, online or paper").
/// Not thread-safe for writes; the caller serialises them.
class PPB_API voted_set {
 public:
  /// Records that `voter` voted in `unit` through `channel`. A paper vote is never replaced by
  /// an online one (a paper ballot cannot be revoked); recording the same vote twice is harmless.
  void record(const iin& voter, std::string_view unit, vote_channel channel);
  /// How `voter` voted in `unit`, if they did. O(units voted in by this voter).
  [[nodiscard]] auto find(const iin& voter, std::string_view unit) const -> std::optional<vote_channel>;
  /// The units `voter` has voted in, in the order first recorded.
  [[nodiscard]] auto units_of(const iin& voter) const -> std::vector<std::string>;
  /// Number of (voter, unit) records.
  [[nodiscard]] auto size() const noexcept -> std::size_t { return size_; }

 private:
  std::unordered_map<std::uint64_t, std::vector<std::pair<std::string, vote_channel>>> by_voter_;
  std::size_t size_ = 0;
};

PPB_END_NAMESPACE

#ifdef PPB_HEADER_ONLY
#  include "ppb/eligibility/roll-inl.hpp"
#endif

#endif
