"""An accord result directory as the pictures need it: its kind, its manifest, its scenario and the names
of the scenario's issues, actors and parameters (docs/interface.md sections 3 and 4).

The manifest records the scenario path as it was given, often relative to the directory accord ran in,
which it records as `working_directory` (manifests of older versions do not). find_scenario() tries,
in order: the path itself when absolute; relative to `working_directory`; relative to
the working directory that the manifest's relative `-o DIR` implies (the results directory minus DIR);
relative to the results directory and each of its parents; relative to the current directory. A
candidate counts only when its SHA-256 is the manifest's `scenario_sha256`, so a file edited since is
not taken for the one that made the results; when none matches, the first file that exists is used.
"""
import hashlib
import json
import os
import re
import textwrap
import urllib.parse

import pandas as pd
import yaml

KINDS = ("run", "sweep", "merge", "compare", "sensitivity", "backtest")
# The file that marks each kind, for a directory without a readable manifest.
MARKERS = [("sensitivity.csv", "sensitivity"), ("compare.csv", "compare"), ("cases.csv", "backtest"),
           ("points.csv", "sweep"), ("runs.csv", "run")]


class BadCsv(Exception):
    """A result file that is not a CSV file of accord: its message is PATH[:LINE:1]: error: ..."""


# The columns of accord's result files that hold text (type str, str? or date? in docs/interface.md
# section 4); every other column holds numbers or is empty.
TEXT_COLUMNS = {"quantity", "actor", "issue", "proposer", "date", "agreement_date", "model", "fold", "case",
                "target", "method", "output", "parameter", "index"}


# The columns every result file of its name has, whatever command wrote it (docs/interface.md section 4):
# the pictures and the page read them by name, and a file without one failed with a traceback (KeyError).
REQUIRED_COLUMNS = {
    "runs.csv": ("run", "seed", "rounds", "converged", "agreed", "agreement_round", "agreement_date"),
    "points.csv": ("point", "runs", "p_agree", "p_agree_low", "p_agree_high"),
    "summary.csv": ("quantity", "n", "mean", "sd", "min", "p05", "p50", "p95", "max", "ci_low", "ci_high"),
    "trajectory.csv": ("run", "round", "date", "actor", "issue", "position"),
    "terms.csv": ("run", "round", "date", "issue", "terms", "accepting_capability_share", "agreed"),
    "blockers.csv": ("run", "round", "date", "actor", "utility", "reservation", "surplus", "accepted", "proposer"),
    "zopa.csv": ("run", "round", "date", "issue", "actor", "low", "high", "zone"),
    "compare.csv": ("quantity", "a", "b", "difference", "ci_low", "ci_high"),
    "sensitivity.csv": ("method", "output", "parameter", "index", "value", "ci_low", "ci_high"),
    "cases.csv": ("case", "issue", "observed"),
    "errors.csv": ("model", "cases", "mae", "rmse"),
}


def read_csv(directory, name):
    """DIRECTORY/NAME as docs/interface.md section 4.1 says to read it, or None when it is absent."""
    path = os.path.join(directory, name)
    if not os.path.exists(path):
        return None
    try:
        frame = pd.read_csv(path, keep_default_na=False, na_values=[""])
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as error:
        # pandas names the place as 'line N' (of the file) or 'row N' (counted from 0, the header).
        place = ""
        found = re.search(r"\b(line|row) (\d+)", str(error))
        if found:
            place = f":{int(found.group(2)) + (found.group(1) == 'row')}:1"
        raise BadCsv(f"{path}{place}: error: not a CSV file of accord ({error})") from None
    missing = [column for column in REQUIRED_COLUMNS.get(name, ()) if column not in frame.columns]
    if missing:
        raise BadCsv(f"{path}:1:1: error: not a CSV file of accord (its header lacks "
                     f"{', '.join(repr(c) for c in missing)}, which {name} always has: docs/interface.md section 4)")
    check_numbers(path, frame)
    return frame


def check_numbers(path, frame):
    """Refuses (BadCsv, with the cell's line and column) text in a column that holds numbers: the pictures
    and the headline would otherwise fail on it with a traceback."""
    for position, column in enumerate(frame.columns):
        if column in TEXT_COLUMNS or frame[column].dtype != object:
            continue
        numbers = pd.to_numeric(frame[column], errors="coerce")
        bad = frame[column].notna() & numbers.isna()
        if not bad.any():
            continue
        row = int(bad.to_numpy().argmax())
        line = row + 2  # the header is line 1
        with open(path, encoding="utf-8", newline="") as f:
            for _ in range(line):
                text = f.readline()
        cells = text.rstrip("\r\n").split(",")
        # Numbers and ids are never quoted (section 4.1): the column is the cells before it, when no quote came first.
        at = len(",".join(cells[:position])) + (position > 0) + 1 if '"' not in text else 1
        raise BadCsv(f"{path}:{line}:{at}: error: not a CSV file of accord (column '{column}' holds "
                     f"'{frame[column].iloc[row]}', not a number)")


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def output_option(command_line):
    """The DIR of `-o DIR` in the command line, or None."""
    for i, arg in enumerate(command_line[:-1]):
        if arg in ("-o", "--output"):
            return command_line[i + 1]
    return None


