#!/usr/bin/env python3
"""Helpers for Benchmarks/run: vault generation, the parallel run, the report.

    bench.py profile-id VAULT NAME
    bench.py vault VAULT COUNT MEASURED_NAME EMAIL API_URL
    bench.py parallel OUT.json WORKERS CALLS PROGRAM [ARGS...]
    bench.py memory OUT.json RUNS FILE...
    bench.py report RESULTS_DIR (full|short)

Only the standard library is used, so the system python3 runs it.
"""

import json
import math
import multiprocessing
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
import uuid


def profile_id(vault, name):
    """Prints the id of the profile called NAME."""
    with sqlite3.connect(vault) as db:
        row = db.execute("SELECT id FROM profile WHERE name = ?", (name,)).fetchone()
    if row is None:
        sys.exit(f"bench.py: no profile named {name} in {vault}")
    print(row[0])


def make_vault(vault, count, measured, email, api_url):
    """Fills an empty vault (schema already created by avn) with COUNT profiles.

    Names are p00001, p00002, ...; MEASURED gets EMAIL, the others their own
    address. Prints "PROFILE_ID VAULT_ID" of the measured profile.
    """
    os.umask(0o077)
    now = int(time.time())
    rows = []
    measured_id = None
    for number in range(1, count + 1):
        name = f"p{number:05d}"
        identifier = str(uuid.uuid4())
        address = email if name == measured else f"user{number:05d}@example.com"
        if name == measured:
            measured_id = identifier
        rows.append((identifier, name, address, api_url, "token", identifier[:8],
                     now - count + number, "active", "keyring"))
    if measured_id is None:
        sys.exit(f"bench.py: {measured} is not among p00001..p{count:05d}")
    db = sqlite3.connect(vault, isolation_level=None)
    try:
        (vault_id,) = db.execute("SELECT value FROM setting WHERE key = 'vault_id'").fetchone()
        db.execute("BEGIN")
        db.executemany(
            "INSERT INTO profile (id, name, email, api_url, login_method, token_prefix,"
            " created_at, state, secret_store) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        db.execute("INSERT OR REPLACE INTO current_profile (singleton, profile_id) VALUES (1, ?)",
                   (rows[0][0],))
        db.execute("COMMIT")
    finally:
        db.close()
    print(measured_id, vault_id)


def _worker(barrier, queue, command, calls):
    latencies, failures = [], 0
    barrier.wait()
    for _ in range(calls):
        start = time.perf_counter()
        status = subprocess.run(command, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, close_fds=False).returncode
        latencies.append(time.perf_counter() - start)
        failures += status != 0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    queue.put((latencies, failures, usage.ru_utime + usage.ru_stime))


def _run_workers(command, workers, calls):
    barrier = multiprocessing.Barrier(workers)
    queue = multiprocessing.Queue()
    processes = [multiprocessing.Process(target=_worker, args=(barrier, queue, command, calls))
                 for _ in range(workers)]
    for process in processes:
        process.start()
    began = time.perf_counter()
    results = [queue.get() for _ in processes]
    wall = time.perf_counter() - began
    for process in processes:
        process.join()
    latencies = [value for result in results for value in result[0]]
    cpu = sum(result[2] for result in results)
    return latencies, sum(result[1] for result in results), wall, cpu


def _daemon_cpu(pids):
    """CPU seconds each daemon (label=pid) has used so far."""
    seconds = {}
    for label, pid in pids.items():
        try:
            with open(f"/proc/{pid}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            seconds[label] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, IndexError, ValueError):
            pass
    return seconds


def percentile(values, fraction):
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = math.ceil(fraction * len(ordered))
    return ordered[min(max(rank, 1), len(ordered)) - 1]


def parallel(out, workers, calls, command):
    """WORKERS processes call COMMAND CALLS times each, all starting together.

    The same harness with one worker gives the sequential baseline, so the
    harness's own cost (fork and exec from Python) is visible.
    """
    pids = dict(item.split("=", 1) for item in os.environ.get("BENCH_DAEMONS", "").split())
    baseline, base_failures, _, _ = _run_workers(command, 1, max(calls, 20))
    before = _daemon_cpu(pids)
    latencies, failures, wall, cpu = _run_workers(command, workers, calls)
    after = _daemon_cpu(pids)
    daemons = {label: (after[label] - before[label]) / len(latencies)
               for label in after if label in before}
    result = {
        "workers": workers, "calls_per_worker": calls, "calls": len(latencies),
        "failures": failures + base_failures, "wall_seconds": wall,
        "p50": percentile(latencies, 0.50), "p99": percentile(latencies, 0.99),
        "max": max(latencies), "sequential_median": statistics.median(baseline),
        "cpus": len(os.sched_getaffinity(0)), "cpu_per_call": {"avn": cpu / len(latencies), **daemons},
    }
    with open(out, "w") as handle:
        json.dump(result, handle, indent=2)


def memory(out, runs, files):
    """Collects the kilobyte counts GNU time wrote (-f %M -o FILE) per run."""
    values = []
    for path in files:
        with open(path) as handle:
            values.append(int(handle.read().split()[-1]))
    with open(out, "w") as handle:
        json.dump({"runs": int(runs), "kib": values, "median_kib": statistics.median(values)},
                  handle, indent=2)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    command, arguments = sys.argv[1], sys.argv[2:]
    if command == "profile-id":
        profile_id(*arguments)
    elif command == "vault":
        make_vault(arguments[0], int(arguments[1]), *arguments[2:5])
    elif command == "parallel":
        parallel(arguments[0], int(arguments[1]), int(arguments[2]), arguments[3:])
    elif command == "memory":
        memory(arguments[0], arguments[1], arguments[2:])
    elif command == "report":
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        import report
        report.main(arguments[0], arguments[1])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
