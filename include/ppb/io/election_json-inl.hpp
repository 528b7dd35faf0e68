// Definitions for io/election_json.hpp.
#ifndef PPB_IO_ELECTION_JSON_INL_HPP
#define PPB_IO_ELECTION_JSON_INL_HPP

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <fstream>
#include <initializer_list>
#include <limits>
#include <set>
#include <sstream>

#include "ppb/detail/json_check.hpp"
#include "ppb/io/election_json.hpp"
#include "ppb/tally/mes.hpp"
#include "ppb/tally/rule.hpp"
#include "ppb/tally/tie_break.hpp"

PPB_BEGIN_NAMESPACE

namespace detail {

/// Turns a JSON document into an `election_spec`, collecting every problem on the way.
class election_reader : public json_checker {
 public:
  auto read(const boost::json::value& doc) -> election_spec {
    election_spec s;
    const auto* root = object(doc, "");
    if (root == nullptr) return s;
    keys(*root, "", {"format", "cycle", "title", "country", "currency", "money_places", "utc_offset", "units", "phases",
                     "proposals", "ballot", "eligibility", "revote", "credentials", "tally"});
    if (const auto* v = field(*root, "", "format", true)) {
      const auto f = string(*v, "/format");
      if (f && *f != io::election_format)
        add("/format", "must be \"" + std::string(io::election_format) + "\" (this build reads no other format)");
    }
    if (const auto* v = field(*root, "", "cycle", true)) s.cycle = identifier(*v, "/cycle").value_or("");
    if (const auto* v = field(*root, "", "title", true)) s.title = localized(*v, "/title");
    if (const auto* v = field(*root, "", "country", false)) s.country = nonempty(*v, "/country").value_or("");
    if (const auto* v = field(*root, "", "currency", true)) {
      const auto c = string(*v, "/currency");
      if (c && (c->size() != 3 || !std::all_of(c->begin(), c->end(), [](char x) { return x >= 'A' && x <= 'Z'; })))
        add("/currency", "must be an ISO 4217 code of three capital letters (KZT)");
      else if (c)
        s.currency = *c;
    }
    if (const auto* v = field(*root, "", "money_places", false))
      s.money_places = static_cast<int>(integer(*v, "/money_places", 0, max_money_places).value_or(0));
    if (const auto* v = field(*root, "", "utc_offset", true)) {
      const auto t = string(*v, "/utc_offset");
      const auto m = t ? parse_utc_offset(*t) : std::nullopt;
      if (t && !m) add("/utc_offset", "must be an offset +HH:MM or -HH:MM within ±14:00 (Kazakhstan: +05:00)");
      if (m) s.utc_offset = *m;
    }
    if (const auto* v = field(*root, "", "units", true)) s.units = units(*v, "/units");
    if (const auto* v = field(*root, "", "phases", true)) s.phases = phases(*v, "/phases");
    if (const auto* v = field(*root, "", "proposals", true)) s.proposals = proposal_rules_of(*v, "/proposals");
    if (const auto* v = field(*root, "", "ballot", true)) s.ballot = ballot(*v, "/ballot");
    if (const auto* v = field(*root, "", "eligibility", true)) s.eligibility = eligibility(*v, "/eligibility");
    if (const auto* v = field(*root, "", "revote", true)) {
      const auto t = string(*v, "/revote");
      const auto r = t ? parse_revote_policy(*t) : std::nullopt;
      if (t && !r) add("/revote", "must be one of: refuse, latest");
      if (r) s.revote = *r;
    }
    if (const auto* v = field(*root, "", "credentials", true)) {
      const auto t = string(*v, "/credentials");
      const auto c = t ? parse_credential_mode(*t) : std::nullopt;
      if (t && !c) add("/credentials", "must be one of: identified, pseudonymous");
      if (c) s.credentials = *c;
    }
    if (const auto* v = field(*root, "", "tally", true)) s.tally = tally(*v, "/tally");
    // Cross-field checks.
    if (s.proposals.max_cost && *s.proposals.max_cost < s.proposals.min_cost)
      add("/proposals/max_cost", "must not be below min_cost");
    return s;
  }

