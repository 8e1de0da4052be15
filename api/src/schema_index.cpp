#include "schema_index.h"

#include <stdexcept>

#include "lintel/api/schema.h"

namespace lintel::api::detail {

namespace gp = google::protobuf;

std::string api_version_of(std::string_view group, std::string_view version) {
  return group.empty() ? std::string(version) : std::string(group) + "/" + std::string(version);
}

const SchemaIndex& SchemaIndex::get() {
  static const SchemaIndex index;
  return index;
}

SchemaIndex::SchemaIndex() {
  kinds_.reserve(schema_kinds().size());
  for (const gp::Descriptor* descriptor : schema_kinds()) {
    const auto& schema = descriptor->options().GetExtension(openapi::v1::kind);
    kinds_.push_back(KindInfo{descriptor, &schema, schema.group()});
    add_message(descriptor);
  }
  for (const KindInfo& kind : kinds_) {
    for (const auto& version : kind.schema->versions()) {
      if (!version.served()) continue;
      std::string api_version = api_version_of(kind.group, version.name());
      by_api_version_kind_[api_version + "/" + kind.schema->kind()] = &kind;
      group_versions_[api_version] = true;
    }
  }
}

void SchemaIndex::add_message(const gp::Descriptor* descriptor) {
  if (messages_.count(descriptor)) return;
  MessageInfo& info = messages_[descriptor];
  info.descriptor = descriptor;
  info.fields.reserve(descriptor->field_count());
  for (int i = 0; i < descriptor->field_count(); ++i) {
    const gp::FieldDescriptor* field = descriptor->field(i);
    FieldInfo entry;
    entry.field = field;
    entry.schema = &field->options().GetExtension(openapi::v1::field);
    if (!entry.schema->pattern().empty()) {
      re2::RE2::Options options;
      options.set_log_errors(false);
      entry.pattern = std::make_unique<re2::RE2>(entry.schema->pattern(), options);
      // A pattern RE2 cannot compile is a bug in our schema, found by the first test to run.
      if (!entry.pattern->ok())
        throw std::logic_error("schema pattern of " + field->full_name() +
                               " does not compile: " + entry.pattern->error());
    }
    if (!entry.schema->default_().empty()) {
      YamlStream parsed = parse_yaml_stream(entry.schema->default_());
      if (parsed.error || parsed.documents.size() != 1)
        throw std::logic_error("schema default of " + field->full_name() + " is not JSON");
      entry.default_value = parsed.documents.front();
    }
    info.fields.push_back(std::move(entry));
  }
  for (FieldInfo& entry : info.fields) {
    const std::string& list = entry.schema->empty_of();
    if (list.empty()) {
      info.by_json_name.emplace(entry.field->json_name(), &entry);
      continue;
    }
    const gp::FieldDescriptor* target = descriptor->FindFieldByName(list);
    if (!target || !target->is_repeated() || entry.field->type() != gp::FieldDescriptor::TYPE_BOOL)
      throw std::logic_error("empty_of of " + entry.field->full_name() + " is no list or map");
    info.fields[static_cast<size_t>(target->index())].presence = entry.field;
  }
  for (const FieldInfo& entry : info.fields) {
    const gp::FieldDescriptor* field = entry.field;
    if (field->is_map()) {
      const gp::FieldDescriptor* value = field->message_type()->map_value();
      if (value->message_type()) add_message(value->message_type());
    } else if (field->message_type()) {
      add_message(field->message_type());
    }
  }
}

const MessageInfo& SchemaIndex::message(const gp::Descriptor* descriptor) const {
  return messages_.at(descriptor);
}

const KindInfo* SchemaIndex::find_kind(std::string_view api_version, std::string_view kind) const {
  std::string key = std::string(api_version) + "/" + std::string(kind);
  auto it = by_api_version_kind_.find(key);
  return it == by_api_version_kind_.end() ? nullptr : it->second;
}

bool SchemaIndex::serves_group_version(std::string_view api_version) const {
  return group_versions_.count(std::string(api_version)) > 0;
}

}  // namespace lintel::api::detail
