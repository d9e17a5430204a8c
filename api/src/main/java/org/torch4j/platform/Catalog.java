package org.torch4j.platform;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * What the installed bundles contribute: models, datasets and transforms by name. Inside OSGi the api
 * bundle's tracker component keeps it in step with the services (a bundle that leaves takes its
 * contributions with it); on a plain classpath it loads {@link ServiceLoader} providers once.
 */
public final class Catalog {
    private Catalog() {}

    private static final List<ModelProvider> models = new CopyOnWriteArrayList<>();
    private static final List<DatasetProvider> datasets = new CopyOnWriteArrayList<>();
    private static final List<TransformProvider> transforms = new CopyOnWriteArrayList<>();
    private static volatile boolean loaded;

    /** Every installed model provider, sorted by name. */
    public static List<ModelProvider> models() {
        ensureLoaded();
        return sorted(models, ModelProvider::name);
    }

    /** Every installed dataset provider, sorted by name. */
    public static List<DatasetProvider> datasets() {
        ensureLoaded();
        return sorted(datasets, DatasetProvider::name);
    }

    /** Every installed transform provider, sorted by name. */
    public static List<TransformProvider> transforms() {
        ensureLoaded();
        return sorted(transforms, TransformProvider::name);
    }

    /** The model provider called {@code name} (the first registered if several share it), or empty. */
    public static Optional<ModelProvider> model(String name) {
        return models().stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** The dataset provider called {@code name} (the first registered if several share it), or empty. */
    public static Optional<DatasetProvider> dataset(String name) {
        return datasets().stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /** The transform provider called {@code name} (the first registered if several share it), or empty. */
    public static Optional<TransformProvider> transform(String name) {
        return transforms().stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /**
     * Adds a contribution (the OSGi tracker, or hosts wiring providers by hand): {@code provider} is listed
     * under each of the provider interfaces it implements; other objects are ignored.
     */
    public static void add(Object provider) {
        if (provider instanceof ModelProvider m) models.add(m);
        if (provider instanceof DatasetProvider d) datasets.add(d);
        if (provider instanceof TransformProvider t) transforms.add(t);
    }

    /** Removes a contribution added before, from every list it is in. */
    public static void remove(Object provider) {
        models.remove(provider);
        datasets.remove(provider);
        transforms.remove(provider);
    }

    private static <T> List<T> sorted(List<T> list, Function<T, String> name) {
        return list.stream().sorted(Comparator.comparing(name)).toList();
    }

    private static void ensureLoaded() {
        if (loaded || insideOsgi()) return;
        synchronized (Catalog.class) {
            if (loaded) return;
            ClassLoader cl = Catalog.class.getClassLoader();
            ServiceLoader.load(ModelProvider.class, cl).forEach(models::add);
            ServiceLoader.load(DatasetProvider.class, cl).forEach(datasets::add);
            ServiceLoader.load(TransformProvider.class, cl).forEach(transforms::add);
            loaded = true;
        }
    }

    private static boolean insideOsgi() {
        for (Class<?> c = Catalog.class.getClassLoader().getClass(); c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) if (i.getName().equals("org.osgi.framework.BundleReference")) return true;
        }
        return false;
    }
}
