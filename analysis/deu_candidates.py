#!/usr/bin/env python3
"""The candidates tried to beat the compromise model on DEU III (docs/validation.md, "DEU III: trying
to beat the compromise model"), each fitted on the training part of every split only.

    accord backtest --deu tests/data/deu3/deu3.tsv --folds 5 --seed 1 -o results/deu-cv
    python3 analysis/deu_candidates.py tests/data/deu3/deu3.tsv results/deu-cv/cases.csv

Prints, per candidate, the held-out diff against the compromise model on the five parts of
`--folds 5 --seed 1` and the two of `--split odd-even`, with a 95% interval from 2000 numpy
bootstrap replicates resampling whole proposals (not accord's random numbers, so the intervals
differ from errors.csv in the second decimal), and the inner cross-validated MAE on each training
part (5 parts by proposal within the training part), by which a candidate is chosen (for the weights
per actor, 30 parameters each, only with --slow: some minutes).
An exploration script: numpy, pandas and scipy (linprog, HiGHS), outside accord.
"""
import sys

import numpy as np
import pandas as pd
from scipy.optimize import linprog


def load(tsv, cases_csv):
    t = pd.read_csv(tsv, sep="\t", dtype=str, keep_default_na=False)
    gdp, t = t.iloc[0], t.iloc[1:]
    t = t[t.out != ""].reset_index(drop=True)
    cases = pd.read_csv(cases_csv)
    if list(cases.case.astype(str)) != list(t.isnr):
        raise SystemExit("cases.csv is not the backtest of this table")
    actors = [c[1:] for c in t.columns if c.startswith("p") and "s" + c[1:] in t.columns]
    x = np.array([[float(v) if v else np.nan for v in t["p" + a]] for a in actors]).T
    s = np.array([[float(v) if v else 50.0 for v in t["s" + a]] for a in actors]).T / 100
    g = np.array([float(gdp["p" + a]) for a in actors])
    return t, cases, actors, x, s, g


def lad_convex(p, y):
    """Convex weights minimising sum |p w - y| (the LP of sim/analysis/src/backtest_stack.cpp)."""
    n, k = p.shape
    a = np.r_[np.c_[p, np.eye(n), -np.eye(n)], np.r_[np.ones(k), np.zeros(2 * n)][None]]
    r = linprog(np.r_[np.zeros(k), np.ones(2 * n)], A_eq=a, b_eq=np.r_[y, 1], bounds=(0, None), method="highs")
    return r.x[:k]


