#include "status_json.h"

#include "lintel/support/json_text.h"

namespace lintel::cmd {

namespace {

void append_errors(std::string& out, const char* key, const std::vector<api::DecodeError>& errors) {
  out += "  \"";
  out += key;
  out += "\": [";
  for (size_t i = 0; i < errors.size(); ++i) {
    const auto& e = errors[i];
    out += i ? ",\n    {" : "\n    {";
    out += "\"file\": ";
    support::append_json_string(out, e.file);
    out += ", \"document\": " + std::to_string(e.document) + ", \"object\": ";
    support::append_json_string(out, e.object);
    out += ", \"message\": ";
    support::append_json_string(out, e.message);
    out += "}";
  }
  out += errors.empty() ? "],\n" : "\n  ],\n";
}

}  // namespace

std::string status_json(const controller::ReconcileOutcome& last, std::uint64_t serving_version,
                        const StatusObjects& objects) {
  std::string out = "{\n  \"snapshotVersion\": " + std::to_string(serving_version) + ",\n";
  out += "  \"routes\": " + std::to_string(last.routes) + ",\n";
  if (!last.publish_error.empty()) {
    out += "  \"publishError\": ";
    support::append_json_string(out, last.publish_error);
    out += ",\n";
  }
  append_errors(out, "manifestErrors", last.errors);
  append_errors(out, "skippedObjects", last.warnings);
  out += "  \"ingressConversion\": [";
  for (size_t i = 0; i < last.notes.size(); ++i) {
    const auto& note = last.notes[i];
    out += i ? ",\n    {" : "\n    {";
    out += "\"ingress\": ";
    support::append_json_string(out, note.ingress);
    out += ", \"field\": ";
    support::append_json_string(out, note.field);
    out += ", \"message\": ";
    support::append_json_string(out, note.message);
    out += "}";
  }
  out += last.notes.empty() ? "],\n" : "\n  ],\n";
  out += "  \"notServedYet\": [";
  for (size_t i = 0; i < last.unsupported.size(); ++i) {
    out += i ? ",\n    " : "\n    ";
    support::append_json_string(out, last.unsupported[i]);
  }
  out += last.unsupported.empty() ? "],\n" : "\n  ],\n";
  out += "  \"objects\": " + objects_json(objects, 2) + "\n}\n";
  return out;
}

}  // namespace lintel::cmd
