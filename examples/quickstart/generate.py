"""Writes simulated readings: sensor, minute, temperature (with a few faulty spikes)."""
import os
import random
import sys

sensors, rows, seed, out = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
generator = random.Random(seed)
with open(os.path.join(out, "readings.csv"), "w") as handle:
    handle.write("sensor,minute,temperature\n")
    for minute in range(rows):
        for sensor in range(1, sensors + 1):
            value = 18 + 4 * sensor / sensors + generator.gauss(0, 2)
            if generator.random() < 0.02:
                value = generator.choice([-99.0, 99.0])  # a faulty reading
            handle.write(f"s{sensor},{minute},{value:.2f}\n")
print(f"generated {rows * sensors} readings from {sensors} sensors")
