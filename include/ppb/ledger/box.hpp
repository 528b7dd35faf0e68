/// @file
/// The ballot box (DESIGN.md §5–6): takes signed ballots, decides each one — accepted with a
/// receipt, or rejected with a stable reason — and logs every decision in the append-only,
/// Merkle-hashed ballot log before answering. The box is a deterministic function of its log:
/// `replay_log` re-decides every logged submission from the log alone and must reach the same
/// verdicts, which is how `ppb log verify` re-checks a published log.
#ifndef PPB_LEDGER_BOX_HPP
#define PPB_LEDGER_BOX_HPP

#include <chrono>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ppb/ballots/profile.hpp"
#include "ppb/crypto/canonical.hpp"
#include "ppb/eligibility/roll.hpp"
#include "ppb/ledger/log.hpp"
#include "ppb/ledger/merkle.hpp"
#include "ppb/model/election.hpp"
#include "ppb/tally/outcome.hpp"

PPB_BEGIN_NAMESPACE

namespace ledger {

/// Why the box refused a submission. Values and names are pinned (append only). 1–10 are the
/// `ballot_format_fault`s with the same numbers; 41–51 are 40 + the `ballot_fault` of the rule
/// the ballot breaks.
enum class reject_reason : std::uint16_t {
  too_short = 1, bad_context = 2, bad_signature = 3, truncated_payload = 4, trailing_bytes = 5,
  unknown_payload = 6, count_mismatch = 7, wrong_order = 8, duplicate_project = 9, zero_points = 10,
  oversized = 11,            ///< more than `max_submission_bytes`
  wrong_election = 20,       ///< signed for another election
  unknown_unit = 21,         ///< the unit index names none of the election's ballot units
  unknown_credential = 22,   ///< the key is not on the credential list
  revoked_credential = 23,   ///< the key was revoked
  not_eligible = 24,         ///< the voter may not vote in this unit (the detail lists each reason)
  wrong_ballot_kind = 25,    ///< approval payload for a points ballot, or the like
  voting_not_open = 26,      ///< before the voting phase
  voting_closed = 27,        ///< after the voting phase
  stale_revision = 28,       ///< lower than a revision this credential already cast in this unit
  repeated_revision = 29,    ///< the same revision as one already received, with other content
  duplicate = 30,            ///< exactly this ballot was already received (a replay)
  revote_refused = 31,       ///< already voted here, and the election does not allow revotes
  box_closed = 32,           ///< the box is closed
  unknown_officer = 33,      ///< a paper batch signed by a key that is not an officer of its unit
  batch_mismatch = 34,       ///< a paper batch with a different number of marks and ballots
  duplicate_batch = 35,      ///< this officer already submitted a batch with this number
  voted_online = 36,         ///< a voter marked on paper already has an online ballot in this unit
  voted_on_paper = 37,       ///< an online ballot, or a paper mark, of a voter marked on paper here
  ballot_too_few_projects = 41, ballot_too_many_projects = 42, ballot_cost_below_minimum = 43,
  ballot_cost_above_maximum = 44, ballot_points_below_minimum = 45, ballot_points_above_maximum = 46,
  ballot_point_sum_below_minimum = 47, ballot_point_sum_above_maximum = 48, ballot_unknown_project = 49,
  ballot_duplicate_project = 50, ballot_not_exactly_one = 51,
};
/// Stable name (`"revote_refused"`).
PPB_API auto reject_reason_name(reject_reason r) noexcept -> std::string_view;
/// Every reason, in value order.
PPB_API auto all_reject_reasons() -> std::vector<reject_reason>;

/// Submissions longer than this are refused unread (`oversized`); only their hash is logged.
inline constexpr std::size_t max_submission_bytes = 1u << 20;

/// The box's answer. An accepted ballot's receipt is its id and its entry's index in the log;
/// `ppb log prove` turns that into an inclusion proof.
struct verdict {
  bool accepted = false;
  reject_reason reason{};   ///< when not accepted
  std::string detail;       ///< English, for officials and logs
  digest ballot_id{};       ///< zero when the bytes were too short to have one
  std::uint64_t entry = 0;  ///< index of the log entry that records this decision
};

/// A key allowed to vote, and the unit its holder lives in.
struct credential {
  public_key key{};
  std::string unit;
  friend auto operator==(const credential&, const credential&) -> bool = default;
};

/// Everything the box needs that is fixed before voting: logged whole in the setup and
/// credentials entries, so that the log alone suffices to re-check every verdict.
struct box_setup {
  election_definition election;
  /// The ballot of each unit with a budget, in `election.ballot_units()` order (the `unit` field of
  /// a signed ballot indexes this).
  std::vector<instance> ballots;
  public_key authority{};               ///< checks checkpoints and the close
  std::vector<credential> credentials;  ///< every key that may vote, sorted by key on logging
  std::vector<credential> officers;     ///< polling-point officers' keys and the unit each serves
};

/// How `submit_async` answers, exactly once per submission: with `failure` null, `v` is the verdict
/// and its entry is durable; otherwise `failure` holds what kept the decision from being logged
/// durably (`error(errc::io)` once the log is unusable; `v` is then meaningless and no receipt may
/// be given). Runs on the box's sync thread: it must not throw (that ends the program), should be
/// quick (it holds up the answers behind it), and must not call `submit` (which would wait for
/// that very thread).
using submit_callback = std::function<void(verdict v, std::exception_ptr failure)>;

/// The box. Thread-safe: any thread may `submit` or `submit_async` at once. A submission goes
/// through a pipeline the box runs itself: a pool of one worker thread per core
/// (`hardware_threads()`) checks signatures in parallel (`submit` checks on its caller's thread),
/// decisions are made and appended one at a time in submission order, and one sync thread makes
/// them durable, then answers: one fdatasync for every decision made while the previous one ran
/// (group commit), started as soon as every submission so far is decided, or, while more are
/// still being checked, once 1,024 are. The threads start in
/// `create`/`open` and end with the box (a process that forks must make its box after the fork).
/// Out of memory: a submission that cannot be queued or decided fails alone (`std::bad_alloc`,
/// as its answer), and a worker that cannot take work leaves it queued. A failure after the log
/// took an entry, before the state and the Merkle tree did, stops the box: every later change
/// (submission, `revoke`, `close`, `publish_result`) is refused with `error(errc::box_stopped)`,
/// and `open` on its log carries on from everything it logged.
class PPB_API ballot_box {
 public:
  /// Creates the log at `path` with the setup and credentials entries (synced). `roll`, in the
  /// identified mode, lets the box check every eligibility condition (age, status, registration,
  /// residence); without it — always in the pseudonymous mode — it checks residence against each
  /// credential's unit and the voting window. The roll must outlive the box. Throws `usage_error`
  /// when `setup.ballots` does not match the election's ballot units, or a credential key is not
  /// a valid point (`crypto::is_valid_credential_key`) or appears twice; `parse_error(io)` if the
  /// file exists.
  [[nodiscard]] static auto create(const std::filesystem::path& path, box_setup setup,
                                   const voter_roll* roll = nullptr) -> ballot_box;
  /// Opens an existing log after a stop or a crash: recovers it (a torn tail is cut), replays it
  /// to rebuild the state, and continues. Throws `parse_error` for a damaged log.
  [[nodiscard]] static auto open(const std::filesystem::path& path, const voter_roll* roll = nullptr,
                                 recovery_report* report = nullptr) -> ballot_box;
  ~ballot_box();
  ballot_box(ballot_box&&) noexcept;
  auto operator=(ballot_box&&) noexcept -> ballot_box&;

