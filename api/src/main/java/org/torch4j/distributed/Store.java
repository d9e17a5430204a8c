package org.torch4j.distributed;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * {@code torch.distributed.Store}: a key-value table shared by the processes of a job, used to find each other
 * (rendezvous). Values are bytes; {@link #get} and {@link #waitFor} block until the keys exist or the store's
 * timeout passes ({@link #DEFAULT_TIMEOUT}, 300 s, as PyTorch's {@code kDefaultTimeout}).
 */
public abstract class Store {
    /** PyTorch's default store timeout, 300 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(300);

    private volatile Duration timeout;

    /**
     * A store whose blocking operations wait at most {@code timeout}.
     *
     * @param timeout the initial timeout of {@link #get} and {@link #waitFor}
     */
    protected Store(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * {@code set(key, value)}: stores {@code value} under {@code key}, replacing what was there.
     *
     * @param key the key
     * @param value the bytes to store
     */
    public abstract void set(String key, byte[] value);

    /**
     * {@code set(key, value)} of a string, stored as its UTF-8 bytes.
     *
     * @param key the key
     * @param value the string to store
     */
    public void set(String key, String value) {
        set(key, value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@code get(key)}: the value of {@code key}, waiting for it to be set for at most the store's timeout.
     *
     * @param key the key
     * @return the stored bytes
     * @throws DistributedException when the key is not set in time
     */
    public abstract byte[] get(String key);

    /**
     * {@code add(key, amount)}: adds {@code amount} to the integer stored under {@code key} (0 when absent) and
     * returns the new value; values are kept as decimal text, as PyTorch's.
     *
     * @param key the counter's key
     * @param amount what to add
     * @return the value after adding
     */
    public abstract long add(String key, long amount);

    /**
     * {@code compare_set(key, expected_value, desired_value)}: sets {@code desired} when the current value is
     * {@code expected} (or when the key is absent and {@code expected} is empty), and returns the value the key
     * holds afterwards.
     *
     * @param key the key
     * @param expected the value the key must hold
     * @param desired the value to store
     * @return the key's value after the operation
     */
    public abstract byte[] compareSet(String key, byte[] expected, byte[] desired);

    /**
     * {@code wait(keys, timeout)}: blocks until every key is set.
     *
     * @param keys the keys to wait for
     * @param timeout how long to wait at most
     * @throws DistributedException when a key is still missing after {@code timeout}
     */
    public abstract void waitFor(List<String> keys, Duration timeout);

    /**
     * {@code wait(keys)}: {@link #waitFor(List, Duration)} with the store's timeout.
     *
     * @param keys the keys to wait for
     */
    public void waitFor(List<String> keys) {
        waitFor(keys, timeout());
    }

    /**
     * {@code check(keys)}: whether every key is set, without waiting.
     *
     * @param keys the keys
     * @return true when all are set
     */
    public abstract boolean check(List<String> keys);

    /**
     * {@code delete_key(key)}: removes a key.
     *
     * @param key the key
     * @return whether it was there
     */
    public abstract boolean deleteKey(String key);

    /**
     * {@code num_keys()}: how many keys the store holds.
     *
     * @return the number of keys
     */
    public abstract long numKeys();

    /**
     * {@code set_timeout(timeout)}: the timeout of later blocking operations.
     *
     * @param timeout the new timeout
     */
    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * {@code timeout}: how long blocking operations wait.
     *
     * @return the current timeout
     */
    public Duration timeout() {
        return timeout;
    }
}