 private:
  auto ballot(const boost::json::value& v, const std::string& path) -> ballot_spec {
    ballot_spec b;
    const auto* o = object(v, path);
    if (o == nullptr) return b;
    keys(*o, path, {"vote_type", "min_length", "max_length", "min_sum_cost", "max_sum_cost", "min_points", "max_points",
                    "min_sum_points", "max_sum_points"});
    if (const auto* x = field(*o, path, "vote_type", true)) {
      const auto t = string(*x, path + "/vote_type");
      const auto k = t ? parse_vote_type(*t) : std::nullopt;
      if (t && !k) add(path + "/vote_type", "must be one of: approval, choose-1, cumulative, scoring, ordinal");
      if (k) b.kind = *k;
    }
    const auto limit = [&](std::string_view key, std::optional<std::int64_t>& out) {
      if (const auto* x = field(*o, path, key, false)) out = non_negative(*x, path + "/" + std::string(key));
    };
    auto& r = b.rules;
    limit("min_length", r.min_length);
    limit("max_length", r.max_length);
    limit("min_sum_cost", r.min_sum_cost);
    limit("max_sum_cost", r.max_sum_cost);
    limit("min_points", r.min_points);
    limit("max_points", r.max_points);
    limit("min_sum_points", r.min_sum_points);
    limit("max_sum_points", r.max_sum_points);
    const auto ordered = [&](const auto& lo, const auto& hi, std::string_view lo_name, std::string_view hi_name) {
      if (lo && hi && *hi < *lo) add(path + "/" + std::string(hi_name), "must not be below " + std::string(lo_name));
    };
    ordered(r.min_length, r.max_length, "min_length", "max_length");
    ordered(r.min_sum_cost, r.max_sum_cost, "min_sum_cost", "max_sum_cost");
    ordered(r.min_points, r.max_points, "min_points", "max_points");
    ordered(r.min_sum_points, r.max_sum_points, "min_sum_points", "max_sum_points");
    // pabulib's format requires it, and the ballot box re-reads each unit's ballot as a .pb file.
    if (b.kind == vote_type::cumulative && !r.max_sum_points)
      add(path + "/max_sum_points", "is required for cumulative ballots (the stock of points a voter shares out)");
    return b;
  }

  auto units(const boost::json::value& v, const std::string& path) -> std::vector<territorial_unit> {
    std::vector<territorial_unit> out;
    const auto* a = array(v, path);
    if (a == nullptr) return out;
    if (a->empty()) add(path, "must list at least one unit");
    std::vector<std::string> parent_paths;
    for (std::size_t i = 0; i < a->size(); ++i) {
      const std::string p = path + "/" + std::to_string(i);
      territorial_unit u;
      parent_paths.push_back(p + "/parent");
      const auto* o = object((*a)[i], p);
      if (o == nullptr) {
        out.push_back(std::move(u));
        continue;
      }
      keys(*o, p, {"id", "kind", "name", "parent", "budget", "ballot"});
      if (const auto* x = field(*o, p, "id", true)) u.id = identifier(*x, p + "/id").value_or("");
      if (const auto* x = field(*o, p, "kind", true)) {
        const auto t = string(*x, p + "/kind");
        const auto k = t ? parse_unit_kind(*t) : std::nullopt;
        if (t && !k) add(p + "/kind", "must be one of: region, city, district, microdistrict, rural_okrug, village");
        if (k) u.kind = *k;
      }
      if (const auto* x = field(*o, p, "name", true)) u.name = localized(*x, p + "/name");
      if (const auto* x = field(*o, p, "parent", false)) u.parent = identifier(*x, p + "/parent").value_or("");
      if (const auto* x = field(*o, p, "budget", false)) {
        if (const auto b = non_negative(*x, p + "/budget")) u.budget = *b;
      }
      if (const auto* x = field(*o, p, "ballot", false)) {
        u.ballot = ballot(*x, p + "/ballot");
        if (!o->contains("budget")) add(p + "/ballot", "only a unit with a budget has a ballot");
      }
      out.push_back(std::move(u));
    }
    // The tree: distinct ids, known parents, no cycles, exactly one root, some budget.
    std::unordered_map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < out.size(); ++i) {
      if (out[i].id.empty()) continue;
      if (const auto [it, fresh] = index.emplace(out[i].id, i); !fresh)
        add(path + "/" + std::to_string(i) + "/id",
            "repeats unit id '" + out[i].id + "' of " + path + "/" + std::to_string(it->second));
    }
    std::size_t roots = 0;
    bool any_budget = false;
    for (std::size_t i = 0; i < out.size(); ++i) {
      const auto& u = out[i];
      any_budget = any_budget || u.budget.has_value();
      if (u.parent.empty()) {
        roots += !u.id.empty();
        continue;
      }
      if (u.parent == u.id) {
        add(parent_paths[i], "a unit cannot be its own parent");
        continue;
      }
      if (!index.count(u.parent)) {
        add(parent_paths[i], "no unit has id '" + u.parent + "'");
        continue;
      }
      std::size_t at = i, steps = 0;
      while (!out[at].parent.empty() && index.count(out[at].parent) && steps <= out.size()) {
        at = index.at(out[at].parent);
        ++steps;
      }
      if (steps > out.size()) add(parent_paths[i], "parents form a cycle");
    }
    if (!out.empty() && roots != 1)
      add(path, "must form one tree: exactly one unit without a parent (found " + std::to_string(roots) + ")");
    if (!out.empty() && !any_budget) add(path, "at least one unit must have a budget");
    return out;
  }

