"""Fills a Weir project's state store for the dashboard benchmark: RUNS runs, VERSIONS versions and
EVENTS events, spread over a pipeline of 4 stages.

Usage: python3 bench/dashboard-store.py PROJECT [RUNS] [VERSIONS] [EVENTS]
The project must already have a store (run 'weir run' in it once).
"""
import json
import random
import sqlite3
import sys
import uuid
from datetime import datetime, timedelta, timezone

project = sys.argv[1]
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
versions = int(sys.argv[3]) if len(sys.argv) > 3 else 1_000
events = int(sys.argv[4]) if len(sys.argv) > 4 else 1_000_000
stages = ["a", "b", "c", "d"]
random.seed(7)
db = sqlite3.connect(project + "/.weir/state.sqlite")
start = datetime(2026, 1, 1, tzinfo=timezone.utc)


def at(seconds):
    return (start + timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


sessions = [str(uuid.UUID(int=random.getrandbits(128))) for _ in range(max(1, runs // 4))]
db.executemany(
    "INSERT INTO sessions (id, command, arguments, pid, host, user_name, cwd, started_at, ended_at, status, summary)"
    " VALUES (?, 'weir run', '[]', 1, 'bench', 'bench', '/', ?, ?, 'succeeded', 'bench')",
    [(s, at(i * 40), at(i * 40 + 30)) for i, s in enumerate(sessions)])
run_ids = []
rows = []
for i in range(runs):
    run_id = "%064x" % random.getrandbits(256)
    run_ids.append(run_id)
    stage = stages[i % 4]
    rows.append((run_id, stage, json.dumps({"stage": stage, "params": {"n": i}}), sessions[i // 4], "succeeded",
                 json.dumps([{"kind": "param-changed", "name": "n", "old": i - 1, "new": i}]), at(i * 10),
                 at(i * 10 + 5), 0, "h", 1000, 1, random.random() * 5, random.random() * 4,
                 random.randint(10, 500) * 1_000_000))
db.executemany("INSERT INTO runs (id, stage, fingerprint, session, status, reasons, started_at, finished_at, exit_code,"
               " output_hash, output_bytes, output_files, wall_seconds, cpu_seconds, peak_memory_bytes)"
               " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
db.executemany("INSERT INTO metrics (session, stage, run, name, value, unit, recorded_at) VALUES (?, ?, ?, 'rows', ?, 'rows', ?)",
               [(sessions[i // 4], stages[i % 4], run_ids[i], random.randint(1, 10**6), at(i * 10 + 5)) for i in range(runs)])
base = db.execute("SELECT COALESCE(MAX(id), 0) FROM versions").fetchone()[0]
for v in range(base + 1, base + versions + 1):
    parent = v - 1 if v > 1 else None
    if parent and random.random() < 0.05:
        parent = random.randint(max(1, v - 20), v - 1)
    db.execute("INSERT INTO versions (id, parent, command, session, user_name, host, created_at, note)"
               " VALUES (?, ?, 'weir run', ?, 'bench', 'bench', ?, NULL)", (v, parent, sessions[v % len(sessions)], at(v * 100)))
    db.executemany("INSERT INTO version_stages (version, stage, run) VALUES (?, ?, ?)",
                   [(v, s, run_ids[(v * 4 + k) % runs]) for k, s in enumerate(stages)])
db.execute("INSERT INTO head (id, version) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET version = excluded.version",
           (base + versions,))
batch = []
for i in range(events):
    batch.append((sessions[i % len(sessions)], "info", stages[i % 4], "bench-event", "event %d" % i, "{}", at(i)))
    if len(batch) == 50_000:
        db.executemany("INSERT INTO events (session, level, stage, kind, message, fields, recorded_at)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?)", batch)
        batch = []
if batch:
    db.executemany("INSERT INTO events (session, level, stage, kind, message, fields, recorded_at)"
                   " VALUES (?, ?, ?, ?, ?, ?, ?)", batch)
db.commit()
print(f"{runs} runs, {versions} versions, {events} events in {project}/.weir/state.sqlite")
