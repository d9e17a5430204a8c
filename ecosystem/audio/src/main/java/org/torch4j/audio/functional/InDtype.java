package org.torch4j.audio.functional;

/**
 * Scalar arithmetic in a waveform's dtype, for loops that follow torchaudio's per-step tensor operations: each
 * float32 step is computed in double and rounded once, which gives exactly the float32 result for +, -, *, / and
 * sqrt (double has more than twice float's precision, so the double rounding is innocuous).
 */
final class InDtype {
    private InDtype() {}

    /** {@code v} rounded to float32, unless computing in float64. */
    static double r(double v, boolean f64) {
        return f64 ? v : (float) v;
    }
}
