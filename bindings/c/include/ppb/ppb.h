/*
 * ppb.h — the C ABI of ppb (participatory budgeting from proposal to verifiable result).
 *
 * This header is the contract: what it does not declare is not API. C11, no C++ in it; link with
 * libppb-c (`-lppb-c`, `pkg-config ppb-c`, or CMake `ppb::ppb-c`).
 *
 * THREAD SAFETY
 *   - Every function may be called from any thread.
 *   - `ppb_election` and `ppb_outcome` never change after construction: one handle may be read
 *     from many threads at once.
 *   - A `ppb_tally_options` must not be modified while another thread uses it.
 *   - `ppb_keypair`, `ppb_ballot` and `ppb_proof` never change: one handle may be used from many
 *     threads. A `ppb_box` may be submitted to from many threads at once; a `ppb_box_setup` must
 *     not be modified while another thread uses it.
 *   - `ppb_last_error()` is per thread.
 *
 * CONVENTIONS (../shared/STYLE.md §4)
 *   - Every function that can fail returns a `ppb_status`: `PPB_OK` (0) or an error code. On an
 *     error, `ppb_last_error()` says why, and every `out_` parameter that receives a handle is set
 *     to NULL. Expected rejections (a voter's bad ballot, an ineligible voter) will be *verdicts*
 *     returned with `PPB_OK`, never error statuses.
 *   - Treat any status you do not know as a failure: codes are appended over time.
 *   - Handles come from `_parse`/`_load_file`/`_new`/`_run` and are owned by the caller, who frees
 *     each with its `_free` exactly once. `_free(NULL)` does nothing.
 *   - Pointers returned through `const char** out_...` are *borrowed*: valid while the handle they
 *     came from lives; never free them.
 *   - Memory returned through `char** out_...` is *owned* by the caller and released with
 *     `ppb_free()` only (never `free()`: ppb and the caller may use different allocators).
 *   - Strings are UTF-8. Money is an integer count of the election's smallest unit
 *     (10^-money_places of its currency): never floating point.
 *   - No C++ exception ever crosses this boundary.
 *
 * SECTIONS: library; `.pb` elections; election definitions (JSON); proposals; eligibility (IIN,
 * voter roll); keys and ballots; ballot box and log; tally. Each section says which of its
 * handles may be shared between threads.
 */
#ifndef PPB_PPB_H
#define PPB_PPB_H

#include <stddef.h>
#include <stdint.h>

/* PPB_VERSION_MAJOR, _MINOR, _PATCH, PPB_VERSION_NUMBER, PPB_VERSION_STRING: written once, there. */
#include "ppb/version.hpp"

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------------------------------------
 * Macros
 * ------------------------------------------------------------------------------------------- */

#if defined(__GNUC__) || defined(__clang__)
#  define PPB_CAPI __attribute__((visibility("default")))
#  define PPB_NODISCARD __attribute__((warn_unused_result))
#  define PPB_DEPRECATED(message) __attribute__((deprecated(message)))
#else
#  define PPB_CAPI
#  define PPB_NODISCARD
#  define PPB_DEPRECATED(message)
#endif

/* The C ABI's major version: the SONAME of libppb-c (libppb-c.so.0). It changes only when a
 * function is removed or changes meaning; until 1.0 a minor release may do that. */
#define PPB_C_ABI_VERSION 0

/* ---------------------------------------------------------------------------------------------
 * Status codes. Pinned: values are appended, never renumbered or reused. Treat unknown codes as
 * failure. Each maps from one class of the C++ `ppb::errc` codes (see ppb_last_error_code()).
 * ------------------------------------------------------------------------------------------- */

typedef int32_t ppb_status;

#define PPB_OK 0                   /* success */
#define PPB_ERR_INVALID_ARGUMENT 1 /* NULL where a value is needed, index out of range, bad option */
#define PPB_ERR_MISUSE 2           /* a handle used against its contract (wrong or freed handle) */
#define PPB_ERR_PARSE 3            /* malformed input: a `.pb` file or text ppb refuses */
#define PPB_ERR_IO 4               /* a file cannot be opened or read */
#define PPB_ERR_NOMEM 5            /* out of memory */
#define PPB_ERR_CRYPTO_INIT 6      /* the cryptographic library could not be initialised */
#define PPB_ERR_INTERNAL 7         /* a bug in ppb: please report it with ppb_last_error() */

/* The code's name ("PPB_ERR_PARSE"); "PPB_ERR_UNKNOWN" for a code this library does not know.
 * @return : a static string, never NULL. */
PPB_CAPI const char* ppb_status_name(ppb_status status);

/* Why the last call on this thread that failed did so: a message starting with a stable id, e.g.
 * "[ppb.parse_error.103] <input>:10: vote names project 'zz', which PROJECTS does not list".
 * Set on every non-OK return; not cleared by successful calls (like errno).
 * @return : borrowed, valid until the next ppb_* call on this thread; "" if nothing failed yet. */
PPB_CAPI const char* ppb_last_error(void);

/* The detailed C++ `ppb::errc` code of the last failure on this thread (e.g. 103 for a vote naming
 * an unknown project; 100 for an unreadable file), 0 if nothing failed yet. Stable, pinned
 * values listed in ppb/error.hpp; finer than the status. */
PPB_CAPI int32_t ppb_last_error_code(void);

/* ---------------------------------------------------------------------------------------------
 * Library
 * ------------------------------------------------------------------------------------------- */

/* Initialises the library and the cryptographic library (libsodium's sodium_init).
 * Call once before any other function that signs or verifies; safe to call more than once and from
 * several threads.
 * @return : 0 on success, 1 if already initialised, -1 on failure (then ppb_last_error() says
 *           why, with status PPB_ERR_CRYPTO_INIT). */
PPB_CAPI PPB_NODISCARD int ppb_init(void);

/* The library's version: major·10⁴ + minor·10² + patch. Compare with PPB_VERSION_NUMBER to check
 * that the header matches the library. */
PPB_CAPI uint32_t ppb_version_number(void);

/* The library's version as text ("0.1.0").
 * @return : a static string, never NULL. */
PPB_CAPI const char* ppb_version_string(void);

/* Releases memory that a ppb function handed out through a `char** out_...` parameter.
 * ppb_free(NULL) does nothing. Never pass a handle (use its _free) or memory from elsewhere. */
PPB_CAPI void ppb_free(void* memory);

/* ---------------------------------------------------------------------------------------------
 * Sizes, as macros and as functions (ctypes and other FFIs cannot see macros). Each pair is
 * equal; a test checks it.
 * ------------------------------------------------------------------------------------------- */

/* Largest money scale: money is counted in units of 10^-places, places <= this. */
#define PPB_MONEY_PLACES_MAX 9U
PPB_CAPI size_t ppb_money_places_max(void);

/* Fixed by the ballot format (DESIGN.md §5): an Ed25519 public key, an Ed25519 signature, and a
 * SHA-256 digest (election id, ballot id, log roots). The functions that take them come with the
 * keys and ballot box sections. */
#define PPB_PUBLICKEY_BYTES 32U
PPB_CAPI size_t ppb_publickey_bytes(void);
#define PPB_SIGNATURE_BYTES 64U
PPB_CAPI size_t ppb_signature_bytes(void);
#define PPB_HASH_BYTES 32U
PPB_CAPI size_t ppb_hash_bytes(void);

/* ---------------------------------------------------------------------------------------------
 * Elections: one budget unit's projects and ballots, read from a pabulib `.pb` file.
 * ------------------------------------------------------------------------------------------- */

/* Opaque; layout private to bindings/c/src. */
typedef struct ppb_election ppb_election;

/* Flags for ppb_election_parse / ppb_election_load_file (bitwise or). */
#define PPB_LOAD_DEFAULT 0U
/* Refuse (PPB_ERR_PARSE) a file whose ballots break its own META limits (length, cost, points).
 * Without it such ballots are counted and reported by ppb_election_warning_count(), as
 * `ppb tally` does, because published elections contain them. */
#define PPB_LOAD_STRICT 1U

