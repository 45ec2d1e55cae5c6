#!/usr/bin/env python3
"""`accord report DIR -o FILE` on real result directories of every kind, opened in headless Chromium through
selenium (Debian chromium, chromium-driver, python3-selenium): the page loads with no console error, the
headline's numbers equal those of the result files (summary.csv for a run), every image is rendered, no
external URL appears, and a screenshot of each page is saved as a test artefact in
BUILD/test-artefacts/report-<kind>.png (with the page beside it). Also: a directory that is not a result
directory exits 2 and writes nothing, an unwritable output exits 1, and a Python without matplotlib
exits 1 with a message.

    python3 tests/python/test_report.py SOURCE_DIR ACCORD    (ctest -R python.test_report)
"""
import os
import re
import shutil
import stat
import tempfile
import threading
import unittest

import pandas as pd

from report_work import ACCORD, NATO, SOURCE, accord, accord_ok, copy_scenarios, new_work, scenario_work
import plot_sweep  # analysis/, on the path through report_work
import report_headline
import report_html
import report_network
import results

ARTEFACTS = os.path.join(os.path.dirname(os.path.dirname(ACCORD)), "test-artefacts")  # BUILD/sim/accord -> BUILD
KINDS = ("run", "compare", "sweep", "sensitivity", "backtest")


def percents(text):
    """The numbers of 'NN.N%' and 'NN.N–NN.N%' in the text, in order."""
    return [float(x) for x in re.findall(r"(\d+\.\d)(?=%|–)", text)]


def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1200,900", "--allow-file-access-from-files"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


