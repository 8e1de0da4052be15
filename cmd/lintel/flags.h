#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace lintel::cmd {

// Command-line flags in the two forms users type: `--name value` and `--name=value`. A flag may
// repeat (`--manifests a --manifests b`). Anything not starting with "--" is a positional word.
class Flags {
 public:
  // `known` lists the flags the command takes; `switches` those that take no value.
  static std::optional<Flags> parse(int argc, char** argv, const std::vector<std::string>& known,
                                    const std::vector<std::string>& switches, std::string& error);

  bool has(const std::string& name) const { return values_.count(name) > 0; }
  std::string get(const std::string& name, const std::string& fallback = "") const;
  std::vector<std::string> all(const std::string& name) const;
  // An integer flag within [min, max]; false with `error` set when it is not one.
  bool get_int(const std::string& name, long fallback, long min, long max, long& out,
               std::string& error) const;

 private:
  std::map<std::string, std::vector<std::string>> values_;
};

}  // namespace lintel::cmd
