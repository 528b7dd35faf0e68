// Definitions of ppb/ledger/box.hpp.
#include <boost/json.hpp>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <exception>
#include <iterator>
#include <list>
#include <map>
#include <mutex>
#include <new>
#include <numeric>
#include <set>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "ppb/ballots/validation.hpp"
#include "ppb/core/huge_pages.hpp"
#include "ppb/core/index_table.hpp"
#include "ppb/core/parallel.hpp"
#include "ppb/eligibility/checker.hpp"
#include "ppb/io/election_json.hpp"
#include "ppb/io/json.hpp"
#include "ppb/io/pabulib.hpp"
#include "ppb/ledger/box.hpp"
#include "ppb/tally/rule.hpp"

PPB_BEGIN_NAMESPACE

PPB_FUNC auto ledger::reject_reason_name(reject_reason r) noexcept -> std::string_view {
  using R = reject_reason;
  switch (r) {
    case R::too_short: case R::bad_context: case R::bad_signature: case R::truncated_payload:
    case R::trailing_bytes: case R::unknown_payload: case R::count_mismatch: case R::wrong_order:
    case R::duplicate_project: case R::zero_points:
      return ballot_format_fault_name(static_cast<ballot_format_fault>(r));
    case R::oversized: return "oversized";
    case R::wrong_election: return "wrong_election";
    case R::unknown_unit: return "unknown_unit";
    case R::unknown_credential: return "unknown_credential";
    case R::revoked_credential: return "revoked_credential";
    case R::not_eligible: return "not_eligible";
    case R::wrong_ballot_kind: return "wrong_ballot_kind";
    case R::voting_not_open: return "voting_not_open";
    case R::voting_closed: return "voting_closed";
    case R::stale_revision: return "stale_revision";
    case R::repeated_revision: return "repeated_revision";
    case R::duplicate: return "duplicate";
    case R::revote_refused: return "revote_refused";
    case R::box_closed: return "box_closed";
    case R::unknown_officer: return "unknown_officer";
    case R::batch_mismatch: return "batch_mismatch";
    case R::duplicate_batch: return "duplicate_batch";
    case R::voted_online: return "voted_online";
    case R::voted_on_paper: return "voted_on_paper";
    case R::ballot_too_few_projects: case R::ballot_too_many_projects: case R::ballot_cost_below_minimum:
    case R::ballot_cost_above_maximum: case R::ballot_points_below_minimum: case R::ballot_points_above_maximum:
    case R::ballot_point_sum_below_minimum: case R::ballot_point_sum_above_maximum: case R::ballot_unknown_project:
    case R::ballot_duplicate_project: case R::ballot_not_exactly_one:
      return ballot_fault_name(static_cast<ballot_fault>(static_cast<int>(r) - 40));
  }
  return "unknown";
}

PPB_FUNC auto ledger::all_reject_reasons() -> std::vector<reject_reason> {
  std::vector<reject_reason> all;
  for (int v : {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37})
    all.push_back(static_cast<reject_reason>(v));
  for (int f = 1; f <= 11; ++f) all.push_back(static_cast<reject_reason>(40 + f));
  return all;
}

PPB_FUNC auto ledger::checkpoint_text(const digest& election, std::uint64_t size, const digest& root) -> std::string {
  return "ppb/checkpoint/v1\nppb:" + to_hex(election) + "\n" + std::to_string(size) + "\n" + to_hex(root) + "\n";
}

namespace ledger::detail {

/// The hash under which a key or a digest is indexed: its first eight bytes, since keys and
/// SHA-256 digests are uniformly random.
inline auto box_leading_hash(const std::array<std::uint8_t, 32>& bytes) noexcept -> std::uint64_t {
  std::uint64_t h;
  std::memcpy(&h, bytes.data(), sizeof h);
  return h;
}

/// Which payload a vote type's ballots carry.
constexpr auto box_payload_of(vote_type t) noexcept -> payload_kind {
  return has_points(t) ? payload_kind::points : t == vote_type::ordinal ? payload_kind::ranking : payload_kind::approval;
}

/// Reads fields of a logged payload, refusing to run past its end.
class box_cursor {
 public:
  box_cursor(byte_span b, std::uint64_t entry) : b_(b), entry_(entry) {}
  auto take(std::size_t n) -> byte_span {
    if (b_.size() - pos_ < n) throw corrupt("payload ends early");
    auto s = b_.subspan(pos_, n);
    pos_ += n;
    return s;
  }
  template <class T>
  auto num() -> T { return get_be<T>(take(sizeof(T)).data()); }
  auto text32() -> std::string {
    const auto n = num<std::uint32_t>();
    const auto s = take(n);
    return {reinterpret_cast<const char*>(s.data()), s.size()};
  }
  template <std::size_t N>
  auto array() -> std::array<std::uint8_t, N> {
    std::array<std::uint8_t, N> a;
    const auto s = take(N);
    std::copy(s.begin(), s.end(), a.begin());
    return a;
  }
  [[nodiscard]] auto rest() const -> byte_span { return b_.subspan(pos_); }
  void end() const {
    if (pos_ != b_.size()) throw corrupt("trailing bytes in the payload");
  }
  [[nodiscard]] auto corrupt(const std::string& why) const -> parse_error {
    return parse_error(errc::log_corrupt, "", 0, "entry " + std::to_string(entry_) + ": " + why);
  }

