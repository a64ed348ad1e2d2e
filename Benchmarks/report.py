"""Turns the files Benchmarks/run leaves in its results folder into Markdown.

Full mode prints absolute medians, ratios and goals; short mode prints only
ratios (and peak memory) with pass/fail, since absolute times on shared CI
machines mean little. A missed goal never changes the exit status.
"""

import glob
import json
import os
import statistics

MIB = 1024


class Results:
    def __init__(self, folder):
        self.folder = folder
        self.medians = {}
        self.cpu = {}
        self.rows = []
        for name in ("token", "context", "info", "scale"):
            pooled = {}
            for path in sorted(glob.glob(os.path.join(folder, name + ".r*.json"))):
                with open(path) as handle:
                    for result in json.load(handle)["results"]:
                        runs = len(result["times"])
                        entry = pooled.setdefault(result["command"], ([], []))
                        entry[0].extend(result["times"])
                        entry[1].extend([result["user"] + result["system"]] * runs)
            for command, (times, cpu) in pooled.items():
                self.cpu[command] = statistics.mean(cpu)
                row = {"command": command, "times": times, "median": statistics.median(times),
                       "cpu": statistics.mean(cpu),
                       "mean": statistics.mean(times), "min": min(times), "max": max(times),
                       "stddev": statistics.stdev(times) if len(times) > 1 else 0}
                self.medians[command] = row["median"]
                self.rows.append(row)

    def _load(self, name):
        path = os.path.join(self.folder, name)
        if not os.path.exists(path):
            return None
        with open(path) as handle:
            return json.load(handle)

    def median(self, name):
        return self.medians.get(name)

    def text(self, name):
        path = os.path.join(self.folder, name)
        if not os.path.exists(path):
            return []
        with open(path) as handle:
            return [line.rstrip("\n") for line in handle if line.strip()]


def ms(seconds):
    return f"{seconds * 1000:.2f} ms"


def verdict(ratio, goal, at_most):
    if ratio is None:
        return "not measured"
    return "met" if (ratio <= goal if at_most else ratio >= goal) else "**missed**"


def ratio_of(top, bottom):
    if top is None or bottom is None or bottom == 0:
        return None
    return top / bottom


def checks(results):
    """(check, measured, reference, ratio, goal text, verdict) rows."""
    rows = []
    floor = results.median("secret-tool lookup")

    def add(check, top, bottom, goal, at_most):
        ratio = ratio_of(top, bottom)
        goal_text = ("≤ " if at_most else "≥ ") + f"{goal:g}"
        rows.append((check, top, bottom, ratio, goal_text, verdict(ratio, goal, at_most)))

    add("avn user token / secret-tool lookup", results.median("avn user token"), floor,
        1.15, True)
    add("git-credential-avn get / secret-tool lookup",
        results.median("git-credential-avn get"), floor, 1.15, True)
    python = results.median("aiven-client user info")
    add("aiven-client user info / avn user info (speed-up)", python,
        results.median("avn user info"), 15, False)
    sizes = sorted(int(name.split()[1]) for name in results.medians
                   if name.startswith("token "))
    largest = sizes[-1] if sizes else None
    for command in ("token", "switch"):
        add(f"avn user {command}: {largest:,} / 1 profiles",
            results.median(f"{command} {largest}"), results.median(f"{command} 1"), 1.1, True)
    return rows, sizes


def profiles_cost(results, sizes):
    """Per-profile cost of `avn user profiles`, overall and per size step."""
    if len(sizes) < 2:
        return None
    first, last = sizes[0], sizes[-1]
    slope = (results.median(f"profiles {last}") - results.median(f"profiles {first}")) \
        / (last - first)
    steps = []
    for low, high in zip(sizes, sizes[1:]):
        steps.append((low, high, (results.median(f"profiles {high}")
                                  - results.median(f"profiles {low}")) / (high - low)))
    return slope, steps


PER_PROFILE_GOAL = 10e-6  # seconds per listed profile
LINEARITY_GOAL = 1.5      # later step's slope at most this multiple of the first's


def profiles_verdict(cost):
    if cost is None:
        return "not measured", "not measured"
    slope, steps = cost
    small = "met" if slope <= PER_PROFILE_GOAL else "**missed**"
    if len(steps) < 2:
        return small, "not measured (needs three sizes)"
    growth = steps[-1][2] / steps[0][2] if steps[0][2] > 0 else None
    if growth is None:
        return small, "not measured (first step too small to resolve)"
    linear = "met" if growth <= LINEARITY_GOAL else "**missed**"
    return small, f"{linear} (slope ×{growth:.2f} from the first step to the last)"


def memory_row(results):
    data = results._load("memory.json")
    floor = results._load("memory-secret-tool.json")
    if data is None:
        return None
    mib = data["median_kib"] / MIB
    floor_mib = floor["median_kib"] / MIB if floor else None
    return mib, floor_mib, "met" if mib <= 20 else "**missed**"


def parallel_row(results):
    data = results._load("parallel.json")
    single = results.median("avn user token")
    if data is None or single is None:
        return None
    ratio = data["p99"] / single
    return data, single, ratio, "met" if ratio <= 3 else "**missed**"


