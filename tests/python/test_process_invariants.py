#!/usr/bin/env python3
"""The result files of the negotiation process agree with each other on random small scenarios.

Writes 60 small scenarios from a fixed random seed, each mixing the process keys at their edges: one to five
actors, status quos and stances at the scale's ends, every `rule`, `decision` and `decide`, setters (named, or
`random`) that may also hold a veto or ratify another actor, chains of ratifiers, meetings at round 0 and at the
last round, events that give or take a veto, a drawn `model.rounds` that may end a run before its meetings, a drawn
status quo, logistic acceptance. Runs each with `accord run -o DIR --trajectories all` and checks, run by run, what
docs/models.md (sections 8, 16.3-16.10) says about runs.csv, terms.csv, blockers.csv, zopa.csv and summary.csv:

* outcome.<issue> is the deal's terms when agreed (except every-round with stop: end, section 9);
* a deal under `at-meetings` is made at a meeting round; the agreed_at rows add up to `agreed`;
* blockers.csv and zopa.csv name the same needed actors at the run's final decision; surplus = utility - reservation;
* under `threshold` acceptance a verdict is utility >= reservation (with 1e-9 under `setter`);
* under `unanimity` or `veto-players` with `threshold` acceptance, a deal has every needed actor accepting, zone 1,
  and terms inside every issue's `*` interval; under `unanimity` with a weighted rule, the decision agrees exactly
  when every needed actor accepts;
* under `majority`, an agreed decision has an accepting capability share of at least the threshold;
* `blocked_by.<actor>` of summary.csv is the share of failed runs in which the actor refused at the final decision.

The first version of these checks ran on 750 such scenarios without finding a disagreement (branch attack-three).

    python3 tests/python/test_process_invariants.py SOURCE_DIR ACCORD    (ctest -R python.test_process_invariants)
"""
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import unittest

ARGS, sys.argv[1:] = sys.argv[1:], []  # SOURCE_DIR ACCORD, as ctest gives them; unittest takes no argument
ACCORD = os.path.abspath(ARGS[1])
import pandas as pd  # noqa: E402

READ = dict(keep_default_na=False, na_values=[""])  # docs/interface.md section 4.1


