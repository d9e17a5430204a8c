package org.torch4j.distributed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code torch.distributed.PrefixStore}: a view of another store whose keys are {@code prefix + "/" + key}, so
 * that several process groups share one store without their keys colliding.
 */
public final class PrefixStore extends Store {
    private final String prefix;
    private final Store store;

    /**
     * {@code PrefixStore(prefix, store)}.
     *
     * @param prefix prepended, with a slash, to every key
     * @param store the store that holds the keys
     */
    public PrefixStore(String prefix, Store store) {
        super(store.timeout());
        this.prefix = prefix;
        this.store = store;
    }

    /**
     * The store under this view ({@code underlying_store}).
     *
     * @return the wrapped store
     */
    public Store underlyingStore() {
        return store;
    }

    private String key(String key) {
        return prefix + "/" + key;
    }

    private List<String> keys(List<String> keys) {
        List<String> r = new ArrayList<>(keys.size());
        for (String k : keys) r.add(key(k));
        return r;
    }

    @Override
    public void set(String key, byte[] value) {
        store.set(key(key), value);
    }

    @Override
    public byte[] get(String key) {
        return store.get(key(key));
    }

    @Override
    public long add(String key, long amount) {
        return store.add(key(key), amount);
    }

    @Override
    public byte[] compareSet(String key, byte[] expected, byte[] desired) {
        return store.compareSet(key(key), expected, desired);
    }

    @Override
    public void waitFor(List<String> keys, Duration timeout) {
        store.waitFor(keys(keys), timeout);
    }

    @Override
    public boolean check(List<String> keys) {
        return store.check(keys(keys));
    }

    @Override
    public boolean deleteKey(String key) {
        return store.deleteKey(key(key));
    }

    @Override
    public long numKeys() {
        return store.numKeys();
    }

    @Override
    public void setTimeout(Duration timeout) {
        super.setTimeout(timeout);
        store.setTimeout(timeout);
    }

    @Override
    public Duration timeout() {
        return store.timeout();
    }
}
