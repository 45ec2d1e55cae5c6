#include "accord/sensitivity_study.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "accord/csv.hpp"
#include "accord/diagnostics.hpp"
#include "accord/sensitivity_complete.hpp"

namespace accord {

namespace {

// The columns of a points.csv, as numbers (a sensitivity run reads back its own points.csv).
std::vector<std::vector<double>> read_point_columns(const std::filesystem::path& path,
                                                    const std::vector<std::string>& names) {
    std::string error;
    int line = 0, column = 0;
    const auto table = parse_csv(read_file_bytes(path), error, line, column);
    if (!table || table->rows.empty()) throw std::runtime_error(fmt::format("cannot read '{}'", path.string()));
    std::vector<std::vector<double>> out(names.size());
    for (std::size_t n = 0; n < names.size(); ++n) {
        std::size_t c = 0;
        while (c < table->rows[0].size() && table->rows[0][c].text != names[n]) ++c;
        if (c == table->rows[0].size())
            throw std::runtime_error(fmt::format("'{}' has no column '{}'", path.string(), names[n]));
        for (std::size_t r = 1; r < table->rows.size(); ++r) {
            const std::string& text = table->rows[r][c].text;
            double v = std::nan("");
            std::from_chars(text.data(), text.data() + text.size(), v);
            out[n].push_back(v);
        }
    }
    return out;
}

}  // namespace

std::string method_name(SensitivityMethod method) {
    return method == SensitivityMethod::sobol ? "sobol" : "morris";
}

std::vector<std::vector<double>> unit_design(SensitivityMethod method, int d, long samples, std::uint64_t seed) {
    return method == SensitivityMethod::sobol
               ? saltelli_design(d, samples)
               : morris_design(d, static_cast<int>(samples), morris_levels, design_stream_seed(seed));
}

SensitivityStudy plan_sensitivity(const Scenario& s, SensitivityMethod method, std::optional<long> samples,
                                  std::uint64_t seed) {
    const auto& parameters = s.sweep->parameters;
    const int d = static_cast<int>(parameters.size());
    std::vector<double> lo, hi;
    for (const auto& p : parameters) {
        const double a = p.lo ? *p.lo : *std::min_element(p.values.begin(), p.values.end());
        const double b = p.hi ? *p.hi : *std::max_element(p.values.begin(), p.values.end());
        if (!(a < b))
            throw InputError(p.where.file.empty() ? Location{s.file, 0, 0} : p.where,
                             fmt::format("sweep parameter '{}' does not vary (its range is one value): it has "
                                         "no sensitivity to measure",
                                         p.name));
        lo.push_back(a);
        hi.push_back(b);
    }
    SensitivityStudy study;
    study.method = method;
    study.seed = seed;
    const bool sobol = method == SensitivityMethod::sobol;
    // sobol: N base samples (N(d+2) points); morris: r trajectories of d+1 points on a 4-level grid.
    study.samples = samples.value_or(s.sweep->samples > 1 ? s.sweep->samples : (sobol ? 256 : 20));
    study.unit = unit_design(method, d, study.samples, seed);
    for (const auto& u : study.unit) {
        DesignPoint point(static_cast<std::size_t>(d));
        for (std::size_t j = 0; j < point.size(); ++j)
            point[j] = clamp_param_value(parameters[j].path, lo[j] + u[j] * (hi[j] - lo[j]), s);
        study.design.push_back(point);
    }
    study.label = fmt::format("{}-{}", sobol ? "saltelli" : "morris", study.samples);
    return study;
}

std::vector<SensitivityRow> sensitivity_indices(const Scenario& s, const SensitivityStudy& study,
                                                const std::filesystem::path& points_csv,
                                                std::vector<OutputCoverage>* coverage) {
    // The outputs per design point: the probability of agreement and the mean terms; with a status
    // quo, after them, the mean outcome of each issue that has one and the mean terms of the deals.
    std::vector<std::string> outputs = {"agreed"};
    std::vector<std::string> columns = {"p_agree"};
    for (const auto& issue : s.issues) {
        outputs.push_back("terms." + issue.id);
        columns.push_back("terms." + issue.id + ".mean");
    }
    if (s.has_status_quo())
        for (const auto& issue : s.issues)
            if (issue.has_status_quo) {
                outputs.push_back("outcome." + issue.id);
                columns.push_back("outcome." + issue.id + ".mean");
            }
    const std::size_t first_if_agreed = outputs.size();
    if (s.has_status_quo()) {
        for (const auto& issue : s.issues) {
            outputs.push_back("terms_if_agreed." + issue.id);
            columns.push_back("terms_if_agreed." + issue.id + ".mean");
        }
    }
    const auto& parameters = s.sweep->parameters;
    const int d = static_cast<int>(parameters.size());
    const auto y = read_point_columns(points_csv, columns);
    std::vector<SensitivityRow> rows;
    for (std::size_t k = 0; k < outputs.size(); ++k) {
        const bool sobol = study.method == SensitivityMethod::sobol;
        // terms_if_agreed is empty at a point without a deal: its indices use the base samples
        // (trajectories) with a deal at every point, and are empty if too few are left.
        // The other outputs use the whole design, read in place (no copy of it: memory_budget.cpp).
        CompleteDesign part;
        const std::vector<double>* out = &y[k];
        const std::vector<std::vector<double>>* unit = &study.unit;
        long used = study.samples;
        if (k >= first_if_agreed) {
            part = sobol ? complete_sobol(y[k], d) : complete_morris(study.unit, y[k], d);
            if (coverage) coverage->push_back({outputs[k], part.points_without, part.used, part.units});
            out = &part.y;
            unit = &part.unit;
            used = part.used;
        }
        if (sobol) {
            const auto indices = used >= 2 ? sobol_indices(*out, d, study.seed)
                                           : std::vector<SobolIndices>(parameters.size());
            for (std::size_t j = 0; j < parameters.size(); ++j) {
                rows.push_back({outputs[k], parameters[j].name, "S1", indices[j].s1});
                rows.push_back({outputs[k], parameters[j].name, "ST", indices[j].st});
            }
        } else {
            const auto indices = used >= 1 ? morris_indices(*unit, *out, study.seed)
                                           : std::vector<MorrisIndices>(parameters.size());
            for (std::size_t j = 0; j < parameters.size(); ++j) {
                rows.push_back({outputs[k], parameters[j].name, "mu_star", indices[j].mu_star});
                rows.push_back({outputs[k], parameters[j].name, "sigma", indices[j].sigma});
            }
        }
    }
    return rows;
}

std::vector<SensitivityRow> wide_intervals(const std::vector<SensitivityRow>& rows) {
    std::vector<SensitivityRow> wide;
    for (const auto& r : rows) {
        const auto& e = r.estimate;
        if (!e.value || !e.ci_low || !e.ci_high || *e.ci_high - *e.ci_low <= std::abs(*e.value)) continue;
        // An interval inside (-0.0005, 0.0005), printed as 0.000 to 0.000, already says the index is
        // negligible: more samples would not change that reading, so it is not reported.
        if (std::max(std::abs(*e.ci_low), std::abs(*e.ci_high)) < 0.0005) continue;
        wide.push_back(r);
    }
    return wide;
}

std::vector<std::string> wide_interval_warnings(const std::vector<SensitivityRow>& rows) {
    std::vector<std::string> warnings;
    for (const auto& r : wide_intervals(rows))
        warnings.push_back(
            fmt::format("{} of {} for {} is {:.3f} but its 95% interval {:.3f} to {:.3f} is wider "
                        "than the index: raise --samples (or --runs, for a noisy output)",
                        r.index, r.parameter, r.output, *r.estimate.value, *r.estimate.ci_low, *r.estimate.ci_high));
    return warnings;
}

std::string sensitivity_csv(const SensitivityStudy& study, const std::vector<SensitivityRow>& rows) {
    std::string table = "method,output,parameter,index,value,ci_low,ci_high\n";
    for (const auto& r : rows)
        table += CsvRow()
                     .add(method_name(study.method))
                     .add(r.output)
                     .add(r.parameter)
                     .add(r.index)
                     .add_optional(r.estimate.value)
                     .add_optional(r.estimate.ci_low)
                     .add_optional(r.estimate.ci_high)
                     .line();
    return table;
}

std::vector<std::string> points_without_deal_notes(const SensitivityStudy& study,
                                                   const std::vector<OutputCoverage>& coverage) {
    const bool sobol = study.method == SensitivityMethod::sobol;
    const std::string unit = sobol ? "base samples" : "trajectories";
    std::vector<std::string> notes;
    for (const auto& c : coverage) {
        if (c.points_without == 0) continue;
        const std::string left =
            c.used >= (sobol ? 2 : 1)
                ? fmt::format("its indices use the {} of {} {} with a deal at every point", c.used, c.units, unit)
                : fmt::format("{} of {} {} have a deal at every point, too few: its indices are empty", c.used,
                              c.units, unit);
        notes.push_back(fmt::format("{}: {} of {} design points have no deal; {}", c.output, c.points_without,
                                    study.design.size(), left));
    }
    return notes;
}

}  // namespace accord
