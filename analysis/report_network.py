"""The influence network of the briefing report (docs/report.md): `accord graph SCENARIO | dot -Tsvg` as
inline SVG (the circo layout: actors on a circle) when Graphviz `dot` is installed and the accord executable is known, else a matplotlib
drawing of the scenario's `influence` edges as an embedded PNG."""
import math
import re
import shutil
import subprocess

import matplotlib.pyplot as plt

from plot import suptitle


def dot_svg(results, accord):
    """The inline <svg> of the network drawn by Graphviz, or None when dot or accord is missing or fails."""
    dot = shutil.which("dot")
    if not dot or not accord:
        return None
    try:
        graph = subprocess.run([accord, "graph", results.scenario_path], capture_output=True, check=True,
                               timeout=60).stdout
        svg = subprocess.run([dot, "-Kcirco", "-Tsvg"], input=graph, capture_output=True, check=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    text = svg.decode("utf-8")
    start = text.find("<svg")
    if start < 0:
        return None
    text = text[start:]
    # Scale to the page: drop the fixed size in points, keep the viewBox.
    text = re.sub(r'<svg width="[^"]*" height="[^"]*"', '<svg role="img"', text, count=1)
    return text


def edges(scenario):
    influence = (scenario or {}).get("influence") or []
    return [(str(e["from"]), str(e["to"]), float(e.get("weight", 1))) for e in influence
            if isinstance(e, dict) and "from" in e and "to" in e]


def figure_network(results):
    """Actors on a circle, one arrow per influence edge, its width by its weight."""
    actors = [str(a.get("id")) for a in (results.scenario or {}).get("actors") or [] if isinstance(a, dict)]
    links = edges(results.scenario)
    if not actors or not links:
        return None
    where = {a: (math.cos(2 * math.pi * k / len(actors)), math.sin(2 * math.pi * k / len(actors)))
             for k, a in enumerate(actors)}
    fig, ax = plt.subplots(figsize=(8, 8))
    for source, target, weight in links:
        if source in where and target in where:
            ax.annotate("", xy=where[target], xytext=where[source],
                        arrowprops=dict(arrowstyle="-|>", color="grey", alpha=0.6, linewidth=0.5 + 2.5 * weight,
                                        shrinkA=14, shrinkB=14))
    for actor, (x, y) in where.items():
        ax.text(x, y, results.names.actor(actor), ha="center", va="center", fontsize=8,
                bbox=dict(boxstyle="round", facecolor="#eef", edgecolor="steelblue"))
    ax.set_xlim(-1.35, 1.35)
    ax.set_ylim(-1.25, 1.25)
    ax.axis("off")
    suptitle(fig, results, "influence network (arrow width: weight)")
    fig.tight_layout()
    return fig


def network(results, accord):
    """(HTML of the picture, how it was drawn) or (None, None)."""
    svg = dot_svg(results, accord)
    if svg is not None:
        return svg, "each arrow is labelled with its weight (drawn by Graphviz dot from accord graph)"
    fig = figure_network(results)
    if fig is None:
        return None, None
    from report_html import png
    return png(fig), "the wider the arrow, the greater the weight (drawn by matplotlib; with Graphviz installed the report lays the graph out with dot)"
