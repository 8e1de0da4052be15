#pragma once

#include <google/protobuf/descriptor.h>

#include <string>

#include "channel.h"
#include "yaml_value.h"

// One kind's CustomResourceDefinition (apiextensions.k8s.io/v1) for one channel.
namespace lintel::crdgen {

// Whether the channel has a CRD for the kind: not for built-in kinds, and experimental kinds only
// in the experimental channel. Throws std::invalid_argument if the message is not a kind.
bool has_crd(const google::protobuf::Descriptor* kind, Channel channel);

// Throws std::invalid_argument when the kind's options cannot make a valid CRD.
YamlValue crd_document(const google::protobuf::Descriptor* kind, Channel channel);

// "<plural>.<group>.yaml", the CRD's own name.
std::string crd_file_name(const google::protobuf::Descriptor* kind);

}  // namespace lintel::crdgen
