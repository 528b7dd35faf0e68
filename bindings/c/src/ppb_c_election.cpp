// libppb-c: election definitions, proposals and eligibility (ppb.h's sections of the same names).
// Like ppb_c.cpp, it wraps the C++ API and adds nothing of its own; every entry point that can
// fail is one call to `guard`.
#include <chrono>
#include <cstring>
#include <filesystem>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "guard.hpp"
#include "ppb/crypto/canonical.hpp"
#include "ppb/eligibility/checker.hpp"
#include "ppb/io/election_json.hpp"
#include "ppb/io/pabulib.hpp"
#include "ppb/io/proposals_json.hpp"
#include "ppb/io/roll_csv.hpp"
#include "ppb/ppb.h"
#include "ppb/proposals/ballot.hpp"

static_assert(PPB_LANG_KK == static_cast<int>(ppb::lang::kk) && PPB_LANG_RU == static_cast<int>(ppb::lang::ru) &&
              PPB_LANG_EN == static_cast<int>(ppb::lang::en));
static_assert(PPB_SEX_MALE == static_cast<int>(ppb::sex::male) && PPB_SEX_FEMALE == static_cast<int>(ppb::sex::female));
static_assert(PPB_PROPOSAL_SUBMITTED == static_cast<int>(ppb::proposal_state::submitted) &&
              PPB_PROPOSAL_UNDER_REVIEW == static_cast<int>(ppb::proposal_state::under_review) &&
              PPB_PROPOSAL_APPROVED == static_cast<int>(ppb::proposal_state::approved) &&
              PPB_PROPOSAL_RETURNED == static_cast<int>(ppb::proposal_state::returned) &&
              PPB_PROPOSAL_RESUBMITTED == static_cast<int>(ppb::proposal_state::resubmitted) &&
              PPB_PROPOSAL_REJECTED == static_cast<int>(ppb::proposal_state::rejected) &&
              PPB_PROPOSAL_WITHDRAWN == static_cast<int>(ppb::proposal_state::withdrawn) &&
              PPB_PROPOSAL_MERGED == static_cast<int>(ppb::proposal_state::merged));
static_assert(PPB_HASH_BYTES == ppb::digest_bytes);

// Handles: each starts with its magic word (see guard.hpp's `live`).
struct ppb_definition {
  static constexpr std::uint32_t live = 0x50504244;  // "PPBD"
  std::uint32_t magic = live;
  std::shared_ptr<const ppb::election_definition> data;  // shared with the registries made from it
};

struct ppb_definition_problems {
  static constexpr std::uint32_t live = 0x50504250;  // "PPBP"
  std::uint32_t magic = live;
  std::vector<ppb::definition_problem> list;
};

struct ppb_registry {
  static constexpr std::uint32_t live = 0x50504252;  // "PPBR"
  std::uint32_t magic = live;
  std::shared_ptr<const ppb::election_definition> definition;
  ppb::proposal_registry reg;
};

struct ppb_proposal_verdicts {
  static constexpr std::uint32_t live = 0x50504256;  // "PPBV"
  std::uint32_t magic = live;
  std::vector<ppb::proposal_verdict> list;
};

struct ppb_roll {
  static constexpr std::uint32_t live = 0x5050424c;  // "PPBL"
  std::uint32_t magic = live;
  ppb::roll_import data;
};

struct ppb_eligibility_verdict {
  static constexpr std::uint32_t live = 0x50504247;  // "PPBG"
  std::uint32_t magic = live;
  ppb::eligibility_verdict data;
};

