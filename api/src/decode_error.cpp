#include "lintel/api/decode.h"

namespace lintel::api {

std::string DecodeError::to_string() const {
  std::string out = file + ": document " + std::to_string(document);
  if (!object.empty()) out += " (" + object + ")";
  out += ": " + message;
  return out;
}

}  // namespace lintel::api
