// libppb-c: keys, signed ballots, the ballot box and its log (ppb.h's "Keys", "Ballots" and
// "Ballot box and log" sections). It wraps ppb::crypto and ppb::ledger, as src/cli/cmd_ledger.cpp
// does, and adds nothing of its own. Every entry point that can fail is one call to `guard`.
#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "guard.hpp"
#include "ppb/ppb.h"
#include "ppb/ppb.hpp"

static_assert(PPB_SEED_BYTES == ppb::seed_bytes && PPB_PUBLICKEY_BYTES == ppb::public_key_bytes &&
              PPB_SIGNATURE_BYTES == ppb::signature_bytes && PPB_HASH_BYTES == ppb::digest_bytes);
static_assert(PPB_ROLE_VOTER == static_cast<int>(ppb::key_role::voter) &&
              PPB_ROLE_AUTHORITY == static_cast<int>(ppb::key_role::authority) &&
              PPB_ROLE_OFFICER == static_cast<int>(ppb::key_role::officer));
static_assert(PPB_PAYLOAD_APPROVAL == static_cast<int>(ppb::payload_kind::approval) &&
              PPB_PAYLOAD_POINTS == static_cast<int>(ppb::payload_kind::points) &&
              PPB_PAYLOAD_RANKING == static_cast<int>(ppb::payload_kind::ranking));
namespace {
using R = ppb::ledger::reject_reason;
constexpr auto pinned(int value, R r) -> bool { return value == static_cast<int>(r); }
}  // namespace
static_assert(pinned(PPB_REJECT_TOO_SHORT, R::too_short) && pinned(PPB_REJECT_BAD_CONTEXT, R::bad_context) &&
              pinned(PPB_REJECT_BAD_SIGNATURE, R::bad_signature) && pinned(PPB_REJECT_OVERSIZED, R::oversized) &&
              pinned(PPB_REJECT_WRONG_ELECTION, R::wrong_election) &&
              pinned(PPB_REJECT_UNKNOWN_UNIT, R::unknown_unit) &&
              pinned(PPB_REJECT_UNKNOWN_CREDENTIAL, R::unknown_credential) &&
              pinned(PPB_REJECT_REVOKED_CREDENTIAL, R::revoked_credential) &&
              pinned(PPB_REJECT_NOT_ELIGIBLE, R::not_eligible) &&
              pinned(PPB_REJECT_WRONG_BALLOT_KIND, R::wrong_ballot_kind) &&
              pinned(PPB_REJECT_VOTING_NOT_OPEN, R::voting_not_open) &&
              pinned(PPB_REJECT_VOTING_CLOSED, R::voting_closed) &&
              pinned(PPB_REJECT_STALE_REVISION, R::stale_revision) &&
              pinned(PPB_REJECT_REPEATED_REVISION, R::repeated_revision) &&
              pinned(PPB_REJECT_DUPLICATE, R::duplicate) && pinned(PPB_REJECT_REVOTE_REFUSED, R::revote_refused) &&
              pinned(PPB_REJECT_BOX_CLOSED, R::box_closed));

struct ppb_keypair {
  static constexpr std::uint32_t live = 0x5050424b;  // "PPBK"
  std::uint32_t magic = live;
  ppb::key_role role = ppb::key_role::voter;
  ppb::secret_key key;  // wiped by its destructor
};

struct ppb_ballot {
  static constexpr std::uint32_t live = 0x50504242;  // "PPBB"
  std::uint32_t magic = live;
  ppb::opened_ballot ballot;
};

struct ppb_box_setup {
  static constexpr std::uint32_t live = 0x50504253;  // "PPBS"
  std::uint32_t magic = live;
  ppb::ledger::box_setup setup;
  std::vector<std::string> units;                    // setup.election.ballot_units()
  std::vector<std::optional<ppb::instance>> ballots;  // one per unit, set by ppb_box_setup_set_ballot
};

struct ppb_box {
  static constexpr std::uint32_t live = 0x50504258;  // "PPBX"
  std::uint32_t magic = live;
  ppb::ledger::ballot_box box;
};

