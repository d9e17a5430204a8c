package org.torch4j.internal.random;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Locale;

/**
 * The {@code log}, {@code sin} and {@code cos} that PyTorch's CPU kernels call (double, and the float
 * overloads used by the kernels of PyTorch's DEFAULT CPU capability), the double {@code tan} and
 * {@code exp} of {@code cauchy_} and {@code log_normal_}, and the {@code lgamma} of the Poisson sampler.
 *
 * <p>PyTorch calls the C library's functions; glibc's are not correctly rounded (about one result in
 * a thousand differs by one ulp from the exact rounding), and neither {@link Math} nor
 * {@link StrictMath} agree with them everywhere. So on Linux this class calls the C library's own
 * functions through the foreign-function API, which reproduces PyTorch on the same machine bit for
 * bit. Elsewhere, when the native call is unavailable, or with
 * {@code -Dtorch4j.random.libm=java}, it uses {@link Math} (within one ulp).
 */
final class Libm {
    private Libm() {}

    private static final MethodHandle LOG, SIN, COS, LOGF, SINF, COSF, TAN, EXP, LGAMMA;

    static {
        MethodHandle[] h = bind();
        LOG = h[0];
        SIN = h[1];
        COS = h[2];
        LOGF = h[3];
        SINF = h[4];
        COSF = h[5];
        TAN = h[6];
        EXP = h[7];
        LGAMMA = h[8];
    }

    /** Binds log, sin, cos, logf, sinf, cosf, tan, exp, lgamma of the C library, or returns nulls to use {@link Math}. */
    @SuppressWarnings("restricted")
    private static MethodHandle[] bind() {
        MethodHandle[] none = new MethodHandle[9];
        boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
        if (!linux || "java".equals(System.getProperty("torch4j.random.libm", "native"))) return none;
        try {
            Linker linker = Linker.nativeLinker();
            var lookup = linker.defaultLookup();
            FunctionDescriptor dd = FunctionDescriptor.of(ValueLayout.JAVA_DOUBLE, ValueLayout.JAVA_DOUBLE);
            FunctionDescriptor ff = FunctionDescriptor.of(ValueLayout.JAVA_FLOAT, ValueLayout.JAVA_FLOAT);
            String[] names = {"log", "sin", "cos", "logf", "sinf", "cosf", "tan", "exp", "lgamma"};
            MethodHandle[] h = new MethodHandle[names.length];
            for (int i = 0; i < names.length; i++) {
                h[i] = linker.downcallHandle(lookup.find(names[i]).orElseThrow(), i >= 3 && i < 6 ? ff : dd,
                        Linker.Option.critical(false));
            }
            // A quick self-check, so that a broken binding falls back rather than returning garbage.
            if ((double) h[0].invokeExact(1.0) != 0.0 || (double) h[2].invokeExact(0.0) != 1.0
                    || (float) h[3].invokeExact(1f) != 0f || (float) h[5].invokeExact(0f) != 1f
                    || (double) h[6].invokeExact(0.0) != 0.0 || (double) h[7].invokeExact(0.0) != 1.0
                    || (double) h[8].invokeExact(1.0) != 0.0) {
                return none;
            }
            return h;
        } catch (Throwable t) { // no native access, no such symbol, unsupported platform
            return none;
        }
    }

    /** Whether the C library's functions are in use (otherwise {@link Math}'s). */
    static boolean isNative() {
        return LOG != null;
    }

    static double log(double x) {
        if (LOG == null) return Math.log(x);
        try {
            return (double) LOG.invokeExact(x);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    static double sin(double x) {
        if (SIN == null) return Math.sin(x);
        try {
            return (double) SIN.invokeExact(x);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    static double cos(double x) {
        if (COS == null) return Math.cos(x);
        try {
            return (double) COS.invokeExact(x);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    static double tan(double x) {
        if (TAN == null) return Math.tan(x);
        try {
            return (double) TAN.invokeExact(x);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    static double exp(double x) {
        if (EXP == null) return Math.exp(x);
        try {
            return (double) EXP.invokeExact(x);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** The C library's {@code lgamma}, or NaN where it is not reachable (Java has none). */
    static double lgamma(double x) {
        if (LGAMMA == null) return Double.NaN;
        try {
            return (double) LGAMMA.invokeExact(x);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** {@code logf}: the float overload of {@code std::log}. */
    static float log(float x) {
        if (LOGF == null) return (float) Math.log(x);
        try {
            return (float) LOGF.invokeExact(x);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    static float sin(float x) {
        if (SINF == null) return (float) Math.sin(x);
        try {
            return (float) SINF.invokeExact(x);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    static float cos(float x) {
        if (COSF == null) return (float) Math.cos(x);
        try {
            return (float) COSF.invokeExact(x);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }
}
