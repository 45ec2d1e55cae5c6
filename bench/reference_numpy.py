#!/usr/bin/env python3
"""The NumPy reference: accord's model of the frozen reference scenario, vectorised over runs.

    /usr/bin/python3 bench/reference_numpy.py [SCENARIO] [--runs N] [--seed S] [--chunk C] [--json]

It computes what docs/models.md says for exactly the features the reference scenario
(bench/reference_scenario/nato_russia_council_2002.yaml) uses, and refuses any other with exit
status 2: Friedkin-Johnsen dynamics with `capability-salience` weights and a speed of persuasion
`model.step` (sections 2, 3, 16.2), dated events (section 10), the `uncertainty` draws (normal,
uniform, triangular; section 11), decisions only at meetings (16.3), status-quo and numeric
reservations (16.5), the agenda setter under `veto-players` with ratifiers and threshold
acceptance (16.6, 16.8). It is the peer of issue 13: the "careful vectorised NumPy code" that
accord's throughput is measured against (bench/suite.py, docs/performance.md).

How it is vectorised. Runs are processed in chunks; inside a chunk every quantity is an array
over runs. Each round is one batched matrix product per issue, X <- clip(M X + b), with the
round's affine map M = (1 - eta) I + eta (1 - A) W_k and b = eta A xbar folded once per change
of weights (at the start and at each event), not per round. At each meeting the runs that agreed
are dropped from the chunk, so that only runs still negotiating are computed.

What it computes at a decision. Under `rule: setter` with `decision: veto-players`, threshold
acceptance and no margin, the constraint set C (the proposer, the veto actors and their
ratifiers) contains every needed actor, and the setter's offer satisfies every actor of C, so a
decision agrees exactly when the setter's linear program is feasible: some terms tau in [0, 1]^m
with sum_k s^_ik |tau_k - x_ik| <= 1 - rho_i for every i in C (to 2e-10 in utility, as accord).
This script decides that feasibility, vectorised over runs, with the central-cut ellipsoid
method (Bland, Goldfarb & Todd 1981) on the worst constraint's subgradient, after the two exact
shortcuts of accord's solver (a floor above 1 is infeasible; the proposer's ideal, if it meets
every constraint, is feasible). It does not compute the setter's offer itself (accord's linear
program and tie-break), so it does less work per decision than accord: the throughput ratio it
gives is, if anything, favourable to NumPy.

Random numbers come from NumPy's generator (PCG64), not accord's xoshiro256**, so results agree
with accord's within sampling error, not run for run (tests/python/test_reference_numpy.py).
"""
import argparse
import datetime
import json
import sys
import time

import numpy as np
import yaml

HERE = __file__.rsplit("/", 1)[0] if "/" in __file__ else "."
DEFAULT_SCENARIO = HERE + "/reference_scenario/nato_russia_council_2002.yaml"
FEASIBILITY_TOL = 2e-10       # accord decides the setter's feasibility to 2e-10 in utility (models.md 16.6)
ELLIPSOID_ITERATIONS = 800    # enough to shrink the ellipsoid below 1e-10 in every direction in 3 issues


class Unsupported(Exception):
    """A feature of the scenario that this reference does not implement (exit status 2)."""


def need(condition, what):
    if not condition:
        raise Unsupported(what)


def require_process(doc):
    """The outcome rules of the frozen scenario's negotiation process, the only ones simulate() computes."""
    outcome = doc.get("outcome", {})
    need(outcome.get("decide") == "at-meetings", "outcome.decide other than at-meetings")
    need(outcome.get("rule") == "setter", "outcome.rule other than setter")
    need(outcome.get("decision") == "veto-players", "outcome.decision other than veto-players")
    need(outcome.get("acceptance", "threshold") == "threshold", "outcome.acceptance other than threshold")
    need(outcome.get("stop", "on-agreement") == "on-agreement", "outcome.stop other than on-agreement")
    need(float(outcome.get("margin", 0)) == 0, "outcome.margin other than 0")
    need(all("status_quo" in i for i in doc["issues"]), "an issue without status_quo")


