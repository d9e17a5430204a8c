package org.torch4j.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.torch4j.Generator;
import org.torch4j.Torch;

/** Dataset helpers ({@code torch.utils.data.random_split}). */
public final class Datasets {
    private Datasets() {}

    /**
     * Splits a dataset into non-overlapping random subsets of the given lengths (or fractions summing to 1,
     * with remainders given round-robin, as PyTorch 1.13 does), drawn with {@code generator}'s randperm.
     */
    public static <T> List<Subset<T>> randomSplit(Dataset<T> dataset, double[] lengths, Generator generator) {
        long n = dataset.size();
        long[] sizes = new long[lengths.length];
        double total = Arrays.stream(lengths).sum();
        boolean fractions = Math.abs(total - 1) < 1e-9 && total != n;
        if (fractions) {
            long assigned = 0;
            for (int i = 0; i < sizes.length; i++) {
                if (lengths[i] < 0 || lengths[i] > 1) throw new IllegalArgumentException("Fraction at index " + i + " is not between 0 and 1");
                sizes[i] = (long) Math.floor(n * lengths[i]);
                assigned += sizes[i];
            }
            for (int i = 0; i < n - assigned; i++) sizes[i % sizes.length]++;
        } else {
            for (int i = 0; i < sizes.length; i++) {
                // PyTorch slices its permutation with a negative length as Python does; torch4j refuses it
                if (lengths[i] < 0) throw new IllegalArgumentException("Length at index " + i + " is negative: " + (long) lengths[i]);
                sizes[i] = (long) lengths[i];
            }
        }
        if (Arrays.stream(sizes).sum() != n) {
            throw new IllegalArgumentException("Sum of input lengths does not equal the length of the input dataset!");
        }
        long[] perm = Torch.randperm(n, generator == null ? Torch.defaultGenerator() : generator).toLongArray();
        List<Subset<T>> out = new ArrayList<>();
        int offset = 0;
        for (long len : sizes) {
            out.add(new Subset<>(dataset, Arrays.copyOfRange(perm, offset, offset + (int) len)));
            offset += (int) len;
        }
        return out;
    }
}
