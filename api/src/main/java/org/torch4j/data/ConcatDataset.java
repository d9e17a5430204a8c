package org.torch4j.data;

import java.util.List;

/** Several datasets one after the other ({@code torch.utils.data.ConcatDataset}). */
public class ConcatDataset<T> implements Dataset<T> {
    private final List<? extends Dataset<? extends T>> parts;
    private final long[] ends;

    /**
     * The datasets {@code parts} one after the other: index {@code i} of the whole is the item of the part it
     * falls into.
     *
     * @throws IllegalArgumentException if {@code parts} is empty
     */
    public ConcatDataset(List<? extends Dataset<? extends T>> parts) {
        if (parts.isEmpty()) throw new IllegalArgumentException("datasets should not be an empty iterable");
        this.parts = List.copyOf(parts);
        this.ends = new long[parts.size()];
        long total = 0;
        for (int i = 0; i < ends.length; i++) {
            total += parts.get(i).size();
            ends[i] = total;
        }
    }

    @Override
    public T get(long index) {
        if (index < 0) {
            if (-index > size()) throw new IllegalArgumentException("absolute value of index should not exceed dataset length");
            index += size();
        }
        if (index >= size()) throw new IndexOutOfBoundsException("index " + index + " out of range for " + size() + " items");
        int part = 0;
        while (index >= ends[part]) part++;
        long start = part == 0 ? 0 : ends[part - 1];
        return parts.get(part).get(index - start);
    }

    @Override
    public long size() {
        return ends[ends.length - 1];
    }
}