 private:
  byte_span b_;
  std::size_t pos_ = 0;
  std::uint64_t entry_;
};

inline void box_put_text32(byte_buffer& out, std::string_view s) {
  put_be(out, static_cast<std::uint32_t>(s.size()));
  append(out, as_bytes(s));
}

inline auto box_setup_payload(const box_setup& s) -> byte_buffer {
  byte_buffer out;
  box_put_text32(out, s.election.bytes());
  put_be(out, static_cast<std::uint32_t>(s.ballots.size()));
  for (const auto& inst : s.ballots) box_put_text32(out, io::to_pabulib(election{inst, profile(inst.kind), {}}));
  append(out, s.authority);
  put_be(out, static_cast<std::uint32_t>(s.officers.size()));
  for (const auto& o : s.officers) {
    append(out, o.key);
    box_put_text32(out, o.unit);
  }
  return out;
}

inline auto box_read_setup(byte_span payload, std::uint64_t entry) -> box_setup {
  box_cursor c(payload, entry);
  box_setup s;
  s.election = io::parse_election(c.text32(), "setup entry");
  const auto n = c.num<std::uint32_t>();
  for (std::uint32_t i = 0; i < n; ++i) {
    auto e = io::parse_pabulib(c.text32(), "setup entry ballot " + std::to_string(i));
    s.ballots.push_back(std::move(e.inst));
  }
  s.authority = c.array<public_key_bytes>();
  const auto officers = c.num<std::uint32_t>();
  for (std::uint32_t i = 0; i < officers; ++i) {
    credential o;
    o.key = c.array<public_key_bytes>();
    o.unit = c.text32();
    s.officers.push_back(std::move(o));
  }
  c.end();
  return s;
}

/// Credentials entries hold at most this many keys each, so no entry grows without bound.
inline constexpr std::size_t box_credentials_per_entry = 50000;

inline auto box_credentials_payload(std::span<const credential> creds) -> byte_buffer {
  byte_buffer out;
  put_be(out, static_cast<std::uint32_t>(creds.size()));
  for (const auto& c : creds) {
    append(out, c.key);
    box_put_text32(out, c.unit);
  }
  return out;
}

inline void box_read_credentials(byte_span payload, std::uint64_t entry, std::vector<credential>& out) {
  box_cursor c(payload, entry);
  const auto n = c.num<std::uint32_t>();
  for (std::uint32_t i = 0; i < n; ++i) {
    credential k;
    k.key = c.array<public_key_bytes>();
    k.unit = c.text32();
    out.push_back(std::move(k));
  }
  c.end();
}

/// A submission after its signature check: a ballot, a paper batch, or nothing (oversized: not read).
struct opened_submission {
  std::optional<open_result> ballot;
  std::optional<open_batch_result> batch;
  digest id{};  ///< ballot or batch id (all zero under signature_bytes); hashed here, off the box's lock
  /// A ballot's row in the credential list, or `index_table::npos` if its key is not on it: set
  /// by `box_state::locate`, off the box's lock; decisions look it up where it is not set.
  std::optional<std::uint32_t> credential_row;
};

/// Checks the signature, parses `bytes` as what their context says they are, and hashes their id.
/// Pure and costly (a signature check): callers run it on many threads before deciding in order.
inline auto open_submission_bytes(byte_span bytes) -> opened_submission {
  opened_submission o;
  const bool oversized = bytes.size() > max_submission_bytes;  // never read: decided as a ballot
  const bool batch = !oversized && crypto::is_paper_batch(bytes);
  if (bytes.size() >= signature_bytes) o.id = batch ? crypto::paper_batch_id(bytes) : crypto::ballot_id(bytes);
  if (oversized) return o;
  if (batch)
    o.batch = crypto::open_paper_batch(bytes);
  else
    o.ballot = crypto::open_ballot(bytes);
  return o;
}

/// The decisions of a box: a pure state machine over (setup, roll, submissions in log order).
/// The live box and `replay_log` both drive it, so a replay re-decides exactly as the box did.
class box_state {
 public:
  box_state(box_setup setup, const voter_roll* roll) : setup_(std::move(setup)), roll_(roll) {
    const auto units = setup_.election.ballot_units();
    if (units.size() != setup_.ballots.size())
      throw usage_error("the box needs one ballot per unit with a budget: " + std::to_string(units.size()) +
                        " units, " + std::to_string(setup_.ballots.size()) + " ballots");
    units_ = units;
    // Residence is checked per ballot: by unit position, not by name (a lookup per step).
    for (const auto& u : units_) ballot_unit_index_.push_back(static_cast<std::uint32_t>(*setup_.election.unit_index(u)));
    // The definition is authoritative for each unit's ballot: its vote type and budget must agree,
    // and its rules are the ones the box enforces (a .pb file may not carry them all).
    for (std::size_t u = 0; u < units_.size(); ++u) {
      const auto& spec = setup_.election.ballot_of(units_[u]);
      auto& inst = setup_.ballots[u];
      if (inst.kind != spec.kind || inst.budget != *setup_.election.find_unit(units_[u])->budget)
        throw usage_error("the ballot of " + units_[u] + " does not match the election (vote type " +
                          std::string(vote_type_name(inst.kind)) + ", budget " + std::to_string(inst.budget) + ")");
      if (inst.size() > 0xFFFF) throw usage_error("a ballot holds at most 65535 projects");
      inst.rules = spec.rules;
    }
    election_id_ = crypto::election_id(setup_.election.bytes());
    {
      // Each ballot's lookup compares one credential at random: move the list into huge pages.
      std::vector<credential> moved;
      moved.reserve(setup_.credentials.size());
      advise_huge_pages(moved);
      std::move(setup_.credentials.begin(), setup_.credentials.end(), std::back_inserter(moved));
      setup_.credentials = std::move(moved);
    }
    std::sort(setup_.credentials.begin(), setup_.credentials.end(),
              [](const credential& a, const credential& b) { return a.key < b.key; });
    // The point check costs as much as a signature check: run it on every core.
    const auto& creds = setup_.credentials;
    std::vector<char> valid(creds.size());
    parallel_for(creds.size(), hardware_threads(),
                 [&](std::size_t i) { valid[i] = crypto::is_valid_credential_key(creds[i].key); });
    // Sized up front: a table grown under the box's lock stalls every submitter while millions of
    // rows are copied or re-filed. The arrays reserve address space for `expected_ballots`; the
    // indexes, whose slots are written when made, for one ballot per credential (they grow only at
    // 3/4 of a power of two, 1.3 to 2.7 times that).
    by_key_.reserve(creds.size());
    seen_.reserve(creds.size());
    seen_ids_.reserve(expected_ballots());
    counted_index_.reserve(creds.size());
    counted_.reserve(expected_ballots());
    home_.reserve(creds.size());
    advise_huge_pages(seen_ids_);
    advise_huge_pages(counted_);
    advise_huge_pages(home_);
    for (std::size_t i = 0; i < creds.size(); ++i) add_credential(i, valid[i] != 0);
    tracks_other_units_ = roll_ == nullptr && setup_.election.spec().eligibility.residence == residence_rule::own_plus_others;
    for (const auto& o : setup_.officers) {
      if (std::find(units_.begin(), units_.end(), o.unit) == units_.end())
        throw usage_error("officer " + to_hex(o.key) + " serves '" + o.unit + "', which is not a ballot unit");
      if (!officers_.emplace(o.key, o.unit).second) throw usage_error("officer " + to_hex(o.key) + " is listed twice");
    }
    paper_.resize(units_.size());
  }

  [[nodiscard]] auto setup() const noexcept -> const box_setup& { return setup_; }
  /// How many accepted ballots the box's per-ballot arrays (ids, counted ballots, and the live
  /// box's Merkle tree) are reserved for, so that none is copied while the box's lock is held: two
  /// per credential, a vote in the voter's own unit and one in the unit above. More only grow
  /// them. (At 10 M voters, while one was copied the other core idled for up to 13% of that
  /// segment.) A reservation is address space; its pages are touched as rows arrive.
  [[nodiscard]] auto expected_ballots() const noexcept -> std::size_t { return 2 * setup_.credentials.size(); }
  [[nodiscard]] auto election_id() const noexcept -> const digest& { return election_id_; }
  [[nodiscard]] auto closed() const noexcept -> bool { return closed_; }
  void close() noexcept { closed_ = true; }
  std::uint64_t accepted = 0, rejected = 0, paper_ballots = 0;

  auto revoke(const public_key& key) -> bool {
    const auto ci = credential_of(key);
    if (ci == index_table::npos || revoked_.count(ci)) return false;
    revoked_.insert(ci);
    return true;
  }

  /// Decides one submission (opened by `open_submission_bytes`) without changing anything:
  /// `record` commits the decision.
  [[nodiscard]] auto decide(byte_span submitted, const opened_submission& o, std::chrono::sys_seconds at) const -> verdict {
    if (o.batch) return decide_batch(o.id, *o.batch, at);
    return decide_ballot(submitted, o, at);
  }

  /// One step of finding ballot `o`'s credential row ahead of its decision (`o.credential_row`):
  /// 0 starts loading the key's index slot, 1 the row that slot names, 2 looks the key up. A
  /// caller spaces the steps out, so that each finds in the cache what the one before loaded.
  /// Reads only what never changes once the box is built (the credential list and its index):
  /// workers locate while another thread decides.
  void locate(opened_submission& o, std::size_t step) const {
    if (!o.ballot || !*o.ballot) return;
    const auto& key = o.ballot->ballot->content.credential;
    if (step == 0)
      by_key_.prefetch(box_leading_hash(key));
    else if (step == 1)
      prefetch_credential_row(key);
    else
      o.credential_row = credential_of(key);
  }

  /// Call before deciding submission `k` of a run of `n` decided in order (`opened(i)` gives
  /// submission i's `opened_submission`, or null to skip it): starts loading what the next three
  /// decisions will read in the large tables, so that the run overlaps their cache misses instead
  /// of taking five in a row per ballot. A hint only: it changes nothing, and a stage made stale by
  /// the decisions between is merely wasted.
  template <class Opened>
  void prefetch_ahead(std::size_t k, std::size_t n, Opened&& opened) const noexcept {
    for (std::size_t d = 1; d <= 3 && k + d < n; ++d)
      if (const opened_submission* o = opened(k + d)) prefetch(*o, 3 - d);
  }

  /// Commits verdict `v`: counts a rejection, or records an accepted ballot or batch.
  void record(const verdict& v, const opened_submission& o) {
    if (!v.accepted) {
      ++rejected;
      return;
    }
    if (o.batch)
      record_batch(o.batch->batch->batch, v);
    else
      record_ballot(o.ballot->ballot->content, v, row_of(o));
  }

