"""The picture of a sweep (`accord sweep`, `accord merge`): sweep.png of analysis/plot.py and the sweep view of the
briefing report (docs/report.md) are this one drawing.

- One swept parameter on a grid: curves over the parameter with shaded 95% bands, the probability of agreement
  (its Wilson interval, points.csv `p_agree_low`, `p_agree_high`) and below it the mean terms on each issue
  (mean +- 1.96 sd / sqrt(runs), the interval summary.csv gives a mean): the terms of the point's deals
  (`terms_if_agreed`, n = `agreed_runs`) when points.csv has them (a scenario with a status quo), else over every run.
- Two swept parameters on a grid: a heatmap of the probability of agreement over the two parameters, named in
  words on the axes, beside a heatmap of the half-width of its 95% interval; with few cells, each cell is
  annotated with its value.
- Any other design (random, lhs, sobol, or more than two parameters): one panel per parameter, each design point
  with its 95% interval.
"""
import math

import matplotlib.pyplot as plt

from plot import LEGEND, legend_axis, suptitle, wrap

ANNOTATED_CELLS = 60  # up to this many cells a heatmap prints each cell's value


def sweep_parameters(points):
    return list(points.columns[1:points.columns.get_loc("runs")])


def issues_of(points):
    return [c[len("terms."):-len(".mean")] for c in points.columns if c.startswith("terms.") and c.endswith(".mean")]


def band(ax, x, mean, low, high, color, label):
    """A curve with markers and its shaded interval (fill_between): the band of a one-parameter sweep."""
    ax.fill_between(x, low, high, color=color, alpha=0.25, linewidth=0, label=f"{label}: 95% interval")
    ax.plot(x, mean, color=color, marker="o", markersize=4, linewidth=1.6, label=label)


def figure_curve(results, points, parameter):
    """One parameter: the probability of agreement, then the mean terms of each issue, each with its band."""
    names = results.names
    rows = points.sort_values(parameter)
    x = rows[parameter].astype(float)
    issues = issues_of(points)
    fig = plt.figure(figsize=(11, 3.4 + 2.2 * len(issues)))
    grid = fig.add_gridspec(1 + len(issues), 2, width_ratios=[4, 1.5], height_ratios=[3.2] + [2.2] * len(issues))
    ax = fig.add_subplot(grid[0, 0])
    band(ax, x, rows["p_agree"], rows["p_agree_low"], rows["p_agree_high"], "green", "probability of agreement")
    ax.set_ylabel("probability of agreement")
    ax.set_ylim(-0.02, 1.02)
    ax.grid(alpha=0.3)
    axes = [ax]
    # With a status quo, points.csv has the terms of each point's deals (terms_if_agreed, n = agreed_runs): those
    # are drawn, not the mean over every run, which mixes the deals with failed runs' leftover texts.
    deals = all(f"terms_if_agreed.{issue}.mean" in rows.columns for issue in issues) and "agreed_runs" in rows.columns
    what = "mean terms of the deals" if deals else "mean terms"
    for k, issue in enumerate(issues):
        sub = fig.add_subplot(grid[1 + k, 0], sharex=ax)
        column = f"terms_if_agreed.{issue}" if deals else f"terms.{issue}"
        mean, sd = rows[f"{column}.mean"].astype(float), rows[f"{column}.sd"].astype(float)
        n = rows["agreed_runs" if deals else "runs"].astype(float)
        half = 1.96 * sd / n.map(math.sqrt)
        band(sub, x, mean, mean - half, mean + half, plt.cm.tab10(k), what)
        sub.set_ylabel(wrap(f"{what} on {names.issue(issue)}", 24), fontsize=8.5)
        sub.grid(alpha=0.3)
        axes.append(sub)
    for upper in axes[:-1]:
        upper.tick_params(labelbottom=False)
    axes[-1].set_xlabel(wrap(names.parameter(parameter), 60))
    handles, labels = ax.get_legend_handles_labels()
    if len(axes) > 1:
        more = axes[1].get_legend_handles_labels()
        handles, labels = handles + more[0], labels + [f"{what}: 95% interval", f"{what} (a panel per issue)"]
    legend_axis(fig, grid[:, 1]).legend(handles, labels, **LEGEND)
    return fig


