package org.torch4j.data;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.PrimitiveIterator;
import java.util.stream.LongStream;
import org.torch4j.Generator;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/** The standard samplers of {@code torch.utils.data}. */
public final class Samplers {
    private Samplers() {}

    /** 0, 1, ..., n-1. */
    public static Sampler sequential(long n) {
        return new Sampler() {
            @Override
            public Iterator<Long> iterator() {
                return LongStream.range(0, n).iterator();
            }

            @Override
            public long size() {
                return n;
            }
        };
    }

    /**
     * A random permutation per pass (PyTorch's RandomSampler: a new generator seeded from
     * {@code generator}, or the default one, for each pass).
     */
    public static Sampler random(long n, Generator generator) {
        return new Sampler() {
            @Override
            public Iterator<Long> iterator() {
                Generator g = generator != null ? generator : passGenerator();
                return longs(Torch.randperm(n, g).toLongArray());
            }

            @Override
            public long size() {
                return n;
            }
        };
    }

    /** Draws a seed from the default generator for one pass, as PyTorch's RandomSampler does. */
    private static Generator passGenerator() {
        long seed = Torch.zeros(new long[0], org.torch4j.DType.INT64).random_(Long.MIN_VALUE, Long.MAX_VALUE).itemLong();
        return new Generator().manualSeed(seed);
    }

    /** The given indices in a random order per pass. */
    public static Sampler subsetRandom(long[] indices, Generator generator) {
        long[] idx = indices.clone();
        return new Sampler() {
            @Override
            public Iterator<Long> iterator() {
                long[] perm = Torch.randperm(idx.length, generator != null ? generator : Torch.defaultGenerator()).toLongArray();
                long[] out = new long[idx.length];
                for (int i = 0; i < out.length; i++) out[i] = idx[(int) perm[i]];
                return longs(out);
            }

            @Override
            public long size() {
                return idx.length;
            }
        };
    }

    /** {@code numSamples} indices drawn with probabilities proportional to {@code weights}. */
    public static Sampler weightedRandom(double[] weights, long numSamples, boolean replacement, Generator generator) {
        Tensor w = Torch.tensor(weights);
        return new Sampler() {
            @Override
            public Iterator<Long> iterator() {
                Generator g = generator != null ? generator : Torch.defaultGenerator();
                return longs(Torch.multinomial(w, numSamples, replacement, g).toLongArray());
            }

            @Override
            public long size() {
                return numSamples;
            }
        };
    }

    static Iterator<Long> longs(long[] values) {
        return new PrimitiveIterator.OfLong() {
            int i;

            @Override
            public boolean hasNext() {
                return i < values.length;
            }

            @Override
            public long nextLong() {
                if (i >= values.length) throw new NoSuchElementException();
                return values[i++];
            }
        };
    }
}