class Report(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = new_work()
        for name in ("sweep_small.yaml", "sensitivity_linear.yaml"):
            shutil.copy(os.path.join(SOURCE, "tests", "data", name), cls.work)
        made = [("run", NATO, "--runs", "200"),
                ("compare", NATO, "scenarios/counterfactuals/nato_russia_council_2002_no_us_backing.yaml", "--runs", "60"),
                ("sweep", "sweep_small.yaml", "--runs", "6"),
                ("sensitivity", "sensitivity_linear.yaml", "--samples", "8"),
                ("backtest", NATO, "scenarios/ec_car_emissions_1989.yaml", "--runs", "20")]
        for kind, *args in made:
            accord_ok(cls.work, kind, *args, "-o", f"out/{kind}", "-q")
        os.makedirs(ARTEFACTS, exist_ok=True)
        cls.reports = {}
        for kind in KINDS:
            path = os.path.join(ARTEFACTS, f"report-{kind}.html")
            accord_ok(cls.work, "report", f"out/{kind}", "-o", path)
            cls.reports[kind] = path
        cls.driver = browser()
        cls.pages = {kind: cls.open(kind) for kind in KINDS}

    @classmethod
    def open(cls, kind):
        """Loads the report; returns (headline texts, console log, image widths, screenshot path)."""
        driver = cls.driver
        driver.get("file://" + cls.reports[kind])
        driver.get_log("browser")  # nothing before this page
        driver.get("file://" + cls.reports[kind])
        driver.execute_script("return document.readyState")
        widths = driver.execute_script(
            "return Array.from(document.images).map(i => i.complete ? i.naturalWidth : 0)")
        svgs = driver.execute_script(
            "return Array.from(document.querySelectorAll('svg')).map(s => s.getBoundingClientRect().width)")
        headline = {e.get_attribute("id"): e.text for e in driver.find_elements("css selector", "[id^=headline]")}
        terms = [[cell.text.split("\n")[0] for cell in row.find_elements("css selector", "td")]
                 for row in driver.find_elements("css selector", "#headline-terms tr")][1:]
        height = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(1200, min(height + 100, 16000))
        shot = os.path.join(ARTEFACTS, f"report-{kind}.png")
        driver.save_screenshot(shot)
        driver.set_window_size(1200, 900)
        return dict(headline=headline, terms=terms, log=driver.get_log("browser"), widths=widths, svgs=svgs, shot=shot)

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        shutil.rmtree(cls.work)

    def out(self, kind, name):
        return pd.read_csv(os.path.join(self.work, "out", kind, name))

    def test_every_page_loads_without_console_errors_and_renders_every_image(self):
        for kind in KINDS:
            with self.subTest(kind=kind):
                page = self.pages[kind]
                severe = [entry for entry in page["log"] if entry["level"] == "SEVERE"]
                self.assertEqual(severe, [])
                self.assertGreaterEqual(len(page["widths"]) + len(page["svgs"]), 2 if kind != "backtest" else 1)
                self.assertTrue(all(w > 0 for w in page["widths"]), page["widths"])
                self.assertTrue(all(w > 0 for w in page["svgs"]), page["svgs"])
                with open(page["shot"], "rb") as f:
                    self.assertEqual(f.read(8), b"\x89PNG\r\n\x1a\n")

    def test_the_pages_are_self_contained(self):
        for kind in KINDS:
            with open(self.reports[kind], encoding="utf-8") as f:
                html = f.read()
            with self.subTest(kind=kind):
                self.assertIsNone(re.search(r"""(src|href)\s*=\s*(?!["']?(data:|#))""", html))
                self.assertNotIn("<script", html)
                self.assertNotIn("url(", html)
                titles = {"sweep": "Sweep test: four actors, two issues",
                          "sensitivity": "Sensitivity check: terms linear in one parameter",
                          "backtest": "Backtest on 2 cases: nato_russia_council_2002, ec_car_emissions_1989"}
                self.assertIn(f"<h1>{titles.get(kind, 'NATO-Russia Council terms, spring 2002')}</h1>", html)

    def test_run_headline_equals_summary_csv(self):
        summary = self.out("run", "summary.csv").set_index("quantity")
        agreed = summary.loc["agreed"]
        text = self.pages["run"]["headline"]["headline-agreement"]
        self.assertEqual(percents(text), [round(100 * agreed[c], 1) for c in ("mean", "ci_low", "ci_high")])
        self.assertIn("of 200 simulated runs", text)
        self.assertGreater(agreed["mean"], 0.9)  # the reference scenario agrees in most runs
        rows = self.pages["run"]["terms"]
        observed = {"decision_role": 45, "agenda": 45, "nato_autonomy": 90}
        names = ["Russia's role in council decision-making", "Breadth of the council's agenda",
                 "NATO's freedom to act alone at 19"]
        self.assertEqual(len(rows), 3)
        for row, name, (issue, value) in zip(rows, names, observed.items()):
            terms = summary.loc[f"terms_if_agreed.{issue}"]
            self.assertEqual(row, [name, f"{terms['mean']:.0f}", f"{terms['p05']:.0f}–{terms['p95']:.0f}", str(value)])

    def test_compare_headline_equals_compare_csv(self):
        agreed = self.out("compare", "compare.csv").set_index("quantity").loc["agreed"]
        text = self.pages["compare"]["headline"]["headline-compare"]
        self.assertEqual(percents(text)[:2], [round(100 * agreed["a"], 1), round(100 * agreed["b"], 1)])
        points = [float(x) for x in re.findall(r"[+-]\d+\.\d", text)]
        self.assertEqual(points, [round(100 * agreed[c], 1) for c in ("difference", "ci_low", "ci_high")])

    def test_sweep_headline_equals_points_csv(self):
        points = self.out("sweep", "points.csv")
        low, high = points.loc[points["p_agree"].idxmin()], points.loc[points["p_agree"].idxmax()]
        text = self.pages["sweep"]["headline"]["headline-sweep"]
        expected = [round(100 * row[c], 1) for row in (low, high) for c in ("p_agree", "p_agree_low", "p_agree_high")]
        self.assertEqual(percents(text), expected)
        self.assertIn(f"Over {len(points)} design points", text)

    def test_the_sweep_view_is_the_heatmap_of_two_parameters(self):
        """The page's sweep view is plot_sweep's picture: for sweep_small.yaml's 4 x 3 grid, a heatmap of the
        probability of agreement and one of its interval's half-width, the parameters named on the axes."""
        self.assertIs(report_html.VIEWS["sweep"][0][0], plot_sweep.figure_sweep)
        fig = plot_sweep.figure_sweep(results.Results(os.path.join(self.work, "out", "sweep")))
        maps = [ax for ax in fig.axes if ax.images]
        self.assertEqual([(ax.get_xlabel(), ax.get_ylabel()) for ax in maps],
                         [("reservation of NORTH", "capability of EAST")] * 2)
        points = self.out("sweep", "points.csv")
        self.assertEqual(sorted(maps[0].images[0].get_array().ravel().tolist()), sorted(points["p_agree"]))
        with open(self.reports["sweep"], encoding="utf-8") as f:
            self.assertIn("for two, a heatmap beside the half-width of its 95% interval", f.read())

    def test_sensitivity_headline_names_the_most_influential_parameter(self):
        text = self.pages["sensitivity"]["headline"]["headline-sensitivity"]
        table = self.out("sensitivity", "sensitivity.csv")
        top = table[(table["output"] == "agreed") & (table["index"] == "ST")].sort_values("value").iloc[-1]
        self.assertEqual(top["parameter"], "actors.A.positions.x")
        self.assertIn(f"depends most on position of A on x (total Sobol index {top['value']:.2f})", text)

    def test_backtest_headline_names_the_model_with_the_least_error(self):
        errors = self.out("backtest", "errors.csv")
        errors = errors[errors["fold"].astype(str) == "all"] if "fold" in errors.columns else errors
        errors = errors.dropna(subset=["mae"])
        best = errors.loc[errors["mae"].idxmin()]
        text = self.pages["backtest"]["headline"]["headline-backtest"]
        self.assertIn(f"Closest to the observed outcomes: {best['model']}, off by {best['mae']:.1f} points", text)
        self.assertIn(f"over {int(best['cases'])} observed terms", text)


class BacktestHeadlineOnDeu(unittest.TestCase):
    def test_the_headline_skips_fitted_blends_and_models_scored_on_fewer_issues(self):
        # On DEU III the blends' `all` weight is fitted on every issue (fitted.csv) and the reference
        # point is scored on 253 issues of 353: neither may be named. Of the rest, voting power has
        # the least error (22.93, docs/validation.md).
        work = tempfile.mkdtemp()
        try:
            accord_ok(work, "backtest", "--deu", os.path.join(SOURCE, "tests/data/deu3/deu3.tsv"), "-q",
                      "-o", os.path.join(work, "deu"))
            text = "".join(report_headline.backtest_headline(results.Results(os.path.join(work, "deu"))))
            self.assertIn("Closest to the observed outcomes: <b>voting-power</b>, off by 22.9 points", text)
            self.assertIn("over 353 observed terms", text)
        finally:
            shutil.rmtree(work)


class RunHeadlineOfOneRun(unittest.TestCase):
    def test_one_run_is_one_run_in_the_headline(self):
        # A single run, or a single run without a deal, read "of 1 simulated runs" and "In the 1 runs
        # without a deal".
        with scenario_work() as work:
            accord_ok(work, "run", NATO, "--runs", "1", "--set", "actors.USA_DOD.reservation=1", "-q", "-o", "one")
            text = "".join(report_headline.run_headline(results.Results(os.path.join(work, "one"))))
            self.assertIn("of 1 simulated run (95% interval", text)
            self.assertIn("In the 1 run without a deal, the actors whose refusal blocked it", text)
            self.assertNotIn("1 runs", text)


class Network(unittest.TestCase):
    def test_without_graphviz_the_network_is_a_matplotlib_drawing_of_every_actor(self):
        with scenario_work() as work:
            accord_ok(work, "run", NATO, "--runs", "5", "-o", "out", "-q")
            loaded = results.Results(os.path.join(work, "out"))
            fig = report_network.figure_network(loaded)
            labels = sorted(t.get_text() for t in fig.axes[0].texts if t.get_text())
            self.assertEqual(len(labels), 13)
            self.assertIn("United States: Pentagon", labels)
            self.assertEqual(len([c for c in fig.axes[0].get_children() if type(c).__name__ == "Annotation"
                                  and not c.get_text()]), len(report_network.edges(loaded.scenario)))
            image, how = report_network.network(loaded, accord=None)  # no accord: the dot path is not taken
            self.assertTrue(image.startswith('<img alt="" src="data:image/png;base64,'))
            self.assertIn("drawn by matplotlib", how)


class Refusals(unittest.TestCase):
    def setUp(self):
        self.work = tempfile.mkdtemp()

    def tearDown(self):
        shutil.rmtree(self.work)

    def five_runs(self):
        """Five runs of the reference scenario in self.work/out (scenarios/ copied in)."""
        copy_scenarios(self.work)
        accord_ok(self.work, "run", NATO, "--runs", "5", "-o", "out", "-q")

    def refused(self, message):
        """accord report out -o r.html exits 2 with message in its stderr, no traceback, and writes no r.html."""
        done = accord(self.work, "report", "out", "-o", "r.html")
        self.assertEqual(done.returncode, 2, done.stderr)
        self.assertIn(message, done.stderr)
        self.assertNotIn("Traceback", done.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.work, "r.html")))

    def test_a_directory_without_results_exits_2_and_writes_nothing(self):
        os.makedirs(os.path.join(self.work, "empty"))
        for directory in ("empty", "missing"):
            done = accord(self.work, "report", directory, "-o", "r.html")
            self.assertEqual(done.returncode, 2, done.stderr)
            self.assertIn(f"{directory}: error: not", done.stderr)
        self.assertEqual(sorted(os.listdir(self.work)), ["empty"])

    def test_an_unfinished_sweep_is_named_with_the_way_to_finish_it(self):
        # Before, it was only "not an accord result directory". An interrupted sweep leaves its state
        # file and journals, and no manifest.json (docs/sweeps.md).
        sweep = os.path.join(self.work, "sweep")
        os.makedirs(sweep)
        for name in (".accord-sweep", "runs.csv.partial", "points.csv.partial"):
            with open(os.path.join(sweep, name), "w") as f:
                f.write("x\n")
        done = accord(self.work, "report", "sweep", "-o", "r.html")
        self.assertEqual(done.returncode, 2, done.stderr)
        self.assertIn("sweep: error: an unfinished sweep", done.stderr)
        self.assertIn("--resume", done.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.work, "r.html")))

    def test_a_garbage_manifest_exits_2_with_its_place_and_writes_nothing(self):
        # Before, a manifest.json that is not JSON was read as no manifest: the page was built from
        # runs.csv alone and accord report exited 0.
        self.five_runs()
        manifest = os.path.join(self.work, "out", "manifest.json")
        cases = [(b'{\n  "scenario": "x",\n  garbage\n', "manifest.json:3:3: error: not a manifest of accord"),
                 (b"[1, 2]\n", "manifest.json:1:1: error: not a manifest of accord: a JSON object"),
                 (b'{"scenario": "\xff"}\n', "manifest.json:1:15: error: not UTF-8 (byte 0xff)")]
        for text, message in cases:
            with open(manifest, "wb") as f:
                f.write(text)
            self.refused(message)

    def test_a_damaged_result_csv_exits_2_with_its_name_and_writes_nothing(self):
        # Before, a runs.csv cut in a quoted cell or a summary.csv with a byte that is not UTF-8 ended
        # accord report with a Python traceback and exit status 1.
        self.five_runs()
        cases = [("runs.csv", b'garbage,"x\n', "runs.csv:7:1: error: not a CSV file of accord"),
                 ("summary.csv", b"agreed,\xff\n", "summary.csv: error: not a CSV file of accord")]
        for name, tail, message in cases:
            path = os.path.join(self.work, "out", name)
            with open(path, "rb") as f:
                kept = f.read()
            with open(path, "ab") as f:
                f.write(tail)
            self.refused(message)
            with open(path, "wb") as f:
                f.write(kept)

    def test_a_result_csv_without_its_columns_exits_2_naming_them(self):
        # Found by an attack: runs.csv or summary.csv cut to their first columns ended accord report
        # with a Python traceback (KeyError: 'agreed', KeyError: 'ci_low') and exit status 1.
        self.five_runs()
        for name, message in [("runs.csv", "runs.csv:1:1: error: not a CSV file of accord (its header lacks "
                                            "'converged', 'agreed', 'agreement_round', 'agreement_date', which "
                                            "runs.csv always has"),
                              ("summary.csv", "summary.csv:1:1: error: not a CSV file of accord (its header lacks "
                                               "'sd', 'min', 'p05', 'p50', 'p95', 'max', 'ci_low', 'ci_high'")]:
            path = os.path.join(self.work, "out", name)
            with open(path, encoding="utf-8") as f:
                kept = f.read()
            with open(path, "w", encoding="utf-8") as f:
                f.write("".join(",".join(line.split(",")[:3]) + "\n" for line in kept.splitlines()))
            self.refused(message)
            with open(path, "w", encoding="utf-8") as f:
                f.write(kept)

    def test_text_in_a_number_column_or_a_manifest_key_of_another_type_exits_2_with_its_place(self):
        # Found by the second attack: 'abc' in summary.csv's mean ended accord report with a Python
        # traceback (ValueError: Unknown format code 'f') and exit 1, and a manifest whose command_line
        # is not a list with one (TypeError: object of type 'int' has no len()).
        self.five_runs()
        summary = os.path.join(self.work, "out", "summary.csv")
        with open(summary, encoding="utf-8") as f:
            kept = f.read()
        self.assertTrue(kept.splitlines()[1].startswith("agreed,5,"))
        with open(summary, "w", encoding="utf-8") as f:
            f.write(kept.replace("agreed,5,", "agreed,5,abc", 1))
        # Line 2, column 10: the cell of 'mean' on the 'agreed' row.
        self.refused("summary.csv:2:10: error: not a CSV file of accord (column 'mean' holds 'abc")
        with open(summary, "w", encoding="utf-8") as f:
            f.write(kept)
        manifest = os.path.join(self.work, "out", "manifest.json")
        with open(manifest, encoding="utf-8") as f:
            text = f.read()
        for key, value, message in [("command_line", "5", "manifest.json:3:3: error: not a manifest of accord: "
                                                          "'command_line' is not a list of texts"),
                                    ("scenario", "[1]", "manifest.json:4:3: error: not a manifest of accord: "
                                                        "'scenario' is not a text")]:
            damaged = re.sub(f'"{key}": [^\\n]*,\\n', f'"{key}": {value},\\n', text, count=1)
            self.assertNotEqual(damaged, text)
            with open(manifest, "w", encoding="utf-8") as f:
                f.write(damaged)
            self.refused(message)
        with open(manifest, "w", encoding="utf-8") as f:
            f.write(text)
        self.assertEqual(accord(self.work, "report", "out", "-o", "r.html").returncode, 0)

    def test_an_output_that_cannot_be_written_exits_1(self):
        self.five_runs()
        done = accord(self.work, "report", "out", "-o", "no/such/dir/r.html")
        self.assertEqual(done.returncode, 1, done.stderr)
        self.assertIn("cannot write the report", done.stderr)

    def test_an_output_that_is_not_a_regular_file_is_written_in_place_not_replaced(self):
        # A rename over a pipe or a device would replace it (as root, even /dev/full): a FIFO stands
        # for them here, with a reader that takes the whole page.
        self.five_runs()
        fifo = os.path.join(self.work, "page.fifo")
        os.mkfifo(fifo)
        keeper = os.open(fifo, os.O_RDWR)  # a writer held open, so that no open below blocks
        source = os.open(fifo, os.O_RDONLY)
        received = []

        def read_all():
            chunks = []
            while chunk := os.read(source, 65536):
                chunks.append(chunk)
            received.append(b"".join(chunks))

        reader = threading.Thread(target=read_all)
        reader.start()
        done = accord(self.work, "report", "out", "-o", "page.fifo")
        os.close(keeper)  # the last writer gone: the reader sees the end
        reader.join()
        os.close(source)
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertTrue(stat.S_ISFIFO(os.stat(fifo).st_mode), "the FIFO was replaced by a file")
        self.assertTrue(received and received[0].startswith(b"<!DOCTYPE html>"), received[:1])

    def test_a_python_without_matplotlib_exits_1_with_a_message(self):
        self.five_runs()
        bare = os.path.join(self.work, "bare-python3")
        with open(bare, "w") as f:
            f.write("#!/bin/sh\nexec /usr/bin/python3 -S \"$@\"\n")  # -S: no site packages, so no matplotlib
        os.chmod(bare, stat.S_IRWXU)
        done = accord(self.work, "report", "out", "-o", "r.html", env=dict(os.environ, ACCORD_PYTHON3=bare))
        self.assertEqual(done.returncode, 1, done.stderr)
        self.assertIn("matplotlib is missing", done.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.work, "r.html")))
        done = accord(self.work, "report", "out", "-o", "r.html",
                      env=dict(os.environ, ACCORD_PYTHON3=os.path.join(self.work, "none")))
        self.assertEqual(done.returncode, 1)
        self.assertIn("python3 not found", done.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=1)
