package org.torch4j.data;

/** The items of a dataset at given indices ({@code torch.utils.data.Subset}). */
public class Subset<T> implements Dataset<T> {
    private final Dataset<T> dataset;
    private final long[] indices;

    /** The items of {@code dataset} at {@code indices} (copied), in that order. */
    public Subset(Dataset<T> dataset, long[] indices) {
        this.dataset = dataset;
        this.indices = indices.clone();
    }

    @Override
    public T get(long index) {
        return dataset.get(indices[Math.toIntExact(index)]);
    }

    @Override
    public long size() {
        return indices.length;
    }

    /** The indices into the underlying dataset (a copy). */
    public long[] indices() {
        return indices.clone();
    }
}