  [[nodiscard]] auto decide_ballot(byte_span submitted, const opened_submission& o, std::chrono::sys_seconds at) const -> verdict {
    const open_result* opened = o.ballot ? &*o.ballot : nullptr;
    verdict v;
    v.ballot_id = o.id;
    const auto refuse = [&](reject_reason r, std::string detail) {
      v.reason = r;
      v.detail = std::move(detail);
      return v;
    };
    if (!opened)  // first, so that an oversized submission is never logged whole
      return refuse(reject_reason::oversized, std::to_string(submitted.size()) + " bytes; at most " +
                                                  std::to_string(max_submission_bytes));
    if (closed_) return refuse(reject_reason::box_closed, "the ballot box is closed");
    if (!*opened) return refuse(static_cast<reject_reason>(opened->fault), opened->detail);
    const auto& b = opened->ballot->content;
    if (auto f = envelope_fault(b.election, b.unit)) return refuse(f->first, std::move(f->second));
    const auto& unit = units_[b.unit];
    const auto cred = row_of(o);
    if (cred == index_table::npos) return refuse(reject_reason::unknown_credential, "the key is not on the credential list");
    if (revoked_.count(cred)) return refuse(reject_reason::revoked_credential, "the key was revoked");
    if (auto f = window_fault(at)) return refuse(f->first, std::move(f->second));
    if (seen(v.ballot_id)) return refuse(reject_reason::duplicate, "this ballot was already received");
    const auto slot = slot_of(cred, b.unit);
    if (paper_marked_.count(slot)) return refuse(reject_reason::voted_on_paper, "this voter voted on paper in " + unit);
    const auto counted = counted_row(slot);
    if (counted != index_table::npos) {
      const auto have = counted_[counted].revision;
      if (setup_.election.spec().revote == revote_policy::refuse)
        return refuse(reject_reason::revote_refused, "this credential already voted in " + unit + " (revision " +
                                                         std::to_string(have) + ") and revotes are refused");
      if (b.revision < have)
        return refuse(reject_reason::stale_revision, "revision " + std::to_string(b.revision) + " is older than the counted " +
                                                         std::to_string(have));
      if (b.revision == have)
        return refuse(reject_reason::repeated_revision, "revision " + std::to_string(b.revision) + " was already cast");
    }
    if (auto why = ineligible(cred, b.unit, at, counted != index_table::npos))
      return refuse(reject_reason::not_eligible, std::move(*why));
    const auto& inst = setup_.ballots[b.unit];
    if (b.kind != box_payload_of(inst.kind))
      return refuse(reject_reason::wrong_ballot_kind, "a " + std::string(vote_type_name(inst.kind)) +
                                                          " ballot cannot carry payload type " +
                                                          std::to_string(static_cast<int>(b.kind)));
    if (auto broken = validate(inst, view_of(b.items, b.points)))
      return refuse(static_cast<reject_reason>(40 + static_cast<int>(broken->fault)), broken->detail);
    v.accepted = true;
    return v;
  }

  /// Decides a paper batch: the officer, the window, every mark (on the list, not revoked, not
  /// voted here online or on paper, eligible) and every ballot (kind and rules).
  [[nodiscard]] auto decide_batch(const digest& id, const open_batch_result& opened, std::chrono::sys_seconds at) const
      -> verdict {
    verdict v;
    v.ballot_id = id;
    const auto refuse = [&](reject_reason r, std::string detail) {
      v.reason = r;
      v.detail = std::move(detail);
      return v;
    };
    if (closed_) return refuse(reject_reason::box_closed, "the ballot box is closed");
    if (!opened) return refuse(static_cast<reject_reason>(opened.fault), opened.detail);
    const auto& b = opened.batch->batch;
    if (auto f = envelope_fault(b.election, b.unit)) return refuse(f->first, std::move(f->second));
    const auto& unit = units_[b.unit];
    const auto officer = officers_.find(b.officer);
    if (officer == officers_.end() || officer->second != unit)
      return refuse(reject_reason::unknown_officer, "the key is not an officer of " + unit);
    if (auto f = window_fault(at)) return refuse(f->first, std::move(f->second));
    if (batches_.count({b.officer, b.number}))
      return refuse(reject_reason::duplicate_batch, "batch " + std::to_string(b.number) + " of this officer was already received");
    if (b.marks.size() != b.ballots.size())
      return refuse(reject_reason::batch_mismatch, std::to_string(b.marks.size()) + " voters marked, " +
                                                       std::to_string(b.ballots.size()) + " ballots");
    for (std::size_t i = 0; i < b.marks.size(); ++i) {
      const auto who = "voter " + std::to_string(i + 1) + " of the batch: ";
      const auto cred = credential_of(b.marks[i]);
      if (cred == index_table::npos) return refuse(reject_reason::unknown_credential, who + "not on the credential list");
      if (revoked_.count(cred)) return refuse(reject_reason::revoked_credential, who + "revoked");
      const auto slot = slot_of(cred, b.unit);
      if (counted_row(slot) != index_table::npos)
        return refuse(reject_reason::voted_online, who + "already voted online in " + unit);
      if (paper_marked_.count(slot)) return refuse(reject_reason::voted_on_paper, who + "already voted on paper in " + unit);
      if (auto why = ineligible(cred, b.unit, at, false)) return refuse(reject_reason::not_eligible, who + *why);
    }
    const auto& inst = setup_.ballots[b.unit];
    for (std::size_t i = 0; i < b.ballots.size(); ++i) {
      const auto& c = b.ballots[i];
      const auto which = "ballot " + std::to_string(i + 1) + " of the batch: ";
      if (c.kind != box_payload_of(inst.kind)) return refuse(reject_reason::wrong_ballot_kind, which + "payload type does not fit");
      if (auto broken = validate(inst, view_of(c.items, c.points)))
        return refuse(static_cast<reject_reason>(40 + static_cast<int>(broken->fault)), which + broken->detail);
    }
    v.accepted = true;
    return v;
  }

  /// The counted ballots, one profile per unit, in credential-key order (deterministic).
  [[nodiscard]] auto profiles() const -> std::vector<profile> {
    std::vector<profile> out;
    for (const auto& inst : setup_.ballots) out.emplace_back(inst.kind);
    std::vector<const counted_ballot*> in_order;
    in_order.reserve(counted_.size());
    for (const auto& c : counted_) in_order.push_back(&c);
    std::sort(in_order.begin(), in_order.end(), [](const auto* a, const auto* b) { return a->slot < b->slot; });
    for (const auto* c : in_order) out[c->slot & 0xFFFFFFFFu].add(items_of(c->choices), points_of(c->choices));
    for (std::size_t u = 0; u < paper_.size(); ++u)
      for (const auto& c : paper_[u]) out[u].add(items_of(c), points_of(c));
    return out;
  }

 private:
  using fault = std::optional<std::pair<reject_reason, std::string>>;
  /// What ballots and batches share: signed for this election, for one of its ballot units.
  [[nodiscard]] auto envelope_fault(const digest& election, std::uint32_t unit) const -> fault {
    if (election != election_id_)
      return std::pair{reject_reason::wrong_election, "signed for election " + to_hex(election).substr(0, 16) + "…"};
    if (unit >= units_.size())
      return std::pair{reject_reason::unknown_unit, "unit index " + std::to_string(unit) + "; the election has " +
                                                        std::to_string(units_.size()) + " ballot units"};
    return std::nullopt;
  }
  /// Whether `at` is outside the voting phase (an election without one is always open).
  [[nodiscard]] auto window_fault(std::chrono::sys_seconds at) const -> fault {
    if (const auto* w = setup_.election.phase(phase_kind::voting)) {
      if (at < w->begin) return std::pair{reject_reason::voting_not_open, "voting opens " + format_iso_timestamp(w->begin)};
      if (at >= w->end) return std::pair{reject_reason::voting_closed, "voting closed " + format_iso_timestamp(w->end)};
    }
    return std::nullopt;
  }

  static auto slot_of(std::uint32_t credential, std::uint32_t unit) noexcept -> std::uint64_t {
    return (std::uint64_t{credential} << 32) | unit;
  }
  /// A ballot's choices as `validate` reads them, widened into the state's scratch arrays (no
  /// allocation per ballot; valid until the next call, and the state is never shared between threads).
  auto view_of(const std::vector<std::uint16_t>& items, const std::vector<std::uint32_t>& points) const -> ballot_view {
    view_items_.assign(items.begin(), items.end());
    view_points_.assign(points.begin(), points.end());
    return ballot_view{view_items_, view_points_, 1};
  }