def run_directory(directory, command_line):
    """The directory accord ran in, when `-o DIR` was relative and DIR ends the results' absolute path."""
    given = output_option(command_line or [])
    if not given or os.path.isabs(given):
        return None
    absolute = os.path.realpath(directory)
    parts = [p for p in os.path.normpath(given).split(os.sep) if p not in ("", ".")]
    if ".." in parts or not parts:
        return None
    tail = os.path.join(*parts)
    if not absolute.endswith(os.sep + tail):
        return None
    return absolute[:-len(tail) - 1]


def candidates(directory, given, command_line, working_directory=None):
    if os.path.isabs(given):
        return [given]
    bases = [working_directory, run_directory(directory, command_line)]
    base = os.path.realpath(directory)
    while True:
        bases.append(base)
        parent = os.path.dirname(base)
        if parent == base:
            break
        base = parent
    bases.append(os.getcwd())
    return [os.path.join(b, given) for b in bases if b]


def find_scenario(directory, given, digest, command_line, working_directory=None):
    """The absolute path of the scenario file named `given` in the manifest (module docstring), or None."""
    existing = [c for c in candidates(directory, given, command_line, working_directory) if os.path.isfile(c)]
    for path in existing:
        if digest and sha256(path) == digest:
            return os.path.abspath(path)
    return os.path.abspath(existing[0]) if existing else None


def load_yaml(path):
    try:
        with open(path, encoding="utf-8") as f:
            document = yaml.safe_load(f)
        return document if isinstance(document, dict) else None
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None


def short(text, width=34):
    """A name short enough for a legend: the part before a parenthesis, cut at a word."""
    text = str(text).strip()
    head = text.split(" (")[0]
    if len(head) >= 3:
        text = head
    return text if len(text) <= width else textwrap.shorten(text, width, placeholder="...")


class Names:
    """Issue, actor and parameter names in words, from a scenario (a dict) or, without one, the ids."""

    def __init__(self, scenario):
        scenario = scenario or {}
        self.issues = {str(i.get("id")): str(i.get("name", i.get("id"))) for i in scenario.get("issues") or []
                       if isinstance(i, dict)}
        actors = scenario.get("actors")
        self.actors = {str(a.get("id")): str(a.get("name", a.get("id"))) for a in actors or []
                       if isinstance(a, dict)} if isinstance(actors, list) else {}
        self.scales = {str(i.get("id")): i.get("scale", [0, 100]) for i in scenario.get("issues") or []
                       if isinstance(i, dict)}

    def issue(self, issue_id):
        return self.issues.get(str(issue_id), str(issue_id))

    def actor(self, actor_id):
        return short(self.actors.get(str(actor_id), str(actor_id)))

    def quantity(self, column):
        """A column such as terms.<issue>, outcome.<issue> or agreed, in words."""
        if column == "agreed":
            return "probability of agreement"
        for prefix, words in (("terms.", "terms on"), ("outcome.", "outcome on"),
                              ("terms_if_agreed.", "terms if agreed on")):
            if column.startswith(prefix):
                return f"{words} {self.issue(column[len(prefix):])}"
        return self.parameter(column)

    def parameter(self, path):
        """A parameter path (docs/interface.md section 3) in words."""
        globals_ = {"model.confidence": "confidence bound", "model.tolerance": "convergence tolerance",
                    "model.rounds": "number of rounds", "model.step": "step per round",
                    "outcome.threshold": "decision threshold", "outcome.temperature": "acceptance temperature",
                    "outcome.margin": "margin over the status quo"}
        if path in globals_:
            return globals_[path]
        match = re.fullmatch(r"actors\.(\w+)\.(positions|salience)\.(\w+)", path)
        if match:
            actor, field, issue = match.groups()
            word = "position" if field == "positions" else "salience"
            return f"{word} of {self.actor(actor)} on {self.issue(issue)}"
        match = re.fullmatch(r"actors\.(\w+)\.(\w+)", path)
        if match:
            return f"{match.group(2).replace('_', '-')} of {self.actor(match.group(1))}"
        match = re.fullmatch(r"influence\.(\w+)->(\w+)\.weight", path)
        if match:
            return f"influence of {self.actor(match.group(1))} on {self.actor(match.group(2))}"
        match = re.fullmatch(r"issues\.(\w+)\.status_quo", path)
        if match:
            return f"status quo of {self.issue(match.group(1))}"
        return path