/* Parses `.pb` text held in memory (`len` bytes, not necessarily NUL-terminated).
 * @param flags : PPB_LOAD_DEFAULT or PPB_LOAD_STRICT; other bits are PPB_ERR_INVALID_ARGUMENT.
 * @param out_election : receives a new handle, owned by the caller (ppb_election_free), or NULL on
 *                       error.
 * @return : PPB_OK; PPB_ERR_PARSE for malformed text (ppb_last_error_code() gives the exact
 *           reason, 101..199); PPB_ERR_INVALID_ARGUMENT if `text` is NULL with len > 0, or
 *           `out_election` is NULL; PPB_ERR_NOMEM. */
PPB_CAPI ppb_status ppb_election_parse(const char* text, size_t len, uint32_t flags, ppb_election** out_election);

/* Reads a `.pb` file. Same as ppb_election_parse, plus PPB_ERR_IO when the file cannot be opened
 * or read. `path` is a NUL-terminated file name. Error messages name the file and line. */
PPB_CAPI ppb_status ppb_election_load_file(const char* path, uint32_t flags, ppb_election** out_election);

/* Frees an election. NULL does nothing. Outcomes tallied from it stay valid (they share its data). */
PPB_CAPI void ppb_election_free(ppb_election* election);

/* Inspection. Each returns PPB_OK, or PPB_ERR_INVALID_ARGUMENT when a pointer is NULL or an index is
 * out of range, or PPB_ERR_MISUSE when `election` is not a live election handle. */

/* The budget, in smallest units (10^-money_places). */
PPB_CAPI ppb_status ppb_election_budget(const ppb_election* election, int64_t* out_budget);
/* The money scale: amounts are counted in units of 10^-places (0 for whole-unit budgets). */
PPB_CAPI ppb_status ppb_election_money_places(const ppb_election* election, int32_t* out_places);
/* pabulib's vote type: "approval", "choose-1", "cumulative", "scoring" or "ordinal".
 * `*out_name` is a static string. */
PPB_CAPI ppb_status ppb_election_vote_type(const ppb_election* election, const char** out_name);
/* Number of voters (ballots cast). */
PPB_CAPI ppb_status ppb_election_voter_count(const ppb_election* election, uint64_t* out_voters);
/* Number of projects on the ballot. */
PPB_CAPI ppb_status ppb_election_project_count(const ppb_election* election, size_t* out_count);
/* Number of ballots kept although they break the file's META limits (0 when loaded strictly). */
PPB_CAPI ppb_status ppb_election_warning_count(const ppb_election* election, size_t* out_count);
/* The META value for `key` (e.g. "description", "currency", "unit"): borrowed, or NULL with
 * PPB_OK when the file has no such key. */
PPB_CAPI ppb_status ppb_election_meta(const ppb_election* election, const char* key, const char** out_value);

/* Project `index` (0-based, file order): its id (identity), its display name (borrowed), its cost
 * in smallest units. */
PPB_CAPI ppb_status ppb_election_project_id(const ppb_election* election, size_t index, const char** out_id);
PPB_CAPI ppb_status ppb_election_project_name(const ppb_election* election, size_t index, const char** out_name);
PPB_CAPI ppb_status ppb_election_project_cost(const ppb_election* election, size_t index, int64_t* out_cost);
/* The index of the project whose id is `id`: `*out_found` is 1 and `*out_index` set, or
 * `*out_found` is 0 (a missing id is an answer, not an error). */
PPB_CAPI ppb_status ppb_election_find_project(const ppb_election* election, const char* id, int32_t* out_found,
                                              size_t* out_index);

/* ---------------------------------------------------------------------------------------------
 * Election definitions: one budget cycle — territory tree with budget envelopes, phases, proposal
 * and ballot rules, eligibility policy, tally rule — read from JSON (docs/election.md). A
 * definition never changes after construction: one handle may be read from many threads.
 * ------------------------------------------------------------------------------------------- */

typedef struct ppb_definition ppb_definition;
typedef struct ppb_definition_problems ppb_definition_problems;

/* Languages of citizen-facing text (unit names, reason messages). Pinned values. */
#define PPB_LANG_KK 0 /* Kazakh, Cyrillic script */
#define PPB_LANG_RU 1 /* Russian */
#define PPB_LANG_EN 2 /* English */

/* Checks a definition held in memory (`len` bytes) and lists every problem, as `ppb election
 * validate` prints them. Problems are an answer, not an error: PPB_OK with zero problems means
 * the definition is valid.
 * @param out_problems : receives a new handle owned by the caller (ppb_definition_problems_free),
 *                       or NULL on error.
 * @return : PPB_OK; PPB_ERR_INVALID_ARGUMENT (`text` NULL with len > 0, `out_problems` NULL);
 *           PPB_ERR_NOMEM. */
PPB_CAPI ppb_status ppb_definition_check(const char* text, size_t len, ppb_definition_problems** out_problems);
/* The same for a file's exact bytes; PPB_ERR_IO when it cannot be read. */
PPB_CAPI ppb_status ppb_definition_check_file(const char* path, ppb_definition_problems** out_problems);
/* Frees a problem list. NULL does nothing. */
PPB_CAPI void ppb_definition_problems_free(ppb_definition_problems* problems);
/* Number of problems (0: valid). Returns PPB_OK, PPB_ERR_INVALID_ARGUMENT (NULL pointer, index out
 * of range) or PPB_ERR_MISUSE (not a live problem list), like every accessor below. */
PPB_CAPI ppb_status ppb_definition_problems_count(const ppb_definition_problems* problems, size_t* out_count);
/* Problem `index`: where — a JSON Pointer ("/units/3/budget"; "" for the document itself, e.g. a
 * syntax error) — and what ("must be a non-negative integer"). Both borrowed from `problems`. */
PPB_CAPI ppb_status ppb_definition_problem(const ppb_definition_problems* problems, size_t index,
                                           const char** out_path, const char** out_message);

/* Parses a definition held in memory, keeping its exact bytes (the election id hashes them).
 * @param out_definition : receives a new handle owned by the caller (ppb_definition_free), or NULL
 *                         on error.
 * @return : PPB_OK; PPB_ERR_PARSE with ppb_last_error_code() 120 (json_syntax: not JSON, with the
 *           line) or 121 (invalid_election: ppb_last_error() lists every problem; use
 *           ppb_definition_check for them one by one); PPB_ERR_INVALID_ARGUMENT (`text` NULL with
 *           len > 0, `out_definition` NULL); PPB_ERR_NOMEM. */
PPB_CAPI ppb_status ppb_definition_parse(const char* text, size_t len, ppb_definition** out_definition);
/* Reads a definition file. Same as ppb_definition_parse, plus PPB_ERR_IO (code 100) when the file
 * cannot be read. */
PPB_CAPI ppb_status ppb_definition_load_file(const char* path, ppb_definition** out_definition);
/* Frees a definition. NULL does nothing. Registries made from it stay valid (they share its data). */
PPB_CAPI void ppb_definition_free(ppb_definition* definition);

/* Inspection: PPB_OK, PPB_ERR_INVALID_ARGUMENT (NULL pointer, index out of range, unknown
 * language), PPB_ERR_MISUSE (not a live definition). Strings are borrowed from the definition. */

/* The election id: SHA-256("ppb/election/v1" ‖ exact definition bytes) (DESIGN.md §5), written to
 * the caller's PPB_HASH_BYTES bytes at `out_id`. */
PPB_CAPI ppb_status ppb_definition_id(const ppb_definition* definition, uint8_t* out_id);
/* The budget cycle's id ("kosshy-2026"). */
PPB_CAPI ppb_status ppb_definition_cycle(const ppb_definition* definition, const char** out_cycle);
/* Budgets and costs count units of 10^-places of the currency. */
PPB_CAPI ppb_status ppb_definition_money_places(const ppb_definition* definition, int32_t* out_places);
/* Number of territorial units (every level of the tree). */
PPB_CAPI ppb_status ppb_definition_unit_count(const ppb_definition* definition, size_t* out_count);
/* The index of the unit whose id is `id`: `*out_found` 1 and `*out_index` set, or `*out_found` 0. */
PPB_CAPI ppb_status ppb_definition_find_unit(const ppb_definition* definition, const char* id, int32_t* out_found,
                                             size_t* out_index);
