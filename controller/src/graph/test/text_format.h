#pragma once

#include <google/protobuf/text_format.h>
#include <gtest/gtest.h>

#include <string>

namespace lintel::controller::graph {

// A message written in protobuf text format, for objects that decoding would not let through.
template <typename T>
T parse(const std::string& text) {
  T message;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &message)) << text;
  return message;
}

}  // namespace lintel::controller::graph
