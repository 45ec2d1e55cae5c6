#!/usr/bin/env python3
"""Draw the pictures of an accord result directory as PNG files into that directory.

    python3 analysis/plot.py DIR [--run N]

Works from any directory: the scenario named in DIR/manifest.json is found as analysis/results.py says,
and gives the pictures their title and the issues, actors and parameters their names.

- `accord run`: trajectories.png (each actor's position on each issue over the rounds of run N, default
  the first recorded run, with the proposed terms, the scenario's numbered events and the round of
  agreement), terms.png (the terms of the agreed runs, with the share of runs without a deal, the status
  quo and the observed outcome when the scenario records them) and agreement.png (the share of all runs
  agreed by each round or date).
- `accord sweep` and `accord merge`: sweep.png (analysis/plot_sweep.py: one parameter, curves of the probability of
  agreement and the mean terms with shaded 95% bands; two, a heatmap of the probability of agreement beside one of
  its interval's half-width; other designs, each point with its 95% interval).
- `accord sensitivity`: sensitivity.png (Sobol indices with their intervals, or Morris mu* and sigma).
- `accord compare`: compare.png (the paired differences B - A with their 95% intervals).
- `accord backtest`: backtest.png (each model's errors, and its prediction against the observed terms).

The figure_* functions return matplotlib Figures, so that a test can read their titles and labels.
Needs Debian's python3-pandas, python3-matplotlib and python3-yaml.
"""
import io
import os
import sys
import textwrap

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from atomic_write import write_atomically  # noqa: E402
from results import BadCsv, Results  # noqa: E402

LEGEND = dict(fontsize=7.5, frameon=False, loc="upper left", borderaxespad=0)


def wrap(text, width=38):
    return "\n".join(textwrap.wrap(str(text), width, break_on_hyphens=False)) or str(text)


