#pragma once

#include <google/protobuf/descriptor.h>

#include <span>
#include <string>
#include <vector>

// The text of every CRD file: the generator's whole output, before anything is written.
namespace lintel::crdgen {

struct CrdFile {
  std::string path;  // relative to crds/: "<channel>/<plural>.<group>.yaml"
  std::string text;
};

// For both channels, every kind with a CRD there, in channel then kind order.
std::vector<CrdFile> generate_crd_files(std::span<const google::protobuf::Descriptor* const> kinds);

}  // namespace lintel::crdgen