  /// Decides `signed_bytes` — a signed ballot, or a paper batch (`crypto::is_paper_batch`) — at
  /// time `at`, logs the decision, and returns once it is durable. A batch is accepted or refused
  /// whole; its verdict's `ballot_id` is the batch id. It is `submit_async` and a wait for its
  /// answer, except that the calling thread checks the signature itself rather than hand it to a
  /// worker; throws what the callback would get as `failure`.
  [[nodiscard]] auto submit(byte_span signed_bytes, std::chrono::sys_seconds at) -> verdict;
  /// Decides `signed_bytes` at time `at` as `submit` does, without waiting: `done` is called once
  /// the decision is durable (or cannot be made so), on the box's sync thread. Submissions are
  /// decided and logged in the order of the `submit_async` calls (calls from different threads in
  /// the order they took the queue), so one client's revisions keep their order. Returns at once:
  /// O(1), no I/O. The destructor waits for every submission made before it to be answered; a
  /// callback may call `submit_async` again, but not while the box is being destroyed. A server
  /// keeps a bounded number in flight. Throws `usage_error(errc::misuse)` when `done` is empty.
  void submit_async(byte_buffer signed_bytes, std::chrono::sys_seconds at, submit_callback done);
  /// Revokes `key` from now on (its ballots already counted stay counted; it cannot vote again).
  /// Returns false if the key is not on the list or already revoked.
  auto revoke(const public_key& key, std::chrono::sys_seconds at) -> bool;
  /// Closes the box: logs the close and a checkpoint signed by `authority` (whose public key must be
  /// the setup's; `usage_error` otherwise). Later submissions are refused with `box_closed`.
  void close(const secret_key& authority, std::chrono::sys_seconds at);
  /// Logs the result (`result_bytes`, e.g. the tally's JSON) and a new signed checkpoint; only
  /// after `close` (`usage_error(errc::log_closed)`-style misuse otherwise).
  void publish_result(std::string_view result_bytes, const secret_key& authority, std::chrono::sys_seconds at);

