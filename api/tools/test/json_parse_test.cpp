#include "json_parse.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace lintel::crdgen {
namespace {

TEST(ParseJson, Scalars) {
  EXPECT_EQ(parse_json("\"PathPrefix\""), YamlValue::of_string("PathPrefix"));
  EXPECT_EQ(parse_json(" 1 "), YamlValue::of_int(1));
  EXPECT_EQ(parse_json("-2.5e3"), YamlValue::of_number_text("-2.5e3"));
  EXPECT_EQ(parse_json("true"), YamlValue::of_bool(true));
  EXPECT_EQ(parse_json("false"), YamlValue::of_bool(false));
  EXPECT_EQ(parse_json("null"), YamlValue::null());
  EXPECT_EQ(parse_json("\"\""), YamlValue::of_string(""));
}

TEST(ParseJson, Escapes) {
  EXPECT_EQ(parse_json(R"("a\"b\\c\/d\n\t")"), YamlValue::of_string("a\"b\\c/d\n\t"));
  EXPECT_EQ(parse_json(R"("\u00e9\ud83d\ude00")"),
            YamlValue::of_string("\xc3\xa9\xf0\x9f\x98\x80"));
}

TEST(ParseJson, ObjectsAndArrays) {
  YamlValue expected;
  expected.set("from", YamlValue::of_string("Same"));
  YamlValue& list = expected.set("list", YamlValue::empty_seq());
  list.push(YamlValue::of_int(1));
  list.push(YamlValue::empty_map());
  list.push(YamlValue::empty_seq());
  EXPECT_EQ(parse_json(R"({"list": [1, {}, []], "from": "Same"})"), expected);
}

TEST(ParseJson, RejectsWhatIsNotJson) {
  const char* bad[] = {"",
                       "plain",
                       "'a'",
                       "01",
                       "1.",
                       "+1",
                       "[1,]",
                       "{\"a\"}",
                       "{a:1}",
                       "[1] [2]",
                       "\"\\x\"",
                       "\"\\ud83d\"",
                       "{\"a\":1,\"a\":2}",
                       "tru",
                       "\"open"};
  for (const char* text : bad) EXPECT_THROW(parse_json(text), std::invalid_argument) << text;
}

}  // namespace
}  // namespace lintel::crdgen
