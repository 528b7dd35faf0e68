// Definitions for io/proposals_json.hpp.
#ifndef PPB_IO_PROPOSALS_JSON_INL_HPP
#define PPB_IO_PROPOSALS_JSON_INL_HPP

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>
#include <ostream>

#include "ppb/detail/json_check.hpp"
#include "ppb/io/proposals_json.hpp"

PPB_BEGIN_NAMESPACE

namespace detail {

/// The document's list (`proposals` / `reviews`) after checking `format`; nullptr on problems.
inline auto workflow_list(json_checker& c, const boost::json::value& doc, std::string_view format,
                          std::string_view list) -> const boost::json::array* {
  const auto* root = c.object(doc, "");
  if (root == nullptr) return nullptr;
  c.keys(*root, "", {"format", list});
  if (const auto* f = c.field(*root, "", "format", true)) {
    if (const auto t = c.string(*f, "/format"); t && *t != format)
      c.add("/format", "must be \"" + std::string(format) + "\"");
  }
  const auto* v = c.field(*root, "", list, true);
  return v ? c.array(*v, "/" + std::string(list)) : nullptr;
}

/// Throws the collected problems as one `parse_error` (the first problem's kind picks the code).
inline void throw_workflow_problems(const std::vector<definition_problem>& problems, std::string_view name) {
  if (problems.empty()) return;
  std::string reason = std::to_string(problems.size()) + (problems.size() == 1 ? " problem: " : " problems: ");
  for (std::size_t i = 0; i < problems.size(); ++i) reason.append(i ? "; " : "").append(problems[i].to_string());
  const auto& first = problems.front().message;
  const errc code = first == "is required"                         ? errc::missing_field
                    : first.find("UTC timestamp") != std::string::npos ? errc::bad_date
                                                                       : errc::bad_value;
  throw parse_error(code, std::string(name), 0, reason);
}

inline auto workflow_document(std::string_view text, std::string_view name) -> json_document {
  auto doc = read_json_document(text);
  if (doc.syntax) throw parse_error(errc::json_syntax, std::string(name), doc.line, doc.error);
  return doc;
}

inline auto text_field(json_checker& c, const boost::json::object& o, const std::string& path, std::string_view key)
    -> std::string {
  const auto* v = c.field(o, path, key, false);
  return v ? c.string(*v, path + "/" + std::string(key)).value_or("") : std::string();
}

}  // namespace detail

PPB_FUNC auto io::parse_proposal_entries(std::string_view text, std::string_view name) -> std::vector<proposal_entry> {
  auto doc = detail::workflow_document(text, name);
  detail::json_checker c;
  c.problems = std::move(doc.duplicates);
  std::vector<proposal_entry> out;
  if (const auto* list = detail::workflow_list(c, doc.value, "ppb/proposals/v1", "proposals")) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      const std::string p = "/proposals/" + std::to_string(i);
      const auto* o = c.object((*list)[i], p);
      if (o == nullptr) continue;
      proposal_entry e;
      if (const auto* a = c.field(*o, p, "action", false)) {
        const auto t = c.string(*a, p + "/action");
        if (t == "submit") e.action = proposal_action::submit;
        else if (t == "revise") e.action = proposal_action::revise;
        else if (t == "withdraw") e.action = proposal_action::withdraw;
        else if (t) c.add(p + "/action", "must be one of: submit, revise, withdraw");
      }
      if (e.action == proposal_action::withdraw) {
        c.keys(*o, p, {"action", "id", "author", "at", "comment"});
      } else {
        c.keys(*o, p, {"action", "id", "author", "unit", "title", "description", "address", "category", "cost", "at",
                       "attachments"});
      }
      auto& s = e.fields;
      s.id = detail::text_field(c, *o, p, "id");
      if (e.action != proposal_action::submit && s.id.empty()) c.add(p + "/id", "is required to revise or withdraw");
      s.author = detail::text_field(c, *o, p, "author");
      s.unit = detail::text_field(c, *o, p, "unit");
      s.title = detail::text_field(c, *o, p, "title");
      s.description = detail::text_field(c, *o, p, "description");
      s.address = detail::text_field(c, *o, p, "address");
      s.category = detail::text_field(c, *o, p, "category");
      e.comment = detail::text_field(c, *o, p, "comment");
      if (e.action != proposal_action::withdraw) {
        if (const auto* v = c.field(*o, p, "cost", true)) s.cost = c.non_negative(*v, p + "/cost").value_or(0);
      }
      if (const auto* v = c.field(*o, p, "at", true)) e.at = c.timestamp(*v, p + "/at").value_or(std::chrono::sys_seconds{});
      if (const auto* v = c.field(*o, p, "attachments", false)) {
        if (const auto* arr = c.array(*v, p + "/attachments")) {
          for (std::size_t k = 0; k < arr->size(); ++k) {
            const std::string ap = p + "/attachments/" + std::to_string(k);
            const auto* ao = c.object((*arr)[k], ap);
            if (ao == nullptr) continue;
            c.keys(*ao, ap, {"ref", "sha256"});
            s.attachments.push_back({detail::text_field(c, *ao, ap, "ref"), detail::text_field(c, *ao, ap, "sha256")});
          }
        }
      }
      out.push_back(std::move(e));
    }
  }
  detail::throw_workflow_problems(c.problems, name);
  return out;
}

