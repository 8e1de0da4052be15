#pragma once

#include <nghttp2/nghttp2.h>

#include <string_view>

// The HTTP/2 request that carries the snapshot stream (stream.proto), named as gRPC names it.
namespace lintel::snapshot {

inline constexpr std::string_view kStreamPath = "/lintel.snapshot.v1.SnapshotService/Stream";
inline constexpr std::string_view kStreamContentType = "application/grpc";

// A header for nghttp2_submit_*; nghttp2 copies names and values, so views of literals and of
// strings that outlive the call are enough.
inline nghttp2_nv header(std::string_view name, std::string_view value) {
  return {const_cast<std::uint8_t*>(reinterpret_cast<const std::uint8_t*>(name.data())),
          const_cast<std::uint8_t*>(reinterpret_cast<const std::uint8_t*>(value.data())),
          name.size(), value.size(), NGHTTP2_NV_FLAG_NONE};
}

}  // namespace lintel::snapshot