  // The rows the indexes compare with: one predicate per table, shared by lookup and insertion.
  [[nodiscard]] auto credential_is(const public_key& key) const {
    return [this, &key](std::uint32_t r) { return setup_.credentials[r].key == key; };
  }
  [[nodiscard]] auto counted_row_is(std::uint64_t slot) const {
    return [this, slot](std::uint32_t r) { return counted_[r].slot == slot; };
  }

  // One stage of `prefetch_ahead` for ballot `o`, each at least one decision after the one before:
  // 0 loads the id's slot and, for a located ballot, its counted-ballot slot and home unit (all it
  // needs); otherwise 0 loads the credential's slot, 1 the row it names, 2 the counted-ballot slot
  // and the home unit, found from that row.
  void prefetch(const opened_submission& o, std::size_t stage) const noexcept {
    if (!o.ballot || !*o.ballot) return;
    const auto& b = o.ballot->ballot->content;
    if (stage == 0) seen_.prefetch(box_leading_hash(o.id));
    if (o.credential_row) {
      if (stage == 0) prefetch_counted(*o.credential_row, b.unit);
    } else if (stage == 0) {
      by_key_.prefetch(box_leading_hash(b.credential));
    } else if (stage == 1) {
      prefetch_credential_row(b.credential);
    } else {
      prefetch_counted(credential_of(b.credential), b.unit);
    }
  }
  // Starts loading the credential row a lookup of `key` will most likely compare (its slot loaded).
  void prefetch_credential_row(const public_key& key) const noexcept {
    if (const auto r = by_key_.likely_row(box_leading_hash(key)); r != index_table::npos) prefetch_cache_line(&setup_.credentials[r]);
  }
  // Starts loading credential row `c`'s counted-ballot slot in `unit` and its home unit.
  void prefetch_counted(std::uint32_t c, std::uint32_t unit) const noexcept {
    if (c == index_table::npos) return;
    counted_index_.prefetch(index_table::mix(slot_of(c, unit)));
    prefetch_cache_line(&home_[c]);
  }

  void record_ballot(const ballot_content& b, const verdict& v, std::uint32_t ci) {
    ++accepted;
    seen_.insert(box_leading_hash(v.ballot_id), static_cast<std::uint32_t>(seen_ids_.size()));
    seen_ids_.push_back(v.ballot_id);
    const auto slot = slot_of(ci, b.unit);
    const auto row = counted_index_.find_or_insert(index_table::mix(slot), static_cast<std::uint32_t>(counted_.size()),
                                                   counted_row_is(slot));
    if (row == counted_.size()) counted_.push_back({slot, 0, {}});
    // A revote's choices are stored anew; the old ones stay in the arenas, unreferenced.
    counted_[row].revision = b.revision;
    counted_[row].choices = store(b.items, b.points);
    if (roll_)
      if (const auto* voter = roll_->find_credential(b.credential)) voted_.record(voter->id, units_[b.unit], vote_channel::online);
    if (tracks_other_units_) units_voted_[ci].insert(b.unit);
  }

  void record_batch(const paper_batch& b, const verdict&) {
    batches_.insert({b.officer, b.number});
    for (const auto& key : b.marks) {
      const auto ci = credential_of(key);
      paper_marked_.insert(slot_of(ci, b.unit));
      if (roll_)
        if (const auto* voter = roll_->find_credential(key)) voted_.record(voter->id, units_[b.unit], vote_channel::paper);
      if (tracks_other_units_) units_voted_[ci].insert(b.unit);
    }
    for (const auto& c : b.ballots) paper_[b.unit].push_back(store(c.items, c.points));
    paper_ballots += b.ballots.size();
  }

  /// A ballot's choices, kept in the box's two arenas: no allocation per ballot.
  struct stored_choices {
    std::uint64_t items_at = 0, points_at = 0;
    std::uint32_t items = 0, points = 0;
  };
  /// The ballot that counts for one (credential, unit) slot.
  struct counted_ballot {
    std::uint64_t slot = 0;
    std::uint64_t revision = 0;
    stored_choices choices;
  };

  auto store(const std::vector<std::uint16_t>& items, const std::vector<std::uint32_t>& points) -> stored_choices {
    const stored_choices c{items_.size(), points_.size(), static_cast<std::uint32_t>(items.size()),
                           static_cast<std::uint32_t>(points.size())};
    items_.insert(items_.end(), items.begin(), items.end());
    points_.insert(points_.end(), points.begin(), points.end());
    return c;
  }
  [[nodiscard]] auto items_of(const stored_choices& c) const -> std::span<const project_index> {
    return std::span(items_).subspan(c.items_at, c.items);
  }
  [[nodiscard]] auto points_of(const stored_choices& c) const -> std::span<const std::int64_t> {
    return std::span(points_).subspan(c.points_at, c.points);
  }

  /// The index of `key` in the (sorted) credential list, or `index_table::npos`.
  [[nodiscard]] auto credential_of(const public_key& key) const -> std::uint32_t {
    return by_key_.find(box_leading_hash(key), credential_is(key));
  }
  /// The credential row of opened ballot `o`: located beforehand, or looked up now.
  [[nodiscard]] auto row_of(const opened_submission& o) const -> std::uint32_t {
    return o.credential_row ? *o.credential_row : credential_of(o.ballot->ballot->content.credential);
  }
  [[nodiscard]] auto seen(const digest& id) const -> bool {
    return seen_.find(box_leading_hash(id), [&](std::uint32_t i) { return seen_ids_[i] == id; }) != index_table::npos;
  }
  /// The row in `counted_` of `slot`'s counted ballot, or `index_table::npos`.
  [[nodiscard]] auto counted_row(std::uint64_t slot) const -> std::uint32_t {
    return counted_index_.find(index_table::mix(slot), counted_row_is(slot));
  }

  void add_credential(std::size_t i, bool valid_point) {
    const auto& c = setup_.credentials[i];
    if (!valid_point)
      throw usage_error("credential " + to_hex(c.key) + " is not a valid Ed25519 key (small order or not on the curve)");
    const auto home = setup_.election.unit_index(c.unit);
    if (!home)
      throw usage_error("credential " + to_hex(c.key) + " names unit '" + c.unit + "', which the election does not define");
    home_.push_back(static_cast<std::uint32_t>(*home));
    if (i >= index_table::npos) throw usage_error("the box holds fewer than 2^32 - 1 credentials");
    const auto row = static_cast<std::uint32_t>(i);
    if (by_key_.find_or_insert(box_leading_hash(c.key), row, credential_is(c.key)) != row)
      throw usage_error("credential " + to_hex(c.key) + " is listed twice");
  }

  /// Why the holder of credential `ci` may not vote in ballot unit `ballot_unit` now, or nothing.
  /// With a roll, the eligibility checker's every condition; without, residence from the
  /// credential's unit.
  auto ineligible(std::uint32_t ci, std::uint32_t ballot_unit, std::chrono::sys_seconds at, bool revote) const
      -> std::optional<std::string> {
    const auto& policy = setup_.election.spec().eligibility;
    if (roll_) {
      const auto* voter = roll_->find_credential(setup_.credentials[ci].key);
      if (!voter) return "the credential is not registered on the roll";
      const auto verdict = eligibility::check(*voter, setup_.election, units_[ballot_unit], at, revote ? nullptr : &voted_);
      if (verdict.eligible()) return std::nullopt;
      std::string why;
      for (const auto& f : verdict.failures) why += (why.empty() ? "" : "; ") + std::string(reason_name(f.reason)) + ": " + f.detail;
      return why;
    }
    const auto home = home_[ci];
    if (setup_.election.within_at(home, ballot_unit_index_[ballot_unit])) return std::nullopt;
    // As the eligibility checker rules: a revote is in a unit the voter was already let into.
    if (policy.residence == residence_rule::own_plus_others && policy.other_units > 0) {
      if (revote) return std::nullopt;
      std::size_t others = 0;
      if (const auto it = units_voted_.find(ci); it != units_voted_.end())
        for (auto u : it->second) others += !setup_.election.within_at(home, ballot_unit_index_[u]);
      if (others < policy.other_units) return std::nullopt;
      return "not_resident: already voted in " + std::to_string(others) + " other units (the limit)";
    }
    return "not_resident: the credential's unit " + setup_.credentials[ci].unit + " is not within " + units_[ballot_unit];
  }

