#include "lintel/snapshot/message_frames.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace lintel::snapshot {
namespace {

TEST(FrameMessage, PutsAFlagAndABigEndianLengthBeforeTheMessage) {
  EXPECT_EQ(frame_message("hi"), std::string("\0\0\0\0\2hi", 7));
  EXPECT_EQ(frame_message(std::string(0x010203, 'x')).substr(0, 5), std::string("\0\0\1\2\3", 5));
  EXPECT_EQ(frame_message(""), std::string(5, '\0'));
}

TEST(FrameDecoder, ReadsMessagesFromOneChunk) {
  FrameDecoder decoder(1024);
  std::vector<std::string> messages;
  std::string error;
  ASSERT_TRUE(decoder.feed(frame_message("one") + frame_message("") + frame_message("three"),
                           messages, error));
  EXPECT_EQ(messages, (std::vector<std::string>{"one", "", "three"}));
  EXPECT_TRUE(decoder.between_messages());
}

TEST(FrameDecoder, ReadsMessagesSplitAtEveryByte) {
  const std::string stream = frame_message("hello") + frame_message(std::string(300, 'z'));
  FrameDecoder decoder(1024);
  std::vector<std::string> messages;
  std::string error;
  for (char byte : stream) {
    ASSERT_TRUE(decoder.feed(std::string_view(&byte, 1), messages, error)) << error;
  }
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0], "hello");
  EXPECT_EQ(messages[1], std::string(300, 'z'));
}

TEST(FrameDecoder, HoldsAPartialFrameUntilItsRestArrives) {
  const std::string frame = frame_message("snapshot");
  FrameDecoder decoder(1024);
  std::vector<std::string> messages;
  std::string error;
  ASSERT_TRUE(decoder.feed(frame.substr(0, 3), messages, error));
  EXPECT_FALSE(decoder.between_messages());
  ASSERT_TRUE(decoder.feed(frame.substr(3, 4), messages, error));
  EXPECT_TRUE(messages.empty());
  EXPECT_EQ(decoder.buffered_bytes(), 2u);
  ASSERT_TRUE(decoder.feed(frame.substr(7), messages, error));
  EXPECT_EQ(messages, std::vector<std::string>{"snapshot"});
  EXPECT_TRUE(decoder.between_messages());
}

TEST(FrameDecoder, RefusesALengthAboveTheLimitBeforeBufferingIt) {
  FrameDecoder decoder(16);
  std::vector<std::string> messages;
  std::string error;
  EXPECT_FALSE(decoder.feed(std::string("\0\xff\xff\xff\xff", 5), messages, error));
  EXPECT_EQ(error, "a message of 4294967295 bytes, above the limit of 16");
  EXPECT_EQ(decoder.buffered_bytes(), 0u);
  // Failed for good: a stream cannot be resynchronised after a bad frame.
  error.clear();
  EXPECT_FALSE(decoder.feed(frame_message("ok"), messages, error));
  EXPECT_FALSE(error.empty());
  EXPECT_TRUE(messages.empty());
}

TEST(FrameDecoder, TakesAMessageOfExactlyTheLimit) {
  FrameDecoder decoder(16);
  std::vector<std::string> messages;
  std::string error;
  EXPECT_TRUE(decoder.feed(frame_message(std::string(16, 'a')), messages, error)) << error;
  EXPECT_EQ(messages.size(), 1u);
}

TEST(FrameDecoder, RefusesCompressedMessagesAndUnknownFlags) {
  std::vector<std::string> messages;
  std::string error;
  FrameDecoder compressed(1024);
  EXPECT_FALSE(compressed.feed(std::string("\1\0\0\0\1x", 6), messages, error));
  EXPECT_EQ(error, "a compressed message, and no compression was agreed");
  FrameDecoder garbage(1024);
  EXPECT_FALSE(garbage.feed("GET / HTTP/1.1\r\n", messages, error));
  EXPECT_EQ(error, "a frame flag of 71 (0 or 1 expected)");
  EXPECT_TRUE(messages.empty());
}

}  // namespace
}  // namespace lintel::snapshot