class Scenario:
    """The scenario as arrays in normalised units, with the features this reference supports checked."""

    def __init__(self, path, require=None):
        """`require(doc)` checks the outcome rules of the model the caller computes (default: the
        negotiation process of the frozen scenario, require_process)."""
        with open(path) as f:
            doc = yaml.safe_load(f)
        self.path = path
        model = doc.get("model", {})
        need(model.get("dynamics", "friedkin-johnsen") == "friedkin-johnsen", "model.dynamics other than friedkin-johnsen")
        need(model.get("weighting", "capability-salience") == "capability-salience", "model.weighting other than capability-salience")
        need("coupling" not in model and "confidence" not in model, "model.coupling or model.confidence")
        need("actors_table" not in doc and isinstance(doc["actors"], list), "an actor table")
        (require or require_process)(doc)

        self.issues = [i["id"] for i in doc["issues"]]
        self.lo = np.array([float(i["scale"][0]) for i in doc["issues"]])
        self.hi = np.array([float(i["scale"][1]) for i in doc["issues"]])
        self.status_quo = np.array([self.norm(k, i.get("status_quo", i["scale"][0])) for k, i in enumerate(doc["issues"])])
        actors = doc["actors"]
        self.actors = [a["id"] for a in actors]
        n, m = len(actors), len(self.issues)
        self.position = np.array([[self.norm(k, a["positions"][iss]) for k, iss in enumerate(self.issues)] for a in actors])
        self.salience = np.array([[float(a["salience"][iss]) for iss in self.issues] for a in actors])
        self.capability = np.array([float(a["capability"]) for a in actors])
        self.stubbornness = np.array([float(a.get("stubbornness", 0)) for a in actors])
        self.self_weight = np.array([float(a.get("self_weight", 1)) for a in actors])
        self.veto = np.array([bool(a.get("veto", False)) for a in actors])
        res = [a.get("reservation", 0.8) for a in actors]
        self.status_quo_reservation = np.array([r == "status-quo" for r in res])
        self.reservation = np.array([0.0 if r == "status-quo" else float(r) for r in res])
        index = {a: i for i, a in enumerate(self.actors)}
        self.index = index
        ratifiers = {index[a["id"]]: [index[r] for r in a.get("ratifiers", [])] for a in actors}
        self.has_ratifiers = any(ratifiers.values())
        # C: the proposer, the veto actors, then their ratifiers following chains (models.md 16.6)
        proposer = doc.get("outcome", {}).get("proposer")
        self.proposer = index[proposer] if proposer is not None else None
        members = {self.proposer} - {None} | {i for i in range(n) if self.veto[i]}
        stack = list(members)
        while stack:
            for r in ratifiers[stack.pop()]:
                if r not in members:
                    members.add(r)
                    stack.append(r)
        self.constrained = np.array(sorted(members))
        self.edges = np.zeros((n, n))  # edges[i, j] = w(j -> i)
        for e in doc.get("influence", []):
            self.edges[index[e["to"]], index[e["from"]]] = float(e["weight"])
        self.rounds = int(model["rounds"])
        self.step = float(model.get("step", 1))
        self.tolerance = float(model.get("tolerance", 1e-6))

        start = datetime.date.fromisoformat(str(doc["calendar"]["start"]))
        need(doc["calendar"].get("step", "1d") == "1d", "a calendar step other than 1d")
        self.events = {}  # round -> list of (path, value)
        self.meetings = []
        for ev in doc.get("events", []):
            at = ev["at"]
            r = at if isinstance(at, int) else (datetime.date.fromisoformat(str(at)) - start).days
            need(0 < r <= self.rounds, "an event at round 0 or after model.rounds")
            self.events.setdefault(r, []).extend((p, float(v)) for p, v in (ev.get("set") or {}).items())
            if ev.get("meeting"):
                self.meetings.append(r)
        self.meetings = sorted(set(self.meetings))
        self.last_event_round = max((r for r, sets in self.events.items() if sets), default=0)  # L, models.md 5
        for r, sets in self.events.items():
            for p, _ in sets:
                self.parse_path(p)
        self.uncertainty = []
        for p, spec in (doc.get("uncertainty") or {}).items():
            (kind, args), = spec.items()
            need(kind in ("normal", "uniform", "triangular"), f"uncertainty {kind}")
            self.uncertainty.append((p, self.parse_path(p), kind, [float(a) for a in args]))
        mc = doc.get("monte_carlo", {})
        self.runs, self.seed = int(mc.get("runs", 1000)), int(mc.get("seed", 0))

    def norm(self, k, value):
        return (np.asarray(value, dtype=float) - self.lo[k]) / (self.hi[k] - self.lo[k])

    def parse_path(self, path):
        """(field, actor or edge or issue index, issue index) of a parameter path."""
        parts = path.split(".")
        if parts[0] == "actors" and len(parts) == 4 and parts[2] in ("positions", "salience"):
            return (parts[2], self.index[parts[1]], self.issues.index(parts[3]))
        if parts[0] == "actors" and len(parts) == 3 and parts[2] in ("capability", "stubbornness", "reservation"):
            need(parts[2] != "reservation" or not self.status_quo_reservation[self.index[parts[1]]],
                 "a status-quo reservation set or drawn")
            return (parts[2], self.index[parts[1]], None)
        if parts[0] == "influence" and len(parts) == 3 and parts[2] == "weight":
            src, dst = parts[1].split("->")
            return ("edge", (self.index[dst], self.index[src]), None)
        if parts[0] == "issues" and len(parts) == 3 and parts[2] == "status_quo":
            return ("status_quo", self.issues.index(parts[1]), None)
        if path == "model.step":
            return ("step", None, None)
        raise Unsupported(f"parameter path {path}")