  box_setup setup_;
  const voter_roll* roll_;
  std::vector<std::string> units_;
  // Positions in the definition's units (`election_definition::within_at`): each ballot unit's
  // and each credential's home unit's (4 bytes a credential; its name would be a hash lookup).
  std::vector<std::uint32_t> ballot_unit_index_, home_;
  mutable std::vector<project_index> view_items_;  // `view_of`'s scratch
  mutable std::vector<std::int64_t> view_points_;
  digest election_id_{};
  // Flat indexes, not node-based maps: at 10 M voters each lookup would otherwise miss the caches
  // two or three times, and every entry would cost an allocation.
  index_table by_key_;  // rows of setup_.credentials
  std::unordered_set<std::uint32_t> revoked_;
  index_table seen_;             // rows of seen_ids_
  std::vector<digest> seen_ids_;  // every accepted ballot's id
  index_table counted_index_;    // rows of counted_, by slot
  std::vector<counted_ballot> counted_;
  std::vector<project_index> items_;  // the arenas of stored_choices
  std::vector<std::int64_t> points_;
  // The units each credential voted in; kept only where eligibility reads it (own_plus_others
  // without a roll), since a set per voter costs about 236 B.
  std::unordered_map<std::uint32_t, std::unordered_set<std::uint32_t>> units_voted_;
  bool tracks_other_units_ = false;
  voted_set voted_;
  std::map<public_key, std::string> officers_;
  std::set<std::pair<public_key, std::uint64_t>> batches_;
  std::unordered_set<std::uint64_t> paper_marked_;
  std::vector<std::vector<stored_choices>> paper_;  // per unit, in log order
  bool closed_ = false;
};

inline auto box_time(std::chrono::sys_seconds t) -> std::uint64_t {
  return static_cast<std::uint64_t>(t.time_since_epoch().count());
}

/// The body of the entry that records verdict `v` on `submitted`.
inline auto box_decision_body(const verdict& v, byte_span submitted, std::chrono::sys_seconds at) -> byte_buffer {
  if (v.accepted) {
    const auto type = crypto::is_paper_batch(submitted) ? ledger::entry_type::paper_batch : ledger::entry_type::ballot;
    return ledger::entry_body(type, box_time(at), submitted);  // the submission copied once
  }
  byte_buffer payload;
  put_be(payload, static_cast<std::uint16_t>(v.reason));
  append(payload, crypto::sha256(submitted));
  if (v.reason != reject_reason::oversized) append(payload, submitted);
  return ledger::entry_body(ledger::entry_type::rejected, box_time(at), payload);
}

inline auto box_checkpoint_body(const digest& election, const merkle::tree& tree, const secret_key& authority,
                                std::chrono::sys_seconds at) -> byte_buffer {
  const auto root = tree.root();
  const auto sig = authority.sign(as_bytes(checkpoint_text(election, tree.size(), root)));
  ledger::entry e{ledger::entry_type::checkpoint, box_time(at), {}};
  put_be(e.payload, tree.size());
  append(e.payload, root);
  append(e.payload, sig);
  return ledger::entry_body(e);
}

/// Replays a log into a state and a tree, checking every entry; what `open` and `replay_log` share.
struct box_replay {
  std::optional<box_state> state;
  merkle::tree tree;
  ledger::replay_report report;

  void run(const std::filesystem::path& path, const voter_roll* roll) {
    ledger::log_reader reader(path);
    // Entries are read in batches whose signatures are checked on every core — the costly part of
    // a replay — while the batch before is decided one entry at a time in log order, so the cores
    // never wait for the decisions.
    constexpr std::size_t batch_size = 8192;
    struct batch {
      std::vector<byte_buffer> bodies = std::vector<byte_buffer>(batch_size);
      std::vector<opened_submission> opened = std::vector<opened_submission>(batch_size);
      std::size_t size = 0;
      void read(ledger::log_reader& r) {
        for (size = 0; size < batch_size && r.next(bodies[size]);) ++size;
      }
      void open() {
        parallel_for(size, hardware_threads(), [this](std::size_t i) { opened[i] = open_submission(bodies[i]); });
      }
    };
    batch current, next;
    std::exception_ptr read_failure;  // a damaged record: thrown once every entry before it is decided
    const auto read_batch = [&](batch& b) {
      try {
        b.read(reader);
      } catch (...) {
        read_failure = std::current_exception();  // b holds the good entries before it
      }
    };
    read_batch(current);
    current.open();
    std::vector<credential> creds;
    bool setup_done = false;
    while (current.size > 0) {
      next.size = 0;
      if (!read_failure) read_batch(next);
      std::exception_ptr open_failure;
      std::thread opener([&] {
        try {
          next.open();
        } catch (...) {
          open_failure = std::current_exception();
        }
      });
      try {
        for (std::size_t i = 0; i < current.size; ++i) {
          if (state) state->prefetch_ahead(i, current.size, [&](std::size_t k) { return &current.opened[k]; });
          const auto& body = current.bodies[i];
          const auto index = tree.size();
          const auto e = ledger::parse_entry_body(body);
          box_cursor c(e.payload, index);
          const auto at = std::chrono::sys_seconds(std::chrono::seconds(static_cast<std::int64_t>(e.time)));
          if (index == 0) {
            if (e.type != ledger::entry_type::setup) throw c.corrupt("a log starts with its setup entry");
            report.setup = box_read_setup(e.payload, index);
          } else if (e.type == ledger::entry_type::credentials) {
            if (setup_done) throw c.corrupt("credentials after the first submission");
            box_read_credentials(e.payload, index, creds);
          } else {
            if (!setup_done) {
              auto s = report.setup;
              s.credentials = std::move(creds);
              state.emplace(std::move(s), roll);
              setup_done = true;
            }
            apply(e, at, c, index, roll, current.opened[i]);
          }
          tree.append(merkle::leaf_hash(body));
        }
      } catch (...) {
        opener.join();  // the first bad entry is this batch's, whatever the next one holds
        throw;
      }
      opener.join();
      if (open_failure) std::rethrow_exception(open_failure);
      std::swap(current, next);
    }
    if (read_failure) std::rethrow_exception(read_failure);
    if (!setup_done && tree.size() > 0) {
      auto s = report.setup;
      s.credentials = std::move(creds);
      state.emplace(std::move(s), roll);
    }
    if (!state) throw parse_error(errc::log_corrupt, path.string(), 0, "the log has no setup entry");
    report.entries = tree.size();
    report.root = tree.root();
    report.accepted = state->accepted;
    report.rejected = state->rejected;
    report.paper_ballots = state->paper_ballots;
    report.closed = state->closed();
    report.torn_bytes = reader.torn_bytes();
    report.setup = state->setup();
  }

  /// The submission a ballot, paper-batch or rejected entry's body holds, opened (signature
  /// checked); nothing for other entries and for submissions logged by their hash alone.
  static auto open_submission(byte_span body) -> opened_submission {
    constexpr std::size_t head = 9, rejected_head = head + 2 + digest_bytes;
    if (body.size() > head && (body[0] == static_cast<std::uint8_t>(ledger::entry_type::ballot) ||
                               body[0] == static_cast<std::uint8_t>(ledger::entry_type::paper_batch)))
      return open_submission_bytes(body.subspan(head));
    if (body.size() >= rejected_head && body[0] == static_cast<std::uint8_t>(ledger::entry_type::rejected) &&
        get_be<std::uint16_t>(body.data() + head) != static_cast<std::uint16_t>(reject_reason::oversized))
      return open_submission_bytes(body.subspan(rejected_head));
    return {};
  }