/* Unit `index` (0-based, definition order): its id, its name in `lang` (PPB_LANG_*), the id of the
 * unit containing it ("" for the root), and its budget envelope in smallest units:
 * `*out_has_budget` 1 and `*out_budget` set, or 0 (a unit that only groups others, no ballot). */
PPB_CAPI ppb_status ppb_definition_unit_id(const ppb_definition* definition, size_t index, const char** out_id);
PPB_CAPI ppb_status ppb_definition_unit_name(const ppb_definition* definition, size_t index, int32_t lang,
                                             const char** out_name);
PPB_CAPI ppb_status ppb_definition_unit_parent(const ppb_definition* definition, size_t index,
                                               const char** out_parent);
PPB_CAPI ppb_status ppb_definition_unit_budget(const ppb_definition* definition, size_t index,
                                               int32_t* out_has_budget, int64_t* out_budget);

/* ---------------------------------------------------------------------------------------------
 * Proposals: submission, revision, withdrawal, the expert council's review and merges, each
 * checked against the election's proposal rules and the lifecycle (docs/proposals.md), with an
 * audit trail; approved proposals become each unit's ballot. A refused entry is a verdict with
 * reason codes, returned with PPB_OK. A registry must not be changed by two threads at once.
 * ------------------------------------------------------------------------------------------- */

typedef struct ppb_registry ppb_registry;
typedef struct ppb_proposal_verdicts ppb_proposal_verdicts;
typedef struct ppb_roll ppb_roll; /* the voter roll: see Eligibility */

/* Lifecycle states. Pinned values (docs/proposals.md, "Lifecycle"). */
#define PPB_PROPOSAL_SUBMITTED 0
#define PPB_PROPOSAL_UNDER_REVIEW 1
#define PPB_PROPOSAL_APPROVED 2
#define PPB_PROPOSAL_RETURNED 3
#define PPB_PROPOSAL_RESUBMITTED 4
#define PPB_PROPOSAL_REJECTED 5
#define PPB_PROPOSAL_WITHDRAWN 6
#define PPB_PROPOSAL_MERGED 7

/* The state's name ("under_review"), or "unknown". @return : a static string, never NULL. */
PPB_CAPI const char* ppb_proposal_state_name(int32_t state);
/* A proposal reason code's stable name ("cost_above_cap"; codes 1–29 refusals, 40–59 the council's
 * rejection grounds, docs/proposals.md), or "unknown". @return : a static string, never NULL. */
PPB_CAPI const char* ppb_proposal_reason_name(int32_t reason);
/* The reason explained to a citizen in `lang` (PPB_LANG_*); "" for an unknown reason or language.
 * @return : a static UTF-8 string, never NULL. */
PPB_CAPI const char* ppb_proposal_reason_message(int32_t reason, int32_t lang);

/* A new, empty registry of the proposals of `definition`'s election.
 * @param out_registry : receives a new handle owned by the caller (ppb_registry_free), or NULL on
 *                       error. It holds its own reference to the definition's data, so either may
 *                       be freed first.
 * @return : PPB_OK, PPB_ERR_INVALID_ARGUMENT, PPB_ERR_MISUSE, PPB_ERR_NOMEM. */
PPB_CAPI ppb_status ppb_registry_new(const ppb_definition* definition, ppb_registry** out_registry);
/* Frees a registry. NULL does nothing. */
PPB_CAPI void ppb_registry_free(ppb_registry* registry);

/* Applies a `ppb/proposals/v1` document (`len` bytes of JSON): residents' submissions, revisions
 * and withdrawals, in order, as `ppb proposals import` does. One proposal is a document with one
 * entry. `roll` (may be NULL, or empty: then authors' residence and roll status are not checked)
 * is read only during the call.
 * @param out_verdicts : receives one verdict per entry, owned by the caller
 *                       (ppb_proposal_verdicts_free), or NULL on error.
 * @return : PPB_OK, whatever the verdicts say; PPB_ERR_PARSE for a document that is not JSON (code
 *           120) or not such a document (126 bad_value, 102 missing_field, 123 bad_date; every
 *           problem listed; nothing is applied); PPB_ERR_INVALID_ARGUMENT; PPB_ERR_MISUSE;
 *           PPB_ERR_NOMEM. */
PPB_CAPI ppb_status ppb_registry_import(ppb_registry* registry, const ppb_roll* roll, const char* json, size_t len,
                                        ppb_proposal_verdicts** out_verdicts);
/* Applies a `ppb/reviews/v1` document: council members' votes (approve with an optional cost,
 * return, reject with a ground) and merges, as `ppb proposals review` does. A vote's verdict
 * carries the proposal's state afterwards, so a decision the votes reach shows there. Returns as
 * ppb_registry_import. */
PPB_CAPI ppb_status ppb_registry_review(ppb_registry* registry, const char* json, size_t len,
                                        ppb_proposal_verdicts** out_verdicts);
/* Low-level step of the lifecycle, for officials' tools: moves proposal `id` to `to_state`
 * (PPB_PROPOSAL_*) if the lifecycle allows it and `at` is not before its latest transition,
 * recording `actor`, `reason` (a PPB reason code, 0 for none) and `comment` (NULL for none) in the
 * audit trail. `at` is UTC text "YYYY-MM-DDTHH:MM:SSZ".
 * @param out_verdicts : receives one verdict (refused: unknown_proposal, illegal_transition).
 * @return : PPB_OK; PPB_ERR_INVALID_ARGUMENT for a NULL pointer, an unknown state or reason code, or
 *           a malformed `at`; PPB_ERR_MISUSE; PPB_ERR_NOMEM. */
PPB_CAPI ppb_status ppb_registry_transition(ppb_registry* registry, const char* id, int32_t to_state,
                                            const char* actor, const char* at, int32_t reason, const char* comment,
                                            ppb_proposal_verdicts** out_verdicts);
/* The proposals (all when `unit` is NULL, else that unit's) as one line of JSON, what `ppb
 * proposals list --json` prints: [{"id", "unit", "state", "author", "title", "description",
 * "address", "category", "estimated_cost", "final_cost", "cost", "submitted_at", "revisions",
 * "round", "rejection", "decision_comment", "merged_into", "attachments"}].
 * @param out_json : NUL-terminated text owned by the caller, released with ppb_free().
 * @param out_len : its length without the NUL; may be NULL.
 * @return : PPB_OK, PPB_ERR_INVALID_ARGUMENT, PPB_ERR_MISUSE, PPB_ERR_NOMEM. */
PPB_CAPI ppb_status ppb_registry_list_json(const ppb_registry* registry, const char* unit, char** out_json,
                                           size_t* out_len);
/* The audit trail as CSV (`seq,at,proposal,actor,from,to,reason,comment`), what `ppb proposals
 * audit` prints. Ownership as ppb_registry_list_json. */
PPB_CAPI ppb_status ppb_registry_audit_csv(const ppb_registry* registry, char** out_csv, size_t* out_len);
/* The ballot of `unit` as pabulib `.pb` text (META from the election, PROJECTS from its approved
 * proposals, no votes), what `ppb proposals export --unit` writes; ppb_election_parse reads it.
 * Ownership as ppb_registry_list_json.
 * @return : PPB_OK; PPB_ERR_INVALID_ARGUMENT when `unit` is not in the election or has no budget;
 *           PPB_ERR_MISUSE; PPB_ERR_NOMEM. */
PPB_CAPI ppb_status ppb_registry_export_pb(const ppb_registry* registry, const char* unit, char** out_text,
                                           size_t* out_len);

/* Frees verdicts. NULL does nothing. */
PPB_CAPI void ppb_proposal_verdicts_free(ppb_proposal_verdicts* verdicts);
/* Verdict accessors: PPB_OK, PPB_ERR_INVALID_ARGUMENT (NULL pointer, index out of range),
 * PPB_ERR_MISUSE. Strings are borrowed from `verdicts`. */
