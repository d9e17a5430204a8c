package org.torch4j.backend.cpu.fft;

/**
 * An unnormalised complex DFT of one fixed length n, on interleaved (re, im) doubles:
 * {@code X[k] = sum_j x[j] exp(-+2 pi i jk / n)} (minus for forward, plus for inverse). Plans are immutable
 * and shared between threads; every call brings its own scratch.
 */
interface ComplexTransform {

    /** The length n in complex elements. */
    int length();

    /** Scratch memory for one thread's calls of {@link #run}. */
    Scratch newScratch();

    /**
     * Transforms the n complex values at {@code data[0 .. 2n)} in place.
     *
     * @param scratch from {@link #newScratch()}, contents irrelevant
     * @param inverse the sign of the exponent: false for the forward transform
     */
    void run(double[] data, Scratch scratch, boolean inverse);

    /**
     * Work arrays a transform needs besides its data (a Stockham pass ping-pongs into {@code first};
     * Bluestein convolves in {@code first} and gives {@code second} to its inner FFT).
     *
     * @param first  the first work array
     * @param second the second, or null
     */
    record Scratch(double[] first, double[] second) {}
}