def heatmap(fig, ax, table, values, label, vmax, cmap, fmt):
    """An image of `values` (rows: the second parameter, columns: the first) with a colour bar; cells annotated
    when there are few."""
    image = ax.imshow(values, origin="lower", aspect="auto", vmin=0, vmax=vmax, cmap=cmap)
    fig.colorbar(image, ax=ax, fraction=0.05, pad=0.03).set_label(label, fontsize=8.5)
    ax.set_xticks(range(len(table.columns)))
    ax.set_xticklabels([f"{v:g}" for v in table.columns], fontsize=8, rotation=45 if len(table.columns) > 8 else 0)
    ax.set_yticks(range(len(table.index)))
    ax.set_yticklabels([f"{v:g}" for v in table.index], fontsize=8)
    if values.size <= ANNOTATED_CELLS:
        for (i, j), value in _cells(values):
            red, green, blue, _ = image.cmap(image.norm(value))
            dark = 0.299 * red + 0.587 * green + 0.114 * blue < 0.5  # the cell's luminance
            ax.text(j, i, fmt.format(value), ha="center", va="center", fontsize=7.5, color="white" if dark else "black")


def _cells(values):
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            if not math.isnan(values[i, j]):
                yield (i, j), values[i, j]


def figure_heatmap(results, points, first, second):
    """Two parameters on a grid: the probability of agreement and the half-width of its 95% interval."""
    names = results.names
    table = points.pivot_table(index=second, columns=first, values="p_agree", aggfunc="mean")
    half = ((points["p_agree_high"] - points["p_agree_low"]) / 2).rename("half")
    widths = points.assign(half=half).pivot_table(index=second, columns=first, values="half", aggfunc="mean")
    fig, (left, right) = plt.subplots(1, 2, figsize=(12.5, 5.2), gridspec_kw={"width_ratios": [1.25, 1]})
    heatmap(fig, left, table, table.to_numpy(dtype=float), "probability of agreement", 1, "viridis", "{:.2f}")
    left.set_title("probability of agreement", fontsize=10)
    largest = max(float(widths.max().max()), 1e-9)
    heatmap(fig, right, widths, widths.to_numpy(dtype=float), "half-width of the 95% interval", largest, "Oranges",
            "±{:.2f}")
    right.set_title("its 95% interval: plus or minus", fontsize=10)
    for ax in (left, right):
        ax.set_xlabel(wrap(names.parameter(first), 50))
        ax.set_ylabel(wrap(names.parameter(second), 40))
    return fig


def figure_points(results, points, parameters):
    """Any other design: one panel per parameter, each design point with its 95% interval."""
    names = results.names
    fig, axes = plt.subplots(1, len(parameters), figsize=(3.6 * len(parameters) + 1, 4.2), squeeze=False,
                             sharey=True)
    for ax, parameter in zip(axes[0], parameters):
        ax.errorbar(points[parameter], points["p_agree"],
                    yerr=[points["p_agree"] - points["p_agree_low"], points["p_agree_high"] - points["p_agree"]],
                    fmt="o", markersize=3, alpha=0.6, color="steelblue", elinewidth=0.8)
        ax.set_xlabel(wrap(names.parameter(parameter), 32), fontsize=9)
        ax.grid(alpha=0.3)
    axes[0, 0].set_ylabel("probability of agreement\nat each design point (95% interval)")
    axes[0, 0].set_ylim(-0.02, 1.02)
    return fig


def figure_sweep(results):
    """The sweep's picture (module docstring), or None without a points.csv."""
    points = results.csv("points.csv")
    if points is None or points.empty or "runs" not in points.columns:
        return None
    parameters = sweep_parameters(points)
    if not parameters:
        return None
    design = results.manifest.get("design", "grid")
    if design == "grid" and len(parameters) == 1:
        fig = figure_curve(results, points, parameters[0])
    elif design == "grid" and len(parameters) == 2:
        fig = figure_heatmap(results, points, parameters[0], parameters[1])
    else:
        fig = figure_points(results, points, parameters)
    replications = int(points["runs"].iloc[0])
    suptitle(fig, results, f"probability of agreement over {len(points)} design points "
                           f"({design} design, {replications} runs each)")
    fig.tight_layout()
    return fig
