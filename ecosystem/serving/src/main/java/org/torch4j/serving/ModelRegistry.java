package org.torch4j.serving;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Named models with versions, loaded and unloaded while the application runs. In plain Java it is a
 * plain object ({@code new ModelRegistry()}); in OSGi the serving bundle registers one as a service and
 * deploys a model for every Config Admin factory configuration of {@code org.torch4j.serving.model}
 * (see {@link ModelConfig}). The latest version of a name is the highest, comparing dot-separated
 * numbers as numbers ({@code 2 < 10}, {@code 1.2 < 1.10}).
 */
public final class ModelRegistry implements AutoCloseable {

    /**
     * One deployed model version.
     *
     * @param name the model's name
     * @param version its version
     * @param session the session that runs it
     */
    public record Entry(String name, String version, InferenceSession session) {}

    private final Map<String, TreeMap<String, InferenceSession>> models = new TreeMap<>();

    /** An empty registry. */
    public ModelRegistry() {}

    /** Opens the model {@code config} describes and registers it, replacing (and closing) the same name and version. */
    public InferenceSession load(ModelConfig config) throws IOException {
        InferenceSession session = config.open();
        register(config.name(), config.version(), session);
        return session;
    }

    /** Registers {@code session}; one already registered under this name and version is closed (draining it). */
    public void register(String name, String version, InferenceSession session) {
        ModelConfig.checkName("name", name);
        ModelConfig.checkName("version", version);
        InferenceSession old;
        synchronized (models) {
            old = models.computeIfAbsent(name, k -> new TreeMap<>(VERSIONS)).put(version, session);
        }
        if (old != null && old != session) old.close();
    }

    /** Removes and closes (draining) a version; false when it is not registered. */
    public boolean unload(String name, String version) {
        InferenceSession s;
        synchronized (models) {
            TreeMap<String, InferenceSession> versions = models.get(name);
            if (versions == null) return false;
            s = versions.remove(version);
            if (versions.isEmpty()) models.remove(name);
        }
        if (s != null) s.close();
        return s != null;
    }

    /** The latest version of {@code name}. */
    public Optional<InferenceSession> find(String name) {
        synchronized (models) {
            TreeMap<String, InferenceSession> versions = models.get(name);
            return versions == null ? Optional.empty() : Optional.of(versions.lastEntry().getValue());
        }
    }

    /** One version of {@code name}. */
    public Optional<InferenceSession> find(String name, String version) {
        synchronized (models) {
            TreeMap<String, InferenceSession> versions = models.get(name);
            return versions == null ? Optional.empty() : Optional.ofNullable(versions.get(version));
        }
    }

    /** Every deployed version, by name and then version. */
    public List<Entry> entries() {
        List<Entry> list = new ArrayList<>();
        synchronized (models) {
            models.forEach((name, versions) -> versions.forEach((v, s) -> list.add(new Entry(name, v, s))));
        }
        return list;
    }

    /** Unloads every model (each drains its queue). */
    @Override
    public void close() {
        for (Entry e : entries()) unload(e.name(), e.version());
    }

    /** Dot-separated parts, numbers as numbers, otherwise as text; a number sorts before text. */
    static final Comparator<String> VERSIONS = (a, b) -> {
        String[] x = a.split("\\."), y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            boolean nx = x[i].matches("\\d{1,18}"), ny = y[i].matches("\\d{1,18}");
            int c = nx && ny ? Long.compare(Long.parseLong(x[i]), Long.parseLong(y[i]))
                    : nx != ny ? (nx ? -1 : 1) : x[i].compareTo(y[i]);
            if (c != 0) return c;
        }
        return x.length != y.length ? Integer.compare(x.length, y.length) : a.compareTo(b);
    };
}