class Chunk:
    """The state of a chunk of runs: every array has the runs as its first axis."""

    def __init__(self, sc, runs):
        self.runs = runs
        self.position = np.broadcast_to(sc.position, (runs,) + sc.position.shape).copy()
        self.salience = np.broadcast_to(sc.salience, (runs,) + sc.salience.shape).copy()
        self.capability = np.broadcast_to(sc.capability, (runs,) + sc.capability.shape).copy()
        self.stubbornness = np.broadcast_to(sc.stubbornness, (runs,) + sc.stubbornness.shape).copy()
        self.reservation = np.broadcast_to(sc.reservation, (runs,) + sc.reservation.shape).copy()
        self.edges = np.broadcast_to(sc.edges, (runs,) + sc.edges.shape).copy()
        self.status_quo = np.broadcast_to(sc.status_quo, (runs,) + sc.status_quo.shape).copy()
        self.step = np.full(runs, sc.step)

    def assign(self, sc, parsed, values, clamp):
        """Sets a parameter in every run of the chunk (values: one per run or a scalar)."""
        field, who, issue = parsed
        if field in ("positions", "salience"):
            target, (low, high) = (self.position, (0.0, 1.0)) if field == "positions" else (self.salience, (0.0, 1.0))
            v = sc.norm(issue, values) if field == "positions" else values
            target[:, who, issue] = np.clip(v, low, high) if clamp else v
        elif field == "capability":
            self.capability[:, who] = np.maximum(values, 0.0) if clamp else values
        elif field == "stubbornness":
            self.stubbornness[:, who] = np.clip(values, 0.0, 1.0) if clamp else values
        elif field == "reservation":
            self.reservation[:, who] = np.clip(values, 0.0, 1.0) if clamp else values
        elif field == "edge":
            self.edges[:, who[0], who[1]] = np.maximum(values, 0.0) if clamp else values
        elif field == "status_quo":
            v = sc.norm(who, values)
            self.status_quo[:, who] = np.clip(v, 0.0, 1.0) if clamp else v
        elif field == "step":
            self.step[:] = np.clip(values, np.finfo(float).tiny, 1.0) if clamp else values

    def keep(self, mask, refold=False):
        """Only the runs of mask; with refold the round's map is left out (fold builds it anew next)."""
        names = ("position", "anchor", "salience", "capability", "stubbornness", "reservation", "edges",
                 "status_quo", "step") + (() if refold else ("M", "b"))
        for name in names:
            setattr(self, name, getattr(self, name)[mask])
        self.runs = int(mask.sum())


