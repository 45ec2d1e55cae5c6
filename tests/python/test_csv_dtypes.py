#!/usr/bin/env python3
"""The data dictionary's types are the pandas dtypes of the result files (docs/interface.md section 4.1).

Reads the column tables of docs/interface.md section 4 (the `type` column of each result file's table), makes
the result directories of run, sweep, compare, sensitivity and backtest, reads every CSV file with pandas as
section 4.1 says, and checks that every column is documented and has a dtype its documented type allows: each
column keeps one type, and an empty cell is NaN in a float64 column only where the type says it may be empty.

    python3 tests/python/test_csv_dtypes.py SOURCE_DIR ACCORD    (ctest -R python.test_csv_dtypes)
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

ARGS, sys.argv[1:] = sys.argv[1:], []  # SOURCE_DIR ACCORD, as ctest gives them; unittest takes no argument
SOURCE = os.path.abspath(ARGS[0])
ACCORD = os.path.abspath(ARGS[1])
import pandas as pd  # noqa: E402

INTERFACE = os.path.join(SOURCE, "docs", "interface.md")
# The file tables of each section of docs/interface.md: (section heading prefix, file) -> the key it documents.
SECTIONS = {"### 4.2": "run", "### 4.4": "sweep", "### 4.6": "compare", "### 4.8": "sensitivity/backtest"}
# The files each command writes, and the section whose table documents each one.
MADE = {
    "run": {f: ("run", f) for f in ("runs.csv", "trajectory.csv", "terms.csv", "blockers.csv", "zopa.csv",
                                     "summary.csv")},
    "sweep": {f: ("sweep", f) for f in ("runs.csv", "points.csv")},
    "compare": {"compare.csv": ("compare", "compare.csv")},
    # Its runs.csv and points.csv are "in the format of section 4.4".
    "sensitivity": {"sensitivity.csv": ("sensitivity/backtest", "sensitivity.csv"), "runs.csv": ("sweep", "runs.csv"),
                    "points.csv": ("sweep", "points.csv")},
    "backtest": {f: ("sensitivity/backtest", f) for f in ("cases.csv", "errors.csv")},
}


def cells(line):
    return [c.strip() for c in re.split(r"(?<!\\)\|", line.strip().strip("|"))]


def ticked(text):
    return re.findall(r"`([^`]+)`", text)


def documented_tables(path=INTERFACE):
    """{(section key, file name): [(column pattern, type)]} from the tables of section 4 with a `type` column."""
    tables, section, current_file, header = {}, None, None, None
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    for line in lines:
        if line.startswith("### "):
            section = next((key for prefix, key in SECTIONS.items() if line.startswith(prefix)), None)
            current_file = ticked(line)[-1] if section == "compare" else None
            header = None
        elif line.startswith("#### "):
            current_file = ticked(line)[0] if ticked(line) else None
            header = None
        elif section and line.startswith("|"):
            row = cells(line)
            if header is None:
                header = row
                continue
            if set(line) <= set("|-: ") or "type" not in header:
                continue
            record = dict(zip(header, row))
            file_name = ticked(record["file"])[0] if record.get("file") and ticked(record["file"]) else None
            if "file" in header:
                current_file = file_name or current_file  # an empty `file` cell continues the file above
            elif section == "sensitivity/backtest":
                current_file = "sensitivity.csv"
            add_row(tables.setdefault((section, current_file), []), record, tables)
        else:
            header = None if not line.startswith("|") else header
    return tables


def add_row(table, record, tables):
    names = ticked(record["column"])
    if "…" in record["column"]:  # `rounds` … `proposer`: as in runs.csv of accord run, from rounds on
        columns = [name for name, _ in tables[("run", "runs.csv")]]
        start, end = columns.index(names[0]), columns.index(names[-1])
        table.extend(tables[("run", "runs.csv")][start:end + 1])
        return
    types = ticked(record["type"].split("(")[0])
    if len(types) == 1:
        types = types * len(names)
    assert len(types) == len(names), f"{record['column']}: {len(names)} columns, types {types}"
    table.extend(zip(names, types))


def pattern(name):
    """`terms.<issue>` as a regular expression; `<drawn parameter>` and `<sweep parameter>` match any path."""
    parts = re.split(r"(<[^>]+>)", name)
    return "^" + "".join(r"[^,]+" if p.startswith("<") else re.escape(p) for p in parts) + "$"


def type_of(column, table):
    """The documented type of a file's column: the first exact name, else the first pattern that matches
    (ids and issues before parameters: `<... parameter>` rows are tried last)."""
    for name, type_ in table:
        if name == column:
            return type_
    ordered = sorted(table, key=lambda row: "parameter>" in row[0])
    for name, type_ in ordered:
        if "<" in name and re.match(pattern(name), column):
            return type_
    return None


def allowed(type_, series):
    """Whether the dtype of `series` is one the 4.1 table allows for `type_`."""
    dtype = str(series.dtype)
    empty = bool(series.isna().any())
    base, optional = type_.rstrip("?"), type_.endswith("?")
    if empty and not optional:
        return False
    if empty and series.isna().all():
        return dtype == "float64" if base in ("real", "int", "bool") else dtype in ("float64", "object")
    if empty:  # some cells empty: numbers become float64 with NaN; text stays object
        return dtype == ("object" if base in ("str", "date") else "float64")
    return {"int": ("int64", "uint64"), "bool": ("int64",), "real": ("float64", "int64"), "str": ("object",),
            "date": ("object",)}[base].__contains__(dtype)


def accord(cwd, *args):
    done = subprocess.run([ACCORD, *args, "-q"], cwd=cwd, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


class DataDictionary(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tables = documented_tables()
        cls.work = tempfile.mkdtemp()
        nato = os.path.join(SOURCE, "scenarios", "nato_russia_council_2002.yaml")
        data = os.path.join(SOURCE, "tests", "data")
        # A Pentagon that asks for more than the status quo leaves runs without a deal: empty agreement cells.
        accord(cls.work, "run", nato, "--runs", "40", "--set", "actors.USA_DOD.reservation=0.95", "-o", "run")
        accord(cls.work, "sweep", os.path.join(data, "process_logistic.yaml"), "--runs", "4", "-o", "sweep")
        accord(cls.work, "compare", nato,
               os.path.join(SOURCE, "scenarios", "counterfactuals", "nato_russia_council_2002_no_us_backing.yaml"),
               "--runs", "30", "-o", "compare")
        accord(cls.work, "sensitivity", os.path.join(data, "sensitivity_linear.yaml"), "--samples", "8", "-o",
               "sensitivity")
        accord(cls.work, "backtest", nato, os.path.join(SOURCE, "scenarios", "ec_car_emissions_1989.yaml"),
               "--runs", "20", "-o", "backtest")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.work)

    def test_the_documented_tables_are_found(self):
        for kind, files in MADE.items():
            for name, key in files.items():
                self.assertIn(key, self.tables, f"{kind}/{name}: no table in docs/interface.md")
        run_types = dict(self.tables[("run", "runs.csv")])
        self.assertEqual((run_types["agreement_round"], run_types["agreement_date"], run_types["proposer"]),
                         ("int?", "date?", "str"))
        self.assertEqual(dict(self.tables[("sweep", "runs.csv")])["agreement_round"], "int?")

    def test_rules_of_section_4_1(self):
        self.assertTrue(allowed("real", pd.Series([45, 50])))  # every value whole: int64
        self.assertTrue(allowed("real?", pd.Series([1.5, None])))
        self.assertFalse(allowed("real", pd.Series([1.5, None])))  # empty where the type says never
        self.assertFalse(allowed("int", pd.Series([1.5, 2.0])))
        self.assertFalse(allowed("real", pd.Series(["1", "x"])))  # one column, two types: object
        self.assertTrue(allowed("date?", pd.Series([None, None], dtype="float64")))  # no calendar

    def test_every_column_of_every_result_file_has_its_documented_dtype(self):
        checked = 0
        for kind, files in MADE.items():
            for name, key in files.items():
                path = os.path.join(self.work, kind, name)
                frame = pd.read_csv(path, keep_default_na=False, na_values=[""])
                self.assertGreater(len(frame), 0, path)
                for column in frame.columns:
                    type_ = type_of(column, self.tables[key])
                    self.assertIsNotNone(type_, f"{kind}/{name}: column {column!r} is not in docs/interface.md")
                    self.assertTrue(allowed(type_, frame[column]),
                                    f"{kind}/{name}: column {column!r} is {frame[column].dtype} "
                                    f"(empty cells: {int(frame[column].isna().sum())}), documented {type_}")
                    checked += 1
        self.assertGreater(checked, 100)

    def test_the_empty_cells_are_there(self):
        """The run has runs without a deal, so agreement_round is float64 with NaN (int? with an empty cell)."""
        runs = pd.read_csv(os.path.join(self.work, "run", "runs.csv"), keep_default_na=False, na_values=[""])
        self.assertTrue(runs["agreement_round"].isna().any() and runs["agreement_round"].notna().any())
        self.assertEqual(str(runs["agreement_round"].dtype), "float64")
        self.assertEqual(str(runs["agreed"].dtype), "int64")


if __name__ == "__main__":
    unittest.main(verbosity=1)
