#!/usr/bin/env python3
"""Fifth round against the compromise model on DEU III (docs/validation.md, "Fifth round: pre-registered"):
the fourth round's choice model (analysis/deu_round4.py) with its move away from the compromise model
reduced, so that a wrong option costs less and the paired difference is less noisy.

    for s in 1 2 3 $(seq 11 20); do accord backtest --deu tests/data/deu3/deu3.tsv --folds 5 --seed $s -o results/deu-cv$s; done
    accord backtest --deu tests/data/deu3/deu3.tsv --split odd-even -o results/deu-odd-even
    python3 analysis/deu_round5.py tests/data/deu3/deu3.tsv results/deu-cv1 results/deu-cv2 results/deu-cv3 results/deu-cv1[1-9] results/deu-cv20 results/deu-odd-even

(the development splits); the pre-registered confirmation splits are the fold seeds 21 to 30:

    for s in $(seq 21 30); do accord backtest --deu tests/data/deu3/deu3.tsv --folds 5 --seed $s -o results/deu-cv$s; done
    python3 analysis/deu_round5.py --confirm tests/data/deu3/deu3.tsv results/deu-cv2[1-9] results/deu-cv30

The choice prediction `m` of an issue is the fourth round's candidate: the median of the predictive
mixture of the conditional logit, "no option" spread by the training residuals, the ridge lambda by
5-fold inner cross-validation by proposal inside the training part (deu_round4.py). The compromise
model's prediction is `c`. The variants (each one parameter, chosen inside the training part only):
- `shrink`: c + w (m - c), w from SHRINK;
- `cap`: c + clip(m - c, -D, D), the move capped at D points, D from CAPS;
- `gate`: m where the most probable option's probability exceeds t, else c, t from GATES.
THE PRE-REGISTERED CANDIDATE of the fifth round is `cap by t` (the move capped at D, D by the inner-CV
t-ratio); the others are printed for comparison and are not part of the test.
Each parameter is chosen from the same inner-CV predictions as lambda (every inner fold's fit uses
the chosen lambda's predictions), by one of two rules:
- `by t`: the largest clustered t-ratio of the inner-CV gain over the compromise model, -mean(d) / se(d),
  d = |prediction - y| - |c - y|, se by proposal clusters (the ratio estimator's linearised standard
  error), the target of the test (an interval below 0) rather than the mean;
- `by upper`: the lowest upper end of the inner-CV gain's normal 95% interval, mean(d) + 1.96 se(d)
  (the t-ratio alone favours the smallest step: for small moves d is linear in the step, and the
  t-ratio stays constant while the gain vanishes);
- `by MAE`: the lowest inner-CV MAE.
Ties go to the first value in the grid (the grids start at the compromise model itself).

For each result directory (its cases.csv gives the folds): the held-out diff against the compromise
model on every part and pooled (each issue predicted by the fit without its part), intervals from 2000
numpy bootstrap replicates resampling the proposals, from a fresh generator (seed 1) for each split
(so a split's figures do not depend on the other directories on the command line), and the chosen
parameters. An exploration script: numpy, pandas and scipy, outside accord.
"""
import sys

import numpy as np
import pandas as pd

import deu_round4 as r4
from deu_candidates import load, lad_convex

SHRINK = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]
CAPS = [0.0, 2.0, 5.0, 10.0, 15.0, 20.0, 30.0, 50.0, 100.0]
GATES = [1.01, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.0]
INNER_K = 5
BOOT = 2000


def shrink(c, m, w):
    return c + w * (m - c)


def cap(c, m, d):
    return c + np.clip(m - c, -d, d)


def gate(c, m, pmax, t):
    return np.where(pmax > t, m, c)


def clustered_se(d, cluster):
    """The standard error of mean(d) clustered by `cluster`: the linearised ratio estimator's,
    sqrt(G / (G - 1) * sum_g (sum_{i in g} (d_i - mean))^2) / n over the G clusters."""
    u, inv = np.unique(cluster, return_inverse=True)
    e = np.bincount(inv, d - d.mean(), len(u))
    return np.sqrt(len(u) / (len(u) - 1) * (e ** 2).sum()) / len(d)


