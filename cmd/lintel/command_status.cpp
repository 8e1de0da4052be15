#include <google/protobuf/util/json_util.h>

#include <cstdio>
#include <string>

#include "admin_client.h"
#include "commands.h"
#include "flags.h"
#include "status_table.h"

namespace lintel::cmd {

// Prints the status of the objects a running `lintel run` is responsible for, read from its
// admin port's /status, as `kubectl get` would.
int run_status(int argc, char** argv) {
  std::string error;
  auto flags = Flags::parse(argc, argv, {"admin"}, {}, error);
  if (!flags) {
    std::fprintf(stderr, "lintel status: %s\n", error.c_str());
    return 2;
  }
  std::string body;
  if (!admin_get(flags->get("admin", "127.0.0.1:9901"), "/status", body, error)) {
    std::fprintf(stderr, "lintel status: %s\n", error.c_str());
    return 1;
  }
  google::protobuf::Struct document;
  if (!google::protobuf::util::JsonStringToMessage(body, &document).ok()) {
    std::fprintf(stderr, "lintel status: /status is not JSON\n");
    return 1;
  }
  std::string tables = status_tables(document, std::chrono::system_clock::now());
  std::fputs(tables.empty() ? "No Gateway API objects.\n" : tables.c_str(), stdout);
  return 0;
}

}  // namespace lintel::cmd
