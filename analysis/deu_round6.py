#!/usr/bin/env python3
"""Sixth round against the compromise model on DEU III (docs/validation.md, "Sixth round: pre-registered"):
the fifth round's capped move (choice-cap) with a larger step where inner CV says the larger step still
clears the compromise model by a wide margin, to keep choice-cap's reliability and take more of the
fourth round's gain.

    for s in 1 2 3 $(seq 11 30); do accord backtest --deu tests/data/deu3/deu3.tsv --folds 5 --seed $s -o results/deu-cv$s; done
    accord backtest --deu tests/data/deu3/deu3.tsv --split odd-even -o results/deu-odd-even
    python3 analysis/deu_round6.py tests/data/deu3/deu3.tsv results/deu-cv1 results/deu-cv2 results/deu-cv3 results/deu-odd-even results/deu-cv1[1-9] results/deu-cv2[0-9] results/deu-cv30

(the development splits); the pre-registered confirmation splits are the fold seeds 31 to 40:

    for s in $(seq 31 40); do accord backtest --deu tests/data/deu3/deu3.tsv --folds 5 --seed $s -o results/deu-cv$s; done
    python3 analysis/deu_round6.py --confirm tests/data/deu3/deu3.tsv results/deu-cv3[1-9] results/deu-cv40

The choice prediction m, its top option's probability and their inner-CV values come from the fifth
round's code unchanged (analysis/deu_round5.py `Model`: the conditional logit's predictive mixture
median, the ridge lambda by 5-fold inner CV by proposal inside the training part); c is the
compromise model. Every variant moves c towards m by a capped step, chosen inside the training part
only from the same inner-CV predictions:
- `cap by t` is choice-cap (the fifth round's candidate): c + clip(m - c, -D, D), D from CAPS by the
  largest inner-CV t-ratio -mean(d) / se(d), d = |prediction - y| - |c - y|, se clustered by proposal;
- `cap by z=Z`: the same move, D by the lowest mean(d) + Z se(d) (the fifth round's `cap by upper` is
  Z = 1.96; a larger Z asks the inner-CV gain to clear 0 by more standard errors, between `by upper`
  and `by t`, which is Z -> infinity);
- `cap10 by mae` (THE CANDIDATE): the same move, D from CAPS10 = {0, 2, 5, 10} (the fifth round's grid cut
  at 10 points) by the lowest inner-CV MAE; `cap fixed 5` and `cap fixed 10` are the move at a fixed D;
- `cap by gain, t>=T`: D by the lowest mean(d) among the steps whose inner-CV t-ratio is at least T
  (the largest t-ratio's step when none is);
- `confident by z=Z`: c + clip(m - c, -E, E) with E = D where the top option's probability exceeds p,
  else 2 (choice-cap's step); (p, D) from CONF_P x CAPS by the lowest mean(d) + Z se(d).
Ties go to the first value in the grid. THE PRE-REGISTERED CANDIDATE is CANDIDATE; the others are
printed for comparison and are not part of the test.

For each result directory (its cases.csv gives the folds): the pooled out-of-fold diff against the
compromise model AND against choice-cap (`cap by t`), each with a 95% interval from 2000 bootstrap
replicates resampling the 137 proposals (one draw per split, numpy generator seed 1, shared by every
candidate so the intervals are paired), the per-part held-out MAE, and the chosen parameters. The
inner-CV fits of a directory are kept in its round6_cache.npz (they depend on the frozen fifth-round
code only). An exploration script: numpy, pandas and scipy, outside accord.
"""
import os
import sys

import numpy as np
import pandas as pd

import deu_round5 as r5

CAPS = r5.CAPS
CAPS10 = [0.0, 2.0, 5.0, 10.0]  # the fifth round's grid cut at 10 points (larger steps lost the interval in development)
CONF_P = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3]
BASE_STEP = 2.0
BOOT = 2000
CANDIDATE = "cap10 by mae"


def score_z(d, cluster, z):
    """mean(d) + z * clustered se: the upper end of a one-sided bound on the inner-CV gain."""
    return d.mean() + z * r5.clustered_se(d, cluster)


def first_min(score):
    """The index of the lowest score, the first on ties."""
    return int(np.argmin(np.asarray(score, float) + 1e-12 * np.arange(len(score))))


