/// @file
/// The election definition: one budget cycle of a city, district or village — its territory tree
/// with budget envelopes, phases, proposal rules, ballot rules, eligibility policy, revote policy,
/// credential mode and tally rule. Read from JSON by `io::parse_election` (docs/election.md), whose
/// exact bytes the definition keeps: the election id is a hash of them (DESIGN.md §5).
#ifndef PPB_MODEL_ELECTION_HPP
#define PPB_MODEL_ELECTION_HPP

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ppb/core/lang.hpp"
#include "ppb/model/calendar.hpp"
#include "ppb/model/instance.hpp"

PPB_BEGIN_NAMESPACE

/// Kind of a territorial unit: a city and its districts and microdistricts, or a region, its rural
/// okrugs and villages. Values are pinned.
enum class unit_kind : std::uint8_t { region = 0, city = 1, district = 2, microdistrict = 3, rural_okrug = 4, village = 5 };

/// Phases of a budget cycle, in the order they happen. Values are pinned.
enum class phase_kind : std::uint8_t {
  submission = 0,  ///< residents submit proposals
  review = 1,      ///< the expert council reviews them
  revision = 2,    ///< authors revise proposals returned to them
  re_review = 3,   ///< the council reviews revised proposals
  voting = 4,      ///< residents vote
  tally = 5,       ///< votes are counted
  published = 6,   ///< results are public
};

/// How the council's votes on one proposal become a decision (see `review_rules`).
enum class decision_rule : std::uint8_t {
  all = 0,       ///< approved only if every vote of the round approves
  majority = 1,  ///< approved if more than half of the round's votes approve
};

/// Proposal fields an election may make mandatory (author, unit, title and cost always are).
enum class proposal_field : std::uint8_t { description = 0, address = 1, category = 2, attachments = 3 };

/// Where a resident may vote.
enum class residence_rule : std::uint8_t {
  own_unit = 0,         ///< only in the unit they live in (and the units that contain it)
  own_plus_others = 1,  ///< there, plus up to `eligibility_policy::other_units` other units
};

/// What a second ballot from the same voter does.
enum class revote_policy : std::uint8_t {
  refuse = 0,  ///< refused: a vote cannot be changed (BNU Astana)
  latest = 1,  ///< the highest revision counts (Decidim, CONSUL)
};

/// Whom the ballot box sees (DESIGN.md §5).
enum class credential_mode : std::uint8_t {
  identified = 0,    ///< each voter's own key, registered against their IIN on the roll
  pseudonymous = 1,  ///< keys handed out by the authority; only the sorted keys are published
};

/// Stable names (as in the JSON definition) and their parsers; parsers return nothing for
/// any other text.
PPB_API auto unit_kind_name(unit_kind k) noexcept -> std::string_view;
PPB_API auto parse_unit_kind(std::string_view s) noexcept -> std::optional<unit_kind>;
PPB_API auto phase_name(phase_kind p) noexcept -> std::string_view;
PPB_API auto parse_phase(std::string_view s) noexcept -> std::optional<phase_kind>;
PPB_API auto decision_rule_name(decision_rule r) noexcept -> std::string_view;
PPB_API auto parse_decision_rule(std::string_view s) noexcept -> std::optional<decision_rule>;
PPB_API auto proposal_field_name(proposal_field f) noexcept -> std::string_view;
PPB_API auto parse_proposal_field(std::string_view s) noexcept -> std::optional<proposal_field>;
PPB_API auto residence_rule_name(residence_rule r) noexcept -> std::string_view;
PPB_API auto parse_residence_rule(std::string_view s) noexcept -> std::optional<residence_rule>;
PPB_API auto revote_policy_name(revote_policy r) noexcept -> std::string_view;
PPB_API auto parse_revote_policy(std::string_view s) noexcept -> std::optional<revote_policy>;
PPB_API auto credential_mode_name(credential_mode m) noexcept -> std::string_view;
PPB_API auto parse_credential_mode(std::string_view s) noexcept -> std::optional<credential_mode>;

