#pragma once

#include <google/protobuf/message.h>

#include <string>

// Encoding of schema messages (api/proto) back to the text users keep in git: fields in the
// schema's declaration order, absent fields left out. decode(encode(x)) == x, and encoding is
// byte-stable, so what `lintel migrate` writes round-trips unchanged.
namespace lintel::api {

// Block-style YAML, as kubectl writes it (lists not indented under their key).
std::string encode_yaml(const google::protobuf::Message& message);

// JSON indented by two spaces, as `kubectl get -o json` writes it.
std::string encode_json(const google::protobuf::Message& message);

}  // namespace lintel::api
