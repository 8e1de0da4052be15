#pragma once

#include <string>
#include <string_view>
#include <vector>

// Every ingress-nginx annotation Lintel knows, and what it does with each: the one source for the
// notes of the conversion and for the table in conversion/ANNOTATIONS.md.
namespace lintel::conversion::annotations {

inline constexpr std::string_view kNginxPrefix = "nginx.ingress.kubernetes.io/";

enum class Handling {
  kConverted,      // converted by code in this module, exactly in the common case
  kApproximated,   // converted by code in this module, with a difference the note states
  kCanary,         // read with its canary Ingress and merged into the main Ingress's routes
  kPolicyPending,  // needs a Lintel policy (issue 9) that does not exist yet: validated, reported
  kUnsupported,    // no Lintel equivalent: reported, with what to do instead
  kSnippet,        // nginx configuration text: never executed (a security boundary), reported
  kNginxTuning,    // tunes nginx's own machinery; Lintel's proxy has no such knob: reported
};

struct AnnotationInfo {
  std::string_view name;  // without the prefix: "rewrite-target"
  Handling handling;
  std::string_view what;  // what Lintel does with it, or why not and what to do instead
};

const std::vector<AnnotationInfo>& annotation_catalog();
// The entry of a name without the prefix, or nullptr.
const AnnotationInfo* find_annotation(std::string_view name);
std::string_view handling_label(Handling handling);

// conversion/ANNOTATIONS.md's table, rendered from the catalog.
std::string annotation_table_markdown();

}  // namespace lintel::conversion::annotations