/* Number of verdicts: one per entry of the document, in order. */
PPB_CAPI ppb_status ppb_proposal_verdicts_count(const ppb_proposal_verdicts* verdicts, size_t* out_count);
/* Verdict `i`'s proposal id ("" for a refused submission that gave none). */
PPB_CAPI ppb_status ppb_proposal_verdict_id(const ppb_proposal_verdicts* verdicts, size_t i, const char** out_id);
/* The proposal's state after the entry (PPB_PROPOSAL_*), or -1 when there is no such proposal. */
PPB_CAPI ppb_status ppb_proposal_verdict_state(const ppb_proposal_verdicts* verdicts, size_t i, int32_t* out_state);
/* Number of problems: 0 means the entry was applied. */
PPB_CAPI ppb_status ppb_proposal_verdict_problem_count(const ppb_proposal_verdicts* verdicts, size_t i,
                                                       size_t* out_count);
/* Problem `j` of verdict `i`: its reason code (ppb_proposal_reason_name) and a detail for officials
 * (English, with the values). */
PPB_CAPI ppb_status ppb_proposal_verdict_problem(const ppb_proposal_verdicts* verdicts, size_t i, size_t j,
                                                 int32_t* out_reason, const char** out_detail);

/* ---------------------------------------------------------------------------------------------
 * Eligibility: IIN checks, the voter roll (CSV), and the checker's verdicts. A roll never changes
 * after construction: one handle may be read from many threads.
 * ------------------------------------------------------------------------------------------- */

typedef struct ppb_eligibility_verdict ppb_eligibility_verdict;

/* Sex as an IIN's 7th digit encodes it. Pinned values. */
#define PPB_SEX_MALE 0
#define PPB_SEX_FEMALE 1

/* What ppb_iin_check found. */
typedef struct ppb_iin_info {
  int32_t valid;       /* 1 valid, 0 not */
  int32_t reason;      /* 0 when valid, else the first failed check (ppb_iin_reason_name) */
  int32_t birth_year;  /* date of birth (digits 1–6 and the century digit); 0 when not valid */
  int32_t birth_month; /* 1–12 */
  int32_t birth_day;   /* 1–31 */
  int32_t sex;         /* PPB_SEX_*; -1 when not valid */
} ppb_iin_info;

/* Checks an IIN (ЖСН / ИИН): `text` is NUL-terminated, exactly 12 digits. An invalid number is an
 * answer (`valid` 0 and a reason), as `ppb iin check` prints it.
 * @return : PPB_OK, or PPB_ERR_INVALID_ARGUMENT when a pointer is NULL. */
PPB_CAPI ppb_status ppb_iin_check(const char* text, ppb_iin_info* out_info);
/* An IIN reason code's stable name ("check_digit_mismatch"; 0 is "valid"), or "unknown".
 * @return : a static string, never NULL. */
PPB_CAPI const char* ppb_iin_reason_name(int32_t reason);
/* The reason explained to a citizen in `lang` (PPB_LANG_*); "" for an unknown reason or language.
 * @return : a static UTF-8 string, never NULL. */
PPB_CAPI const char* ppb_iin_reason_message(int32_t reason, int32_t lang);
/* "male" or "female", or "unknown". @return : a static string, never NULL. */
PPB_CAPI const char* ppb_sex_name(int32_t sex);

/* The stable name of a detailed error code (ppb_last_error_code(), ppb_roll_error()): e.g.
 * "invalid_iin" for 122, "unknown" for a code this library does not know.
 * @return : a static string, never NULL. */
PPB_CAPI const char* ppb_error_code_name(int32_t code);

/* Reads a voter roll held in memory: CSV with header `iin,unit,status,registered,credential`
 * (docs/election.md). Bad rows are not an error: the roll keeps the good rows and lists the bad
 * ones (ppb_roll_error), as `ppb roll check` prints them.
 * @param definition : when not NULL, every row's unit must be one of its units.
 * @param out_roll : receives a new handle owned by the caller (ppb_roll_free), or NULL on error.
 * @return : PPB_OK; PPB_ERR_PARSE for text that is not a roll at all (no header, a missing or
 *           unknown column); PPB_ERR_INVALID_ARGUMENT; PPB_ERR_MISUSE (dead definition);
 *           PPB_ERR_NOMEM. */
PPB_CAPI ppb_status ppb_roll_parse(const char* text, size_t len, const ppb_definition* definition,
                                   ppb_roll** out_roll);
/* Reads a roll file. Same as ppb_roll_parse, plus PPB_ERR_IO when the file cannot be opened. */
PPB_CAPI ppb_status ppb_roll_load_file(const char* path, const ppb_definition* definition, ppb_roll** out_roll);
/* Frees a roll. NULL does nothing. */
PPB_CAPI void ppb_roll_free(ppb_roll* roll);
/* Roll accessors: PPB_OK, PPB_ERR_INVALID_ARGUMENT, PPB_ERR_MISUSE. */
/* Voters accepted. */
PPB_CAPI ppb_status ppb_roll_voter_count(const ppb_roll* roll, size_t* out_count);
/* Data rows read, and rows refused (exact). */
PPB_CAPI ppb_status ppb_roll_row_count(const ppb_roll* roll, uint64_t* out_rows);
PPB_CAPI ppb_status ppb_roll_bad_row_count(const ppb_roll* roll, uint64_t* out_bad_rows);
/* Refused rows listed (the first 1000 at most, in line order). */
PPB_CAPI ppb_status ppb_roll_error_count(const ppb_roll* roll, size_t* out_count);
/* Listed refused row `index`: its line (1-based), its error code (ppb_error_code_name: invalid_iin,
 * unknown_unit, bad_value, bad_date, duplicate_entry, missing_field, extra_cells, truncated) and
 * why (borrowed). Any out pointer may be NULL. */
PPB_CAPI ppb_status ppb_roll_error(const ppb_roll* roll, size_t index, uint64_t* out_line, int32_t* out_code,
                                   const char** out_message);

/* May voter `iin` vote in `unit` at `at` (UTC text "YYYY-MM-DDTHH:MM:SSZ")? Checks, as `ppb roll
 * eligible` does: on the roll, the unit has a ballot, the voting window, age on the local voting
 * day, residence, registration cutoff, status. An ineligible voter is an answer: PPB_OK and a
 * verdict listing every failed condition.
 * @param out_verdict : receives a new handle owned by the caller (ppb_eligibility_verdict_free), or
 *                      NULL on error.
 * @return : PPB_OK; PPB_ERR_INVALID_ARGUMENT for a NULL pointer, an `iin` that is not a valid IIN
 *           (check it first with ppb_iin_check) or a malformed `at`; PPB_ERR_MISUSE (dead roll or
 *           definition); PPB_ERR_NOMEM. */
PPB_CAPI ppb_status ppb_roll_check(const ppb_roll* roll, const ppb_definition* definition, const char* iin,
                                   const char* unit, const char* at, ppb_eligibility_verdict** out_verdict);
/* Frees a verdict. NULL does nothing. */
PPB_CAPI void ppb_eligibility_verdict_free(ppb_eligibility_verdict* verdict);
/* Verdict accessors: PPB_OK, PPB_ERR_INVALID_ARGUMENT, PPB_ERR_MISUSE. */
/* 1 eligible, 0 not. */
PPB_CAPI ppb_status ppb_eligibility_verdict_eligible(const ppb_eligibility_verdict* verdict, int32_t* out_eligible);
/* Number of failed conditions (0 when eligible), in reason-code order. */
PPB_CAPI ppb_status ppb_eligibility_verdict_failure_count(const ppb_eligibility_verdict* verdict, size_t* out_count);
/* Failed condition `index`: its reason code (ppb_eligibility_reason_name) and a detail for officials
 * ("age 17 on 2026-04-20; minimum 18"), borrowed from the verdict. */
PPB_CAPI ppb_status ppb_eligibility_verdict_failure(const ppb_eligibility_verdict* verdict, size_t index,
                                                    int32_t* out_reason, const char** out_detail);
/* An eligibility reason code's stable name ("underage"; 1–11), or "unknown".
 * @return : a static string, never NULL. */
