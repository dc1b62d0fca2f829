#!/usr/bin/env python3
"""Benchmark harness: runs each measurement several times and prints median/min/max of wall,
user and sys time and peak RSS, with ratios against the peer measured in the same run.

    python3 Benchmarks/bench.py [--suite core,xfrm,userspace] [--sizes 10000,100000]
                                [--runs 5] [--json] [--build-dir .build/release]

Build first: `swift build -c release`. Suites live in Benchmarks/suites/<name>.py and define
`rows(ctx)` returning a list of Row objects (see suites/core.py). Not part of `swift test`:
timings belong here, never in unit tests.
"""
import argparse
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


class Row:
    """One measured command. `peer` names another row of the same suite to compare against."""

    def __init__(self, name, argv, peer=None, setup=None, stdin=None, env=None, note=""):
        self.name = name
        self.argv = argv
        self.peer = peer
        self.setup = setup  # callable run before each measurement (not timed)
        self.stdin = stdin
        self.env = env
        self.note = note


class Context:
    def __init__(self, args):
        self.build_dir = os.path.abspath(args.build_dir)
        self.sizes = [int(s) for s in args.sizes.split(",")]
        self.runs = args.runs
        self.tmp = tempfile.mkdtemp(prefix="setkey-bench-")
        self.root = ROOT

    def setkey(self):
        return os.path.join(self.build_dir, "setkey")

    def path(self, name):
        return os.path.join(self.tmp, name)


def measure(row):
    """Runs row.argv once; returns wall seconds, user, sys, max RSS (KiB) of the child."""
    if row.setup:
        row.setup()
    stdin = open(row.stdin, "rb") if row.stdin else subprocess.DEVNULL
    env = dict(os.environ)
    env.update(row.env or {})
    start = time.perf_counter()
    proc = subprocess.Popen(row.argv, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    if row.stdin:
        stdin.close()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise RuntimeError(f"{row.name}: {' '.join(row.argv)} exited {code}: {err[-400:]}")
    return wall, usage.ru_utime, usage.ru_stime, usage.ru_maxrss


def summarize(samples):
    return {"median": statistics.median(samples), "min": min(samples), "max": max(samples)}


def run_rows(rows, runs):
    results = {}
    for row in rows:
        walls, users, syss, rss = [], [], [], []
        for _ in range(runs):
            w, u, s, r = measure(row)
            walls.append(w)
            users.append(u)
            syss.append(s)
            rss.append(r)
        results[row.name] = {
            "command": " ".join(row.argv) + (f" < {os.path.basename(row.stdin)}" if row.stdin else ""),
            "wall_s": summarize(walls), "user_s": summarize(users), "sys_s": summarize(syss),
            "peak_rss_kib": summarize(rss), "peer": row.peer, "note": row.note,
        }
    for name, r in results.items():
        if r["peer"] and r["peer"] in results:
            r["ratio_to_peer"] = r["wall_s"]["median"] / results[r["peer"]]["wall_s"]["median"]
    return results


def fmt_ms(x):
    return f"{x * 1000:9.1f}"


def print_table(suite, results):
    print(f"\n== {suite}")
    print(f"{'measurement':42} {'wall ms med':>11} {'min':>9} {'max':>9} {'user ms':>9} {'sys ms':>9} "
          f"{'RSS MiB':>8}  ratio")
    for name, r in results.items():
        ratio = f"{r['ratio_to_peer']:.2f}x {r['peer']}" if "ratio_to_peer" in r else ""
        print(f"{name:42} {fmt_ms(r['wall_s']['median']):>11} {fmt_ms(r['wall_s']['min'])} "
              f"{fmt_ms(r['wall_s']['max'])} {fmt_ms(r['user_s']['median'])} {fmt_ms(r['sys_s']['median'])} "
              f"{r['peak_rss_kib']['median'] / 1024:8.1f}  {ratio}")
        if r["note"]:
            print(f"{'':42} {r['note']}")


def load_suite(name):
    path = os.path.join(HERE, "suites", f"{name}.py")
    spec = importlib.util.spec_from_file_location(f"suite_{name}", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    available = sorted(f[:-3] for f in os.listdir(os.path.join(HERE, "suites")) if f.endswith(".py"))
    ap.add_argument("--suite", default="core", help=f"comma-separated, from: {', '.join(available)}")
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--build-dir", default=os.path.join(ROOT, ".build", "release"))
    ap.add_argument("--json", action="store_true", help="print JSON instead of tables")
    args = ap.parse_args()
    ctx = Context(args)
    sys.path.insert(0, HERE)
    everything = {"machine": os.uname().nodename, "cpus": os.cpu_count(), "runs": args.runs, "suites": {}}
    for suite in args.suite.split(","):
        module = load_suite(suite)
        rows = module.rows(ctx)
        results = run_rows(rows, args.runs)
        everything["suites"][suite] = results
        if not args.json:
            print_table(suite, results)
            if hasattr(module, "targets"):
                for line in module.targets(results):
                    print("  target: " + line)
    if args.json:
        json.dump(everything, sys.stdout, indent=2)
        print()


if __name__ == "__main__":
    main()
