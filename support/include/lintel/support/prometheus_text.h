#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lintel::support {

using MetricLabels = std::vector<std::pair<std::string_view, std::string_view>>;

// Writes Prometheus's text exposition format (version 0.0.4): each family's HELP and TYPE,
// then its samples, label values escaped. The caller keeps a family's samples together.
class PrometheusText {
 public:
  static constexpr const char* kContentType = "text/plain; version=0.0.4; charset=utf-8";

  // type: "counter", "gauge" or "histogram".
  void family(std::string_view name, std::string_view type, std::string_view help);
  void sample(std::string_view name, const MetricLabels& labels, double value);
  // A histogram's series under `name`: `counts` holds one count per bound in `bounds`
  // (observations <= bound and above the previous bound), then one for those above the last;
  // written cumulatively as _bucket{le=...}, then _sum and _count.
  void histogram(std::string_view name, const MetricLabels& labels, std::span<const double> bounds,
                 std::span<const std::uint64_t> counts, double sum);

  const std::string& text() const { return text_; }

 private:
  void series(std::string_view name, const MetricLabels& labels, std::string_view le = {});

  std::string text_;
};

}  // namespace lintel::support