  auto phases(const boost::json::value& v, const std::string& path) -> std::vector<phase_window> {
    std::vector<phase_window> out;
    const auto* a = array(v, path);
    if (a == nullptr) return out;
    std::vector<bool> seen(7, false);
    const phase_window* previous = nullptr;
    phase_window prev_copy;
    for (std::size_t i = 0; i < a->size(); ++i) {
      const std::string p = path + "/" + std::to_string(i);
      const auto* o = object((*a)[i], p);
      if (o == nullptr) continue;
      keys(*o, p, {"phase", "begin", "end"});
      int kind_index = -1;  // a plain int: GCC 12 misreports optional<enum> as maybe-uninitialised
      std::optional<std::chrono::sys_seconds> begin, end;
      if (const auto* x = field(*o, p, "phase", true)) {
        const auto t = string(*x, p + "/phase");
        const auto k = t ? parse_phase(*t) : std::nullopt;
        if (t && !k) add(p + "/phase", "must be one of: submission, review, revision, re_review, voting, tally, published");
        if (k) kind_index = static_cast<int>(*k);
      }
      if (const auto* x = field(*o, p, "begin", true)) begin = timestamp(*x, p + "/begin");
      if (const auto* x = field(*o, p, "end", true)) end = timestamp(*x, p + "/end");
      if (begin && end && !(*begin < *end)) add(p + "/end", "must be later than begin");
      if (kind_index < 0 || !begin || !end) {
        previous = nullptr;
        continue;
      }
      const auto kind = static_cast<phase_kind>(kind_index);
      const auto k = static_cast<std::size_t>(kind_index);
      if (seen[k]) add(p + "/phase", "phase '" + std::string(phase_name(kind)) + "' is listed twice");
      seen[k] = true;
      if (previous != nullptr) {
        if (kind_index <= static_cast<int>(previous->kind))
          add(p + "/phase", "phases must be listed in the order submission, review, revision, re_review, voting, "
                            "tally, published");
        else if (*begin < previous->end)
          add(p + "/begin", "overlaps phase '" + std::string(phase_name(previous->kind)) + "', which ends " +
                                format_iso_timestamp(previous->end));
      }
      out.push_back({kind, *begin, *end});
      prev_copy = out.back();
      previous = &prev_copy;
    }
    if (!seen[static_cast<std::size_t>(phase_kind::submission)]) add(path, "must include a 'submission' phase");
    if (!seen[static_cast<std::size_t>(phase_kind::voting)]) add(path, "must include a 'voting' phase");
    return out;
  }

