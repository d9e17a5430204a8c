package org.torch4j.linalg;

/** Complex host vectors as interleaved (re, im) pairs: the complex Gram-Schmidt steps of {@link HermitianEigen} and {@link ComplexSvd}. */
final class ComplexVectors {

    private ComplexVectors() {}

    /** {@code <x, y> = x^H y}, as (re, im). */
    static double[] inner(double[] x, double[] y) {
        double re = 0, im = 0;
        for (int i = 0; i < x.length; i += 2) {
            re += x[i] * y[i] + x[i + 1] * y[i + 1];
            im += x[i] * y[i + 1] - x[i + 1] * y[i];
        }
        return new double[] {re, im};
    }

    /** {@code y -= c x}. */
    static void subtract(double[] y, double[] x, double[] c) {
        for (int i = 0; i < x.length; i += 2) {
            y[i] -= c[0] * x[i] - c[1] * x[i + 1];
            y[i + 1] -= c[0] * x[i + 1] + c[1] * x[i];
        }
    }

    /** {@code x *= f}. */
    static void scale(double[] x, double f) {
        for (int i = 0; i < x.length; i++) x[i] *= f;
    }
}
