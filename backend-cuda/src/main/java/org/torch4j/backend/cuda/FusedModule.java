package org.torch4j.backend.cuda;

import static jcuda.driver.JCudaDriver.cuDriverGetVersion;
import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jcuda.Pointer;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;
import org.torch4j.backend.cuda.CudaDevice.Ptr;

/**
 * The kernels of {@code fused.cu} ({@code ptx/fused.ptx}), loaded once per device and queued on its stream.
 * {@link CudaDevice#launchGrid} finds a kernel's module through {@link CudaDevice#moduleOf}, which does not
 * name this module; this class loads it the same way (with the same retry for drivers older than the PTX's
 * ISA) so that CudaDevice stays as it is. Once moduleOf maps these kernels to "fused", this class can go.
 */
final class FusedModule {
    private FusedModule() {}

    private static final Map<CudaDevice, CUmodule> MODULES = new ConcurrentHashMap<>();
    private static final Map<CudaDevice, Map<String, CUfunction>> FUNCTIONS = new ConcurrentHashMap<>();

    /** Launches with enough blocks of {@link CudaDevice#THREADS} for {@code work} elements (the kernels loop over the rest). */
    static void launch(CudaDevice d, String kernel, long work, Object... args) {
        if (work <= 0) return;
        long blocks = Math.min((work + CudaDevice.THREADS - 1) / CudaDevice.THREADS, (long) d.multiprocessors * 32);
        launchGrid(d, kernel, (int) blocks, CudaDevice.THREADS, args);
    }

    static void launchGrid(CudaDevice d, String kernel, int blocks, int threads, Object... args) {
        d.makeCurrent();
        Pointer[] params = new Pointer[args.length];
        for (int i = 0; i < args.length; i++) {
            params[i] = switch (args[i]) {
                case Integer v -> Pointer.to(new int[] {v});
                case Long v -> Pointer.to(new long[] {v});
                case Double v -> Pointer.to(new double[] {v});
                case long[] v -> Pointer.to(v);
                case Ptr p -> Pointer.to(new long[] {p.address()});
                default -> throw new IllegalArgumentException("unsupported kernel argument " + args[i].getClass());
            };
        }
        Driver.check(cuLaunchKernel(function(d, kernel), blocks, 1, 1, threads, 1, 1, 0, d.stream(), Pointer.to(params), null),
                "cuLaunchKernel(" + kernel + ")");
    }

    private static CUfunction function(CudaDevice d, String kernel) {
        return FUNCTIONS.computeIfAbsent(d, x -> new ConcurrentHashMap<>()).computeIfAbsent(kernel, k -> {
            CUfunction f = new CUfunction();
            Driver.check(cuModuleGetFunction(f, MODULES.computeIfAbsent(d, FusedModule::load), kernel), "cuModuleGetFunction(" + kernel + ")");
            return f;
        });
    }

    private static CUmodule load(CudaDevice d) {
        String ptx = CudaDevice.Ptx.load("fused");
        d.makeCurrent();
        CUmodule m = new CUmodule();
        int rc = cuModuleLoadData(m, CudaDevice.Ptx.bytes(ptx));
        if (rc == CUresult.CUDA_ERROR_UNSUPPORTED_PTX_VERSION) {
            int[] v = new int[1];
            cuDriverGetVersion(v);
            rc = cuModuleLoadData(m, CudaDevice.Ptx.bytes(CudaDevice.Ptx.withIsaVersion(ptx, v[0])));
        }
        Driver.check(rc, "cuModuleLoadData(fused.ptx)");
        return m;
    }
}
