#include "lintel/support/prometheus_text.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace lintel::support {

namespace {

// Integers as integers; others in the shortest %g form that reads back as the same double
// (0.1 stays "0.1", bucket bounds stay readable).
void append_number(std::string& out, double value) {
  if (std::isnan(value)) {
    out += "NaN";
  } else if (std::isinf(value)) {
    out += value > 0 ? "+Inf" : "-Inf";
  } else {
    char buffer[32];
    if (value == std::floor(value) && std::fabs(value) < 1e15) {
      std::snprintf(buffer, sizeof buffer, "%.0f", value);
    } else {
      std::snprintf(buffer, sizeof buffer, "%.15g", value);
      if (std::strtod(buffer, nullptr) != value)
        std::snprintf(buffer, sizeof buffer, "%.17g", value);
    }
    out += buffer;
  }
}

void append_escaped(std::string& out, std::string_view text, bool quotes) {
  for (char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '"' && quotes) {
      out += "\\\"";
    } else {
      out += c;
    }
  }
}

}  // namespace

void PrometheusText::family(std::string_view name, std::string_view type, std::string_view help) {
  text_ += "# HELP ";
  text_ += name;
  text_ += ' ';
  append_escaped(text_, help, false);
  text_ += "\n# TYPE ";
  text_ += name;
  text_ += ' ';
  text_ += type;
  text_ += '\n';
}

void PrometheusText::series(std::string_view name, const MetricLabels& labels,
                            std::string_view le) {
  text_ += name;
  if (labels.empty() && le.empty()) return;
  text_ += '{';
  bool first = true;
  for (const auto& [label, value] : labels) {
    if (!first) text_ += ',';
    first = false;
    text_ += label;
    text_ += "=\"";
    append_escaped(text_, value, true);
    text_ += '"';
  }
  if (!le.empty()) {
    if (!first) text_ += ',';
    text_ += "le=\"";
    text_ += le;
    text_ += '"';
  }
  text_ += '}';
}

void PrometheusText::sample(std::string_view name, const MetricLabels& labels, double value) {
  series(name, labels);
  text_ += ' ';
  append_number(text_, value);
  text_ += '\n';
}

void PrometheusText::histogram(std::string_view name, const MetricLabels& labels,
                               std::span<const double> bounds,
                               std::span<const std::uint64_t> counts, double sum) {
  const std::string bucket = std::string(name) + "_bucket";
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i <= bounds.size(); ++i) {
    cumulative += i < counts.size() ? counts[i] : 0;
    std::string le;
    if (i < bounds.size()) {
      append_number(le, bounds[i]);
    } else {
      le = "+Inf";
    }
    series(bucket, labels, le);
    text_ += ' ';
    append_number(text_, static_cast<double>(cumulative));
    text_ += '\n';
  }
  sample(std::string(name) + "_sum", labels, sum);
  sample(std::string(name) + "_count", labels, static_cast<double>(cumulative));
}

}  // namespace lintel::support
