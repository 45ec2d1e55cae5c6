"""The headline of a briefing report, per kind of result, in words a policy reader understands
(docs/report.md). Each function returns a list of HTML fragments (already escaped)."""
import math
from html import escape

import pandas as pd


class NotResults(Exception):
    """The directory lacks the file its kind needs."""


def percent(share):
    return f"{100 * share:.1f}%"


def runs_of(n):
    """'1 run', '20 runs'."""
    return f"{n} run" if n == 1 else f"{n} runs"


def interval(low, high):
    return f"{100 * low:.1f}–{100 * high:.1f}%"


def share_with_interval(row):
    """A share of summary.csv with its 95% interval: a share of a few failed runs is far from exact."""
    if pd.isna(row["ci_low"]) or pd.isna(row["ci_high"]):
        return percent(row["mean"])
    return f"{percent(row['mean'])}, 95% interval {interval(row['ci_low'], row['ci_high'])}"


def number(value):
    """An issue value as a reader wants it: whole when large, else three significant digits."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{value:.0f}" if abs(value) >= 10 else f"{value:.3g}"


def needed(results, name):
    table = results.csv(name)
    if table is None or table.empty:
        raise NotResults(f"{name} is missing or empty")
    return table


def scale_words(results, issue):
    """'on a 0–100 scale: 0 = ..., 100 = ...' from the scenario's scale and labels."""
    issues = {str(i.get("id")): i for i in (results.scenario or {}).get("issues") or [] if isinstance(i, dict)}
    spec = issues.get(issue, {})
    low, high = spec.get("scale", [0, 100])
    labels = spec.get("labels") or {}
    ends = "; ".join(f"{number(float(k))} = {escape(str(v))}" for k, v in sorted(labels.items(), key=lambda kv: float(kv[0])))
    return f"on a {number(float(low))}–{number(float(high))} scale" + (f": {ends}" if ends else "")


def summary_rows(results):
    table = needed(results, "summary.csv")
    return {row["quantity"]: row for _, row in table.iterrows()}


def likely_terms(results, rows):
    """(issue, mean, p05, p95) of the terms of agreed runs: terms_if_agreed rows, else runs.csv's agreed runs."""
    issues = [q[len("terms."):] for q in rows if q.startswith("terms.")]
    terms = []
    runs = results.csv("runs.csv")
    for issue in issues:
        row = rows.get(f"terms_if_agreed.{issue}")
        if row is not None:
            terms.append((issue, row["mean"], row["p05"], row["p95"]))
        elif runs is not None and f"terms.{issue}" in runs.columns:
            values = runs.loc[runs["agreed"] == 1, f"terms.{issue}"]
            if len(values):
                terms.append((issue, values.mean(), values.quantile(0.05), values.quantile(0.95)))
    return terms


def run_headline(results):
    rows = summary_rows(results)
    agreed = rows.get("agreed")
    if agreed is None:
        raise NotResults("summary.csv has no 'agreed' row")
    lines = [f'<p class="headline" id="headline-agreement">Agreement in <b>{percent(agreed["mean"])}</b> of '
             f'{runs_of(int(agreed["n"])).replace(" run", " simulated run")} (95% interval {interval(agreed["ci_low"], agreed["ci_high"])}).</p>']
    observed = ((results.scenario or {}).get("observed") or {})
    if "agreed" in observed:
        lines.append(f'<p>Observed: {"agreement was reached" if observed["agreed"] else "no agreement was reached"}.'
                     + (f' {escape(str(observed["note"]))}' if observed.get("note") else "") + "</p>")
    terms = likely_terms(results, rows)
    if terms:
        lines.append(terms_table(results, terms, (observed.get("terms") or {})))
    lines += meeting_lines(results, rows) + blocker_lines(results, rows)
    return lines


def terms_table(results, terms, observed):
    names = results.names
    head = "<tr><th>issue</th><th>likely terms (mean)</th><th>9 in 10 agreed runs between</th>"
    head += "<th>observed outcome</th>" if observed else ""
    body = []
    for issue, mean, low, high in terms:
        cells = [f'<td>{escape(names.issue(issue))}<div class="scale">{scale_words(results, issue)}</div></td>',
                 f'<td class="num">{number(mean)}</td>', f'<td class="num">{number(low)}–{number(high)}</td>']
        if observed:
            cells.append(f'<td class="num">{number(observed[issue]) if issue in observed else "not recorded"}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    return ('<p>If agreement is reached, the likely terms are:</p><table class="terms" id="headline-terms">'
            + head + "</tr>" + "".join(body) + "</table>")