PPB_CAPI const char* ppb_eligibility_reason_name(int32_t reason);
/* The reason explained to a citizen in `lang` (PPB_LANG_*); "" for an unknown reason or language.
 * @return : a static UTF-8 string, never NULL. */
PPB_CAPI const char* ppb_eligibility_reason_message(int32_t reason, int32_t lang);

/* ---------------------------------------------------------------------------------------------
 * Keys: Ed25519 key pairs of a role (voter credential, election authority, polling-point
 * officer), their text forms `ppb-<role>-pk:HEX` / `ppb-<role>-sk:HEX`. Keys and hashes are passed
 * as fixed-size byte arrays: PPB_PUBLICKEY_BYTES, PPB_SEED_BYTES, PPB_HASH_BYTES.
 * ------------------------------------------------------------------------------------------- */

/* Whose key it is. Pinned values; part of the text form, so one role's key is never read as
 * another's. */
#define PPB_ROLE_VOTER 0
#define PPB_ROLE_AUTHORITY 1
#define PPB_ROLE_OFFICER 2

/* The role's name ("voter", "authority", "officer"), or "unknown".
 * @return : a static string, never NULL. */
PPB_CAPI const char* ppb_role_name(int32_t role);

/* Bytes of the seed a key pair is derived from. */
#define PPB_SEED_BYTES 32U
PPB_CAPI size_t ppb_seed_bytes(void);

/* A key pair with its role. Opaque; the secret key is wiped from memory when it is freed. */
typedef struct ppb_keypair ppb_keypair;

/* A fresh random key pair of `role` (PPB_ROLE_*).
 * @param out_keypair : receives a new handle owned by the caller (ppb_keypair_free), or NULL on
 *                      error.
 * @return : PPB_OK; PPB_ERR_INVALID_ARGUMENT (unknown role, NULL out_keypair);
 *           PPB_ERR_CRYPTO_INIT; PPB_ERR_NOMEM. */
PPB_CAPI ppb_status ppb_keypair_new(int32_t role, ppb_keypair** out_keypair);

/* The key pair derived from a seed of `len` == PPB_SEED_BYTES bytes: deterministic (tests,
 * known answers). Same returns as ppb_keypair_new, plus PPB_ERR_INVALID_ARGUMENT for a NULL seed
 * or another length. */
PPB_CAPI ppb_status ppb_keypair_from_seed(int32_t role, const uint8_t* seed, size_t len, ppb_keypair** out_keypair);

/* Reads a secret key's text form `ppb-<role>-sk:` + 64 hex digits (NUL-terminated; white space
 * around it is ignored), which must be of `role`.
 * @return : PPB_OK; PPB_ERR_PARSE for another role's key, a public key, bad hex
 *           (ppb_last_error_code() 141, bad_key); PPB_ERR_INVALID_ARGUMENT (unknown role, NULL
 *           pointer); PPB_ERR_NOMEM. */
PPB_CAPI ppb_status ppb_keypair_parse(int32_t role, const char* text, ppb_keypair** out_keypair);

/* Wipes and frees a key pair. NULL does nothing. */
PPB_CAPI void ppb_keypair_free(ppb_keypair* keypair);

/* The key pair's role (PPB_ROLE_*). */
PPB_CAPI ppb_status ppb_keypair_role(const ppb_keypair* keypair, int32_t* out_role);

/* Copies the public key into `out_key` (PPB_PUBLICKEY_BYTES bytes). */
PPB_CAPI ppb_status ppb_keypair_public_key(const ppb_keypair* keypair, uint8_t* out_key);

/* Writes the secret key's text form (`ppb-<role>-sk:HEX`, NUL-terminated) into the caller's
 * `buffer` of `capacity` bytes, so that the secret never sits in memory ppb hands out. Treat it
 * as a secret.
 * @param buffer : NULL with capacity 0 asks only for the size (PPB_OK, nothing written).
 * @param out_needed : receives the bytes needed, NUL included; may be NULL.
 * @return : PPB_OK; PPB_ERR_INVALID_ARGUMENT when the buffer is too small (nothing is written;
 *           *out_needed says how much is needed) or a pointer is NULL; PPB_ERR_MISUSE. */
PPB_CAPI ppb_status ppb_keypair_secret_text(const ppb_keypair* keypair, char* buffer, size_t capacity,
                                            size_t* out_needed);

/* The text form `ppb-<role>-pk:HEX` of a public key (`len` == PPB_PUBLICKEY_BYTES bytes).
 * @param out_text : receives NUL-terminated text owned by the caller, released with ppb_free().
 * @param out_len : receives its length without the NUL; may be NULL.
 * @return : PPB_OK; PPB_ERR_INVALID_ARGUMENT (unknown role, NULL pointer, wrong length);
 *           PPB_ERR_NOMEM. */
PPB_CAPI ppb_status ppb_public_key_text(int32_t role, const uint8_t* key, size_t len, char** out_text,
                                        size_t* out_len);

/* Reads a public key's text form, which must be of `role`, into `out_key` (PPB_PUBLICKEY_BYTES).
 * @return : PPB_OK; PPB_ERR_PARSE (code 141, bad_key) for another role's key, a secret key, bad
 *           hex; PPB_ERR_INVALID_ARGUMENT (unknown role, NULL pointer). */
PPB_CAPI ppb_status ppb_public_key_parse(int32_t role, const char* text, uint8_t* out_key);

/* ---------------------------------------------------------------------------------------------
 * Ballots: the canonical `ballot/v1` encoding (docs/ballot.md), signed by the voter's
 * credential. A signed ballot is a byte string; the box verifies the signature over exactly those
 * bytes before it reads anything.
 * ------------------------------------------------------------------------------------------- */

/* What a ballot holds. Pinned values (they are on the wire). */
#define PPB_PAYLOAD_APPROVAL 1 /* approval and choose-1: a set of projects, indices increasing */
#define PPB_PAYLOAD_POINTS 2   /* cumulative and scoring: (project, points > 0), indices increasing */
#define PPB_PAYLOAD_RANKING 3  /* ordinal: distinct projects, most preferred first */

/* The answer of a ballot check or of the ballot box. A refusal is an answer, not an error: the
 * call returns PPB_OK with `accepted` 0 and `reason` set.
 *   accepted  : 1 accepted (or, for ppb_ballot_open, well-formed and validly signed), 0 refused.
 *   reason    : why it was refused (PPB_REJECT_*, ppb_reject_reason_name), 0 when accepted.
 *   entry     : ppb_box_submit: index of the log entry recording the decision (the receipt,
 *               with ballot_id); 0 otherwise.
 *   ballot_id : the ballot id (ppb_ballot_id); zero bytes when the input is too short for one. */
typedef struct ppb_verdict {
  int32_t accepted;
  int32_t reason;
  uint64_t entry;
  uint8_t ballot_id[PPB_HASH_BYTES];
} ppb_verdict;

/* Reasons for refusing a submission. Pinned values, appended only; treat unknown values as
 * refusals. 1-10 are faults of the bytes themselves (ppb_ballot_open reports those too); 41-51
 * are the ballot rules (40 + the rule broken). ppb_reject_reason_name gives every name. */
#define PPB_REJECT_TOO_SHORT 1
#define PPB_REJECT_BAD_CONTEXT 2
#define PPB_REJECT_BAD_SIGNATURE 3 /* forged or damaged: the signature does not verify */
#define PPB_REJECT_OVERSIZED 11
#define PPB_REJECT_WRONG_ELECTION 20
#define PPB_REJECT_UNKNOWN_UNIT 21
#define PPB_REJECT_UNKNOWN_CREDENTIAL 22
#define PPB_REJECT_REVOKED_CREDENTIAL 23
#define PPB_REJECT_NOT_ELIGIBLE 24
#define PPB_REJECT_WRONG_BALLOT_KIND 25
#define PPB_REJECT_VOTING_NOT_OPEN 26
#define PPB_REJECT_VOTING_CLOSED 27
#define PPB_REJECT_STALE_REVISION 28
#define PPB_REJECT_REPEATED_REVISION 29
#define PPB_REJECT_DUPLICATE 30 /* exactly this ballot was already received (a replay) */
#define PPB_REJECT_REVOTE_REFUSED 31
#define PPB_REJECT_BOX_CLOSED 32