def t_ratio(d, cluster):
    """-mean(d) / clustered_se(d); 0 where d is 0 everywhere (the compromise model itself)."""
    if not np.any(d):
        return 0.0
    se = clustered_se(d, cluster)
    return -d.mean() / se if se > 0 else np.inf * -np.sign(d.mean())


def upper(d, cluster):
    """The upper end of the normal 95% interval of mean(d): mean + 1.96 clustered_se."""
    return d.mean() + 1.96 * clustered_se(d, cluster)


def choose(grid, preds, y, c, cluster, rule):
    """The grid value whose inner-CV predictions score best under `rule` ("t" or "mae"); first on ties."""
    if rule == "t":
        score = [-t_ratio(np.abs(p - y) - np.abs(c - y), cluster) for p in preds]
    elif rule == "upper":
        score = [upper(np.abs(p - y) - np.abs(c - y), cluster) for p in preds]
    else:
        score = [np.abs(p - y).mean() for p in preds]
    return grid[int(np.argmin(np.array(score) + 1e-12 * np.arange(len(grid))))]


def pmax_of(opts, p):
    """The most probable option's probability on each issue."""
    out = np.zeros(opts.n)
    np.maximum.at(out, opts.issue, p)
    return out


class Model:
    """The choice model's pieces on the DEU table (deu_round4), fitted on a training mask."""

    def __init__(self, tsv, cases_csv):
        t, cases, actors, x, s, g = load(tsv, cases_csv)
        self.y, m = t.out.astype(float).values, ~np.isnan(x)
        w_cs = np.where(m, s * g[None], 0)
        self.comp = (np.where(m, x, 0) * w_cs).sum(1) / w_cs.sum(1)
        self.unw = cases["unweighted-mean"].values
        assert np.allclose(self.comp, cases["weighted-mean"].values)
        self.proposal = t.prnr.values
        self.n = len(self.y)
        self.opts = r4.Options(t, actors, x, s, g, self.y)

    def fits(self, train, lams):
        """For each lambda: the choice prediction m and the top option's probability, fitted on `train`."""
        p2 = np.c_[self.comp, self.unw]
        blend = p2 @ lad_convex(p2[train], self.y[train])
        f = self.opts.features(blend)
        none = train & (self.opts.label < 0)
        resid = (self.y - blend)[none]
        out = {}
        for lam in lams:
            p, p0 = r4.probabilities(self.opts, f, r4.fit_logit(self.opts, f, train, lam))
            out[lam] = (r4.predict_median_spread(self.opts, blend, p, p0, resid), pmax_of(self.opts, p))
        return out

    def inner(self, train):
        """Inner-CV (INNER_K folds by proposal inside `train`, as deu_round4) predictions for every lambda;
        the lambda of lowest inner MAE (deu_round4's rule) and its inner-CV m and top probability."""
        props = np.unique(self.proposal[train])
        np.random.default_rng(0).shuffle(props)
        m = {lam: np.zeros(self.n) for lam in r4.LAMBDAS}
        pm = {lam: np.zeros(self.n) for lam in r4.LAMBDAS}
        for j in range(INNER_K):
            hold = np.isin(self.proposal, props[j::INNER_K]) & train
            for lam, (mj, pj) in self.fits(train & ~hold, r4.LAMBDAS).items():
                m[lam][hold], pm[lam][hold] = mj[hold], pj[hold]
        mae = [np.abs(m[lam] - self.y)[train].mean() for lam in r4.LAMBDAS]
        lam = r4.LAMBDAS[int(np.argmin(np.array(mae) + 1e-12 * np.arange(len(mae))))]
        return lam, m[lam], pm[lam]


VARIANTS = {"shrink": (SHRINK, lambda c, m, pm, v: shrink(c, m, v)),
            "cap": (CAPS, lambda c, m, pm, v: cap(c, m, v)),
            "gate": (GATES, lambda c, m, pm, v: gate(c, m, pm, v))}
RULES = ["t", "upper", "mae"]
CANDIDATE = "cap by t"