  void apply(const ledger::entry& e, std::chrono::sys_seconds at, box_cursor& c, std::uint64_t index,
             const voter_roll* roll, const opened_submission& opened) {
    using T = ledger::entry_type;
    switch (e.type) {
      case T::ballot:
      case T::paper_batch:
      case T::rejected: {
        byte_span submitted = e.payload;
        std::optional<reject_reason> logged;
        if (e.type == T::rejected) {
          logged = static_cast<reject_reason>(c.num<std::uint16_t>());
          const auto h = c.array<digest_bytes>();
          submitted = c.rest();
          if (*logged == reject_reason::oversized) {
            if (!submitted.empty()) throw c.corrupt("an oversized submission is logged by its hash alone");
            state->record(verdict{}, opened_submission{});
            return;
          }
          if (crypto::sha256(submitted) != h) throw c.corrupt("the hash of the refused submission does not match");
        }
        if (e.type != T::rejected && (e.type == T::paper_batch) != crypto::is_paper_batch(submitted))
          throw c.corrupt("the entry's type does not match what it holds");
        const auto v = state->decide(submitted, opened, at);
        const bool same = logged ? (!v.accepted && v.reason == *logged) : v.accepted;
        // Without the roll, the roll-only conditions of the identified mode cannot be re-checked:
        // a logged not_eligible that replays as accepted is taken as logged (and counted).
        const bool unverifiable = !roll && logged == reject_reason::not_eligible && v.accepted &&
                                  state->setup().election.spec().credentials == credential_mode::identified;
        if (!same && !unverifiable)
          throw c.corrupt(std::string("logged as ") + (logged ? std::string(reject_reason_name(*logged)) : "accepted") +
                          " but re-decided as " +
                          (v.accepted ? std::string("accepted") : std::string(reject_reason_name(v.reason))));
        auto as_logged = v;
        as_logged.accepted = !logged;
        state->record(as_logged, opened);
        return;
      }
      case T::revoke:
        if (!state->revoke(c.array<public_key_bytes>())) throw c.corrupt("revokes a key that is not on the list or already revoked");
        c.end();
        return;
      case T::close:
        if (state->closed()) throw c.corrupt("the box is closed twice");
        state->close();
        return;
      case T::result:
        if (!state->closed()) throw c.corrupt("a result before the close");
        report.result = std::string(e.payload.begin(), e.payload.end());
        return;
      case T::checkpoint: {
        const auto size = c.num<std::uint64_t>();
        const auto root = c.array<digest_bytes>();
        const auto sig = c.array<signature_bytes>();
        c.end();
        if (size != index) throw c.corrupt("a checkpoint covers the entries before it, " + std::to_string(index));
        if (tree.root() != root) throw c.corrupt("the checkpoint's root is not the tree's");
        if (!crypto::verify(state->setup().authority, as_bytes(checkpoint_text(state->election_id(), size, root)), sig))
          throw c.corrupt("the checkpoint's signature does not verify under the authority's key");
        ++report.checkpoints;
        return;
      }
      case T::setup:
      case T::credentials:
        break;
    }
    (void)roll;
    throw c.corrupt("unexpected entry type " + std::string(ledger::entry_type_name(e.type)));
  }
};

}  // namespace ledger::detail

struct ledger::ballot_box::impl {
  ledger::detail::box_state state;
  log_writer log;
  merkle::tree tree;

  /// One submission on its way through the box: verified by a worker, decided and appended in
  /// submission order, then answered by the syncer once its entry is durable.
  struct job {
    byte_buffer bytes;
    std::chrono::sys_seconds at;
    submit_callback done;
    ledger::detail::opened_submission opened;
    verdict v;
    std::exception_ptr failure;  // set when it could not be decided or logged
    bool logged = false;         // v.entry is its entry
    std::uint64_t seq = 0;       // its place in submission order
  };
  using job_ptr = std::unique_ptr<job>;
  /// Jobs verified together: consecutive submissions.
  using chunk = std::vector<job_ptr>;
  /// Chunks go from stage to stage as list nodes, spliced: the node and the chunk's room are made
  /// before its jobs take their places in the order, and nothing is allocated after that, so a
  /// failure to allocate cannot leave a place nobody will fill (every later decision waits for it).
  using chunk_list = std::list<chunk>;
  /// Most submissions a worker takes at once: enough to make the hand-offs rare, few enough that
  /// the other workers are not left idle and that a chunk verifies in a few milliseconds.
  static constexpr std::size_t max_chunk = 64;
  /// While submissions are still being verified, the syncer waits for this many decisions before
  /// an fdatasync: under load each round (a sync, two wake-ups) then serves a few chunks, not one.
  /// An idle pipeline syncs at once, so a lone submission never waits for others.
  static constexpr std::size_t sync_batch = 16 * max_chunk;

  // Stage 1, under `in_mutex`: submissions waiting for a worker, in submission order.
  std::mutex in_mutex;
  std::condition_variable in_cv;
  std::deque<job_ptr> incoming;
  std::atomic<std::uint64_t> submitted{0};  // `seq` of the next submission (read under `m` too)
  unsigned idle_workers = 0;
  bool stopping = false;

  // Stage 2, under `park_mutex`: verified chunks that wait for their turn (decisions follow
  // submission order), and whether a thread is deciding them. One thread decides at a time; a
  // worker that finds another deciding parks its chunk and goes back to verifying, not waiting.
  std::mutex park_mutex;
  chunk_list verified;               // in submission order
  std::uint64_t next_to_decide = 0;  // `seq` of the first submission not yet taken to be decided
  bool deciding = false;

  // Stage 3, under `m`: the state, the tree and the order of appends; decided jobs waiting for the
  // syncer.
  mutable std::mutex m;
  std::uint64_t decisions = 0;  // submissions decided (and logged, unless they failed)
  chunk_list decided;           // decided, not yet taken by the syncer
  std::size_t decided_jobs = 0;  // the submissions in `decided`
  std::condition_variable sync_cv;
  bool syncer_waiting = false;
  bool syncer_stopping = false;
  std::exception_ptr stopped;  // why every change is refused, once one failed part-way

  std::vector<std::thread> workers;
  std::thread syncer;

  impl(ledger::detail::box_state s, log_writer w, merkle::tree t) : state(std::move(s)), log(std::move(w)), tree(std::move(t)) {
    tree.reserve(tree.size() + state.expected_ballots());  // as the state's tables, and for the same reason
    try {
      const unsigned n = hardware_threads();
      for (unsigned i = 0; i < n; ++i) workers.emplace_back([this] { work(); });
      syncer = std::thread([this] { sync_loop(); });
    } catch (...) {
      stop();
      throw;
    }
  }
  impl(const impl&) = delete;
  auto operator=(const impl&) -> impl& = delete;
  ~impl() { stop(); }

  /// Finishes every submission already made (each gets its answer), then ends the threads.
  void stop() noexcept {
    {
      const std::lock_guard l(in_mutex);
      stopping = true;
    }
    in_cv.notify_all();
    for (auto& t : workers)
      if (t.joinable()) t.join();
    {
      const std::lock_guard l(m);
      syncer_stopping = true;
    }
    sync_cv.notify_one();
    if (syncer.joinable()) syncer.join();
  }

  /// Appends `body` to the log and the tree, under `m` within `change_locked`.
  auto append_locked(const byte_buffer& body) -> std::uint64_t {
    const auto index = log.append(body);
    tree.append(merkle::leaf_hash(body));
    return index;
  }

  /// Refuses every change once the box has stopped (`change_locked`).
  void check_running_locked() const {
    if (stopped) std::rethrow_exception(stopped);
  }

  /// Runs `change` under `m`: the log, the tree and the state changed together. A failure part-way
  /// (out of memory, in practice) may leave them disagreeing, and a box whose state is not its
  /// log's would log verdicts a replay contradicts: so the box then stops, and refuses every later
  /// change with `error(errc::box_stopped)`. What it logged stays; `ballot_box::open` rebuilds the
  /// state and the tree from the log.
  template <class F>
  void change_locked(F&& change) {
    check_running_locked();
    try {
      change();
    } catch (...) {
      stop_after_failure();
      throw;
    }
  }
  // Within a handler: records why the box stops (the failure itself, if even the message cannot be made).
  void stop_after_failure() noexcept {
    stopped = std::current_exception();
    try {
      std::string cause = "unknown";
      try {
        throw;
      } catch (const std::exception& e) {
        cause = e.what();
      } catch (...) {
      }
      stopped = std::make_exception_ptr(error(
          errc::box_stopped, "[ppb.error.154] the ballot box stopped: a change failed part-way (" + cause +
                                 "), so its state may no longer match its log; reopen the log (ballot_box::open)"));
    } catch (...) {
    }
  }

  void enqueue(job_ptr j) {
    bool wake = false;
    {
      const std::lock_guard l(in_mutex);
      incoming.push_back(std::move(j));  // first: a submission that cannot be queued takes no place
      incoming.back()->seq = submitted++;
      wake = idle_workers > 0;
    }
    if (wake) in_cv.notify_one();
  }

