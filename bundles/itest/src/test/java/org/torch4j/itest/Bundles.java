package org.torch4j.itest;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.vmOption;

import java.util.Arrays;
import org.ops4j.pax.exam.Option;

/** The Felix set-ups the integration tests boot: the same bundles as the distribution. */
final class Bundles {
    private Bundles() {}

    /** SCR, Config Admin, JUnit and the JVM flags every torch4j runtime needs. */
    static Option platform() {
        Option[] flags = Arrays.stream(System.getProperty("torch4j.jvmFlags").split("\\s+"))
                .map(f -> vmOption(f)).toArray(Option[]::new);
        // the jar locations, for tests that install bundles from inside the container
        Option[] jars = System.getProperties().stringPropertyNames().stream()
                .filter(k -> k.startsWith("torch4j.") && k.endsWith(".jar"))
                .map(k -> systemProperty(k).value(System.getProperty(k))).toArray(Option[]::new);
        return composite(
                composite(flags),
                composite(jars),
                systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"),
                mavenBundle("org.osgi", "org.osgi.util.function", System.getProperty("osgi.function.version")),
                mavenBundle("org.osgi", "org.osgi.util.promise", System.getProperty("osgi.promise.version")),
                mavenBundle("org.osgi", "org.osgi.service.component", System.getProperty("osgi.component.version")),
                mavenBundle("org.apache.felix", "org.apache.felix.scr", System.getProperty("felix.scr.version")),
                mavenBundle("org.apache.felix", "org.apache.felix.configadmin", System.getProperty("felix.configadmin.version")),
                junitBundles());
    }

    /** A bundle built by the reactor, by its system-property key (e.g. {@code torch4j.api.jar}). */
    static Option project(String key) {
        return bundle(location(key));
    }

    static String location(String key) {
        String path = System.getProperty(key);
        if (path == null) throw new IllegalStateException("system property " + key + " not set by failsafe");
        return "file:" + path;
    }
}