def main(tsv, cases_csv, slow=False):
    t, cases, actors, x, s, g = load(tsv, cases_csv)
    y, m = t.out.astype(float).values, ~np.isnan(x)
    x0 = np.where(m, x, 0)

    def wmean(w):
        w = np.where(m, w, 0)
        return (x0 * w).sum(1) / w.sum(1)

    comp = wmean(s * g)
    f = {c: cases[c].values for c in ["weighted-mean", "weighted-median", "nash", "expected-utility",
                                      "procedural", "exchange", "voting-power", "unweighted-mean"]}
    option_wins = cases["option-wins"].values
    f["commission"] = np.where(cases.commission.isna(), comp, cases.commission)
    rp = pd.to_numeric(t.rp.replace("", np.nan)).values
    f["reference-point"] = np.where(np.isnan(rp), comp, rp)
    ep = x[:, actors.index("ep")]
    f["ep"] = np.where(np.isnan(ep), comp, ep)
    f["midrange"] = (np.nanmax(x, 1) + np.nanmin(x, 1)) / 2
    f["median"] = np.nanmedian(x, 1)
    proposal = t.prnr.values
    group = t.proc.values + "/" + np.where(t.counvte.str.startswith("QMV"), "QMV", "Unan")

    def stack(names, by=None):
        p = np.c_[[f[k] for k in names]].T

        def fit(train):
            out = np.empty(len(y))
            for v in (np.unique(by) if by is not None else [None]):
                part = np.ones(len(y), bool) if v is None else by == v
                out[part] = (p @ lad_convex(p[train & part], y[train & part]))[part]
            return out
        return fit

    gm = np.broadcast_to(g, x.shape)
    exponents = {(a, b): wmean(gm ** a * s ** b) for a in np.round(np.arange(0, 1.51, 0.1), 2) for b in [0, .5, 1, 1.5, 2, 3]}

    def huber_centre(c):  # a weighted centre that down-weights positions farther than c from it
        centre = comp
        for _ in range(20):
            r = np.abs(x0 - centre[:, None])
            centre = wmean(s * gm * np.where(r > c, c / np.maximum(r, 1e-12), 1))
        return centre
    hubers = {c: huber_centre(c) for c in [5, 10, 15, 20, 30, 40, 50, 60, 80, 1000]}

    def nash_reference_point():
        """Nash bargaining with the status quo rp as the disagreement point: the product of the gains
        |rp - x_i| - |z - x_i| (weights c s) over the actors on the side of rp where the compromise
        lies, maximised on a grid of 0.01; rp when no point gains for all of them, the compromise
        model without an rp."""
        z, out = np.linspace(0, 100, 10001), comp.copy()
        for i in np.flatnonzero(~np.isnan(rp)):
            side = np.sign(comp[i] - rp[i])
            keep = m[i] & (np.sign(x0[i] - rp[i]) == side) & (side != 0)
            gain = np.abs(rp[i] - x0[i][keep]) - np.abs(z[:, None] - x0[i][keep])
            ok = (gain > 0).all(1) & keep.any()
            if not ok.any():
                out[i] = rp[i]
                continue
            value = (s[i][keep] * g[keep] * np.log(np.where(gain > 0, gain, 1))).sum(1)
            out[i] = z[np.argmax(np.where(ok, value, -np.inf))]
        return out
    nash_rp = nash_reference_point()

    def per_actor(train):
        """A multiplier exp(theta_a) on each actor's c s, fitted by Powell's method on the MAE."""
        from scipy.optimize import minimize
        w0 = np.where(m, s * gm, 0)

        def predict(theta):
            w = w0 * np.exp(theta)[None]
            return (x0 * w).sum(1) / w.sum(1)
        r = minimize(lambda th: np.abs(predict(th)[train] - y[train]).mean(), np.zeros(len(actors)), method="Powell",
                     options={"maxiter": 3000, "xtol": 1e-3, "ftol": 1e-6})
        return predict(r.x)

    def per_actor_ridge(lam):
        """The same multipliers, shrunk towards 1: a smoothed absolute error sqrt(r^2 + 1) plus
        lam * mean(theta^2), by L-BFGS-B."""
        from scipy.optimize import minimize
        w0 = np.where(m, s * gm, 0)

        def predict(theta):
            w = w0 * np.exp(theta)[None]
            return (x0 * w).sum(1) / w.sum(1)

        def fit(train):
            def loss(th):
                r = predict(th)[train] - y[train]
                return np.sqrt(r * r + 1).mean() + lam * (th ** 2).mean()
            return predict(minimize(loss, np.zeros(len(actors)), method="L-BFGS-B").x)
        return fit

    def grid(options):
        return lambda train: options[min(options, key=lambda k: np.abs(options[k][train] - y[train]).mean())]

    every = list(f)
    f["option-wins"] = option_wins
    candidates = {
        "blend-unweighted": stack(["weighted-mean", "unweighted-mean"]),
        "stack (compromise, unweighted, voting power)": stack(["weighted-mean", "unweighted-mean", "voting-power"]),
        "stack with Commission, EP, reference point": stack(["weighted-mean", "unweighted-mean", "commission", "ep", "reference-point"]),
        "stack of all 13 predictions": stack(every),
        "stack-all (9 models, as accord)": stack(["weighted-mean", "weighted-median", "nash", "expected-utility",
                                                  "procedural", "exchange", "option-wins", "voting-power",
                                                  "unweighted-mean"]),
        "Nash, disagreement point rp": lambda train: nash_rp,
        "weight per actor (30 multipliers)": per_actor,
        "weight per actor, ridge 1": per_actor_ridge(1.0),
        "weight per actor, ridge 3": per_actor_ridge(3.0),
        "exponents GDP^a s^b": grid(exponents),
        "Huber-type centre, cut c": grid(hubers),
        "stack of 3 per procedure": stack(["weighted-mean", "unweighted-mean", "voting-power"], group),
        "blend-unweighted per procedure": stack(["weighted-mean", "unweighted-mean"], group),
        "blend-unweighted per COD/CNS": stack(["weighted-mean", "unweighted-mean"], t.proc.values),
    }
    folds = cases.fold.astype(str).values
    odd = t.prnrnmc.astype(int).values % 2 == 1
    splits = [(k, folds == k) for k in "12345"] + [("odd", odd), ("even", ~odd)]
    rng = np.random.default_rng(1)

    def interval(d, part):
        u, inv = np.unique(proposal[part], return_inverse=True)
        sums, counts = np.bincount(inv, d[part]), np.bincount(inv)
        draw = rng.integers(0, len(u), (2000, len(u)))
        return np.percentile(sums[draw].sum(1) / counts[draw].sum(1), [2.5, 97.5])

    def inner(fit, train):
        props = np.unique(proposal[train])
        np.random.default_rng(0).shuffle(props)
        err = np.zeros(len(y))
        for j in range(5):
            hold = np.isin(proposal, props[j::5]) & train
            err[hold] = np.abs(fit(train & ~hold) - y)[hold]
        return err[train].mean()

    print("held-out diff vs the compromise model [95% interval]; parts 1..5, odd, even; then inner-CV MAE per training part")
    print(f"{'compromise (inner)':46s}", " ".join(f"{np.abs(comp - y)[~te].mean():.2f}" for _, te in splits))
    for name, fit in candidates.items():
        cells, inners = [], []
        for _, te in splits:
            d = np.abs(fit(~te) - y) - np.abs(comp - y)
            lo, hi = interval(d, te)
            cells.append(f"{d[te].mean():+.2f} [{lo:+.2f}, {hi:+.2f}]")
            if slow or not name.startswith("weight per actor"):
                inners.append(inner(fit, ~te))
        print(f"{name:46s}", " | ".join(cells))
        if inners:
            print(f"{'  inner':46s}", " ".join(f"{v:.2f}" for v in inners), f" mean {np.mean(inners):.3f}")


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--slow"]
    if len(args) != 2:
        raise SystemExit(__doc__)
    main(args[0], args[1], slow="--slow" in sys.argv)
