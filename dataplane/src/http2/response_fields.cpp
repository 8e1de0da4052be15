#include "http2/response_fields.h"

namespace lintel::dataplane::http2 {
namespace {

nghttp2_nv pair(const char* name, std::size_t name_length, const char* value,
                std::size_t value_length) {
  return {reinterpret_cast<uint8_t*>(const_cast<char*>(name)),
          reinterpret_cast<uint8_t*>(const_cast<char*>(value)), name_length, value_length,
          NGHTTP2_NV_FLAG_NONE};
}

}  // namespace

bool is_connection_specific(std::string_view lower_name) {
  return lower_name == "connection" || lower_name == "keep-alive" ||
         lower_name == "proxy-connection" || lower_name == "transfer-encoding" ||
         lower_name == "upgrade" || lower_name == "te" || lower_name == "trailer";
}

ResponseFields::ResponseFields(unsigned status, const http::fields& fields) {
  status = status > 999 ? 500 : status;
  status_[0] = static_cast<char>('0' + status / 100);
  status_[1] = static_cast<char>('0' + status / 10 % 10);
  status_[2] = static_cast<char>('0' + status % 10);
  std::size_t bytes = 0;
  std::size_t count = 1;
  for (const auto& field : fields) {
    bytes += field.name_string().size() + field.value().size();
    ++count;
  }
  // Reserved up front: the pairs point into it, so it must never reallocate.
  storage_.reserve(bytes);
  pairs_.reserve(count);
  static constexpr char kStatus[] = ":status";
  pairs_.push_back(pair(kStatus, sizeof(kStatus) - 1, status_, sizeof(status_)));
  for (const auto& field : fields) {
    const auto name = field.name_string();
    const auto value = field.value();
    const std::size_t name_at = storage_.size();
    for (const char c : name) {
      storage_.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
    }
    if (is_connection_specific(std::string_view(storage_).substr(name_at))) {
      storage_.resize(name_at);
      continue;
    }
    const std::size_t value_at = storage_.size();
    storage_.append(value.data(), value.size());
    pairs_.push_back(
        pair(storage_.data() + name_at, name.size(), storage_.data() + value_at, value.size()));
  }
}

}  // namespace lintel::dataplane::http2
