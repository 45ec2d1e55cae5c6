#!/usr/bin/env python3
"""Writes a synthetic big sparse scenario for the benchmarks (docs/performance.md).

    /usr/bin/python3 bench/make_network.py ACTORS [-o DIR] [--edges-per-actor 10] [--rounds 20] [--seed 1] [--form yaml|csv]
    /usr/bin/python3 bench/make_network.py ACTORS -o DIR --layout strided [--form yaml|csv] [--edges-per-actor 10]

Two layouts, the same arguments always writing the same bytes.

--layout random (the default; the scaling benchmarks, bench/suite.py) writes DIR/network_ACTORS.yaml
and the actor table it names, DIR/network_ACTORS_actors.csv: three issues on [0, 100]; ACTORS actors
with random capability, stubbornness, positions and saliences (reservation 0.99, no veto); each actor
listens to `--edges-per-actor` distinct other actors drawn with `--seed` (weights in [0.1, 0.9]; the
edges listed in the YAML file, or with --form csv the same edges in DIR/network_ACTORS_edges.csv,
which the YAML file names: the same scenario, loaded in a fraction of the time); Friedkin-Johnsen dynamics with `capability-salience` weights for
`--rounds` rounds, weighted-mean terms, unanimity; one uncertain position so that runs differ. Under
unanimity, with reservations so high, no run agrees, so every run computes every round (at the
former reservation of 0.6 runs agreed at round 1 or 2, more of them later as the network grew): the
work of a run is rounds x (actors + edges) x issues.

--layout strided (the loading benchmarks, bench/load_speed.sh) writes DIR/big.yaml, with one issue
and the actors and edges as YAML lists (--form yaml, the default) or naming DIR/actors.csv and
DIR/edges.csv (--form csv: actors: {csv: ...}, influence: {csv: ...}); both forms describe the same
scenario. Actor i influences actors i+1, i+1+s, i+1+2s, ... (modulo the count,
s = (actors-1) // edges_per_actor), so there are no self-loops and no duplicate edges; positions and
weights follow from i alone (no --seed); `--edges-per-actor 0` writes no edges.

Files of more than 100,000 actors, 10,000,000 edges or 64 MiB need accord's `--limit` (the command
lines in bench/suite.py and bench/load_speed.sh give it).
"""
import argparse
import itertools
import os
import random
import sys

ISSUES = ("x", "y", "z")  # the random layout's issues


def write_chunks(path, lines):
    """Writes the lines a hundred thousand at a time: a million-actor file is never held whole."""
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        chunk = []
        for line in lines:
            chunk.append(line)
            if len(chunk) >= 100000:
                out.write("".join(chunk))
                chunk.clear()
        out.write("".join(chunk))


# --layout random


def random_actor_lines(n, rng):
    yield "id,capability,stubbornness,reservation," + ",".join(f"{k},{k}.salience" for k in ISSUES) + "\n"
    for i in range(n):
        cells = [f"a{i}", f"{rng.randint(1, 100)}", f"{rng.randint(1, 6) / 10:g}", "0.99"]  # so high that never all accept: every run computes every round
        for _ in ISSUES:
            cells += [f"{rng.randint(0, 100)}", f"{rng.randint(2, 10) / 10:g}"]
        yield ",".join(cells) + "\n"


def random_edges(n, per, rng):
    """(source, target, weight) of every edge, target by target, each target's sources in increasing order."""
    for i in range(n):
        sources = set()
        while len(sources) < per:
            j = rng.randrange(n)
            if j != i:
                sources.add(j)
        for j in sorted(sources):
            yield j, i, f"{rng.randint(1, 9) / 10:g}"


def random_scenario_lines(args, table, per, rng, edges=None):
    """The scenario; its edges listed in it, or named as the table `edges` (already written) when given."""
    n = args.actors
    form = " --form csv" if edges else ""
    yield (f"# Written by bench/make_network.py {n} --edges-per-actor {args.edges_per_actor} "
           f"--rounds {args.rounds} --seed {args.seed}{form}\n")
    yield f"accord: 1\nname: \"Synthetic sparse network, {n} actors, {per} influence edges per actor\"\n"
    yield "issues:\n" + "".join(f"  - {{id: {k}, scale: [0, 100]}}\n" for k in ISSUES)
    yield f"actors: {{csv: {table}}}\n"
    if edges:
        yield f"influence: {{csv: {edges}}}\n"
    else:
        yield "influence:\n"
        for j, i, w in random_edges(n, per, rng):
            yield f"  - {{from: a{j}, to: a{i}, weight: {w}}}\n"
    yield ("model:\n  dynamics: friedkin-johnsen\n  weighting: capability-salience\n"
           f"  rounds: {args.rounds}\n  tolerance: 1.0e-15\n")
    yield "outcome:\n  rule: weighted-mean\n  decision: unanimity\n"
    yield "uncertainty:\n  actors.a0.positions.x: {uniform: [0, 100]}\n"
    yield "monte_carlo:\n  runs: 1\n  seed: 1\n"


