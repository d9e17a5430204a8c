#!/usr/bin/env python3
"""Fits the polynomials of the CPU backend's vectorised float erf (backend-cpu kernels/VectorMath.java).

erf(x) = x + x * A(x^2)      for |x| < 1     (A fitted to erf(x)/x - 1, relative error of erf)
erf(x) = 1 - exp(B(|x|))     for 1 <= |x| <= 3.95, B fitted to log(erfc(x)) weighted by erfc/erf,
                             so that the error of the final erf is what is minimised; beyond 3.95 erf
                             rounds to +-1 in float.
Prints the coefficients, lowest degree first, and the worst error of each part when evaluated in float32
(one rounding per Horner step, as FMA does). Run with Debian's python3 (numpy).
"""
import math
import numpy as np

P = np.polynomial.polynomial
erf = np.vectorize(math.erf)
erfc = np.vectorize(math.erfc)


def horner32(c, v):
    v = v.astype(np.float32)
    r = np.full_like(v, np.float32(c[-1]))
    for k in c[-2::-1]:
        r = (r.astype(np.float64) * v + np.float32(k)).astype(np.float32)
    return r


def main():
    s = np.linspace(1e-12, 1.0, 40000)
    a = P.polyfit(s, erf(np.sqrt(s)) / np.sqrt(s) - 1, 6, w=1 / (erf(np.sqrt(s)) / np.sqrt(s)))
    x = np.linspace(1.0, 3.95, 40000)
    b = P.polyfit(x, np.log(erfc(x)), 7, w=erfc(x) / erf(x))

    xs = np.linspace(1e-6, 1, 20000, dtype=np.float32)
    small = xs.astype(np.float64) + xs.astype(np.float64) * horner32(a, xs * xs)
    xf = x.astype(np.float32)
    large = 1 - np.exp(horner32(b, xf).astype(np.float64))
    ulps = lambda approx, t: np.max(np.abs(approx - erf(t)) / np.spacing(erf(t).astype(np.float32)))
    print("// |x| < 1: worst %.2f ulp before the final rounding; 1 <= |x| <= 3.95: %.2f ulp" % (ulps(small, xs), ulps(large, xf)))
    print("A = " + ", ".join("%.9ef" % v for v in a))
    print("B = " + ", ".join("%.9ef" % v for v in b))


if __name__ == "__main__":
    main()
