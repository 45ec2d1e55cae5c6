#!/usr/bin/env python3
"""Writes a big sparse scenario for the loading benchmarks (docs/performance.md, "Loading big inputs").

    python3 bench/make_big_scenario.py --actors 10000 --edges-per-actor 10 --form yaml OUT_DIR
    python3 bench/make_big_scenario.py --actors 1000000 --edges-per-actor 10 --form csv OUT_DIR

--form yaml writes OUT_DIR/big.yaml with the actors and edges as YAML lists; --form csv writes
OUT_DIR/big.yaml naming OUT_DIR/actors.csv and OUT_DIR/edges.csv (actors: {csv: ...},
influence: {csv: ...}). Both forms describe the same scenario for the same arguments. Actor i
influences actors i+1, i+1+s, i+1+2s, ... (modulo the count, s = (actors-1) // edges_per_actor),
so there are no self-loops and no duplicate edges; positions and weights follow from i alone, so
the files are the same bytes on every machine.
"""
import argparse
import os
import sys


def actor_rows(n):
    """(id, capability, position, stubbornness or "") of each actor: one in ten is stubborn, so that
    the network has no closed group of followers (validate's warning, docs/scenario-format.md)."""
    for i in range(n):
        yield f"a{i}", 1 + i % 97, (i * 37) % 101, "0.5" if i % 10 == 0 else ""


def edges(n, k):
    step = max(1, (n - 1) // k)
    for i in range(n):
        for j in range(min(k, n - 1)):
            t = (i + 1 + j * step) % n
            if t != i:
                yield f"a{i}", f"a{t}", f"0.{(i + 3 * j) % 9 + 1}"


def edge_lines(n, k):
    yield "from,to,weight\n"
    for f, t, w in edges(n, k):
        yield f"{f},{t},{w}\n"


def write_chunks(path, lines):
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        chunk = []
        for line in lines:
            chunk.append(line)
            if len(chunk) >= 100000:
                out.write("".join(chunk))
                chunk.clear()
        out.write("".join(chunk))


def header(name):
    return [
        "accord: 1\n",
        f"name: {name}\n",
        "issues:\n",
        "  - id: agenda\n",
    ]


def tail():
    return ["model:\n", "  rounds: 20\n", "monte_carlo:\n", "  runs: 2\n", "  seed: 1\n"]


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out_dir")
    p.add_argument("--actors", type=int, required=True)
    p.add_argument("--edges-per-actor", type=int, default=10)
    p.add_argument("--form", choices=["yaml", "csv"], default="yaml")
    a = p.parse_args()
    if a.actors < 2 or a.edges_per_actor < 0:
        sys.exit("make_big_scenario.py: --actors must be >= 2 and --edges-per-actor >= 0")
    os.makedirs(a.out_dir, exist_ok=True)
    n, k = a.actors, a.edges_per_actor
    name = f"big sparse network, {n} actors, {k} edges each"
    scenario = os.path.join(a.out_dir, "big.yaml")
    if a.form == "csv":
        write_chunks(os.path.join(a.out_dir, "actors.csv"),
                     ["id,capability,stubbornness,agenda\n"] +
                     [f"{id_},{c},{st},{pos}\n" for id_, c, pos, st in actor_rows(n)])
        write_chunks(os.path.join(a.out_dir, "edges.csv"), edge_lines(n, k))
        write_chunks(scenario, header(name) + ["actors: {csv: actors.csv}\n", "influence: {csv: edges.csv}\n"] +
                     tail())
    else:
        def lines():
            yield from header(name)
            yield "actors:\n"
            for id_, c, pos, st in actor_rows(n):
                stubborn = f", stubbornness: {st}" if st else ""
                yield f"  - {{id: {id_}, capability: {c}{stubborn}, positions: {{agenda: {pos}}}}}\n"
            if k > 0:
                yield "influence:\n"
                for f, t, w in edges(n, k):
                    yield f"  - {{from: {f}, to: {t}, weight: {w}}}\n"
            yield from tail()
        write_chunks(scenario, lines())
    print(scenario)


if __name__ == "__main__":
    main()
