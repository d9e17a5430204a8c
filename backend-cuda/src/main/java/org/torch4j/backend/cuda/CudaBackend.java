package org.torch4j.backend.cuda;

import static jcuda.driver.JCudaDriver.cuMemcpyDtoDAsync;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoDAsync;
import static jcuda.driver.JCudaDriver.cuMemsetD8Async;

import java.util.Arrays;
import jcuda.Pointer;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.propertytypes.SatisfyingConditionTarget;
import org.torch4j.DType;
import org.torch4j.backend.cuda.CudaDevice.Ptr;
import org.torch4j.spi.Backend;
import org.torch4j.spi.BinaryOp;
import org.torch4j.spi.DeviceRuntime;
import org.torch4j.spi.HostStorage;
import org.torch4j.spi.ReduceOp;
import org.torch4j.spi.ScanOp;
import org.torch4j.spi.ScatterReduce;
import org.torch4j.spi.Storage;
import org.torch4j.spi.Strided;
import org.torch4j.spi.TernaryOp;
import org.torch4j.spi.UnaryOp;

/**
 * The CUDA backend: every SPI primitive as a kernel of the bundled PTX (see
 * {@code src/main/cuda}), queued on one stream per device, over memory from a caching allocator per
 * device; GEMM through cuBLAS where it loads (see {@link Cublas}), else through its own kernel.
 *
 * <p>Registered through Declarative Services only once {@link CudaProbe} found a working driver and
 * device (it then registers the {@code torch4j.cuda} condition this component waits for), and
 * through {@code META-INF/services} on plain classpaths, where the api's registry skips it when the
 * probe fails. Constructing it touches no CUDA library; devices open on first use.
 */
@Component(service = Backend.class, property = {Backend.DEVICE_PROPERTY + "=cuda", "service.ranking:Integer=0"})
@SatisfyingConditionTarget("(" + CudaProbe.CONDITION_ID_PROPERTY + "=" + CudaProbe.CONDITION_ID + ")")
public final class CudaBackend implements Backend, DeviceRuntime {

    /** The longest line one block sorts in shared memory; longer ones go through {@link LongLineSort}'s chunks and merges. */
    static final int SORT_MAX = 2048;
    /** Scanned lines at least this long take a block of 256 threads each (scan_lines) instead of one thread. */
    static final long SCAN_BLOCK_MIN = 512;

    /** More devices than one machine holds. */
    private static final int MAX_DEVICES = 64;

    private final CudaDevice[] devices = new CudaDevice[MAX_DEVICES];
    private volatile boolean allowTf32;
    private volatile boolean allowConvTf32 = true;

    /** Creates the backend; no CUDA call happens before the first operation. */
    public CudaBackend() {}

    /** The bundle stops: wait for queued work and give cached device and pinned host memory back to the driver. */
    @Deactivate
    void deactivate() {
        for (CudaDevice d : opened()) {
            try {
                d.synchronize();
            } finally {
                d.allocator.emptyCache();
                d.pinned.freeIdle();
            }
        }
    }

    @Override
    public String name() {
        return "jcuda";
    }

    @Override
    public String deviceType() {
        return "cuda";
    }

    @Override
    public String describe() {
        if (CudaProbe.deviceCount() == 0) return name() + " (unavailable: " + new CudaProbe().reason() + ")";
        CudaDevice d = device(0);
        return name() + " (" + CudaProbe.deviceCount() + " device(s), cuda:0 " + d.name + ", sm_" + d.computeCapability + ", "
                + d.multiprocessors + " SMs; GEMM: " + d.gemmStatus() + ")";
    }

    // ---- devices ------------------------------------------------------------------------------

    /** The device for an index (-1 means the current device, 0), opened on first use. */
    CudaDevice device(int index) {
        int i = Math.max(index, 0);
        int count = CudaProbe.deviceCount();
        if (i >= count) {
            throw new IllegalArgumentException("CUDA error: invalid device ordinal: cuda:" + i + " requested, "
                    + count + " device(s) present" + (count == 0 ? " (" + new CudaProbe().reason() + ")" : ""));
        }
        synchronized (devices) {
            if (devices[i] == null) devices[i] = new CudaDevice(i);
            return devices[i];
        }
    }

    private CudaDevice[] opened() {
        synchronized (devices) {
            return Arrays.stream(devices).filter(java.util.Objects::nonNull).toArray(CudaDevice[]::new);
        }
    }

    private static CudaStorage cuda(Strided s) {
        Storage st = s.storage();
        if (st instanceof CudaStorage cs) return cs;
        throw new IllegalArgumentException("Expected all tensors to be on the same device, but found a tensor on "
                + st.device() + " in a CUDA kernel");
    }

    private static Ptr ptr(Strided s) {
        return new Ptr(cuda(s).address());
    }

    private static CudaDevice dev(Strided s) {
        return cuda(s).cudaDevice();
    }

    private static String sfx(DType t) {
        return CudaDType.suffix(t);
    }

    /**
     * Inputs of a kernel, on the device: a host operand (PyTorch lets CPU index tensors and CPU
     * scalars meet CUDA tensors) is copied to device memory that is released when this closes; the
     * kernels queued before then still read it, as later allocations run after them on the stream.
     */
    private static final class Inputs implements AutoCloseable {
        private final CudaDevice device;
        private final java.util.List<Storage> staged = new java.util.ArrayList<>();

        Inputs(CudaDevice device) {
            this.device = device;
        }

