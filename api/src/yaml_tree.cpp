#include "yaml_tree.h"

#include <yaml.h>

#include <map>

namespace lintel::api::detail {

namespace {

bool is_null_word(const std::string& s) {
  return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

// Owns a libyaml parser for the length of one parse.
class Parser {
 public:
  explicit Parser(std::string_view text) {
    yaml_parser_initialize(&parser_);
    yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(text.data()),
                                 text.size());
  }
  ~Parser() { yaml_parser_delete(&parser_); }
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;

  bool next(yaml_event_t& event) { return yaml_parser_parse(&parser_, &event) == 1; }
  std::string error() const {
    std::string message = parser_.problem ? parser_.problem : "invalid YAML";
    if (parser_.context) message = std::string(parser_.context) + ": " + message;
    return message;
  }
  int error_line() const {
    return static_cast<int>((parser_.problem ? parser_.problem_mark : parser_.context_mark).line) +
           1;
  }

 private:
  yaml_parser_t parser_;
};

class Event {
 public:
  Event() = default;
  ~Event() {
    if (filled_) yaml_event_delete(&event_);
  }
  Event(const Event&) = delete;
  Event& operator=(const Event&) = delete;
  yaml_event_t& get() { return event_; }
  void mark_filled() { filled_ = true; }

 private:
  yaml_event_t event_{};
  bool filled_ = false;
};

struct Frame {
  std::shared_ptr<YamlNode> node;
  std::string anchor;
  std::shared_ptr<const YamlNode> pending_key;  // mappings: a key waiting for its value
  std::uint64_t expanded = 1;
};

std::string anchor_of(const yaml_char_t* anchor) {
  return anchor ? reinterpret_cast<const char*>(anchor) : "";
}

}  // namespace

bool YamlNode::is_null() const {
  return kind == Kind::kScalar && plain && is_null_word(scalar);
}

YamlStream parse_yaml_stream(std::string_view text, const YamlLimits& limits) {
  YamlStream stream;
  Parser parser(text);
  std::vector<Frame> stack;
  std::map<std::string, std::pair<YamlNodePtr, std::uint64_t>> anchors;
  std::uint64_t document_nodes = 0;
  YamlNodePtr root;
  int document = 0;

  auto fail = [&](std::string message, int line) {
    stream.error = std::move(message);
    stream.error_line = line;
    stream.error_document = document;
  };
  // Places a finished node under its parent (or as the document root).
  auto attach = [&](YamlNodePtr node, std::uint64_t expanded) -> bool {
    document_nodes += expanded;
    if (document_nodes > limits.max_expanded_nodes) return false;
    if (stack.empty()) {
      root = std::move(node);
      return true;
    }
    Frame& parent = stack.back();
    parent.expanded += expanded;
    if (parent.node->kind == YamlNode::Kind::kSequence) {
      parent.node->items.push_back(std::move(node));
    } else if (!parent.pending_key) {
      parent.pending_key = std::move(node);
    } else {
      parent.node->entries.emplace_back(std::move(parent.pending_key), std::move(node));
      parent.pending_key.reset();
    }
    return true;
  };

  while (true) {
    Event event;
    if (!parser.next(event.get())) {
      fail("yaml: line " + std::to_string(parser.error_line()) + ": " + parser.error(),
           parser.error_line());
      return stream;
    }
    event.mark_filled();
    const yaml_event_t& e = event.get();
    int line = static_cast<int>(e.start_mark.line) + 1;
    switch (e.type) {
      case YAML_STREAM_END_EVENT:
        return stream;
      case YAML_DOCUMENT_START_EVENT:
        root.reset();
        anchors.clear();
        document_nodes = 0;
        break;
      case YAML_DOCUMENT_END_EVENT:
        if (!root) {
          auto empty = std::make_shared<YamlNode>();
          empty->plain = true;
          root = empty;
        }
        stream.documents.push_back(root);
        ++document;
        break;
      case YAML_SCALAR_EVENT: {
        auto node = std::make_shared<YamlNode>();
        node->scalar.assign(reinterpret_cast<const char*>(e.data.scalar.value),
                            e.data.scalar.length);
        // A plain scalar with an explicit tag ("!!str 42") is not resolved either.
        node->plain =
            e.data.scalar.style == YAML_PLAIN_SCALAR_STYLE && e.data.scalar.plain_implicit;
        node->line = line;
        std::string anchor = anchor_of(e.data.scalar.anchor);
        if (!anchor.empty()) anchors[anchor] = {node, 1};
        if (!attach(node, 1)) {
          fail("yaml: document contains excessive aliasing", line);
          return stream;
        }
        break;
      }
      case YAML_ALIAS_EVENT: {
        auto it = anchors.find(anchor_of(e.data.alias.anchor));
        if (it == anchors.end()) {
          fail("yaml: line " + std::to_string(line) + ": unknown anchor '" +
                   anchor_of(e.data.alias.anchor) + "' referenced",
               line);
          return stream;
        }
        if (!attach(it->second.first, it->second.second)) {
          fail("yaml: document contains excessive aliasing", line);
          return stream;
        }
        break;
      }
      case YAML_SEQUENCE_START_EVENT:
      case YAML_MAPPING_START_EVENT: {
        if (static_cast<int>(stack.size()) >= limits.max_depth) {
          fail("yaml: line " + std::to_string(line) + ": exceeded max depth of " +
                   std::to_string(limits.max_depth),
               line);
          return stream;
        }
        auto node = std::make_shared<YamlNode>();
        node->kind = e.type == YAML_SEQUENCE_START_EVENT ? YamlNode::Kind::kSequence
                                                         : YamlNode::Kind::kMapping;
        node->line = line;
        const yaml_char_t* anchor = e.type == YAML_SEQUENCE_START_EVENT
                                        ? e.data.sequence_start.anchor
                                        : e.data.mapping_start.anchor;
        stack.push_back(Frame{node, anchor_of(anchor), nullptr, 1});
        break;
      }
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT: {
        Frame frame = std::move(stack.back());
        stack.pop_back();
        if (!frame.anchor.empty()) anchors[frame.anchor] = {frame.node, frame.expanded};
        // The frame's nodes were counted as they were attached to it; count only itself here.
        document_nodes -= frame.expanded - 1;
        if (!attach(frame.node, frame.expanded)) {
          fail("yaml: document contains excessive aliasing", line);
          return stream;
        }
        break;
      }
      default:
        break;
    }
  }
}

namespace {

void append_flow(const YamlNode& node, std::string& out, size_t max_length) {
  if (out.size() > max_length) return;
  switch (node.kind) {
    case YamlNode::Kind::kScalar:
      if (node.plain) {
        out += node.scalar;
      } else {
        out += '"';
        for (char c : node.scalar) {
          if (c == '"' || c == '\\') out += '\\';
          out += c == '\n' ? ' ' : c;
        }
        out += '"';
      }
      return;
    case YamlNode::Kind::kSequence:
      out += '[';
      for (size_t i = 0; i < node.items.size(); ++i) {
        if (i) out += ", ";
        append_flow(*node.items[i], out, max_length);
      }
      out += ']';
      return;
    case YamlNode::Kind::kMapping:
      out += '{';
      for (size_t i = 0; i < node.entries.size(); ++i) {
        if (i) out += ", ";
        append_flow(*node.entries[i].first, out, max_length);
        out += ": ";
        append_flow(*node.entries[i].second, out, max_length);
      }
      out += '}';
      return;
  }
}

}  // namespace

std::string to_flow(const YamlNode& node, size_t max_length) {
  std::string out;
  append_flow(node, out, max_length);
  if (out.size() > max_length) out = out.substr(0, max_length) + "...";
  return out;
}

}  // namespace lintel::api::detail