/// What a ballot of a unit looks like: the vote type and its limits (pabulib META limits).
struct ballot_spec {
  vote_type kind = vote_type::approval;
  ballot_rules rules;
  friend auto operator==(const ballot_spec&, const ballot_spec&) -> bool = default;
};

/// One unit of the territory tree. A unit with a `budget` has its own ballot (its envelope);
/// a unit without one only groups others.
struct territorial_unit {
  std::string id;                     ///< unique, `[A-Za-z0-9._-]+`
  unit_kind kind = unit_kind::city;
  localized_text name;
  std::string parent;                 ///< id of the containing unit; empty for the root
  std::optional<money> budget;        ///< envelope in smallest units; absent: no ballot here
  std::optional<ballot_spec> ballot;  ///< overrides the election's default ballot for this unit
  friend auto operator==(const territorial_unit&, const territorial_unit&) -> bool = default;
};

/// A phase and its half-open window `[begin, end)` in UTC.
struct phase_window {
  phase_kind kind = phase_kind::submission;
  std::chrono::sys_seconds begin{}, end{};
  [[nodiscard]] auto contains(std::chrono::sys_seconds t) const noexcept -> bool { return begin <= t && t < end; }
  friend auto operator==(const phase_window&, const phase_window&) -> bool = default;
};

/// The expert council and how its votes decide.
struct review_rules {
  std::vector<std::string> council;  ///< reviewer ids allowed to vote; empty: anyone
  std::uint32_t quorum = 1;          ///< votes in a round before a decision is taken
  decision_rule rule = decision_rule::majority;
  friend auto operator==(const review_rules&, const review_rules&) -> bool = default;
};

/// What a proposal must satisfy to be accepted, and how it is reviewed.
struct proposal_rules {
  std::vector<std::string> categories;  ///< allowed categories (non-empty)
  money min_cost = 0;                   ///< lowest estimated cost, smallest units
  std::optional<money> max_cost;        ///< per-project cap; absent: the unit's budget
  std::uint32_t max_per_author = 1;     ///< proposals one author may have (withdrawn ones do not count)
  std::vector<proposal_field> required; ///< fields that must not be empty
  std::uint32_t max_revisions = 1;      ///< times a proposal may be returned for revision
  std::optional<int> author_min_age;    ///< minimum age of an author; absent: the voting age
  review_rules review;
  friend auto operator==(const proposal_rules&, const proposal_rules&) -> bool = default;
};

/// Who may vote where (issue 4): age on the voting day, residence, registration cutoff.
struct eligibility_policy {
  int min_age = 18;                                   ///< on the local date of the vote
  residence_rule residence = residence_rule::own_unit;
  std::uint32_t other_units = 0;                      ///< with `own_plus_others`
  std::optional<std::chrono::sys_days> registration_cutoff;  ///< registered on or before this date
  friend auto operator==(const eligibility_policy&, const eligibility_policy&) -> bool = default;
};

/// The tally as `ppb tally` spells it: `--rule`, `--satisfaction`, `--tie-break`, `--seed`,
/// `--completion`, `--comparison` (`io::tally_options` turns it into `rule_options`).
struct tally_spec {
  std::string rule = "greedy";
  std::optional<std::string> satisfaction;  ///< absent: the rule's default (points; mes: cost)
  std::string tie_break = "default";
  std::uint64_t seed = 0;
  std::string completion = "none";          ///< mes only
  bool comparison = false;                  ///< mes only
  friend auto operator==(const tally_spec&, const tally_spec&) -> bool = default;
};

/// Everything an election definition says, as plain data (the parse of its JSON).
struct election_spec {
  std::string cycle;            ///< id of the budget cycle, e.g. `kosshy-2026`
  localized_text title;
  std::string country = "Kazakhstan";
  std::string currency = "KZT";  ///< ISO 4217
  int money_places = 0;          ///< budgets and costs count units of 10^-money_places
  std::chrono::minutes utc_offset{0};  ///< local time, for "the voting day" (Kazakhstan: +05:00)
  std::vector<territorial_unit> units;
  std::vector<phase_window> phases;  ///< in phase order, not overlapping
  proposal_rules proposals;
  ballot_spec ballot;                ///< default ballot of every unit with a budget
  eligibility_policy eligibility;
  revote_policy revote = revote_policy::refuse;
  credential_mode credentials = credential_mode::identified;
  tally_spec tally;
  friend auto operator==(const election_spec&, const election_spec&) -> bool = default;
};

