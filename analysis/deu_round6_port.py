#!/usr/bin/env python3
"""Checks `accord backtest`'s choice-cap10 (docs/backtest.md) against analysis/deu_round6.py's
`cap10 by mae` (docs/validation.md, "Sixth round: pre-registered"), of which it is the port.

    for s in $(seq 31 40); do accord backtest --deu tests/data/deu3/deu3.tsv --folds 5 --seed $s --pooled -o results/deu-cv$s; done
    cd analysis && python3 deu_round6_port.py ../tests/data/deu3/deu3.tsv ../results/deu-cv3[1-9] ../results/deu-cv40

The two differ in two things. (1) The inner folds that choose lambda and D: deu_round5.py deals the
training part's proposals into 5 inner folds after a numpy shuffle (generator seed 0); accord deals
them by its own --folds 5 --seed 1 assignment (sim/analysis/src/backtest_folds.cpp: xoshiro256**
seeded by splitmix64, a Fisher-Yates shuffle of the proposals in the table's order). (2) The logit's
fit: deu_round4.py stops scipy's L-BFGS-B at its default tolerances, accord runs Newton's method to
convergence (choice_model.hpp). The mixture median is one of a few points (an option or the blend
plus a residual quantile), so a coefficient a little off the optimum changes nothing, except on an
issue whose cumulative mass sits at 0.5 where it jumps to the next point; on DEU III this happens in
one training part of fold seed 39 and moves that part's lambda.

This script prints, for each result directory, the pooled difference against the compromise model
and MAE of: accord (errors.csv's inputs, cases.csv); the frozen script as it is; the script with
accord's inner folds (deu_round5.Model.inner given accord's assignment, reproduced here); and the
same with the logit fitted to convergence (L-BFGS-B with ftol 1e-15, gtol 1e-11); for the last, the
largest per-issue difference of the held-out predictions from accord's and whether every part's
lambda and D agree. The bootstrap intervals are not compared: accord draws its replicates with its
own generator. numpy, pandas and scipy, outside accord.
"""
import sys

import numpy as np
import pandas as pd

import deu_round4 as r4
import deu_round5 as r5
import deu_round6 as r6
from scipy.optimize import minimize

MASK = (1 << 64) - 1


class Xoshiro:
    """accord's Rng (sim/engine/src/random.cpp): xoshiro256** seeded by splitmix64; below(n) by rejection."""

    def __init__(self, seed):
        self.s = []
        x = seed
        for _ in range(4):
            x = (x + 0x9E3779B97F4A7C15) & MASK
            z = x
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
            self.s.append(z ^ (z >> 31))

    @staticmethod
    def rotl(x, k):
        return ((x << k) | (x >> (64 - k))) & MASK

    def next(self):
        s = self.s
        result = (self.rotl((s[1] * 5) & MASK, 7) * 9) & MASK
        t = (s[1] << 17) & MASK
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = self.rotl(s[3], 45)
        return result

    def below(self, n):
        limit = MASK - MASK % n
        while True:
            x = self.next()
            if x < limit:
                return x % n


def accord_folds(proposals, k=r5.INNER_K, seed=1):
    """accord's assign_folds (backtest_folds.cpp): each distinct proposal, in order of first appearance,
    to a part 0..k-1."""
    distinct = list(dict.fromkeys(proposals))
    rng = Xoshiro(seed)
    for i in range(len(distinct), 1, -1):
        j = rng.below(i)
        distinct[i - 1], distinct[j] = distinct[j], distinct[i - 1]
    return {p: i % k for i, p in enumerate(distinct)}


