#!/usr/bin/env python3
"""The seed-004 staging approach, as its team describes it: Python and polars, one file at a time,
a manifest written at the end. Used by bench/ingest_bench.sh as the baseline Weir is measured against.

  ingest_seed004.py RAW OUT
"""
import datetime as dt
import hashlib
import os
import sys
from zoneinfo import ZoneInfo

import polars as pl

TZ = ZoneInfo("America/Santiago")


def read_and_normalize(path):
    meta = {}
    header_line = 0
    with open(path, "r") as f:
        for line in f:
            if not line.startswith("#"):
                break
            header_line += 1
            key, _, value = line[1:].partition(":")
            value = value.strip()
            if value:
                meta[key.strip().lower().replace(" ", "_")] = value
    df = pl.read_csv(path, skip_rows=header_line)
    return df, meta


def stage_run(path, raw_root, out_root):
    df, meta = read_and_normalize(path)
    start = dt.datetime.strptime(meta["start_time"], "%Y-%m-%d %H:%M:%S").replace(tzinfo=TZ)
    start_utc = start.astimezone(dt.timezone.utc)
    rel = os.path.relpath(path, raw_root)
    run_id = hashlib.sha1(f"{rel}|{start_utc.isoformat()}".encode()).hexdigest()[:16]
    folder = os.path.join(out_root, f"proc={meta['procedure']}", f"date={start.date().isoformat()}", f"run_id={run_id}")
    os.makedirs(folder, exist_ok=True)
    tmp = os.path.join(folder, "part-000.parquet.tmp")
    df.write_parquet(tmp)
    os.replace(tmp, os.path.join(folder, "part-000.parquet"))
    with open(path, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    return {
        "run_id": run_id, "source_file": rel, "sha256": digest, "proc": meta["procedure"],
        "date_local": start.date(), "start_time_utc": start_utc, "chip_group": meta.get("chip_group"),
        "chip_number": int(meta["chip_number"]), "rows": df.height,
        "ingested_at_utc": dt.datetime.now(dt.timezone.utc),
    }


def main():
    raw_root, out_root = sys.argv[1], sys.argv[2]
    rows, rejects = [], 0
    for folder, _, files in os.walk(raw_root):
        for name in sorted(files):
            if not name.endswith(".csv"):
                continue
            try:
                rows.append(stage_run(os.path.join(folder, name), raw_root, out_root))
            except Exception as error:  # the seed's triage: record and go on
                rejects += 1
    manifest = os.path.join(out_root, "_manifest", "manifest.parquet")
    os.makedirs(os.path.dirname(manifest), exist_ok=True)
    pl.DataFrame(rows).write_parquet(manifest)
    print(f"staged {len(rows)} files, rejected {rejects}")


if __name__ == "__main__":
    main()
