"""Generates the status benchmark project: 100,000 small input files under data/, and the same
three-stage pipeline as weir.yaml and as dvc.yaml.

usage: python3 bench/status_project.py FOLDER FILES
"""
import os
import sys

folder, total = sys.argv[1], int(sys.argv[2])
halves = {"a": total // 2, "b": total - total // 2}
per_dir = 500
for name, count in halves.items():
    for index in range(count):
        sub = os.path.join(folder, "data", name, f"d{index // per_dir:04d}")
        if index % per_dir == 0:
            os.makedirs(sub, exist_ok=True)
        with open(os.path.join(sub, f"f{index:06d}.csv"), "w") as handle:
            handle.write(f"id,value\n{index},{index * 7 % 1000}\n")

with open(os.path.join(folder, "weir.yaml"), "w") as handle:
    handle.write("""stages:
  count_a:
    cmd: find ${deps.a} -type f | wc -l > ${out}/count.txt
    deps: {a: data/a}
    out: out/count_a
  count_b:
    cmd: find ${deps.b} -type f | wc -l > ${out}/count.txt
    deps: {b: data/b}
    out: out/count_b
  total:
    cmd: cat ${deps.a}/count.txt ${deps.b}/count.txt | awk '{s += $1} END {print s}' > ${out}/total.txt
    deps: {a: stage:count_a, b: stage:count_b}
    out: out/total
""")

with open(os.path.join(folder, "dvc.yaml"), "w") as handle:
    handle.write("""stages:
  count_a:
    cmd: mkdir -p out/count_a && find data/a -type f | wc -l > out/count_a/count.txt
    deps: [data/a]
    outs: [out/count_a]
  count_b:
    cmd: mkdir -p out/count_b && find data/b -type f | wc -l > out/count_b/count.txt
    deps: [data/b]
    outs: [out/count_b]
  total:
    cmd: mkdir -p out/total && cat out/count_a/count.txt out/count_b/count.txt | awk '{s += $1} END {print s}' > out/total/total.txt
    deps: [out/count_a, out/count_b]
    outs: [out/total]
""")
