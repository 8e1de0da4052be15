#include "crd_document.h"

#include <algorithm>
#include <map>
#include <stdexcept>

#include "crd_schema.h"
#include "gateway_api_bundle.h"
#include "lintel/openapi/v1/openapi.pb.h"

namespace lintel::crdgen {

namespace {

namespace gp = google::protobuf;
using openapi::v1::KindSchema;

const KindSchema& kind_options(const gp::Descriptor* kind) {
  if (!kind->options().HasExtension(openapi::v1::kind))
    throw std::invalid_argument(kind->full_name() + " has no lintel.openapi.v1.kind option");
  return kind->options().GetExtension(openapi::v1::kind);
}

bool served_in(const KindSchema::Version& version, Channel channel) {
  return version.served() && !(channel == Channel::kStandard && version.standard_not_served());
}

void check_kind(const gp::Descriptor* kind, const KindSchema& options, Channel channel) {
  auto fail = [&](const std::string& what) {
    throw std::invalid_argument(kind->full_name() + ": " + what);
  };
  if (options.group().empty() || options.kind().empty() || options.plural().empty() ||
      options.singular().empty() || options.list_kind().empty())
    fail("a CRD needs group, kind, plural, singular and list_kind");
  int storage = 0;
  int served = 0;
  for (const KindSchema::Version& version : options.versions()) {
    if (version.name().empty()) fail("a version without a name");
    storage += version.storage() ? 1 : 0;
    served += served_in(version, channel) ? 1 : 0;
  }
  if (storage != 1) fail("a CRD needs exactly one storage version");
  for (const std::string& overridden : overridden_versions(kind)) {
    bool known = std::any_of(options.versions().begin(), options.versions().end(),
                             [&](const KindSchema::Version& v) { return v.name() == overridden; });
    if (!known) fail("a version override names " + overridden + ", not a version of the kind");
  }
  if (served == 0)
    fail(std::string("no version served in the ") + std::string(channel_name(channel)) +
         " channel");
}

YamlValue strings(const google::protobuf::RepeatedPtrField<std::string>& values) {
  YamlValue list = YamlValue::empty_seq();
  for (const std::string& value : values) list.push(YamlValue::of_string(value));
  return list;
}

YamlValue metadata(const KindSchema& options, Channel channel) {
  YamlValue meta;
  meta.set("name", YamlValue::of_string(options.plural() + "." + options.group()));
  if (!options.crd_labels().empty()) {
    // Sorted, so that the output does not depend on the map's order.
    std::map<std::string, std::string> sorted(options.crd_labels().begin(),
                                              options.crd_labels().end());
    YamlValue& labels = meta.set("labels", YamlValue::empty_map());
    for (const auto& [key, value] : sorted) labels.set(key, YamlValue::of_string(value));
  }
  if (is_gateway_api_group(options.group())) {
    YamlValue& annotations = meta.set("annotations", YamlValue::empty_map());
    annotations.set("api-approved.kubernetes.io",
                    YamlValue::of_string(std::string(kGatewayApiApproval)));
    annotations.set("gateway.networking.k8s.io/bundle-version",
                    YamlValue::of_string(std::string(kGatewayApiBundleVersion)));
    annotations.set("gateway.networking.k8s.io/channel",
                    YamlValue::of_string(std::string(channel_name(channel))));
  }
  return meta;
}

YamlValue names(const KindSchema& options) {
  YamlValue result;
  result.set("kind", YamlValue::of_string(options.kind()));
  result.set("listKind", YamlValue::of_string(options.list_kind()));
  result.set("plural", YamlValue::of_string(options.plural()));
  result.set("singular", YamlValue::of_string(options.singular()));
  if (options.short_names_size() > 0) result.set("shortNames", strings(options.short_names()));
  if (options.categories_size() > 0) result.set("categories", strings(options.categories()));
  return result;
}

YamlValue version_entry(const gp::Descriptor* kind, const KindSchema::Version& version,
                        Channel channel) {
  YamlValue schema = kind_schema(kind, SchemaTarget{channel, version.name()});
  bool has_status = schema.map.at("properties").map.count("status") > 0;

  YamlValue entry;
  entry.set("name", YamlValue::of_string(version.name()));
  entry.set("served", YamlValue::of_bool(served_in(version, channel)));
  entry.set("storage", YamlValue::of_bool(version.storage()));
  if (version.deprecated()) entry.set("deprecated", YamlValue::of_bool(true));
  if (!version.deprecation_warning().empty())
    entry.set("deprecationWarning", YamlValue::of_string(version.deprecation_warning()));
  entry.set("schema", YamlValue()).set("openAPIV3Schema", std::move(schema));
  YamlValue& subresources = entry.set("subresources", YamlValue::empty_map());
  if (has_status) subresources.set("status", YamlValue::empty_map());
  return entry;
}

}  // namespace

bool has_crd(const gp::Descriptor* kind, Channel channel) {
  const KindSchema& options = kind_options(kind);
  if (options.builtin()) return false;
  return channel == Channel::kExperimental || !options.experimental();
}

YamlValue crd_document(const gp::Descriptor* kind, Channel channel) {
  const KindSchema& options = kind_options(kind);
  check_kind(kind, options, channel);

  YamlValue document;
  document.set("apiVersion", YamlValue::of_string("apiextensions.k8s.io/v1"));
  document.set("kind", YamlValue::of_string("CustomResourceDefinition"));
  document.set("metadata", metadata(options, channel));

  YamlValue& spec = document.set("spec", YamlValue::empty_map());
  spec.set("group", YamlValue::of_string(options.group()));
  spec.set("names", names(options));
  spec.set("scope", YamlValue::of_string(options.cluster_scoped() ? "Cluster" : "Namespaced"));

  // Every version is the kind's one message, apart from its fields' version overrides.
  YamlValue& versions = spec.set("versions", YamlValue::empty_seq());
  for (const KindSchema::Version& version : options.versions())
    versions.push(version_entry(kind, version, channel));
  return document;
}

std::string crd_file_name(const gp::Descriptor* kind) {
  const KindSchema& options = kind_options(kind);
  return options.plural() + "." + options.group() + ".yaml";
}

}  // namespace lintel::crdgen
