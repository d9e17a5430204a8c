#!/usr/bin/env python3
"""Writes the CPU backend's table of erf and erfc (backend-cpu kernels/ErfTable.java) and its test reference.

ScalarMath.erf and erfc on [0, 6] expand about the nearest point of a grid of step 1/32: the value at the
grid point comes from this table (mpmath at 50 digits, rounded to double), the higher Taylor coefficients
(erf's derivatives are Hermite polynomials times exp(-x^2)) are computed in Java when the class loads.
The test reference (backend-cpu/src/test/resources/erf_mpmath.csv) holds erf and erfc at 4,000 points,
as exact hexadecimal doubles. Run with Debian's python3 (python3-mpmath); the output is deterministic.
"""
import os
import random

import mpmath

mpmath.mp.dps = 50
STEP = 32
END = 6
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def java_table():
    points = [mpmath.mpf(k) / STEP for k in range(END * STEP + 1)]
    lines = ["package org.torch4j.backend.cpu.kernels;", "",
             "/** erf and erfc at k / 32 for k = 0 .. 192, rounded to double; written by tools/gen_erf_table.py (mpmath). */",
             "final class ErfTable {", "    private ErfTable() {}", "",
             "    /** Grid points per unit. */", "    static final int STEP = %d;" % STEP, "",
             "    /** The last grid point. */", "    static final int END = %d;" % END, ""]
    for name, f in (("ERF", mpmath.erf), ("ERFC", mpmath.erfc)):
        lines.append("    static final double[] %s = {" % name)
        values = [float(f(x)).hex() for x in points]
        for i in range(0, len(values), 4):
            lines.append("        " + ", ".join(values[i:i + 4]) + ",")
        lines.append("    };")
        lines.append("")
    lines[-1] = "}"
    return "\n".join(lines) + "\n"


def reference():
    rng = random.Random(20261208)
    xs = []
    for i in range(4000):
        kind = i % 5
        if kind == 0:
            x = rng.uniform(0, 6)
        elif kind == 1:
            x = rng.uniform(0, 1) ** 4 * 6           # many small arguments
        elif kind == 2:
            x = rng.uniform(6, 27)                   # erfc's far tail
        elif kind == 3:
            x = 10 ** rng.uniform(-300, 0)           # tiny
        else:
            x = rng.randrange(0, END * STEP) / STEP + rng.choice([-1, 1]) / (2 * STEP)  # halfway between grid points
        xs.append(-x if rng.random() < 0.5 else x)
    rows = ["# x, erf(x), erfc(x) as hexadecimal doubles (mpmath, 50 digits, rounded to nearest)"]
    for x in xs:
        rows.append("%s,%s,%s" % (x.hex(), float(mpmath.erf(x)).hex(), float(mpmath.erfc(x)).hex()))
    return "\n".join(rows) + "\n"


def main():
    with open(os.path.join(ROOT, "backend-cpu/src/main/java/org/torch4j/backend/cpu/kernels/ErfTable.java"), "w") as f:
        f.write(java_table())
    with open(os.path.join(ROOT, "backend-cpu/src/test/resources/erf_mpmath.csv"), "w") as f:
        f.write(reference())


if __name__ == "__main__":
    main()