def draw(sc, chunk, rng):
    """The uncertainty draws, in the order listed, clamped to their ranges (models.md section 11)."""
    n = chunk.runs
    for _, parsed, kind, a in sc.uncertainty:
        if kind == "normal":
            v = rng.normal(a[0], a[1], n)
        elif kind == "uniform":
            v = rng.uniform(a[0], a[1], n)
        else:
            v = a[0] if a[0] == a[2] else rng.triangular(a[0], a[1], a[2], n)
        chunk.assign(sc, parsed, v, clamp=True)


def fold(sc, chunk):
    """The round's affine map per run and issue: X(t+1) = M X(t) + b (models.md 2, 3, 16.2), M
    C-contiguous (R, m, n, n) and built in place (profiled: a broadcast product left M strided, and
    every later reshape or product copied it)."""
    runs, n, m = chunk.runs, len(sc.actors), len(sc.issues)
    f = np.ascontiguousarray((chunk.capability[:, :, None] * chunk.salience).transpose(0, 2, 1))   # (R, m, n): c_j s_jk
    raw = np.empty((runs, m, n, n))
    np.multiply(chunk.edges[:, None, :, :], f[:, :, None, :], out=raw)         # (R, m, i, j): w(j -> i) f_jk
    diag = np.arange(n)
    raw[:, :, diag, diag] = sc.self_weight[None, None, :] * f
    total = raw.sum(axis=3)
    need(np.all(total > 0), "a zero row of the influence matrix")
    raw *= ((chunk.step[:, None] * (1.0 - chunk.stubbornness))[:, None, :] / total)[:, :, :, None]   # eta (1 - a_i) W_ijk
    if np.any(chunk.step != 1.0):
        raw[:, :, diag, diag] += (1.0 - chunk.step)[:, None, None]
    chunk.M = raw
    chunk.b = (chunk.step[:, None] * chunk.stubbornness)[:, None, :] * chunk.anchor.transpose(0, 2, 1)  # (R, m, n)


def feasible(sc, chunk):
    """Whether the setter's program has an offer, per run: some tau in the unit cube with
    sum_k s^_ik |tau_k - x_ik| <= 1 - rho_i for every i in C (models.md 16.5, 16.6)."""
    C = sc.constrained
    x = chunk.position[:, C, :]                                   # (R, c, m)
    s = chunk.salience[:, C, :]
    s_hat = s / s.sum(axis=2, keepdims=True)
    rho = chunk.reservation[:, C].copy()
    sq = sc.status_quo_reservation[C]
    rho[:, sq] = np.clip(1.0 - (s_hat[:, sq] * np.abs(chunk.status_quo[:, None, :] - x[:, sq])).sum(axis=2), 0.0, 1.0)
    rhs = 1.0 - rho                                               # (R, c)
    result = np.all(rhs >= -FEASIBILITY_TOL, axis=1)
    # the proposer's ideal meets every constraint: feasible at once
    p = list(C).index(sc.proposer)
    at_ideal = (s_hat * np.abs(x[:, p:p + 1, :] - x)).sum(axis=2) - rhs
    decided = ~result | np.all(at_ideal <= FEASIBILITY_TOL, axis=1)
    todo = np.flatnonzero(~decided)
    if todo.size:
        result[todo] = ellipsoid(x[todo], s_hat[todo], rhs[todo])
    return result


