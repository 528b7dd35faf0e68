// Reference outcomes for tests: rows of ../shared/pabulib/expected.tsv (pabutools 1.2.3) and the
// official `selected` column of real files.
#ifndef PPB_TESTS_SUPPORT_REFERENCE_HPP
#define PPB_TESTS_SUPPORT_REFERENCE_HPP

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "ppb/io/pabulib.hpp"
#include "ppb/tally/outcome.hpp"

namespace ppb::testing {

inline auto shared_pabulib_dir() -> std::filesystem::path { return std::filesystem::path(PPB_SHARED_DIR) / "pabulib"; }

/// One row of expected.tsv: file, pabutools rule name, winners (ids).
struct expected_row {
  std::string file, rule;
  std::set<std::string> winners;
};

/// The rows of expected.tsv whose rule is `rule`, skipping UNSUPPORTED/ERROR/TIMEOUT rows.
inline auto expected_rows(const std::string& rule) -> std::vector<expected_row> {
  std::vector<expected_row> rows;
  std::ifstream in(shared_pabulib_dir() / "expected.tsv");
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream cells(line);
    expected_row r;
    std::string winners;
    std::getline(cells, r.file, '\t');
    std::getline(cells, r.rule, '\t');
    std::getline(cells, winners, '\t');
    if (r.rule != rule || winners.empty() || winners == "UNSUPPORTED" || winners.starts_with("ERROR") ||
        winners.starts_with("TIMEOUT"))
      continue;
    std::istringstream ids(winners);
    for (std::string id; std::getline(ids, id, ',');) r.winners.insert(id);
    rows.push_back(std::move(r));
  }
  return rows;
}

/// Ids of the funded projects of `out`.
inline auto winner_ids(const instance& inst, const outcome& out) -> std::set<std::string> {
  std::set<std::string> ids;
  for (auto p : out.selected) ids.insert(inst[p].id);
  return ids;
}

/// Ids the city funded (`selected` == 1), or nothing if the file has no `selected` column.
inline auto official_winners(const instance& inst) -> std::optional<std::set<std::string>> {
  std::set<std::string> ids;
  bool any = false;
  for (const auto& p : inst.projects())
    if (p.selected) {
      any = true;
      if (*p.selected == 1) ids.insert(p.id);
    }
  if (!any) return std::nullopt;
  return ids;
}

}  // namespace ppb::testing

#endif
