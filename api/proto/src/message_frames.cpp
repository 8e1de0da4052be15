#include "lintel/snapshot/message_frames.h"

#include <algorithm>

namespace lintel::snapshot {

std::string frame_message(std::string_view message) {
  const auto length = static_cast<std::uint32_t>(message.size());
  std::string frame;
  frame.reserve(kFrameHeaderBytes + message.size());
  frame.push_back('\0');
  for (int shift = 24; shift >= 0; shift -= 8)
    frame.push_back(static_cast<char>((length >> shift) & 0xff));
  frame.append(message);
  return frame;
}

bool FrameDecoder::feed(std::string_view bytes, std::vector<std::string>& messages,
                        std::string& error) {
  if (!failure_.empty()) {
    error = failure_;
    return false;
  }
  while (!bytes.empty()) {
    if (!in_message_) {
      const std::size_t take = std::min(kFrameHeaderBytes - header_filled_, bytes.size());
      std::copy_n(bytes.data(), take, header_ + header_filled_);
      header_filled_ += take;
      bytes.remove_prefix(take);
      if (header_filled_ < kFrameHeaderBytes) break;
      header_filled_ = 0;
      if (header_[0] == 1) {
        failure_ = "a compressed message, and no compression was agreed";
      } else if (header_[0] != 0) {
        failure_ = "a frame flag of " + std::to_string(header_[0]) + " (0 or 1 expected)";
      } else {
        message_length_ = (std::size_t{header_[1]} << 24) | (std::size_t{header_[2]} << 16) |
                          (std::size_t{header_[3]} << 8) | std::size_t{header_[4]};
        if (message_length_ > max_message_bytes_)
          failure_ = "a message of " + std::to_string(message_length_) +
                     " bytes, above the limit of " + std::to_string(max_message_bytes_);
      }
      if (!failure_.empty()) {
        error = failure_;
        return false;
      }
      in_message_ = true;
      message_.clear();
      // Reserving the announced length up front would let a peer make us allocate the whole
      // limit with five bytes; the buffer grows only as bytes arrive.
    }
    const std::size_t take = std::min(message_length_ - message_.size(), bytes.size());
    message_.append(bytes.data(), take);
    bytes.remove_prefix(take);
    if (message_.size() == message_length_) {
      messages.push_back(std::move(message_));
      message_ = std::string();
      in_message_ = false;
    }
  }
  return true;
}

}  // namespace lintel::snapshot
