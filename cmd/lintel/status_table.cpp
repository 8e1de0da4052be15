#include "status_table.h"

#include <ctime>
#include <functional>
#include <vector>

namespace lintel::cmd {

namespace {

namespace gp = google::protobuf;
using Row = std::vector<std::string>;

const gp::Value* field(const gp::Value& value, const std::string& name) {
  if (value.kind_case() != gp::Value::kStructValue) return nullptr;
  auto it = value.struct_value().fields().find(name);
  return it == value.struct_value().fields().end() ? nullptr : &it->second;
}

const gp::Value* path(const gp::Value& value, std::initializer_list<const char*> names) {
  const gp::Value* at = &value;
  for (const char* name : names) {
    if (!(at = field(*at, name))) return nullptr;
  }
  return at;
}

std::string text(const gp::Value* value) {
  if (!value) return "";
  switch (value->kind_case()) {
    case gp::Value::kStringValue:
      return value->string_value();
    case gp::Value::kNumberValue:
      return std::to_string(static_cast<long long>(value->number_value()));
    case gp::Value::kBoolValue:
      return value->bool_value() ? "true" : "false";
    default:
      return "";
  }
}

std::string text(const gp::Value& value, std::initializer_list<const char*> names) {
  return text(path(value, names));
}

const gp::RepeatedPtrField<gp::Value>& items(const gp::Value* value) {
  static const gp::RepeatedPtrField<gp::Value> none;
  return value && value->kind_case() == gp::Value::kListValue ? value->list_value().values() : none;
}

// kubectl joins a list column's values with commas.
std::string joined(const gp::Value* list, const char* key) {
  std::string out;
  for (const auto& item : items(list)) {
    out += out.empty() ? "" : ",";
    out += key ? text(field(item, key)) : text(&item);
  }
  return out;
}

std::string condition_status(const gp::Value& object, const std::string& type) {
  for (const auto& condition : items(path(object, {"status", "conditions"}))) {
    if (text(field(condition, "type")) == type) return text(field(condition, "status"));
  }
  return "Unknown";
}

std::string age(const gp::Value& object, std::chrono::system_clock::time_point now) {
  std::string created = text(object, {"metadata", "creationTimestamp"});
  std::tm utc{};
  if (created.empty() || !strptime(created.c_str(), "%Y-%m-%dT%H:%M:%S", &utc)) return "<unknown>";
  auto then = std::chrono::system_clock::from_time_t(timegm(&utc));
  return human_duration(std::chrono::duration_cast<std::chrono::seconds>(now - then));
}

// Columns three spaces apart, each as wide as its widest cell, as kubectl's printer does.
std::vector<std::string> aligned(const std::vector<Row>& rows) {
  std::vector<size_t> widths;
  for (const auto& row : rows) {
    widths.resize(std::max(widths.size(), row.size()));
    for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], row[i].size());
  }
  std::vector<std::string> lines;
  for (const auto& row : rows) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line += std::string(widths[i] - row[i].size() + 3, ' ');
    }
    lines.push_back(line);
  }
  return lines;
}

void conditions(std::string& out, const gp::Value* list, const std::string& indent) {
  std::vector<Row> rows{{"TYPE", "STATUS", "REASON", "MESSAGE"}};
  for (const auto& condition : items(list)) {
    rows.push_back({text(field(condition, "type")), text(field(condition, "status")),
                    text(field(condition, "reason")), text(field(condition, "message"))});
  }
  if (rows.size() == 1) return;
  for (const auto& line : aligned(rows)) out += indent + line + "\n";
}

// A Gateway's or ListenerSet's conditions, then each listener's.
void listener_owner_details(std::string& out, const gp::Value& owner) {
  conditions(out, path(owner, {"status", "conditions"}), "    ");
  for (const auto& listener : items(path(owner, {"status", "listeners"}))) {
    out += "    Listener " + text(field(listener, "name")) +
           " (attachedRoutes: " + text(field(listener, "attachedRoutes")) + ")\n";
    conditions(out, field(listener, "conditions"), "      ");
  }
}