def meeting_lines(results, rows):
    from plot import calendar_of  # the scenario's calendar, as the pictures use it
    start, days = calendar_of(results.scenario)
    parts = []
    for quantity, row in rows.items():
        if quantity.startswith("agreed_at.") and row["mean"] > 0:
            round_ = int(quantity.split(".", 1)[1])
            when = f"{(start + pd.Timedelta(days=round_ * days)):%d %B %Y}" if start is not None else f"round {round_}"
            parts.append(f"at the meeting of {when} in {share_with_interval(row)} of all runs")
    return [f"<p>Deals are made {'; '.join(parts)}.</p>"] if parts else []


def blocker_lines(results, rows):
    blocked = [(row["mean"], quantity.split(".", 1)[1], int(row["n"]), row) for quantity, row in rows.items()
               if quantity.startswith("blocked_by.") and row["n"] > 0 and row["mean"] > 0]
    if not blocked:
        return []
    blocked.sort(key=lambda b: -b[0])
    words = ", ".join(f"{escape(results.names.actor(actor))} ({share_with_interval(row)})"
                      for _, actor, _, row in blocked[:4])
    # The console's caveat (docs/process-guide.md section 7): a refusal of the fallback text is not the cause.
    return [f"<p>In the {runs_of(blocked[0][2])} without a deal, the actors whose refusal blocked it most often (share of those runs): {words}; "
            "they refused the text left on the table at the final decision; where no text could meet every needed party, "
            "the list depends on who drafts (docs/process-guide.md, section 7).</p>"]


def sweep_headline(results):
    points = needed(results, "points.csv")
    from plot_sweep import sweep_parameters
    parameters = sweep_parameters(points)
    low, high = points.loc[points["p_agree"].idxmin()], points.loc[points["p_agree"].idxmax()]

    def at(row):
        return where_extreme(points, parameters, row["p_agree"], lambda p: escape(results.names.parameter(p)))
    return [f'<p class="headline" id="headline-sweep">Over {len(points)} design points the probability of agreement '
            f'ranges from <b>{percent(low["p_agree"])}</b> (95% interval {interval(low["p_agree_low"], low["p_agree_high"])}; '
            f'at {at(low)}) to <b>{percent(high["p_agree"])}</b> (95% interval '
            f'{interval(high["p_agree_low"], high["p_agree_high"])}; at {at(high)}).</p>']


def design_value(v):
    """A design value as points.csv means it: whole numbers in full (3000000, not 3e+06), others to six
    significant digits."""
    v = float(v)
    return str(int(v)) if v.is_integer() and abs(v) < 1e15 else f"{v:.6g}"


def where_extreme(points, parameters, p_agree, name):
    """Where the design points with this probability of agreement lie. When they are every combination of
    their values (one point, or a block of the grid), per parameter: one value, the values tied ("0.8 or
    0.84"), or "any NAME (all values)" when the tie covers every value of the design; naming one point of
    a tie would suggest that the other parameters mattered. Otherwise the per-parameter values would read
    as combinations that are not tied (11 of 12 points at 100% read as "any value of each"), so the points
    are named: every point but the few that differ, or the first few of the tie and how many there are."""
    tied = points[points["p_agree"] == p_agree]
    if len(tied) == len(points):
        return f"every one of the {len(points)} design points"
    values = {p: sorted(tied[p].unique()) for p in parameters}
    combinations = 1
    for p in parameters:
        combinations *= len(values[p])
    if combinations == len(tied.drop_duplicates(subset=parameters)):
        words = []
        for p in parameters:
            design = sorted(points[p].unique())
            if len(values[p]) > 1 and values[p] == design:
                words.append(f"any {name(p)} ({', '.join(design_value(v) for v in values[p])})")
            else:
                words.append(f"{name(p)} = {' or '.join(design_value(v) for v in values[p])}")
        return ", ".join(words)

    def point(row):
        return "(" + ", ".join(f"{name(p)} = {design_value(row[p])}" for p in parameters) + ")"
    others = points[points["p_agree"] != p_agree]
    if len(others) <= 3:
        return (f"{len(tied)} of the {len(points)} design points: every one but "
                + " and ".join(point(row) for _, row in others.iterrows()))
    shown = " and ".join(point(row) for _, row in tied.head(3).iterrows())
    more = f", among them {shown}" if len(tied) > 3 else f": {shown}"
    return f"{len(tied)} of the {len(points)} design points{more}"


