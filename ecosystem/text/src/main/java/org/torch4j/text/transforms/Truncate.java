package org.torch4j.text.transforms;

/** {@code torchtext.transforms.Truncate}: keeps the first {@code maxSeqLen} items ({@link Functional#truncate}). */
public final class Truncate implements TextTransform {
    private final int maxSeqLen;

    /** A transform cutting sequences to {@code maxSeqLen}. */
    public Truncate(int maxSeqLen) {
        this.maxSeqLen = maxSeqLen;
    }

    @Override
    public Object apply(Object input) {
        return Functional.truncate(input, maxSeqLen);
    }
}