def choose_z(grid, preds, y, c, cluster, z):
    """The grid value whose inner-CV predictions have the lowest mean(d) + z se(d)."""
    return grid[first_min([score_z(np.abs(p - y) - np.abs(c - y), cluster, z) for p in preds])]


def choose_gain_t(grid, preds, y, c, cluster, tmin):
    """The grid value of the lowest mean(d) among those with t-ratio >= tmin; else the largest t-ratio's."""
    ds = [np.abs(p - y) - np.abs(c - y) for p in preds]
    t = np.array([r5.t_ratio(d, cluster) for d in ds])
    if not np.any(t >= tmin):
        return grid[first_min(-t)]
    return grid[first_min([d.mean() if ti >= tmin else np.inf for d, ti in zip(ds, t)])]


def confident_cap(c, m, pmax, p, d):
    """c moved towards m by at most d where the top option's probability exceeds p, else by BASE_STEP."""
    e = np.where(pmax > p, d, BASE_STEP)
    return c + np.clip(m - c, -e, e)


CONF_GRID = [(p, d) for p in CONF_P for d in CAPS if d >= BASE_STEP]
ZS = [1.96, 2.5, 3.0, 3.5]
TMINS = [2.5, 3.0, 3.5]


def variants(c_in, m_in, p_in, y, cl, c_out, m_out, p_out):
    """Every variant's outer prediction and chosen parameter, from the inner-CV (c_in, m_in, p_in on the
    training part, outcomes y, proposals cl) and the outer fit (c_out, m_out, p_out)."""
    cap_in = [r5.cap(c_in, m_in, v) for v in CAPS]
    conf_in = [confident_cap(c_in, m_in, p_in, p, d) for p, d in CONF_GRID]
    out = {}
    v = r5.choose(CAPS, cap_in, y, c_in, cl, "t")
    out["cap by t"] = (r5.cap(c_out, m_out, v), v)
    for z in ZS:
        v = choose_z(CAPS, cap_in, y, c_in, cl, z)
        out[f"cap by z={z:g}"] = (r5.cap(c_out, m_out, v), v)
    for tmin in TMINS:
        v = choose_gain_t(CAPS, cap_in, y, c_in, cl, tmin)
        out[f"cap by gain, t>={tmin:g}"] = (r5.cap(c_out, m_out, v), v)
    for z in ZS:
        p, d = choose_z(CONF_GRID, conf_in, y, c_in, cl, z)
        out[f"confident by z={z:g}"] = (confident_cap(c_out, m_out, p_out, p, d), (p, d))
    cap10_in = [r5.cap(c_in, m_in, v) for v in CAPS10]
    v = r5.choose(CAPS10, cap10_in, y, c_in, cl, "mae")
    out["cap10 by mae"] = (r5.cap(c_out, m_out, v), v)
    for v in (5.0, 10.0):
        out[f"cap fixed {v:g}"] = (r5.cap(c_out, m_out, v), v)
    out["round4 (full move)"] = (m_out, None)
    return out


def part_fits(model, folds, cache):
    """Per part label: (lambda, inner-CV m and top probability on the training part, outer m and top
    probability), from deu_round5.Model; read from / written to `cache` (an .npz)."""
    labels = ["odd", "even"] if "odd" in folds else sorted(dict.fromkeys(folds))
    if os.path.exists(cache):
        z = np.load(cache)
        if np.array_equal(z["folds"], folds.astype("U")):
            return {lab: tuple(z[f"{lab}_{k}"] for k in ("lam", "mi", "pi", "m", "pm")) for lab in labels}
    fits, save = {}, {"folds": folds.astype("U")}
    for lab in labels:
        train = folds != lab
        lam, mi, pi = model.inner(train)
        (m, pm), = model.fits(train, [lam]).values()
        fits[lab] = (np.array(lam), mi, pi, m, pm)
        save.update({f"{lab}_{k}": a for k, a in zip(("lam", "mi", "pi", "m", "pm"), fits[lab])})
    np.savez(cache, **save)
    return fits