def ellipsoid(x, s_hat, rhs):
    """Deep-cut ellipsoid search (Bland, Goldfarb & Todd 1981, section 3) for a point of the unit
    cube meeting every constraint to FEASIBILITY_TOL. At a centre c that violates a constraint
    g . y <= beta by h = g . c - beta (a cube face, or the worst actor's constraint with g its
    subgradient, which bounds the constraint from below), every feasible point lies in
    {y : g . (y - c) <= -h}: the cut keeps that half-space. alpha = h / sqrt(g'Pg) >= 1 means the
    ellipsoid, which holds every feasible point, misses it: no offer exists."""
    runs, _, d = x.shape
    centre = np.full((runs, d), 0.5)
    P = np.broadcast_to(np.eye(d) * (d / 4.0), (runs, d, d)).copy()   # the ball around the cube
    found = np.zeros(runs, dtype=bool)
    alive = np.arange(runs)
    for _ in range(ELLIPSOID_ITERATIONS):
        if alive.size == 0:
            break
        c, Pa = centre[alive], P[alive]
        xs, ss, rr = x[alive], s_hat[alive], rhs[alive]
        rows = np.arange(alive.size)
        violation = (ss * np.abs(c[:, None, :] - xs)).sum(axis=2) - rr        # (A, c)
        worst = violation.argmax(axis=1)
        h = violation[rows, worst] - FEASIBILITY_TOL
        g = ss[rows, worst] * np.sign(c - xs[rows, worst])
        # a centre outside the cube is cut by its most violated face instead
        face_h = np.maximum(-c, c - 1.0)                                    # (A, d)
        face = face_h.argmax(axis=1)
        outside = face_h[rows, face] > 0
        g[outside] = 0.0
        g[outside, face[outside]] = np.where(c[outside, face[outside]] < 0, -1.0, 1.0)
        h[outside] = face_h[outside, face[outside]]
        ok = ~outside & (h <= 0)
        found[alive[ok]] = True
        Pg = np.einsum("rij,rj->ri", Pa, g)
        gPg = (g * Pg).sum(axis=1)
        root = np.sqrt(np.where(gPg > 0, gPg, 1.0))
        alpha = h / root
        usable = ~ok & (gPg > 0) & np.isfinite(gPg) & (alpha < 1.0)
        alpha = np.clip(alpha, 0.0, 1.0 - 1e-12)
        tau = (1.0 + d * alpha) / (d + 1)
        sigma = 2.0 * tau / (1.0 + alpha)
        delta = d * d * (1.0 - alpha * alpha) / (d * d - 1.0)
        centre[alive] = c - (tau / root)[:, None] * Pg
        P[alive] = delta[:, None, None] * (Pa - (sigma / (root * root))[:, None, None] * Pg[:, :, None] * Pg[:, None, :])
        alive = alive[usable]
    return found


def apply_events(sc, chunk, t, X):
    """The events of round t on the chunk's parameters and on the positions X (R, m, n) just computed
    for round t; returns the new positions, (R, m, n). A position set is the actor's anchor too
    (models.md 10); the caller refolds the weights."""
    chunk.position = X.transpose(0, 2, 1).copy()
    for path, value in sc.events[t]:
        parsed = sc.parse_path(path)
        chunk.assign(sc, parsed, value, clamp=False)
        if parsed[0] == "positions":
            chunk.anchor[:, parsed[1], parsed[2]] = chunk.position[:, parsed[1], parsed[2]]
    return chunk.position.transpose(0, 2, 1).copy()


def simulate(sc, runs, seed, chunk_size):
    """Probability of agreement and the agreement rounds over `runs` runs."""
    rng = np.random.default_rng(seed)
    agreed_at = np.zeros(len(sc.meetings), dtype=np.int64)
    done = 0
    while done < runs:
        size = min(chunk_size, runs - done)
        chunk = Chunk(sc, size)
        draw(sc, chunk, rng)
        chunk.anchor = chunk.position.copy()
        X = chunk.position.transpose(0, 2, 1).copy()                       # (R, m, n)
        fold(sc, chunk)
        last = sc.meetings[-1]
        stale = False
        for t in range(1, min(last, sc.rounds) + 1):
            if stale:
                fold(sc, chunk)
                stale = False
            X = np.einsum("rkij,rkj->rki", chunk.M, X)
            X += chunk.b
            np.clip(X, 0.0, 1.0, out=X)
            if t in sc.events:
                X = apply_events(sc, chunk, t, X)
                stale = True          # folded after the decision, on the runs still negotiating only
            if t in sc.meetings:
                chunk.position = X.transpose(0, 2, 1).copy()
                ok = feasible(sc, chunk)
                agreed_at[sc.meetings.index(t)] += int(ok.sum())
                chunk.keep(~ok, refold=stale)                             # only runs still negotiating
                X = X[~ok]
                if chunk.runs == 0:
                    break
        done += size
    return agreed_at