def print_short(results):
    rows, sizes = checks(results)
    print("| Check | Ratio | Goal | Result |")
    print("|---|---|---|---|")
    for check, _top, _bottom, ratio, goal, result in rows:
        shown = f"{ratio:.2f}" if ratio is not None else "–"
        print(f"| {check} | {shown} | {goal} | {result} |")
    cost = profiles_cost(results, sizes)
    small, _linear = profiles_verdict(cost)
    growth = ratio_of(results.median(f"profiles {sizes[-1]}"), results.median("profiles 1"))
    shown = f"{growth:.2f}" if growth is not None else "–"
    print(f"| avn user profiles: {sizes[-1]:,} / 1 profiles | {shown} | "
          f"≤ {PER_PROFILE_GOAL * 1e6:g} µs per profile | {small} |")
    memory = memory_row(results)
    if memory:
        mib, floor_mib, result = memory
        print(f"| avn user token peak RSS / 20 MiB | {mib / 20:.2f} | ≤ 1 | {result} |")
    parallel = parallel_row(results)
    if parallel:
        data, _single, ratio, result = parallel
        print(f"| {data['workers']} parallel workers: p99 / single median | {ratio:.2f} | "
              f"≤ 3 | {result} |")


def print_full(results):
    rows, sizes = checks(results)
    print("| Check | Measured | Reference | Ratio | Goal | Result |")
    print("|---|---|---|---|---|---|")
    for check, top, bottom, ratio, goal, result in rows:
        cells = [ms(top) if top is not None else "–", ms(bottom) if bottom is not None else "–",
                 f"{ratio:.2f}" if ratio is not None else "–"]
        print(f"| {check} | {' | '.join(cells)} | {goal} | {result} |")
    floor_cpu = results.cpu.get("secret-tool lookup")
    for name in ("avn user token", "git-credential-avn get"):
        own = results.cpu.get(name)
        if own is not None and floor_cpu:
            print(f"| {name} / secret-tool lookup, CPU of the process (user+sys) | {ms(own)} | "
                  f"{ms(floor_cpu)} | {own / floor_cpu:.2f} | – | – |")
    cost = profiles_cost(results, sizes)
    small, linear = profiles_verdict(cost)
    if cost:
        slope, steps = cost
        print(f"| avn user profiles: cost per profile, 1 → {sizes[-1]:,} | "
              f"{slope * 1e6:.2f} µs | – | – | ≤ {PER_PROFILE_GOAL * 1e6:g} µs | {small} |")
        for low, high, step in steps:
            print(f"| avn user profiles: cost per profile, {low:,} → {high:,} | "
                  f"{step * 1e6:.2f} µs | – | – | linear | {linear} |")
    memory = memory_row(results)
    if memory:
        mib, floor_mib, result = memory
        floor_text = f"{floor_mib:.1f} MiB (secret-tool)" if floor_mib else "–"
        ratio = f"{mib / floor_mib:.2f}" if floor_mib else "–"
        print(f"| avn user token peak RSS (median) | {mib:.1f} MiB | {floor_text} | {ratio} | "
              f"≤ 20 MiB | {result} |")
    parallel = parallel_row(results)
    if parallel:
        data, single, ratio, result = parallel
        print(f"| {data['workers']} parallel workers × {data['calls_per_worker']}: p99 / "
              f"single median | {ms(data['p99'])} | {ms(single)} | {ratio:.2f} | ≤ 3 | "
              f"{result} |")
        print(f"| {data['workers']} parallel workers: p50 / single median | {ms(data['p50'])} | "
              f"{ms(single)} | {data['p50'] / single:.2f} | – | – |")
        cpu = data.get("cpu_per_call", {})
        if cpu:
            parts = ", ".join(f"{label} {ms(seconds)}" for label, seconds in cpu.items())
            bound = data["workers"] * sum(cpu.values()) / data["cpus"]
            print(f"| CPU per call under load ({parts}) on {data['cpus']} CPUs: "
                  f"{data['workers']} in flight cannot average below | {ms(bound)} | – | – | "
                  f"– | – |")
    print()
    print("All medians (hyperfine, no shell, side by side per group):")
    print()
    print("| Command | Median | Mean ± σ | Min | Max | CPU (user+sys, mean) | Runs |")
    print("|---|---|---|---|---|---|---|")
    for row in results.rows:
        print(f"| {row['command']} | {ms(row['median'])} | {ms(row['mean'])} ± "
              f"{ms(row['stddev'] or 0)} | {ms(row['min'])} | {ms(row['max'])} | "
              f"{ms(row['cpu'])} | {len(row['times'])} |")
    if parallel:
        data = parallel[0]
        print(f"| parallel harness, one worker (sequential median) | "
              f"{ms(data['sequential_median'])} | – | – | – | – | – |")
        print(f"| parallel: {data['calls']} calls, {data['failures']} failed, "
              f"wall {data['wall_seconds']:.2f} s, max {ms(data['max'])} | – | – | – | – | – | – |")


def main(folder, mode):
    results = Results(folder)
    if mode == "short":
        print_short(results)
    else:
        print_full(results)
    notes = results.text("notes.txt")
    if notes:
        print()
        for note in notes:
            print(f"- {note}")
