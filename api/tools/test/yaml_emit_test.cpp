#include "yaml_emit.h"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <string>

namespace lintel::crdgen {
namespace {

// Each string must read back, by a YAML parser, as the same string (not a bool, number or null).
TEST(YamlScalar, ReadsBackAsTheSameString) {
  const std::string cases[] = {"",
                               "plain",
                               "True",
                               "false",
                               "yes",
                               "No",
                               "on",
                               "OFF",
                               "y",
                               "n",
                               "null",
                               "Null",
                               "~",
                               "0",
                               "1",
                               "-1",
                               "+1",
                               "1.5",
                               ".5",
                               "1e3",
                               "0x1f",
                               "0o17",
                               ".inf",
                               "-.Inf",
                               ".NaN",
                               "1:20",
                               "2001-12-14",
                               "- item",
                               "-",
                               "?",
                               ": x",
                               "a: b",
                               "a #b",
                               "a#b",
                               "ends:",
                               " lead",
                               "trail ",
                               "'quoted'",
                               "\"dq\"",
                               "it's",
                               "#comment",
                               "&anchor",
                               "*alias",
                               "!tag",
                               "|",
                               ">",
                               "%",
                               "@",
                               "`",
                               "[a]",
                               "{a}",
                               ",",
                               "...",
                               "---",
                               "=",
                               "<<",
                               "line\nbreak",
                               "tab\there",
                               "\x01",
                               "ünïcode",
                               "^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?$",
                               "/",
                               "https://example.com/x"};
  for (const std::string& text : cases) {
    std::string document = "key: " + yaml_scalar(text) + "\n";
    YAML::Node parsed = YAML::Load(document);
    ASSERT_TRUE(parsed["key"].IsScalar()) << document;
    EXPECT_EQ(parsed["key"].Scalar(), text) << document;
  }
}

TEST(YamlScalar, LeavesOrdinaryStringsPlain) {
  EXPECT_EQ(yaml_scalar("PathPrefix"), "PathPrefix");
  EXPECT_EQ(yaml_scalar("^[a-z]+$"), "^[a-z]+$");
  EXPECT_EQ(yaml_scalar("gateway.networking.k8s.io/channel"), "gateway.networking.k8s.io/channel");
  EXPECT_EQ(yaml_scalar("https://example.com/pull/1"), "https://example.com/pull/1");
}

TEST(YamlScalar, QuotesWhatWouldReadAsSomethingElse) {
  EXPECT_EQ(yaml_scalar("True"), "'True'");
  EXPECT_EQ(yaml_scalar("80"), "'80'");
  EXPECT_EQ(yaml_scalar(""), "''");
  EXPECT_EQ(yaml_scalar("it's: here"), "'it''s: here'");
  EXPECT_EQ(yaml_scalar("a\nb"), "\"a\\nb\"");
}

TEST(EmitYaml, WritesBlockStyleWithSortedKeys) {
  YamlValue document;
  document.set("zeta", YamlValue::of_int(1));
  document.set("alpha", YamlValue::of_string("x"));
  YamlValue& list = document.set("list", YamlValue::empty_seq());
  list.push(YamlValue::of_string("a"));
  YamlValue item;
  item.set("name", YamlValue::of_string("item"));
  item.set("nested", YamlValue()).set("deep", YamlValue::of_bool(true));
  list.push(item);
  YamlValue inner = YamlValue::empty_seq();
  inner.push(YamlValue::of_int(2));
  list.push(inner);
  document.set("empty_map", YamlValue::empty_map());
  document.set("empty_seq", YamlValue::empty_seq());
  document.set("nothing", YamlValue::null());
  document.set("map", YamlValue()).set("key", YamlValue::of_number_text("1.5"));

  EXPECT_EQ(emit_yaml(document),
            "alpha: x\n"
            "empty_map: {}\n"
            "empty_seq: []\n"
            "list:\n"
            "- a\n"
            "- name: item\n"
            "  nested:\n"
            "    deep: true\n"
            "- - 2\n"
            "map:\n"
            "  key: 1.5\n"
            "nothing: null\n"
            "zeta: 1\n");
}

TEST(EmitYaml, OutputParsesBackToTheSameStructure) {
  YamlValue document;
  YamlValue& outer = document.set("outer", YamlValue::empty_seq());
  YamlValue entry;
  entry.set("k", YamlValue::of_string("True"));
  entry.set("list", YamlValue()).push(YamlValue::of_string("- x"));
  outer.push(entry);
  YAML::Node parsed = YAML::Load(emit_yaml(document));
  ASSERT_TRUE(parsed["outer"].IsSequence());
  EXPECT_EQ(parsed["outer"][0]["k"].Scalar(), "True");
  EXPECT_EQ(parsed["outer"][0]["k"].Tag(), "!");
  EXPECT_EQ(parsed["outer"][0]["list"][0].Scalar(), "- x");
}

}  // namespace
}  // namespace lintel::crdgen
