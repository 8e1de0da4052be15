#include "status_objects.h"

#include "lintel/api/encode.h"

namespace lintel::cmd {

namespace {

// encode_json indents from column 0; nested in a bigger document its lines move right.
std::string indented(const std::string& text, int indent) {
  std::string out;
  const std::string pad(static_cast<size_t>(indent), ' ');
  for (size_t start = 0; start < text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    if (start > 0) out += pad;
    out.append(text, start, end - start);
    if (end < text.size()) out += '\n';
    start = end + 1;
  }
  return out;
}

}  // namespace

std::string objects_json(const StatusObjects& objects, int indent) {
  if (objects.empty()) return "[]";
  std::string out = "[";
  const std::string pad(static_cast<size_t>(indent + 2), ' ');
  for (const auto& [key, status] : objects) {
    std::string object = api::encode_json(*controller::object_with_status(status, true));
    if (!object.empty() && object.back() == '\n') object.pop_back();
    out += out.size() == 1 ? "\n" : ",\n";
    out += pad + indented(object, indent + 2);
  }
  out += '\n' + std::string(static_cast<size_t>(indent), ' ') + ']';
  return out;
}

std::string objects_yaml(const StatusObjects& objects) {
  std::string out;
  for (const auto& [key, status] : objects) {
    out += "---\n";
    out += api::encode_yaml(*controller::object_with_status(status, true));
  }
  return out;
}

}  // namespace lintel::cmd