def compare_headline(results):
    table = needed(results, "compare.csv")
    name_b = escape(str((results.scenario_b or {}).get("name") or results.manifest.get("scenario_b", "B")))
    agreed = table[table["quantity"] == "agreed"].iloc[0]
    significant = not (agreed["ci_low"] <= 0 <= agreed["ci_high"])
    return [f'<p class="headline" id="headline-compare">Agreement in <b>{percent(agreed["a"])}</b> of runs of A '
            f'({escape(results.title())}) and <b>{percent(agreed["b"])}</b> of runs of B ({name_b}): a difference B − A '
            f'of {100 * agreed["difference"]:+.1f} percentage points (95% interval {100 * agreed["ci_low"]:+.1f} to '
            f'{100 * agreed["ci_high"]:+.1f}), {"a real difference" if significant else "not distinguishable from none"} '
            "on the same random draws.</p>"] + deal_terms_line(results, table)


def signed(value, digits):
    return f"{value:+.{digits}f}"


def deal_terms_line(results, table):
    """The largest paired difference in the deals' terms (`terms_if_agreed.<issue>` of compare.csv, the runs
    agreed in both variants) with its interval, at two decimals, or two significant digits when the interval
    excludes zero but would round to it (as the console of `accord compare` shows it)."""
    rows = table[table["quantity"].str.startswith("terms_if_agreed.") & table["difference"].notna()]
    if rows.empty:
        return []
    row = rows.loc[rows["difference"].abs().idxmax()]
    low, high = row["ci_low"], row["ci_high"]
    digits = 2
    if pd.notna(low) and pd.notna(high) and not (low <= 0 <= high):
        nearer = min(abs(low), abs(high))
        if round(nearer * 100) == 0:
            while digits < 6 and round(nearer * 10 ** digits) < 10:
                digits += 1
    interval_words = (f" (95% interval {signed(low, digits)} to {signed(high, digits)})"
                      if pd.notna(low) and pd.notna(high) else "")
    issue = escape(results.names.issue(row["quantity"].split(".", 1)[1]))
    return [f'<p id="headline-compare-terms">On the terms of the deals (the runs agreed in both), the largest difference '
            f'B − A is on {issue}: {signed(row["difference"], digits)} points{interval_words}.</p>']


def sensitivity_headline(results):
    table = needed(results, "sensitivity.csv")
    method = table["method"].iloc[0]
    index = "ST" if method == "sobol" else "mu_star"
    rows = table[(table["output"] == "agreed") & (table["index"] == index)].dropna(subset=["value"])
    if rows.empty:
        rows = table[table["index"] == index].dropna(subset=["value"])
    if rows.empty:
        return ['<p class="headline">No parameter changes the outputs in this design.</p>']
    top = rows.loc[rows["value"].idxmax()]
    word = "total Sobol index" if method == "sobol" else "mean absolute effect μ*"
    # "The terms on Investor protection depend", not "Terms on investor protection depends": the names as
    # written, and the verb agreeing with its subject.
    quantity = results.names.quantity(top["output"])
    verb = "depend" if quantity.startswith("terms") else "depends"
    # A total index is a share of the variance, at most 1; an estimate above 1 is the sampling error of a
    # small design (sensitivity.md), not a stronger effect.
    above_one = (" — an estimate above 1, which only sampling error gives: take more samples"
                 if method == "sobol" and top["value"] > 1 else "")
    return [f'<p class="headline" id="headline-sensitivity">The {escape(quantity)} {verb} most on '
            f'<b>{escape(results.names.parameter(top["parameter"]))}</b> ({word} {top["value"]:.2f}{above_one}).</p>']


def backtest_headline(results):
    errors = needed(results, "errors.csv")
    if "fold" in errors.columns:
        errors = errors[errors["fold"].astype(str) == "all"]
    scored = errors.dropna(subset=["mae"])
    if scored.empty:
        raise NotResults("errors.csv has no model with an error")
    # The headline names a model scored on every case the compromise model was, and not fitted to
    # these outcomes (a blend's `all` weight is fitted on every case: fitted.csv lists them).
    fitted = results.csv("fitted.csv")
    if fitted is not None and not fitted.empty:
        scored = scored[~scored["model"].isin(set(fitted["model"]))]
    scored = scored[scored["cases"] == scored["cases"].max()]
    best = scored.loc[scored["mae"].idxmin()]
    return [f'<p class="headline" id="headline-backtest">Closest to the observed outcomes: <b>{escape(str(best["model"]))}</b>, '
            f'off by {best["mae"]:.1f} points on average on a 0–100 scale over {int(best["cases"])} observed terms '
            f'(the compromise model, weighted-mean: {errors.set_index("model")["mae"].get("weighted-mean", float("nan")):.1f}).</p>']


HEADLINES = {"run": run_headline, "sweep": sweep_headline, "compare": compare_headline,
             "sensitivity": sensitivity_headline, "backtest": backtest_headline}
