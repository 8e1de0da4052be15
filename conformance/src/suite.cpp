#include "suite.h"

#include <fstream>
#include <sstream>

#include "json_read.h"

namespace lintel::conformance {

namespace {

bool read_file(const std::filesystem::path& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream text;
  text << in.rdbuf();
  out = text.str();
  return true;
}

std::vector<std::string> strings_of(const Value& list) {
  std::vector<std::string> out;
  for (const auto& item : list.items()) out.push_back(item.text());
  return out;
}

std::string trim(std::string_view text) {
  const size_t start = text.find_first_not_of(" \t");
  if (start == std::string_view::npos) return "";
  const size_t end = text.find_last_not_of(" \t");
  return std::string(text.substr(start, end - start + 1));
}

std::vector<std::string> split(std::string_view text, char separator) {
  std::vector<std::string> out;
  size_t at = 0;
  while (at <= text.size()) {
    const size_t next = text.find(separator, at);
    out.push_back(trim(text.substr(at, next == std::string_view::npos ? next : next - at)));
    if (next == std::string_view::npos) break;
    at = next + 1;
  }
  return out;
}

// features.md's "## Profiles" table: | Profile | Core features | Extended features |.
std::vector<Profile> parse_profiles(const std::string& markdown) {
  std::vector<Profile> out;
  std::istringstream lines(markdown);
  std::string line;
  bool in_section = false;
  while (std::getline(lines, line)) {
    if (line.rfind("## ", 0) == 0) {
      in_section = line == "## Profiles";
      continue;
    }
    if (!in_section || line.rfind("| ", 0) != 0) continue;
    auto cells = split(line, '|');
    if (cells.size() < 5) continue;
    const std::string& name = cells[1];
    if (name.rfind("GATEWAY-", 0) != 0 && name.rfind("MESH-", 0) != 0) continue;
    Profile profile{name, split(cells[2], ','), split(cells[3], ',')};
    out.push_back(std::move(profile));
  }
  return out;
}

}  // namespace

const Profile* Suite::profile(std::string_view name) const {
  for (const auto& candidate : profiles) {
    if (candidate.name == name) return &candidate;
  }
  return nullptr;
}

bool load_suite(const std::filesystem::path& dir, Suite& out, std::string& error) {
  out.dir = dir;
  std::string text;
  if (!read_file(dir / "cases.json", text)) {
    error = "cannot read " + (dir / "cases.json").string();
    return false;
  }
  out.root = std::make_unique<Value>();
  if (!parse_json(text, *out.root, error)) {
    error = (dir / "cases.json").string() + ": " + error;
    return false;
  }
  out.gateway_api_version = (*out.root)["upstream"].str("tag");
  for (const auto& item : (*out.root)["cases"].items()) {
    Case entry;
    entry.name = item.str("name");
    entry.description = item.str("description");
    entry.suite = item.str("suite");
    entry.features = strings_of(item["features"]);
    entry.manifests = strings_of(item["manifests"]);
    entry.provisional = item["provisional"].as_bool();
    for (const auto& [profile, level] : item["profiles"].entries())
      entry.profiles[profile] = level.text();
    entry.checks = item.find("checks");
    out.cases.push_back(std::move(entry));
  }
  std::string markdown;
  if (!read_file(dir / "features.md", markdown)) {
    error = "cannot read " + (dir / "features.md").string();
    return false;
  }
  out.profiles = parse_profiles(markdown);
  if (out.cases.empty() || out.profiles.empty()) {
    error = "no cases or no profiles found under " + dir.string();
    return false;
  }
  return true;
}

}  // namespace lintel::conformance
