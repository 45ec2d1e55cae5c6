#!/usr/bin/env python3
"""Draw the pictures of an accord result directory as PNG files into that directory.

    python3 analysis/plot.py DIR [--run N]

For `accord run` results: trajectories.png (each actor's position on each issue over the rounds of
run N, default the first recorded run, with the scenario's events marked, and the proposed terms) and terms.png (the
distribution of the predicted terms over all runs, with the observed outcome when the scenario
records one). For `accord sweep` results: sweep.png (the probability of agreement with its 95%
interval over the first swept parameter, one line per value of the second).

Needs Debian's python3-pandas, python3-matplotlib and python3-yaml.
"""
import json
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import yaml  # noqa: E402


def save(fig, directory, name):
    """Writes the figure as DIRECTORY/NAME and returns that path."""
    fig.tight_layout()
    out = os.path.join(directory, name)
    fig.savefig(out, dpi=110)
    plt.close(fig)
    return out


def load_scenario(directory):
    """The scenario named by manifest.json, or None when it cannot be read."""
    try:
        with open(os.path.join(directory, "manifest.json"), encoding="utf-8") as f:
            manifest = json.load(f)
        with open(manifest["scenario"], encoding="utf-8") as f:
            return yaml.safe_load(f)
    except (OSError, KeyError, ValueError, yaml.YAMLError):
        return None


def event_marks(scenario):
    """(round, date or None, name) of each event."""
    marks = []
    if not scenario:
        return marks
    calendar = scenario.get("calendar") or {}
    start = pd.Timestamp(str(calendar["start"])) if "start" in calendar else None
    step = str(calendar.get("step", "1d"))
    days = int(step[:-1]) * (7 if step.endswith("w") else 1)
    for event in scenario.get("events") or []:
        at = event.get("at")
        if isinstance(at, int):
            marks.append((at, None, event.get("name", "")))
        elif start is not None:
            date = pd.Timestamp(str(at))
            marks.append(((date - start).days // days, date, event.get("name", "")))
    return marks


def plot_trajectories(directory, scenario, run):
    path = os.path.join(directory, "trajectory.csv")
    if not os.path.exists(path):
        return None
    data = pd.read_csv(path)
    if run is None:
        run = data["run"].min()
    data = data[data["run"] == run]
    if data.empty:
        return None
    terms = pd.read_csv(os.path.join(directory, "terms.csv"))
    terms = terms[terms["run"] == run]
    last_round = data["round"].max()
    issues = list(dict.fromkeys(data["issue"]))
    fig, axes = plt.subplots(len(issues), 1, figsize=(10, 3.2 * len(issues)), squeeze=False, sharex=True)
    use_dates = data["date"].notna().all()
    x_of = (lambda frame: pd.to_datetime(frame["date"])) if use_dates else (lambda frame: frame["round"])
    for ax, issue in zip(axes[:, 0], issues):
        ax.set_prop_cycle(color=plt.cm.tab20.colors)
        for actor, rows in data[data["issue"] == issue].groupby("actor", sort=False):
            ax.plot(x_of(rows), rows["position"], label=actor, linewidth=1.2)
        rows = terms[terms["issue"] == issue]
        ax.plot(x_of(rows), rows["terms"], color="black", linewidth=2.5, linestyle="--", label="terms")
        for round_, date, name in event_marks(scenario):
            if round_ > last_round:
                continue  # the run ended before this event
            x = date if use_dates and date is not None else round_
            ax.axvline(x, color="grey", linestyle=":", linewidth=1)
            label = name if len(name) <= 32 else name[:30] + "..."
            ax.text(x, 0.98, label, transform=ax.get_xaxis_transform(), rotation=90, fontsize=7,
                    va="top", ha="right", color="dimgrey", clip_on=True)
        ax.set_ylabel(issue)
        ax.grid(alpha=0.3)
    axes[0, 0].legend(fontsize=7, ncol=4, loc="lower left")
    axes[-1, 0].set_xlabel("date" if use_dates else "round")
    title = scenario.get("name", "") if scenario else ""
    fig.suptitle(f"{title}\npositions and terms in run {int(run)} (rounds 0-{int(last_round)})".strip())
    return save(fig, directory, "trajectories.png")


def plot_terms(directory, scenario):
    path = os.path.join(directory, "runs.csv")
    if not os.path.exists(path):
        return None
    runs = pd.read_csv(path)
    columns = [c for c in runs.columns if c.startswith("terms.")]
    if not columns:
        return None
    observed = ((scenario or {}).get("observed") or {}).get("terms") or {}
    fig, axes = plt.subplots(1, len(columns), figsize=(4 * len(columns), 3.2), squeeze=False)
    for ax, column in zip(axes[0], columns):
        issue = column[len("terms."):]
        ax.hist(runs[column], bins=30, color="steelblue", alpha=0.8)
        ax.axvline(runs[column].mean(), color="black", linestyle="--", label="mean")
        if issue in observed:
            ax.axvline(observed[issue], color="crimson", linewidth=2, label="observed")
        ax.set_xlabel(issue)
        ax.legend(fontsize=7)
    axes[0, 0].set_ylabel("runs")
    agreed = runs["agreed"].mean()
    fig.suptitle(f"predicted terms over {len(runs)} runs (agreement in {agreed:.1%})")
    return save(fig, directory, "terms.png")


def plot_sweep(directory):
    path = os.path.join(directory, "points.csv")
    if not os.path.exists(path):
        return None
    points = pd.read_csv(path)
    parameters = list(points.columns[1:points.columns.get_loc("runs")])
    if not parameters:
        return None
    fig, ax = plt.subplots(figsize=(8, 4.5))
    x = parameters[0]
    groups = points.groupby(parameters[1]) if len(parameters) > 1 else [(None, points)]
    for value, rows in groups:
        rows = rows.groupby(x, as_index=False).mean(numeric_only=True)
        label = f"{parameters[1]} = {value:g}" if value is not None else None
        ax.errorbar(rows[x], rows["p_agree"],
                    yerr=[rows["p_agree"] - rows["p_agree_low"], rows["p_agree_high"] - rows["p_agree"]],
                    marker="o", capsize=3, label=label)
    ax.set_xlabel(x)
    ax.set_ylabel("probability of agreement (95% interval)")
    ax.set_ylim(0, 1)
    ax.grid(alpha=0.3)
    if len(parameters) > 1:
        ax.legend(fontsize=8)
    return save(fig, directory, "sweep.png")


def main(argv):
    run = None
    if len(argv) == 4 and argv[2] == "--run" and argv[3].isdigit():
        run = int(argv[3])
        argv = argv[:2]
    if len(argv) != 2 or not os.path.isdir(argv[1]):
        print("usage: python3 analysis/plot.py RESULT_DIRECTORY [--run N]", file=sys.stderr)
        return 2
    directory = argv[1]
    scenario = load_scenario(directory)
    if os.path.exists(os.path.join(directory, "points.csv")):
        written = [plot_sweep(directory)]
    else:
        written = [plot_trajectories(directory, scenario, run), plot_terms(directory, scenario)]
    written = [w for w in written if w]
    if not written:
        print(f"{directory}: no accord results to draw", file=sys.stderr)
        return 2
    for w in written:
        print(w)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
