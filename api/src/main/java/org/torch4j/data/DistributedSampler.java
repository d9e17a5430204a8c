package org.torch4j.data;

import java.util.Iterator;
import java.util.stream.LongStream;
import org.torch4j.Generator;
import org.torch4j.Torch;
import org.torch4j.distributed.Dist;

/**
 * {@code torch.utils.data.distributed.DistributedSampler}: the part of a dataset's indices that one of
 * {@code numReplicas} processes reads, the same indices as PyTorch's for every seed and epoch. With {@code shuffle}
 * the indices are {@code randperm(n)} of a generator seeded with {@code seed + epoch} (call {@link #setEpoch} at
 * the start of each epoch for a new order); without it they are 0 .. n-1. Without {@code dropLast} the list is
 * padded by repeating its start until it divides evenly; with it the tail is dropped. Rank r then takes every
 * {@code numReplicas}-th index from position r.
 *
 * <pre>{@code
 * DistributedSampler sampler = new DistributedSampler(dataset);   // the default process group's rank and size
 * DataLoader<...> loader = DataLoader.of(dataset).batchSize(32).sampler(sampler).build();
 * for (int epoch = 0; epoch < epochs; epoch++) {
 *     sampler.setEpoch(epoch);
 *     for (var batch : loader) { ... }
 * }
 * }</pre>
 */
public final class DistributedSampler implements Sampler {
    private final long datasetSize;
    private final int numReplicas;
    private final int rank;
    private final boolean shuffle;
    private final long seed;
    private final boolean dropLast;
    private final long numSamples;
    private final long totalSize;
    private volatile long epoch;

    /**
     * {@code DistributedSampler(dataset)}: the default process group's size and rank, shuffled with seed 0.
     *
     * @param dataset the dataset to split
     */
    public DistributedSampler(Dataset<?> dataset) {
        this(dataset.size(), Dist.getWorldSize(), Dist.getRank(), true, 0, false);
    }

    /**
     * {@code DistributedSampler(dataset, num_replicas, rank, shuffle, seed, drop_last)} for a dataset of
     * {@code datasetSize} items.
     *
     * @param datasetSize the number of items
     * @param numReplicas the number of processes reading the dataset
     * @param rank this process's rank among them
     * @param shuffle whether to shuffle (with {@code seed + epoch})
     * @param seed the shuffling seed, the same on every rank
     * @param dropLast whether to drop the tail instead of padding
     * @throws IllegalArgumentException when the rank is out of range, with PyTorch's message
     */
    public DistributedSampler(long datasetSize, int numReplicas, int rank, boolean shuffle, long seed, boolean dropLast) {
        if (rank >= numReplicas || rank < 0) {
            throw new IllegalArgumentException("Invalid rank " + rank + ", rank should be in the interval [0, " + (numReplicas - 1) + "]");
        }
        if (datasetSize < 0) throw new IllegalArgumentException("dataset size must be non-negative, got " + datasetSize);   // a len() in PyTorch
        this.datasetSize = datasetSize;
        this.numReplicas = numReplicas;
        this.rank = rank;
        this.shuffle = shuffle;
        this.seed = seed;
        this.dropLast = dropLast;
        this.numSamples = dropLast && datasetSize % numReplicas != 0
                ? ceilDiv(datasetSize - numReplicas, numReplicas) : ceilDiv(datasetSize, numReplicas);
        this.totalSize = numSamples * numReplicas;
    }

    /** Python's {@code math.ceil(a / b)} for b > 0, including negative a. */
    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    /**
     * {@code set_epoch(epoch)}: the shuffling of later passes uses {@code seed + epoch}.
     *
     * @param epoch the epoch number
     */
    public void setEpoch(long epoch) {
        this.epoch = epoch;
    }

    /** This rank's indices for the current epoch. */
    public long[] indices() {
        long[] all = shuffle ? Torch.randperm(datasetSize, new Generator().manualSeed(seed + epoch)).toLongArray()
                : LongStream.range(0, datasetSize).toArray();
        long[] padded = new long[(int) Math.max(totalSize, 0)];
        for (int i = 0; i < padded.length; i++) padded[i] = all[i % all.length];
        long[] mine = new long[(int) numSamples];
        for (int i = 0; i < mine.length; i++) mine[i] = padded[rank + i * numReplicas];
        return mine;
    }

    @Override
    public Iterator<Long> iterator() {
        return LongStream.of(indices()).iterator();
    }

    /** {@code len(sampler)}: the number of indices per rank. */
    @Override
    public long size() {
        return numSamples;
    }
}
