// libppb-c: the C ABI over the C++ API (DESIGN.md §2: it wraps, it adds nothing of its own).
// Every entry point that can fail is one call to `guard`, so no exception crosses into C.
#include <algorithm>
#include <atomic>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "guard.hpp"
#include "ppb/ppb.h"
#include "ppb/ppb.hpp"

static_assert(PPB_MONEY_PLACES_MAX == static_cast<unsigned>(ppb::max_money_places));
static_assert(PPB_PROJECT_FUNDED == static_cast<int>(ppb::project_status::funded) &&
              PPB_PROJECT_SKIPPED == static_cast<int>(ppb::project_status::skipped) &&
              PPB_PROJECT_EXCLUDED == static_cast<int>(ppb::project_status::excluded) &&
              PPB_PROJECT_NOT_REACHED == static_cast<int>(ppb::project_status::not_reached));

// Each handle starts with a magic word, checked by every entry point in PPB_API_ARMOR builds
// (SQLite's sqlite3SafetyCheckOk), so that a wrong or freed handle is refused instead of used.
struct ppb_election {
  static constexpr std::uint32_t live = 0x50504245;  // "PPBE"
  std::uint32_t magic = live;
  std::shared_ptr<const ppb::election> data;  // shared with the outcomes tallied from it
};

struct ppb_tally_options {
  static constexpr std::uint32_t live = 0x5050424f;  // "PPBO"
  std::uint32_t magic = live;
  ppb::rule_options opts;
  std::string tie_spec = "default";  // kept so that "seed" and "tie-break" may come in either order
  std::uint64_t seed = 0;
  bool seed_given = false;        // refused by ppb_tally_run unless the tie-break draws lots
  bool node_limit_given = false;  // refused by ppb_tally_run unless the rule is max-welfare
};

struct ppb_outcome {
  static constexpr std::uint32_t live = 0x50504254;  // "PPBT"
  std::uint32_t magic = live;
  std::shared_ptr<const ppb::election> election;
  ppb::outcome out;
};

namespace {

using ppb::capi::copy_out;
using ppb::capi::guard;
using ppb::capi::live;
using ppb::capi::need;
using ppb::capi::release;
using ppb::usage_error;

auto project_at(const ppb::instance& inst, std::size_t index) -> const ppb::project& {
  if (index >= inst.size())
    throw usage_error("project index " + std::to_string(index) + " is out of range (" + std::to_string(inst.size()) +
                      " projects)");
  return inst[static_cast<ppb::project_index>(index)];
}

auto result_at(const ppb_outcome& o, std::size_t index) -> const ppb::project_result& {
  if (index >= o.out.projects.size())
    throw usage_error("project index " + std::to_string(index) + " is out of range (" +
                      std::to_string(o.out.projects.size()) + " projects)");
  return o.out.projects[index];
}

auto load_options(std::uint32_t flags) -> ppb::read_options {
  if ((flags & ~PPB_LOAD_STRICT) != 0) throw usage_error("unknown load flags " + std::to_string(flags));
  ppb::read_options opts;
  opts.limits = (flags & PPB_LOAD_STRICT) != 0 ? ppb::limit_policy::enforce : ppb::limit_policy::report;
  return opts;
}

auto new_election(ppb::election e) -> ppb_election* {
  auto h = std::make_unique<ppb_election>();
  h->data = std::make_shared<const ppb::election>(std::move(e));
  return h.release();
}

auto rule_names() -> const std::vector<std::string>& {
  static const std::vector<std::string> names = ppb::tally::rule_names();
  return names;
}

auto parse_whole(std::string_view key, const char* text) -> std::uint64_t {
  const std::string_view s(text);
  std::uint64_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size())
    throw usage_error(std::string(key) + " '" + std::string(s) + "' is not a non-negative whole number");
  return v;
}

auto parse_bool(const char* key, const char* text) -> bool {
  const std::string_view s(text);
  if (s == "1" || s == "true") return true;
  if (s == "0" || s == "false") return false;
  throw usage_error(std::string(key) + " takes 1, true, 0 or false, not '" + std::string(s) + "'");
}

}  // namespace