namespace {

using ppb::usage_error;
using ppb::capi::copy_out;
using ppb::capi::guard;
using ppb::capi::live;
using ppb::capi::need;
using ppb::capi::release;

// The enumerator of `all` whose value is `code`, or nothing (never casts an unknown value).
template <class E, std::size_t N>
auto code_of(const E (&all)[N], std::int32_t code) noexcept -> std::optional<E> {
  for (const auto e : all)
    if (static_cast<std::int32_t>(e) == code) return e;
  return std::nullopt;
}

constexpr ppb::lang all_langs[] = {ppb::lang::kk, ppb::lang::ru, ppb::lang::en};

auto lang_of(std::int32_t code) -> ppb::lang {
  const auto l = code_of(all_langs, code);
  if (!l) throw usage_error("language " + std::to_string(code) + " is not PPB_LANG_KK, PPB_LANG_RU or PPB_LANG_EN");
  return *l;
}

// A static string's pointer (names and messages are literals, so NUL-terminated).
auto c_str(std::string_view literal) noexcept -> const char* { return literal.data(); }

template <class E, std::size_t N>
auto name_of(const E (&all)[N], std::int32_t code) noexcept -> const char* {
  const auto e = code_of(all, code);
  return e ? c_str(reason_name(*e)) : "unknown";
}

template <class E, std::size_t N>
auto message_of(const E (&all)[N], std::int32_t code, std::int32_t lang) noexcept -> const char* {
  const auto e = code_of(all, code);
  const auto l = code_of(all_langs, lang);
  return e && l ? c_str(message(*e, *l)) : "";
}

auto text_of(const char* text, std::size_t len) -> std::string_view {
  if (text == nullptr && len > 0) throw usage_error("text is NULL");
  return len == 0 ? std::string_view() : std::string_view(text, len);
}

auto timestamp(const char* at) -> std::chrono::sys_seconds {
  need(at, "at");
  const auto t = ppb::parse_iso_timestamp(at);
  if (!t) throw usage_error("at '" + std::string(at) + "' is not a UTC timestamp YYYY-MM-DDTHH:MM:SSZ");
  return *t;
}

template <class T>
auto at_index(const std::vector<T>& list, std::size_t index, const char* what) -> const T& {
  if (index >= list.size())
    throw usage_error(std::string(what) + " index " + std::to_string(index) + " is out of range (" +
                      std::to_string(list.size()) + ")");
  return list[index];
}

auto unit_at(const ppb_definition* definition, std::size_t index) -> const ppb::territorial_unit& {
  return at_index(live(definition, "definition").data->spec().units, index, "unit");
}

auto new_definition(ppb::election_definition d) -> ppb_definition* {
  auto h = std::make_unique<ppb_definition>();
  h->data = std::make_shared<const ppb::election_definition>(std::move(d));
  return h.release();
}

auto new_problems(std::vector<ppb::definition_problem> list) -> ppb_definition_problems* {
  auto h = std::make_unique<ppb_definition_problems>();
  h->list = std::move(list);
  return h.release();
}

auto new_roll(ppb::roll_import r) -> ppb_roll* {
  auto h = std::make_unique<ppb_roll>();
  h->data = std::move(r);
  return h.release();
}

auto definition_or_null(const ppb_definition* definition) -> const ppb::election_definition* {
  return definition != nullptr ? live(definition, "definition").data.get() : nullptr;
}

auto verdict_at(const ppb_proposal_verdicts* verdicts, std::size_t i) -> const ppb::proposal_verdict& {
  return at_index(live(verdicts, "verdicts").list, i, "verdict");
}

}  // namespace

