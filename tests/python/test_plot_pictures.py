#!/usr/bin/env python3
"""analysis/plot.py on real result directories, read through the figures' text and artists (Agg backend):
titles name the scenario, axes and legends name issues, actors and parameters in words, legends sit beside
the data, the terms histogram holds the agreed runs only and states the no-deal share, the agreement of the
drawn run is marked, event labels do not overlap, each kind of directory gets its own picture, and the
scenario is found from any working directory.

    python3 tests/python/test_plot_pictures.py SOURCE_DIR ACCORD    (ctest -R python.test_plot_pictures)
"""
import contextlib
import io
import math
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

ARGS, sys.argv[1:] = sys.argv[1:], []  # SOURCE_DIR ACCORD, as ctest gives them; unittest takes no argument
SOURCE = os.path.abspath(ARGS[0])
ACCORD = os.path.abspath(ARGS[1])
sys.path.insert(0, os.path.join(SOURCE, "analysis"))
import matplotlib  # noqa: E402

matplotlib.use("Agg")
import pandas as pd  # noqa: E402
import matplotlib.collections  # noqa: E402
import plot  # noqa: E402
import plot_sweep  # noqa: E402
import report_tornado  # noqa: E402
import results as results_module  # noqa: E402

NATO = "scenarios/nato_russia_council_2002.yaml"
NATO_NAME = "NATO-Russia Council terms, spring 2002"
ISSUE_NAMES = ["Russia's role in council decision-making", "Breadth of the council's agenda",
               "NATO's freedom to act alone at 19"]


def flat(text):
    return " ".join(text.split())


def title(fig):
    return flat(fig._suptitle.get_text()) if fig._suptitle else ""