/* The reason's stable name ("bad_signature", "duplicate", "too_many_projects"), or
 * "unknown". @return : a static string, never NULL. */
PPB_CAPI const char* ppb_reject_reason_name(int32_t reason);

/* The election id: SHA-256("ppb/election/v1" ‖ the definition's exact bytes), what a ballot is
 * signed for. `definition` is the election definition JSON as published, `len` bytes.
 * @param out_id : receives PPB_HASH_BYTES bytes.
 * @return : PPB_OK; PPB_ERR_INVALID_ARGUMENT for a NULL pointer (definition may be NULL when len
 *           is 0). */
PPB_CAPI ppb_status ppb_election_id_of(const char* definition, size_t len, uint8_t* out_id);

/* Encodes and signs a ballot with a fresh random nonce: `kind` PPB_PAYLOAD_*, `count` projects
 * (indices into the unit's ballot, in the order PPB_PAYLOAD_* requires) and, for
 * PPB_PAYLOAD_POINTS only, `points[i]` for `projects[i]`.
 * @param voter : a PPB_ROLE_VOTER key pair; its public key is the ballot's credential.
 * @param election_id : PPB_HASH_BYTES bytes (ppb_election_id_of, ppb_box_setup_election_id).
 * @param unit : the unit's index among the election's ballot units (ppb_box_setup_unit).
 * @param revision : 1 for a first ballot; a revote needs a higher one.
 * @param points : NULL unless kind is PPB_PAYLOAD_POINTS; then `count` values > 0.
 * @param out_ballot : receives the signed bytes, owned by the caller, released with ppb_free().
 * @param out_len : receives their length.
 * @return : PPB_OK; PPB_ERR_INVALID_ARGUMENT (a NULL pointer, unknown kind, projects out of
 *           order or repeated, zero points, points on another kind, a key pair of another role);
 *           PPB_ERR_MISUSE (dead key pair); PPB_ERR_NOMEM. */
PPB_CAPI ppb_status ppb_ballot_sign(const ppb_keypair* voter, const uint8_t* election_id, uint32_t unit,
                                    uint64_t revision, int32_t kind, const uint16_t* projects,
                                    const uint32_t* points, size_t count, uint8_t** out_ballot,
                                    size_t* out_len);

/* The ballot id of signed bytes: SHA-256("ppb/ballot-id/v1" ‖ the bytes without the signature).
 * @param out_id : receives PPB_HASH_BYTES bytes.
 * @return : PPB_OK; PPB_ERR_INVALID_ARGUMENT (NULL pointer, fewer than PPB_SIGNATURE_BYTES
 *           bytes). */
PPB_CAPI ppb_status ppb_ballot_id(const uint8_t* data, size_t len, uint8_t* out_id);

/* A signed ballot that verified and parsed. Opaque, immutable. */
typedef struct ppb_ballot ppb_ballot;

/* Verifies the signature over exactly `data`, then parses strictly. Bad bytes are a verdict:
 * PPB_OK with out_verdict->accepted 0 and reason 1..10 (e.g. PPB_REJECT_BAD_SIGNATURE), and
 * *out_ballot NULL. (It does not check the ballot against an election: the box does.)
 * @param out_ballot : receives a new handle owned by the caller (ppb_ballot_free) when accepted,
 *                     else NULL; may itself be NULL to only check.
 * @param out_verdict : receives the verdict (entry 0).
 * @return : PPB_OK; PPB_ERR_INVALID_ARGUMENT (data NULL with len > 0, out_verdict NULL);
 *           PPB_ERR_NOMEM. */
PPB_CAPI ppb_status ppb_ballot_open(const uint8_t* data, size_t len, ppb_ballot** out_ballot,
                                    ppb_verdict* out_verdict);

/* Frees a ballot. NULL does nothing. */
PPB_CAPI void ppb_ballot_free(ppb_ballot* ballot);

/* Its fields. Same returns as the election's inspection functions. */
PPB_CAPI ppb_status ppb_ballot_election(const ppb_ballot* ballot, uint8_t* out_election_id);
PPB_CAPI ppb_status ppb_ballot_unit(const ppb_ballot* ballot, uint32_t* out_unit);
PPB_CAPI ppb_status ppb_ballot_credential(const ppb_ballot* ballot, uint8_t* out_key);
PPB_CAPI ppb_status ppb_ballot_revision(const ppb_ballot* ballot, uint64_t* out_revision);
/* PPB_PAYLOAD_*. */
PPB_CAPI ppb_status ppb_ballot_kind(const ppb_ballot* ballot, int32_t* out_kind);
/* Number of projects on it, and the `i`-th (its points for PPB_PAYLOAD_POINTS, else 0;
 * out_points may be NULL). */
PPB_CAPI ppb_status ppb_ballot_count(const ppb_ballot* ballot, size_t* out_count);
PPB_CAPI ppb_status ppb_ballot_item(const ppb_ballot* ballot, size_t i, uint16_t* out_project,
                                    uint32_t* out_points);

/* ---------------------------------------------------------------------------------------------
 * Ballot box and log (DESIGN.md §5-6): the box decides each submission, logs the decision in an
 * append-only, Merkle-hashed log file and answers once it is durable. The log alone re-checks
 * every verdict (ppb_log_verify), proves a ballot's inclusion (ppb_log_prove) and gives the tally
 * (ppb_log_tally), as `ppb box` and `ppb log` do. Times are Unix seconds (UTC).
 * ------------------------------------------------------------------------------------------- */

/* What a box is created with: the election, each ballot unit's ballot, the credentials, the
 * officers, the authority's public key. Opaque; not thread-safe while being filled. */
typedef struct ppb_box_setup ppb_box_setup;

/* A setup for the election definition JSON `definition` (`len` bytes, exactly as published:
 * its bytes give the election id).
 * @param out_setup : receives a new handle owned by the caller (ppb_box_setup_free), or NULL.
 * @return : PPB_OK; PPB_ERR_PARSE for JSON that is not a valid election (codes 120, 121);
 *           PPB_ERR_INVALID_ARGUMENT (NULL pointer); PPB_ERR_NOMEM. */
PPB_CAPI ppb_status ppb_box_setup_new(const char* definition, size_t len, ppb_box_setup** out_setup);

/* Frees a setup. NULL does nothing. */
PPB_CAPI void ppb_box_setup_free(ppb_box_setup* setup);

/* The election id (PPB_HASH_BYTES bytes into out_id). */
PPB_CAPI ppb_status ppb_box_setup_election_id(const ppb_box_setup* setup, uint8_t* out_id);

/* Number of ballot units (units with a budget), and the id of unit `index` (borrowed, valid while
 * the setup lives): `index` is what a ballot's `unit` field holds. */
PPB_CAPI ppb_status ppb_box_setup_unit_count(const ppb_box_setup* setup, size_t* out_count);
PPB_CAPI ppb_status ppb_box_setup_unit(const ppb_box_setup* setup, size_t index, const char** out_unit);

/* Sets the ballot of ballot unit `unit` (its id) from `.pb` text (`len` bytes; its VOTES may be
 * empty). Every ballot unit needs one before ppb_box_create.
 * @return : PPB_OK; PPB_ERR_PARSE for malformed text; PPB_ERR_INVALID_ARGUMENT (NULL pointer,
 *           `unit` not a ballot unit); PPB_ERR_MISUSE; PPB_ERR_NOMEM. */
PPB_CAPI ppb_status ppb_box_setup_set_ballot(ppb_box_setup* setup, const char* unit, const char* pb_text,
                                             size_t len);

/* Adds a voter's credential (public key, PPB_PUBLICKEY_BYTES) living in unit `unit`, or a
 * polling-point officer's key serving `unit`. Checked by ppb_box_create (valid point, listed
 * once, known unit). */