  [[nodiscard]] auto setup() const noexcept -> const box_setup&;
  [[nodiscard]] auto closed() const noexcept -> bool;
  /// Entries in the log, and the Merkle root over them.
  [[nodiscard]] auto size() const -> std::uint64_t;
  [[nodiscard]] auto root() const -> digest;
  /// Ballots of accepted paper batches so far.
  [[nodiscard]] auto paper_ballots() const -> std::uint64_t;
  /// Accepted online ballots so far / submissions refused so far.
  [[nodiscard]] auto accepted() const -> std::uint64_t;
  [[nodiscard]] auto rejected() const -> std::uint64_t;
  /// The counted ballot of each (credential, unit): the highest revision under the `latest`
  /// revote policy, the only one under `refuse`; then the paper ballots in log order. One profile
  /// per ballot unit, in setup order.
  [[nodiscard]] auto profiles() const -> std::vector<profile>;
  /// Number of fdatasync calls so far (group commit: far fewer than submissions under load).
  [[nodiscard]] auto syncs() const -> std::uint64_t;

 private:
  struct impl;
  explicit ballot_box(std::unique_ptr<impl> p);
  std::unique_ptr<impl> impl_;
};

/// A signed checkpoint: the authority's Ed25519 signature over the text
/// `"ppb/checkpoint/v1\n" ‖ origin ‖ "\n" ‖ size ‖ "\n" ‖ hex(root) ‖ "\n"`, where origin is
/// `ppb:` and the election id in hex (modelled on C2SP's tlog checkpoints).
struct checkpoint {
  std::uint64_t size = 0;
  digest root{};
  signature sig{};
};
/// The signed text of a checkpoint.
PPB_API auto checkpoint_text(const digest& election, std::uint64_t size, const digest& root) -> std::string;

/// What `replay_log` found: the rebuilt state's figures and the first problem, if any.
struct replay_report {
  std::uint64_t entries = 0, accepted = 0, rejected = 0, checkpoints = 0;
  std::uint64_t paper_ballots = 0;  ///< ballots of accepted paper batches (not in `accepted`)
  bool closed = false;
  digest root{};
  std::optional<std::string> result;  ///< the logged result's bytes
  std::vector<profile> profiles;      ///< counted ballots per unit
  box_setup setup;
  std::uint64_t torn_bytes = 0;       ///< a torn tail (not an error for a log still being written)
};

/// Re-checks a whole log from its bytes alone: every record's checksum, every signature, every
/// verdict (re-decided and compared with the logged one; with `roll`, the roll-based eligibility
/// conditions too), every checkpoint's signature and root. Throws `parse_error(errc::log_corrupt)`
/// naming the first entry that does not hold. Streaming; O(entries) plus one verify per ballot.
PPB_API auto replay_log(const std::filesystem::path& path, const voter_roll* roll = nullptr) -> replay_report;

/// Why the replayed log's result is not final — a torn tail, not closed, no result, or a result
/// other than the re-tally of its counted ballots — or nothing when it is: the conditions
/// `ppb log verify` checks after the replay itself. O(tally).
PPB_API auto result_fault(const replay_report& r) -> std::optional<std::string>;

/// The tally of every ballot unit with the election's rule (`tally_spec`), in setup order, the units
/// spread over every core. Pure: the result does not depend on the number of cores.
PPB_API auto tally_units(const box_setup& setup, const std::vector<profile>& profiles) -> std::vector<outcome>;
/// `tally_units` as the JSON the box publishes as its result:
/// `{"election": ID_HEX, "units": [{"unit": ID, "ballots": N, "outcome": {… as ppb tally --json}}]}`.
PPB_API auto tally_json(const box_setup& setup, const std::vector<profile>& profiles) -> std::string;

/// The leaf index and the inclusion proof of the ballot `id` in the tree of `size` entries
/// (0: the whole log), or nothing if the log has no accepted ballot with that id.
struct inclusion {
  std::uint64_t index = 0, tree_size = 0;
  digest leaf{}, root{};
  std::vector<digest> proof;
};
PPB_API auto prove_ballot(const std::filesystem::path& path, const digest& id) -> std::optional<inclusion>;

}  // namespace ledger

PPB_END_NAMESPACE

#ifdef PPB_HEADER_ONLY
#  include "ppb/ledger/box-inl.hpp"
#endif

#endif
