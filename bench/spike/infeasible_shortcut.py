#!/usr/bin/env python3
"""A spike (issue 13 item 3, docs/performance.md "Many small runs"): how many of the setter's programs
an issue-by-issue emptiness test would prove infeasible without Clp. On issue k every needed actor a
with weight w_ak > 0 confines tau_k to [x_ak - budget_a / w_ak, x_ak + budget_a / w_ak] whatever the
other issues, so the program is empty when these intervals and [0, 1] miss each other by more than
MARGIN (far beyond Clp's 1e-10, so Clp cannot call such a program feasible).

  infeasible_shortcut.py BASE...   reads BASE.txt (programs, bench/spike/dump_setter_programs.patch)
                                   and BASE.status (`clp_warm_start dump BASE.txt status`)
"""
import sys
def programs(path):
    for line in open(path):
        w = line.split(); m, n, prop = int(w[0]), int(w[1]), int(w[2]); i = 3; acts = []
        for a in range(n):
            xs, ws = [], []
            for k in range(m):
                xs.append(float.fromhex(w[i])); ws.append(float.fromhex(w[i+1])); i += 2
            b = float.fromhex(w[i]); i += 1
            acts.append((xs, ws, b))
        yield m, acts
MARGIN = 1e-6
def certified(m, acts):
    for k in range(m):
        lo, hi = 0.0, 1.0
        for xs, ws, b in acts:
            if ws[k] == 0: continue
            r = b / ws[k]
            lo = max(lo, xs[k] - r); hi = min(hi, xs[k] + r)
        if lo > hi + MARGIN: return True
    return False
for base in sys.argv[1:]:
    st = [tuple(map(int, l.split())) for l in open(base + '.status')]
    tot = len(st); inf = sum(s == 1 for s, _ in st); cert = wrong = 0; it_all = sum(i for _, i in st); it_saved = 0
    for (m, acts), (s, it) in zip(programs(base + '.txt'), st):
        if certified(m, acts):
            cert += 1; it_saved += it
            if s != 1: wrong += 1
    print(f"{base.split('/')[-1]}: programs {tot}, infeasible by Clp {inf}, certified empty {cert} "
          f"(Clp disagrees on {wrong}), Clp iterations skipped {it_saved} of {it_all} ({100*it_saved/it_all:.1f}%)")
