#!/usr/bin/env python3
"""Writes a big sparse scenario for the scaling measurements of docs/performance.md: N actors in an
actor table (ACTORS.csv), each listening to about D others drawn at random, three issues, every
round to the end. Until edge tables land (issue 13 item 1), the edges are listed in the YAML file.

    python3 bench/make_network.py --actors 10000 --degree 10 --out /tmp/net10k.yaml
    build/sim/accord run /tmp/net10k.yaml --runs 1 -q --limit actors=10000000,edges=100000000

The numbers are synthetic (seeded): the file is for timing the engine, never for forecasting.
"""
import argparse
import os
import random


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--actors", type=int, required=True)
    parser.add_argument("--degree", type=int, default=10, help="sources per actor (default 10)")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", required=True, help="the scenario file; the actor table is written next to it")
    args = parser.parse_args()
    if args.actors <= args.degree:
        parser.error("--actors must exceed --degree")
    rng = random.Random(args.seed)
    issues = ["a", "b", "c"]
    table = os.path.splitext(args.out)[0] + "_actors.csv"
    with open(table, "w") as f:
        f.write("id,capability,stubbornness," + ",".join(f"{k},{k}.salience" for k in issues) + "\n")
        for i in range(args.actors):
            cells = [f"A{i}", f"{rng.uniform(1, 10):.4f}", f"{rng.uniform(0, 0.5):.4f}"]
            for _ in issues:
                cells += [f"{rng.uniform(0, 100):.3f}", f"{rng.uniform(0.1, 1):.3f}"]
            f.write(",".join(cells) + "\n")
    with open(args.out, "w") as f:
        f.write("accord: 1\n")
        f.write(f'name: "Synthetic sparse network, {args.actors} actors"\n')
        f.write("issues: [" + ", ".join(f"{{id: {k}}}" for k in issues) + "]\n")
        f.write(f"actors: {{csv: {os.path.basename(table)}}}\n")
        f.write("influence:\n")
        for i in range(args.actors):
            for j in rng.sample(range(args.actors - 1), args.degree):
                j = j + 1 if j >= i else j  # any actor but i
                f.write(f"  - {{from: A{j}, to: A{i}, weight: {rng.uniform(0.1, 1):.3f}}}\n")
        f.write(f"model: {{rounds: {args.rounds}}}\n")
        f.write("outcome: {stop: end, decision: majority}\n")
        f.write(f"monte_carlo: {{runs: {args.runs}, seed: 1}}\n")


if __name__ == "__main__":
    main()
