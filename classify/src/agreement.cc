#include "framescope/classify/agreement.h"

#include <cmath>
#include <limits>
#include <set>

namespace framescope::classify {

double KrippendorffAlphaNominal(const std::vector<std::vector<std::string>>& units) {
  // Coincidence matrix: every ordered pair of values within a unit, weighted 1/(m_u - 1).
  std::map<std::pair<std::string, std::string>, double> o;
  std::map<std::string, double> n_c;
  double n = 0;
  for (const auto& unit : units) {
    std::vector<const std::string*> values;
    for (const auto& v : unit) {
      if (!v.empty()) values.push_back(&v);
    }
    const std::size_t m = values.size();
    if (m < 2) continue;
    const double w = 1.0 / static_cast<double>(m - 1);
    for (std::size_t i = 0; i < m; ++i) {
      for (std::size_t j = 0; j < m; ++j) {
        if (i == j) continue;
        o[{*values[i], *values[j]}] += w;
      }
      n_c[*values[i]] += 1;
    }
    n += static_cast<double>(m);
  }
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (n < 2) return nan;
  double observed = 0;  // sum of off-diagonal coincidences
  for (const auto& [pair, count] : o) {
    if (pair.first != pair.second) observed += count;
  }
  double expected = 0;  // sum over c != k of n_c * n_k
  for (const auto& [c, nc] : n_c) {
    for (const auto& [k, nk] : n_c) {
      if (c != k) expected += nc * nk;
    }
  }
  if (expected == 0) return nan;
  return 1.0 - (n - 1) * observed / expected;
}

double CohenKappa(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::map<std::string, double> pa, pb;
  double agree = 0, total = 0;
  for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i) {
    if (a[i].empty() || b[i].empty()) continue;
    pa[a[i]] += 1;
    pb[b[i]] += 1;
    if (a[i] == b[i]) agree += 1;
    total += 1;
  }
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (total == 0) return nan;
  double pe = 0;
  for (const auto& [label, count] : pa) {
    auto it = pb.find(label);
    if (it != pb.end()) pe += (count / total) * (it->second / total);
  }
  if (pe >= 1.0) return nan;
  return (agree / total - pe) / (1.0 - pe);
}

Result<Agreement> ComputeAgreement(
    const std::vector<std::map<std::string, std::string>>& coder_labels) {
  if (coder_labels.size() < 2) {
    return Fail(ErrorCode::kInvalidInput, "agreement needs at least two coders");
  }
  std::set<std::string> ids;
  for (const auto& coder : coder_labels) {
    for (const auto& [id, label] : coder) ids.insert(id);
  }
  std::vector<std::vector<std::string>> units;
  Agreement out;
  for (const auto& id : ids) {
    std::vector<std::string> values;
    std::size_t coded = 0;
    for (const auto& coder : coder_labels) {
      auto it = coder.find(id);
      values.push_back(it == coder.end() ? std::string() : it->second);
      if (!values.back().empty()) ++coded;
    }
    if (coded >= 2) ++out.units;
    units.push_back(std::move(values));
  }
  if (out.units == 0) {
    return Fail(ErrorCode::kInvalidInput, "no unit was coded by two or more coders");
  }
  out.krippendorff_alpha = KrippendorffAlphaNominal(units);
  if (std::isnan(out.krippendorff_alpha)) {
    return Fail(ErrorCode::kInvalidInput,
                "agreement is undefined: every coder used one and the same label");
  }
  if (coder_labels.size() == 2) {
    std::vector<std::string> a, b;
    for (const auto& u : units) {
      a.push_back(u[0]);
      b.push_back(u[1]);
    }
    double k = CohenKappa(a, b);
    if (!std::isnan(k)) out.cohen_kappa = k;
  }
  return out;
}

}  // namespace framescope::classify