  auto proposal_rules_of(const boost::json::value& v, const std::string& path) -> proposal_rules {
    proposal_rules r;
    const auto* o = object(v, path);
    if (o == nullptr) return r;
    keys(*o, path, {"categories", "min_cost", "max_cost", "max_per_author", "required_fields", "max_revisions",
                    "author_min_age", "review"});
    if (const auto* x = field(*o, path, "categories", true)) {
      r.categories = string_list(*x, path + "/categories");
      if (x->is_array() && x->as_array().empty()) add(path + "/categories", "must list at least one category");
    }
    if (const auto* x = field(*o, path, "min_cost", false)) r.min_cost = non_negative(*x, path + "/min_cost").value_or(0);
    if (const auto* x = field(*o, path, "max_cost", false)) r.max_cost = non_negative(*x, path + "/max_cost");
    if (const auto* x = field(*o, path, "max_per_author", false))
      r.max_per_author = static_cast<std::uint32_t>(integer(*x, path + "/max_per_author", 1, 1000000).value_or(1));
    if (const auto* x = field(*o, path, "required_fields", false)) {
      for (const auto& name : string_list(*x, path + "/required_fields")) {
        if (const auto f = parse_proposal_field(name)) r.required.push_back(*f);
        else add(path + "/required_fields", "'" + name + "' is not one of: description, address, category, attachments");
      }
    }
    if (const auto* x = field(*o, path, "max_revisions", false))
      r.max_revisions = static_cast<std::uint32_t>(integer(*x, path + "/max_revisions", 0, 100).value_or(1));
    if (const auto* x = field(*o, path, "author_min_age", false)) {
      if (const auto a = integer(*x, path + "/author_min_age", 0, 130)) r.author_min_age = static_cast<int>(*a);
    }
    if (const auto* x = field(*o, path, "review", true)) {
      const std::string p = path + "/review";
      if (const auto* ro = object(*x, p)) {
        keys(*ro, p, {"council", "quorum", "decision_rule"});
        if (const auto* c = field(*ro, p, "council", false)) r.review.council = string_list(*c, p + "/council");
        if (const auto* q = field(*ro, p, "quorum", true))
          r.review.quorum = static_cast<std::uint32_t>(integer(*q, p + "/quorum", 1, 1000).value_or(1));
        if (const auto* d = field(*ro, p, "decision_rule", true)) {
          const auto t = string(*d, p + "/decision_rule");
          const auto rule = t ? parse_decision_rule(*t) : std::nullopt;
          if (t && !rule) add(p + "/decision_rule", "must be one of: all, majority");
          if (rule) r.review.rule = *rule;
        }
        if (!r.review.council.empty() && r.review.quorum > r.review.council.size())
          add(p + "/quorum", "must not exceed the number of council members (" +
                                 std::to_string(r.review.council.size()) + ")");
      }
    }
    return r;
  }

  auto eligibility(const boost::json::value& v, const std::string& path) -> eligibility_policy {
    eligibility_policy e;
    const auto* o = object(v, path);
    if (o == nullptr) return e;
    keys(*o, path, {"min_age", "residence", "other_units", "registration_cutoff"});
    if (const auto* x = field(*o, path, "min_age", true))
      e.min_age = static_cast<int>(integer(*x, path + "/min_age", 0, 130).value_or(18));
    if (const auto* x = field(*o, path, "residence", true)) {
      const auto t = string(*x, path + "/residence");
      const auto r = t ? parse_residence_rule(*t) : std::nullopt;
      if (t && !r) add(path + "/residence", "must be one of: own_unit, own_plus_others");
      if (r) e.residence = *r;
    }
    if (const auto* x = field(*o, path, "other_units", false)) {
      e.other_units = static_cast<std::uint32_t>(integer(*x, path + "/other_units", 0, 1000).value_or(0));
      if (e.residence == residence_rule::own_unit && e.other_units != 0)
        add(path + "/other_units", "must be 0 (or absent) with residence own_unit");
    }
    if (e.residence == residence_rule::own_plus_others && e.other_units == 0)
      add(path + "/other_units", "must be at least 1 with residence own_plus_others");
    if (const auto* x = field(*o, path, "registration_cutoff", false))
      e.registration_cutoff = date(*x, path + "/registration_cutoff");
    return e;
  }