def scenario(rng):
    """A random small scenario (text) and the facts the checks need."""
    n, m = rng.randint(1, 5), rng.randint(1, 2)
    ids = [f"P{i}" for i in range(n)]
    rule = rng.choice(["weighted-mean", "weighted-median", "nash", "setter"])
    decision = rng.choice(["unanimity", "veto-players", "majority"])
    decide = rng.choice(["every-round", "at-meetings"])
    stop = rng.choice(["on-agreement", "end"])
    rounds = rng.randint(0, 12)
    vetoes = [rng.random() < 0.5 for _ in ids]
    if decision == "veto-players" and not any(vetoes):
        vetoes[0] = True
    lines = ["accord: 1",
             "issues: [" + ", ".join(f"{{id: i{k}, status_quo: {rng.choice([0, 100, rng.randint(0, 100)])}}}"
                                     for k in range(m)) + "]",
             "actors:"]
    for i, a in enumerate(ids):
        pos = ", ".join(f"i{k}: {rng.choice([0, 100, rng.randint(0, 100)])}" for k in range(m))
        # The first actor cares about every issue, so that every issue has terms (scenario-format.md section 19).
        sal = ", ".join(f"i{k}: {rng.choice([0.5, 1, round(rng.random(), 2) + 0.01]) if i == 0 else rng.choice([0, 0.5, 1, round(rng.random(), 2)])}"
                        for k in range(m))
        ratifier = f", ratifiers: [{ids[rng.randint(i + 1, n - 1)]}]" if i + 1 < n and rng.random() < 0.3 else ""
        lines.append(f"  - {{id: {a}, capability: {rng.choice([1, 2, 5])}, positions: {{{pos}}}, salience: {{{sal}}}, "
                     f"reservation: {rng.choice(['status-quo', round(rng.random(), 2), 0.8])}, "
                     f"veto: {str(vetoes[i]).lower()}, stubbornness: {round(rng.random(), 2)}{ratifier}}}")
    edges = set()
    for _ in range(rng.randint(0, 2 * n) if n > 1 else 0):
        edges.add(tuple(rng.sample(ids, 2)))
    if edges:
        lines.append("influence:")
        lines += [f"  - {{from: {a}, to: {b}, weight: {round(rng.random() + 0.1, 2)}}}" for a, b in sorted(edges)]
    lines.append(f"model: {{rounds: {rounds}, step: {rng.choice([1, 0.5, 0.1])}}}")
    keys = [f"rule: {rule}", f"decision: {decision}", f"decide: {decide}", f"stop: {stop}"]
    threshold = rng.choice([0, 0.5, 0.7, 1])
    if decision == "majority":
        keys.append(f"threshold: {threshold}")
    if rule == "setter":
        keys.append(f"proposer: {rng.choice(ids + ['random'])}")
    logistic = decide == "at-meetings" and rng.random() < 0.4
    if logistic:
        keys += ["acceptance: logistic", f"temperature: {rng.choice([0.01, 0.05])}"]
    lines.append("outcome: {" + ", ".join(keys) + "}")
    events, meetings = [], []
    if decide == "at-meetings":
        meetings = sorted({rng.randint(0, rounds) for _ in range(rng.randint(1, 3))})
        events += [(r, f"  - {{at: {r}, meeting: true}}") for r in meetings]
    if rounds > 0 and rng.random() < 0.5:
        r = rng.randint(0, rounds)
        events.append((r, f"  - {{at: {r}, set: {{actors.{rng.choice(ids)}.veto: {rng.choice(['true', 'false'])}}}}}"))
    if events:
        lines += ["events:"] + [e for _, e in sorted(events, key=lambda e: e[0])]
    drawn = []
    if rng.random() < 0.5:
        drawn.append(f"  model.rounds: {{choice: [{max(rounds - 3, 0)}, {rounds}]}}")
    if rng.random() < 0.5:
        drawn.append("  issues.i0.status_quo: {uniform: [0, 100]}")
    if drawn:
        lines += ["uncertainty:"] + drawn
    lines.append(f"monte_carlo: {{runs: 20, seed: {rng.randint(1, 999)}}}")
    facts = dict(rule=rule, decision=decision, logistic=logistic, threshold=threshold, meetings=meetings,
                 end_every_round=stop == "end" and decide == "every-round")
    return "\n".join(lines) + "\n", facts


