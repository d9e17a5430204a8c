package org.torch4j.data;

/**
 * A map-style dataset ({@code torch.utils.data.Dataset}): items by index. Implementations must be
 * safe to call from several {@link DataLoader} worker threads at once.
 *
 * @param <T> the item type (a tensor, a list of tensors, a record...)
 */
public interface Dataset<T> {

    /** The item at {@code index} in [0, size()). */
    T get(long index);

    /** The number of items. */
    long size();
}
