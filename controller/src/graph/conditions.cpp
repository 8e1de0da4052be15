#include "conditions.h"

namespace lintel::controller::graph {

namespace {

const meta::v1::Condition* find_type(const Conditions& conditions, const std::string& type) {
  for (const auto& condition : conditions)
    if (condition.type() == type) return &condition;
  return nullptr;
}

meta::v1::Condition merged(const meta::v1::Condition* previous, const meta::v1::Condition& next,
                           std::string_view now) {
  if (previous && previous->observed_generation() > next.observed_generation()) return *previous;
  meta::v1::Condition out = next;
  bool unchanged =
      previous && previous->status() == next.status() && !previous->last_transition_time().empty();
  out.set_last_transition_time(unchanged ? previous->last_transition_time() : std::string(now));
  return out;
}

}  // namespace

meta::v1::Condition make_condition(std::string_view type, bool status, std::string_view reason,
                                   std::string_view message, std::int64_t observed_generation) {
  meta::v1::Condition condition;
  condition.set_type(std::string(type));
  condition.set_status(status ? "True" : "False");
  condition.set_observed_generation(observed_generation);
  condition.set_reason(std::string(reason));
  condition.set_message(std::string(message));
  return condition;
}

Conditions merge_conditions(const Conditions& previous, const Conditions& next,
                            std::string_view now) {
  Conditions out;
  for (const auto& old : previous) {
    const meta::v1::Condition* fresh = find_type(next, old.type());
    *out.Add() = fresh ? merged(&old, *fresh, now) : old;
  }
  for (const auto& fresh : next)
    if (!find_type(previous, fresh.type())) *out.Add() = merged(nullptr, fresh, now);
  return out;
}

}  // namespace lintel::controller::graph
