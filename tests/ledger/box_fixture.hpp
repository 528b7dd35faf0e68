// Shared by the ballot-box tests: the small city of Kosshy with a ballot of five projects in each
// unit that has a budget, pseudonymous or identified credentials, and ballots made to order.
#ifndef PPB_TESTS_BOX_FIXTURE_HPP
#define PPB_TESTS_BOX_FIXTURE_HPP

#include <doctest/doctest.h>

#include <filesystem>
#include <random>
#include <string>

#include "eligibility/election_fixture.hpp"
#include "support/temp_dir.hpp"
#include "support/unit_ballot.hpp"
#include "ppb/ledger/box.hpp"

namespace fixture {

using support::temp_dir;

using support::unit_ballot;

/// Voters with keys, and the box's setup over them.
struct box_world {
  ppb::election_definition def;
  ppb::secret_key authority = ppb::secret_key::generate();
  std::vector<ppb::secret_key> voters;   // one per credential
  std::vector<std::string> voter_units;  // the unit each voter lives in
  std::vector<std::string> units;        // ballot units, in order
  ppb::secret_key officer = ppb::secret_key::generate();        // serves kosshy-center
  ppb::secret_key north_officer = ppb::secret_key::generate();  // serves kosshy-north

  explicit box_world(ppb::election_definition d = small_city(), int per_district = 4) : def(std::move(d)) {
    units = def.ballot_units();
    for (const char* u : {"kosshy-center", "kosshy-north", "kosshy-south"})
      for (int i = 0; i < per_district; ++i) {
        voters.push_back(ppb::secret_key::generate());
        voter_units.emplace_back(u);
      }
  }
  [[nodiscard]] auto setup() const -> ppb::ledger::box_setup {
    ppb::ledger::box_setup s;
    s.election = def;
    for (const auto& u : units) s.ballots.push_back(unit_ballot(def, u));
    s.authority = authority.public_part();
    for (std::size_t i = 0; i < voters.size(); ++i) s.credentials.push_back({voters[i].public_part(), voter_units[i]});
    s.officers = {{officer.public_part(), "kosshy-center"}, {north_officer.public_part(), "kosshy-north"}};
    return s;
  }
  [[nodiscard]] auto unit_index(const std::string& unit) const -> std::uint32_t {
    return static_cast<std::uint32_t>(std::find(units.begin(), units.end(), unit) - units.begin());
  }
  /// Voter `v`'s ballot for `unit` approving `items`, at `revision`, signed by `signer` (default: v).
  [[nodiscard]] auto ballot(std::size_t v, const std::string& unit, std::vector<std::uint16_t> items,
                            std::uint64_t revision = 1, const ppb::secret_key* signer = nullptr) const -> ppb::byte_buffer {
    ppb::ballot_content b;
    b.election = ppb::crypto::election_id(def.bytes());
    b.unit = unit_index(unit);
    b.credential = voters[v].public_part();
    b.revision = revision;
    ppb::crypto::random_bytes(b.nonce);
    b.items = std::move(items);
    return ppb::crypto::sign_ballot(b, signer ? *signer : voters[v]);
  }
};

/// A paper batch for `unit` marking `voters` (indices), each ballot approving `items`, signed by
/// `signer` (default: the centre's officer).
inline auto paper(const box_world& w, const std::string& unit, std::vector<std::size_t> voters,
                  std::vector<std::uint16_t> items, std::uint64_t number, const ppb::secret_key* signer = nullptr)
    -> ppb::byte_buffer {
  ppb::paper_batch b;
  b.election = ppb::crypto::election_id(w.def.bytes());
  b.unit = w.unit_index(unit);
  const auto& key = signer ? *signer : w.officer;
  b.officer = key.public_part();
  b.number = number;
  for (auto v : voters) {
    b.marks.push_back(w.voters[v].public_part());
    b.ballots.push_back({ppb::payload_kind::approval, items, {}});
  }
  std::sort(b.marks.begin(), b.marks.end());
  return ppb::crypto::sign_paper_batch(b, key);
}

/// A moment inside the small city's voting phase.
inline auto voting_time() -> std::chrono::sys_seconds { return ts("2026-04-20T10:00:00Z"); }

}  // namespace fixture

#endif
