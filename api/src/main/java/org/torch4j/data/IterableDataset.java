package org.torch4j.data;

/**
 * A stream-style dataset ({@code torch.utils.data.IterableDataset}): items in order, no random access.
 * A {@link DataLoader} batches it sequentially.
 */
public interface IterableDataset<T> extends Iterable<T> {}