def run_part(model, train):
    """Held-out predictions (for every issue; the caller keeps the held-out ones) of every variant and
    rule, the fourth round's candidate, and the chosen parameters, fitted on `train` only."""
    lam, mi, pi = model.inner(train)
    y, c, cl = model.y[train], model.comp[train], model.proposal[train]
    (m, pm), = model.fits(train, [lam]).values()
    preds, chosen = {"round4 (choice-median-spread, lambda by inner CV)": m}, {"lambda": lam}
    for name, (grid, f) in VARIANTS.items():
        inner_preds = [f(c, mi[train], pi[train], v) for v in grid]
        for rule in RULES:
            v = choose(grid, inner_preds, y, c, cl, rule)
            key = f"{name} by {rule}"
            preds[key], chosen[key] = f(model.comp, m, pm, v), v
    return preds, chosen


def interval(rng, d, inv, ncl, part):
    """95% percentile interval of the mean of d over `part`, resampling its proposals (BOOT replicates)."""
    sums = np.bincount(inv[part], d[part], minlength=ncl)
    cnt = np.bincount(inv[part], minlength=ncl)
    keep = np.flatnonzero(cnt)
    draw = keep[rng.integers(0, len(keep), (BOOT, len(keep)))]
    return np.percentile(sums[draw].sum(1) / cnt[draw].sum(1), [2.5, 97.5])


def run_split(model, folds):
    """Every part of one split: per candidate, the per-part cells and the pooled diff with its interval."""
    labels = ["odd", "even"] if "odd" in folds else sorted(dict.fromkeys(folds))
    y, comp = model.y, model.comp
    pooled, cells, chosen = {}, {}, []
    for lab in labels:
        te = folds == lab
        preds, ch = run_part(model, ~te)
        chosen.append((lab, ch))
        for k, p in preds.items():
            pooled.setdefault(k, np.empty(model.n))[te] = p[te]
            cells.setdefault(k, []).append(p)
    rng = np.random.default_rng(1)
    _, inv = np.unique(model.proposal, return_inverse=True)
    ncl = inv.max() + 1
    out = {}
    for k, p in pooled.items():
        d = np.abs(p - y) - np.abs(comp - y)
        lo, hi = interval(rng, d, inv, ncl, np.ones(model.n, bool))
        parts = []
        for lab, pp in zip(labels, cells[k]):
            te = folds == lab
            dd = np.abs(pp - y) - np.abs(comp - y)
            parts.append((lab, dd[te].mean(), np.abs(pp - y)[te].mean(), np.abs(comp - y)[te].mean()))
        out[k] = (d.mean(), lo, hi, np.abs(p - y).mean(), parts)
    return out, chosen


def main(tsv, dirs):
    model = Model(tsv, dirs[0] + "/cases.csv")
    print(f"{model.n} issues; compromise model MAE {np.abs(model.comp - model.y).mean():.2f}")
    summary = []
    for d in dirs:
        folds = pd.read_csv(d + "/cases.csv").fold.astype(str).values
        res, chosen = run_split(model, folds)
        print(f"\n{d}: held-out diff vs the compromise model, per part (MAE model / compromise), then pooled [95%]")
        for lab, ch in chosen:
            print(f"  chosen on the training part without {lab}: " + ", ".join(f"{k} {v}" for k, v in ch.items()))
        for k, (mean, lo, hi, mae, parts) in res.items():
            worse = sum(p[1] > 0 for p in parts)
            print(f"  {k}\n    " + " | ".join(f"{p[0]}: {p[1]:+.2f} ({p[2]:.2f}/{p[3]:.2f})" for p in parts)
                  + f"\n    pooled {mean:+.3f} [{lo:+.3f}, {hi:+.3f}]  MAE {mae:.2f}  parts worse {worse} of {len(parts)}")
            summary.append((d, k, mean, lo, hi, worse, len(parts)))
        sys.stdout.flush()
    print("\nsummary: split, candidate, pooled diff [95%], parts worse than the compromise model")
    for d, k, mean, lo, hi, worse, nl in summary:
        print(f"  {d:24s} {k:50s} {mean:+.3f} [{lo:+.3f}, {hi:+.3f}] {worse}/{nl}" + ("  WIN" if hi < 0 else "")
              + ("  <- pre-registered" if k == CANDIDATE else ""))


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--confirm"]
    if len(args) < 2:
        raise SystemExit(__doc__)
    main(args[0], args[1:])
