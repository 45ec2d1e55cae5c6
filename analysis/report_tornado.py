"""The ranked tornado of a sensitivity analysis for the briefing report (docs/report.md): one bar per
parameter, longest first, of its total Sobol index (ST) or Morris mu*, for each output; a row of panels per
kind of output (plot.output_rows)."""
import matplotlib.pyplot as plt

from plot import LEGEND, legend_axis, output_rows, suptitle, wrap


def ranked(table, output, index):
    rows = table[(table["output"] == output) & (table["index"] == index)].copy()
    rows["value"] = rows["value"].fillna(0)
    return rows.sort_values("value", ascending=False)


def figure_tornado(results):
    table = results.csv("sensitivity.csv")
    if table is None or table.empty:
        return None
    method = table["method"].iloc[0]
    index = "ST" if method == "sobol" else "mu_star"
    rows_of_outputs = output_rows(list(dict.fromkeys(table["output"])))
    columns = max(len(row) for row in rows_of_outputs)
    parameters = table["parameter"].nunique()
    names = results.names
    fig = plt.figure(figsize=(4.4 * columns + 1.8, (1.6 + 0.5 * parameters) * len(rows_of_outputs)))
    grid = fig.add_gridspec(len(rows_of_outputs), columns + 1, width_ratios=[4.4] * columns + [1.8])
    for r, i, output in ((r, i, output) for r, row in enumerate(rows_of_outputs) for i, output in enumerate(row)):
        ax = fig.add_subplot(grid[r, i])
        rows = ranked(table, output, index)
        error = None
        if rows["ci_low"].notna().any():
            error = [(rows["value"] - rows["ci_low"]).fillna(0).clip(lower=0),
                     (rows["ci_high"] - rows["value"]).fillna(0).clip(lower=0)]
        ax.barh(range(len(rows)), rows["value"], xerr=error, capsize=3, color="steelblue",
                label="total index ST" if method == "sobol" else "mu*: mean absolute effect")
        ax.set_yticks(range(len(rows)))
        ax.set_yticklabels([wrap(names.parameter(p), 28) for p in rows["parameter"]], fontsize=8)
        ax.invert_yaxis()
        ax.axvline(0, color="black", linewidth=0.8)
        ax.set_title(wrap(names.quantity(output), 40), fontsize=9)
        ax.set_xlabel("share of variance" if method == "sobol" else "effect over the parameter's range")
        ax.grid(alpha=0.3, axis="x")
    handles, labels = fig.axes[0].get_legend_handles_labels()
    legend_axis(fig, grid[0, -1]).legend(handles, labels, title="95% bootstrap intervals" if method == "sobol"
                                         else None, **LEGEND)
    suptitle(fig, results, "parameters ranked by influence, most influential first")
    fig.tight_layout()
    return fig