/// One problem in a definition: where (a JSON Pointer, `""` for the document itself) and what.
/// A JSON syntax error has an empty path and a message starting `line L, column C:`.
struct definition_problem {
  std::string path;
  std::string message;
  /// `path: message`, or the message alone when the path is empty.
  [[nodiscard]] auto to_string() const -> std::string { return path.empty() ? message : path + ": " + message; }
  friend auto operator==(const definition_problem&, const definition_problem&) -> bool = default;
};

/// An election definition: its spec plus the exact bytes it was read from. Immutable, so that
/// what the engine uses never drifts from what the election id commits to. Build it with
/// `io::parse_election` / `io::load_election`. Copyable; thread-safe for concurrent reads.
class PPB_API election_definition {
 public:
  /// An empty definition (no units); what a default-constructed snapshot holds.
  election_definition() = default;
  /// Takes a spec and the bytes it was parsed from. Throws `usage_error` when the units do not
  /// form one tree (empty or duplicate id, unknown parent, cycle, not exactly one root); the
  /// JSON loader checks much more and reports every problem (use it). O(units).
  election_definition(election_spec spec, std::string bytes);

  [[nodiscard]] auto spec() const noexcept -> const election_spec& { return spec_; }
  /// The exact bytes of the definition (input of the election id).
  [[nodiscard]] auto bytes() const noexcept -> const std::string& { return bytes_; }

  /// The unit with this id, or nullptr. O(1).
  [[nodiscard]] auto find_unit(std::string_view id) const -> const territorial_unit*;
  /// Whether `unit` is `area` or lies inside it (area is an ancestor). False if either is unknown.
  /// O(depth).
  [[nodiscard]] auto within(std::string_view unit, std::string_view area) const -> bool;
  /// The position of unit `id` in `spec().units`, or nothing. O(1).
  [[nodiscard]] auto unit_index(std::string_view id) const -> std::optional<std::size_t>;
  /// `within` by positions in `spec().units` (as `unit_index` gives them): O(depth), no lookup by
  /// name, for callers that check residence per ballot.
  [[nodiscard]] auto within_at(std::size_t unit, std::size_t area) const noexcept -> bool;
  /// Whether `unit` exists and has a budget envelope (its own ballot).
  [[nodiscard]] auto has_ballot(std::string_view unit) const -> bool;
  /// The ballot of `unit`: its own override or the election's default.
  [[nodiscard]] auto ballot_of(std::string_view unit) const -> const ballot_spec&;
  /// Ids of the units with a budget, in definition order.
  [[nodiscard]] auto ballot_units() const -> std::vector<std::string>;
  /// The window of phase `p`, or nullptr if the election does not have that phase.
  [[nodiscard]] auto phase(phase_kind p) const noexcept -> const phase_window*;
  /// The local calendar date of `t` (at the election's UTC offset).
  [[nodiscard]] auto local_date(std::chrono::sys_seconds t) const noexcept -> std::chrono::sys_days;

  /// Equal when the bytes are equal (the spec is their parse).
  friend auto operator==(const election_definition& a, const election_definition& b) -> bool {
    return a.bytes_ == b.bytes_ && a.spec_ == b.spec_;
  }

 private:
  election_spec spec_;
  std::string bytes_;
  std::unordered_map<std::string, std::size_t> index_;
  static constexpr std::size_t no_parent = static_cast<std::size_t>(-1);
  std::vector<std::size_t> parent_;  // each unit's parent's position, or no_parent for the root
};

PPB_END_NAMESPACE

#ifdef PPB_HEADER_ONLY
#  include "ppb/model/election-inl.hpp"
#endif

#endif
