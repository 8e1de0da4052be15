#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

// gRPC's length-prefixed message framing, as the snapshot stream uses it (stream.proto): a
// 1-byte flag (0: not compressed), a 4-byte big-endian length, then that many bytes.
namespace lintel::snapshot {

inline constexpr std::size_t kFrameHeaderBytes = 5;

// One message, framed.
std::string frame_message(std::string_view message);

// Splits a byte stream into messages, whatever the chunks it arrives in. A length above the
// limit is refused before any of it is buffered, so a peer cannot make us hold more than
// max_message_bytes plus one chunk; so is a compressed message (we never offer compression).
// After an error the decoder stays failed: the stream cannot be resynchronised.
class FrameDecoder {
 public:
  explicit FrameDecoder(std::size_t max_message_bytes) : max_message_bytes_(max_message_bytes) {}

  // Appends each message completed by `bytes` to `messages`. False (with `error`) when the
  // stream is malformed.
  bool feed(std::string_view bytes, std::vector<std::string>& messages, std::string& error);

  // True when no partial frame is held: the stream may end here.
  bool between_messages() const { return header_filled_ == 0 && !in_message_; }
  // Bytes held for the message under way.
  std::size_t buffered_bytes() const { return message_.size(); }

 private:
  std::size_t max_message_bytes_;
  unsigned char header_[kFrameHeaderBytes] = {};
  std::size_t header_filled_ = 0;
  bool in_message_ = false;
  std::size_t message_length_ = 0;
  std::string message_;
  std::string failure_;
};

}  // namespace lintel::snapshot