def problems(out, f):
    """What in the result files of one scenario disagrees with docs/models.md."""
    runs = pd.read_csv(os.path.join(out, "runs.csv"), **READ)
    blockers = pd.read_csv(os.path.join(out, "blockers.csv"), **READ)
    zopa = pd.read_csv(os.path.join(out, "zopa.csv"), **READ)
    terms = pd.read_csv(os.path.join(out, "terms.csv"), **READ)
    summary = pd.read_csv(os.path.join(out, "summary.csv"), **READ).set_index("quantity")
    issues = [c[len("terms."):] for c in runs.columns if c.startswith("terms.")]
    found = []
    for _, r in runs.iterrows():
        run = int(r["run"])
        if r["agreed"] == 1 and not f["end_every_round"]:
            for i in issues:
                if abs(r[f"outcome.{i}"] - r[f"terms.{i}"]) > 1e-9:
                    found.append(f"run {run}: outcome.{i} {r[f'outcome.{i}']} is not the deal's {r[f'terms.{i}']}")
        if r["agreed"] == 1 and f["meetings"] and int(r["agreement_round"]) not in f["meetings"]:
            found.append(f"run {run}: a deal at round {r['agreement_round']}, not a meeting {f['meetings']}")
        b = blockers[blockers["run"] == run]
        if b.empty:
            continue
        final = b["round"].iloc[0]
        z = zopa[(zopa["run"] == run) & (zopa["round"] == final)]
        t = terms[(terms["run"] == run) & (terms["round"] == final)]
        if not z.empty and set(z["actor"]) - {"*"} != set(b["actor"]):
            found.append(f"run {run}: zopa.csv and blockers.csv name other needed actors")
        for _, x in b.iterrows():
            if abs(x["utility"] - x["reservation"] - x["surplus"]) > 1e-12:
                found.append(f"run {run}: surplus of {x['actor']} is not utility - reservation")
            if not f["logistic"]:
                slack = 1e-9 if f["rule"] == "setter" else 0.0
                if (x["accepted"] == 1) != (x["utility"] >= x["reservation"] - slack):
                    found.append(f"run {run}: {x['actor']} accepted={x['accepted']} at utility {x['utility']}, "
                                 f"reservation {x['reservation']}")
        if f["logistic"] or t.empty:
            continue
        agreed_there = int(t["agreed"].iloc[0]) == 1
        if f["decision"] != "majority" and agreed_there:
            if (b["accepted"] == 0).any():
                found.append(f"run {run}: a deal that a needed actor refused")
            star = z[z["actor"] == "*"]
            if (star["zone"] == 0).any():
                found.append(f"run {run}: a deal where zopa.csv says no terms were acceptable")
            for i in issues:
                s = star[star["issue"] == i]
                v = t[t["issue"] == i]["terms"].iloc[0]
                if s.empty:
                    continue
                if math.isnan(s["low"].iloc[0]) or not s["low"].iloc[0] - 1e-6 <= v <= s["high"].iloc[0] + 1e-6:
                    found.append(f"run {run}: the deal's {i} = {v} is outside the '*' interval "
                                 f"[{s['low'].iloc[0]}, {s['high'].iloc[0]}]")
        if f["decision"] == "unanimity" and f["rule"] in ("weighted-mean", "weighted-median"):
            if bool((b["accepted"] == 1).all()) != agreed_there:
                found.append(f"run {run}: unanimity, every needed actor accepting is {(b['accepted'] == 1).all()}, "
                             f"agreed is {agreed_there}")
        if f["decision"] == "majority" and agreed_there and \
                t["accepting_capability_share"].iloc[0] < f["threshold"] - 1e-12:
            found.append(f"run {run}: a majority deal with share {t['accepting_capability_share'].iloc[0]}")
    failed = runs[runs["agreed"] == 0]["run"]
    for q in (q for q in summary.index if q.startswith("blocked_by.") and len(failed)):
        actor = q[len("blocked_by."):]
        refused = blockers[(blockers["actor"] == actor) & (blockers["accepted"] == 0) & blockers["run"].isin(failed)]
        if abs(refused["run"].nunique() / len(failed) - summary.loc[q, "mean"]) > 1e-12:
            found.append(f"{q} = {summary.loc[q, 'mean']}, the failed runs give {refused['run'].nunique() / len(failed)}")
    at = [q for q in summary.index if q.startswith("agreed_at.")]
    if at and abs(sum(summary.loc[q, "mean"] for q in at) - summary.loc["agreed", "mean"]) > 1e-9:
        found.append("the agreed_at rows do not add up to agreed")
    return found


class ProcessInvariants(unittest.TestCase):
    def test_random_process_scenarios(self):
        rng = random.Random(20261206)
        work = tempfile.mkdtemp(prefix="accord-process-invariants-")
        self.addCleanup(shutil.rmtree, work)
        ran = agreed = failed = 0
        for k in range(60):
            text, facts = scenario(rng)
            path = os.path.join(work, f"s{k}.yaml")
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            out = os.path.join(work, f"o{k}")
            done = subprocess.run([ACCORD, "run", path, "-o", out, "-q", "--trajectories", "all"],
                                  capture_output=True, text=True)
            self.assertEqual(done.returncode, 0, f"scenario {k}:\n{text}\n{done.stderr}")
            with self.subTest(scenario=k):
                self.assertEqual(problems(out, facts), [], f"scenario {k}:\n{text}")
            runs = pd.read_csv(os.path.join(out, "runs.csv"), **READ)
            ran += 1
            agreed += int((runs["agreed"] == 1).any())
            failed += int((runs["agreed"] == 0).any())
        # The scenarios reach both outcomes, so the checks of deals and of failures both ran.
        self.assertEqual(ran, 60)
        self.assertGreater(agreed, 10)
        self.assertGreater(failed, 10)


if __name__ == "__main__":
    unittest.main(verbosity=1)
