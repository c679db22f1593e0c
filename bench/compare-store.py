"""Fills a Weir project's state store for the compare benchmark: a chain of VERSIONS versions of a
3-stage pipeline (prep → train → eval), each with its own train and eval runs, their fingerprints'
params (lr, epochs, and a seed every version shares), 4 user metrics, wall time and rows per run,
and the overrides a 'weir run --set' records.

Usage: python3 bench/compare-store.py PROJECT [VERSIONS]
The project must already have a store (run 'weir run' in it once).
"""
import json
import random
import sqlite3
import sys
from datetime import datetime, timedelta, timezone

project = sys.argv[1]
versions = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000
random.seed(7)
db = sqlite3.connect(project + "/.weir/state.sqlite")
start = datetime(2026, 1, 1, tzinfo=timezone.utc)


def at(seconds):
    return (start + timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


session = "00000000-0000-0000-0000-00000000c0de"
db.execute("INSERT INTO sessions (id, command, arguments, pid, host, user_name, cwd, started_at, ended_at, status,"
           " summary) VALUES (?, 'weir run', '[]', 1, 'bench', 'bench', '/', ?, ?, 'succeeded', 'bench')",
           (session, at(0), at(1)))
runs, metrics = [], []


def run(stage, params, index):
    run_id = "%064x" % random.getrandbits(256)
    runs.append((run_id, stage, json.dumps({"kind": "command", "params": params}), session, "succeeded", "[]",
                 at(index * 10), at(index * 10 + 5), 0, "h", 1000, 1, random.random() * 5, random.random(), 10**8))
    metrics.append((session, stage, run_id, "wall_time", random.random() * 5, "s", at(index * 10 + 5)))
    metrics.append((session, stage, run_id, "cpu_time", random.random() * 5, "s", at(index * 10 + 5)))
    metrics.append((session, stage, run_id, "rows_out", random.randint(1, 10**6), "rows", at(index * 10 + 5)))
    return run_id


prep = run("prep", {"seed": 1}, 0)
chain = []
for v in range(1, versions + 1):
    lr, epochs = round(random.uniform(0.0001, 0.1), 5), random.randint(1, 50)
    train = run("train", {"seed": 1, "lr": lr, "epochs": epochs}, v)
    evaluation = run("eval", {"seed": 1, "split": "test"}, v)
    for name in ["loss.train", "loss.val", "accuracy", "f1.0"]:
        metrics.append((session, "eval", evaluation, name, random.random(), "", at(v * 10 + 5)))
    overrides = json.dumps([{"stage": "train", "name": "lr", "value": lr, "source": "--set"}])
    chain.append((v, v - 1 if v > 1 else None, session, at(v * 100), overrides, {"prep": prep, "train": train,
                                                                                  "eval": evaluation}))
db.executemany("INSERT INTO runs (id, stage, fingerprint, session, status, reasons, started_at, finished_at, exit_code,"
               " output_hash, output_bytes, output_files, wall_seconds, cpu_seconds, peak_memory_bytes)"
               " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", runs)
db.executemany("INSERT INTO metrics (session, stage, run, name, value, unit, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
               metrics)
base = db.execute("SELECT COALESCE(MAX(id), 0) FROM versions").fetchone()[0]
for v, parent, session_id, created, overrides, stages in chain:
    db.execute("INSERT INTO versions (id, parent, command, session, user_name, host, created_at, note, overrides)"
               " VALUES (?, ?, 'weir run --set train.lr=…', ?, 'bench', 'bench', ?, NULL, ?)",
               (base + v, base + parent if parent else (base or None), session_id, created, overrides))
    db.executemany("INSERT INTO version_stages (version, stage, run) VALUES (?, ?, ?)",
                   [(base + v, stage, run_id) for stage, run_id in stages.items()])
db.execute("INSERT INTO head (id, version) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET version = excluded.version",
           (base + versions,))
db.commit()
print(f"{versions} versions, {len(runs)} runs, {len(metrics)} metrics in {project}/.weir/state.sqlite")
