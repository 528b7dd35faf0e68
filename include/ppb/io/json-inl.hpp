// Definitions for io/json.hpp.
#ifndef PPB_IO_JSON_INL_HPP
#define PPB_IO_JSON_INL_HPP

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include "ppb/io/json.hpp"

PPB_BEGIN_NAMESPACE

PPB_FUNC auto io::outcome_to_json(const instance& inst, const outcome& out, bool with_trace) -> boost::json::object {
  namespace json = boost::json;
  json::object o;
  o["rule"] = out.rule;
  o["satisfaction"] = out.satisfaction;
  o["tie_break"] = out.tie_break;
  if (out.seed) o["seed"] = *out.seed;
  o["money_places"] = inst.money_places;
  o["budget"] = out.budget;
  o["spent"] = out.spent;
  json::array selected;
  for (auto p : out.selected) selected.emplace_back(inst[p].id);
  o["selected"] = std::move(selected);
  json::array projects;
  for (const auto& r : out.projects) {
    json::object j;
    j["id"] = inst[r.project].id;
    j["name"] = inst[r.project].name;
    j["votes"] = r.votes;
    j["points"] = r.points;
    j["support"] = r.support.to_string();
    j["cost"] = inst[r.project].cost;
    j["status"] = project_status_name(r.status);
    j["reason"] = r.reason;
    j["rank"] = r.rank;
    projects.emplace_back(std::move(j));
  }
  o["projects"] = std::move(projects);
  json::array ties;
  for (const auto& t : out.ties) {
    json::object j;
    json::array ids, by;
    for (auto p : t.projects) ids.emplace_back(inst[p].id);
    for (auto c : t.decided_by) by.emplace_back(tie_criterion_name(c));
    j["projects"] = std::move(ids);
    j["support"] = t.support.to_string();
    j["decided_by"] = std::move(by);
    j["changed_outcome"] = t.changed_outcome;
    ties.emplace_back(std::move(j));
  }
  o["ties"] = std::move(ties);
  if (out.optimal) o["optimal"] = *out.optimal;
  if (!out.notes.empty()) {
    json::array notes;
    for (const auto& n : out.notes) notes.emplace_back(n);
    o["notes"] = std::move(notes);
  }
  if (with_trace) {
    json::array trace;
    for (const auto& s : out.trace) {
      json::object j;
      j["round"] = s.round;
      j["project"] = inst[s.project].id;
      j["action"] = project_status_name(s.action);
      j["budget_left"] = s.budget_left;
      j["detail"] = s.detail;
      trace.emplace_back(std::move(j));
    }
    o["trace"] = std::move(trace);
  }
  return o;
}

PPB_FUNC auto io::outcome_to_json_text(const instance& inst, const outcome& out, bool with_trace) -> std::string {
  return boost::json::serialize(outcome_to_json(inst, out, with_trace));
}

PPB_END_NAMESPACE

#endif
