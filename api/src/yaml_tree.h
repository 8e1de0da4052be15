#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// The YAML front end: libyaml (the reference C parser, fuzzed continuously upstream) turns text
// into events, and this builds an immutable tree from them. yaml-cpp was dropped here after our
// fuzzer found a 1 KiB input that made it allocate without bound.
namespace lintel::api::detail {

struct YamlNode {
  enum class Kind { kScalar, kSequence, kMapping };
  Kind kind = Kind::kScalar;
  std::string scalar;
  // A plain (unquoted, untagged) scalar resolves by the core schema (null, bool, number);
  // quoted and block scalars are always strings.
  bool plain = false;
  int line = 0;                                        // 1-based
  std::vector<std::shared_ptr<const YamlNode>> items;  // sequence
  std::vector<std::pair<std::shared_ptr<const YamlNode>, std::shared_ptr<const YamlNode>>>
      entries;  // mapping

  bool is_null() const;
};

using YamlNodePtr = std::shared_ptr<const YamlNode>;

struct YamlStream {
  std::vector<YamlNodePtr> documents;  // an empty document is a null scalar
  // The first error stops the stream: documents before it are kept.
  std::optional<std::string> error;
  int error_document = 0;
  int error_line = 0;
};

struct YamlLimits {
  // Nesting deeper than this is refused (it is never legitimate, and deep trees cost stack).
  int max_depth = 256;
  // Nodes a document may expand to through aliases ("billion laughs").
  std::uint64_t max_expanded_nodes = 1'000'000;
};

YamlStream parse_yaml_stream(std::string_view text, const YamlLimits& limits = {});

// One-line flow rendering, as error messages quote a document.
std::string to_flow(const YamlNode& node, size_t max_length);

}  // namespace lintel::api::detail
