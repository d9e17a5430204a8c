package org.torch4j.backend.cpu.conv;

/**
 * One element type's half of the direct convolution ({@link FloatConv}, {@link DoubleConv}): arrays are
 * {@code float[]} or {@code double[]} behind {@code Object}, cast once per call, so that
 * {@link DirectConv}'s orchestration is written once while each tile loop stays monomorphic.
 */
interface ConvKernels {

    /** Vector lanes. */
    int lanes();

    /** A zeroed array of this type. */
    Object allocate(int length);

    /**
     * Copies {@code rows} rows of {@code len} elements from {@code src} (row starts {@code srcStride} apart)
     * to {@code dst} (rows {@code dstStride} apart): rows here are short (an image's width), where vector
     * copies beat one {@code System.arraycopy} call per row.
     */
    void copyRows(Object src, int from, int srcStride, Object dst, int to, int dstStride, int rows, int len);

    /** {@code dst[to + i] = src[from + i * step]} for i in [0, n). */
    void copyStrided(Object src, int from, int step, Object dst, int to, int n);

    /** Sets {@code a[from, from + n)} to zero. */
    void zero(Object a, int from, int n);

    /** {@code dst[to + i] += src[from + i]} for i in [0, n). */
    void add(Object src, int from, Object dst, int to, int n);
}
