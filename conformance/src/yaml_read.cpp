#include "yaml_read.h"

#include <yaml.h>

#include <map>
#include <memory>

namespace lintel::conformance {

namespace {

class EventReader {
 public:
  explicit EventReader(std::string_view text) {
    yaml_parser_initialize(&parser_);
    yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(text.data()),
                                 text.size());
  }
  ~EventReader() {
    if (has_event_) yaml_event_delete(&event_);
    yaml_parser_delete(&parser_);
  }
  EventReader(const EventReader&) = delete;
  EventReader& operator=(const EventReader&) = delete;

  bool stream(std::vector<Value>& documents, std::string& error) {
    while (true) {
      if (!next(error)) return false;
      if (event_.type == YAML_STREAM_END_EVENT) return true;
      if (event_.type != YAML_DOCUMENT_START_EVENT) continue;
      if (!next(error)) return false;
      Value document;
      if (!node(document, error)) return false;
      if (!next(error)) return false;  // DOCUMENT_END
      if (!document.is_null()) documents.push_back(std::move(document));
      anchors_.clear();
    }
  }

 private:
  bool next(std::string& error) {
    if (has_event_) yaml_event_delete(&event_);
    has_event_ = yaml_parser_parse(&parser_, &event_) != 0;
    if (!has_event_) {
      error = "line " + std::to_string(parser_.problem_mark.line + 1) + ": " +
              (parser_.problem ? parser_.problem : "malformed YAML");
      return false;
    }
    return true;
  }

  static std::string anchor_of(const yaml_char_t* anchor) {
    return anchor ? reinterpret_cast<const char*>(anchor) : "";
  }

  // Reads the node starting at the current event; leaves its last event current.
  bool node(Value& out, std::string& error) {
    switch (event_.type) {
      case YAML_SCALAR_EVENT: {
        std::string text(reinterpret_cast<const char*>(event_.data.scalar.value),
                         event_.data.scalar.length);
        out = event_.data.scalar.style == YAML_PLAIN_SCALAR_STYLE ? Value::plain(std::move(text))
                                                                  : Value::string(std::move(text));
        remember(anchor_of(event_.data.scalar.anchor), out);
        return true;
      }
      case YAML_ALIAS_EVENT: {
        auto found = anchors_.find(anchor_of(event_.data.alias.anchor));
        if (found == anchors_.end()) {
          error = "unknown alias";
          return false;
        }
        out = found->second;
        return true;
      }
      case YAML_SEQUENCE_START_EVENT: {
        const std::string anchor = anchor_of(event_.data.sequence_start.anchor);
        out = Value::list();
        while (true) {
          if (!next(error)) return false;
          if (event_.type == YAML_SEQUENCE_END_EVENT) break;
          Value item;
          if (!node(item, error)) return false;
          out.push(std::move(item));
        }
        remember(anchor, out);
        return true;
      }
      case YAML_MAPPING_START_EVENT: {
        const std::string anchor = anchor_of(event_.data.mapping_start.anchor);
        out = Value::map();
        while (true) {
          if (!next(error)) return false;
          if (event_.type == YAML_MAPPING_END_EVENT) break;
          Value key;
          if (!node(key, error)) return false;
          if (!next(error)) return false;
          Value item;
          if (!node(item, error)) return false;
          out.set(key.text(), std::move(item));
        }
        remember(anchor, out);
        return true;
      }
      default:
        error = "unexpected YAML event";
        return false;
    }
  }

  void remember(const std::string& anchor, const Value& value) {
    if (!anchor.empty()) anchors_[anchor] = value;
  }

  yaml_parser_t parser_;
  yaml_event_t event_;
  bool has_event_ = false;
  std::map<std::string, Value> anchors_;
};

}  // namespace

bool parse_yaml_documents(std::string_view text, std::vector<Value>& documents,
                          std::string& error) {
  return EventReader(text).stream(documents, error);
}

}  // namespace lintel::conformance
