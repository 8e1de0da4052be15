#include "flags.h"

#include <algorithm>
#include <charconv>

namespace lintel::cmd {

std::optional<Flags> Flags::parse(int argc, char** argv, const std::vector<std::string>& known,
                                  const std::vector<std::string>& switches, std::string& error) {
  Flags flags;
  auto contains = [](const std::vector<std::string>& list, const std::string& name) {
    return std::find(list.begin(), list.end(), name) != list.end();
  };
  for (int i = 0; i < argc; ++i) {
    std::string arg = argv[i];
    // "-f" is kubectl's spelling of --filename; single-dash flags are accepted by name.
    if (arg.size() < 2 || arg[0] != '-') {
      error = "unexpected argument \"" + arg + "\"";
      return std::nullopt;
    }
    std::string name = arg.substr(arg.rfind("--", 0) == 0 ? 2 : 1);
    std::optional<std::string> value;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    if (contains(switches, name)) {
      flags.values_[name].push_back(value.value_or("true"));
      continue;
    }
    if (!contains(known, name)) {
      error = "unknown flag --" + name;
      return std::nullopt;
    }
    if (!value) {
      if (i + 1 >= argc) {
        error = "flag --" + name + " needs a value";
        return std::nullopt;
      }
      value = argv[++i];
    }
    flags.values_[name].push_back(*value);
  }
  return flags;
}

std::string Flags::get(const std::string& name, const std::string& fallback) const {
  auto it = values_.find(name);
  return it == values_.end() ? fallback : it->second.back();
}

std::vector<std::string> Flags::all(const std::string& name) const {
  auto it = values_.find(name);
  return it == values_.end() ? std::vector<std::string>{} : it->second;
}

bool Flags::get_int(const std::string& name, long fallback, long min, long max, long& out,
                    std::string& error) const {
  if (!has(name)) {
    out = fallback;
    return true;
  }
  std::string text = get(name);
  long value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || value < min || value > max) {
    error = "flag --" + name + ": \"" + text + "\" is not a whole number from " +
            std::to_string(min) + " to " + std::to_string(max);
    return false;
  }
  out = value;
  return true;
}

}  // namespace lintel::cmd