def overlaps(a, b):
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def legends_clear_of_data(test, fig):
    """Every legend's box is outside every axis that draws data."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    legends = [ax.get_legend() for ax in fig.axes if ax.get_legend() is not None]
    test.assertTrue(legends, "no legend")
    data_axes = [ax for ax in fig.axes if ax.axison and (ax.lines or ax.patches or ax.collections)]
    test.assertTrue(data_axes)
    for legend in legends:
        box = legend.get_window_extent(renderer)
        for ax in data_axes:
            test.assertFalse(overlaps(box, ax.get_window_extent(renderer)), "a legend covers data")
    return [flat(t.get_text()) for legend in legends for t in legend.get_texts()]


def accord(cwd, *args):
    subprocess.run([ACCORD, *args, "-q"], cwd=cwd, check=True)


class Pictures(unittest.TestCase):
    """Results made in WORK (a copy of the scenarios there, `-o` relative), pictures drawn from another directory."""

    @classmethod
    def setUpClass(cls):
        cls.work = tempfile.mkdtemp()
        for name in ("nato_russia_council_2002.yaml", "counterfactuals/nato_russia_council_2002_no_us_backing.yaml"):
            os.makedirs(os.path.dirname(os.path.join(cls.work, "scenarios", name)), exist_ok=True)
            shutil.copy(os.path.join(SOURCE, "scenarios", name), os.path.join(cls.work, "scenarios", name))
        for name in ("sensitivity_linear.yaml", "sensitivity_if_agreed.yaml", "sweep_one.yaml", "sweep_one_status_quo.yaml",
                     "stop_end_deal.yaml"):
            shutil.copy(os.path.join(SOURCE, "tests", "data", name), cls.work)
        # A Pentagon that asks for more than the status quo gives it leaves about two runs in three without a deal.
        accord(cls.work, "run", NATO, "--runs", "80", "--set", "actors.USA_DOD.reservation=0.95", "-o", "out/run")
        accord(cls.work, "sweep", NATO, "--runs", "4", "-o", "out/sweep")
        accord(cls.work, "sweep", "sweep_one.yaml", "-o", "out/sweep_one")
        accord(cls.work, "sweep", "sweep_one_status_quo.yaml", "-o", "out/sweep_one_status_quo")
        accord(cls.work, "compare", NATO, "scenarios/counterfactuals/nato_russia_council_2002_no_us_backing.yaml", "--runs", "40",
               "-o", "out/compare")
        accord(cls.work, "sensitivity", "sensitivity_linear.yaml", "--samples", "8", "-o", "out/sensitivity")
        accord(cls.work, "sensitivity", "sensitivity_if_agreed.yaml", "--samples", "8", "-o", "out/sensitivity_if_agreed")
        accord(cls.work, "backtest", NATO, "--runs", "20", "-o", "out/backtest")
        accord(cls.work, "run", "stop_end_deal.yaml", "-o", "out/stop_end_deal")
        cls.elsewhere = tempfile.mkdtemp()
        cls.cwd = os.getcwd()
        os.chdir(cls.elsewhere)  # nothing here: the scenario must be found through the manifest

    @classmethod
    def tearDownClass(cls):
        os.chdir(cls.cwd)
        shutil.rmtree(cls.work)
        shutil.rmtree(cls.elsewhere)

    def results(self, kind):
        return results_module.Results(os.path.join(self.work, "out", kind))

    def test_the_scenario_is_found_from_another_directory(self):
        run = self.results("run")
        self.assertEqual(run.kind, "run")
        self.assertEqual(run.scenario_path, os.path.join(os.path.realpath(self.work), NATO))
        self.assertEqual(run.title(), NATO_NAME)

    def test_trajectories_name_issues_actors_agreement_and_events(self):
        run = self.results("run")
        fig = plot.figure_trajectories(run, 0)
        self.assertIn(NATO_NAME, title(fig))
        runs = pd.read_csv(os.path.join(run.directory, "runs.csv"))
        first = runs[runs["run"] == 0].iloc[0]
        self.assertEqual(first["agreed"], 1)
        self.assertIn(f"agreement in round {int(first['agreement_round'])} ({first['agreement_date']})", title(fig))
        data_axes = [ax for ax in fig.axes if ax.axison and ax.lines]
        self.assertEqual([flat(ax.get_ylabel()) for ax in data_axes], ISSUE_NAMES)
        self.assertEqual(flat(data_axes[-1].get_xlabel()), "date")
        labels = legends_clear_of_data(self, fig)
        self.assertIn("Russia", labels)
        self.assertIn("United States: Pentagon", labels)
        self.assertNotIn("RUS", labels)
        self.assertIn("agreement", labels)
        agreement = [line for line in data_axes[0].lines if line.get_label() == "agreement"]
        self.assertEqual(len(agreement), 1)
        x = matplotlib.dates.num2date(matplotlib.dates.date2num(agreement[0].get_xdata()[0]))
        self.assertEqual(f"{x:%Y-%m-%d}", first["agreement_date"])
        # Events: two on 9 April share the label "1,2"; no two labels touch.
        numbers = data_axes[0].texts
        self.assertEqual([t.get_text() for t in numbers], ["1,2", "3", "4", "5"])
        renderer = fig.canvas.get_renderer()
        boxes = [t.get_window_extent(renderer) for t in numbers]
        for i in range(len(boxes)):
            for j in range(i + 1, len(boxes)):
                self.assertFalse(overlaps(boxes[i], boxes[j]), f"event labels {i} and {j} overlap")
        listing = [flat(t.get_text()) for ax in fig.axes for t in ax.texts if "events" in t.get_text()]
        self.assertIn("1 2002-04-09: Schroeder endorses", listing[0])

    def test_a_run_without_a_deal_says_so_and_marks_no_agreement(self):
        run = self.results("run")
        runs = pd.read_csv(os.path.join(run.directory, "runs.csv"))
        self.assertEqual(runs.loc[runs["run"] == 2, "agreed"].iloc[0], 0)
        fig = plot.figure_trajectories(run, 2)
        self.assertIn(f"run 2: no agreement by round {int(runs.loc[runs['run'] == 2, 'rounds'].iloc[0])}", title(fig))
        self.assertFalse([line for ax in fig.axes for line in ax.lines if line.get_label() == "agreement"])

    def test_terms_are_the_agreed_runs_and_the_no_deal_share_is_stated(self):
        run = self.results("run")
        runs = pd.read_csv(os.path.join(run.directory, "runs.csv"))
        agreed = int(runs["agreed"].sum())
        fig = plot.figure_terms(run)
        no_deal = len(runs) - agreed
        self.assertGreater(no_deal, 10)
        self.assertGreater(agreed, 10)
        self.assertIn(f"terms of the {agreed} agreed runs of {len(runs)}; no deal in {no_deal} runs "
                      f"({no_deal / len(runs):.1%})", title(fig))
        data_axes = [ax for ax in fig.axes if ax.axison]
        self.assertEqual([flat(ax.get_xlabel()) for ax in data_axes], ISSUE_NAMES)
        for ax in data_axes:
            self.assertEqual(sum(p.get_height() for p in ax.patches), agreed)
        labels = legends_clear_of_data(self, fig)
        self.assertIn("status quo (no deal)", labels)
        self.assertIn("observed outcome", labels)

    def test_terms_are_the_deals_under_stop_end(self):
        # tests/data/stop_end_deal.yaml: every-round with stop: end, so runs.csv's terms.x is each run's last round,
        # and outcome.x its deal; the picture draws the deals, as summary.csv's terms_if_agreed (it drew the last
        # rounds before 7 December 2026: mean 69.77 against the deals' 67.63).
        run = self.results("stop_end_deal")
        runs = pd.read_csv(os.path.join(run.directory, "runs.csv"))
        deals = runs.loc[runs["agreed"] == 1, "outcome.x"]
        summary = pd.read_csv(os.path.join(run.directory, "summary.csv")).set_index("quantity")
        self.assertAlmostEqual(deals.mean(), summary.loc["terms_if_agreed.x", "mean"])
        self.assertGreater(runs.loc[runs["agreed"] == 1, "terms.x"].mean() - deals.mean(), 1)
        ax = [a for a in plot.figure_terms(run).axes if a.axison][0]
        mean_line = [line for line in ax.lines if line.get_label() == "mean"][0]
        self.assertAlmostEqual(mean_line.get_xdata()[0], deals.mean())

    def test_agreement_timing_ends_at_the_share_agreed(self):
        run = self.results("run")
        runs = pd.read_csv(os.path.join(run.directory, "runs.csv"))
        fig = plot.figure_agreement(run)
        ax = [a for a in fig.axes if a.axison][0]
        curve = [line for line in ax.lines if line.get_label() == "share of runs agreed by then"][0]
        self.assertAlmostEqual(curve.get_ydata()[-1], runs["agreed"].mean())
        self.assertEqual(ax.get_ylabel(), "share of all runs agreed")
        legends_clear_of_data(self, fig)

    def test_a_two_parameter_grid_is_a_heatmap_beside_its_interval_half_width(self):
        results = self.results("sweep")
        fig = plot_sweep.figure_sweep(results)
        self.assertIn(NATO_NAME, title(fig))
        self.assertIn("15 design points (grid design, 4 runs each)", title(fig))
        maps = [ax for ax in fig.axes if ax.images]
        self.assertEqual(len(maps), 2)
        for ax in maps:
            self.assertEqual(flat(ax.get_xlabel()), "reservation of United States: Pentagon")
            self.assertEqual(flat(ax.get_ylabel()), "capability of Germany")
            self.assertEqual([t.get_text() for t in ax.get_yticklabels()], ["10", "19", "30"])
            self.assertEqual([t.get_text() for t in ax.get_xticklabels()], ["0.8", "0.84", "0.88", "0.92", "0.96"])
        points = pd.read_csv(os.path.join(results.directory, "points.csv"))
        # Rows: Germany's capability; columns: the Pentagon's reservation (the first swept parameter).
        grid = points.pivot(index="actors.DEU.capability", columns="actors.USA_DOD.reservation", values="p_agree")
        self.assertEqual(maps[0].images[0].get_array().tolist(), grid.to_numpy().tolist())
        half = (points["p_agree_high"] - points["p_agree_low"]) / 2
        widths = points.assign(half=half).pivot(index="actors.DEU.capability", columns="actors.USA_DOD.reservation",
                                                values="half")
        self.assertEqual(maps[1].images[0].get_array().tolist(), widths.to_numpy().tolist())
        # 4 runs at a point: the Wilson interval of 4 agreed of 4 is [4 / (4 + z^2), 1] = [0.5101, 1], so its
        # half-width is z^2 / (2 (4 + z^2)) = 0.2449.
        all_agreed = half[points["p_agree"] == 1]
        self.assertGreater(len(all_agreed), 0)
        for value in all_agreed:
            self.assertAlmostEqual(value, 1.96 ** 2 / (2 * (4 + 1.96 ** 2)), places=4)
        cells = [t.get_text() for t in maps[0].texts]
        self.assertEqual(len(cells), 15)
        self.assertIn(f"{grid.iloc[0, 0]:.2f}", cells)
        colour_bars = [flat(ax.get_ylabel()) for ax in fig.axes if not ax.images and ax.get_ylabel()]
        self.assertEqual(colour_bars, ["probability of agreement", "half-width of the 95% interval"])

    def test_a_one_parameter_grid_is_a_curve_with_a_shaded_band(self):
        results = self.results("sweep_one")
        fig = plot_sweep.figure_sweep(results)
        self.assertIn("Sweep test: one parameter", title(fig))
        self.assertIn("7 design points (grid design, 10 runs each)", title(fig))
        points = pd.read_csv(os.path.join(results.directory, "points.csv"))
        data_axes = [ax for ax in fig.axes if ax.axison]
        self.assertEqual([flat(ax.get_ylabel()) for ax in data_axes],
                         ["probability of agreement", "mean terms on budget", "mean terms on timeline"])
        self.assertEqual(flat(data_axes[-1].get_xlabel()), "reservation of NORTH")
        # The band of agreement: a PolyCollection (fill_between) from p_agree_low up to p_agree_high.
        bands = [c for c in data_axes[0].collections if isinstance(c, matplotlib.collections.PolyCollection)]
        self.assertEqual(len(bands), 1)
        vertices = bands[0].get_paths()[0].vertices
        self.assertAlmostEqual(vertices[:, 1].min(), points["p_agree_low"].min())
        self.assertAlmostEqual(vertices[:, 1].max(), points["p_agree_high"].max())
        curve = [line for line in data_axes[0].lines if line.get_label() == "probability of agreement"][0]
        self.assertEqual(list(curve.get_ydata()), list(points["p_agree"]))
        self.assertEqual(list(curve.get_xdata()), list(points["actors.NORTH.reservation"]))
        # Over the range the chance of a deal goes from certain to none (sweep_one.yaml's header).
        self.assertEqual((points["p_agree"].iloc[0], points["p_agree"].iloc[-1]), (1, 0))
        # The band of the mean terms: mean +- 1.96 sd / sqrt(runs) at each point.
        terms = [c for c in data_axes[1].collections if isinstance(c, matplotlib.collections.PolyCollection)][0]
        low = points["terms.budget.mean"] - 1.96 * points["terms.budget.sd"] / points["runs"] ** 0.5
        self.assertAlmostEqual(terms.get_paths()[0].vertices[:, 1].min(), low.min())
        labels = legends_clear_of_data(self, fig)
        self.assertIn("probability of agreement: 95% interval", labels)

    def test_with_a_status_quo_the_curves_are_the_terms_of_the_deals(self):
        # points.csv has terms_if_agreed (n = agreed_runs): the panels draw those, not terms.<issue> over every
        # run, which mixes the deals with the texts of failed runs; a point without a deal has no value.
        results = self.results("sweep_one_status_quo")
        fig = plot_sweep.figure_sweep(results)
        points = pd.read_csv(os.path.join(results.directory, "points.csv"))
        data_axes = [ax for ax in fig.axes if ax.axison]
        self.assertEqual([flat(ax.get_ylabel()) for ax in data_axes],
                         ["probability of agreement", "mean terms of the deals on budget",
                          "mean terms of the deals on timeline"])
        curve = [line for line in data_axes[1].lines if line.get_label() == "mean terms of the deals"][0]
        deals = points["terms_if_agreed.budget.mean"]
        self.assertEqual(list(points["agreed_runs"]), [10, 9, 5, 4, 1, 0, 0])
        self.assertTrue(deals.iloc[-2:].isna().all())
        for drawn, expected in zip(curve.get_ydata(), deals):
            self.assertTrue(math.isnan(drawn) if math.isnan(expected) else drawn == expected)
        self.assertNotEqual(list(deals.iloc[:5]), list(points["terms.budget.mean"].iloc[:5]))
        # The band: mean +- 1.96 sd / sqrt(agreed_runs), at the points with two deals or more.
        band = [c for c in data_axes[1].collections if isinstance(c, matplotlib.collections.PolyCollection)][0]
        low = deals - 1.96 * points["terms_if_agreed.budget.sd"] / points["agreed_runs"] ** 0.5
        self.assertAlmostEqual(band.get_paths()[0].vertices[:, 1].min(), low.min())
        self.assertIn("mean terms of the deals: 95% interval", legends_clear_of_data(self, fig))

    def test_sensitivity_gets_its_own_picture_not_the_sweep(self):
        results = self.results("sensitivity")
        self.assertEqual(results.kind, "sensitivity")
        self.assertEqual([name for name, _ in plot.figures(results)], ["sensitivity.png"])
        fig = plot.figure_sensitivity(results)
        self.assertIn("Sensitivity check: terms linear in one parameter", title(fig))
        first = [a for a in fig.axes if a.axison][0]
        self.assertEqual([t.get_text() for t in first.get_yticklabels()], ["position of A on x", "stubbornness of B"])
        self.assertEqual([a.get_title() for a in fig.axes if a.axison], ["probability of agreement", "terms on x"])
        self.assertEqual(legends_clear_of_data(self, fig), ["S1: first-order index", "ST: total index"])

    def test_sensitivity_with_a_status_quo_puts_outcome_and_deals_in_rows_of_their_own(self):
        results = self.results("sensitivity_if_agreed")
        for fig in (plot.figure_sensitivity(results), report_tornado.figure_tornado(results)):
            panels = [a for a in fig.axes if a.axison]
            self.assertEqual([a.get_title() for a in panels],
                             ["probability of agreement", "terms on x", "outcome on x", "terms if agreed on x"])
            rows = [round(a.get_position().y0, 3) for a in panels]
            # agreement and the terms side by side in the top row, then one row each, top to bottom
            self.assertEqual(rows[0], rows[1])
            self.assertGreater(rows[1], rows[2])
            self.assertGreater(rows[2], rows[3])
            self.assertEqual(panels[2].get_position().x0, panels[0].get_position().x0)
        legends_clear_of_data(self, plot.figure_sensitivity(results))

    def test_compare_names_both_variants_and_the_quantities(self):
        fig = plot.figure_compare(self.results("compare"))
        self.assertIn(f"A: {NATO_NAME}", title(fig))
        self.assertIn("counterfactual without the April 2002 US backing", title(fig))
        labels = [flat(t.get_text()) for ax in fig.axes for t in ax.get_yticklabels()]
        self.assertTrue(labels[0].startswith("probability of agreement A "))
        self.assertTrue(any(label.startswith(f"terms on {ISSUE_NAMES[0]}") for label in labels), labels)

    def test_backtest_picture(self):
        fig = plot.figure_backtest(self.results("backtest"))
        self.assertIn("backtest of 3 observed terms in 1 cases", title(fig))
        legends_clear_of_data(self, fig)

    def test_main_writes_png_files_and_refuses_a_directory_without_results(self):
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            self.assertEqual(plot.main(["plot", os.path.join(self.work, "out", "compare")]), 0)
            empty = tempfile.mkdtemp(dir=self.work)
            self.assertEqual(plot.main(["plot", empty]), 2)
        with open(os.path.join(self.work, "out", "compare", "compare.png"), "rb") as f:
            self.assertEqual(f.read(8), b"\x89PNG\r\n\x1a\n")


    def test_a_run_that_was_not_recorded_is_refused_not_skipped(self):
        # Found by the second attack: --run 500 (trajectory.csv records runs 0 to 9) drew terms.png and
        # agreement.png, no trajectories.png, and exited 0 without a word.
        run = os.path.join(self.work, "out", "run")
        stderr = io.StringIO()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(stderr):
            self.assertEqual(plot.main(["plot", run, "--run", "500"]), 2)
        self.assertIn("error: run 500 has no rows in trajectory.csv (it records runs 0 to 9; "
                      "accord run --trajectories N records the first N)", stderr.getvalue())
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            self.assertEqual(plot.main(["plot", run, "--run", "9"]), 0)

    def test_a_damaged_manifest_is_refused_as_accord_report_refuses_it(self):
        damaged = tempfile.mkdtemp(dir=self.work)
        shutil.copy(os.path.join(self.work, "out", "compare", "compare.csv"), damaged)
        with open(os.path.join(damaged, "manifest.json"), "w", encoding="utf-8") as f:
            f.write('{"command_line": 5}\n')
        stderr = io.StringIO()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(stderr):
            self.assertEqual(plot.main(["plot", damaged]), 2)
        self.assertIn("manifest.json:1:2: error: not a manifest of accord: 'command_line' is not a list of texts",
                      stderr.getvalue())
        self.assertFalse(os.path.exists(os.path.join(damaged, "compare.png")))


    def test_a_picture_that_cannot_be_written_exits_1_and_leaves_no_file(self):
        # plot.py wrote each PNG in place: on a full disk (a 200 kB tmpfs) it ended in a PIL traceback with
        # exit 1. A directory in the picture's place fails the same way, on any machine.
        copy = tempfile.mkdtemp(dir=self.work)
        for name in os.listdir(os.path.join(self.work, "out", "compare")):
            shutil.copy(os.path.join(self.work, "out", "compare", name), copy)
        os.mkdir(os.path.join(copy, "compare.png"))
        stderr = io.StringIO()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(stderr):
            self.assertEqual(plot.main(["plot", copy]), 1)
        self.assertIn("compare.png: error: cannot write the picture: Is a directory", stderr.getvalue())
        self.assertEqual(sorted(n for n in os.listdir(copy) if n.endswith(".tmp")), [])


class FindScenario(unittest.TestCase):
    def test_the_file_with_the_recorded_hash_wins_over_a_nearer_one(self):
        work = tempfile.mkdtemp()
        try:
            original = os.path.join(work, "project", "s.yaml")
            edited = os.path.join(work, "project", "out", "s.yaml")
            os.makedirs(os.path.dirname(edited))
            os.makedirs(os.path.join(work, "project", "out", "run"))
            with open(original, "w") as f:
                f.write("accord: 1\nname: original\n")
            with open(edited, "w") as f:
                f.write("accord: 1\nname: edited since\n")
            found = results_module.find_scenario(os.path.join(work, "project", "out", "run"), "s.yaml",
                                                 results_module.sha256(original), ["accord", "run", "s.yaml"])
            self.assertEqual(found, original)
            # From `-o out/run`, the run's directory is the project: the relative path is taken from there.
            self.assertEqual(results_module.run_directory(os.path.join(work, "project", "out", "run"),
                                                          ["accord", "run", "s.yaml", "-o", "out/run"]),
                             os.path.realpath(os.path.join(work, "project")))
        finally:
            shutil.rmtree(work)


if __name__ == "__main__":
    unittest.main(verbosity=1)
