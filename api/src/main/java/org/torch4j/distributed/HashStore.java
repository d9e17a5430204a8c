package org.torch4j.distributed;

import java.time.Duration;
import java.util.List;

/**
 * {@code torch.distributed.HashStore}: a store in this process's memory, for ranks that run as threads of one JVM.
 * A key missing after the timeout gives PyTorch's {@code "Wait timeout: Connection timed out"}.
 */
public final class HashStore extends Store {
    private final KeyValueTable table = new KeyValueTable();

    /** An empty store with the default timeout. */
    public HashStore() {
        super(DEFAULT_TIMEOUT);
    }

    @Override
    public void set(String key, byte[] value) {
        table.set(key, value);
    }

    @Override
    public byte[] get(String key) {
        waitFor(List.of(key));
        try {
            return table.get(key, 0);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    @Override
    public long add(String key, long amount) {
        return table.add(key, amount);
    }

    @Override
    public byte[] compareSet(String key, byte[] expected, byte[] desired) {
        return table.compareSet(key, expected, desired);
    }

    @Override
    public void waitFor(List<String> keys, Duration timeout) {
        try {
            if (!table.waitFor(keys, timeout.toMillis())) throw new DistributedException("Wait timeout: Connection timed out");
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    @Override
    public boolean check(List<String> keys) {
        return table.check(keys);
    }

    @Override
    public boolean deleteKey(String key) {
        return table.delete(key);
    }

    @Override
    public long numKeys() {
        return table.size();
    }

    static DistributedException interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        return new DistributedException("interrupted while waiting", e);
    }
}