PPB_CAPI ppb_status ppb_box_setup_add_credential(ppb_box_setup* setup, const uint8_t* key, const char* unit);
PPB_CAPI ppb_status ppb_box_setup_add_officer(ppb_box_setup* setup, const uint8_t* key, const char* unit);

/* Sets the election authority's public key (checks the close). */
PPB_CAPI ppb_status ppb_box_setup_set_authority(ppb_box_setup* setup, const uint8_t* key);

/* An open ballot box. Opaque. Thread-safe: many threads may submit at once. */
typedef struct ppb_box ppb_box;

/* Creates a new log at `path` from `setup` (which the caller still owns and may free).
 * Pseudonymous mode: residence is checked against each credential's unit.
 * @param out_box : receives a new handle owned by the caller (ppb_box_free), or NULL.
 * @return : PPB_OK; PPB_ERR_IO (the file exists or cannot be created); PPB_ERR_INVALID_ARGUMENT
 *           (a ballot unit without a ballot, a ballot that does not match the election, a bad or
 *           repeated credential, NULL pointer); PPB_ERR_MISUSE; PPB_ERR_NOMEM. */
PPB_CAPI ppb_status ppb_box_create(const char* path, const ppb_box_setup* setup, ppb_box** out_box);

/* Opens an existing log after a stop or a crash: a torn last entry is cut, the log replayed.
 * @return : PPB_OK; PPB_ERR_IO; PPB_ERR_PARSE for a damaged log (150 not a log, 151 version,
 *           152 corrupt); PPB_ERR_INVALID_ARGUMENT; PPB_ERR_NOMEM. */
PPB_CAPI ppb_status ppb_box_open(const char* path, ppb_box** out_box);

/* Frees a box (its log is synced and closed; open it again with ppb_box_open). NULL does nothing. */
PPB_CAPI void ppb_box_free(ppb_box* box);

/* Decides `data` (a signed ballot, or a signed paper batch) at time `at`, logs the decision and
 * returns once it is durable. A refusal is a verdict: PPB_OK with accepted 0 and its reason.
 * @return : PPB_OK; PPB_ERR_INVALID_ARGUMENT (data NULL with len > 0, out_verdict NULL);
 *           PPB_ERR_MISUSE (dead handle; or code 154: the box stopped after an earlier change failed
 *           part-way, out of memory: free it and ppb_box_open its log); PPB_ERR_NOMEM (this
 *           submission alone failed); PPB_ERR_IO (the log cannot be written: the box is then unusable). */
PPB_CAPI ppb_status ppb_box_submit(ppb_box* box, const uint8_t* data, size_t len, int64_t at,
                                   ppb_verdict* out_verdict);

/* Revokes a credential from time `at` on (its ballots already counted stay counted).
 * @param out_revoked : 1 if revoked now, 0 if the key is not on the list or already revoked.
 * @return : PPB_OK, PPB_ERR_INVALID_ARGUMENT, PPB_ERR_MISUSE (also code 154, as for ppb_box_submit),
 *           PPB_ERR_NOMEM, PPB_ERR_IO. */
PPB_CAPI ppb_status ppb_box_revoke(ppb_box* box, const uint8_t* key, int64_t at, int32_t* out_revoked);

/* Closes the box as `ppb box close` does: logs the close and a checkpoint signed by `authority`,
 * tallies every unit with the election's rule and logs the result with a new checkpoint. Later
 * submissions are refused (PPB_REJECT_BOX_CLOSED).
 * @return : PPB_OK; PPB_ERR_INVALID_ARGUMENT (not the setup's authority key, or not an authority
 *           key pair); PPB_ERR_MISUSE (already closed: code 153; stopped: code 154, as for
 *           ppb_box_submit; dead handle); PPB_ERR_NOMEM; PPB_ERR_IO. */
PPB_CAPI ppb_status ppb_box_close(ppb_box* box, const ppb_keypair* authority, int64_t at);

/* Figures: entries in the log, its Merkle root (PPB_HASH_BYTES into out_root), ballots accepted
 * and submissions refused so far, whether it is closed (1/0). */
PPB_CAPI ppb_status ppb_box_size(const ppb_box* box, uint64_t* out_entries);
PPB_CAPI ppb_status ppb_box_root(const ppb_box* box, uint8_t* out_root);
PPB_CAPI ppb_status ppb_box_counts(const ppb_box* box, uint64_t* out_accepted, uint64_t* out_rejected);
PPB_CAPI ppb_status ppb_box_is_closed(const ppb_box* box, int32_t* out_closed);

/* What re-checking a whole log found (ppb_log_verify). */
typedef struct ppb_log_report {
  uint64_t entries;
  uint64_t accepted;      /* online ballots accepted */
  uint64_t rejected;      /* submissions refused */
  uint64_t paper_ballots; /* ballots of accepted paper batches */
  uint64_t checkpoints;   /* checkpoints whose signature and root verified */
  uint64_t torn_bytes;    /* a damaged or incomplete last entry (a log still being written) */
  int32_t closed;         /* 1 if the box was closed */
  int32_t verified;       /* 1 when `ppb log verify` would pass: no torn tail, closed, and the
                             logged result equals the re-tally of the counted ballots */
  uint8_t root[PPB_HASH_BYTES];
} ppb_log_report;

/* Re-checks the log at `path` from its bytes alone, as `ppb log verify` does: every record's
 * checksum, every signature, every verdict re-decided, every checkpoint, then the result.
 * @return : PPB_OK with the report (check `verified`); PPB_ERR_PARSE when an entry does not hold
 *           (code 152 log_corrupt, naming the entry; 150, 151); PPB_ERR_IO;
 *           PPB_ERR_INVALID_ARGUMENT (NULL pointer); PPB_ERR_NOMEM. */
PPB_CAPI ppb_status ppb_log_verify(const char* path, ppb_log_report* out_report);

/* The tally of the log's counted ballots, byte for byte what `ppb log tally --json` prints
 * (without its final newline): {"election", "units": [{"unit", "ballots", "outcome"}]}.
 * @param out_json : receives text owned by the caller, released with ppb_free().
 * @param out_len : receives its length without the NUL; may be NULL.
 * @return : as ppb_log_verify. */
PPB_CAPI ppb_status ppb_log_tally(const char* path, char** out_json, size_t* out_len);

/* An inclusion proof of a ballot in a log (RFC 6962). Opaque, immutable. */
typedef struct ppb_proof ppb_proof;

/* The inclusion proof of the accepted ballot with id `ballot_id` (PPB_HASH_BYTES) in the whole
 * log at `path`. A ballot the log does not hold is an answer: PPB_OK and *out_proof NULL.
 * @param out_proof : receives a new handle owned by the caller (ppb_proof_free), or NULL.
 * @return : as ppb_log_verify. */
PPB_CAPI ppb_status ppb_log_prove(const char* path, const uint8_t* ballot_id, ppb_proof** out_proof);

/* Frees a proof. NULL does nothing. */
PPB_CAPI void ppb_proof_free(ppb_proof* proof);

/* The proof's leaf index and tree size, leaf hash and root (PPB_HASH_BYTES each), and its path:
 * `*out_count` hashes of PPB_HASH_BYTES, leaf to root, contiguous in `*out_hashes` (borrowed,
 * valid while the proof lives; NULL when the count is 0). */
PPB_CAPI ppb_status ppb_proof_position(const ppb_proof* proof, uint64_t* out_index, uint64_t* out_tree_size);
PPB_CAPI ppb_status ppb_proof_leaf(const ppb_proof* proof, uint8_t* out_leaf);
PPB_CAPI ppb_status ppb_proof_root(const ppb_proof* proof, uint8_t* out_root);
PPB_CAPI ppb_status ppb_proof_path(const ppb_proof* proof, const uint8_t** out_hashes, size_t* out_count);

/* Checks an inclusion proof with only the hashes, as a voter's app does (RFC 9162 §2.1.3.2):
 * `*out_valid` is 1 iff `path` (`count` hashes of PPB_HASH_BYTES) shows the leaf hash `leaf` at
 * `index` in the tree of `tree_size` leaves with root `root`, else 0 (a wrong proof is an answer).
 * @return : PPB_OK; PPB_ERR_INVALID_ARGUMENT for a NULL pointer (path may be NULL when count is 0). */
