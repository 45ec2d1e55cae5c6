#!/usr/bin/env python3
"""The NumPy reference of the issue-time scenario: accord's original model, vectorised over runs.

    /usr/bin/python3 bench/reference_numpy_v1.py [SCENARIO] [--runs N] [--seed S] [--chunk C] [--json]

Issue 13 asks for accord at 10x "the NumPy reference on the reference-sized scenario" as the
reference scenario stood when the issue was filed: the file kept byte for byte as
tests/data/legacy/nato_russia_council_2002_v1.yaml (the default SCENARIO). That scenario uses the
model before the negotiation process, and this script computes exactly that model, refusing with
exit status 2 any scenario that needs more (docs/models.md): Friedkin-Johnsen dynamics with
`capability-salience` weights (sections 2, 3), `weighted-mean` terms (6), threshold acceptance
u_i >= rho_i with numeric reservations (7), `decision: veto-players` judged at every round from
round 0 (8, 9), `stop: on-agreement`, the convergence stop after the last event with
`model.tolerance` (5), dated events on a 1-day calendar (10) and the `uncertainty` draws (11). The
parsing, the draws and the weights are bench/reference_numpy.py's (the peer of the frozen
post-process scenario); only the rounds and the decision are this file's.

How it is vectorised. Runs are processed in chunks; inside a chunk every quantity is an array over
runs. Each round is one batched matrix product per issue, X <- M X + b with M = (1 - A) W_k and
b = A xbar, folded once per change of weights (at the start and after each event round), not per
round. No clamp: with no coupling every update is a convex combination of positions in [0, 1], so
clamping never binds (models.md section 4). The decision's weights (c_i s_ik over the actors for the
terms, the veto actors' salience shares and reservations) are likewise computed once per change.
The runs that agreed or converged are dropped from the chunk at every round, so that only runs still
negotiating are computed, and the largest move of a round (the convergence test) is measured only
after the last event, the only rounds at which it can end a run.

Random numbers come from NumPy's generator (PCG64), not accord's xoshiro256**, so results agree with
accord's within sampling error, not run for run (tests/python/test_reference_numpy_v1.py).
"""
import os
import sys

import numpy as np

import reference_numpy as ref

SOURCE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_SCENARIO = os.path.join(SOURCE, "tests", "data", "legacy", "nato_russia_council_2002_v1.yaml")


def require_v1(doc):
    """The outcome rules of the issue-time model, the only ones simulate() below computes."""
    outcome, model = doc.get("outcome", {}), doc.get("model", {})
    need = ref.need
    need(outcome.get("decide", "every-round") == "every-round", "outcome.decide other than every-round")
    need(outcome.get("rule", "weighted-mean") == "weighted-mean", "outcome.rule other than weighted-mean")
    need(outcome.get("decision") == "veto-players", "outcome.decision other than veto-players")
    need(outcome.get("acceptance", "threshold") == "threshold", "outcome.acceptance other than threshold")
    need(outcome.get("stop", "on-agreement") == "on-agreement", "outcome.stop other than on-agreement")
    need(float(model.get("step", 1)) == 1, "model.step other than 1")
    need(not any(ev.get("meeting") for ev in doc.get("events", [])), "a meeting event")
    for a in doc["actors"]:
        need(a.get("reservation", 0.8) != "status-quo", "a status-quo reservation")
        need(not a.get("ratifiers"), "ratifiers")
    for path in (doc.get("uncertainty") or {}):
        need(path != "model.step" and not path.startswith("issues."), f"uncertainty on {path}")
    for ev in doc.get("events", []):
        for path in (ev.get("set") or {}):
            need(path != "model.step" and not path.startswith("issues."), f"an event setting {path}")


class Decision:
    """What a decision needs, per run, folded once per change of parameters: the terms' weights
    c_i s_ik / sum_i c_i s_ik and the salience shares s_ik / sum_l s_il, both laid out (R, m, n)
    like the positions, and the loss each actor allows, 1 - rho_i (models.md sections 6 and 7).
    Every actor is judged, a non-veto actor allowing any loss (profiled: cheaper than gathering the
    veto actors' columns at every round)."""

    def __init__(self, sc, chunk):
        salience = np.ascontiguousarray(chunk.salience.transpose(0, 2, 1))           # (R, m, n)
        cs = chunk.capability[:, None, :] * salience
        total = cs.sum(axis=2, keepdims=True)
        ref.need(np.all(total > 0), "an issue where no actor has both capability and salience")
        self.terms_weight = cs / total
        s_total = salience.sum(axis=1, keepdims=True)
        # an actor with salience 0 everywhere has utility 1 (models.md 7): its shares are 0
        self.share = salience / np.where(s_total > 0, s_total, np.inf)
        self.loss_allowed = np.where(sc.veto, 1.0 - chunk.reservation, np.inf)       # u >= rho <=> loss <= 1 - rho

    def keep(self, mask):
        self.terms_weight, self.share, self.loss_allowed = (
            self.terms_weight[mask], self.share[mask], self.loss_allowed[mask])

    def judge(self, sc, X):
        """The terms (R, m) and whether every veto actor accepts them (R,), from positions X (R, m, n)."""
        terms = np.einsum("rkn,rkn->rk", self.terms_weight, X)
        loss = np.einsum("rkn,rkn->rn", self.share, np.abs(terms[:, :, None] - X))
        return terms, np.all(loss <= self.loss_allowed, axis=1)


