package org.torch4j.data;

/** The items of a dataset at given indices ({@code torch.utils.data.Subset}). */
public class Subset<T> implements Dataset<T> {
    private final Dataset<T> dataset;
    private final long[] indices;

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

    public long[] indices() {
        return indices.clone();
    }
}
