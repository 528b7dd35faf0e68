// Definitions for model/instance.hpp.
#ifndef PPB_MODEL_INSTANCE_INL_HPP
#define PPB_MODEL_INSTANCE_INL_HPP

#include "ppb/model/instance.hpp"

PPB_BEGIN_NAMESPACE

PPB_FUNC auto vote_type_name(vote_type t) noexcept -> std::string_view {
  switch (t) {
    case vote_type::approval: return "approval";
    case vote_type::choose_1: return "choose-1";
    case vote_type::cumulative: return "cumulative";
    case vote_type::scoring: return "scoring";
    case vote_type::ordinal: return "ordinal";
  }
  return "approval";
}

PPB_FUNC auto parse_vote_type(std::string_view name) noexcept -> std::optional<vote_type> {
  for (auto t : {vote_type::approval, vote_type::choose_1, vote_type::cumulative, vote_type::scoring,
                 vote_type::ordinal})
    if (vote_type_name(t) == name) return t;
  return std::nullopt;
}

PPB_FUNC auto instance::add(project p) -> project_index {
  if (p.id.empty()) throw usage_error("project id is empty");
  const auto index = static_cast<project_index>(projects_.size());
  if (!by_id_.emplace(p.id, index).second) throw usage_error("duplicate project id '" + p.id + "'");
  projects_.push_back(std::move(p));
  return index;
}

PPB_FUNC auto instance::find(std::string_view id) const -> std::optional<project_index> {
  const auto it = by_id_.find(std::string(id));
  if (it == by_id_.end()) return std::nullopt;
  return it->second;
}

PPB_FUNC auto instance::meta_value(std::string_view key) const -> const std::string* {
  for (const auto& [k, v] : meta)
    if (k == key) return &v;
  return nullptr;
}

PPB_FUNC void instance::set_meta(std::string_view key, std::string value) {
  for (auto& [k, v] : meta)
    if (k == key) {
      v = std::move(value);
      return;
    }
  meta.emplace_back(std::string(key), std::move(value));
}

PPB_END_NAMESPACE

#endif
