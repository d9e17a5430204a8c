package org.torch4j.spi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Finds {@link Backend}s: through the OSGi service registry inside an OSGi framework, and through
 * {@link ServiceLoader} on a plain classpath. It is the only place that knows the difference.
 *
 * <p>Inside OSGi the api bundle's component {@code org.torch4j.internal.osgi.BackendTracker} adds and
 * removes backends as their services come and go; the best-ranked backend for a device wins.
 */
public final class BackendRegistry {

    /**
     * A backend with the ranking it was registered with.
     *
     * @param backend    the backend
     * @param deviceType the device type it serves: the {@value Backend#DEVICE_PROPERTY} property, else
     *                   {@link Backend#deviceType()}
     * @param ranking    the {@code service.ranking} property when it is an Integer, else
     *                   {@link Backend#ranking()}; higher wins
     * @param order      the registration order, which breaks ties in ranking (earlier wins, as in OSGi)
     */
    public record Entry(Backend backend, String deviceType, int ranking, long order) {}

    private static final List<Entry> entries = new CopyOnWriteArrayList<>();
    private static final List<DeviceProbe> probes = new CopyOnWriteArrayList<>();
    private static final Map<String, String> preferred = new java.util.concurrent.ConcurrentHashMap<>();
    private static volatile boolean loadedFromClasspath;
    private static long nextOrder;

    private BackendRegistry() {}

    /**
     * The backend for a device type: the preferred one (see {@link #prefer}) when registered, else the
     * best-ranked; {@code null} when none is installed.
     */
    public static Backend find(String deviceType) {
        Objects.requireNonNull(deviceType, "deviceType");
        ensureClasspathBackends();
        String want = preferred.get(deviceType);
        Entry best = null;
        for (Entry e : entries) {
            if (!e.deviceType.equals(deviceType)) continue;
            if (want != null && want.equals(e.backend.name())) return e.backend;
            if (best == null || better(e, best)) best = e;
        }
        return best == null ? null : best.backend;
    }

    /** Prefers the backend named {@code backendName} for {@code deviceType} whenever it is registered. */
    public static void prefer(String deviceType, String backendName) {
        preferred.put(deviceType, backendName);
    }

    /** Forgets every {@link #prefer} choice, so that the best-ranked backend serves each device again. */
    public static void clearPreferences() {
        preferred.clear();
    }

    /** Like {@link #find} but fails with a message saying what is missing. */
    public static Backend require(String deviceType) {
        Backend b = find(deviceType);
        if (b == null) {
            throw new IllegalStateException(missingMessage(deviceType));
        }
        return b;
    }

    /** Every registered backend, best first within each device type. */
    public static List<Entry> all() {
        ensureClasspathBackends();
        List<Entry> list = new ArrayList<>(entries);
        list.sort(Comparator.comparing(Entry::deviceType).thenComparing(BackendRegistry::rankOrder));
        return List.copyOf(list);
    }

    /** Adds a backend; called by the OSGi tracker, or by hosts that wire backends by hand. */
    public static synchronized void register(Backend backend, Map<String, ?> properties) {
        String device = property(properties, Backend.DEVICE_PROPERTY, backend.deviceType());
        Object ranking = properties == null ? null : properties.get("service.ranking");
        int rank = ranking instanceof Integer i ? i : backend.ranking();
        entries.add(new Entry(backend, device, rank, nextOrder++));
    }

    /** Adds a device probe (OSGi tracker or ServiceLoader). */
    public static void registerProbe(DeviceProbe probe) {
        probes.add(probe);
    }

    /** Removes a device probe added before (the OSGi tracker, when its service goes away). */
    public static void unregisterProbe(DeviceProbe probe) {
        probes.remove(probe);
    }

    /** Every device probe: devices that backends could serve, available or not. */
    public static List<DeviceProbe> probes() {
        ensureClasspathBackends();
        return List.copyOf(probes);
    }

    /** Removes a backend registered before. */
    public static synchronized void unregister(Backend backend) {
        entries.removeIf(e -> e.backend == backend);
    }

    private static boolean better(Entry a, Entry b) {
        return rankOrder(a, b) < 0;
    }

    /** Higher ranking first; on a tie the earlier registration wins, as OSGi orders services. */
    private static int rankOrder(Entry a, Entry b) {
        if (a.ranking != b.ranking) return Integer.compare(b.ranking, a.ranking);
        return Long.compare(a.order, b.order);
    }

    private static String property(Map<String, ?> properties, String key, String fallback) {
        Object v = properties == null ? null : properties.get(key);
        return v == null ? fallback : v.toString();
    }

    /** The error message for a device type with no backend: which bundle or jar is missing. */
    public static String missingMessage(String deviceType) {
        String hint = switch (deviceType) {
            case "cpu" -> "org.torch4j.backend.cpu (torch4j-backend-cpu.jar)";
            case "cuda" -> "org.torch4j.backend.cuda (torch4j-backend-cuda.jar) with a working NVIDIA driver";
            default -> "a backend for '" + deviceType + "'";
        };
        for (DeviceProbe p : probes) {
            if (p.deviceType().equals(deviceType) && !p.available()) {
                return "No backend for device type '" + deviceType + "' is available: " + p.reason();
            }
        }
        String where = insideOsgi()
                ? "install and start the bundle " + hint
                : "put " + hint + " on the classpath";
        return "No backend for device type '" + deviceType + "' is available: " + where + ".";
    }

    /**
     * Outside OSGi, backends come from {@link ServiceLoader}, loaded once. Inside OSGi the tracker
     * component feeds the registry, and the api bundle's class loader would see no providers anyway.
     */
    private static void ensureClasspathBackends() {
        if (loadedFromClasspath || insideOsgi()) return;
        synchronized (BackendRegistry.class) {
            if (loadedFromClasspath) return;
            ClassLoader loader = BackendRegistry.class.getClassLoader();
            for (DeviceProbe p : ServiceLoader.load(DeviceProbe.class, loader)) {
                probes.add(p);
            }
            for (Backend b : ServiceLoader.load(Backend.class, loader)) {
                // as the OSGi condition does there: a device whose probe fails gets no backend
                if (!probedUnavailable(b.deviceType())) register(b, Map.of());
            }
            loadedFromClasspath = true;
        }
    }

    private static boolean probedUnavailable(String deviceType) {
        for (DeviceProbe p : probes) {
            if (p.deviceType().equals(deviceType) && !p.available()) return true;
        }
        return false;
    }

    /**
     * True when the api was loaded by an OSGi bundle class loader. Checked by interface name so
     * that no OSGi class is needed on a plain classpath.
     */
    static boolean insideOsgi() {
        return OsgiDetection.INSIDE;
    }

    private static final class OsgiDetection {
        static final boolean INSIDE = detect(BackendRegistry.class.getClassLoader());

        private static boolean detect(ClassLoader loader) {
            for (Class<?> c = loader == null ? null : loader.getClass(); c != null; c = c.getSuperclass()) {
                for (Class<?> i : c.getInterfaces()) {
                    if (i.getName().equals("org.osgi.framework.BundleReference")) return true;
                }
            }
            return false;
        }
    }
}