def read_scenario(args, require=None):
    """(scenario, runs, seed) of the command line, or (None, 0, 0) after saying why on stderr."""
    try:
        sc = Scenario(args.scenario, require)
    except Unsupported as e:
        print(f"{args.scenario}: not supported by the NumPy reference: {e}", file=sys.stderr)
        return None, 0, 0
    except (OSError, yaml.YAMLError, KeyError, ValueError) as e:
        print(f"{args.scenario}: cannot read: {e}", file=sys.stderr)
        return None, 0, 0
    runs = args.runs if args.runs is not None else sc.runs
    seed = args.seed if args.seed is not None else sc.seed
    if runs < 1 or args.chunk < 1:
        print("--runs and --chunk must be at least 1", file=sys.stderr)
        return None, 0, 0
    return sc, runs, seed


def command_line(argv, doc, default_scenario, require=None):
    """(arguments, scenario, runs, seed) of a NumPy reference's command line (doc: its script's
    docstring, whose first line --help shows); scenario None after an error."""
    ap = argparse.ArgumentParser(description=doc.split("\n")[0])
    ap.add_argument("scenario", nargs="?", default=default_scenario)
    ap.add_argument("--runs", type=int)
    ap.add_argument("--seed", type=int)
    ap.add_argument("--chunk", type=int, default=8192, help="runs computed together (memory ~ 40 KB per run)")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    args = ap.parse_args(argv)
    return (args,) + read_scenario(args, require)


def timed(args, simulate, sc, runs, seed):
    """(what simulate returns, its seconds), or (None, 0) after saying on stderr what is not supported."""
    start = time.perf_counter()
    try:
        result = simulate(sc, runs, seed, args.chunk)
    except Unsupported as e:
        print(f"{args.scenario}: not supported by the NumPy reference: {e}", file=sys.stderr)
        return None, 0.0
    return result, time.perf_counter() - start


def main(argv):
    args, sc, runs, seed = command_line(argv, __doc__, DEFAULT_SCENARIO)
    if sc is None:
        return 2
    agreed_at, seconds = timed(args, simulate, sc, runs, seed)
    if agreed_at is None:
        return 2
    agreed = int(agreed_at.sum())
    mean_round = float((agreed_at * np.array(sc.meetings)).sum() / agreed) if agreed else float("nan")
    result = {"runs": runs, "seed": seed, "agreed": agreed, "probability": agreed / runs,
              "mean_agreement_round": mean_round,
              "agreed_at": {str(r): int(k) for r, k in zip(sc.meetings, agreed_at)},
              "seconds": seconds, "runs_per_second": runs / seconds}
    report(args, result, [f"mean agreement round: {mean_round:.3f}",
                          "agreed at meetings: " + ", ".join(f"round {r}: {k}" for r, k in result["agreed_at"].items())])
    return 0


def report(args, result, lines):
    """Prints the result as one JSON object (--json; an undefined mean, NaN, as null) or as text: the
    runs and seed, the probability of agreement, `lines`, and the time."""
    if args.json:
        print(json.dumps({k: (None if isinstance(v, float) and v != v else v) for k, v in result.items()}))
        return
    runs, agreed, seconds = result["runs"], result["agreed"], result["seconds"]
    print(f"runs: {runs}  seed: {result['seed']}")
    print(f"probability of agreement: {agreed / runs:.4f} ({agreed} of {runs} runs)")
    for line in lines:
        print(line)
    print(f"simulated in {seconds:.3f} s ({runs / seconds:.0f} runs/s)")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