def _text(value):
    return isinstance(value, str)


# (key, check, what it must be) for the manifest's keys that the pictures and the report read.
MANIFEST_TYPES = [("command_line", lambda v: isinstance(v, list) and all(map(_text, v)), "not a list of texts")] + [
    (key, _text, "not a text") for key in ("scenario", "scenario_bytes", "scenario_sha256", "scenario_b",
                                            "scenario_b_bytes", "scenario_b_sha256", "working_directory")]


class Results:
    """One result directory: kind, manifest, scenario (a dict, or None) and names."""

    def __init__(self, directory):
        self.directory = os.path.abspath(directory)
        self.manifest = self._manifest()
        self.kind = self._kind()
        command_line = self.manifest.get("command_line")
        working = self.manifest.get("working_directory")
        working = working if isinstance(working, str) else None
        self.scenario_path = None
        if isinstance(self.manifest.get("scenario"), str):
            self.scenario_path = find_scenario(self.directory, self._path("scenario"),
                                               self.manifest.get("scenario_sha256"), command_line, working)
        self.scenario = load_yaml(self.scenario_path) if self.scenario_path else None
        self.scenario_b = None
        if isinstance(self.manifest.get("scenario_b"), str):
            path_b = find_scenario(self.directory, self._path("scenario_b"),
                                   self.manifest.get("scenario_b_sha256"), command_line, working)
            self.scenario_b = load_yaml(path_b) if path_b else None
        self.names = Names(self.scenario)

    def _path(self, key):
        """The manifest's path `key`, exactly: a path that is not UTF-8 has its bytes in `key_bytes`
        (percent-encoded, docs/interface.md section 4.3), else the text is the path."""
        escaped = self.manifest.get(key + "_bytes")
        if isinstance(escaped, str):
            return os.fsdecode(urllib.parse.unquote_to_bytes(escaped))
        return self.manifest[key]

    def _manifest(self):
        """The manifest as a dict ({} when there is none); a manifest.json that is there but is not a
        JSON object is noted in `manifest_problem` as "FILE:LINE:COL: error: ..." (report refuses it)."""
        self.manifest_problem = None
        path = os.path.join(self.directory, "manifest.json")
        try:
            with open(path, "rb") as f:
                data = f.read()
        except FileNotFoundError:
            return {}
        except OSError as error:
            self.manifest_problem = f"{path}: error: cannot read it: {error.strerror or error}"
            return {}
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            before = data[:error.start]
            line, column = before.count(b"\n") + 1, error.start - (before.rfind(b"\n") + 1) + 1
            self.manifest_problem = f"{path}:{line}:{column}: error: not UTF-8 (byte 0x{data[error.start]:02x})"
            return {}
        try:
            manifest = json.loads(text)
        except ValueError as error:
            line, column = getattr(error, "lineno", 1), getattr(error, "colno", 1)
            reason = getattr(error, "msg", str(error))
            self.manifest_problem = f"{path}:{line}:{column}: error: not a manifest of accord: {reason}"
            return {}
        if not isinstance(manifest, dict):
            self.manifest_problem = f"{path}:1:1: error: not a manifest of accord: a JSON object was expected"
            return {}
        # The keys read here must have their types (docs/interface.md section 4.3), else a traceback follows.
        for key, wanted, words in MANIFEST_TYPES:
            if key in manifest and not wanted(manifest[key]):
                at = text.find(f'"{key}"')
                line, column = (text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1) if at >= 0 else (1, 1)
                self.manifest_problem = f"{path}:{line}:{column}: error: not a manifest of accord: '{key}' is {words}"
                return {}
        return manifest

    def _kind(self):
        command_line = self.manifest.get("command_line") or []
        if len(command_line) > 1 and command_line[1] in KINDS:
            return "sweep" if command_line[1] == "merge" else command_line[1]
        for marker, kind in MARKERS:
            if os.path.exists(os.path.join(self.directory, marker)):
                return kind
        return None

    def csv(self, name):
        return read_csv(self.directory, name)

    def title(self):
        """The scenario's name, else its file name, else the directory's name."""
        if self.scenario and self.scenario.get("name"):
            return str(self.scenario["name"])
        path = self.scenario_path or self.manifest.get("scenario")
        if path:
            return os.path.splitext(os.path.basename(path))[0]
        return os.path.basename(self.directory)
