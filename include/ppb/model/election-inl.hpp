// Definitions for model/election.hpp.
#ifndef PPB_MODEL_ELECTION_INL_HPP
#define PPB_MODEL_ELECTION_INL_HPP

#include <array>

#include "ppb/model/election.hpp"

PPB_BEGIN_NAMESPACE

namespace detail {

inline constexpr std::array<std::string_view, 6> unit_kind_names = {"region",        "city",        "district",
                                                                    "microdistrict", "rural_okrug", "village"};
inline constexpr std::array<std::string_view, 7> phase_names = {"submission", "review", "revision", "re_review",
                                                                "voting",     "tally",  "published"};
inline constexpr std::array<std::string_view, 2> decision_rule_names = {"all", "majority"};
inline constexpr std::array<std::string_view, 4> proposal_field_names = {"description", "address", "category",
                                                                         "attachments"};
inline constexpr std::array<std::string_view, 2> residence_rule_names = {"own_unit", "own_plus_others"};
inline constexpr std::array<std::string_view, 2> revote_policy_names = {"refuse", "latest"};
inline constexpr std::array<std::string_view, 2> credential_mode_names = {"identified", "pseudonymous"};

template <class E, std::size_t N>
constexpr auto election_enum_name(const std::array<std::string_view, N>& names, E e) noexcept -> std::string_view {
  const auto i = static_cast<std::size_t>(e);
  return i < N ? names[i] : std::string_view("unknown");
}

template <class E, std::size_t N>
constexpr auto election_enum_parse(const std::array<std::string_view, N>& names, std::string_view s) noexcept
    -> std::optional<E> {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == s) return static_cast<E>(i);
  return std::nullopt;
}

}  // namespace detail

PPB_FUNC auto unit_kind_name(unit_kind k) noexcept -> std::string_view {
  return detail::election_enum_name(detail::unit_kind_names, k);
}
PPB_FUNC auto parse_unit_kind(std::string_view s) noexcept -> std::optional<unit_kind> {
  return detail::election_enum_parse<unit_kind>(detail::unit_kind_names, s);
}
PPB_FUNC auto phase_name(phase_kind p) noexcept -> std::string_view {
  return detail::election_enum_name(detail::phase_names, p);
}
PPB_FUNC auto parse_phase(std::string_view s) noexcept -> std::optional<phase_kind> {
  return detail::election_enum_parse<phase_kind>(detail::phase_names, s);
}
PPB_FUNC auto decision_rule_name(decision_rule r) noexcept -> std::string_view {
  return detail::election_enum_name(detail::decision_rule_names, r);
}
PPB_FUNC auto parse_decision_rule(std::string_view s) noexcept -> std::optional<decision_rule> {
  return detail::election_enum_parse<decision_rule>(detail::decision_rule_names, s);
}
PPB_FUNC auto proposal_field_name(proposal_field f) noexcept -> std::string_view {
  return detail::election_enum_name(detail::proposal_field_names, f);
}
PPB_FUNC auto parse_proposal_field(std::string_view s) noexcept -> std::optional<proposal_field> {
  return detail::election_enum_parse<proposal_field>(detail::proposal_field_names, s);
}
PPB_FUNC auto residence_rule_name(residence_rule r) noexcept -> std::string_view {
  return detail::election_enum_name(detail::residence_rule_names, r);
}
PPB_FUNC auto parse_residence_rule(std::string_view s) noexcept -> std::optional<residence_rule> {
  return detail::election_enum_parse<residence_rule>(detail::residence_rule_names, s);
}
PPB_FUNC auto revote_policy_name(revote_policy r) noexcept -> std::string_view {
  return detail::election_enum_name(detail::revote_policy_names, r);
}
PPB_FUNC auto parse_revote_policy(std::string_view s) noexcept -> std::optional<revote_policy> {
  return detail::election_enum_parse<revote_policy>(detail::revote_policy_names, s);
}
PPB_FUNC auto credential_mode_name(credential_mode m) noexcept -> std::string_view {
  return detail::election_enum_name(detail::credential_mode_names, m);
}
PPB_FUNC auto parse_credential_mode(std::string_view s) noexcept -> std::optional<credential_mode> {
  return detail::election_enum_parse<credential_mode>(detail::credential_mode_names, s);
}

