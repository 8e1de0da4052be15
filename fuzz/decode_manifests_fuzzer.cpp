// Any bytes as a manifest file: decoding must never crash, hang or leak, and every document
// must end up either as an object or as an error that names its file.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "lintel/api/decode.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  lintel::api::DecodeResult result = lintel::api::decode_manifests(text, "fuzz.yaml");
  for (const auto& error : result.errors) {
    if (error.file != "fuzz.yaml" || error.message.empty()) std::abort();
  }
  return 0;
}