class Tally:
    """Agreements by round and the sums of the agreed terms (issue units), over every chunk."""

    def __init__(self, sc):
        self.agreed_at = np.zeros(sc.rounds + 1, dtype=np.int64)
        self.terms_sum = np.zeros(len(sc.issues))
        self.terms_square_sum = np.zeros(len(sc.issues))
        self.scale = (sc.lo, sc.hi - sc.lo)

    def add(self, t, terms):
        if len(terms):
            self.agreed_at[t] += len(terms)
            v = self.scale[0] + terms * self.scale[1]
            self.terms_sum += v.sum(axis=0)
            self.terms_square_sum += (v * v).sum(axis=0)


def fold(sc, chunk):
    """The round's affine map per issue, M flattened to (R m, n, n) for one batched product."""
    ref.fold(sc, chunk)
    n = len(sc.actors)
    chunk.M = chunk.M.reshape(-1, n, n)


def simulate(sc, runs, seed, chunk_size):
    """The runs' agreements and agreed terms (a Tally)."""
    rng = np.random.default_rng(seed)
    ref.need(sc.veto.any(), "no veto actor (the rule would hold at once)")
    tally = Tally(sc)
    n, m = len(sc.actors), len(sc.issues)
    done = 0
    while done < runs:
        size = min(chunk_size, runs - done)
        done += size
        chunk = ref.Chunk(sc, size)
        ref.draw(sc, chunk, rng)
        chunk.anchor = chunk.position.copy()
        X = chunk.position.transpose(0, 2, 1).copy()                                 # (R, m, n)
        decision = Decision(sc, chunk)
        terms, ok = decision.judge(sc, X)                                           # round 0
        tally.add(0, terms[ok])
        fold(sc, chunk)
        stale = False
        # Runs that agreed or converged are marked dead and dropped once they are a quarter of the
        # chunk or a fold is due (profiled: dropping at every round copied M more than the rounds cost).
        live = ~ok

        def keep(mask, refold):
            if refold:                      # fold builds M and b anew for the runs kept (review)
                chunk.keep(mask, refold=True)
            else:
                chunk.M = chunk.M.reshape(-1, m, n, n)
                chunk.keep(mask)
                chunk.M = chunk.M.reshape(-1, n, n)
            decision.keep(mask)

        for t in range(1, sc.rounds + 1):
            if not live.all() and (stale or 4 * live.sum() < 3 * live.size):
                keep(live, stale)
                X = X[live]
                live = np.ones(chunk.runs, dtype=bool)
            if chunk.runs == 0:
                break
            if stale:
                fold(sc, chunk)
                stale = False
            nxt = np.matmul(chunk.M, X.reshape(-1, n, 1)).reshape(X.shape)
            nxt += chunk.b
            if t in sc.events:
                nxt = ref.apply_events(sc, chunk, t, nxt)
                stale = True
                decision = Decision(sc, chunk)  # terms and acceptance at round t use its new values
            terms, ok = decision.judge(sc, nxt)
            ok &= live
            tally.add(t, terms[ok])
            live &= ~ok
            if t > sc.last_event_round:                                                # models.md 5
                live &= np.abs(nxt - X).max(axis=(1, 2)) > sc.tolerance
            X = nxt
    return tally


def main(argv):
    args, sc, runs, seed = ref.command_line(argv, __doc__, DEFAULT_SCENARIO, require_v1)
    if sc is None:
        return 2
    tally, seconds = ref.timed(args, simulate, sc, runs, seed)
    if tally is None:
        return 2
    at = tally.agreed_at
    agreed = int(at.sum())
    rounds = np.arange(len(at))
    mean_round = float((at * rounds).sum() / agreed) if agreed else float("nan")
    sd_round = float(np.sqrt(max(0.0, (at * (rounds - mean_round) ** 2).sum() / (agreed - 1)))) if agreed > 1 else float("nan")
    mean_terms = tally.terms_sum / agreed if agreed else np.full(len(sc.issues), np.nan)
    var_terms = (tally.terms_square_sum - agreed * mean_terms ** 2) / (agreed - 1) if agreed > 1 else mean_terms * np.nan
    result = {"runs": runs, "seed": seed, "agreed": agreed, "probability": agreed / runs,
              "mean_agreement_round": mean_round, "sd_agreement_round": sd_round,
              "agreed_at": {str(r): int(k) for r, k in enumerate(at) if k},
              "mean_terms": {k: (float(v) if agreed else None) for k, v in zip(sc.issues, mean_terms)},
              "sd_terms": {k: (float(np.sqrt(max(v, 0.0))) if agreed > 1 else None) for k, v in zip(sc.issues, var_terms)},
              "seconds": seconds, "runs_per_second": runs / seconds}
    ref.report(args, result, [
        f"mean agreement round: {mean_round:.3f} (sd {sd_round:.3f}); at round 1: {int(at[1])} runs",
        "mean agreed terms: " + ", ".join(f"{k} {v:.3f}" for k, v in zip(sc.issues, mean_terms))])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
