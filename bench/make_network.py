#!/usr/bin/env python3
"""Writes a synthetic big sparse scenario for the scaling benchmarks (docs/performance.md).

    /usr/bin/python3 bench/make_network.py ACTORS [-o DIR] [--edges-per-actor 10] [--rounds 20] [--seed 1]

writes DIR/network_ACTORS.yaml and the actor table it names, DIR/network_ACTORS_actors.csv:
three issues on [0, 100]; ACTORS actors with random capability, stubbornness, positions and
saliences (reservation 0.6, no veto); each actor listens to `--edges-per-actor` distinct other
actors (edges listed in the YAML file, weights in [0.1, 0.9]); Friedkin-Johnsen dynamics with
`capability-salience` weights for `--rounds` rounds, weighted-mean terms, unanimity; one uncertain
position so that runs differ. Under unanimity so many actors never all accept, so every run
computes every round: the work of a run is rounds x (actors + edges) x issues. The same
arguments write the same bytes. Files of more than 100,000 actors, 10,000,000 edges or 64 MiB
need accord's `--limit` (the figure's command line in bench/suite.py gives it).
"""
import argparse
import os
import random
import sys


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("actors", type=int)
    ap.add_argument("-o", "--output", default=".", help="directory to write into (created if missing)")
    ap.add_argument("--edges-per-actor", type=int, default=10)
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    n = args.actors
    if n < 2 or args.edges_per_actor < 1 or args.rounds < 1:
        print("make_network.py: need at least 2 actors, 1 edge per actor and 1 round", file=sys.stderr)
        return 2
    rng = random.Random(args.seed)
    os.makedirs(args.output, exist_ok=True)
    stem = f"network_{n}"
    table = f"{stem}_actors.csv"
    issues = ("x", "y", "z")
    with open(os.path.join(args.output, table), "w") as f:
        f.write("id,capability,stubbornness,reservation," + ",".join(f"{k},{k}.salience" for k in issues) + "\n")
        for i in range(n):
            cells = [f"a{i}", f"{rng.randint(1, 100)}", f"{rng.randint(1, 6) / 10:g}", "0.6"]
            for _ in issues:
                cells += [f"{rng.randint(0, 100)}", f"{rng.randint(2, 10) / 10:g}"]
            f.write(",".join(cells) + "\n")
    per = min(args.edges_per_actor, n - 1)
    with open(os.path.join(args.output, stem + ".yaml"), "w") as f:
        f.write(f"# Written by bench/make_network.py {n} --edges-per-actor {args.edges_per_actor} "
                f"--rounds {args.rounds} --seed {args.seed}\n")
        f.write(f"accord: 1\nname: \"Synthetic sparse network, {n} actors, {per} influence edges per actor\"\n")
        f.write("issues:\n" + "".join(f"  - {{id: {k}, scale: [0, 100]}}\n" for k in issues))
        f.write(f"actors: {{csv: {table}}}\n")
        f.write("influence:\n")
        for i in range(n):
            sources = set()
            while len(sources) < per:
                j = rng.randrange(n)
                if j != i:
                    sources.add(j)
            for j in sorted(sources):
                f.write(f"  - {{from: a{j}, to: a{i}, weight: {rng.randint(1, 9) / 10:g}}}\n")
        f.write("model:\n  dynamics: friedkin-johnsen\n  weighting: capability-salience\n"
                f"  rounds: {args.rounds}\n  tolerance: 1.0e-15\n")
        f.write("outcome:\n  rule: weighted-mean\n  decision: unanimity\n")
        f.write("uncertainty:\n  actors.a0.positions.x: {uniform: [0, 100]}\n")
        f.write("monte_carlo:\n  runs: 1\n  seed: 1\n")
    print(os.path.join(args.output, stem + ".yaml"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