PPB_FUNC auto io::parse_review_entries(std::string_view text, std::string_view name) -> std::vector<review_entry> {
  auto doc = detail::workflow_document(text, name);
  detail::json_checker c;
  c.problems = std::move(doc.duplicates);
  std::vector<review_entry> out;
  if (const auto* list = detail::workflow_list(c, doc.value, "ppb/reviews/v1", "reviews")) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      const std::string p = "/reviews/" + std::to_string(i);
      const auto* o = c.object((*list)[i], p);
      if (o == nullptr) continue;
      c.keys(*o, p, {"proposal", "reviewer", "decision", "cost", "ground", "comment", "into", "at"});
      review_entry e;
      if (const auto* v = c.field(*o, p, "proposal", true)) e.proposal = c.nonempty(*v, p + "/proposal").value_or("");
      if (const auto* v = c.field(*o, p, "reviewer", true)) e.vote.reviewer = c.string(*v, p + "/reviewer").value_or("");
      if (const auto* v = c.field(*o, p, "decision", true)) {
        const auto t = c.string(*v, p + "/decision");
        if (t == "merge") e.merge = true;
        else if (const auto d = t ? parse_review_decision(*t) : std::nullopt) e.vote.decision = *d;
        else if (t) c.add(p + "/decision", "must be one of: approve, return, reject, merge");
      }
      if (const auto* v = c.field(*o, p, "cost", false)) e.vote.cost = c.non_negative(*v, p + "/cost");
      if (const auto* v = c.field(*o, p, "ground", false)) {
        if (const auto t = c.string(*v, p + "/ground")) {
          if (const auto r = parse_proposal_reason(*t)) e.vote.ground = *r;
          else c.add(p + "/ground", "'" + *t + "' is not a reason code");
        }
      }
      e.vote.comment = detail::text_field(c, *o, p, "comment");
      e.into = detail::text_field(c, *o, p, "into");
      if (e.merge && e.into.empty()) c.add(p + "/into", "is required to merge");
      if (!e.merge && o->contains("into")) c.add(p + "/into", "only a merge names a proposal to merge into");
      if (const auto* v = c.field(*o, p, "at", true))
        e.vote.at = c.timestamp(*v, p + "/at").value_or(std::chrono::sys_seconds{});
      out.push_back(std::move(e));
    }
  }
  detail::throw_workflow_problems(c.problems, name);
  return out;
}

namespace detail {
inline auto audit_cell(std::string_view s) -> std::string {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string q = "\"";
  for (char ch : s) {
    if (ch == '"') q += '"';
    q += ch;
  }
  return q + "\"";
}
}  // namespace detail

PPB_FUNC auto io::apply_entry(proposal_registry& registry, const election_definition& election, const voter_roll* roll,
                              const proposal_entry& entry) -> proposal_verdict {
  switch (entry.action) {
    case proposal_action::revise: return registry.resubmit(election, entry.fields.id, entry.fields, entry.at);
    case proposal_action::withdraw:
      return registry.withdraw(entry.fields.id, entry.fields.author, entry.at, entry.comment);
    case proposal_action::submit: break;
  }
  return registry.submit(election, roll, entry.fields, entry.at);
}

PPB_FUNC auto io::apply_entry(proposal_registry& registry, const election_definition& election,
                              const review_entry& entry) -> proposal_verdict {
  if (entry.merge) return registry.merge(entry.proposal, entry.into, entry.vote.reviewer, entry.vote.at, entry.vote.comment);
  return registry.review(election, entry.proposal, entry.vote);
}

PPB_FUNC auto io::proposals_to_json_text(const proposal_registry& registry, std::string_view unit) -> std::string {
  boost::json::array list;
  for (const auto& p : registry.proposals()) {
    if (!unit.empty() && p.unit != unit) continue;
    boost::json::array attachments;
    for (const auto& a : p.attachments) attachments.push_back(boost::json::object{{"ref", a.ref}, {"sha256", a.sha256}});
    boost::json::object o;
    o["id"] = p.id;
    o["unit"] = p.unit;
    o["state"] = proposal_state_name(p.state);
    o["author"] = p.author;
    o["title"] = p.title;
    o["description"] = p.description;
    o["address"] = p.address;
    o["category"] = p.category;
    o["estimated_cost"] = p.estimated_cost;
    o["final_cost"] = p.final_cost ? boost::json::value(*p.final_cost) : boost::json::value(nullptr);
    o["cost"] = p.cost();
    o["submitted_at"] = format_iso_timestamp(p.submitted_at);
    o["revisions"] = p.revisions;
    o["round"] = p.round;
    o["rejection"] = p.rejection ? boost::json::value(reason_name(*p.rejection)) : boost::json::value(nullptr);
    o["decision_comment"] = p.decision_comment;
    o["merged_into"] = p.merged_into;
    o["attachments"] = std::move(attachments);
    list.push_back(std::move(o));
  }
  return boost::json::serialize(list);
}

PPB_FUNC void io::write_audit_csv(std::ostream& out, const proposal_registry& registry) {
  out << "seq,at,proposal,actor,from,to,reason,comment\n";
  for (const auto& e : registry.audit()) {
    out << e.seq << ',' << format_iso_timestamp(e.at) << ',' << detail::audit_cell(e.proposal) << ','
        << detail::audit_cell(e.actor) << ',' << (e.from ? proposal_state_name(*e.from) : std::string_view()) << ','
        << proposal_state_name(e.to) << ',' << (e.reason ? reason_name(*e.reason) : std::string_view()) << ','
        << detail::audit_cell(e.comment) << '\n';
  }
}

PPB_END_NAMESPACE

#endif