struct ppb_proof {
  static constexpr std::uint32_t live = 0x50504250;  // "PPBP"
  std::uint32_t magic = live;
  ppb::ledger::inclusion proof;
  ppb::byte_buffer path;  // proof.proof, flattened
};

namespace {

using ppb::capi::copy_out;
using ppb::capi::copy_out_bytes;
using ppb::capi::guard;
using ppb::capi::live;
using ppb::capi::need;
using ppb::capi::release;
using ppb::usage_error;

auto role_of(std::int32_t role) -> ppb::key_role {
  if (role < PPB_ROLE_VOTER || role > PPB_ROLE_OFFICER)
    throw usage_error("unknown key role " + std::to_string(role) + " (PPB_ROLE_VOTER, _AUTHORITY or _OFFICER)");
  return static_cast<ppb::key_role>(role);
}

template <std::size_t N>
auto array_of(const std::uint8_t* p, const char* name) -> std::array<std::uint8_t, N> {
  need(p, name);
  std::array<std::uint8_t, N> out{};
  std::memcpy(out.data(), p, N);
  return out;
}

template <std::size_t N>
void put(const std::array<std::uint8_t, N>& a, std::uint8_t* out) {
  std::memcpy(out, a.data(), N);
}

auto bytes_of(const std::uint8_t* data, std::size_t len, const char* name) -> ppb::byte_span {
  if (data == nullptr && len > 0) throw usage_error(std::string(name) + " is NULL");
  return {data, len};
}

auto path_of(const char* path) -> std::filesystem::path {
  need(path, "path");
  return std::filesystem::path(path);
}

auto time_of(std::int64_t at) -> std::chrono::sys_seconds { return std::chrono::sys_seconds(std::chrono::seconds(at)); }

auto new_keypair(ppb::key_role role, ppb::secret_key key) -> ppb_keypair* {
  auto h = std::make_unique<ppb_keypair>();
  h->role = role;
  h->key = std::move(key);
  return h.release();
}

/// Overwrites a secret held in a std::string (the secret key's text) before it is freed.
void wipe(std::string& s) noexcept {
  volatile char* p = s.data();
  for (std::size_t i = 0; i < s.size(); ++i) p[i] = 0;
}

auto unit_index(const ppb_box_setup& s, const char* unit) -> std::size_t {
  need(unit, "unit");
  const auto it = std::find(s.units.begin(), s.units.end(), unit);
  if (it == s.units.end()) throw usage_error("'" + std::string(unit) + "' is not a ballot unit of the election");
  return static_cast<std::size_t>(it - s.units.begin());
}

void fill_verdict(const ppb::ledger::verdict& v, ppb_verdict* out) {
  out->accepted = v.accepted ? 1 : 0;
  out->reason = v.accepted ? 0 : static_cast<std::int32_t>(v.reason);
  out->entry = v.entry;
  put(v.ballot_id, out->ballot_id);
}

}  // namespace