PPB_FUNC election_definition::election_definition(election_spec spec, std::string bytes)
    : spec_(std::move(spec)), bytes_(std::move(bytes)) {
  std::size_t roots = 0;
  for (std::size_t i = 0; i < spec_.units.size(); ++i) {
    const auto& u = spec_.units[i];
    if (u.id.empty()) throw usage_error("election unit " + std::to_string(i) + " has an empty id");
    if (!index_.emplace(u.id, i).second) throw usage_error("election unit id '" + u.id + "' is used twice");
    roots += u.parent.empty();
  }
  parent_.assign(spec_.units.size(), no_parent);
  for (std::size_t i = 0; i < spec_.units.size(); ++i) {
    const auto& u = spec_.units[i];
    if (u.parent.empty()) continue;
    const auto it = index_.find(u.parent);
    if (it == index_.end()) throw usage_error("election unit '" + u.id + "' names an unknown parent '" + u.parent + "'");
    parent_[i] = it->second;
  }
  for (std::size_t i = 0; i < spec_.units.size(); ++i) {
    // Walking up more steps than there are units means a cycle.
    std::size_t p = i;
    for (std::size_t steps = 0; parent_[p] != no_parent; ++steps) {
      if (steps > spec_.units.size())
        throw usage_error("election unit '" + spec_.units[i].id + "' is inside a cycle of parents");
      p = parent_[p];
    }
  }
  if (!spec_.units.empty() && roots != 1)
    throw usage_error("election units must form one tree with exactly one root (found " + std::to_string(roots) + ")");
}

PPB_FUNC auto election_definition::find_unit(std::string_view id) const -> const territorial_unit* {
  const auto it = index_.find(std::string(id));
  return it == index_.end() ? nullptr : &spec_.units[it->second];
}

PPB_FUNC auto election_definition::unit_index(std::string_view id) const -> std::optional<std::size_t> {
  const auto it = index_.find(std::string(id));
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

PPB_FUNC auto election_definition::within(std::string_view unit, std::string_view area) const -> bool {
  const auto u = unit_index(unit), a = unit_index(area);
  return u && a && within_at(*u, *a);
}

PPB_FUNC auto election_definition::within_at(std::size_t unit, std::size_t area) const noexcept -> bool {
  for (; unit != no_parent; unit = parent_[unit])
    if (unit == area) return true;
  return false;
}

PPB_FUNC auto election_definition::has_ballot(std::string_view unit) const -> bool {
  const auto* u = find_unit(unit);
  return u != nullptr && u->budget.has_value();
}

PPB_FUNC auto election_definition::ballot_of(std::string_view unit) const -> const ballot_spec& {
  const auto* u = find_unit(unit);
  return u != nullptr && u->ballot ? *u->ballot : spec_.ballot;
}

PPB_FUNC auto election_definition::ballot_units() const -> std::vector<std::string> {
  std::vector<std::string> ids;
  for (const auto& u : spec_.units)
    if (u.budget) ids.push_back(u.id);
  return ids;
}

PPB_FUNC auto election_definition::phase(phase_kind p) const noexcept -> const phase_window* {
  for (const auto& w : spec_.phases)
    if (w.kind == p) return &w;
  return nullptr;
}

PPB_FUNC auto election_definition::local_date(std::chrono::sys_seconds t) const noexcept -> std::chrono::sys_days {
  return std::chrono::floor<std::chrono::days>(t + spec_.utc_offset);
}

PPB_END_NAMESPACE

#endif
