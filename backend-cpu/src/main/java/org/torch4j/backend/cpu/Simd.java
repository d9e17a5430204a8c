package org.torch4j.backend.cpu;

/**
 * Whether the Vector API ({@code jdk.incubator.vector}) can be used. Without it (the JVM was started
 * without {@code --add-modules=jdk.incubator.vector}, or {@code -Dtorch4j.simd=false}) every kernel
 * takes its scalar path, which gives the same results.
 */
public final class Simd {

    /** True when the SIMD kernels are in use. */
    public static final boolean ENABLED = detect();

    private Simd() {}

    private static boolean detect() {
        if (!Boolean.parseBoolean(System.getProperty("torch4j.simd", "true"))) return false;
        try {
            Class.forName("jdk.incubator.vector.FloatVector", false, Simd.class.getClassLoader());
            return VectorShapes.floatLanes() >= 4;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** For listings: {@code "on (AVX-512, 16 float lanes)"} or {@code "off (...)"}. */
    public static String description() {
        if (!ENABLED) {
            return Boolean.parseBoolean(System.getProperty("torch4j.simd", "true"))
                    ? "off (jdk.incubator.vector not available: start the JVM with --add-modules=jdk.incubator.vector)"
                    : "off (-Dtorch4j.simd=false)";
        }
        return "on (" + VectorShapes.floatLanes() * 32 + "-bit vectors, " + VectorShapes.floatLanes() + " float lanes)";
    }
}
