#pragma once

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "value.h"

namespace lintel::conformance {

// The objects of a suite manifest file as upstream's suite applies them: every Gateway's
// gatewayClassName becomes the class under test, every GatewayClass's controllerName the
// controller of that class.
bool load_manifest(const std::filesystem::path& path, const std::string& gateway_class,
                   const std::string& controller, std::vector<Value>& objects, std::string& error);

// The class under test, as the runner applies it.
Value gateway_class_object(const std::string& name, const std::string& controller);

// Listener ports of the Gateways and ListenerSets among `objects`.
void collect_listener_ports(const std::vector<Value>& objects, std::set<int>& ports);

}  // namespace lintel::conformance
