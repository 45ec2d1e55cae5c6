#!/usr/bin/env python3
"""A briefing report: one self-contained HTML file from an accord result directory (docs/report.md).

    python3 analysis/report.py DIR -o REPORT.html [--accord PATH_TO_ACCORD]

Usually run as `accord report DIR -o REPORT.html`. The page states the question, the headline (for a run:
the probability of agreement with its 95% interval and the likely terms if agreement is reached, beside
the observed outcome when the scenario records one), the timeline of events and meetings with the
stances, the influence network, and the view that answers each kind of result. Pictures are PNG images
embedded as data: URIs (the influence network: inline SVG from Graphviz `dot` when it is installed, else
a PNG drawn by matplotlib); the CSS is inline; there is no JavaScript and no external URL. The file is
written to a temporary file in the same directory and renamed, so it is complete or absent.

Exit status: 0 written; 1 a missing library or an I/O error; 2 DIR is not an accord result directory,
or a usage error.
"""
import argparse
import os
import sys

try:
    import matplotlib

    matplotlib.use("Agg")
    import pandas  # noqa: F401
    import yaml  # noqa: F401
except ImportError as error:  # pragma: no cover - depends on the machine
    print(f"accord report: error: {error.name or error} is missing: install python3-matplotlib, "
          "python3-pandas and python3-yaml (Debian)", file=sys.stderr)
    sys.exit(1)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import report_html  # noqa: E402
from atomic_write import write_atomically  # noqa: E402
from results import BadCsv, Results  # noqa: E402


def parse(argv):
    parser = argparse.ArgumentParser(prog="accord report", description=__doc__.splitlines()[0])
    parser.add_argument("directory", help="an accord result directory (run, sweep, compare, sensitivity, backtest)")
    parser.add_argument("-o", "--output", required=True, help="the HTML file to write")
    parser.add_argument("--accord", help="the accord executable, for `accord graph` (the influence network)")
    return parser.parse_args(argv)


def main(argv):
    options = parse(argv)
    if not os.path.isdir(options.directory):
        print(f"{options.directory}: error: not a directory", file=sys.stderr)
        return 2
    results = Results(options.directory)
    if results.manifest_problem:
        # A damaged manifest is bad input, never a page built from guesses.
        print(results.manifest_problem, file=sys.stderr)
        return 2
    if results.kind is None and os.path.exists(os.path.join(options.directory, ".accord-sweep")):
        # An unfinished sweep (docs/sweeps.md): its results exist only once it is finished.
        print(f"{options.directory}: error: an unfinished sweep (.accord-sweep is there, no manifest.json): finish it "
              "with `accord sweep FILE -o DIR --resume`, then build the report", file=sys.stderr)
        return 2
    if results.kind is None:
        print(f"{options.directory}: error: not an accord result directory (no manifest.json naming run, sweep, "
              "merge, compare, sensitivity or backtest, and none of runs.csv, points.csv, compare.csv, "
              "sensitivity.csv, cases.csv)", file=sys.stderr)
        return 2
    try:
        page = report_html.page(results, options.accord)
    except report_html.NotResults as error:
        print(f"{options.directory}: error: {error}", file=sys.stderr)
        return 2
    except BadCsv as error:
        print(error, file=sys.stderr)
        return 2
    try:
        write_atomically(options.output, page)
    except OSError as error:
        print(f"{options.output}: error: cannot write the report: {error.strerror or error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