        Strided of(Strided s) {
            if (!(s.storage() instanceof HostStorage)) return s;
            CudaStorage st = new CudaStorage(device, s.dtype(), s.numel());
            staged.add(st);
            Strided onDevice = new Strided(st, s.shape(), contiguousStrides(s.shape()), 0);
            upload(onDevice, s);
            return onDevice;
        }

        @Override
        public void close() {
            for (Storage st : staged) st.release();
        }
    }

    /** Device memory for intermediate results, returned to the pool when closed (stream order keeps reuse safe). */
    private record Temp(CudaDevice device, CachingAllocator.Block block, DType dtype, long[] shape) implements AutoCloseable {
        static Temp of(CudaDevice device, DType dtype, long[] shape) {
            long n = 1;
            for (long s : shape) n *= s;
            return new Temp(device, device.allocator.allocate(Math.max(1, n) * dtype.itemSize()), dtype, shape);
        }

        long[] strides() {
            return contiguousStrides(shape);
        }

        Ptr ptr() {
            return new Ptr(block.address());
        }

        @Override
        public void close() {
            device.allocator.free(block);
        }
    }

    static long[] contiguousStrides(long[] shape) {
        long[] st = new long[shape.length];
        long s = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            st[d] = s;
            s *= shape[d];
        }
        return st;
    }

    // ---- memory -------------------------------------------------------------------------------

    @Override
    public Storage allocate(DType dtype, long size, int deviceIndex) {
        CudaDevice d = device(deviceIndex);
        CudaStorage s = new CudaStorage(d, dtype, size);
        if (size > 0) {
            d.makeCurrent();
            Driver.check(cuMemsetD8Async(d.pointer(s.address()), (byte) 0, size * dtype.itemSize(), d.stream()), "cuMemsetD8Async");
        }
        return s;
    }

    @Override
    public Storage allocateUninitialized(DType dtype, long size, int deviceIndex) {
        return new CudaStorage(device(deviceIndex), dtype, size); // the caching allocator's block as it is
    }

    @Override
    public void copy(Strided dst, Strided src) {
        if (dst.numel() == 0) return;
        boolean dHost = dst.storage() instanceof HostStorage, sHost = src.storage() instanceof HostStorage;
        if (dHost && sHost) throw new IllegalArgumentException("the CUDA backend copies to or from CUDA memory; both tensors are on the host");
        if (sHost) {
            upload(dst, src);
        } else if (dHost) {
            download(dst, src);
        } else if (dev(dst) != dev(src)) {
            // between GPUs: through host memory
            HostStorage tmp = HostStorage.allocate(src.dtype(), src.numel());
            Strided host = new Strided(tmp, src.shape(), contiguousStrides(src.shape()), 0);
            download(host, src);
            upload(dst, host);
        } else {
            deviceCopy(dev(dst), dst.dtype(), ptr(dst), dst.strides(), dst.offset(), src.dtype(), ptr(src), src.strides(), src.offset(), dst.shape());
        }
    }

    /** dst = src (converted) on one device, for operands given by address, strides and offset. */
    private static void deviceCopy(CudaDevice d, DType dt, Ptr dp, long[] dStrides, long dOff, DType st, Ptr sp, long[] sStrides, long sOff,
                                   long[] shape) {
        Geometry g = Geometry.of(shape, new long[][] {dStrides, sStrides}, new long[] {dOff, sOff});
        long n = g.numel();
        if (dt == st && g.rank() <= 1 && (g.rank() == 0 || g.strides[0][0] == 1 && g.strides[1][0] == 1)) {
            long bytes = n * dt.itemSize();
            long to = dp.address() + dOff * dt.itemSize(), from = sp.address() + sOff * st.itemSize();
            if (to == from) return;
            d.makeCurrent();
            Driver.check(cuMemcpyDtoDAsync(d.pointer(to), d.pointer(from), bytes, d.stream()), "cuMemcpyDtoDAsync");
            return;
        }
        g.forEachSlice(s -> d.launch("copy_" + sfx(dt) + "_" + sfx(st), s.numel(), s.geo(), s.lay(0), s.lay(1), dp, sp));
    }

    private static Pointer hostPointer(Object array) {
        return switch (array) {
            case float[] a -> Pointer.to(a);
            case double[] a -> Pointer.to(a);
            case long[] a -> Pointer.to(a);
            case int[] a -> Pointer.to(a);
            case short[] a -> Pointer.to(a);
            case byte[] a -> Pointer.to(a);
            default -> throw new IllegalStateException("not a storage array: " + array.getClass());
        };
    }

    /** Host to device: the host view packed densely, copied over, then converted into place on the device. */
    private static void upload(Strided dst, Strided src) {
        CudaDevice d = dev(dst);
        Object dense = HostArrays.pack(src);
        d.makeCurrent();
        if (dst.dtype() == src.dtype() && dst.isContiguous()) {
            copyToDevice(d, CudaStorage.firstElement(dst), dense, src.numel() * src.dtype().itemSize());
            return;
        }
        try (Temp t = Temp.of(d, src.dtype(), src.shape())) {
            copyToDevice(d, t.block().address(), dense, src.numel() * src.dtype().itemSize());
            deviceCopy(d, dst.dtype(), ptr(dst), dst.strides(), dst.offset(), src.dtype(), t.ptr(), t.strides(), 0, dst.shape());
        }
    }

    /**
     * Copies a dense host array to a device address. Through a pinned staging buffer the copy is queued
     * on the stream and the host goes on without waiting for the GPU's queued work (the array's values
     * are taken now, so later writes to it do not reach the device); when the pool has no buffer for it,
     * a synchronous copy from the Java array.
     */
    private static void copyToDevice(CudaDevice d, long address, Object dense, long bytes) {
        if (bytes == 0) return;
        DriverPinned.Buffer staging = d.pinned.acquire(bytes);
        if (staging == null) {
            Driver.check(cuMemcpyHtoD(d.pointer(address), hostPointer(dense), bytes), "cuMemcpyHtoD");
            return;
        }
        try {
            HostArrays.put(dense, staging.bytes());
            Driver.check(cuMemcpyHtoDAsync(d.pointer(address), staging.pointer, bytes, d.stream()), "cuMemcpyHtoDAsync");
            staging.recordUse();
        } finally {
            d.pinned.release(staging);
        }
    }

    /** Device to host: converted into a dense buffer on the device, copied back (the host waits here), then placed. */
    private static void download(Strided dst, Strided src) {
        CudaDevice d = dev(src);
        long n = src.numel();
        DType t = dst.dtype();
        HostStorage hs = (HostStorage) dst.storage();
        boolean direct = dst.isContiguous() && dst.offset() == 0 && java.lang.reflect.Array.getLength(hs.array()) == n;
        // an index error of a queued kernel is raised before anything is written to the host
        d.kernelErrors.raise();
        Object dense = direct ? hs.array() : HostStorage.allocate(t, n).array();
        d.makeCurrent();
        if (src.dtype() == t && src.isContiguous()) {
            Driver.check(cuMemcpyDtoH(hostPointer(dense), d.pointer(CudaStorage.firstElement(src)), n * t.itemSize()),
                    "cuMemcpyDtoH (a kernel queued before may have failed)");
        } else {
            try (Temp tmp = Temp.of(d, t, src.shape())) {
                deviceCopy(d, t, tmp.ptr(), tmp.strides(), 0, src.dtype(), ptr(src), src.strides(), src.offset(), src.shape());
                Driver.check(cuMemcpyDtoH(hostPointer(dense), d.pointer(tmp.block().address()), n * t.itemSize()),
                        "cuMemcpyDtoH (a kernel queued before may have failed)");
            }
        }
        if (!direct) HostArrays.unpack(dense, dst);
    }

    @Override
    public void fill(Strided dst, Number value) {
        if (dst.numel() == 0) return;
        CudaDevice d = dev(dst);
        Ptr p = ptr(dst);
        Geometry.of(dst.shape(), dst).forEachSlice(g -> d.launch("fill_" + sfx(dst.dtype()), g.numel(), g.geo(), g.lay(0), p,
                value.doubleValue(), value.longValue(), exactInteger(value) ? 1 : 0));
    }

    /** A Java integer, which a kernel converts from its long (exact for int64) rather than from its double. */
    private static boolean exactInteger(Number value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte;
    }

    // ---- elementwise ----------------------------------------------------------------------------

    /** The {@code Par} struct: up to four op parameters. */
    private static double[] par(double[] params) {
        double[] p = new double[4];
        if (params != null) System.arraycopy(params, 0, p, 0, Math.min(4, params.length));
        return p;
    }

    /** Launches an elementwise kernel whose leading arguments are {@code lead}, over operands out, inputs... */
    private static void elementwise(String kernel, Object[] lead, Strided... given) {
        Strided out = given[0];
        if (out.numel() == 0) return;
        CudaDevice d = dev(out);
        try (Inputs inputs = new Inputs(d)) {
            Strided[] operands = given.clone();
            for (int k = 1; k < operands.length; k++) operands[k] = inputs.of(operands[k]);
            launchElementwise(d, kernel, lead, operands);
        }
    }

    /** The kernel's arguments: {@code lead}, the geometry, the operands' layouts and addresses, then {@code trail}. */
    private static void launchElementwise(CudaDevice d, String kernel, Object[] lead, Strided[] operands, Object... trail) {
        Strided out = operands[0];
        Ptr[] ptrs = new Ptr[operands.length];
        for (int k = 0; k < operands.length; k++) ptrs[k] = ptr(operands[k]);
        Geometry.of(out.shape(), operands).forEachSlice(g -> {
            Object[] args = new Object[lead.length + 1 + 2 * operands.length + trail.length];
            System.arraycopy(lead, 0, args, 0, lead.length);
            int i = lead.length;
            args[i++] = g.geo();
            for (int k = 0; k < operands.length; k++) args[i++] = g.lay(k);
            for (Ptr p : ptrs) args[i++] = p;
            System.arraycopy(trail, 0, args, i, trail.length);
            d.launch(kernel, g.numel(), args);
        });
    }

    /**
     * Runs {@code kernel} into out, whose elements it writes as {@code writes}; an out of another dtype (an in-place op's
     * result converted into self, which the SPI allows) gets the result through a temporary, converted as copy converts.
     */
    private void writing(Strided out, DType writes, java.util.function.Consumer<Strided> kernel) {
        if (out.dtype() == writes || out.numel() == 0) {
            kernel.accept(out);
            return;
        }
        CudaStorage st = new CudaStorage(dev(out), writes, out.numel());
        try {
            Strided tmp = new Strided(st, out.shape(), contiguousStrides(out.shape()), 0);
            kernel.accept(tmp);
            copy(out, tmp);
        } finally {
            st.release();   // stream order: a later kernel reusing the block runs after the copy
        }
    }

    @Override
    public void unary(UnaryOp op, double[] params, Strided out, Strided in) {
        String k = (op.isPredicate() ? "unary_pred_" : "unary_") + sfx(in.dtype());
        writing(out, op.isPredicate() ? DType.BOOL : in.dtype(), o -> elementwise(k, new Object[] {op.ordinal(), par(params)}, o, in));
    }

    @Override
    public void binary(BinaryOp op, double[] params, Strided out, Strided a, Strided b) {
        String k = (op.isPredicate() ? "binary_pred_" : "binary_") + sfx(a.dtype());
        writing(out, op.isPredicate() ? DType.BOOL : a.dtype(), o -> elementwise(k, new Object[] {op.ordinal(), par(params)}, o, a, b));
    }

    @Override
    public boolean binaryScalar(BinaryOp op, double[] params, Strided out, Strided a, Number number, boolean numberFirst) {
        if (a.dtype().isComplex()) return false;
        String k = (op.isPredicate() ? "binary_scalar_pred_" : "binary_scalar_") + sfx(a.dtype());
        writing(out, op.isPredicate() ? DType.BOOL : a.dtype(), o -> {
            if (o.numel() == 0) return;
            CudaDevice d = dev(o);
            try (Inputs inputs = new Inputs(d)) {
                launchElementwise(d, k, new Object[] {op.ordinal(), par(params)}, new Strided[] {o, inputs.of(a)},
                        number.doubleValue(), number.longValue(), exactInteger(number) ? 1 : 0, numberFirst ? 1 : 0);
            }
        });
        return true;
    }

    @Override
    public void ternary(TernaryOp op, double[] params, Strided out, Strided a, Strided b, Strided c) {
        if (op == TernaryOp.WHERE) {
            writing(out, b.dtype(), o -> elementwise("where_" + sfx(b.dtype()), new Object[0], o, a, b, c));
        } else {
            writing(out, a.dtype(), o -> elementwise("ternary_" + sfx(a.dtype()), new Object[] {op.ordinal(), par(params)}, o, a, b, c));
        }
    }

    // ---- reductions and scans -------------------------------------------------------------------

    private static long[] pick(long[] values, boolean[] mask, boolean want) {
        int n = 0;
        for (boolean m : mask) if (m == want) n++;
        long[] r = new long[n];
        int j = 0;
        for (int d = 0; d < values.length; d++) if (mask[d] == want) r[j++] = values[d];
        return r;
    }

    static int pow2AtLeast(long n, int min, int max) {
        int p = min;
        while (p < n && p < max) p <<= 1;
        return p;
    }

    private static int blocksFor(long outputs) {
        return (int) Math.max(1, Math.min(outputs, 1 << 20));
    }

    @Override
    public void reduce(ReduceOp op, Strided out, Strided in, int[] dims) {
        if (out.numel() == 0) return;
        CudaDevice d = dev(in);
        int rank = in.rank();
        boolean[] reduced = new boolean[rank];
        for (int dim : dims) reduced[dim] = true;
        long[] keptShape = pick(in.shape(), reduced, false);
        DType acc = CudaDType.accumulator(in.dtype());
        boolean direct = out.dtype() == acc;
        Temp temp = direct ? null : Temp.of(d, acc, out.shape());
        try {
            long[] targetStrides = direct ? out.strides() : contiguousStrides(out.shape());
            long targetOffset = direct ? out.offset() : 0;
            Ptr target = direct ? ptr(out) : temp.ptr();
            Geometry go = Geometry.of(keptShape, new long[][] {pick(targetStrides, reduced, false), pick(in.strides(), reduced, false)},
                    new long[] {targetOffset, in.offset()});
            Geometry gr = Geometry.of(pick(in.shape(), reduced, true), new long[][] {pick(in.strides(), reduced, true)}, new long[] {0});
            int threads = pow2AtLeast(gr.numel(), 32, 256);
            int shared = threads * acc.itemSize();
            d.launchGrid("reduce_" + sfx(in.dtype()), blocksFor(go.numel()), 1, 1, threads, shared,
                    op.ordinal(), go.geo(), go.lay(0), go.lay(1), gr.geo(), gr.lay(0), target, ptr(in));
            if (!direct) deviceCopy(d, out.dtype(), ptr(out), out.strides(), out.offset(), acc, temp.ptr(), temp.strides(), 0, out.shape());
        } finally {
            if (temp != null) temp.close();
        }
    }

    @Override
    public void reduceWithIndex(ReduceOp op, Strided values, Strided indices, Strided in, int dim) {
        if (indices.numel() == 0) return;
        CudaDevice d = dev(in);
        boolean[] along = new boolean[in.rank()];
        along[dim] = true;
        long[] zero = new long[in.rank()];
        Geometry go = Geometry.of(pick(in.shape(), along, false),
                new long[][] {pick(values == null ? zero : values.strides(), along, false), pick(indices.strides(), along, false),
                        pick(in.strides(), along, false)},
                new long[] {values == null ? 0 : values.offset(), indices.offset(), in.offset()});
        long n = in.shape()[dim];
        int threads = pow2AtLeast(n, 32, 256);
        d.launchGrid("argreduce_" + sfx(in.dtype()), blocksFor(go.numel()), 1, 1, threads, threads * 16,
                op == ReduceOp.MAX ? 1 : 0, go.geo(), go.lay(0), go.lay(1), go.lay(2), n, in.strides()[dim],
                values == null ? new Ptr(0) : ptr(values), ptr(indices), ptr(in));
    }

    @Override
    public void scan(ScanOp op, Strided out, Strided in, int dim) {
        if (out.numel() == 0) return;
        CudaDevice d = dev(in);
        DType acc = CudaDType.accumulator(in.dtype());
        boolean direct = out.dtype() == acc;
        Temp temp = direct ? null : Temp.of(d, acc, in.shape());
        try {
            long[] ts = direct ? out.strides() : temp.strides();
            boolean[] along = new boolean[in.rank()];
            along[dim] = true;
            Geometry go = Geometry.of(pick(in.shape(), along, false), new long[][] {pick(ts, along, false), pick(in.strides(), along, false)},
                    new long[] {direct ? out.offset() : 0, in.offset()});
            Ptr target = direct ? ptr(out) : temp.ptr();
            long n = in.shape()[dim];
            // a thread per line, sequential along it; lines from SCAN_BLOCK_MIN on take a block each
            go.forEachSlice(g -> {
                if (n >= SCAN_BLOCK_MIN) {
                    d.launchGrid("scan_lines_" + sfx(in.dtype()), blocksFor(g.numel()), 1, 1, 256, 0, op.ordinal(), g.geo(), g.lay(0),
                            g.lay(1), n, ts[dim], in.strides()[dim], target, ptr(in));
                } else {
                    d.launch("scan_" + sfx(in.dtype()), g.numel(), op.ordinal(), g.geo(), g.lay(0), g.lay(1), n, ts[dim],
                            in.strides()[dim], target, ptr(in));
                }
            });
            if (!direct) deviceCopy(d, out.dtype(), ptr(out), out.strides(), out.offset(), acc, temp.ptr(), temp.strides(), 0, out.shape());
        } finally {
            if (temp != null) temp.close();
        }
    }

    @Override
    public void sort(Strided values, Strided indices, Strided in, int dim, boolean descending, boolean stable) {
        // ties keep their order in both paths, so every sort here is stable
        sortLines(values, indices, in, dim, (int) in.shape()[dim], descending);
    }

    @Override
    public void topk(Strided values, Strided indices, Strided in, int dim, int k, boolean largest, boolean sorted) {
        sortLines(values, indices, in, dim, k, largest);
    }

    /** The first {@code k} entries of every line along {@code dim}, sorted. */
    private void sortLines(Strided values, Strided indices, Strided in, int dim, int k, boolean descending) {
        if (in.numel() == 0 || k == 0) return;
        long n = in.shape()[dim];
        if (n > SORT_MAX) {
            LongLineSort.run(this, dev(in), values, indices, in, dim, k, descending);
            return;
        }
        CudaDevice d = dev(in);
        boolean[] along = new boolean[in.rank()];
        along[dim] = true;
        Geometry go = Geometry.of(pick(in.shape(), along, false),
                new long[][] {pick(in.strides(), along, false), pick(values.strides(), along, false), pick(indices.strides(), along, false)},
                new long[] {in.offset(), values.offset(), indices.offset()});
        int pow2 = pow2AtLeast(n, 1, SORT_MAX);
        int threads = Math.min(1024, Math.max(32, pow2 / 2));
        d.launchGrid("sort_" + sfx(in.dtype()), blocksFor(go.numel()), 1, 1, threads, pow2 * 12, go.geo(), go.lay(0), go.lay(1), go.lay(2),
                n, in.strides()[dim], values.strides()[dim], indices.strides()[dim], k, pow2, descending ? 1 : 0,
                ptr(values), ptr(indices), ptr(in));
    }

    // ---- indexing -------------------------------------------------------------------------------

    private static Geometry exact(long[] shape, Strided... operands) {
        long[][] st = new long[operands.length][];
        long[] off = new long[operands.length];
        for (int k = 0; k < operands.length; k++) {
            st[k] = operands[k].strides();
            off[k] = operands[k].offset();
        }
        return Geometry.exact(shape, st, off);
    }

    @Override
    public void gather(Strided out, Strided in0, int dim, Strided index0) {
        if (index0.numel() == 0) return;
        CudaDevice d = dev(out);
        try (Inputs inputs = new Inputs(d)) {
            Strided in = inputs.of(in0), index = inputs.of(index0);
            Geometry g = exact(index.shape(), out, in, index);
            d.launch("gather_" + sfx(in.dtype()), g.numel(), g.geo(), g.lay(0), g.lay(1), g.lay(2), dim, ptr(out), ptr(in), ptr(index),
                    in.shape()[dim], d.kernelErrors.record());
        }
    }

    @Override
    public void scatter(Strided self, int dim, Strided index0, Strided src0, ScatterReduce reduce) {
        if (index0.numel() == 0) return;
        CudaDevice d = dev(self);
        try (Inputs inputs = new Inputs(d)) {
            Strided index = inputs.of(index0), src = inputs.of(src0);
            Geometry g = exact(index.shape(), self, index, src);
            d.launch("scatter_" + sfx(self.dtype()), g.numel(), reduce.ordinal(), g.geo(), g.lay(0), g.lay(1), g.lay(2), dim,
                    ptr(self), ptr(index), ptr(src), self.shape()[dim], d.kernelErrors.record());
        }
    }

    /**
     * The {@code Idx} struct of {@code index.cu}: count, addresses and layouts of the index tensors, and the size of the
     * indexed tensor along each one's dim (from {@code firstDim}), against which the kernel checks them.
     */
    private static long[] indexStruct(Strided[] indices, Strided indexed, int firstDim) {
        int max = Geometry.MAX_DIMS;
        if (indices.length > max) throw new IllegalArgumentException("CUDA indexing takes at most " + max + " index tensors, got " + indices.length);
        long[] s = new long[1 + max + max * (1 + max) + max];
        s[0] = indices.length;
        for (int j = 0; j < indices.length; j++) {
            s[1 + j] = cuda(indices[j]).address();
            long[] lay = Geometry.lay(indices[j].offset(), indices[j].strides());
            System.arraycopy(lay, 0, s, 1 + max + j * (1 + max), lay.length);
            s[1 + max + max * (1 + max) + j] = indexed.shape()[firstDim + j];
        }
        return s;
    }

    @Override
    public void index(Strided out, Strided in0, int firstDim, Strided[] indices0) {
        if (out.numel() == 0) return;
        CudaDevice d = dev(out);
        try (Inputs inputs = new Inputs(d)) {
            Strided in = inputs.of(in0);
            Strided[] indices = new Strided[indices0.length];
            for (int j = 0; j < indices.length; j++) indices[j] = inputs.of(indices0[j]);
            Geometry g = exact(out.shape(), out);
            d.launch("index_" + sfx(in.dtype()), g.numel(), g.geo(), g.lay(0), Geometry.lay(in.offset(), in.strides()), firstDim,
                    indices[0].rank(), indexStruct(indices, in, firstDim), ptr(out), ptr(in), d.kernelErrors.record());
        }
    }

    @Override
    public void indexPut(Strided self, int firstDim, Strided[] indices0, Strided values0, boolean accumulate) {
        if (values0.numel() == 0) return;
        CudaDevice d = dev(self);
        try (Inputs inputs = new Inputs(d)) {
            Strided values = inputs.of(values0);
            Strided[] indices = new Strided[indices0.length];
            for (int j = 0; j < indices.length; j++) indices[j] = inputs.of(indices0[j]);
            Geometry g = exact(values.shape(), values);
            d.launch("index_put_" + sfx(self.dtype()), g.numel(), g.geo(), g.lay(0), Geometry.lay(self.offset(), self.strides()),
                    firstDim, indices[0].rank(), indexStruct(indices, self, firstDim), accumulate ? 1 : 0, ptr(self), ptr(values),
                    d.kernelErrors.record());
        }
    }

    @Override
    public long countNonzero(Strided in) {
        if (in.numel() == 0) return 0;
        CudaDevice d = dev(in);
        d.kernelErrors.raise();
        try (Temp count = Temp.of(d, DType.INT64, new long[] {1})) {
            d.makeCurrent();
            Driver.check(cuMemsetD8Async(d.pointer(count.block().address()), (byte) 0, 8, d.stream()), "cuMemsetD8Async");
            Ptr p = ptr(in);
            Geometry.of(in.shape(), in).forEachSlice(g -> d.launch("count_nonzero_" + sfx(in.dtype()), g.numel(), g.geo(), g.lay(0), p, count.ptr()));
            long[] result = new long[1];
            Driver.check(cuMemcpyDtoH(Pointer.to(result), d.pointer(count.block().address()), 8), "cuMemcpyDtoH (a kernel queued before may have failed)");
            return result[0];
        }
    }

    /**
     * The non-zero elements' coordinates in row-major order: the input as a contiguous bool mask, the mask's
     * inclusive count (a scan) giving each non-zero element its row, and index_nonzero writing its coordinates.
     * Inputs of more than 8 dims take the host's walk.
     */
    @Override
    public void nonzero(Strided out, Strided in) {
        long n = in.numel();
        if (out.numel() == 0) return;  // no non-zero element, or a 0-dim input (rows of no coordinates)
        if (in.rank() > Geometry.MAX_DIMS) {
            hostNonzero(out, in);
            return;
        }
        CudaDevice d = dev(in);
        CudaStorage mask = new CudaStorage(d, DType.BOOL, n), counts = new CudaStorage(d, DType.INT64, n);
        try {
            copy(new Strided(mask, in.shape(), contiguousStrides(in.shape()), 0), in);
            Strided flatMask = new Strided(mask, new long[] {n}, new long[] {1}, 0), flatCounts = new Strided(counts, new long[] {n}, new long[] {1}, 0);
            scan(ScanOp.CUMSUM, flatCounts, flatMask, 0);
            d.launch("index_nonzero", n, Geometry.geo(in.shape()), out.strides()[0], out.strides()[1], ptr(out), ptr(flatCounts),
                    ptr(flatMask));
        } finally {
            // stream order keeps both until the kernels queued above have read them
            mask.release();
            counts.release();
        }
    }

    /** nonzero by a row-major walk on the host over the mask copied back (inputs of more dims than the kernels take). */
    private void hostNonzero(Strided out, Strided in) {
        long n = in.numel();
        int rank = in.rank();
        HostStorage mask = HostStorage.allocate(DType.BOOL, n);
        copy(new Strided(mask, in.shape(), contiguousStrides(in.shape()), 0), in);
        byte[] m = mask.bytes();
        long rows = out.shape()[0];
        long[] coords = new long[Math.toIntExact(rows * rank)];
        long[] idx = new long[rank];
        int row = 0;
        for (int i = 0; i < n && row < rows; i++) {
            if (m[i] != 0) {
                System.arraycopy(idx, 0, coords, row * rank, rank);
                row++;
            }
            for (int dd = rank - 1; dd >= 0; dd--) {
                if (++idx[dd] < in.shape()[dd]) break;
                idx[dd] = 0;
            }
        }
        if (rows > 0 && rank > 0) {
            copy(out, new Strided(HostStorage.wrap(DType.INT64, coords), out.shape(), contiguousStrides(out.shape()), 0));
        }
    }

    // ---- linear algebra -------------------------------------------------------------------------

    @Override
    public void matmul(Strided out, Strided a, Strided b, double alpha, double beta) {
        gemm(out, a, b, alpha, beta, allowTf32);
    }

    /** {@link #matmul}, where float32 operands may use TF32 tensor cores when {@code tf32}. */
    void gemm(Strided out, Strided a, Strided b, double alpha, double beta, boolean tf32) {
        if (out.numel() == 0) return;
        if (out.dtype() == DType.BOOL) throw new IllegalArgumentException("\"addmm_cuda\" not implemented for 'Bool'");
        CudaDevice d = dev(out);
        // -Dtorch4j.cuda.cublas=false, read per call, runs the backend's own kernels (tests compare both paths)
        Cublas cb = "false".equals(System.getProperty("torch4j.cuda.cublas")) ? null : d.cublas();
        if (cb != null && cb.gemm(d, out, a, b, alpha, beta, tf32)) return;
        long batch = out.shape()[0], m = out.shape()[1], n = out.shape()[2], k = a.shape()[2];
        String kernel = ownGemmKernel(out.dtype(), tf32);
        int tile = kernel.startsWith("gemm_tc_") ? 128 : 64;
        if (m > 65535L * tile) throw new IllegalArgumentException("CUDA GEMM kernel: at most " + 65535L * tile + " rows, got " + m);
        int gx = (int) ((n + tile - 1) / tile), gy = (int) ((m + tile - 1) / tile), gz = (int) Math.min(batch, 65535);
        d.launchGrid(kernel, gx, gy, gz, 256, 0, m, n, k, batch, mat(a), mat(b), mat(out), alpha, beta, ptr(out), ptr(a), ptr(b));
    }

    /**
     * The backend's own GEMM for a dtype: tensor cores (wmma) for float16 and bfloat16, and for float32
     * when {@code tf32}; CUDA cores otherwise, or everywhere with {@code -Dtorch4j.cuda.tensorCores=false}.
     */
    private static String ownGemmKernel(DType t, boolean tf32) {
        if (!"false".equals(System.getProperty("torch4j.cuda.tensorCores"))) {
            if (t == DType.FLOAT16) return "gemm_tc_f16";
            if (t == DType.BFLOAT16) return "gemm_tc_bf16";
            if (t == DType.FLOAT32 && tf32) return "gemm_tc_tf32";
        }
        return "gemm_" + sfx(t);
    }

    /** The {@code Mat} struct of {@code gemm.cu}: offset, batch, row and column strides. */
    private static long[] mat(Strided s) {
        return new long[] {s.offset(), s.strides()[0], s.strides()[1], s.strides()[2]};
    }

    // ---- optional fused kernels (FusedOps: fused.cu) ----------------------------------------------

    @Override
    public boolean softmax(Strided out, Strided in, boolean log) {
        return FusedOps.softmax(out, in, log);
    }

    @Override
    public boolean softmaxBackward(Strided gradIn, Strided grad, Strided out, boolean log) {
        return FusedOps.softmaxBackward(gradIn, grad, out, log);
    }

    @Override
    public boolean thresholdBackward(Strided out, Strided grad, Strided input, double threshold) {
        return FusedOps.thresholdBackward(out, grad, input, threshold);
    }

    @Override
    public boolean geluBackward(Strided gradIn, Strided grad, Strided input) {
        return FusedOps.geluBackward(gradIn, grad, input);
    }

    @Override
    public boolean layerNorm(Strided out, Strided mean, Strided rstd, Strided in, Strided weight, Strided bias, double eps) {
        return FusedOps.layerNorm(out, mean, rstd, in, weight, bias, eps);
    }

    @Override
    public boolean layerNormBackward(Strided gradIn, Strided gradWeight, Strided gradBias, Strided grad, Strided in, Strided mean,
                                     Strided rstd, Strided weight) {
        return FusedOps.layerNormBackward(gradIn, gradWeight, gradBias, grad, in, mean, rstd, weight);
    }

    @Override
    public boolean groupNorm(Strided out, Strided mean, Strided rstd, Strided in, Strided weight, Strided bias, long groups, double eps) {
        return FusedOps.groupNorm(out, mean, rstd, in, weight, bias, groups, eps);
    }

    @Override
    public boolean groupNormBackward(Strided gradIn, Strided gradWeight, Strided gradBias, Strided grad, Strided in, Strided mean,
                                     Strided rstd, Strided weight, long groups) {
        return FusedOps.groupNormBackward(gradIn, gradWeight, gradBias, grad, in, mean, rstd, weight, groups);
    }

    @Override
    public boolean batchNorm(Strided out, Strided mean, Strided var, Strided in, Strided weight, Strided bias, double eps) {
        return FusedOps.batchNorm(out, mean, var, in, weight, bias, eps);
    }

    @Override
    public boolean attention(Strided out, Strided lse, Strided q, Strided k, Strided v, Strided mask, double scale, boolean causal) {
        return FusedOps.attention(out, lse, q, k, v, mask, scale, causal);
    }

    @Override
    public boolean attentionBackward(Strided gradQ, Strided gradK, Strided gradV, Strided grad, Strided q, Strided k, Strided v,
                                     Strided out, Strided lse, Strided mask, double scale, boolean causal) {
        return FusedOps.attentionBackward(gradQ, gradK, gradV, grad, q, k, v, out, lse, mask, scale, causal);
    }

    @Override
    public boolean gridSample(Strided input, Strided grid, Strided out, String mode, String paddingMode, boolean alignCorners) {
        return GridSampleOps.sample(input, grid, out, mode, paddingMode, alignCorners);
    }

    @Override
    public boolean gridSampleBackward(Strided gradOut, Strided input, Strided grid, Strided gradInput, Strided gradGrid, String mode,
                                      String paddingMode, boolean alignCorners) {
        return GridSampleOps.backward(gradOut, input, grid, gradInput, gradGrid, mode, paddingMode, alignCorners);
    }

    @Override
    public boolean sparseRowsProduct(Strided rows, Strided cols, Strided values, Strided dense, Strided out) {
        return SparseOps.rowsProduct(rows, cols, values, dense, out);
    }

    @Override
    public boolean sampledDot(Strided rows, Strided cols, Strided a, Strided b, Strided out) {
        return SparseOps.sampledDot(rows, cols, a, b, out);
    }

    @Override
    public boolean recurrentCell(String mode, Strided... operands) {
        return RecurrentOps.run(mode, operands);
    }

    @Override
    public boolean complexMul(Strided out, Strided a, Strided b, boolean divide) {
        return ComplexKernels.mul(out, a, b, divide);
    }

    @Override
    public boolean complexAbs(Strided out, Strided in) {
        return ComplexKernels.abs(out, in);
    }

    @Override
    public boolean fftC2C(Strided in, Strided out, boolean inverse) {
        return CudaFft.c2c(in, out, inverse);
    }

    @Override
    public boolean fftR2C(Strided in, Strided out) {
        return CudaFft.r2c(this, in, out);
    }

    @Override
    public boolean fftC2R(Strided in, Strided out) {
        return CudaFft.c2r(this, in, out);
    }

    @Override
    public boolean batchNormBackward(Strided gradIn, Strided gradWeight, Strided gradBias, Strided grad, Strided in, Strided mean,
                                     Strided invstd, Strided weight) {
        return FusedOps.batchNormBackward(gradIn, gradWeight, gradBias, grad, in, mean, invstd, weight);
    }

    @Override
    public boolean im2col(Strided input, Strided cols, long[] kernel, long[] stride, long[] padding, long[] dilation, long[] outSize) {
        return FusedOps.im2col(input, cols, kernel, stride, padding, dilation, outSize);
    }

    @Override
    public boolean col2im(Strided cols, Strided image, long[] kernel, long[] stride, long[] padding, long[] dilation, long[] outSize) {
        return FusedOps.col2im(cols, image, kernel, stride, padding, dilation, outSize);
    }

    @Override
    public boolean maxPool(Strided input, Strided values, Strided indices, long[] kernel, long[] stride, long[] padding,
                           long[] dilation, long[] outSize) {
        return FusedOps.maxPool(input, values, indices, kernel, stride, padding, dilation, outSize);
    }

    @Override
    public boolean conv2d(Strided input, Strided weight, Strided bias, Strided out, long[] stride, long[] padding, long[] dilation) {
        return FusedOps.conv2d(this, input, weight, bias, out, stride, padding, dilation);
    }

    @Override
    public boolean conv2dWeightGrad(Strided gradOut, Strided input, Strided gradWeight, long[] stride, long[] padding, long[] dilation) {
        return FusedOps.conv2dWeightGrad(this, gradOut, input, gradWeight, stride, padding, dilation);
    }

    @Override
    public boolean conv2dInputGrad(Strided gradOut, Strided weight, Strided gradInput, long[] stride, long[] padding, long[] dilation) {
        return FusedOps.conv2dInputGrad(this, gradOut, weight, gradInput, stride, padding, dilation);
    }

    // ---- runtime --------------------------------------------------------------------------------

    @Override
    public int deviceCount() {
        return CudaProbe.deviceCount();
    }

    @Override
    public void synchronize(int device) {
        device(device).synchronize();
    }

    private CudaDevice openedOrNull(int device) {
        synchronized (devices) {
            int i = Math.max(device, 0);
            return i < devices.length ? devices[i] : null;
        }
    }

    @Override
    public long memoryAllocated(int device) {
        CudaDevice d = openedOrNull(device);
        return d == null ? 0 : d.allocator.allocatedBytes();
    }

    @Override
    public long maxMemoryAllocated(int device) {
        CudaDevice d = openedOrNull(device);
        return d == null ? 0 : d.allocator.maxAllocatedBytes();
    }

    @Override
    public long memoryReserved(int device) {
        CudaDevice d = openedOrNull(device);
        return d == null ? 0 : d.allocator.reservedBytes();
    }

    @Override
    public void resetPeakMemoryStats(int device) {
        CudaDevice d = openedOrNull(device);
        if (d != null) d.allocator.resetPeaks();
    }

    @Override
    public void emptyCache() {
        for (CudaDevice d : opened()) {
            d.synchronize();
            d.allocator.emptyCache();
        }
    }

    @Override
    public void setAllowTf32(boolean allow) {
        allowTf32 = allow;
    }

    @Override
    public boolean allowTf32() {
        return allowTf32;
    }

    @Override
    public void setAllowConvTf32(boolean allow) {
        allowConvTf32 = allow;
    }

    @Override
    public boolean allowConvTf32() {
        return allowConvTf32;
    }
}