def write_random(args):
    n = args.actors
    rng = random.Random(args.seed)  # the actor table draws first, then the edges: the order fixes the bytes
    stem = f"network_{n}"
    table = f"{stem}_actors.csv"
    write_chunks(os.path.join(args.output, table), random_actor_lines(n, rng))
    scenario = os.path.join(args.output, stem + ".yaml")
    per = min(args.edges_per_actor, n - 1)
    edges = None
    if args.form == "csv":  # the same edges, drawn in the same order, as a table (loads in a fraction of the time)
        edges = f"{stem}_edges.csv"
        write_chunks(os.path.join(args.output, edges),
                     itertools.chain(["from,to,weight\n"], (f"a{j},a{i},{w}\n" for j, i, w in random_edges(n, per, rng))))
    write_chunks(scenario, random_scenario_lines(args, table, per, rng, edges))
    return scenario


# --layout strided


def strided_actor_rows(n):
    """(id, capability, position, stubbornness or "") of each actor: one in ten is stubborn, so that
    the network has no closed group of followers (validate's warning, docs/scenario-format.md)."""
    for i in range(n):
        yield f"a{i}", 1 + i % 97, (i * 37) % 101, "0.5" if i % 10 == 0 else ""


def strided_edges(n, k):
    step = max(1, (n - 1) // k) if k > 0 else 1
    for i in range(n):
        for j in range(min(k, n - 1)):
            t = (i + 1 + j * step) % n
            if t != i:
                yield f"a{i}", f"a{t}", f"0.{(i + 3 * j) % 9 + 1}"


def write_strided(args):
    n, k = args.actors, args.edges_per_actor
    name = f"big sparse network, {n} actors, {k} edges each"
    head = ["accord: 1\n", f"name: {name}\n", "issues:\n", "  - id: agenda\n"]
    tail = ["model:\n", f"  rounds: {args.rounds}\n", "monte_carlo:\n", "  runs: 2\n", "  seed: 1\n"]
    scenario = os.path.join(args.output, "big.yaml")
    if args.form == "csv":
        write_chunks(os.path.join(args.output, "actors.csv"),
                     itertools.chain(["id,capability,stubbornness,agenda\n"],
                                     (f"{id_},{c},{st},{pos}\n" for id_, c, pos, st in strided_actor_rows(n))))
        write_chunks(os.path.join(args.output, "edges.csv"),
                     itertools.chain(["from,to,weight\n"], (f"{f},{t},{w}\n" for f, t, w in strided_edges(n, k))))
        write_chunks(scenario, head + ["actors: {csv: actors.csv}\n", "influence: {csv: edges.csv}\n"] + tail)
        return scenario

    def lines():
        yield from head
        yield "actors:\n"
        for id_, c, pos, st in strided_actor_rows(n):
            stubborn = f", stubbornness: {st}" if st else ""
            yield f"  - {{id: {id_}, capability: {c}{stubborn}, positions: {{agenda: {pos}}}}}\n"
        if k > 0:
            yield "influence:\n"
            for f, t, w in strided_edges(n, k):
                yield f"  - {{from: {f}, to: {t}, weight: {w}}}\n"
        yield from tail

    write_chunks(scenario, lines())
    return scenario


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("actors", type=int)
    ap.add_argument("-o", "--output", default=".", help="directory to write into (created if missing)")
    ap.add_argument("--layout", choices=["random", "strided"], default="random")
    ap.add_argument("--edges-per-actor", type=int, default=10)
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--seed", type=int, help="random layout: the generator's seed (default 1)")
    ap.add_argument("--form", choices=["yaml", "csv"], help="edges as YAML lists (default) or a CSV table "
                    "(and, in the strided layout, the actors too)")
    args = ap.parse_args(argv)
    n = args.actors
    if args.layout == "random":
        if n < 2 or args.edges_per_actor < 1 or args.rounds < 1:
            ap.error("the random layout needs at least 2 actors, 1 edge per actor and 1 round")
        args.seed = 1 if args.seed is None else args.seed
        args.form = args.form or "yaml"
    else:
        if args.seed is not None:
            ap.error("--seed applies to --layout random (the strided layout draws nothing)")
        if n < 2 or args.edges_per_actor < 0 or args.rounds < 1:
            ap.error("the strided layout needs at least 2 actors, 0 or more edges per actor and 1 round")
        args.form = args.form or "yaml"
    os.makedirs(args.output, exist_ok=True)
    print(write_random(args) if args.layout == "random" else write_strided(args))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