extern "C" {

// ---- election definitions -------------------------------------------------------------------

PPB_CAPI ppb_status ppb_definition_check(const char* text, size_t len, ppb_definition_problems** out_problems) {
  if (out_problems != nullptr) *out_problems = nullptr;
  return guard([&] {
    need(out_problems, "out_problems");
    *out_problems = new_problems(ppb::io::check_election(text_of(text, len)));
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_definition_check_file(const char* path, ppb_definition_problems** out_problems) {
  if (out_problems != nullptr) *out_problems = nullptr;
  return guard([&] {
    need(out_problems, "out_problems");
    need(path, "path");
    *out_problems = new_problems(ppb::io::check_election(ppb::io::read_file_bytes(std::filesystem::path(path))));
    return PPB_OK;
  });
}

PPB_CAPI void ppb_definition_problems_free(ppb_definition_problems* problems) { release(problems); }

PPB_CAPI ppb_status ppb_definition_problems_count(const ppb_definition_problems* problems, size_t* out_count) {
  return guard([&] {
    const auto& p = live(problems, "problems");
    need(out_count, "out_count");
    *out_count = p.list.size();
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_definition_problem(const ppb_definition_problems* problems, size_t index,
                                           const char** out_path, const char** out_message) {
  return guard([&] {
    const auto& p = live(problems, "problems");
    need(out_path, "out_path");
    need(out_message, "out_message");
    const auto& problem = at_index(p.list, index, "problem");
    *out_path = problem.path.c_str();
    *out_message = problem.message.c_str();
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_definition_parse(const char* text, size_t len, ppb_definition** out_definition) {
  if (out_definition != nullptr) *out_definition = nullptr;
  return guard([&] {
    need(out_definition, "out_definition");
    *out_definition = new_definition(ppb::io::parse_election(text_of(text, len)));
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_definition_load_file(const char* path, ppb_definition** out_definition) {
  if (out_definition != nullptr) *out_definition = nullptr;
  return guard([&] {
    need(out_definition, "out_definition");
    need(path, "path");
    *out_definition = new_definition(ppb::io::load_election(std::filesystem::path(path)));
    return PPB_OK;
  });
}

PPB_CAPI void ppb_definition_free(ppb_definition* definition) { release(definition); }

PPB_CAPI ppb_status ppb_definition_id(const ppb_definition* definition, uint8_t* out_id) {
  return guard([&] {
    const auto& d = live(definition, "definition");
    need(out_id, "out_id");
    const auto id = ppb::crypto::election_id(d.data->bytes());
    std::memcpy(out_id, id.data(), id.size());
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_definition_cycle(const ppb_definition* definition, const char** out_cycle) {
  return guard([&] {
    const auto& d = live(definition, "definition");
    need(out_cycle, "out_cycle");
    *out_cycle = d.data->spec().cycle.c_str();
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_definition_money_places(const ppb_definition* definition, int32_t* out_places) {
  return guard([&] {
    const auto& d = live(definition, "definition");
    need(out_places, "out_places");
    *out_places = d.data->spec().money_places;
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_definition_unit_count(const ppb_definition* definition, size_t* out_count) {
  return guard([&] {
    const auto& d = live(definition, "definition");
    need(out_count, "out_count");
    *out_count = d.data->spec().units.size();
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_definition_find_unit(const ppb_definition* definition, const char* id, int32_t* out_found,
                                             size_t* out_index) {
  return guard([&] {
    const auto& d = live(definition, "definition");
    need(id, "id");
    need(out_found, "out_found");
    need(out_index, "out_index");
    const auto* unit = d.data->find_unit(id);
    *out_found = unit != nullptr ? 1 : 0;
    if (unit != nullptr) *out_index = static_cast<std::size_t>(unit - d.data->spec().units.data());
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_definition_unit_id(const ppb_definition* definition, size_t index, const char** out_id) {
  return guard([&] {
    const auto& unit = unit_at(definition, index);
    need(out_id, "out_id");
    *out_id = unit.id.c_str();
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_definition_unit_name(const ppb_definition* definition, size_t index, int32_t lang,
                                             const char** out_name) {
  return guard([&] {
    const auto& unit = unit_at(definition, index);
    need(out_name, "out_name");
    *out_name = unit.name.in(lang_of(lang)).c_str();
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_definition_unit_parent(const ppb_definition* definition, size_t index,
                                               const char** out_parent) {
  return guard([&] {
    const auto& unit = unit_at(definition, index);
    need(out_parent, "out_parent");
    *out_parent = unit.parent.c_str();
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_definition_unit_budget(const ppb_definition* definition, size_t index,
                                               int32_t* out_has_budget, int64_t* out_budget) {
  return guard([&] {
    const auto& unit = unit_at(definition, index);
    need(out_has_budget, "out_has_budget");
    need(out_budget, "out_budget");
    *out_has_budget = unit.budget.has_value() ? 1 : 0;
    if (unit.budget) *out_budget = *unit.budget;
    return PPB_OK;
  });
}

// ---- proposals ------------------------------------------------------------------------------

PPB_CAPI const char* ppb_proposal_state_name(int32_t state) {
  const auto s = code_of(ppb::all_proposal_states, state);
  return s ? c_str(ppb::proposal_state_name(*s)) : "unknown";
}

PPB_CAPI const char* ppb_proposal_reason_name(int32_t reason) { return name_of(ppb::all_proposal_reasons, reason); }

PPB_CAPI const char* ppb_proposal_reason_message(int32_t reason, int32_t lang) {
  return message_of(ppb::all_proposal_reasons, reason, lang);
}

PPB_CAPI ppb_status ppb_registry_new(const ppb_definition* definition, ppb_registry** out_registry) {
  if (out_registry != nullptr) *out_registry = nullptr;
  return guard([&] {
    const auto& d = live(definition, "definition");
    need(out_registry, "out_registry");
    auto h = std::make_unique<ppb_registry>();
    h->definition = d.data;
    *out_registry = h.release();
    return PPB_OK;
  });
}

PPB_CAPI void ppb_registry_free(ppb_registry* registry) { release(registry); }

PPB_CAPI ppb_status ppb_registry_import(ppb_registry* registry, const ppb_roll* roll, const char* json, size_t len,
                                        ppb_proposal_verdicts** out_verdicts) {
  if (out_verdicts != nullptr) *out_verdicts = nullptr;
  return guard([&] {
    live(registry, "registry");
    const ppb::voter_roll* voters = roll != nullptr ? &live(roll, "roll").data.roll : nullptr;
    if (voters != nullptr && voters->empty()) voters = nullptr;  // as `ppb proposals import`
    need(out_verdicts, "out_verdicts");
    const auto entries = ppb::io::parse_proposal_entries(text_of(json, len));
    auto h = std::make_unique<ppb_proposal_verdicts>();
    h->list.reserve(entries.size());
    for (const auto& e : entries)
      h->list.push_back(ppb::io::apply_entry(registry->reg, *registry->definition, voters, e));
    *out_verdicts = h.release();
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_registry_review(ppb_registry* registry, const char* json, size_t len,
                                        ppb_proposal_verdicts** out_verdicts) {
  if (out_verdicts != nullptr) *out_verdicts = nullptr;
  return guard([&] {
    live(registry, "registry");
    need(out_verdicts, "out_verdicts");
    const auto entries = ppb::io::parse_review_entries(text_of(json, len));
    auto h = std::make_unique<ppb_proposal_verdicts>();
    h->list.reserve(entries.size());
    for (const auto& e : entries) h->list.push_back(ppb::io::apply_entry(registry->reg, *registry->definition, e));
    *out_verdicts = h.release();
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_registry_transition(ppb_registry* registry, const char* id, int32_t to_state,
                                            const char* actor, const char* at, int32_t reason, const char* comment,
                                            ppb_proposal_verdicts** out_verdicts) {
  if (out_verdicts != nullptr) *out_verdicts = nullptr;
  return guard([&] {
    live(registry, "registry");
    need(id, "id");
    need(actor, "actor");
    need(out_verdicts, "out_verdicts");
    const auto to = code_of(ppb::all_proposal_states, to_state);
    if (!to) throw usage_error("state " + std::to_string(to_state) + " is not a PPB_PROPOSAL_* state");
    std::optional<ppb::proposal_reason> why;
    if (reason != 0) {
      why = code_of(ppb::all_proposal_reasons, reason);
      if (!why) throw usage_error("reason " + std::to_string(reason) + " is not a proposal reason code");
    }
    const auto when = timestamp(at);
    auto h = std::make_unique<ppb_proposal_verdicts>();
    h->list.push_back(registry->reg.transition(id, *to, actor, when, why, comment != nullptr ? comment : ""));
    *out_verdicts = h.release();
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_registry_list_json(const ppb_registry* registry, const char* unit, char** out_json,
                                           size_t* out_len) {
  if (out_json != nullptr) *out_json = nullptr;
  return guard([&] {
    const auto& r = live(registry, "registry");
    need(out_json, "out_json");
    copy_out(ppb::io::proposals_to_json_text(r.reg, unit != nullptr ? unit : ""), out_json, out_len);
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_registry_audit_csv(const ppb_registry* registry, char** out_csv, size_t* out_len) {
  if (out_csv != nullptr) *out_csv = nullptr;
  return guard([&] {
    const auto& r = live(registry, "registry");
    need(out_csv, "out_csv");
    std::ostringstream csv;
    ppb::io::write_audit_csv(csv, r.reg);
    copy_out(csv.str(), out_csv, out_len);
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_registry_export_pb(const ppb_registry* registry, const char* unit, char** out_text,
                                           size_t* out_len) {
  if (out_text != nullptr) *out_text = nullptr;
  return guard([&] {
    const auto& r = live(registry, "registry");
    need(unit, "unit");
    need(out_text, "out_text");
    copy_out(ppb::io::to_pabulib(ppb::ballot_election(*r.definition, r.reg, unit)), out_text, out_len);
    return PPB_OK;
  });
}

PPB_CAPI void ppb_proposal_verdicts_free(ppb_proposal_verdicts* verdicts) { release(verdicts); }

PPB_CAPI ppb_status ppb_proposal_verdicts_count(const ppb_proposal_verdicts* verdicts, size_t* out_count) {
  return guard([&] {
    const auto& v = live(verdicts, "verdicts");
    need(out_count, "out_count");
    *out_count = v.list.size();
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_proposal_verdict_id(const ppb_proposal_verdicts* verdicts, size_t i, const char** out_id) {
  return guard([&] {
    const auto& v = verdict_at(verdicts, i);
    need(out_id, "out_id");
    *out_id = v.id.c_str();
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_proposal_verdict_state(const ppb_proposal_verdicts* verdicts, size_t i, int32_t* out_state) {
  return guard([&] {
    const auto& v = verdict_at(verdicts, i);
    need(out_state, "out_state");
    *out_state = v.state ? static_cast<int32_t>(*v.state) : -1;
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_proposal_verdict_problem_count(const ppb_proposal_verdicts* verdicts, size_t i,
                                                       size_t* out_count) {
  return guard([&] {
    const auto& v = verdict_at(verdicts, i);
    need(out_count, "out_count");
    *out_count = v.problems.size();
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_proposal_verdict_problem(const ppb_proposal_verdicts* verdicts, size_t i, size_t j,
                                                 int32_t* out_reason, const char** out_detail) {
  return guard([&] {
    const auto& v = verdict_at(verdicts, i);
    need(out_reason, "out_reason");
    need(out_detail, "out_detail");
    const auto& p = at_index(v.problems, j, "problem");
    *out_reason = static_cast<int32_t>(p.reason);
    *out_detail = p.detail.c_str();
    return PPB_OK;
  });
}

// ---- eligibility ----------------------------------------------------------------------------

PPB_CAPI ppb_status ppb_iin_check(const char* text, ppb_iin_info* out_info) {
  return guard([&] {
    need(text, "text");
    need(out_info, "out_info");
    const auto c = ppb::check_iin(text);
    ppb_iin_info info{};
    info.valid = c.valid() ? 1 : 0;
    info.reason = static_cast<int32_t>(c.reason);
    info.sex = -1;
    if (c) {
      const std::chrono::year_month_day birth{c.number.birth_date()};
      info.birth_year = static_cast<int32_t>(birth.year());
      info.birth_month = static_cast<int32_t>(static_cast<unsigned>(birth.month()));
      info.birth_day = static_cast<int32_t>(static_cast<unsigned>(birth.day()));
      info.sex = static_cast<int32_t>(c.number.person_sex());
    }
    *out_info = info;
    return PPB_OK;
  });
}

PPB_CAPI const char* ppb_iin_reason_name(int32_t reason) { return name_of(ppb::all_iin_reasons, reason); }

PPB_CAPI const char* ppb_iin_reason_message(int32_t reason, int32_t lang) {
  return message_of(ppb::all_iin_reasons, reason, lang);
}

PPB_CAPI const char* ppb_sex_name(int32_t sex) {
  constexpr ppb::sex all[] = {ppb::sex::male, ppb::sex::female};
  const auto s = code_of(all, sex);
  return s ? c_str(ppb::sex_name(*s)) : "unknown";
}

PPB_CAPI const char* ppb_error_code_name(int32_t code) {
  const auto name = ppb::errc_name(static_cast<ppb::errc>(code));  // errc is int32: every value is representable
  return c_str(name);
}

PPB_CAPI ppb_status ppb_roll_parse(const char* text, size_t len, const ppb_definition* definition,
                                   ppb_roll** out_roll) {
  if (out_roll != nullptr) *out_roll = nullptr;
  return guard([&] {
    need(out_roll, "out_roll");
    const auto* def = definition_or_null(definition);
    *out_roll = new_roll(ppb::io::parse_roll(text_of(text, len), "<input>", def));
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_roll_load_file(const char* path, const ppb_definition* definition, ppb_roll** out_roll) {
  if (out_roll != nullptr) *out_roll = nullptr;
  return guard([&] {
    need(out_roll, "out_roll");
    need(path, "path");
    const auto* def = definition_or_null(definition);
    *out_roll = new_roll(ppb::io::read_roll(std::filesystem::path(path), def));
    return PPB_OK;
  });
}

PPB_CAPI void ppb_roll_free(ppb_roll* roll) { release(roll); }

PPB_CAPI ppb_status ppb_roll_voter_count(const ppb_roll* roll, size_t* out_count) {
  return guard([&] {
    const auto& r = live(roll, "roll");
    need(out_count, "out_count");
    *out_count = r.data.roll.size();
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_roll_row_count(const ppb_roll* roll, uint64_t* out_rows) {
  return guard([&] {
    const auto& r = live(roll, "roll");
    need(out_rows, "out_rows");
    *out_rows = r.data.rows;
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_roll_bad_row_count(const ppb_roll* roll, uint64_t* out_bad_rows) {
  return guard([&] {
    const auto& r = live(roll, "roll");
    need(out_bad_rows, "out_bad_rows");
    *out_bad_rows = r.data.bad_rows;
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_roll_error_count(const ppb_roll* roll, size_t* out_count) {
  return guard([&] {
    const auto& r = live(roll, "roll");
    need(out_count, "out_count");
    *out_count = r.data.errors.size();
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_roll_error(const ppb_roll* roll, size_t index, uint64_t* out_line, int32_t* out_code,
                                   const char** out_message) {
  return guard([&] {
    const auto& e = at_index(live(roll, "roll").data.errors, index, "error");
    if (out_line != nullptr) *out_line = e.line;
    if (out_code != nullptr) *out_code = static_cast<int32_t>(e.code);
    if (out_message != nullptr) *out_message = e.reason.c_str();
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_roll_check(const ppb_roll* roll, const ppb_definition* definition, const char* iin,
                                   const char* unit, const char* at, ppb_eligibility_verdict** out_verdict) {
  if (out_verdict != nullptr) *out_verdict = nullptr;
  return guard([&] {
    const auto& r = live(roll, "roll");
    const auto& d = live(definition, "definition");
    need(iin, "iin");
    need(unit, "unit");
    need(out_verdict, "out_verdict");
    const auto checked = ppb::check_iin(iin);
    if (!checked)
      throw usage_error("iin '" + std::string(iin) + "' is not a valid IIN: " +
                        std::string(ppb::reason_name(checked.reason)));
    const auto when = timestamp(at);
    auto h = std::make_unique<ppb_eligibility_verdict>();
    h->data = ppb::eligibility::check(r.data.roll, checked.number, *d.data, unit, when);
    *out_verdict = h.release();
    return PPB_OK;
  });
}

PPB_CAPI void ppb_eligibility_verdict_free(ppb_eligibility_verdict* verdict) { release(verdict); }

PPB_CAPI ppb_status ppb_eligibility_verdict_eligible(const ppb_eligibility_verdict* verdict, int32_t* out_eligible) {
  return guard([&] {
    const auto& v = live(verdict, "verdict");
    need(out_eligible, "out_eligible");
    *out_eligible = v.data.eligible() ? 1 : 0;
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_eligibility_verdict_failure_count(const ppb_eligibility_verdict* verdict, size_t* out_count) {
  return guard([&] {
    const auto& v = live(verdict, "verdict");
    need(out_count, "out_count");
    *out_count = v.data.failures.size();
    return PPB_OK;
  });
}

PPB_CAPI ppb_status ppb_eligibility_verdict_failure(const ppb_eligibility_verdict* verdict, size_t index,
                                                    int32_t* out_reason, const char** out_detail) {
  return guard([&] {
    const auto& v = live(verdict, "verdict");
    need(out_reason, "out_reason");
    need(out_detail, "out_detail");
    const auto& f = at_index(v.data.failures, index, "failure");
    *out_reason = static_cast<int32_t>(f.reason);
    *out_detail = f.detail.c_str();
    return PPB_OK;
  });
}

PPB_CAPI const char* ppb_eligibility_reason_name(int32_t reason) {
  return name_of(ppb::all_eligibility_reasons, reason);
}

PPB_CAPI const char* ppb_eligibility_reason_message(int32_t reason, int32_t lang) {
  return message_of(ppb::all_eligibility_reasons, reason, lang);
}

}  // extern "C"
