#!/usr/bin/env python3
"""Fourth round against the compromise model on DEU III (docs/validation.md, "Fourth round"): a model
of WHICH stated option an outcome sits at, fitted on training parts only.

    for s in 1 2 3; do accord backtest --deu tests/data/deu3/deu3.tsv --folds 5 --seed $s -o results/deu-cv$s; done
    accord backtest --deu tests/data/deu3/deu3.tsv --split odd-even -o results/deu-odd-even
    python3 analysis/deu_round4.py tests/data/deu3/deu3.tsv results/deu-cv1 results/deu-cv2 results/deu-cv3 results/deu-odd-even

(the development splits); the pre-registered confirmation splits are the fold seeds 11 to 20:

    for s in $(seq 11 20); do accord backtest --deu tests/data/deu3/deu3.tsv --folds 5 --seed $s -o results/deu-cv$s; done
    python3 analysis/deu_round4.py --confirm tests/data/deu3/deu3.tsv results/deu-cv1[1-9] results/deu-cv20

The options of an issue: every distinct stated position, the reference point `rp` (where there is
one), 0 and 100. A conditional logit with an outside option (McFadden's choice model) gives each
option's probability of being the outcome, and "no option" (the outcome lies elsewhere) the rest:
the utility of an option is a linear function of its features, computed from inputs only (its
distance from the `blend-unweighted` prediction, the capability x salience share and the share of
the actors that state it, whether it is the reference point, the Commission's or the Parliament's
position, an end of the scale, the option nearest the blend, and the reference point and the
Commission's position crossed with the decision rule and the procedure); the utility of "no
option" a linear function of the issue's features (QMV, codecision, number of distinct positions,
spread of the positions). Coefficients by penalised maximum likelihood (a ridge lambda, the
intercept of "no option" unpenalised) on the training part only; the blend weight by least absolute deviations on the training part (as accord's
`blend-unweighted`). Sources of the idea: outcomes at stated options (Thomson et al. 2006, "The
European Union Decides"; Achen 2006 on which option wins; Arregui, Stokman & Thomson 2004 on
exchange and challenge, where an actor either keeps or gives up its position; Thomson 2011,
"Resolving Controversy in the European Union", on the reference point and the Commission).

Predictions from the probabilities (lambda = LAMBDA unless said):
- `choice-threshold`: the most probable option when its probability exceeds t, else the blend;
  t by 5-fold inner CV by proposal inside the training part (grid THRESHOLDS).
- `choice-median`: the median of the predictive mixture (each option a point mass at its
  probability, "no option" a point mass at the blend): the minimiser of expected absolute error
  under that mixture; nothing chosen by inner CV.
- `choice-median-spread`: the same, "no option" spread as the blend plus the training part's
  residuals (outcome minus blend) of its issues whose outcome is at no option (RESID_Q quantiles).
- `choice-median-spread, lambda by inner CV` (THE PRE-REGISTERED CANDIDATE of the fourth round):
  the same, lambda chosen from LAMBDAS by 5-fold inner CV inside the training part.
- `option-mixture median (equal options)`: the ridge's limit (lambda = EQUAL): every option
  equally likely, only the intercept of "no option" fitted.
With --confirm the same figures are printed; the flag only marks the run as the confirmation.

For each result directory (its cases.csv gives the folds): the held-out diff against the compromise
model on every part and pooled (each issue predicted by the fit without its part, one interval
resampling all 137 proposals), intervals from 2000 numpy bootstrap replicates (seed 1); the inner-CV
MAE of each candidate averaged over the training parts (by which a candidate is chosen in
development). An exploration script: numpy, pandas and scipy, outside accord.
"""
import sys

import numpy as np
import pandas as pd
from scipy.optimize import minimize

from deu_candidates import load, lad_convex

THRESHOLDS = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 0.8, 1.01]
LAMBDA = 1.0
LAMBDAS = [1, 3, 10, 30, 100, 1000]
DSCALE = 20.0
EQUAL = 1e6  # the ridge's limit: every option's coefficients 0, the options equally likely
RESID_Q = 20