  /// Takes `j`, already verified by its caller, in submission order from now.
  void enqueue_verified(job_ptr j) {
    chunk_list c(1);
    c.front().push_back(std::move(j));
    {
      const std::lock_guard l(in_mutex);
      c.front().front()->seq = submitted++;
    }
    decide_in_turn(c);
  }

  // Checks the signature of `j` and opens it; a refusal is its failure.
  static void verify(job& j) {
    try {
      j.opened = ledger::detail::open_submission_bytes(j.bytes);
    } catch (...) {
      j.failure = std::current_exception();
    }
  }

  // Opens every submission of `c` (the signature checks: the costly part) and locates each ballot's
  // credential while the next two are checked, one `box_state::locate` step after each check: every
  // step then finds in the cache what the step before started loading.
  void open_chunk(chunk& c) {
    const std::size_t n = c.size();
    for (std::size_t k = 0; k < n + 2; ++k) {
      if (k < n) verify(*c[k]);
      for (std::size_t step = 0; step <= 2 && step <= k; ++step)
        if (const auto i = k - step; i < n && !c[i]->failure) state.locate(c[i]->opened, step);
    }
  }

  // Parks the verified chunk `c` (its one node, spliced). Unless another thread is deciding (it
  // will take `c` in turn), this one then decides every parked chunk whose turn has come, until
  // none has, and wakes the syncer. Allocates nothing: what can fail is caught in `decide_locked`.
  void decide_in_turn(chunk_list& c) noexcept {
    {
      const std::lock_guard l(park_mutex);
      // A chunk mostly arrives after the ones parked already: its place is found from the back.
      const auto first = c.front().front()->seq;
      auto at = verified.end();
      while (at != verified.begin() && std::prev(at)->front()->seq > first) --at;
      verified.splice(at, c);
      if (deciding) return;
      deciding = true;
    }
    chunk_list ready;
    for (;;) {
      {
        // Checked and given up under the same lock a parker takes: no chunk is left behind.
        const std::lock_guard l(park_mutex);
        auto in_turn_end = verified.begin();
        for (; in_turn_end != verified.end() && in_turn_end->front()->seq == next_to_decide; ++in_turn_end)
          next_to_decide += in_turn_end->size();
        if (in_turn_end == verified.begin()) {
          deciding = false;
          return;
        }
        ready.splice(ready.end(), verified, verified.begin(), in_turn_end);
      }
      bool wake = false;
      {
        const std::lock_guard l(m);
        for (auto& jobs : ready) {
          for (std::size_t k = 0; k < jobs.size(); ++k) {
            state.prefetch_ahead(k, jobs.size(), [&](std::size_t i) { return jobs[i]->failure ? nullptr : &jobs[i]->opened; });
            decide_locked(*jobs[k]);
          }
          decisions += jobs.size();
          decided_jobs += jobs.size();
        }
        decided.splice(decided.end(), ready);
        wake = syncer_waiting && round_ready();
      }
      if (wake) sync_cv.notify_one();
    }
  }

  // A worker: takes a chunk of submissions, checks their signatures (the costly part, in parallel
  // with the other workers), then hands the chunk to `decide_in_turn`.
  void work() {
    for (;;) {
      chunk_list c;
      {
        std::unique_lock l(in_mutex);
        while (incoming.empty() && !stopping) {
          ++idle_workers;
          in_cv.wait(l);
          --idle_workers;
        }
        if (incoming.empty()) return;  // stopping, and nothing is left
        const std::size_t take = std::clamp<std::size_t>(incoming.size() / workers.size(), 1, max_chunk);
        try {
          c.emplace_back().reserve(take);  // throws before anything is taken
        } catch (const std::bad_alloc&) {
          // Out of memory: the submissions stay queued, in order, until this worker can take them.
          l.unlock();
          std::this_thread::sleep_for(std::chrono::milliseconds(1));
          continue;
        }
        for (std::size_t i = 0; i < take; ++i) {
          c.front().push_back(std::move(incoming.front()));
          incoming.pop_front();
        }
      }
      open_chunk(c.front());
      decide_in_turn(c);
    }
  }

  // Decides `j`, logs the decision (not yet durable) and commits it to the state, in that order.
  // A failure before the log takes the entry changes nothing; one after it stops the box.
  void decide_locked(job& j) {
    if (j.failure) return;
    try {
      check_running_locked();
      j.v = state.decide(j.bytes, j.opened, j.at);
      const auto body = ledger::detail::box_decision_body(j.v, j.bytes, j.at);
      j.v.entry = log.append(body);  // a refused append changes nothing
      j.logged = true;
      change_locked([&] {
        tree.append(merkle::leaf_hash(body));
        state.record(j.v, j.opened);
      });
    } catch (...) {
      j.failure = std::current_exception();
    }
  }

  // Whether the syncer should start a round, under `m`: a full batch is decided, or every
  // submission made so far is (nothing more is coming soon).
  auto round_ready() const -> bool {
    return decided_jobs >= sync_batch || (decided_jobs > 0 && decisions == submitted.load());
  }

  // The syncer: makes every decided entry durable with one fdatasync per round, then answers the
  // round's submissions. Decisions made meanwhile form the next round.
  void sync_loop() {
    chunk_list round;
    for (;;) {
      {
        std::unique_lock l(m);
        while (!round_ready() && !syncer_stopping) {
          syncer_waiting = true;
          sync_cv.wait(l);
          syncer_waiting = false;
        }
        if (decided.empty()) return;
        round.swap(decided);
        decided_jobs = 0;
      }
      std::optional<std::uint64_t> last;
      for (const auto& jobs : round)
        for (const auto& j : jobs)
          if (j->logged) last = j->v.entry;  // entries are appended in this order
      std::exception_ptr failure;
      if (last) {
        try {
          log.sync_through(*last);
        } catch (...) {
          failure = std::current_exception();  // none of the round is durable
        }
      }
      for (auto& jobs : round)
        for (auto& j : jobs) {
          auto f = j->failure ? j->failure : j->logged ? failure : nullptr;
          j->done(std::move(j->v), std::move(f));
        }
      round.clear();
    }
  }
};

PPB_FUNC ledger::ballot_box::ballot_box(std::unique_ptr<impl> p) : impl_(std::move(p)) {}
PPB_FUNC ledger::ballot_box::~ballot_box() = default;
PPB_FUNC ledger::ballot_box::ballot_box(ballot_box&&) noexcept = default;
PPB_FUNC auto ledger::ballot_box::operator=(ballot_box&&) noexcept -> ballot_box& = default;

PPB_FUNC auto ledger::ballot_box::create(const std::filesystem::path& path, box_setup setup, const voter_roll* roll)
    -> ballot_box {
  crypto::init();
  detail::box_state state(std::move(setup), roll);  // validates before anything touches the disk
  auto writer = log_writer::create(path);
  merkle::tree tree;
  const auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  const auto add = [&](entry_type t, byte_buffer payload) {
    const auto body = entry_body(entry{t, detail::box_time(now), std::move(payload)});
    tree.append(merkle::leaf_hash(body));
    writer.append(body);
  };
  add(entry_type::setup, detail::box_setup_payload(state.setup()));
  const auto& creds = state.setup().credentials;
  for (std::size_t i = 0; i < creds.size(); i += detail::box_credentials_per_entry)
    add(entry_type::credentials,
        detail::box_credentials_payload(std::span(creds).subspan(i, std::min(detail::box_credentials_per_entry, creds.size() - i))));
  writer.sync_through(writer.size() - 1);
  return ballot_box(std::make_unique<impl>(std::move(state), std::move(writer), std::move(tree)));
}

PPB_FUNC auto ledger::ballot_box::open(const std::filesystem::path& path, const voter_roll* roll, recovery_report* report)
    -> ballot_box {
  crypto::init();
  auto writer = log_writer::open(path, report);  // cuts a torn tail first
  detail::box_replay r;
  r.run(path, roll);
  return ballot_box(std::make_unique<impl>(std::move(*r.state), std::move(writer), std::move(r.tree)));
}