extern "C" {

// ---- status, errors, library ---------------------------------------------------------------

PPB_CAPI const char* ppb_status_name(ppb_status status) {
  switch (status) {
    case PPB_OK: return "PPB_OK";
    case PPB_ERR_INVALID_ARGUMENT: return "PPB_ERR_INVALID_ARGUMENT";
    case PPB_ERR_MISUSE: return "PPB_ERR_MISUSE";
    case PPB_ERR_PARSE: return "PPB_ERR_PARSE";
    case PPB_ERR_IO: return "PPB_ERR_IO";
    case PPB_ERR_NOMEM: return "PPB_ERR_NOMEM";
    case PPB_ERR_CRYPTO_INIT: return "PPB_ERR_CRYPTO_INIT";
    case PPB_ERR_INTERNAL: return "PPB_ERR_INTERNAL";
    default: return "PPB_ERR_UNKNOWN";
  }
}

PPB_CAPI const char* ppb_last_error(void) { return ppb::capi::last_error().text(); }

PPB_CAPI int32_t ppb_last_error_code(void) { return ppb::capi::last_error().code; }

PPB_CAPI int ppb_init(void) {
  // sodium_init behind ppb::crypto::init (0 first time, 1 already done, -1 failed with
  // PPB_ERR_CRYPTO_INIT in ppb_last_error()).
  static std::atomic<bool> done{false};
  const auto status = guard([] {
    ppb::crypto::init();
    return PPB_OK;
  });
  if (status != PPB_OK) return -1;
  return done.exchange(true) ? 1 : 0;
}

PPB_CAPI uint32_t ppb_version_number(void) { return PPB_VERSION_NUMBER; }

PPB_CAPI const char* ppb_version_string(void) { return PPB_VERSION_STRING; }

PPB_CAPI void ppb_free(void* memory) { std::free(memory); }

PPB_CAPI size_t ppb_money_places_max(void) { return PPB_MONEY_PLACES_MAX; }
PPB_CAPI size_t ppb_publickey_bytes(void) { return PPB_PUBLICKEY_BYTES; }
PPB_CAPI size_t ppb_signature_bytes(void) { return PPB_SIGNATURE_BYTES; }
PPB_CAPI size_t ppb_hash_bytes(void) { return PPB_HASH_BYTES; }

// ---- elections ------------------------------------------------------------------------------

PPB_CAPI ppb_status ppb_election_parse(const char* text, size_t len, uint32_t flags, ppb_election** out_election) {
  if (out_election != nullptr) *out_election = nullptr;
  return guard([&] {
    need(out_election, "out_election");
    if (text == nullptr && len > 0) throw usage_error("text is NULL");
    const auto opts = load_options(flags);
    *out_election = new_election(ppb::io::parse_pabulib(std::string_view(text, len), "<input>", opts));
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_election_load_file(const char* path, uint32_t flags, ppb_election** out_election) {
  if (out_election != nullptr) *out_election = nullptr;
  return guard([&] {
    need(out_election, "out_election");
    need(path, "path");
    const auto opts = load_options(flags);
    *out_election = new_election(ppb::io::read_pabulib(std::filesystem::path(path), opts));
    return PPB_OK;
  });
}

PPB_CAPI void ppb_election_free(ppb_election* election) { release(election); }

PPB_CAPI ppb_status ppb_election_budget(const ppb_election* election, int64_t* out_budget) {
  return guard([&] {
    const auto& e = live(election, "election");
    need(out_budget, "out_budget");
    *out_budget = e.data->inst.budget;
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_election_money_places(const ppb_election* election, int32_t* out_places) {
  return guard([&] {
    const auto& e = live(election, "election");
    need(out_places, "out_places");
    *out_places = e.data->inst.money_places;
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_election_vote_type(const ppb_election* election, const char** out_name) {
  return guard([&] {
    const auto& e = live(election, "election");
    need(out_name, "out_name");
    *out_name = ppb::vote_type_name(e.data->inst.kind).data();  // a string literal
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_election_voter_count(const ppb_election* election, uint64_t* out_voters) {
  return guard([&] {
    const auto& e = live(election, "election");
    need(out_voters, "out_voters");
    *out_voters = e.data->prof.voters();
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_election_project_count(const ppb_election* election, size_t* out_count) {
  return guard([&] {
    const auto& e = live(election, "election");
    need(out_count, "out_count");
    *out_count = e.data->inst.size();
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_election_warning_count(const ppb_election* election, size_t* out_count) {
  return guard([&] {
    const auto& e = live(election, "election");
    need(out_count, "out_count");
    *out_count = e.data->warnings.size();
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_election_meta(const ppb_election* election, const char* key, const char** out_value) {
  if (out_value != nullptr) *out_value = nullptr;
  return guard([&] {
    const auto& e = live(election, "election");
    need(key, "key");
    need(out_value, "out_value");
    const std::string* v = e.data->inst.meta_value(key);
    *out_value = v != nullptr ? v->c_str() : nullptr;
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_election_project_id(const ppb_election* election, size_t index, const char** out_id) {
  return guard([&] {
    const auto& e = live(election, "election");
    need(out_id, "out_id");
    *out_id = project_at(e.data->inst, index).id.c_str();
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_election_project_name(const ppb_election* election, size_t index, const char** out_name) {
  return guard([&] {
    const auto& e = live(election, "election");
    need(out_name, "out_name");
    *out_name = project_at(e.data->inst, index).name.c_str();
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_election_project_cost(const ppb_election* election, size_t index, int64_t* out_cost) {
  return guard([&] {
    const auto& e = live(election, "election");
    need(out_cost, "out_cost");
    *out_cost = project_at(e.data->inst, index).cost;
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_election_find_project(const ppb_election* election, const char* id, int32_t* out_found,
                                              size_t* out_index) {
  return guard([&] {
    const auto& e = live(election, "election");
    need(id, "id");
    need(out_found, "out_found");
    need(out_index, "out_index");
    const auto found = e.data->inst.find(id);
    *out_found = found.has_value() ? 1 : 0;
    if (found) *out_index = *found;
    return PPB_OK;
  });
}

// ---- tally ----------------------------------------------------------------------------------

PPB_CAPI ppb_status ppb_tally_options_new(ppb_tally_options** out_options) {
  if (out_options != nullptr) *out_options = nullptr;
  return guard([&] {
    need(out_options, "out_options");
    *out_options = new ppb_tally_options();
    return PPB_OK;
  });
}

PPB_CAPI void ppb_tally_options_free(ppb_tally_options* options) { release(options); }

PPB_CAPI ppb_status ppb_tally_options_set(ppb_tally_options* options, const char* key, const char* value) {
  return guard([&] {
    live(options, "options");
    need(key, "key");
    need(value, "value");
    ppb_tally_options next = *options;  // all or nothing: options change only if the value is good
    const std::string_view k(key);
    if (k == "rule") {
      const auto& names = rule_names();
      if (std::find(names.begin(), names.end(), value) == names.end()) {
        std::string known;
        for (const auto& n : names) known += (known.empty() ? "" : ", ") + n;
        throw usage_error("unknown rule '" + std::string(value) + "' (known: " + known + ")");
      }
      next.opts.rule = value;
    } else if (k == "satisfaction") {
      next.opts.satisfaction = ppb::parse_satisfaction(value);
      next.opts.satisfaction_given = true;
    } else if (k == "tie-break") {
      next.opts.tie = ppb::tie_break::parse(value, next.seed);
      next.opts.tie_given = true;
      next.tie_spec = value;
    } else if (k == "seed") {
      next.seed = parse_whole(k, value);
      next.seed_given = true;
      next.opts.tie = ppb::tie_break::parse(next.tie_spec, next.seed);
    } else if (k == "node-limit") {
      next.opts.node_limit = parse_whole(k, value);
      next.node_limit_given = true;
    } else if (k == "completion") {
      if (*value == '\0') throw usage_error("completion is empty (use none, add1, …)");
      next.opts.completion = value;
    } else if (k == "comparison") {
      next.opts.comparison = parse_bool(key, value);
    } else {
      throw usage_error("unknown tally option '" + std::string(k) +
                        "' (known: rule, satisfaction, tie-break, seed, completion, comparison, node-limit)");
    }
    *options = std::move(next);
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_rule_name(size_t index, const char** out_name) {
  if (out_name != nullptr) *out_name = nullptr;
  return guard([&] {
    need(out_name, "out_name");
    const auto& names = rule_names();
    *out_name = index < names.size() ? names[index].c_str() : nullptr;
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_tally_run(const ppb_election* election, const ppb_tally_options* options,
                                  ppb_outcome** out_outcome) {
  if (out_outcome != nullptr) *out_outcome = nullptr;
  return guard([&] {
    const auto& e = live(election, "election");
    const ppb::rule_options defaults;
    const ppb::rule_options& opts = options != nullptr ? live(options, "options").opts : defaults;
    need(out_outcome, "out_outcome");
    if (options != nullptr) {
      // As `ppb tally`: an option the rule never reads would look as if it had decided something.
      if (options->seed_given && !opts.tie.draws_lots())
        throw usage_error("seed goes with the tie-break lot; the tie-break " + opts.tie.name() + " draws no lots");
      if (options->node_limit_given && opts.rule != "max-welfare") throw usage_error("node-limit goes with the rule max-welfare");
    }
    auto h = std::make_unique<ppb_outcome>();
    h->election = e.data;
    h->out = ppb::tally::run(e.data->inst, e.data->prof, opts);
    *out_outcome = h.release();
    return PPB_OK;
  });
}

PPB_CAPI void ppb_outcome_free(ppb_outcome* outcome) { release(outcome); }

PPB_CAPI ppb_status ppb_outcome_to_json(const ppb_outcome* outcome, uint32_t flags, char** out_json, size_t* out_len) {
  if (out_json != nullptr) *out_json = nullptr;
  return guard([&] {
    const auto& o = live(outcome, "outcome");
    need(out_json, "out_json");
    if ((flags & ~PPB_JSON_TRACE) != 0) throw usage_error("unknown JSON flags " + std::to_string(flags));
    copy_out(ppb::io::outcome_to_json_text(o.election->inst, o.out, (flags & PPB_JSON_TRACE) != 0), out_json, out_len);
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_outcome_rule(const ppb_outcome* outcome, const char** out_rule) {
  return guard([&] {
    const auto& o = live(outcome, "outcome");
    need(out_rule, "out_rule");
    *out_rule = o.out.rule.c_str();
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_outcome_spent(const ppb_outcome* outcome, int64_t* out_spent) {
  return guard([&] {
    const auto& o = live(outcome, "outcome");
    need(out_spent, "out_spent");
    *out_spent = o.out.spent;
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_outcome_selected_count(const ppb_outcome* outcome, size_t* out_count) {
  return guard([&] {
    const auto& o = live(outcome, "outcome");
    need(out_count, "out_count");
    *out_count = o.out.selected.size();
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_outcome_selected(const ppb_outcome* outcome, size_t i, size_t* out_project) {
  return guard([&] {
    const auto& o = live(outcome, "outcome");
    need(out_project, "out_project");
    if (i >= o.out.selected.size())
      throw usage_error("selection index " + std::to_string(i) + " is out of range (" +
                        std::to_string(o.out.selected.size()) + " funded)");
    *out_project = o.out.selected[i];
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_outcome_tie_count(const ppb_outcome* outcome, size_t* out_count) {
  return guard([&] {
    const auto& o = live(outcome, "outcome");
    need(out_count, "out_count");
    *out_count = o.out.ties.size();
    return PPB_OK;
  });
}

PPB_CAPI const char* ppb_project_status_name(int32_t status) {
  switch (status) {
    case PPB_PROJECT_FUNDED: return "funded";
    case PPB_PROJECT_SKIPPED: return "skipped";
    case PPB_PROJECT_EXCLUDED: return "excluded";
    case PPB_PROJECT_NOT_REACHED: return "not_reached";
    default: return "unknown";
  }
}

PPB_CAPI ppb_status ppb_outcome_project_status(const ppb_outcome* outcome, size_t project, int32_t* out_status) {
  return guard([&] {
    const auto& o = live(outcome, "outcome");
    need(out_status, "out_status");
    *out_status = static_cast<int32_t>(result_at(o, project).status);
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_outcome_project_reason(const ppb_outcome* outcome, size_t project, const char** out_reason) {
  return guard([&] {
    const auto& o = live(outcome, "outcome");
    need(out_reason, "out_reason");
    *out_reason = result_at(o, project).reason.c_str();
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_outcome_project_votes(const ppb_outcome* outcome, size_t project, uint64_t* out_votes) {
  return guard([&] {
    const auto& o = live(outcome, "outcome");
    need(out_votes, "out_votes");
    *out_votes = result_at(o, project).votes;
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_outcome_project_rank(const ppb_outcome* outcome, size_t project, uint32_t* out_rank) {
  return guard([&] {
    const auto& o = live(outcome, "outcome");
    need(out_rank, "out_rank");
    *out_rank = result_at(o, project).rank;
    return PPB_OK;
  });
}

}  // extern "C"