extern "C" {

// ---- keys -----------------------------------------------------------------------------------

PPB_CAPI const char* ppb_role_name(int32_t role) {
  if (role < PPB_ROLE_VOTER || role > PPB_ROLE_OFFICER) return "unknown";
  return ppb::key_role_name(static_cast<ppb::key_role>(role)).data();  // a string literal
}

PPB_CAPI size_t ppb_seed_bytes(void) { return PPB_SEED_BYTES; }

PPB_CAPI ppb_status ppb_keypair_new(int32_t role, ppb_keypair** out_keypair) {
  if (out_keypair != nullptr) *out_keypair = nullptr;
  return guard([&] {
    const auto r = role_of(role);
    need(out_keypair, "out_keypair");
    *out_keypair = new_keypair(r, ppb::secret_key::generate());
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_keypair_from_seed(int32_t role, const uint8_t* seed, size_t len, ppb_keypair** out_keypair) {
  if (out_keypair != nullptr) *out_keypair = nullptr;
  return guard([&] {
    const auto r = role_of(role);
    need(out_keypair, "out_keypair");
    need(seed, "seed");
    if (len != PPB_SEED_BYTES)
      throw usage_error("a seed has " + std::to_string(PPB_SEED_BYTES) + " bytes, not " + std::to_string(len));
    auto s = array_of<ppb::seed_bytes>(seed, "seed");
    auto key = ppb::secret_key::from_seed(s);
    std::fill(s.begin(), s.end(), std::uint8_t{0});
    *out_keypair = new_keypair(r, std::move(key));
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_keypair_parse(int32_t role, const char* text, ppb_keypair** out_keypair) {
  if (out_keypair != nullptr) *out_keypair = nullptr;
  return guard([&] {
    const auto r = role_of(role);
    need(text, "text");
    need(out_keypair, "out_keypair");
    *out_keypair = new_keypair(r, ppb::crypto::parse_secret_key(r, text));
    return PPB_OK;
  });
}

PPB_CAPI void ppb_keypair_free(ppb_keypair* keypair) { release(keypair); }

PPB_CAPI ppb_status ppb_keypair_role(const ppb_keypair* keypair, int32_t* out_role) {
  return guard([&] {
    const auto& k = live(keypair, "keypair");
    need(out_role, "out_role");
    *out_role = static_cast<int32_t>(k.role);
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_keypair_public_key(const ppb_keypair* keypair, uint8_t* out_key) {
  return guard([&] {
    const auto& k = live(keypair, "keypair");
    need(out_key, "out_key");
    put(k.key.public_part(), out_key);
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_keypair_secret_text(const ppb_keypair* keypair, char* buffer, size_t capacity,
                                            size_t* out_needed) {
  return guard([&] {
    const auto& k = live(keypair, "keypair");
    if (buffer == nullptr && capacity > 0) throw usage_error("buffer is NULL");
    std::string text = ppb::crypto::secret_key_text(k.role, k.key);
    const auto needed = text.size() + 1;
    if (out_needed != nullptr) *out_needed = needed;
    const bool query = buffer == nullptr;  // capacity is 0 here: a size query
    const bool fits = !query && capacity >= needed;
    if (fits) std::memcpy(buffer, text.c_str(), needed);
    wipe(text);
    if (!fits && !query)
      throw usage_error("the buffer holds " + std::to_string(capacity) + " bytes; the key's text needs " +
                        std::to_string(needed));
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_public_key_text(int32_t role, const uint8_t* key, size_t len, char** out_text,
                                        size_t* out_len) {
  if (out_text != nullptr) *out_text = nullptr;
  return guard([&] {
    const auto r = role_of(role);
    need(key, "key");
    need(out_text, "out_text");
    if (len != PPB_PUBLICKEY_BYTES)
      throw usage_error("a public key has " + std::to_string(PPB_PUBLICKEY_BYTES) + " bytes, not " + std::to_string(len));
    copy_out(ppb::crypto::public_key_text(r, array_of<ppb::public_key_bytes>(key, "key")), out_text, out_len);
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_public_key_parse(int32_t role, const char* text, uint8_t* out_key) {
  return guard([&] {
    const auto r = role_of(role);
    need(text, "text");
    need(out_key, "out_key");
    put(ppb::crypto::parse_public_key(r, text), out_key);
    return PPB_OK;
  });
}

// ---- ballots --------------------------------------------------------------------------------

PPB_CAPI const char* ppb_reject_reason_name(int32_t reason) {
  if (reason < 0 || reason > 0xFFFF) return "unknown";
  return ppb::ledger::reject_reason_name(static_cast<ppb::ledger::reject_reason>(reason)).data();  // literals
}

PPB_CAPI ppb_status ppb_election_id_of(const char* definition, size_t len, uint8_t* out_id) {
  return guard([&] {
    if (definition == nullptr && len > 0) throw usage_error("definition is NULL");
    need(out_id, "out_id");
    put(ppb::crypto::election_id(std::string_view(definition, len)), out_id);
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_ballot_sign(const ppb_keypair* voter, const uint8_t* election_id, uint32_t unit,
                                    uint64_t revision, int32_t kind, const uint16_t* projects,
                                    const uint32_t* points, size_t count, uint8_t** out_ballot,
                                    size_t* out_len) {
  if (out_ballot != nullptr) *out_ballot = nullptr;
  return guard([&] {
    const auto& k = live(voter, "voter");
    if (k.role != ppb::key_role::voter)
      throw usage_error("ballots are signed with a voter's key, not a key of role " +
                        std::string(ppb::key_role_name(k.role)));
    need(out_ballot, "out_ballot");
    need(out_len, "out_len");
    if (projects == nullptr && count > 0) throw usage_error("projects is NULL");
    if (kind < PPB_PAYLOAD_APPROVAL || kind > PPB_PAYLOAD_RANKING)
      throw usage_error("unknown ballot kind " + std::to_string(kind) + " (PPB_PAYLOAD_APPROVAL, _POINTS or _RANKING)");
    if (kind == PPB_PAYLOAD_POINTS && points == nullptr && count > 0) throw usage_error("points is NULL");
    if (kind != PPB_PAYLOAD_POINTS && points != nullptr) throw usage_error("points are given for a ballot without points");
    ppb::ballot_content b;
    b.election = array_of<ppb::digest_bytes>(election_id, "election_id");
    b.unit = unit;
    b.credential = k.key.public_part();
    b.revision = revision;
    ppb::crypto::random_bytes(b.nonce);
    b.kind = static_cast<ppb::payload_kind>(kind);
    if (count > 0) b.items.assign(projects, projects + count);
    if (kind == PPB_PAYLOAD_POINTS && count > 0) b.points.assign(points, points + count);
    const auto signed_bytes = ppb::crypto::sign_ballot(b, k.key);
    *out_ballot = reinterpret_cast<std::uint8_t*>(copy_out_bytes(signed_bytes.data(), signed_bytes.size()));
    *out_len = signed_bytes.size();
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_ballot_id(const uint8_t* data, size_t len, uint8_t* out_id) {
  return guard([&] {
    const auto bytes = bytes_of(data, len, "data");
    need(out_id, "out_id");
    if (len < PPB_SIGNATURE_BYTES)
      throw usage_error("a signed ballot has at least " + std::to_string(PPB_SIGNATURE_BYTES) + " bytes, not " +
                        std::to_string(len));
    put(ppb::crypto::ballot_id(bytes), out_id);
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_ballot_open(const uint8_t* data, size_t len, ppb_ballot** out_ballot,
                                    ppb_verdict* out_verdict) {
  if (out_ballot != nullptr) *out_ballot = nullptr;
  return guard([&] {
    const auto bytes = bytes_of(data, len, "data");
    need(out_verdict, "out_verdict");
    auto r = ppb::crypto::open_ballot(bytes);
    *out_verdict = ppb_verdict{};
    if (len >= PPB_SIGNATURE_BYTES) put(ppb::crypto::ballot_id(bytes), out_verdict->ballot_id);
    if (!r) {
      out_verdict->reason = static_cast<int32_t>(r.fault);
      return PPB_OK;
    }
    out_verdict->accepted = 1;
    if (out_ballot != nullptr) {
      auto h = std::make_unique<ppb_ballot>();
      h->ballot = std::move(*r.ballot);
      *out_ballot = h.release();
    }
    return PPB_OK;
  });
}

PPB_CAPI void ppb_ballot_free(ppb_ballot* ballot) { release(ballot); }

PPB_CAPI ppb_status ppb_ballot_election(const ppb_ballot* ballot, uint8_t* out_election_id) {
  return guard([&] {
    const auto& b = live(ballot, "ballot");
    need(out_election_id, "out_election_id");
    put(b.ballot.content.election, out_election_id);
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_ballot_unit(const ppb_ballot* ballot, uint32_t* out_unit) {
  return guard([&] {
    const auto& b = live(ballot, "ballot");
    need(out_unit, "out_unit");
    *out_unit = b.ballot.content.unit;
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_ballot_credential(const ppb_ballot* ballot, uint8_t* out_key) {
  return guard([&] {
    const auto& b = live(ballot, "ballot");
    need(out_key, "out_key");
    put(b.ballot.content.credential, out_key);
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_ballot_revision(const ppb_ballot* ballot, uint64_t* out_revision) {
  return guard([&] {
    const auto& b = live(ballot, "ballot");
    need(out_revision, "out_revision");
    *out_revision = b.ballot.content.revision;
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_ballot_kind(const ppb_ballot* ballot, int32_t* out_kind) {
  return guard([&] {
    const auto& b = live(ballot, "ballot");
    need(out_kind, "out_kind");
    *out_kind = static_cast<int32_t>(b.ballot.content.kind);
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_ballot_count(const ppb_ballot* ballot, size_t* out_count) {
  return guard([&] {
    const auto& b = live(ballot, "ballot");
    need(out_count, "out_count");
    *out_count = b.ballot.content.items.size();
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_ballot_item(const ppb_ballot* ballot, size_t i, uint16_t* out_project, uint32_t* out_points) {
  return guard([&] {
    const auto& b = live(ballot, "ballot");
    need(out_project, "out_project");
    const auto& c = b.ballot.content;
    if (i >= c.items.size())
      throw usage_error("item " + std::to_string(i) + " is out of range (" + std::to_string(c.items.size()) +
                        " projects on the ballot)");
    *out_project = c.items[i];
    if (out_points != nullptr) *out_points = c.kind == ppb::payload_kind::points ? c.points[i] : 0;
    return PPB_OK;
  });
}

// ---- box setup ------------------------------------------------------------------------------

PPB_CAPI ppb_status ppb_box_setup_new(const char* definition, size_t len, ppb_box_setup** out_setup) {
  if (out_setup != nullptr) *out_setup = nullptr;
  return guard([&] {
    if (definition == nullptr && len > 0) throw usage_error("definition is NULL");
    need(out_setup, "out_setup");
    auto h = std::make_unique<ppb_box_setup>();
    h->setup.election = ppb::io::parse_election(std::string_view(definition, len), "<definition>");
    h->units = h->setup.election.ballot_units();
    h->ballots.resize(h->units.size());
    *out_setup = h.release();
    return PPB_OK;
  });
}

PPB_CAPI void ppb_box_setup_free(ppb_box_setup* setup) { release(setup); }

PPB_CAPI ppb_status ppb_box_setup_election_id(const ppb_box_setup* setup, uint8_t* out_id) {
  return guard([&] {
    const auto& s = live(setup, "setup");
    need(out_id, "out_id");
    put(ppb::crypto::election_id(s.setup.election.bytes()), out_id);
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_box_setup_unit_count(const ppb_box_setup* setup, size_t* out_count) {
  return guard([&] {
    const auto& s = live(setup, "setup");
    need(out_count, "out_count");
    *out_count = s.units.size();
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_box_setup_unit(const ppb_box_setup* setup, size_t index, const char** out_unit) {
  return guard([&] {
    const auto& s = live(setup, "setup");
    need(out_unit, "out_unit");
    if (index >= s.units.size())
      throw usage_error("unit index " + std::to_string(index) + " is out of range (" + std::to_string(s.units.size()) +
                        " ballot units)");
    *out_unit = s.units[index].c_str();
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_box_setup_set_ballot(ppb_box_setup* setup, const char* unit, const char* pb_text, size_t len) {
  return guard([&] {
    live(setup, "setup");
    if (pb_text == nullptr && len > 0) throw usage_error("pb_text is NULL");
    const auto u = unit_index(*setup, unit);
    ppb::read_options opts;
    opts.limits = ppb::limit_policy::enforce;  // as `ppb box create` reads the ballots
    setup->ballots[u] = ppb::io::parse_pabulib(std::string_view(pb_text, len), std::string(unit) + ".pb", opts).inst;
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_box_setup_add_credential(ppb_box_setup* setup, const uint8_t* key, const char* unit) {
  return guard([&] {
    live(setup, "setup");
    need(unit, "unit");
    setup->setup.credentials.push_back({array_of<ppb::public_key_bytes>(key, "key"), unit});
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_box_setup_add_officer(ppb_box_setup* setup, const uint8_t* key, const char* unit) {
  return guard([&] {
    live(setup, "setup");
    need(unit, "unit");
    setup->setup.officers.push_back({array_of<ppb::public_key_bytes>(key, "key"), unit});
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_box_setup_set_authority(ppb_box_setup* setup, const uint8_t* key) {
  return guard([&] {
    live(setup, "setup");
    setup->setup.authority = array_of<ppb::public_key_bytes>(key, "key");
    return PPB_OK;
  });
}

// ---- box ------------------------------------------------------------------------------------

PPB_CAPI ppb_status ppb_box_create(const char* path, const ppb_box_setup* setup, ppb_box** out_box) {
  if (out_box != nullptr) *out_box = nullptr;
  return guard([&] {
    const auto& s = live(setup, "setup");
    const auto p = path_of(path);
    need(out_box, "out_box");
    auto copy = s.setup;
    copy.ballots.clear();
    for (std::size_t u = 0; u < s.units.size(); ++u) {
      if (!s.ballots[u]) throw usage_error("ballot unit '" + s.units[u] + "' has no ballot (ppb_box_setup_set_ballot)");
      copy.ballots.push_back(*s.ballots[u]);
    }
    *out_box = new ppb_box{ppb_box::live, ppb::ledger::ballot_box::create(p, std::move(copy))};
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_box_open(const char* path, ppb_box** out_box) {
  if (out_box != nullptr) *out_box = nullptr;
  return guard([&] {
    const auto p = path_of(path);
    need(out_box, "out_box");
    *out_box = new ppb_box{ppb_box::live, ppb::ledger::ballot_box::open(p)};
    return PPB_OK;
  });
}

PPB_CAPI void ppb_box_free(ppb_box* box) { release(box); }

PPB_CAPI ppb_status ppb_box_submit(ppb_box* box, const uint8_t* data, size_t len, int64_t at,
                                   ppb_verdict* out_verdict) {
  return guard([&] {
    live(box, "box");
    const auto bytes = bytes_of(data, len, "data");
    need(out_verdict, "out_verdict");
    fill_verdict(box->box.submit(bytes, time_of(at)), out_verdict);
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_box_revoke(ppb_box* box, const uint8_t* key, int64_t at, int32_t* out_revoked) {
  return guard([&] {
    live(box, "box");
    const auto k = array_of<ppb::public_key_bytes>(key, "key");
    need(out_revoked, "out_revoked");
    *out_revoked = box->box.revoke(k, time_of(at)) ? 1 : 0;
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_box_close(ppb_box* box, const ppb_keypair* authority, int64_t at) {
  return guard([&] {
    live(box, "box");
    const auto& k = live(authority, "authority");
    if (k.role != ppb::key_role::authority)
      throw usage_error("the box is closed with the authority's key, not a key of role " +
                        std::string(ppb::key_role_name(k.role)));
    // As `ppb box close`: close, then log the tally as the result.
    auto& b = box->box;
    b.close(k.key, time_of(at));
    b.publish_result(ppb::ledger::tally_json(b.setup(), b.profiles()), k.key, time_of(at));
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_box_size(const ppb_box* box, uint64_t* out_entries) {
  return guard([&] {
    const auto& b = live(box, "box");
    need(out_entries, "out_entries");
    *out_entries = b.box.size();
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_box_root(const ppb_box* box, uint8_t* out_root) {
  return guard([&] {
    const auto& b = live(box, "box");
    need(out_root, "out_root");
    put(b.box.root(), out_root);
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_box_counts(const ppb_box* box, uint64_t* out_accepted, uint64_t* out_rejected) {
  return guard([&] {
    const auto& b = live(box, "box");
    need(out_accepted, "out_accepted");
    need(out_rejected, "out_rejected");
    *out_accepted = b.box.accepted();
    *out_rejected = b.box.rejected();
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_box_is_closed(const ppb_box* box, int32_t* out_closed) {
  return guard([&] {
    const auto& b = live(box, "box");
    need(out_closed, "out_closed");
    *out_closed = b.box.closed() ? 1 : 0;
    return PPB_OK;
  });
}

// ---- log ------------------------------------------------------------------------------------

PPB_CAPI ppb_status ppb_log_verify(const char* path, ppb_log_report* out_report) {
  return guard([&] {
    const auto p = path_of(path);
    need(out_report, "out_report");
    const auto r = ppb::ledger::replay_log(p);
    ppb_log_report rep{};
    rep.entries = r.entries;
    rep.accepted = r.accepted;
    rep.rejected = r.rejected;
    rep.paper_ballots = r.paper_ballots;
    rep.checkpoints = r.checkpoints;
    rep.torn_bytes = r.torn_bytes;
    rep.closed = r.closed ? 1 : 0;
    rep.verified = !ppb::ledger::result_fault(r);  // the same conditions as `ppb log verify`
    put(r.root, rep.root);
    *out_report = rep;
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_log_tally(const char* path, char** out_json, size_t* out_len) {
  if (out_json != nullptr) *out_json = nullptr;
  return guard([&] {
    const auto p = path_of(path);
    need(out_json, "out_json");
    const auto r = ppb::ledger::replay_log(p);
    copy_out(ppb::ledger::tally_json(r.setup, r.profiles), out_json, out_len);
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_log_prove(const char* path, const uint8_t* ballot_id, ppb_proof** out_proof) {
  if (out_proof != nullptr) *out_proof = nullptr;
  return guard([&] {
    const auto p = path_of(path);
    const auto id = array_of<ppb::digest_bytes>(ballot_id, "ballot_id");
    need(out_proof, "out_proof");
    auto found = ppb::ledger::prove_ballot(p, id);
    if (!found) return PPB_OK;
    auto h = std::make_unique<ppb_proof>();
    for (const auto& d : found->proof) h->path.insert(h->path.end(), d.begin(), d.end());
    h->proof = std::move(*found);
    *out_proof = h.release();
    return PPB_OK;
  });
}

PPB_CAPI void ppb_proof_free(ppb_proof* proof) { release(proof); }

PPB_CAPI ppb_status ppb_proof_position(const ppb_proof* proof, uint64_t* out_index, uint64_t* out_tree_size) {
  return guard([&] {
    const auto& p = live(proof, "proof");
    need(out_index, "out_index");
    need(out_tree_size, "out_tree_size");
    *out_index = p.proof.index;
    *out_tree_size = p.proof.tree_size;
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_proof_leaf(const ppb_proof* proof, uint8_t* out_leaf) {
  return guard([&] {
    const auto& p = live(proof, "proof");
    need(out_leaf, "out_leaf");
    put(p.proof.leaf, out_leaf);
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_proof_root(const ppb_proof* proof, uint8_t* out_root) {
  return guard([&] {
    const auto& p = live(proof, "proof");
    need(out_root, "out_root");
    put(p.proof.root, out_root);
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_proof_path(const ppb_proof* proof, const uint8_t** out_hashes, size_t* out_count) {
  return guard([&] {
    const auto& p = live(proof, "proof");
    need(out_hashes, "out_hashes");
    need(out_count, "out_count");
    *out_hashes = p.path.empty() ? nullptr : p.path.data();
    *out_count = p.proof.proof.size();
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_merkle_verify_inclusion(const uint8_t* leaf, uint64_t index, uint64_t tree_size,
                                                const uint8_t* path, size_t count, const uint8_t* root,
                                                int32_t* out_valid) {
  return guard([&] {
    const auto l = array_of<ppb::digest_bytes>(leaf, "leaf");
    const auto r = array_of<ppb::digest_bytes>(root, "root");
    if (path == nullptr && count > 0) throw usage_error("path is NULL");
    need(out_valid, "out_valid");
    std::vector<ppb::digest> hashes(count);
    for (std::size_t i = 0; i < count; ++i) std::memcpy(hashes[i].data(), path + i * PPB_HASH_BYTES, PPB_HASH_BYTES);
    *out_valid = ppb::merkle::verify_inclusion(l, index, tree_size, hashes, r) ? 1 : 0;
    return PPB_OK;
  });
}

}  // extern "C"
