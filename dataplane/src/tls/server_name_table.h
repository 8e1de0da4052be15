#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>

#include "lintel/snapshot/v1/snapshot.pb.h"

namespace lintel::dataplane::tls {

// Which certificate of a TlsContext a TLS server name (SNI) gets, as snapshot.proto's
// TlsContext describes: exact name, then wildcards from the longest suffix, then the default.
class ServerNameTable {
 public:
  explicit ServerNameTable(const snapshot::v1::TlsContext& context);
  // `server_name` as the client sent it (any case); empty when it sent none.
  std::size_t certificate_for(std::string_view server_name) const;

 private:
  // Lower-case exact names, and wildcards by their suffix (".example.com" for "*.example.com");
  // the first certificate to name one wins.
  std::unordered_map<std::string, std::size_t> names_;
  std::unordered_map<std::string, std::size_t> wildcard_suffixes_;
  std::size_t default_ = 0;
};

}  // namespace lintel::dataplane::tls