  auto tally(const boost::json::value& v, const std::string& path) -> tally_spec {
    tally_spec t;
    const auto* o = object(v, path);
    if (o == nullptr) return t;
    keys(*o, path, {"rule", "satisfaction", "tie_break", "seed", "completion", "comparison"});
    if (const auto* x = field(*o, path, "rule", true)) {
      if (const auto r = string(*x, path + "/rule")) {
        auto names = tally::rule_names();
        names.erase(std::remove(names.begin(), names.end(), "meta"), names.end());  // META names no rule here
        if (std::find(names.begin(), names.end(), *r) == names.end()) {
          std::string known;
          for (const auto& n : names) known += (known.empty() ? "" : ", ") + n;
          add(path + "/rule", "must be one of: " + known);
        } else {
          t.rule = *r;
        }
      }
    }
    if (const auto* x = field(*o, path, "satisfaction", false)) {
      if (const auto s = string(*x, path + "/satisfaction")) {
        try {
          (void)parse_satisfaction(*s);
          t.satisfaction = *s;
        } catch (const usage_error&) {
          add(path + "/satisfaction", "must be one of: points, cost, cardinality");
        }
      }
    }
    if (const auto* x = field(*o, path, "seed", false)) {
      if (const auto* u = x->if_uint64()) t.seed = *u;
      else if (const auto* i = x->if_int64(); i && *i >= 0) t.seed = static_cast<std::uint64_t>(*i);
      else add(path + "/seed", "must be a non-negative integer");
    }
    if (const auto* x = field(*o, path, "tie_break", false)) {
      if (const auto s = string(*x, path + "/tie_break")) {
        try {
          (void)tie_break::parse(*s, t.seed);
          t.tie_break = *s;
        } catch (const usage_error&) {
          add(path + "/tie_break", "must be default, file-order, lexicographic, lot, or a comma list of min-cost, "
                                   "max-votes, file-order, lexicographic, lot");
        }
      }
    }
    if (const auto* x = field(*o, path, "completion", false)) {
      if (const auto s = string(*x, path + "/completion")) {
        try {
          (void)parse_mes_completion(*s);
          t.completion = *s;
        } catch (const usage_error&) {
          add(path + "/completion", "must be none, add1, add1-exhaustive, greedy, or a '+' chain such as add1+greedy");
        }
      }
      if (t.rule != "mes") add(path + "/completion", "only rule mes takes a completion");
    }
    if (const auto* x = field(*o, path, "comparison", false)) {
      if (const auto* b = x->if_bool()) t.comparison = *b;
      else add(path + "/comparison", "must be true or false");
      if (t.rule != "mes") add(path + "/comparison", "only rule mes takes a comparison");
    }
    return t;
  }
};

/// Parses and checks; `spec` is meaningful only when `problems` is empty. `syntax` is set for a
/// text that is not JSON (then `problems` holds that one error).
struct election_parse {
  election_spec spec;
  std::vector<definition_problem> problems;
  bool syntax = false;
  std::uint64_t line = 0;
};

inline auto parse_election_text(std::string_view bytes) -> election_parse {
  election_parse out;
  auto doc = read_json_document(bytes);
  if (doc.syntax) {
    out.syntax = true;
    out.line = doc.line;
    out.problems.push_back({"", doc.error});
    return out;
  }
  out.problems = std::move(doc.duplicates);
  election_reader r;
  out.spec = r.read(doc.value);
  out.problems.insert(out.problems.end(), r.problems.begin(), r.problems.end());
  return out;
}

}  // namespace detail

PPB_FUNC auto io::check_election(std::string_view bytes) -> std::vector<definition_problem> {
  return detail::parse_election_text(bytes).problems;
}

PPB_FUNC auto io::parse_election(std::string_view bytes, std::string_view name) -> election_definition {
  auto parsed = detail::parse_election_text(bytes);
  if (parsed.syntax) throw parse_error(errc::json_syntax, std::string(name), parsed.line, parsed.problems.front().message);
  if (!parsed.problems.empty()) {
    std::string reason = std::to_string(parsed.problems.size()) + (parsed.problems.size() == 1 ? " problem: " : " problems: ");
    for (std::size_t i = 0; i < parsed.problems.size(); ++i) reason.append(i ? "; " : "").append(parsed.problems[i].to_string());
    throw parse_error(errc::invalid_election, std::string(name), 0, reason);
  }
  return election_definition(std::move(parsed.spec), std::string(bytes));
}

PPB_FUNC auto io::tally_options(const tally_spec& t) -> rule_options {
  rule_options o;
  o.rule = t.rule;
  if (t.satisfaction) {
    o.satisfaction = parse_satisfaction(*t.satisfaction);
    o.satisfaction_given = true;
  }
  o.tie = tie_break::parse(t.tie_break, t.seed);
  o.tie_given = true;
  o.completion = t.completion;
  o.comparison = t.comparison;
  return o;
}

PPB_FUNC auto io::read_file_bytes(const std::filesystem::path& path) -> std::string {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw parse_error(errc::io, path.string(), 0, "cannot open the file");
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) throw parse_error(errc::io, path.string(), 0, "cannot read the file");
  return std::move(buf).str();
}

PPB_FUNC auto io::load_election(const std::filesystem::path& path) -> election_definition {
  return parse_election(read_file_bytes(path), path.string());
}

PPB_END_NAMESPACE

#endif
