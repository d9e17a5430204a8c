package org.torch4j.backend.cuda;

import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetAttribute;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRetain;
import static jcuda.driver.JCudaDriver.cuDriverGetVersion;
import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;
import static jcuda.driver.JCudaDriver.cuStreamCreate;
import static jcuda.driver.JCudaDriver.cuStreamSynchronize;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;

/**
 * One GPU: its primary context (shared with cuBLAS, which uses the runtime API), one stream on
 * which every kernel and copy of this backend is queued in order, the kernel modules loaded from
 * the bundled PTX, and the device's caching allocator. The host waits for the stream only when it
 * needs values: copies to host memory, which {@code item()} and printing use.
 */
final class CudaDevice {

    /** Threads per block of elementwise kernels. */
    static final int THREADS = 256;

    /** A device address passed to a kernel as a pointer argument. */
    record Ptr(long address) {}

    final int index;
    final String name;
    final int multiprocessors;
    final int computeCapability;
    private final CUcontext context = new CUcontext();
    private final DeviceStream stream = new DeviceStream();
    private final DriverMemory memory;
    final CachingAllocator allocator;
    /** Where gather and scatter kernels record an index out of range, raised at the host's next wait. */
    final KernelErrors kernelErrors;
    /** Page-locked staging buffers for uploads that do not wait for the GPU. */
    final PinnedPool<DriverPinned.Buffer> pinned;
    private final Map<String, CUmodule> modules = new ConcurrentHashMap<>();
    private final Map<String, CUfunction> functions = new ConcurrentHashMap<>();
    private volatile Cublas cublas;
    /** Kernels and cuBLAS calls queued so far (the host-side cost of a step is about launches times a launch's cost). */
    private final java.util.concurrent.atomic.LongAdder launches = new java.util.concurrent.atomic.LongAdder();

    CudaDevice(int index) {
        this.index = index;
        CUdevice dev = new CUdevice();
        Driver.check(cuDeviceGet(dev, index), "cuDeviceGet(" + index + ")");
        Driver.check(cuDevicePrimaryCtxRetain(context, dev), "cuDevicePrimaryCtxRetain");
        makeCurrent();
        // a blocking stream: the synchronous host copies (legacy default stream) wait for its kernels
        Driver.check(cuStreamCreate(stream, 0), "cuStreamCreate");
        byte[] n = new byte[256];
        cuDeviceGetName(n, n.length, dev);
        int len = 0;
        while (len < n.length && n[len] != 0) len++;
        this.name = new String(n, 0, len, StandardCharsets.US_ASCII);
        int[] v = new int[1];
        cuDeviceGetAttribute(v, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT, dev);
        this.multiprocessors = Math.max(1, v[0]);
        int[] major = new int[1], minor = new int[1];
        cuDeviceGetAttribute(major, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, dev);
        cuDeviceGetAttribute(minor, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, dev);
        this.computeCapability = major[0] * 10 + minor[0];
        this.memory = new DriverMemory(this);
        this.allocator = new CachingAllocator(memory, index, CudaDevice::reclaimUnreachable);
        this.kernelErrors = new KernelErrors(this, memory);
        this.pinned = new PinnedPool<>(new DriverPinned(this), Long.getLong("torch4j.cuda.pinnedCacheBytes", 1L << 30));
    }

    /** Binds this device's context to the calling thread (driver calls act on the current context). */
    void makeCurrent() {
        Driver.check(cuCtxSetCurrent(context), "cuCtxSetCurrent");
    }

    DeviceStream stream() {
        return stream;
    }

    /** A driver pointer to a device address inside one of this device's segments. */
    CUdeviceptr pointer(long address) {
        return memory.pointer(address);
    }

    /** How many kernels and cuBLAS calls this device has queued since it was opened. */
    long launches() {
        return launches.sum();
    }

    /** Counts a launch queued by a library (cuBLAS) rather than {@link #launchGrid}. */
    void countLaunch() {
        launches.increment();
    }

    /** Waits until all queued work has finished; reports errors of kernels that failed meanwhile. */
    void synchronize() {
        makeCurrent();
        Driver.check(cuStreamSynchronize(stream), "cuStreamSynchronize (a kernel queued before may have failed)");
        kernelErrors.raise();
    }

    /** cuBLAS for this device, or null with the reason recorded in {@link Cublas#status()}. */
    Cublas cublas() {
        Cublas c = openedCublas();
        return c.usable() ? c : null;
    }

    /** Which GEMM runs on this device and, when not cuBLAS, why. */
    String gemmStatus() {
        return openedCublas().status();
    }

    private Cublas openedCublas() {
        Cublas c = cublas;
        if (c == null) {
            synchronized (this) {
                if (cublas == null) cublas = Cublas.open(this);
                c = cublas;
            }
        }
        return c;
    }

    /** Launches an elementwise kernel with enough blocks to cover {@code work} elements (grid-stride loops do the rest). */
    void launch(String kernel, long work, Object... args) {
        if (work <= 0) return;
        long blocks = Math.min((work + THREADS - 1) / THREADS, (long) multiprocessors * 32);
        launchGrid(kernel, (int) Math.max(1, blocks), 1, 1, THREADS, 0, args);
    }

