// The snapshot stream's frame decoder on arbitrary bytes, fed whole and in pieces of sizes
// drawn from the input itself: both must yield the same messages and the same verdict, and no
// message may exceed the limit. A mismatch aborts.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "lintel/snapshot/message_frames.h"

namespace {

constexpr std::size_t kLimit = 4096;

struct Outcome {
  std::vector<std::string> messages;
  bool ok = true;
};

Outcome decode_in_pieces(std::string_view bytes, std::size_t seed) {
  lintel::snapshot::FrameDecoder decoder(kLimit);
  Outcome outcome;
  std::string error;
  std::size_t step = seed;
  while (!bytes.empty() && outcome.ok) {
    step = step * 1103515245 + 12345;
    const std::size_t size = std::min<std::size_t>(bytes.size(), 1 + (step >> 16) % 64);
    outcome.ok = decoder.feed(bytes.substr(0, size), outcome.messages, error);
    bytes.remove_prefix(size);
  }
  return outcome;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  lintel::snapshot::FrameDecoder whole(kLimit);
  Outcome at_once;
  std::string error;
  at_once.ok = whole.feed(bytes, at_once.messages, error);
  const Outcome pieces = decode_in_pieces(bytes, size);
  // A failing stream may have yielded fewer messages in pieces (it stops at the failing
  // piece), so only the verdict must agree then.
  if (at_once.ok != pieces.ok) std::abort();
  if (at_once.ok && at_once.messages != pieces.messages) std::abort();
  for (const auto& message : at_once.messages)
    if (message.size() > kLimit) std::abort();
  if (at_once.ok) {
    // Re-framing what was read gives back the bytes consumed so far.
    std::string framed;
    for (const auto& message : at_once.messages) framed += lintel::snapshot::frame_message(message);
    if (bytes.substr(0, framed.size()) != framed) std::abort();
  }
  return 0;
}
