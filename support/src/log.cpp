#include "lintel/support/log.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <mutex>

#include "lintel/support/json_text.h"

namespace lintel::log {

namespace {

std::string timestamp() {
  auto now = std::chrono::system_clock::now();
  std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buffer[96];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                static_cast<int>(millis));
  return buffer;
}

void write(std::string_view level, std::string_view message, Fields fields) {
  std::string line =
      "{\"ts\":\"" + timestamp() + "\",\"level\":\"" + std::string(level) + "\",\"msg\":";
  support::append_json_string(line, message);
  for (const auto& [key, value] : fields) {
    line += ',';
    support::append_json_string(line, key);
    line += ':';
    support::append_json_string(line, value);
  }
  line += "}\n";
  // One write per line keeps lines whole when several threads log at once.
  static std::mutex mutex;
  std::lock_guard lock(mutex);
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
}

}  // namespace

void debug(std::string_view message, Fields fields) {
  static const bool enabled = [] {
    const char* setting = std::getenv("LINTEL_LOG");
    return setting != nullptr && std::string_view(setting) == "debug";
  }();
  if (enabled) write("debug", message, fields);
}
void info(std::string_view message, Fields fields) {
  write("info", message, fields);
}
void warn(std::string_view message, Fields fields) {
  write("warn", message, fields);
}
void error(std::string_view message, Fields fields) {
  write("error", message, fields);
}

}  // namespace lintel::log
