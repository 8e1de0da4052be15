#include "problem.h"

namespace lintel::controller::graph {

std::string join_messages(const std::vector<Problem>& problems) {
  std::string out;
  for (const auto& problem : problems) {
    if (!out.empty()) out += "; ";
    out += problem.message;
  }
  return out;
}

std::string object_name(const std::string& namespace_, const std::string& name) {
  return namespace_ + "/" + name;
}

std::string kind_name(const std::string& group, const std::string& kind) {
  return group.empty() ? kind : kind + "." + group;
}

}  // namespace lintel::controller::graph
