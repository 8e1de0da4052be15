#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <string_view>

#include "asio_beast.h"

namespace lintel::dataplane {

// The few byte ranges of one gathered write (a head, chunk framing, body bytes), so that they
// leave in one system call without being copied together. Empty ranges are skipped.
class WritePieces {
 public:
  static constexpr std::size_t kMaxPieces = 6;

  void add(std::string_view bytes) {
    if (!bytes.empty()) pieces_[count_++] = asio::const_buffer(bytes.data(), bytes.size());
  }
  bool empty() const { return count_ == 0; }
  void clear() { count_ = 0; }
  std::span<const asio::const_buffer> buffers() const { return {pieces_.data(), count_}; }

 private:
  std::array<asio::const_buffer, kMaxPieces> pieces_{};
  std::size_t count_ = 0;
};

}  // namespace lintel::dataplane