def date_axis(ax):
    """Concise date ticks that do not run into each other."""
    locator = matplotlib.dates.AutoDateLocator(maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(matplotlib.dates.ConciseDateFormatter(locator))


def legend_axis(fig, cell):
    """An empty axis at `cell` of the grid that holds a legend, beside the data and never on it."""
    ax = fig.add_subplot(cell)
    ax.axis("off")
    return ax


def suptitle(fig, results, what):
    """The scenario's name over what the picture shows, wrapped to the figure's width."""
    width = int(fig.get_figwidth() * 10)
    fig.suptitle(f"{wrap(results.title(), width)}\n{wrap(what, width)}", fontsize=11)


def bins(values, scale):
    """About 30 bins over the values, none narrower than 1% of the issue's scale, so that a few runs show."""
    low, high = float(values.min()), float(values.max())
    width = max((high - low) / 30, (scale[1] - scale[0]) / 100 if scale else 0, 1e-12)
    return [low + k * width for k in range(int((high - low) / width) + 2)]


def save(fig, directory, name):
    """Writes the figure as DIRECTORY/NAME, complete or absent, and returns that path."""
    out = os.path.join(directory, name)
    png = io.BytesIO()
    fig.savefig(png, dpi=110, format="png")
    plt.close(fig)
    write_atomically(out, png.getvalue())
    return out


def calendar_of(scenario):
    """(start Timestamp or None, days per round)."""
    calendar = (scenario or {}).get("calendar") or {}
    start = pd.Timestamp(str(calendar["start"])) if "start" in calendar else None
    step = str(calendar.get("step", "1d"))
    return start, int(step[:-1]) * (7 if step.endswith("w") else 1)


def event_marks(scenario):
    """(round, name, meeting) of each event, in file order."""
    start, days = calendar_of(scenario)
    marks = []
    for event in (scenario or {}).get("events") or []:
        at = event.get("at")
        if isinstance(at, bool):
            continue
        if isinstance(at, int):
            round_ = at
        elif start is not None:
            round_ = (pd.Timestamp(str(at)) - start).days // days
        else:
            continue
        marks.append((round_, str(event.get("name", "")), bool(event.get("meeting"))))
    return marks


def x_of_round(scenario, use_dates, rounds=(), dates=()):
    """The x of a round: its date when dates are used, from the scenario's calendar or else from the known
    (round, date) pairs of a result file; otherwise the round itself."""
    if not use_dates:
        return lambda r: r
    start, days = calendar_of(scenario)
    if start is not None:
        return lambda r: start + pd.Timedelta(days=int(r) * days)
    known = sorted({int(r): pd.Timestamp(d) for r, d in zip(rounds, dates)}.items())
    if len(known) < 2:
        return lambda r: known[0][1] if known else r
    (r0, d0), (r1, d1) = known[0], known[-1]
    per_round = (d1 - d0) / (r1 - r0) if r1 != r0 else pd.Timedelta(days=1)
    return lambda r: d0 + (int(r) - r0) * per_round


def number_events(ax, marks, x_of, use_dates):
    """Numbers the event lines above the top axis; events on one round share a label, and labels that
    would touch go up a row. Returns the numbered list, one line per event."""
    groups = {}
    for i, (round_, _, _) in enumerate(marks, start=1):
        groups.setdefault(round_, []).append(i)
    lo, hi = ax.get_xlim()
    last_x_of_row = []
    for round_, numbers in sorted(groups.items()):
        x = matplotlib.dates.date2num(x_of(round_)) if isinstance(x_of(round_), pd.Timestamp) else x_of(round_)
        fraction = (x - lo) / (hi - lo) if hi > lo else 0
        text = ",".join(str(n) for n in numbers)
        row = next((r for r, last in enumerate(last_x_of_row) if fraction - last > 0.012 * (len(text) + 2)),
                   len(last_x_of_row))
        if row == len(last_x_of_row):
            last_x_of_row.append(fraction)
        last_x_of_row[row] = fraction
        ax.text(fraction, 1.02 + 0.09 * row, text, transform=ax.transAxes, ha="center", va="bottom",
                fontsize=7.5, color="dimgrey", clip_on=False)
    when = (lambda r: f"{x_of(r):%Y-%m-%d}") if use_dates else (lambda r: f"round {r}")
    return [f"{i}  {when(round_)}: {name}" + (" (meeting)" if meeting else "")
            for i, (round_, name, meeting) in enumerate(marks, start=1)]


def agreement_of(results, run):
    runs = results.csv("runs.csv")
    if runs is None or run not in set(runs["run"]):
        return None, None
    row = runs[runs["run"] == run].iloc[0]
    return (int(row["agreement_round"]) if row["agreed"] == 1 else None), row


def figure_trajectories(results, run=None):
    """Positions and terms over the rounds of one recorded run, with events and agreement marked."""
    data = results.csv("trajectory.csv")
    if data is None or data.empty:
        return None
    run = int(data["run"].min()) if run is None else run
    data = data[data["run"] == run]
    if data.empty:
        return None
    terms = results.csv("terms.csv")
    terms = terms[terms["run"] == run] if terms is not None else terms
    names, scenario = results.names, results.scenario
    last_round = int(data["round"].max())
    issues = list(dict.fromkeys(data["issue"]))
    use_dates = bool(data["date"].notna().all())
    x_of = x_of_round(scenario, use_dates, data["round"], data["date"])
    marks = [m for m in event_marks(scenario) if m[0] <= last_round]
    fig = plt.figure(figsize=(12, 2.9 * len(issues) + 1.4 + 0.17 * len(marks)))
    grid = fig.add_gridspec(len(issues) + 1, 2, width_ratios=[4, 1.25],
                            height_ratios=[2.9] * len(issues) + [0.4 + 0.17 * len(marks)])
    agreed_round, _ = agreement_of(results, run)
    axes = []
    for row, issue in enumerate(issues):
        ax = fig.add_subplot(grid[row, 0], sharex=axes[0] if axes else None)
        axes.append(ax)
        ax.set_prop_cycle(color=plt.cm.tab20.colors)
        for actor, rows in data[data["issue"] == issue].groupby("actor", sort=False):
            ax.plot([x_of(r) for r in rows["round"]], rows["position"], label=names.actor(actor), linewidth=1.2)
        if terms is not None:
            rows = terms[terms["issue"] == issue]
            ax.plot([x_of(r) for r in rows["round"]], rows["terms"], color="black", linewidth=2.4,
                    linestyle="--", marker="D" if len(rows) <= 20 else None, markersize=6,
                    label="terms proposed at a decision")
        for round_, _, meeting in marks:
            ax.axvline(x_of(round_), color="grey", linestyle="-" if meeting else ":", linewidth=0.9)
        if agreed_round is not None:
            ax.axvline(x_of(agreed_round), color="green", linewidth=2.2, alpha=0.7, label="agreement")
        ax.set_ylabel(wrap(names.issue(issue), 26), fontsize=9)
        ax.grid(alpha=0.3)
        if row < len(issues) - 1:
            ax.tick_params(labelbottom=False)
    axes[-1].set_xlabel("date" if use_dates else "round")
    if use_dates:
        date_axis(axes[-1])
    handles, labels = axes[0].get_legend_handles_labels()
    legend_axis(fig, grid[:len(issues), 1]).legend(handles, labels, title="actors", **LEGEND)
    events = number_events(axes[0], marks, x_of, use_dates)
    text_axis = legend_axis(fig, grid[len(issues), :])
    if events:
        text_axis.text(0, 1, "events (numbered above the lines):\n" + "\n".join(
            textwrap.shorten(e, 150, placeholder="...") for e in events), va="top", fontsize=7.5,
            transform=text_axis.transAxes)
    if agreed_round is not None:
        what = f"agreement in round {agreed_round}" + (f" ({x_of(agreed_round):%Y-%m-%d})" if use_dates else "")
    else:
        what = f"no agreement by round {last_round}"
    suptitle(fig, results, f"positions and proposed terms in run {run}: {what}")
    fig.tight_layout(h_pad=0.6)
    return fig


def agreed_split(runs):
    agreed = runs[runs["agreed"] == 1]
    return agreed, len(runs) - len(agreed)


def figure_terms(results):
    """The terms of the agreed runs, one panel per issue; the runs without a deal are counted, not drawn."""
    runs = results.csv("runs.csv")
    if runs is None or runs.empty:
        return None
    columns = [c for c in runs.columns if c.startswith("terms.")]
    if not columns:
        return None
    names, scenario = results.names, results.scenario or {}
    observed = ((scenario.get("observed") or {}).get("terms")) or {}
    status_quo = {str(i.get("id")): i["status_quo"] for i in scenario.get("issues") or []
                  if isinstance(i, dict) and "status_quo" in i}
    agreed, no_deal = agreed_split(runs)
    drawn = agreed if len(agreed) else runs
    fig = plt.figure(figsize=(3.6 * len(columns) + 2.2, 3.9))
    grid = fig.add_gridspec(1, len(columns) + 1, width_ratios=[3.6] * len(columns) + [2.2])
    handles = {}
    for i, column in enumerate(columns):
        issue = column[len("terms."):]
        # The deals' terms: an agreed run's outcome where its issue has one (status quo), as summary.csv's
        # terms_if_agreed (under every-round with stop: end a run's terms are its last round's, not its deal's).
        values = drawn[column]
        if len(agreed) and f"outcome.{issue}" in drawn.columns and drawn[f"outcome.{issue}"].notna().all():
            values = drawn[f"outcome.{issue}"]
        ax = fig.add_subplot(grid[0, i])
        scale = names.scales.get(issue)
        ax.hist(values, bins=bins(values, scale), color="steelblue", alpha=0.8,
                label="agreed terms" if len(agreed) else "terms proposed last (no run agreed)")
        ax.axvline(values.mean(), color="black", linestyle="--", label="mean")
        if issue in status_quo:
            ax.axvline(status_quo[issue], color="darkorange", linewidth=2, label="status quo (no deal)")
        if issue in observed:
            ax.axvline(observed[issue], color="crimson", linewidth=2, label="observed outcome")
        if scale:
            margin = (scale[1] - scale[0]) / 50
            ax.set_xlim(scale[0] - margin, scale[1] + margin)
        ax.set_xlabel(wrap(names.issue(issue), 34), fontsize=9)
        ax.set_ylabel("runs" if i == 0 else "")
        for handle, label in zip(*ax.get_legend_handles_labels()):
            handles.setdefault(label, handle)
    legend_axis(fig, grid[0, -1]).legend(list(handles.values()), list(handles), **LEGEND)
    share = no_deal / len(runs)
    suptitle(fig, results, f"terms of the {len(agreed)} agreed runs of {len(runs)}; "
                           f"no deal in {no_deal} runs ({share:.1%}), not drawn")
    fig.tight_layout()
    return fig


def figure_agreement(results):
    """The share of all runs agreed by each round (or date), with the events marked."""
    runs = results.csv("runs.csv")
    if runs is None or runs.empty:
        return None
    agreed, no_deal = agreed_split(runs)
    use_dates = bool(len(agreed) > 0 and agreed["agreement_date"].notna().all())
    trajectory = results.csv("trajectory.csv")
    rounds, dates = list(agreed["agreement_round"]), list(agreed["agreement_date"])
    if trajectory is not None and trajectory["date"].notna().all():
        rounds, dates = rounds + list(trajectory["round"]), dates + list(trajectory["date"])
    x_of = x_of_round(results.scenario, use_dates, rounds, dates)
    fig = plt.figure(figsize=(11, 4.6))
    grid = fig.add_gridspec(1, 2, width_ratios=[4, 1.4])
    ax = fig.add_subplot(grid[0, 0])
    last = int(runs["rounds"].max())
    rounds = sorted(set(agreed["agreement_round"].astype(int)) | {0, last})
    shares = [(agreed["agreement_round"] <= r).sum() / len(runs) for r in rounds]
    ax.step([x_of(r) for r in rounds], shares, where="post", color="green", linewidth=2,
            label="share of runs agreed by then")
    marks = [m for m in event_marks(results.scenario) if m[0] <= last]
    for round_, _, meeting in marks:
        ax.axvline(x_of(round_), color="grey", linestyle="-" if meeting else ":", linewidth=0.9)
    ax.set_ylim(0, 1.02)
    ax.set_ylabel("share of all runs agreed")
    ax.set_xlabel("date of agreement" if use_dates else "round of agreement")
    if use_dates:
        date_axis(ax)
    ax.grid(alpha=0.3)
    handles, labels = ax.get_legend_handles_labels()
    if marks:
        handles.append(matplotlib.lines.Line2D([], [], color="grey", linestyle=":"))
        labels.append("an event (solid: a meeting)")
    legend_axis(fig, grid[0, 1]).legend(handles, labels, **LEGEND)
    median = agreed["agreement_round"].median() if len(agreed) else None
    when = f"; median agreement round {median:g}" if median is not None else ""
    suptitle(fig, results, f"when agreement came: {len(agreed)} of {len(runs)} runs agreed, "
                           f"{no_deal} without a deal{when}")
    fig.tight_layout()
    return fig


def output_rows(outputs):
    """The outputs of a sensitivity.csv by kind, one row of panels each: agreement and the terms, then the
    outcomes, then the deals' terms (terms_if_agreed), the kinds a scenario with a status quo adds."""
    kinds = [[o for o in outputs if not o.startswith(("outcome.", "terms_if_agreed."))],
             [o for o in outputs if o.startswith("outcome.")], [o for o in outputs if o.startswith("terms_if_agreed.")]]
    return [row for row in kinds if row]


def figure_sensitivity(results):
    """One panel per output: Sobol S1 and ST with their intervals, or Morris mu* and sigma, per parameter;
    a row of panels per kind of output (output_rows)."""
    table = results.csv("sensitivity.csv")
    if table is None or table.empty:
        return None
    names = results.names
    rows_of_outputs = output_rows(list(dict.fromkeys(table["output"])))
    columns = max(len(row) for row in rows_of_outputs)
    parameters = list(dict.fromkeys(table["parameter"]))
    indices = list(dict.fromkeys(table["index"]))
    method = table["method"].iloc[0]
    fig = plt.figure(figsize=(4.2 * columns + 2.0,
                              (1.0 + 0.55 * len(parameters) * len(indices)) * len(rows_of_outputs) + 1.2))
    grid = fig.add_gridspec(len(rows_of_outputs), columns + 1, width_ratios=[4.2] * columns + [2.0])
    height = 0.8 / len(indices)
    first = None
    for r, i, output in ((r, i, output) for r, row in enumerate(rows_of_outputs) for i, output in enumerate(row)):
        ax = fig.add_subplot(grid[r, i])
        first = first or ax
        for k, index in enumerate(indices):
            rows = table[(table["output"] == output) & (table["index"] == index)].set_index("parameter")
            rows = rows.reindex(parameters)
            y = [p + (k - (len(indices) - 1) / 2) * height for p in range(len(parameters))]
            error = None
            if rows["ci_low"].notna().any():
                error = [(rows["value"] - rows["ci_low"]).fillna(0).clip(lower=0),
                         (rows["ci_high"] - rows["value"]).fillna(0).clip(lower=0)]
            ax.barh(y, rows["value"].fillna(0), height=height, xerr=error, capsize=2, label=index,
                    color=plt.cm.tab10(k))
        ax.set_yticks(range(len(parameters)))
        ax.set_yticklabels([wrap(names.parameter(p), 30) for p in parameters] if i == 0 else [], fontsize=8)
        ax.set_ylim(len(parameters) - 0.5, -0.5)
        ax.axvline(0, color="black", linewidth=0.8)
        ax.set_title(wrap(names.quantity(output), 40), fontsize=9)
        ax.set_xlabel("share of variance" if method == "sobol" else "effect over the parameter's range")
        ax.grid(alpha=0.3, axis="x")
    words = {"S1": "S1: first-order index", "ST": "ST: total index", "mu_star": "mu*: mean absolute effect",
             "sigma": "sigma: spread of the effects"}
    handles, labels = first.get_legend_handles_labels()
    legend_axis(fig, grid[0, -1]).legend(handles, [words.get(label, label) for label in labels],
                                         title="95% bootstrap intervals" if method == "sobol" else None, **LEGEND)
    suptitle(fig, results, f"{'Sobol' if method == 'sobol' else 'Morris'} sensitivity of agreement and terms "
                           f"to {len(parameters)} parameters ({results.manifest.get('design', method)})")
    fig.tight_layout()
    return fig


def figure_compare(results):
    """Paired differences B - A with their 95% intervals: agreement in one panel, terms in another."""
    table = results.csv("compare.csv")
    if table is None or table.empty:
        return None
    names = results.names
    name_b = (results.scenario_b or {}).get("name") or os.path.basename(str(results.manifest.get("scenario_b", "B")))
    groups = [("agreed", "difference in the probability of agreement (B - A)"),
              ("", "difference in mean terms and outcomes (B - A, issue units)")]
    fig, axes = plt.subplots(2, 1, figsize=(10, 2.0 + 0.45 * len(table)),
                             gridspec_kw={"height_ratios": [1, max(1, len(table) - 1)]})
    for ax, (prefix, xlabel) in zip(axes, groups):
        rows = table[table["quantity"] == "agreed"] if prefix else table[table["quantity"] != "agreed"]
        y = range(len(rows))
        error = [(rows["difference"] - rows["ci_low"]).fillna(0), (rows["ci_high"] - rows["difference"]).fillna(0)]
        ax.errorbar(rows["difference"], list(y), xerr=error, fmt="o", capsize=4, color="black")
        ax.axvline(0, color="grey", linewidth=1)
        ax.set_yticks(list(y))
        ax.set_yticklabels([wrap(names.quantity(q), 45) + f"\nA {a:.3g}, B {b:.3g}"
                            for q, a, b in zip(rows["quantity"], rows["a"], rows["b"])], fontsize=8)
        ax.invert_yaxis()
        ax.set_xlabel(xlabel)
        ax.grid(alpha=0.3, axis="x")
    fig.suptitle(f"{wrap('A: ' + results.title(), 100)}\n{wrap('B: ' + name_b, 100)}\n"
                 "paired differences B - A over the same seeds, with 95% intervals", fontsize=10)
    fig.tight_layout()
    return fig


def figure_backtest(results):
    """Each model's mean absolute and root mean squared error, and its predictions against the observed terms."""
    errors, cases = results.csv("errors.csv"), results.csv("cases.csv")
    if errors is None or cases is None or errors.empty:
        return None
    # The errors over all cases, of the models that predict terms (not base-rate, which forecasts agreement).
    if "fold" in errors.columns:
        errors = errors[errors["fold"].astype(str) == "all"]
    # Models that predict none of these cases (the DEU models on scenario files) are left out.
    errors = errors[errors["model"].isin(cases.columns)].dropna(subset=["mae"]).reset_index(drop=True)
    if errors.empty:
        return None
    fig = plt.figure(figsize=(13, 5))
    grid = fig.add_gridspec(1, 3, width_ratios=[3, 3.4, 1.6])
    ax = fig.add_subplot(grid[0, 0])
    y = range(len(errors))
    ax.barh([v - 0.2 for v in y], errors["mae"], height=0.4, label="mean absolute error", color="steelblue")
    ax.barh([v + 0.2 for v in y], errors["rmse"], height=0.4, label="root mean squared error", color="darkorange")
    ax.set_yticks(list(y))
    ax.set_yticklabels([f"{m}\n({c} cases)" for m, c in zip(errors["model"], errors["cases"])], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("error, in % of the issue's scale")
    ax.grid(alpha=0.3, axis="x")
    scatter = fig.add_subplot(grid[0, 1])
    models = list(errors["model"])
    for k, model in enumerate(models):
        scatter.scatter(cases["observed"], cases[model], s=22, alpha=0.75, color=plt.cm.tab10(k), label=model)
    low = min(cases["observed"].min(), cases[models].min().min())
    high = max(cases["observed"].max(), cases[models].max().max())
    scatter.plot([low, high], [low, high], color="grey", linewidth=1, label="prediction = observed")
    scatter.set_xlabel("observed terms (issue units)")
    scatter.set_ylabel("predicted terms (issue units)")
    scatter.grid(alpha=0.3)
    handles, labels = ax.get_legend_handles_labels()
    more = scatter.get_legend_handles_labels()
    legend_axis(fig, grid[0, 2]).legend(handles + more[0], labels + more[1], **LEGEND)
    fig.suptitle(f"backtest of {len(cases)} observed terms in {cases['case'].nunique()} cases: "
                 "each model's error and predictions", fontsize=11)
    fig.tight_layout()
    return fig


def figures(results, run=None):
    """[(file name, Figure)] for the kind of the results."""
    import plot_sweep  # here, not at the top: plot_sweep takes its helpers from this module
    drawn = {"run": [("trajectories.png", lambda: figure_trajectories(results, run)),
                     ("terms.png", lambda: figure_terms(results)),
                     ("agreement.png", lambda: figure_agreement(results))],
             "sweep": [("sweep.png", lambda: plot_sweep.figure_sweep(results))],
             "sensitivity": [("sensitivity.png", lambda: figure_sensitivity(results))],
             "compare": [("compare.png", lambda: figure_compare(results))],
             "backtest": [("backtest.png", lambda: figure_backtest(results))]}.get(results.kind, [])
    return [(name, fig) for name, fig in ((name, make()) for name, make in drawn) if fig is not None]


def unrecorded_run(results, run):
    """Why --run RUN cannot be drawn (it has no rows in trajectory.csv), or None."""
    data = results.csv("trajectory.csv")
    recorded = sorted(set(data["run"])) if data is not None else []
    if run in recorded:
        return None
    what = f"it records runs {recorded[0]} to {recorded[-1]}" if recorded else "it records no run"
    return f"run {run} has no rows in trajectory.csv ({what}; accord run --trajectories N records the first N)"


def main(argv):
    run = None
    if len(argv) == 4 and argv[2] == "--run" and argv[3].isdigit():
        run = int(argv[3])
        argv = argv[:2]
    if len(argv) != 2 or not os.path.isdir(argv[1]):
        print("usage: python3 analysis/plot.py RESULT_DIRECTORY [--run N]", file=sys.stderr)
        return 2
    results = Results(argv[1])
    if results.manifest_problem:  # as accord report: a damaged manifest is bad input, never guessed around
        print(results.manifest_problem, file=sys.stderr)
        return 2
    if results.kind is not None and results.scenario is None and results.kind != "backtest":
        print(f"{argv[1]}: note: the scenario {results.manifest.get('scenario')!r} was not found; "
              "pictures use ids instead of names", file=sys.stderr)
    try:
        if run is not None and results.kind == "run" and (problem := unrecorded_run(results, run)):
            print(f"{argv[1]}: error: {problem}", file=sys.stderr)
            return 2
        written = [save(fig, results.directory, name) for name, fig in figures(results, run)]
    except BadCsv as error:
        print(error, file=sys.stderr)
        return 2
    except OSError as error:  # a full disk, a directory in the picture's place: as accord report's output
        print(f"{error.filename or argv[1]}: error: cannot write the picture: {error.strerror or error}", file=sys.stderr)
        return 1
    if not written:
        print(f"{argv[1]}: no accord results to draw", file=sys.stderr)
        return 2
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