class Options:
    """The long table of (issue, option) rows with their input-only features."""

    def __init__(self, t, actors, x, s, g, y):
        m = ~np.isnan(x)
        rp = pd.to_numeric(t.rp.replace("", np.nan)).values
        w_cs = np.where(m, s * g[None], 0)
        qmv = t.counvte.str.startswith("QMV").values.astype(float)
        cod = (t.proc.values == "COD").astype(float)
        com, ep = x[:, actors.index("com")], x[:, actors.index("ep")]
        issue, value, feat, label = [], [], [], np.full(len(y), -1)
        zs = []
        for i in range(len(y)):
            pos, w = x[i][m[i]], w_cs[i][m[i]]
            opts = np.unique(np.r_[pos, [0.0, 100.0], [] if np.isnan(rp[i]) else [rp[i]]])
            for v in opts:
                at = pos == v
                if np.isclose(v, y[i]):
                    label[i] = len(value)
                issue.append(i)
                value.append(v)
                is_rp = float(v == rp[i])
                is_com = float(v == com[i])
                feat.append([w[at].sum() / w.sum(), at.mean(), float(at.any()), is_rp, is_com,
                             float(v == ep[i]), float(v in (0.0, 100.0)),
                             is_rp * (1 - qmv[i]), is_com * qmv[i], float(v == ep[i]) * cod[i]])
            zs.append([1.0, qmv[i], cod[i], len(np.unique(pos)) / 10, pos.std() / 100])
        self.issue, self.value = np.array(issue), np.array(value)
        self.static, self.z = np.array(feat), np.array(zs)
        self.label, self.n = label, len(y)
        self.start = np.r_[0, np.flatnonzero(np.diff(self.issue)) + 1]

    def features(self, blend):
        """The static features and the ones that depend on the blend prediction."""
        d = np.abs(self.value - blend[self.issue]) / DSCALE
        nearest = np.zeros(len(d))
        # the option nearest the blend on each issue
        for a, b in zip(self.start, np.r_[self.start[1:], len(d)]):
            nearest[a + np.argmin(d[a:b])] = 1
        return np.c_[d, d * d, nearest, self.static]


def fit_logit(opts, f, train, lam):
    """Penalised ML of the conditional logit with an outside option, on the issues in `train`."""
    rows = train[opts.issue]
    F, iss, z = f[rows], opts.issue[rows], opts.z[train]
    remap = np.cumsum(train) - 1
    gi = remap[iss]
    nt = train.sum()
    lab_row = np.full(nt, -1)
    lab = opts.label[train]
    row_index = np.flatnonzero(rows)
    pos_of = {r: k for k, r in enumerate(row_index)}
    for j, l in enumerate(lab):
        if l >= 0:
            lab_row[j] = pos_of[l]
    kf, kz = F.shape[1], z.shape[1]

    def nll(theta):
        b, c = theta[:kf], theta[kf:]
        u, u0 = F @ b, z @ c
        mx = np.maximum(u0, np.full(nt, -np.inf))
        np.maximum.at(mx, gi, u)
        e, e0 = np.exp(u - mx[gi]), np.exp(u0 - mx)
        den = np.bincount(gi, e, nt) + e0
        lse = mx + np.log(den)
        chosen = np.where(lab_row >= 0, u[np.maximum(lab_row, 0)], u0)
        p, p0 = e / den[gi], e0 / den
        gb = F.T @ p - F[lab_row[lab_row >= 0]].sum(0)
        gc = z.T @ p0 - z[lab_row < 0].sum(0)
        pen = lam * ((b ** 2).sum() + (c[1:] ** 2).sum())
        g = np.r_[gb, gc] + 2 * lam * np.r_[b, 0, c[1:]]
        return (lse - chosen).sum() + pen, g
    return minimize(nll, np.zeros(kf + kz), jac=True, method="L-BFGS-B").x


def probabilities(opts, f, theta):
    kf = f.shape[1]
    u, u0 = f @ theta[:kf], opts.z @ theta[kf:]
    mx = u0.copy()
    np.maximum.at(mx, opts.issue, u)
    e, e0 = np.exp(u - mx[opts.issue]), np.exp(u0 - mx)
    den = np.bincount(opts.issue, e, opts.n) + e0
    return e / den[opts.issue], e0 / den


