#include "filters/header_modifier.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace lintel::dataplane::filters {
namespace {

namespace sv1 = snapshot::v1;

void add_entry(google::protobuf::RepeatedPtrField<sv1::HeaderValue>* list, const std::string& name,
               const std::string& value) {
  auto* header = list->Add();
  header->set_name(name);
  header->set_value(value);
}

std::vector<std::string> values(const http::fields& fields, const std::string& name) {
  std::vector<std::string> out;
  const auto range = fields.equal_range(name);
  for (auto it = range.first; it != range.second; ++it) out.emplace_back(it->value());
  return out;
}

using Values = std::vector<std::string>;

// The examples of Gateway API's HTTPHeaderFilter documentation.
TEST(HeaderModifier, SetReplacesTheValue) {
  sv1::HeaderModifier spec;
  add_entry(spec.mutable_set(), "my-header", "bar");
  http::fields fields;
  fields.insert("my-header", "foo");
  HeaderModifier::compile(spec).apply(fields);
  EXPECT_EQ(values(fields, "my-header"), Values{"bar"});
}

TEST(HeaderModifier, AddAppendsToTheValues) {
  sv1::HeaderModifier spec;
  add_entry(spec.mutable_add(), "my-header", "bar,baz");
  http::fields fields;
  fields.insert("my-header", "foo");
  HeaderModifier::compile(spec).apply(fields);
  EXPECT_EQ(values(fields, "my-header"), Values{"foo,bar,baz"});
}

TEST(HeaderModifier, RemoveDropsTheNamedHeaders) {
  sv1::HeaderModifier spec;
  spec.add_remove("my-header1");
  spec.add_remove("my-header3");
  http::fields fields;
  fields.insert("my-header1", "foo");
  fields.insert("my-header2", "bar");
  fields.insert("my-header3", "baz");
  HeaderModifier::compile(spec).apply(fields);
  EXPECT_TRUE(values(fields, "my-header1").empty());
  EXPECT_EQ(values(fields, "my-header2"), Values{"bar"});
  EXPECT_TRUE(values(fields, "my-header3").empty());
}

TEST(HeaderModifier, NamesAreCaseInsensitiveAndEveryLineCounts) {
  sv1::HeaderModifier spec;
  add_entry(spec.mutable_set(), "X-Header-Set", "header-set");
  add_entry(spec.mutable_add(), "X-Header-Add", "header-add");
  spec.add_remove("X-Header-Remove");
  http::fields fields;
  fields.insert("x-header-set", "one");
  fields.insert("X-HEADER-SET", "two");
  fields.insert("x-header-add", "a");
  fields.insert("x-header-add", "b");
  fields.insert("x-header-remove", "gone");
  fields.insert("X-Header-REMOVE", "gone too");
  HeaderModifier::compile(spec).apply(fields);
  EXPECT_EQ(values(fields, "x-header-set"), Values{"header-set"});
  EXPECT_EQ(values(fields, "x-header-add"), Values{"a,b,header-add"});
  EXPECT_TRUE(values(fields, "x-header-remove").empty());
}

TEST(HeaderModifier, AddToAnAbsentHeaderCreatesIt) {
  sv1::HeaderModifier spec;
  add_entry(spec.mutable_add(), "x-lowercase-add", "lowercase-add");
  add_entry(spec.mutable_add(), "X-UPPERCASE-ADD", "uppercase-add");
  http::fields fields;
  HeaderModifier::compile(spec).apply(fields);
  EXPECT_EQ(values(fields, "X-Lowercase-Add"), Values{"lowercase-add"});
  EXPECT_EQ(values(fields, "x-uppercase-add"), Values{"uppercase-add"});
}

TEST(HeaderModifier, SetCookieIsAddedOnALineOfItsOwn) {
  sv1::HeaderModifier spec;
  add_entry(spec.mutable_add(), "Set-Cookie", "b=2");
  http::fields fields;
  fields.insert("set-cookie", "a=1; Path=/");
  HeaderModifier::compile(spec).apply(fields);
  EXPECT_EQ(values(fields, "Set-Cookie"), (Values{"a=1; Path=/", "b=2"}));
}

TEST(HeaderModifier, TheFirstOfEntriesNamingOneHeaderWins) {
  sv1::HeaderModifier spec;
  add_entry(spec.mutable_set(), "X-Dup", "first");
  add_entry(spec.mutable_set(), "x-dup", "second");
  http::fields fields;
  HeaderModifier::compile(spec).apply(fields);
  EXPECT_EQ(values(fields, "X-Dup"), Values{"first"});
}

TEST(HeaderModifier, EntriesThatCannotBeSentSafelyAreIgnored) {
  sv1::HeaderModifier spec;
  add_entry(spec.mutable_set(), "Content-Length", "0");
  add_entry(spec.mutable_set(), "transfer-encoding", "chunked");
  add_entry(spec.mutable_add(), "Connection", "close");
  add_entry(spec.mutable_set(), "Bad Name", "x");
  add_entry(spec.mutable_set(), "X-Injected", "a\r\nX-Evil: 1");
  spec.add_remove("Upgrade");
  const auto modifier = HeaderModifier::compile(spec);
  EXPECT_TRUE(modifier.empty());
  http::fields fields;
  fields.insert("Content-Length", "5");
  fields.insert("Upgrade", "websocket");
  modifier.apply(fields);
  EXPECT_EQ(values(fields, "Content-Length"), Values{"5"});
  EXPECT_EQ(values(fields, "Upgrade"), Values{"websocket"});
  EXPECT_TRUE(values(fields, "X-Injected").empty());
}

TEST(HeaderModifier, AnEmptySpecChangesNothing) {
  const auto modifier = HeaderModifier::compile(sv1::HeaderModifier());
  EXPECT_TRUE(modifier.empty());
  http::fields fields;
  fields.insert("Keep", "me");
  modifier.apply(fields);
  EXPECT_EQ(values(fields, "Keep"), Values{"me"});
}

}  // namespace
}  // namespace lintel::dataplane::filters
