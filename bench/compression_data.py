"""Writes the inputs of bench/compression_bench.sh: CSV text and raw column buffers, about 32 MB each."""
import sys

import numpy as np

folder = sys.argv[1]
rng = np.random.default_rng(7)
rows = 500_000

cities = np.array(["Lyon", "Oslo", "Lima", "Porto", "Quito", "Dakar", "Perth", "Hanoi"])
kinds = np.array(["sensor", "manual", "import", "derived"])
ids = np.arange(rows)
city = cities[rng.integers(0, len(cities), rows)]
kind = kinds[rng.integers(0, len(kinds), rows)]
day = rng.integers(1, 29, rows)
value = rng.integers(0, 100_000, rows)
flag = np.where(rng.random(rows) < 0.5, "true", "false")
with open(folder + "/csv.bin", "w") as out:
    out.write("id,city,kind,recorded,value,flag\n")
    for i in range(rows):
        out.write(f"{ids[i]},{city[i]},{kind[i]},2024-03-{day[i]:02d},{value[i] // 100}.{value[i] % 100:02d},{flag[i]}\n")

prices = 100 + np.cumsum(rng.integers(-50, 51, 4_000_000) / 100)
prices.astype("<f8").tofile(folder + "/doubles.bin")
rng.integers(0, 200, 8_000_000).astype("<i4").tofile(folder + "/ints.bin")
rng.integers(0, 256, 32_000_000).astype("u1").tofile(folder + "/random.bin")