PPB_FUNC void ledger::ballot_box::submit_async(byte_buffer signed_bytes, std::chrono::sys_seconds at, submit_callback done) {
  if (!impl_) throw usage_error("ballot_box: used after being moved from", errc::misuse);
  if (!done) throw usage_error("submit_async: the callback is empty", errc::misuse);
  auto j = std::make_unique<impl::job>();
  j->bytes = std::move(signed_bytes);
  j->at = at;
  j->done = std::move(done);
  impl_->enqueue(std::move(j));
}

PPB_FUNC auto ledger::ballot_box::submit(byte_span signed_bytes, std::chrono::sys_seconds at) -> verdict {
  // Shared with the callback, which may still be notifying when this caller, already woken, returns.
  struct answer {
    verdict v;
    std::exception_ptr failure;
    std::atomic<bool> ready{false};
  };
  if (!impl_) throw usage_error("ballot_box: used after being moved from", errc::misuse);
  const auto a = std::make_shared<answer>();
  auto j = std::make_unique<impl::job>();
  j->bytes.assign(signed_bytes.begin(), signed_bytes.end());
  j->at = at;
  j->done = [a](verdict v, std::exception_ptr failure) {
    a->v = std::move(v);
    a->failure = std::move(failure);
    a->ready.store(true);
    a->ready.notify_one();
  };
  // This thread would only wait meanwhile: it checks its own signature, sparing a hand-over to a
  // worker, then its submission takes its turn like any other.
  impl::verify(*j);
  impl_->enqueue_verified(std::move(j));
  a->ready.wait(false);
  if (a->failure) std::rethrow_exception(a->failure);
  return std::move(a->v);
}

PPB_FUNC auto ledger::ballot_box::revoke(const public_key& key, std::chrono::sys_seconds at) -> bool {
  std::uint64_t index;
  {
    std::lock_guard lock(impl_->m);
    bool revoked = false;
    impl_->change_locked([&] {
      if (impl_->state.closed() || !impl_->state.revoke(key)) return;
      index = impl_->append_locked(entry_body(entry{entry_type::revoke, detail::box_time(at), byte_buffer(key.begin(), key.end())}));
      revoked = true;
    });
    if (!revoked) return false;
  }
  impl_->log.sync_through(index);
  return true;
}

PPB_FUNC void ledger::ballot_box::close(const secret_key& authority, std::chrono::sys_seconds at) {
  if (authority.public_part() != impl_->state.setup().authority)
    throw usage_error("close: this is not the election authority's key");
  std::uint64_t index;
  {
    std::lock_guard lock(impl_->m);
    if (impl_->state.closed()) throw usage_error("close: the box is already closed", errc::log_closed);
    impl_->change_locked([&] {
      impl_->state.close();
      impl_->append_locked(entry_body(entry{entry_type::close, detail::box_time(at), {}}));
      index = impl_->append_locked(detail::box_checkpoint_body(impl_->state.election_id(), impl_->tree, authority, at));
    });
  }
  impl_->log.sync_through(index);
}

PPB_FUNC void ledger::ballot_box::publish_result(std::string_view result_bytes, const secret_key& authority,
                                                 std::chrono::sys_seconds at) {
  if (authority.public_part() != impl_->state.setup().authority)
    throw usage_error("publish_result: this is not the election authority's key");
  std::uint64_t index;
  {
    std::lock_guard lock(impl_->m);
    if (!impl_->state.closed()) throw usage_error("publish_result: close the box first", errc::misuse);
    impl_->change_locked([&] {
      impl_->append_locked(entry_body(entry{entry_type::result, detail::box_time(at), byte_buffer(result_bytes.begin(), result_bytes.end())}));
      index = impl_->append_locked(detail::box_checkpoint_body(impl_->state.election_id(), impl_->tree, authority, at));
    });
  }
  impl_->log.sync_through(index);
}

PPB_FUNC auto ledger::ballot_box::setup() const noexcept -> const box_setup& { return impl_->state.setup(); }
PPB_FUNC auto ledger::ballot_box::closed() const noexcept -> bool { return impl_->state.closed(); }
PPB_FUNC auto ledger::ballot_box::size() const -> std::uint64_t {
  std::lock_guard lock(impl_->m);
  return impl_->tree.size();
}
PPB_FUNC auto ledger::ballot_box::root() const -> digest {
  std::lock_guard lock(impl_->m);
  return impl_->tree.root();
}
PPB_FUNC auto ledger::ballot_box::accepted() const -> std::uint64_t {
  std::lock_guard lock(impl_->m);
  return impl_->state.accepted;
}
PPB_FUNC auto ledger::ballot_box::paper_ballots() const -> std::uint64_t {
  std::lock_guard lock(impl_->m);
  return impl_->state.paper_ballots;
}
PPB_FUNC auto ledger::ballot_box::rejected() const -> std::uint64_t {
  std::lock_guard lock(impl_->m);
  return impl_->state.rejected;
}
PPB_FUNC auto ledger::ballot_box::profiles() const -> std::vector<profile> {
  std::lock_guard lock(impl_->m);
  return impl_->state.profiles();
}
PPB_FUNC auto ledger::ballot_box::syncs() const -> std::uint64_t { return impl_->log.syncs(); }

PPB_FUNC auto ledger::replay_log(const std::filesystem::path& path, const voter_roll* roll) -> replay_report {
  crypto::init();
  detail::box_replay r;
  r.run(path, roll);
  r.report.profiles = r.state->profiles();
  return std::move(r.report);
}

PPB_FUNC auto ledger::tally_units(const box_setup& setup, const std::vector<profile>& profiles) -> std::vector<outcome> {
  if (profiles.size() != setup.ballots.size()) throw usage_error("tally_units: one profile per ballot unit");
  const auto opts = io::tally_options(setup.election.spec().tally);
  // Units are independent: tally them on every core, the largest first so that one big city
  // does not start last. Each outcome depends only on its unit, so the order does not matter.
  std::vector<std::size_t> order(profiles.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return profiles[a].voters() > profiles[b].voters(); });
  std::vector<outcome> out(profiles.size());
  parallel_for(order.size(), hardware_threads(),
               [&](std::size_t i) { out[order[i]] = tally::run(setup.ballots[order[i]], profiles[order[i]], opts); });
  return out;
}

PPB_FUNC auto ledger::result_fault(const replay_report& r) -> std::optional<std::string> {
  if (r.torn_bytes > 0)
    return "the last " + std::to_string(r.torn_bytes) + " bytes are a damaged or incomplete entry " + std::to_string(r.entries);
  if (!r.closed) return "the log is not closed: its result is not final";
  if (!r.result) return "the log holds no result";
  if (tally_json(r.setup, r.profiles) != *r.result) return "the logged result differs from the re-tally of the counted ballots";
  return std::nullopt;
}

PPB_FUNC auto ledger::tally_json(const box_setup& setup, const std::vector<profile>& profiles) -> std::string {
  const auto outcomes = tally_units(setup, profiles);
  const auto units = setup.election.ballot_units();
  boost::json::array list;
  for (std::size_t u = 0; u < outcomes.size(); ++u)
    list.push_back(boost::json::object{{"unit", units[u]},
                                       {"ballots", profiles[u].voters()},
                                       {"outcome", io::outcome_to_json(setup.ballots[u], outcomes[u])}});
  return boost::json::serialize(boost::json::object{
      {"election", to_hex(crypto::election_id(setup.election.bytes()))}, {"units", std::move(list)}});
}

PPB_FUNC auto ledger::prove_ballot(const std::filesystem::path& path, const digest& id) -> std::optional<inclusion> {
  log_reader reader(path);
  merkle::tree tree;
  byte_buffer body;
  std::optional<std::uint64_t> found;
  while (reader.next(body)) {
    if (!found && body.size() > 9 && body[0] == static_cast<std::uint8_t>(entry_type::ballot) &&
        crypto::ballot_id(byte_span(body).subspan(9)) == id)
      found = tree.size();
    tree.append(merkle::leaf_hash(body));
  }
  if (!found) return std::nullopt;
  inclusion out;
  out.index = *found;
  out.tree_size = tree.size();
  out.leaf = tree.leaf(*found);
  out.root = tree.root();
  out.proof = tree.inclusion_proof(*found, tree.size());
  return out;
}

PPB_END_NAMESPACE
