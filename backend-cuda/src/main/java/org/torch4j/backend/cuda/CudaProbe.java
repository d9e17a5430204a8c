package org.torch4j.backend.cuda;

import java.util.Map;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.condition.Condition;
import org.torch4j.spi.DeviceProbe;

/**
 * Finds out once whether CUDA can run here: the driver library ({@code libcuda.so.1}) must load,
 * {@code cuInit} succeed and at least one device exist. Otherwise {@link #reason()} says which of
 * these failed. Registered even on machines without a GPU, so listings and errors can tell why.
 *
 * <p>When CUDA works, the probe also registers the OSGi condition {@value #CONDITION_ID}, which
 * {@link CudaBackend}'s component waits for: without a GPU the backend service never appears and
 * the bundle stays active, saying why through this probe.
 */
@Component(service = DeviceProbe.class, immediate = true)
public final class CudaProbe implements DeviceProbe {

    /** The service property naming a condition ({@code Condition.CONDITION_ID}). */
    static final String CONDITION_ID_PROPERTY = "osgi.condition.id";

    /** The condition registered when CUDA is usable. */
    static final String CONDITION_ID = "torch4j.cuda";

    private ServiceRegistration<Condition> condition;

    /** Inside OSGi: publishes the {@value #CONDITION_ID} condition when a device is usable. */
    @Activate
    void activate(BundleContext context) {
        if (available()) {
            condition = context.registerService(Condition.class, Condition.INSTANCE,
                    FrameworkUtil.asDictionary(Map.of(CONDITION_ID_PROPERTY, CONDITION_ID)));
        }
    }

    @Deactivate
    void deactivate() {
        if (condition != null) {
            condition.unregister();
            condition = null;
        }
    }

    /** The probe's result: a device count, or why there is none. */
    record Result(int devices, String reason, String details) {}

    private static volatile Result result;

    @Override
    public String deviceType() {
        return "cuda";
    }

    @Override
    public boolean available() {
        return result().reason() == null;
    }

    @Override
    public String reason() {
        return result().reason();
    }

    @Override
    public String details() {
        return result().details();
    }

    /** The number of CUDA devices (0 when unavailable). */
    public static int deviceCount() {
        return result().devices();
    }

    static Result result() {
        Result r = result;
        if (r == null) {
            synchronized (CudaProbe.class) {
                if (result == null) result = probe();
                r = result;
            }
        }
        return r;
    }

    private static Result probe() {
        try {
            JCudaDriver.setExceptionsEnabled(false);
            int rc = JCudaDriver.cuInit(0);
            if (rc != CUresult.CUDA_SUCCESS) {
                return new Result(0, "the NVIDIA driver is present but cuInit failed: " + CUresult.stringFor(rc)
                        + " (is there a GPU, and may this process use it?)", "");
            }
            int[] count = new int[1];
            rc = JCudaDriver.cuDeviceGetCount(count);
            if (rc != CUresult.CUDA_SUCCESS) return new Result(0, "cuDeviceGetCount failed: " + CUresult.stringFor(rc), "");
            if (count[0] == 0) return new Result(0, "the NVIDIA driver reports no CUDA device", "");
            int[] version = new int[1];
            JCudaDriver.cuDriverGetVersion(version);
            return new Result(count[0], null, count[0] + " device(s), driver API " + version[0] / 1000 + "." + (version[0] % 1000) / 10);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            return new Result(0, "no usable NVIDIA driver: " + rootMessage(e)
                    + " (install the NVIDIA driver, which provides libcuda.so.1)", "");
        } catch (Throwable t) {
            return new Result(0, "CUDA could not be initialised: " + rootMessage(t), "");
        }
    }

    /** JCuda folds whole stack traces into its messages: keep the loader's own sentence. */
    private static final java.util.regex.Pattern LOADER = java.util.regex.Pattern.compile(
            "([\\w.+-]+\\.so[\\w.]*): cannot open shared object file: [^\\n\\r]*?(?= at |$)");

    static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) c = c.getCause();
        String m = c.getMessage() == null ? c.toString() : c.getMessage().replaceAll("\\s+", " ").trim();
        java.util.regex.Matcher lib = LOADER.matcher(m);
        if (lib.find()) return lib.group().trim();
        return m.length() > 300 ? m.substring(0, 300) + "..." : m;
    }
}