def inner_accord(self, train):
    """deu_round5.Model.inner with accord's inner folds (choice_inner_folds = 5, seed 1)."""
    fold = accord_folds([p for p, t in zip(self.proposal, train) if t])
    part = np.array([fold.get(p, -1) for p in self.proposal])
    m = {lam: np.zeros(self.n) for lam in r4.LAMBDAS}
    pm = {lam: np.zeros(self.n) for lam in r4.LAMBDAS}
    for j in range(r5.INNER_K):
        hold = (part == j) & train
        for lam, (mj, pj) in self.fits(train & ~hold, r4.LAMBDAS).items():
            m[lam][hold], pm[lam][hold] = mj[hold], pj[hold]
    mae = [np.abs(m[lam] - self.y)[train].mean() for lam in r4.LAMBDAS]
    lam = r4.LAMBDAS[int(np.argmin(np.array(mae) + 1e-12 * np.arange(len(mae))))]
    return lam, m[lam], pm[lam]


def converged(fun, x0, jac=True, method="L-BFGS-B"):
    """deu_round4.fit_logit's minimize, run to the optimum (accord's Newton fit is)."""
    return minimize(fun, x0, jac=jac, method=method, options={"ftol": 1e-15, "gtol": 1e-11, "maxiter": 100000})


def script_split(model, folds):
    """The script's held-out cap10 by mae predictions and each part's (lambda, D)."""
    labels = ["odd", "even"] if "odd" in folds else sorted(dict.fromkeys(folds))
    pred, chosen = np.empty(model.n), {}
    for lab in labels:
        tr, te = folds != lab, folds == lab
        lam, mi, pi = model.inner(tr)
        (m, pm), = model.fits(tr, [lam]).values()
        cap10_in = [r5.cap(model.comp[tr], mi[tr], v) for v in r6.CAPS10]
        d = r5.choose(r6.CAPS10, cap10_in, model.y[tr], model.comp[tr], model.proposal[tr], "mae")
        pred[te] = r5.cap(model.comp, m, d)[te]
        chosen[lab] = (float(lam), float(d))
    return pred, chosen


def compare(tsv, d):
    """Per directory: (diff, MAE) of accord, of the script, of the script with accord's inner folds and
    of that with the logit fitted to convergence; for the last, the largest per-issue difference from
    accord's predictions and whether every part's lambda and D agree with fitted.csv."""
    model = r5.Model(tsv, d + "/cases.csv")
    cases = pd.read_csv(d + "/cases.csv")
    folds = cases.fold.astype(str).values
    cpp = cases["choice-cap10"].values
    fitted = pd.read_csv(d + "/fitted.csv", dtype={"fold": str})
    fitted = fitted[(fitted.model == "choice-cap10") & (fitted.fold != "all")]
    cpp_chosen = {f: (float(g[g.target == "lambda"].weight.iloc[0]), float(g[g.target == "cap"].weight.iloc[0]))
                  for f, g in fitted.groupby("fold")}
    base = np.abs(model.comp - model.y)
    figures = lambda p: ((np.abs(p - model.y) - base).mean(), np.abs(p - model.y).mean())
    own, _ = script_split(model, folds)
    saved = r5.Model.inner, r4.minimize
    try:
        r5.Model.inner = inner_accord
        folds_only, _ = script_split(model, folds)
        r4.minimize = converged
        same, chosen = script_split(model, folds)
    finally:
        r5.Model.inner, r4.minimize = saved
    return {"accord": figures(cpp), "script": figures(own), "inner folds": figures(folds_only),
            "converged": figures(same), "gap": np.abs(same - cpp).max(), "agree": chosen == cpp_chosen}


def main(tsv, dirs):
    worst = 0.0
    for d in dirs:
        r = compare(tsv, d)
        worst = max(worst, r["gap"])
        print(f"{d}: " + "; ".join(f"{k} {r[k][0]:+.6f} (MAE {r[k][1]:.6f})"
                                   for k in ("accord", "script", "inner folds", "converged"))
              + f"; largest per-issue gap {r['gap']:.2e}, lambda and D " + ("agree" if r["agree"] else "DIFFER"))
        sys.stdout.flush()
    print(f"largest per-issue gap over the directories: {worst:.2e}")


if __name__ == "__main__":
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2:])
