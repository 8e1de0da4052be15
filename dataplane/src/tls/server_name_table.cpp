#include "server_name_table.h"

#include <algorithm>
#include <cctype>

namespace lintel::dataplane::tls {

ServerNameTable::ServerNameTable(const snapshot::v1::TlsContext& context)
    : default_(context.default_certificate()) {
  for (int i = 0; i < context.certificates_size(); ++i) {
    for (const auto& name : context.certificates(i).server_names()) {
      const auto index = static_cast<std::size_t>(i);
      if (name.starts_with("*."))
        wildcard_suffixes_.emplace(name.substr(1), index);
      else
        names_.emplace(name, index);
    }
  }
}

std::size_t ServerNameTable::certificate_for(std::string_view server_name) const {
  if (server_name.empty()) return default_;
  std::string name(server_name);
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (auto exact = names_.find(name); exact != names_.end()) return exact->second;
  // "a.b.example.com" tries "*.b.example.com", "*.example.com", then "*.com".
  for (std::size_t dot = name.find('.'); dot != std::string::npos && dot + 1 < name.size();
       dot = name.find('.', dot + 1)) {
    if (auto found = wildcard_suffixes_.find(name.substr(dot)); found != wildcard_suffixes_.end())
      return found->second;
  }
  return default_;
}

}  // namespace lintel::dataplane::tls
