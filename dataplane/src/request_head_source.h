#pragma once

#include <string>
#include <string_view>

#include "http1/request_parser.h"
#include "lintel/dataplane/router.h"

namespace lintel::dataplane {

// Lets the router read the parsed request's header fields where they lie in the client buffer.
class RequestHeadSource final : public RouteRequest::HeaderSource {
 public:
  explicit RequestHeadSource(const http1::RequestHead& head) : head_(head) {}
  bool find(std::string_view lower_name, std::string& value) const override {
    bool found = false;
    for (std::size_t i = 0; i < head_.field_count(); ++i) {
      const auto field = head_.field(i);
      if (field.name.size() != lower_name.size()) continue;
      bool same = true;
      for (std::size_t c = 0; c < lower_name.size() && same; ++c) {
        const char ch = field.name[c];
        same = (ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch + 32) : ch) == lower_name[c];
      }
      if (!same) continue;
      if (!found) value.clear();
      if (found) value.append(", ");
      value.append(field.value);
      found = true;
    }
    return found;
  }

 private:
  const http1::RequestHead& head_;
};

}  // namespace lintel::dataplane
