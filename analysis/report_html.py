"""The HTML page of a briefing report (docs/report.md): sections in reading order, pictures embedded."""
import base64
import io
import os
from html import escape

import matplotlib.pyplot as plt

import plot
import plot_sweep
import report_network
import report_tornado
from report_headline import HEADLINES, NotResults  # noqa: F401 (NotResults is raised through page())

STYLE = """
body{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;max-width:1100px;margin:1.5em auto;padding:0 1em;
color:#1d1d1d;line-height:1.45}
h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.2em;border-bottom:1px solid #ccc;margin-top:1.6em}
.kind{color:#555;margin-top:0}.question{font-size:1.05em}
.headline{font-size:1.25em;background:#eef5ee;border-left:5px solid #2a7a2a;padding:.5em .8em}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.3em .6em;vertical-align:top;
text-align:left}th{background:#f3f3f3}td.num{text-align:right;white-space:nowrap}
.scale{color:#555;font-size:.85em}figure{margin:1em 0}figure img,figure svg{max-width:100%;height:auto}
figcaption{color:#444;font-size:.9em}code{white-space:normal;overflow-wrap:anywhere}.made{color:#666;font-size:.85em;margin-top:2em}
"""

QUESTIONS = {
    "run": "How likely is an agreement, on what terms, and when?",
    "sweep": "How does the chance of agreement change with the parameters varied in the sweep?",
    "compare": "What difference does the counterfactual B make against the scenario A, on the same random draws?",
    "sensitivity": "Which inputs move the chance of agreement and the terms most?",
    "backtest": "How close do the models come to the outcomes that were observed?",
}
KIND_WORDS = {"run": "Monte Carlo simulation", "sweep": "parameter sweep", "compare": "counterfactual comparison",
              "sensitivity": "global sensitivity analysis", "backtest": "backtest against observed outcomes"}


def png(fig):
    """An <img> of the figure as a PNG data: URI."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=96)
    plt.close(fig)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f'<img alt="" src="data:image/png;base64,{data}">'


def figure(image, caption):
    return f"<figure>{image}<figcaption>{caption}</figcaption></figure>"


def title(results):
    """The scenario's name; for a backtest, which may hold many scenarios, its cases."""
    if results.kind == "backtest":
        cases = results.csv("cases.csv")
        names = list(dict.fromkeys(cases["case"].astype(str))) if cases is not None else []
        shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
        return f"Backtest on {len(names)} cases: {shown}"
    return results.title()


def question_section(results):
    scenario = (results.scenario or {}) if results.kind != "backtest" else {}
    parts = [f"<h1>{escape(title(results))}</h1>",
             f'<p class="kind">Briefing on a {KIND_WORDS[results.kind]} with accord</p>',
             f'<p class="question"><b>Question.</b> {QUESTIONS[results.kind]}</p>']
    if scenario.get("description"):
        parts.append(f"<p>{escape(' '.join(str(scenario['description']).split()))}</p>")
    return parts


def event_rows(results):
    """(when, event name, meeting, changes) of each event, in file order, from the scenario."""
    start, days = plot.calendar_of(results.scenario)
    rows = []
    for (round_, name, meeting), event in zip(plot.event_marks(results.scenario), events_with_rounds(results)):
        when = f"{start + plot.pd.Timedelta(days=round_ * days):%d %b %Y}" if start is not None else f"round {round_}"
        changes = "; ".join(f"{results.names.parameter(str(k))} → {v}" for k, v in (event.get("set") or {}).items())
        rows.append((when, name, meeting, changes))
    return rows


def events_with_rounds(results):
    """The scenario's events that plot.event_marks places on a round (the same filter, the same order)."""
    start, _ = plot.calendar_of(results.scenario)
    return [e for e in (results.scenario or {}).get("events") or []
            if not isinstance(e.get("at"), bool) and (isinstance(e.get("at"), int) or start is not None)]


def timeline_section(results):
    rows = event_rows(results)
    parts = ["<h2>Timeline of events and meetings" + (" (scenario A)" if results.kind == "compare" else "") + "</h2>"]
    if rows:
        parts.append("<table><tr><th>when</th><th>event</th><th>meeting</th><th>what changes</th></tr>" + "".join(
            f"<tr><td>{escape(w)}</td><td>{escape(n)}</td><td>{'meeting' if m else ''}</td><td>{escape(c)}</td></tr>"
            for w, n, m, c in rows) + "</table>")
    else:
        parts.append("<p>The scenario has no dated events.</p>")
    if results.kind == "run":
        fig = plot.figure_trajectories(results)
        if fig is not None:
            parts.append(figure(png(fig), "The stances: each actor's position on each issue over the rounds of the "
                                          "first recorded run, with the terms proposed at each decision (dashed), "
                                          "the events (numbered, solid lines are meetings) and the agreement."))
    return parts


def network_section(results, accord):
    if not results.scenario_path:
        return []
    image, how = report_network.network(results, accord)
    if image is None:
        return []
    return ["<h2>Influence network</h2>", figure(image, f"Who influences whom: an arrow from A to B means B moves "
                                                        f"towards A's position; {how}.")]


VIEWS = {
    "run": [(plot.figure_terms, "The terms of the runs that reached agreement, issue by issue; the runs without "
                                "a deal are counted in the title, not drawn."),
            (plot.figure_agreement, "When agreement came: the share of all runs agreed by each date.")],
    "sweep": [(plot_sweep.figure_sweep, "The probability of agreement over the swept parameters: for one parameter, "
                                        "curves with their shaded 95% intervals (and the mean terms on each issue); "
                                        "for two, a heatmap beside the half-width of its 95% interval.")],
    "compare": [(plot.figure_compare, "Paired differences B − A over the same random draws, with 95% intervals; an "
                                      "interval that crosses zero is no evidence of a difference.")],
    "sensitivity": [(report_tornado.figure_tornado, "Parameters ranked by their influence (longest bar first), "
                                                    "with 95% bootstrap intervals."),
                    (plot.figure_sensitivity, "All indices per output and parameter.")],
    "backtest": [(plot.figure_backtest, "Each model's error against the observed terms, and its predictions.")],
}


def view_section(results):
    parts = ["<h2>What the results say</h2>"]
    for make, caption in VIEWS[results.kind]:
        fig = make(results)
        if fig is not None:
            parts.append(figure(png(fig), caption))
    return parts


def made_section(results):
    manifest = results.manifest
    command = " ".join([os.path.basename(str(manifest["command_line"][0]))] + [str(a) for a in manifest["command_line"][1:]]) \
        if manifest.get("command_line") else "unknown"
    facts = [f"accord {escape(str(manifest.get('accord_version', '?')))}", f"command: <code>{escape(command)}</code>",
             f"seed {escape(str(manifest.get('seed', '?')))}", f"finished {escape(str(manifest.get('end_time', '?')))}"]
    return [f'<p class="made">Made from {escape(os.path.basename(results.directory))}: {"; ".join(facts)}.</p>']


def page(results, accord=None):
    """The whole HTML page of the result directory."""
    body = question_section(results) + ["<h2>Headline</h2>"] + HEADLINES[results.kind](results)
    if results.scenario and results.kind != "backtest":  # a backtest's cases are many scenarios
        body += timeline_section(results) + network_section(results, accord)
    body += view_section(results) + made_section(results)
    return ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f"<title>{escape(title(results))}: accord briefing</title><style>{STYLE}</style></head><body>\n"
            + "\n".join(body) + "\n</body></html>\n")
