// Definitions for eligibility/roll.hpp.
#ifndef PPB_ELIGIBILITY_ROLL_INL_HPP
#define PPB_ELIGIBILITY_ROLL_INL_HPP

#include "ppb/eligibility/roll.hpp"
#include "ppb/error.hpp"

PPB_BEGIN_NAMESPACE

PPB_FUNC auto voter_status_name(voter_status s) noexcept -> std::string_view {
  switch (s) {
    case voter_status::active: return "active";
    case voter_status::suspended: return "suspended";
    case voter_status::removed: return "removed";
  }
  return "unknown";
}

PPB_FUNC auto parse_voter_status(std::string_view s) noexcept -> std::optional<voter_status> {
  for (auto v : {voter_status::active, voter_status::suspended, voter_status::removed})
    if (voter_status_name(v) == s) return v;
  return std::nullopt;
}

PPB_FUNC auto voter_roll::add(voter_record v) -> add_result {
  const auto index = static_cast<std::uint32_t>(records_.size());
  const auto [it, fresh] = by_iin_.try_emplace(v.id.value(), index);
  if (!fresh) return {add_result::duplicate_iin, it->second};
  if (v.credential) {
    const auto [kit, kfresh] = by_key_.try_emplace(*v.credential, index);
    if (!kfresh) {
      by_iin_.erase(it);
      return {add_result::duplicate_credential, kit->second};
    }
  }
  records_.push_back(std::move(v));
  return {add_result::added, index};
}

PPB_FUNC auto voter_roll::find(const iin& id) const -> const voter_record* {
  const auto it = by_iin_.find(id.value());
  return it == by_iin_.end() ? nullptr : &records_[it->second];
}

PPB_FUNC auto voter_roll::find_credential(const std::array<std::uint8_t, credential_key_bytes>& key) const
    -> const voter_record* {
  const auto it = by_key_.find(key);
  return it == by_key_.end() ? nullptr : &records_[it->second];
}

PPB_FUNC void voter_roll::reserve(std::size_t n) {
  records_.reserve(n);
  by_iin_.reserve(n);
}

PPB_FUNC auto vote_channel_name(vote_channel c) noexcept -> std::string_view {
  return c == vote_channel::online ? "online" : "paper";
}

PPB_FUNC void voted_set::record(const iin& voter, std::string_view unit, vote_channel channel) {
  auto& units = by_voter_[voter.value()];
  for (auto& [u, c] : units)
    if (u == unit) {
      if (channel == vote_channel::paper) c = vote_channel::paper;
      return;
    }
  units.emplace_back(std::string(unit), channel);
  ++size_;
}

PPB_FUNC auto voted_set::find(const iin& voter, std::string_view unit) const -> std::optional<vote_channel> {
  const auto it = by_voter_.find(voter.value());
  if (it == by_voter_.end()) return std::nullopt;
  for (const auto& [u, c] : it->second)
    if (u == unit) return c;
  return std::nullopt;
}

PPB_FUNC auto voted_set::units_of(const iin& voter) const -> std::vector<std::string> {
  std::vector<std::string> out;
  if (const auto it = by_voter_.find(voter.value()); it != by_voter_.end())
    for (const auto& [u, c] : it->second) out.push_back(u);
  return out;
}

PPB_END_NAMESPACE

#endif