def predict_threshold(opts, blend, p, t):
    out = blend.copy()
    for a, b in zip(opts.start, np.r_[opts.start[1:], len(p)]):
        k = a + np.argmax(p[a:b])
        if p[k] > t:
            out[opts.issue[a]] = opts.value[k]
    return out


def predict_median(opts, blend, p, p0):
    out = blend.copy()
    for a, b in zip(opts.start, np.r_[opts.start[1:], len(p)]):
        i = opts.issue[a]
        pts, wts = np.r_[blend[i], opts.value[a:b]], np.r_[p0[i], p[a:b]]
        o = np.argsort(pts, kind="stable")
        out[i] = pts[o][np.searchsorted(np.cumsum(wts[o]), 0.5)]
    return out


def predict_median_spread(opts, blend, p, p0, resid):
    """The median of the mixture whose "no option" part is the blend plus the training residuals
    of the issues whose outcome is at no option (RESID_Q quantiles, equal masses)."""
    q = np.quantile(resid, (np.arange(RESID_Q) + 0.5) / RESID_Q)
    out = blend.copy()
    for a, b in zip(opts.start, np.r_[opts.start[1:], len(p)]):
        i = opts.issue[a]
        pts = np.r_[np.clip(blend[i] + q, 0, 100), opts.value[a:b]]
        wts = np.r_[np.full(RESID_Q, p0[i] / RESID_Q), p[a:b]]
        o = np.argsort(pts, kind="stable")
        out[i] = pts[o][np.searchsorted(np.cumsum(wts[o]), 0.5)]
    return out