void route_details(std::string& out, const gp::Value& route) {
  for (const auto& parent : items(path(route, {"status", "parents"}))) {
    const gp::Value* ref = field(parent, "parentRef");
    std::string kind = text(field(*ref, "kind"));
    std::string namespace_ = text(field(*ref, "namespace"));
    std::string section = text(field(*ref, "sectionName"));
    out += "    Parent " + (kind.empty() ? "Gateway" : kind) + " " +
           (namespace_.empty() ? text(route, {"metadata", "namespace"}) : namespace_) + "/" +
           text(field(*ref, "name")) + (section.empty() ? "" : " section " + section) + "\n";
    conditions(out, field(parent, "conditions"), "      ");
  }
}

struct KindTable {
  const char* kind;
  Row header;
  std::function<Row(const gp::Value&, const std::string& age)> row;
  std::function<void(std::string&, const gp::Value&)> details;
};

const std::vector<KindTable>& kind_tables() {
  static const std::vector<KindTable> tables{
      {"GatewayClass",
       {"NAME", "CONTROLLER", "ACCEPTED", "AGE"},
       [](const gp::Value& o, const std::string& age) -> Row {
         return {text(o, {"metadata", "name"}), text(o, {"spec", "controllerName"}),
                 condition_status(o, "Accepted"), age};
       },
       [](std::string& out, const gp::Value& o) {
         conditions(out, path(o, {"status", "conditions"}), "    ");
       }},
      {"Gateway",
       {"NAMESPACE", "NAME", "CLASS", "ADDRESS", "PROGRAMMED", "AGE"},
       [](const gp::Value& o, const std::string& age) -> Row {
         return {text(o, {"metadata", "namespace"}),
                 text(o, {"metadata", "name"}),
                 text(o, {"spec", "gatewayClassName"}),
                 joined(path(o, {"status", "addresses"}), "value"),
                 condition_status(o, "Programmed"),
                 age};
       },
       listener_owner_details},
      {"ListenerSet",
       {"NAMESPACE", "NAME", "ACCEPTED", "PROGRAMMED", "AGE"},
       [](const gp::Value& o, const std::string& age) -> Row {
         return {text(o, {"metadata", "namespace"}), text(o, {"metadata", "name"}),
                 condition_status(o, "Accepted"), condition_status(o, "Programmed"), age};
       },
       listener_owner_details},
      {"HTTPRoute",
       {"NAMESPACE", "NAME", "HOSTNAMES", "AGE"},
       [](const gp::Value& o, const std::string& age) -> Row {
         return {text(o, {"metadata", "namespace"}), text(o, {"metadata", "name"}),
                 joined(path(o, {"spec", "hostnames"}), nullptr), age};
       },
       route_details},
  };
  return tables;
}

}  // namespace

std::string human_duration(std::chrono::seconds age) {
  long long s = age.count();
  if (s < -1) return "<invalid>";
  if (s < 0) return "0s";
  if (s < 120) return std::to_string(s) + "s";
  long long m = s / 60, h = s / 3600, d = h / 24;
  auto two = [](long long big, const char* a, long long small, const char* b) {
    return std::to_string(big) + a + (small ? std::to_string(small) + b : "");
  };
  if (m < 10) return two(m, "m", s % 60, "s");
  if (m < 180) return std::to_string(m) + "m";
  if (h < 8) return two(h, "h", m % 60, "m");
  if (h < 48) return std::to_string(h) + "h";
  if (h < 24 * 8) return two(d, "d", h % 24, "h");
  if (h < 24 * 365 * 2) return std::to_string(d) + "d";
  if (h < 24 * 365 * 8) return two(d / 365, "y", d % 365, "d");
  return std::to_string(d / 365) + "y";
}

std::string status_tables(const gp::Struct& document, std::chrono::system_clock::time_point now) {
  auto objects = document.fields().find("objects");
  if (objects == document.fields().end()) return "";
  std::string out;
  for (const KindTable& table : kind_tables()) {
    std::vector<const gp::Value*> of_kind;
    std::vector<Row> rows{table.header};
    for (const auto& object : items(&objects->second)) {
      if (text(field(object, "kind")) != table.kind) continue;
      of_kind.push_back(&object);
      rows.push_back(table.row(object, age(object, now)));
    }
    if (of_kind.empty()) continue;
    std::vector<std::string> lines = aligned(rows);
    out += (out.empty() ? "" : "\n") + std::string(table.kind) + "\n" + lines[0] + "\n";
    for (size_t i = 0; i < of_kind.size(); ++i) {
      out += lines[i + 1] + "\n";
      table.details(out, *of_kind[i]);
    }
  }
  return out;
}

}  // namespace lintel::cmd