    /** Launches {@code kernel} with an explicit grid, block and dynamic shared memory. */
    void launchGrid(String kernel, int gx, int gy, int gz, int threads, int sharedBytes, Object... args) {
        makeCurrent();
        launches.increment();
        Pointer[] params = new Pointer[args.length];
        for (int i = 0; i < args.length; i++) params[i] = param(args[i]);
        Driver.check(cuLaunchKernel(function(kernel), gx, gy, gz, threads, 1, 1, sharedBytes, stream, Pointer.to(params), null),
                "cuLaunchKernel(" + kernel + ")");
    }

    private static Pointer param(Object a) {
        return switch (a) {
            case Integer i -> Pointer.to(new int[] {i});
            case Long l -> Pointer.to(new long[] {l});
            case Double d -> Pointer.to(new double[] {d});
            case long[] s -> Pointer.to(s);
            case double[] s -> Pointer.to(s);
            case Ptr p -> Pointer.to(new long[] {p.address()});
            default -> throw new IllegalArgumentException("unsupported kernel argument " + a.getClass());
        };
    }

    CUfunction function(String kernel) {
        CUfunction f = functions.get(kernel);
        if (f != null) return f;
        CUmodule m = module(moduleOf(kernel));
        f = new CUfunction();
        Driver.check(cuModuleGetFunction(f, m, kernel), "cuModuleGetFunction(" + kernel + ")");
        functions.put(kernel, f);
        return f;
    }

    /** Which PTX file defines a kernel, by its name. */
    static String moduleOf(String kernel) {
        if (kernel.startsWith("gemm_")) return "gemm";
        if (kernel.startsWith("attention_")) return "attention";
        if (kernel.startsWith("fft_") || kernel.startsWith("complex_")) return "complex";
        if (kernel.startsWith("rnn_")) return "recurrent";
        if (kernel.startsWith("sparse_")) return "sparse";
        if (kernel.startsWith("grid_sample_")) return "grid";
        if (kernel.startsWith("copy_")) return "copy";
        if (kernel.startsWith("sort_")) return "sort";
        if (kernel.startsWith("reduce_") || kernel.startsWith("argreduce_") || kernel.startsWith("scan_")
                || kernel.startsWith("count_nonzero_")) return "reduce";
        if (kernel.startsWith("gather_") || kernel.startsWith("scatter_") || kernel.startsWith("index_")) return "index";
        if (kernel.startsWith("softmax_") || kernel.startsWith("threshold_backward_") || kernel.startsWith("gelu_backward_")
                || kernel.startsWith("im2col_") || kernel.startsWith("col2im_") || kernel.startsWith("max_pool_")
                || kernel.startsWith("layer_norm_") || kernel.startsWith("group_norm_") || kernel.startsWith("batch_norm_")) return "fused";
        return "elementwise";
    }

    private synchronized CUmodule module(String name) {
        CUmodule m = modules.get(name);
        if (m != null) return m;
        String ptx = Ptx.load(name);
        makeCurrent();
        m = new CUmodule();
        int rc = cuModuleLoadData(m, Ptx.bytes(ptx));
        if (rc == CUresult.CUDA_ERROR_UNSUPPORTED_PTX_VERSION) {
            // PTX from a newer nvcc than the driver: the kernels use no newer PTX features, so the
            // ISA version the driver knows is declared instead
            int[] v = new int[1];
            cuDriverGetVersion(v);
            rc = cuModuleLoadData(m, Ptx.bytes(Ptx.withIsaVersion(ptx, v[0])));
        }
        Driver.check(rc, "cuModuleLoadData(" + name + ".ptx)");
        modules.put(name, m);
        return m;
    }

    /**
     * The device is full: tensors that are unreachable but not yet closed still hold blocks until
     * their cleaners run, so collect garbage and give the cleaners a moment.
     */
    private static void reclaimUnreachable() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(20L << i);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The bundled PTX of the kernels. */
    static final class Ptx {
        private Ptx() {}

        /** The PTX of kernel source {@code name}, committed gzip-compressed (tools/build-ptx). */
        static String load(String name) {
            String path = "ptx/" + name + ".ptx.gz";
            try (InputStream in = CudaDevice.class.getResourceAsStream(path)) {
                if (in == null) throw new IllegalStateException("missing kernel resource " + path + " in the CUDA backend bundle");
                return new String(new java.util.zip.GZIPInputStream(in).readAllBytes(), StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + path + ": " + e.getMessage(), e);
            }
        }

        /** NUL-terminated, as cuModuleLoadData expects PTX text. */
        static byte[] bytes(String ptx) {
            byte[] b = ptx.getBytes(StandardCharsets.US_ASCII);
            return java.util.Arrays.copyOf(b, b.length + 1);
        }

        /**
         * The PTX with its {@code .version} lowered to the newest ISA a driver of {@code driverVersion} reads:
         * 7.x for CUDA 11.x, 8.x for CUDA 12.0 to 12.5, then 8.5 for 12.6, 8.6 for 12.7, 8.7 for 12.8, 8.8 for 12.9
         * (PTX ISA release history).
         */
        static String withIsaVersion(String ptx, int driverVersion) {
            int major = driverVersion / 1000, minor = (driverVersion % 1000) / 10;
            String isa = major >= 13 ? "9.0" : major == 12 ? "8." + (minor <= 5 ? minor : Math.min(minor - 1, 8)) : "7." + Math.min(minor, 8);
            return ptx.replaceFirst("(?m)^\\.version [0-9.]+$", ".version " + isa);
        }
    }
}