def paired_intervals(d_by_name, proposal, seed=1):
    """For each named per-issue vector d: mean and 95% percentile interval of the mean, resampling the
    proposals (BOOT replicates, one draw shared by every name)."""
    _, inv = np.unique(proposal, return_inverse=True)
    ncl = inv.max() + 1
    cnt = np.bincount(inv, minlength=ncl)
    draw = np.random.default_rng(seed).integers(0, ncl, (BOOT, ncl))
    n = cnt[draw].sum(1)
    out = {}
    for k, d in d_by_name.items():
        sums = np.bincount(inv, d, minlength=ncl)
        lo, hi = np.percentile(sums[draw].sum(1) / n, [2.5, 97.5])
        out[k] = (d.mean(), lo, hi)
    return out


def run_split(model, folds, cache):
    """Pooled and per-part figures of every variant on one split."""
    fits = part_fits(model, folds, cache)
    y, comp, prop = model.y, model.comp, model.proposal
    pooled, parts, chosen = {}, {}, {}
    for lab, (lam, mi, pi, m, pm) in fits.items():
        tr, te = folds != lab, folds == lab
        res = variants(comp[tr], mi[tr], pi[tr], y[tr], prop[tr], comp, m, pm)
        for k, (p, v) in res.items():
            pooled.setdefault(k, np.empty(model.n))[te] = p[te]
            dd = (np.abs(p - y) - np.abs(comp - y))[te]
            parts.setdefault(k, []).append((lab, dd.mean(), np.abs(p - y)[te].mean(), np.abs(comp - y)[te].mean()))
            chosen.setdefault(k, []).append(v)
        chosen.setdefault("lambda", []).append(float(lam))
    ref = pooled["cap by t"]
    d_c = {k: np.abs(p - y) - np.abs(comp - y) for k, p in pooled.items()}
    d_r = {k: np.abs(p - y) - np.abs(ref - y) for k, p in pooled.items()}
    return (paired_intervals(d_c, prop), paired_intervals(d_r, prop), parts, chosen,
            {k: np.abs(p - y).mean() for k, p in pooled.items()})


def main(tsv, dirs):
    model = r5.Model(tsv, dirs[0] + "/cases.csv")
    print(f"{model.n} issues; compromise model MAE {np.abs(model.comp - model.y).mean():.2f}")
    rows = []
    for d in dirs:
        folds = pd.read_csv(d + "/cases.csv").fold.astype(str).values
        vs_c, vs_r, parts, chosen, mae = run_split(model, folds, d + "/round6_cache.npz")
        print(f"\n{d}: lambda {chosen['lambda']}")
        for k in vs_c:
            worse = sum(p[1] > 0 for p in parts[k])
            (a, alo, ahi), (b, blo, bhi) = vs_c[k], vs_r[k]
            print(f"  {k:26s} vs compromise {a:+.3f} [{alo:+.3f}, {ahi:+.3f}]  vs choice-cap {b:+.3f} "
                  f"[{blo:+.3f}, {bhi:+.3f}]  MAE {mae[k]:.2f}  worse {worse}/{len(parts[k])}  chosen {chosen[k]}"
                  + ("  <- pre-registered" if k == CANDIDATE else ""))
            print("      parts: " + " | ".join(f"{p[0]}: {p[1]:+.2f} ({p[2]:.2f}/{p[3]:.2f})" for p in parts[k]))
            rows.append((d, k, a, ahi, b, blo, bhi, worse))
        sys.stdout.flush()
    print("\nsummary over the splits: mean diff vs compromise, splits with interval below 0, "
          "mean diff vs choice-cap, splits with that interval below 0, parts worse")
    s = pd.DataFrame(rows, columns=["dir", "k", "a", "ahi", "b", "blo", "bhi", "worse"])
    for k, g in s.groupby("k", sort=False):
        print(f"  {k:26s} {g.a.mean():+.3f} ({g.a.min():+.2f}..{g.a.max():+.2f})  {int((g.ahi < 0).sum())}/{len(g)}"
              f"  {g.b.mean():+.3f}  {int((g.bhi < 0).sum())}/{len(g)}  worse {int(g.worse.sum())}"
              + ("  <- pre-registered" if k == CANDIDATE else ""))


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--confirm"]
    if len(args) < 2:
        raise SystemExit(__doc__)
    main(args[0], args[1:])