def main(tsv, dirs):
    t0, cases0, actors, x, s, g = load(tsv, dirs[0] + "/cases.csv")
    y, m = t0.out.astype(float).values, ~np.isnan(x)
    x0 = np.where(m, x, 0)
    proposal = t0.prnr.values
    w_cs = np.where(m, s * g[None], 0)
    comp = (x0 * w_cs).sum(1) / w_cs.sum(1)
    unw = cases0["unweighted-mean"].values
    assert np.allclose(comp, cases0["weighted-mean"].values)
    n = len(y)
    opts = Options(t0, actors, x, s, g, y)
    print(f"{n} issues, {len(opts.value)} options, outcome at an option on {(opts.label >= 0).sum()}")

    def blend(train):
        w = lad_convex(np.c_[comp, unw][train], y[train])
        return np.c_[comp, unw] @ w

    def fit(train, lam=LAMBDA):
        b = blend(train)
        f = opts.features(b)
        p, p0 = probabilities(opts, f, fit_logit(opts, f, train, lam))
        none = train & (opts.label < 0)
        return b, p, p0, (y - b)[none]

    self_equal = [0.0]

    def inner(train, k=5):
        """Inner-CV predictions inside `train`: per threshold, and the median; the chosen t."""
        props = np.unique(proposal[train])
        np.random.default_rng(0).shuffle(props)
        pt = {th: np.zeros(n) for th in THRESHOLDS}
        pm, ps = np.zeros(n), np.zeros(n)
        for j in range(k):
            hold = np.isin(proposal, props[j::k]) & train
            b, p, p0, res = fit(train & ~hold)
            for th in THRESHOLDS:
                pt[th][hold] = predict_threshold(opts, b, p, th)[hold]
            pm[hold] = predict_median(opts, b, p, p0)[hold]
            ps[hold] = predict_median_spread(opts, b, p, p0, res)[hold]
        # the spread candidate's ridge lambda, also by inner CV
        spread = {}
        for lam in LAMBDAS:
            pl = np.zeros(n)
            for j in range(k):
                hold = np.isin(proposal, props[j::k]) & train
                b, p, p0, res = fit(train & ~hold, lam)
                pl[hold] = predict_median_spread(opts, b, p, p0, res)[hold]
            spread[lam] = np.abs(pl - y)[train].mean()
        pe = np.zeros(n)
        for j in range(k):
            hold = np.isin(proposal, props[j::k]) & train
            b, p, p0, res = fit(train & ~hold, EQUAL)
            pe[hold] = predict_median_spread(opts, b, p, p0, res)[hold]
        self_equal[0] = np.abs(pe - y)[train].mean()
        lam_best = min(LAMBDAS, key=lambda v: spread[v] + 1e-12 * LAMBDAS.index(v))
        errs = {th: np.abs(pt[th] - y)[train].mean() for th in THRESHOLDS}
        best = min(THRESHOLDS, key=lambda th: errs[th] + 1e-12 * THRESHOLDS.index(th))
        return (best, errs[best], np.abs(pm - y)[train].mean(), np.abs(pt[1.01] - y)[train].mean(),
                np.abs(ps - y)[train].mean(), lam_best, spread[lam_best])

    rng = np.random.default_rng(1)
    u, inv = np.unique(proposal, return_inverse=True)

    def interval(d, part):
        sums = np.bincount(inv[part], d[part], minlength=len(u))
        c = np.bincount(inv[part], minlength=len(u))
        keep = np.flatnonzero(c)
        draw = keep[rng.integers(0, len(keep), (2000, len(keep)))]
        return np.percentile(sums[draw].sum(1) / c[draw].sum(1), [2.5, 97.5])

    names = ["blend-unweighted (refit here)", "choice-threshold", "choice-median", "choice-median-spread",
             "choice-median-spread, lambda by inner CV", "option-mixture median (equal options)"]
    summary = []
    for d in dirs:
        cases = pd.read_csv(d + "/cases.csv")
        folds = cases.fold.astype(str).values
        labels = ["odd", "even"] if "odd" in folds else sorted(dict.fromkeys(folds))
        pooled = {k: np.empty(n) for k in names}
        cells = {k: [] for k in names}
        notes = []
        for lab in labels:
            te = folds == lab
            tr = ~te
            th, e_th, e_med, e_blend, e_spr, lam, e_lam = inner(tr)
            b, p, p0, res = fit(tr)
            bl, pl, pl0, resl = fit(tr, lam)
            be, pe, pe0, rese = fit(tr, EQUAL)
            preds = {names[0]: b, names[1]: predict_threshold(opts, b, p, th),
                     names[2]: predict_median(opts, b, p, p0),
                     names[3]: predict_median_spread(opts, b, p, p0, res),
                     names[4]: predict_median_spread(opts, bl, pl, pl0, resl),
                     names[5]: predict_median_spread(opts, be, pe, pe0, rese)}
            notes.append(f"{lab}: t={th} inner MAE blend {e_blend:.2f} threshold {e_th:.2f} median {e_med:.2f} spread {e_spr:.2f}"
                         f" lambda={lam} spread-lambda {e_lam:.2f} equal {self_equal[0]:.2f}")
            for k in names:
                pooled[k][te] = preds[k][te]
                dd = np.abs(preds[k] - y) - np.abs(comp - y)
                lo, hi = interval(dd, te)
                cells[k].append((dd[te].mean(), lo, hi, np.abs(preds[k] - y)[te].mean(),
                                 np.abs(comp - y)[te].mean()))
        print(f"\n{d}: held-out diff vs the compromise model [95%] (MAE model / compromise), "
              f"parts {' '.join(labels)}, then pooled")
        for line in notes:
            print("  inner CV " + line)
        for k in names:
            dd = np.abs(pooled[k] - y) - np.abs(comp - y)
            lo, hi = interval(dd, np.ones(n, bool))
            worse = sum(c[0] > 0 for c in cells[k])
            print(f"  {k}\n    " + " | ".join(f"{c[0]:+.2f} [{c[1]:+.2f}, {c[2]:+.2f}] ({c[3]:.2f}/{c[4]:.2f})"
                                               for c in cells[k])
                  + f"\n    pooled {dd.mean():+.3f} [{lo:+.3f}, {hi:+.3f}]  MAE {np.abs(pooled[k] - y).mean():.2f}"
                  f"  parts worse {worse} of {len(labels)}")
            summary.append((d, k, dd.mean(), lo, hi, worse, len(labels)))
    print("\nsummary: split, candidate, pooled diff [95%], parts worse than the compromise model")
    for d, k, mean, lo, hi, worse, nl in summary:
        print(f"  {d:28s} {k:32s} {mean:+.3f} [{lo:+.3f}, {hi:+.3f}] {worse}/{nl}"
              + ("  WIN" if hi < 0 else ""))


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--confirm"]
    if len(args) < 2:
        raise SystemExit(__doc__)
    main(args[0], args[1:])
