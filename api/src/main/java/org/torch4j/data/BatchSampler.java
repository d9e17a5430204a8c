package org.torch4j.data;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** Groups a sampler's indices into batches ({@code torch.utils.data.BatchSampler}). */
public final class BatchSampler implements Iterable<long[]> {
    private final Sampler sampler;
    private final int batchSize;
    private final boolean dropLast;

    /**
     * Batches of {@code batchSize} indices in {@code sampler}'s order; with {@code dropLast} a last, shorter
     * batch is left out.
     *
     * @throws IllegalArgumentException if {@code batchSize} is not positive
     */
    public BatchSampler(Sampler sampler, int batchSize, boolean dropLast) {
        if (batchSize <= 0) throw new IllegalArgumentException("batch_size should be a positive integer value, but got batch_size=" + batchSize);
        this.sampler = sampler;
        this.batchSize = batchSize;
        this.dropLast = dropLast;
    }

    /** The number of batches per pass. */
    public long size() {
        long n = sampler.size();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    @Override
    public Iterator<long[]> iterator() {
        Iterator<Long> it = sampler.iterator();
        return new Iterator<>() {
            long[] next = advance();

            private long[] advance() {
                List<Long> b = new ArrayList<>(batchSize);
                while (b.size() < batchSize && it.hasNext()) b.add(it.next());
                if (b.isEmpty() || (dropLast && b.size() < batchSize)) return null;
                return b.stream().mapToLong(Long::longValue).toArray();
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public long[] next() {
                if (next == null) throw new NoSuchElementException();
                long[] r = next;
                next = advance();
                return r;
            }
        };
    }
}