PPB_CAPI ppb_status ppb_merkle_verify_inclusion(const uint8_t* leaf, uint64_t index, uint64_t tree_size,
                                                const uint8_t* path, size_t count, const uint8_t* root,
                                                int32_t* out_valid);

/* ---------------------------------------------------------------------------------------------
 * Tally: any rule by name, with the options `ppb tally` takes; the same code path, so the same
 * bytes of JSON as `ppb tally --json`.
 * ------------------------------------------------------------------------------------------- */

typedef struct ppb_tally_options ppb_tally_options;
typedef struct ppb_outcome ppb_outcome;

/* New options with ppb's defaults: rule "greedy", satisfaction "points", tie-break "default"
 * (min-cost, max-votes, file-order).
 * @param out_options : receives a new handle owned by the caller (ppb_tally_options_free), or NULL
 *                      on error.
 * @return : PPB_OK, PPB_ERR_INVALID_ARGUMENT (out_options NULL), PPB_ERR_NOMEM. */
PPB_CAPI ppb_status ppb_tally_options_new(ppb_tally_options** out_options);

/* Frees options. NULL does nothing. */
PPB_CAPI void ppb_tally_options_free(ppb_tally_options* options);

/* Sets one option, named and spelled as `ppb tally`'s command-line option without its dashes:
 *   "rule"          greedy, greedy-cost, greedy-threshold, greedy-no-skip, greedy-exclusive, mes,
 *                   phragmen, max-welfare, meta (see ppb_rule_name)
 *   "satisfaction"  points, cost, cardinality
 *   "tie-break"     default, file-order, lexicographic, lot, or a comma list of min-cost,
 *                   max-votes, file-order, lexicographic, lot
 *   "seed"          the lot's seed, a non-negative whole number (only with a tie-break that
 *                   draws lots: ppb_tally_run refuses it otherwise)
 *   "completion"    MES only: none, add1, add1-exhaustive, greedy, or a chain such as add1+greedy
 *   "comparison"    MES only: "1"/"true" or "0"/"false": equalshares.net's comparison step
 *   "node-limit"    max-welfare only: stop the branch and bound after N nodes (0 = no limit;
 *                   default 50000000); the outcome's JSON "optimal" says whether it finished
 * `key` and `value` are NUL-terminated.
 * @return : PPB_OK; PPB_ERR_INVALID_ARGUMENT for a NULL pointer, an unknown key, or a value the
 *           option does not take (the message lists what it takes); PPB_ERR_MISUSE for a dead
 *           handle. On error the options are unchanged. Whether the rule takes the option at all is
 *           checked by ppb_tally_run (e.g. phragmen takes no satisfaction, greedy no completion),
 *           and so is the completion's name. */
PPB_CAPI ppb_status ppb_tally_options_set(ppb_tally_options* options, const char* key, const char* value);

/* Rule names ppb_tally_options_set("rule", …) accepts, in the order `ppb tally --help` lists them.
 * @param index : 0 … count-1.
 * @param out_name : receives a static string, or NULL when index >= the number of rules (PPB_OK
 *                   either way, so callers loop until NULL).
 * @return : PPB_OK, or PPB_ERR_INVALID_ARGUMENT when out_name is NULL. */
PPB_CAPI ppb_status ppb_rule_name(size_t index, const char** out_name);

/* Runs the tally: `ppb::tally::run(instance, profile, options)`. Pure: the same election and
 * options always give the same outcome.
 * @param options : NULL for the defaults.
 * @param out_outcome : receives a new handle owned by the caller (ppb_outcome_free), or NULL on
 *                      error. It holds its own reference to the election's data, so either may be
 *                      freed first.
 * @return : PPB_OK; PPB_ERR_INVALID_ARGUMENT when the rule does not take one of the options given
 *           (a seed without a lot, a node limit without max-welfare, …) or the file's META does not name a rule `meta` can run; PPB_ERR_PARSE when a number
 *           overflows while counting; PPB_ERR_MISUSE for a dead handle; PPB_ERR_NOMEM. */
PPB_CAPI ppb_status ppb_tally_run(const ppb_election* election, const ppb_tally_options* options,
                                  ppb_outcome** out_outcome);

/* Frees an outcome. NULL does nothing. */
PPB_CAPI void ppb_outcome_free(ppb_outcome* outcome);

/* Flags for ppb_outcome_to_json. */
#define PPB_JSON_DEFAULT 0U
#define PPB_JSON_TRACE 1U /* add every step of the rule ("trace"), as `ppb tally --json --trace` */

/* The outcome as JSON on one line, byte for byte what `ppb tally --json` prints (without its final
 * newline): {"rule", "satisfaction", "tie_break", "money_places", "budget", "spent", "selected",
 * "projects": [{id, name, votes, points, support, cost, status, reason, rank}], "ties", …}.
 * @param out_json : receives NUL-terminated text owned by the caller, released with ppb_free().
 * @param out_len : receives its length without the NUL; may be NULL.
 * @return : PPB_OK, PPB_ERR_INVALID_ARGUMENT (NULL out_json, unknown flag bits), PPB_ERR_MISUSE,
 *           PPB_ERR_NOMEM. */
PPB_CAPI ppb_status ppb_outcome_to_json(const ppb_outcome* outcome, uint32_t flags, char** out_json, size_t* out_len);

/* Summary. Same returns as the election's inspection functions. */
/* The rule that ran (e.g. "greedy"; `meta` reports the rule it resolved to). Borrowed. */
PPB_CAPI ppb_status ppb_outcome_rule(const ppb_outcome* outcome, const char** out_rule);
/* Money spent on funded projects, in smallest units. */
PPB_CAPI ppb_status ppb_outcome_spent(const ppb_outcome* outcome, int64_t* out_spent);
/* Number of funded projects, and the `i`-th in selection order (its project index). */
PPB_CAPI ppb_status ppb_outcome_selected_count(const ppb_outcome* outcome, size_t* out_count);
PPB_CAPI ppb_status ppb_outcome_selected(const ppb_outcome* outcome, size_t i, size_t* out_project);
/* Number of ties the rule met (each broken by the tie-break policy; see the JSON for details). */
PPB_CAPI ppb_status ppb_outcome_tie_count(const ppb_outcome* outcome, size_t* out_count);

/* Explanations: each project's fate. `project` is its index in the election (file order). */

/* A project's status. Pinned values. */
#define PPB_PROJECT_FUNDED 0      /* selected and paid for */
#define PPB_PROJECT_SKIPPED 1     /* considered, not funded (the reason says why) */
#define PPB_PROJECT_EXCLUDED 2    /* never considered (below a support threshold) */
#define PPB_PROJECT_NOT_REACHED 3 /* the rule stopped before considering it */

/* The status's name ("funded", "skipped", "excluded", "not_reached", as in the JSON), or
 * "unknown". @return : a static string, never NULL. */
PPB_CAPI const char* ppb_project_status_name(int32_t status);

/* Project `project`'s status (PPB_PROJECT_*). */
PPB_CAPI ppb_status ppb_outcome_project_status(const ppb_outcome* outcome, size_t project, int32_t* out_status);
/* Why it was funded or not, in plain words ("fits: costs 1200, 300 left after"). Borrowed. */
PPB_CAPI ppb_status ppb_outcome_project_reason(const ppb_outcome* outcome, size_t project, const char** out_reason);
/* Ballots that list it (weighted). */
PPB_CAPI ppb_status ppb_outcome_project_votes(const ppb_outcome* outcome, size_t project, uint64_t* out_votes);
/* Its 1-based place in the rule's order of consideration; 0 if the rule never ranked it. */
PPB_CAPI ppb_status ppb_outcome_project_rank(const ppb_outcome* outcome, size_t project, uint32_t* out_rank);

#ifdef PPB_EXPERIMENTAL_API
/* Unstable calls will be declared here; they are not exported from the shared library. */
#endif

#ifdef __cplusplus
}
#endif

#endif /* PPB_PPB_H */
