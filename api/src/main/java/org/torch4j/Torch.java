package org.torch4j;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import org.torch4j.spi.Backend;
import org.torch4j.spi.BackendRegistry;
import org.torch4j.spi.HostStorage;

/**
 * Static entry points, as the {@code torch} module: tensor factories, functional forms of ops,
 * autograd modes, scopes and global settings.
 *
 * <pre>{@code
 * Torch.manualSeed(0);
 * Tensor x = Torch.randn(64, 784);                 // the same numbers as torch.randn after manual_seed(0)
 * try (var scope = Torch.scope()) { ... }           // releases what the block created and did not keep
 * try (var g = Torch.noGrad()) { ... }              // no graph is recorded inside
 * }</pre>
 */
public final class Torch {
    private Torch() {}

    /** A scope that restores a setting when closed (grad modes, anomaly detection, autocast). */
    @FunctionalInterface
    public interface Mode extends AutoCloseable {
        @Override
        void close();
    }

    private static volatile DType defaultDtype = DType.FLOAT32;
    private static volatile Device defaultDevice = Device.CPU;

    // ---- settings --------------------------------------------------------------------------------

    /** The dtype of floating tensors created without one (float32 unless changed). */
    public static DType getDefaultDtype() {
        return defaultDtype;
    }

    /** Sets the default floating dtype (float32 or float64, as PyTorch allows). */
    public static void setDefaultDtype(DType dtype) {
        if (!dtype.isFloatingPoint()) {
            throw new IllegalArgumentException("only floating-point types are supported as the default type");
        }
        defaultDtype = dtype;
    }

    /** The device factories use when none is given (the CPU unless changed). */
    public static Device getDefaultDevice() {
        return defaultDevice;
    }

    /** Sets the device factories use when none is given ({@code torch.set_default_device}). */
    public static void setDefaultDevice(Device device) {
        defaultDevice = device;
    }

    /** Seeds the default CPU generator ({@code torch.manual_seed}); returns it. */
    public static Generator manualSeed(long seed) {
        return defaultGenerator().manualSeed(seed);
    }

    /** The default CPU generator. */
    public static Generator defaultGenerator() {
        return Generators.DEFAULT;
    }

    private static final class Generators {
        static final Generator DEFAULT = new Generator();
    }

    /** The number of threads CPU ops use. */
    public static int getNumThreads() {
        return numThreads;
    }

    private static volatile int numThreads = Runtime.getRuntime().availableProcessors();

    /** Sets the number of threads CPU ops use ({@code torch.set_num_threads}). */
    public static void setNumThreads(int threads) {
        if (threads < 1) throw new IllegalArgumentException("Number of threads must be positive, got " + threads);
        numThreads = threads;
        for (BackendRegistry.Entry e : BackendRegistry.all()) e.backend().setNumThreads(threads);
    }

    /** A device by name: {@code "cpu"}, {@code "cuda"}, {@code "cuda:1"}; fails when no backend serves it. */
    public static Device device(String spec) {
        Device d = Device.of(spec);
        Backend b = BackendRegistry.find(d.type());
        if (b == null) throw new IllegalStateException(BackendRegistry.missingMessage(d.type()));
        return d;
    }

    // ---- scopes and modes ------------------------------------------------------------------------

    /** Opens a scope: tensors created inside and not kept are closed when it closes. */
    public static Scope scope() {
        return Scope.open();
    }

    /** Disables gradient recording on this thread until closed ({@code torch.no_grad()}). */
    public static Mode noGrad() {
        return GradMode.set(false, GradMode.isInference());
    }

    /** Enables gradient recording on this thread until closed ({@code torch.enable_grad()}). */
    public static Mode enableGrad() {
        return GradMode.set(true, GradMode.isInference());
    }

    /** Sets gradient recording on this thread until closed ({@code torch.set_grad_enabled}). */
    public static Mode setGradEnabled(boolean enabled) {
        return GradMode.set(enabled, GradMode.isInference());
    }

    /** Inference mode: no recording, and the tensors made inside may never join a graph. */
    public static Mode inferenceMode() {
        return GradMode.set(false, true);
    }

    /**
     * {@code torch.autocast(device_type, dtype)}: until closed, this thread's lower-precision ops on
     * {@code deviceType} ({@code "cpu"}, {@code "cuda"}) run in {@code dtype}; see {@link org.torch4j.amp.Autocast}.
     */
    public static Mode autocast(String deviceType, DType dtype) {
        return org.torch4j.amp.Autocast.enter(Device.of(deviceType).type(), dtype, true);
    }

    /** {@code torch.autocast(device_type)}: bfloat16 on the CPU, float16 on CUDA, as PyTorch. */
    public static Mode autocast(String deviceType) {
        String type = Device.of(deviceType).type();
        return org.torch4j.amp.Autocast.enter(type, org.torch4j.amp.Autocast.defaultDtype(type), true);
    }

    /** {@code torch.autocast(device_type, dtype, enabled)}: {@code enabled == false} turns autocast off inside. */
    public static Mode autocast(String deviceType, DType dtype, boolean enabled) {
        return org.torch4j.amp.Autocast.enter(Device.of(deviceType).type(), dtype, enabled);
    }

    /**
     * Whether operations record gradients on this thread ({@code torch.is_grad_enabled}); false inside {@link
     * #noGrad()} and inference mode.
     */
    public static boolean isGradEnabled() {
        return GradMode.isEnabled();
    }

    /** Whether inference mode is on for this thread ({@code torch.is_inference_mode_enabled}). */
    public static boolean isInferenceModeEnabled() {
        return GradMode.isInference();
    }

    // ---- factories -------------------------------------------------------------------------------

    /** A float32 tensor of {@code shape} holding {@code data} in row-major order (copied). */
    public static Tensor tensor(float[] data, long... shape) {
        return fromArray(DType.FLOAT32, data.clone(), data.length, shape);
    }

    /**
     * A float64 tensor of {@code shape} holding {@code data} in row-major order (copied); no shape gives a
     * 1-d tensor, and one size may be -1.
     *
     * @throws IllegalArgumentException if the shape does not hold {@code data.length} elements
     */
    public static Tensor tensor(double[] data, long... shape) {
        return fromArray(DType.FLOAT64, data.clone(), data.length, shape);
    }

    /**
     * An int64 tensor of {@code shape} holding {@code data} in row-major order (copied); no shape gives a 1-d
     * tensor, and one size may be -1.
     *
     * @throws IllegalArgumentException if the shape does not hold {@code data.length} elements
     */
    public static Tensor tensor(long[] data, long... shape) {
        return fromArray(DType.INT64, data.clone(), data.length, shape);
    }

    /**
     * An int32 tensor of {@code shape} holding {@code data} in row-major order (copied); no shape gives a 1-d
     * tensor, and one size may be -1.
     *
     * @throws IllegalArgumentException if the shape does not hold {@code data.length} elements
     */
    public static Tensor tensor(int[] data, long... shape) {
        return fromArray(DType.INT32, data.clone(), data.length, shape);
    }

    /**
     * A bool tensor of {@code shape} holding {@code data} in row-major order (copied); no shape gives a 1-d
     * tensor, and one size may be -1.
     *
     * @throws IllegalArgumentException if the shape does not hold {@code data.length} elements
     */
    public static Tensor tensor(boolean[] data, long... shape) {
        byte[] b = new byte[data.length];
        for (int i = 0; i < data.length; i++) b[i] = (byte) (data[i] ? 1 : 0);
        return fromArray(DType.BOOL, b, data.length, shape);
    }

    /** A tensor of {@code dtype} from a flat array of any numeric Java type (converted). */
    public static Tensor tensor(Object flatArray, DType dtype, long... shape) {
        Tensor t = fromArray(nativeDtype(flatArray), copyArray(flatArray), Array.getLength(flatArray), shape);
        return t.to(dtype);
    }

    /**
     * A tensor from nested Java arrays ({@code new float[][]{{1, 2}, {3, 4}}}); the shape follows the
     * nesting, the dtype the element type (float, double, long, int, boolean). A single boxed number or
     * boolean gives a 0-dim tensor, as {@code torch.tensor(2.5)}: float32 (the default dtype) for a Double
     * or Float, int64 for other numbers, bool for a Boolean.
     */
    public static Tensor tensor(Object nested) {
        if (nested instanceof Number n) {
            return n instanceof Double || n instanceof Float ? scalarTensor(n.doubleValue()) : scalarTensor(n.longValue());
        }
        if (nested instanceof Boolean b) return tensor(new boolean[] {b}).reshape(new long[0]); // 0-dim, as torch.tensor(True)
        List<Long> shape = new ArrayList<>();
        Object level = nested;
        while (level != null && level.getClass().isArray() && level.getClass().getComponentType().isArray()) {
            shape.add((long) Array.getLength(level));
            level = Array.getLength(level) > 0 ? Array.get(level, 0) : null;
        }
        if (level == null || !level.getClass().isArray()) {
            throw new IllegalArgumentException("tensor(): expected a (nested) Java array of numbers");
        }
        shape.add((long) Array.getLength(level));
        long[] s = shape.stream().mapToLong(Long::longValue).toArray();
        Class<?> leaf = level.getClass().getComponentType();
        int n = (int) Shapes.numel(s);
        Object flat = Array.newInstance(leaf, n);
        int[] pos = {0};
        flatten(nested, s, 0, flat, pos);
        if (leaf == boolean.class) return tensor((boolean[]) flat, s);
        return fromArray(nativeDtype(flat), flat, n, s);
    }

    private static void flatten(Object level, long[] shape, int dim, Object flat, int[] pos) {
        int len = Array.getLength(level);
        if (len != shape[dim]) {
            throw new IllegalArgumentException("expected sequence of length " + shape[dim] + " at dim " + dim + " (got " + len + ")");
        }
        if (dim == shape.length - 1) {
            System.arraycopy(level, 0, flat, pos[0], len);
            pos[0] += len;
        } else {
            for (int i = 0; i < len; i++) flatten(Array.get(level, i), shape, dim + 1, flat, pos);
        }
    }

    private static DType nativeDtype(Object array) {
        return switch (array) {
            case float[] a -> DType.FLOAT32;
            case double[] a -> DType.FLOAT64;
            case long[] a -> DType.INT64;
            case int[] a -> DType.INT32;
            case short[] a -> DType.INT16;
            case byte[] a -> DType.INT8;
            default -> throw new IllegalArgumentException("unsupported array type " + array.getClass().getSimpleName());
        };
    }

    private static Object copyArray(Object a) {
        int n = Array.getLength(a);
        Object c = Array.newInstance(a.getClass().getComponentType(), n);
        System.arraycopy(a, 0, c, 0, n);
        return c;
    }

    private static Tensor fromArray(DType dtype, Object array, int length, long[] shape) {
        long[] s = shape.length == 0 ? new long[] {length} : Shapes.inferSize(shape, length);
        if (Shapes.numel(s) != length) {
            throw new IllegalArgumentException("shape '" + Shapes.str(shape) + "' is invalid for input of size " + length);
        }
        return new Tensor(HostStorage.wrap(dtype, array), s, Shapes.contiguousStrides(s), 0);
    }

    /** A 0-dim float tensor (the default dtype). */
    public static Tensor scalarTensor(double value) {
        return full(Shapes.SCALAR, value, getDefaultDtype(), Device.CPU);
    }

    /** A 0-dim int64 tensor. */
    public static Tensor scalarTensor(long value) {
        return full(Shapes.SCALAR, value, DType.INT64, Device.CPU);
    }

    /** {@code torch.sparse_coo_tensor(indices, values)}: see {@link org.torch4j.sparse.Sparse#cooTensor(Tensor, Tensor)}. */
    public static org.torch4j.sparse.SparseCooTensor sparseCooTensor(Tensor indices, Tensor values) {
        return org.torch4j.sparse.Sparse.cooTensor(indices, values);
    }

    /** {@code torch.sparse_coo_tensor(indices, values, size)}: see {@link org.torch4j.sparse.Sparse#cooTensor(Tensor, Tensor, long...)}. */
    public static org.torch4j.sparse.SparseCooTensor sparseCooTensor(Tensor indices, Tensor values, long... size) {
        return org.torch4j.sparse.Sparse.cooTensor(indices, values, size);
    }

    /** {@code torch.sparse_csr_tensor(crow_indices, col_indices, values)}: see {@link org.torch4j.sparse.Sparse#csrTensor(Tensor, Tensor, Tensor)}. */
    public static org.torch4j.sparse.SparseCsrTensor sparseCsrTensor(Tensor crowIndices, Tensor colIndices, Tensor values) {
        return org.torch4j.sparse.Sparse.csrTensor(crowIndices, colIndices, values);
    }

    /** {@code torch.sparse_csr_tensor(crow_indices, col_indices, values, size)}: see {@link org.torch4j.sparse.Sparse#csrTensor(Tensor, Tensor, Tensor, long...)}. */
    public static org.torch4j.sparse.SparseCsrTensor sparseCsrTensor(Tensor crowIndices, Tensor colIndices, Tensor values, long... size) {
        return org.torch4j.sparse.Sparse.csrTensor(crowIndices, colIndices, values, size);
    }

    /** A tensor of zeros of the default dtype on the default device ({@code torch.zeros}). */
    public static Tensor zeros(long... shape) {
        return zeros(shape, getDefaultDtype(), defaultDevice);
    }

    /** A tensor of zeros of {@code dtype} on the default device. */
    public static Tensor zeros(long[] shape, DType dtype) {
        return zeros(shape, dtype, defaultDevice);
    }

    /** A tensor of zeros of {@code dtype} on {@code device}. */
    public static Tensor zeros(long[] shape, DType dtype, Device device) {
        return Dispatch.zeros(shape, dtype, device);
    }

    /** A tensor of ones of the default dtype on the default device ({@code torch.ones}). */
    public static Tensor ones(long... shape) {
        return ones(shape, getDefaultDtype(), defaultDevice);
    }

    /** A tensor of ones of {@code dtype} on the default device. */
    public static Tensor ones(long[] shape, DType dtype) {
        return ones(shape, dtype, defaultDevice);
    }

    /** A tensor of ones of {@code dtype} on {@code device}. */
    public static Tensor ones(long[] shape, DType dtype, Device device) {
        return full(shape, 1L, dtype, device);
    }

    /** Uninitialised in PyTorch; zero-filled here (Java memory always is). */
    public static Tensor empty(long... shape) {
        return zeros(shape);
    }

    /** {@code torch.empty(shape, dtype=dtype)}: zero-filled here, see {@link #empty(long...)}. */
    public static Tensor empty(long[] shape, DType dtype) {
        return zeros(shape, dtype, defaultDevice);
    }

    /**
     * {@code torch.empty(shape, dtype=dtype, device=device)}: zero-filled here, see {@link #empty(long...)}.
     */
    public static Tensor empty(long[] shape, DType dtype, Device device) {
        return zeros(shape, dtype, device);
    }

    /** A tensor filled with {@code value}: float32 for a double, as {@code torch.full}. */
    public static Tensor full(long[] shape, double value) {
        return full(shape, value, getDefaultDtype(), defaultDevice);
    }

    /** A tensor filled with an integer {@code value}: int64, as {@code torch.full} with a Python int. */
    public static Tensor full(long[] shape, long value) {
        return full(shape, value, DType.INT64, defaultDevice);
    }

    /**
     * A tensor of {@code dtype} filled with {@code value} (converted as {@code torch.full} converts), on the
     * default device.
     */
    public static Tensor full(long[] shape, double value, DType dtype) {
        return full(shape, value, dtype, defaultDevice);
    }

    /**
     * A tensor of {@code dtype} on {@code device} filled with {@code value} (converted to the dtype; a
     * complex dtype gets {@code value + 0i}).
     */
    public static Tensor full(long[] shape, double value, DType dtype, Device device) {
        ScalarConversion.check(value, dtype); // as torch.full: a number the dtype cannot hold is an error
        return filled(shape, value, dtype, device);
    }

    /** {@link #full(long[], double, DType, Device)} converting as arithmetic does (scalar operands): no overflow check. */
    static Tensor filled(long[] shape, double value, DType dtype, Device device) {
        boolean fills = !dtype.isComplex() && Double.doubleToRawLongBits(value) != 0; // -0.0 is written too
        Tensor t = fills ? Dispatch.empty(shape, dtype, device) : Dispatch.zeros(shape, dtype, device);
        if (dtype.isComplex()) Complexes.fill(t, value);
        else if (fills) Dispatch.backend(device).fill(t.strided(), value);
        return t;
    }

    /** A tensor of {@code dtype} on {@code device} filled with an integer {@code value}, exact for int64. */
    public static Tensor full(long[] shape, long value, DType dtype, Device device) {
        ScalarConversion.check(value, dtype);
        return filled(shape, value, dtype, device);
    }

    /** {@link #full(long[], long, DType, Device)} without the overflow check (scalar operands wrap, as in arithmetic). */
    static Tensor filled(long[] shape, long value, DType dtype, Device device) {
        boolean fills = !dtype.isComplex() && value != 0;
        Tensor t = fills ? Dispatch.empty(shape, dtype, device) : Dispatch.zeros(shape, dtype, device);
        if (dtype.isComplex()) Complexes.fill(t, value);
        else if (fills) Dispatch.backend(device).fill(t.strided(), value);
        return t;
    }

    /**
     * Zeros with {@code t}'s shape, dtype and device ({@code torch.zeros_like}), laid out as {@code t} where it is
     * dense (a transposed or channels-last input gives a transposed or channels-last result), as PyTorch's
     * default {@link MemoryFormat#PRESERVE}.
     */
    public static Tensor zerosLike(Tensor t) {
        return zerosLike(t, MemoryFormat.PRESERVE);
    }

    /** Zeros with {@code t}'s shape, dtype and device laid out in {@code format} ({@code torch.zeros_like(t, memory_format=...)}). */
    public static Tensor zerosLike(Tensor t, MemoryFormat format) {
        return Dispatch.allocate(t, t.dtype(), t.device(), format, true);
    }

    /** Ones with {@code t}'s shape, dtype and device ({@code torch.ones_like}), laid out as {@link #zerosLike(Tensor)}. */
    public static Tensor onesLike(Tensor t) {
        return onesLike(t, MemoryFormat.PRESERVE);
    }

    /** Ones with {@code t}'s shape, dtype and device laid out in {@code format}. */
    public static Tensor onesLike(Tensor t, MemoryFormat format) {
        return fillLike(t, format, 1L);
    }

    /**
     * {@code torch.empty_like}: zeros with {@code t}'s shape, dtype and device (see {@link #empty(long...)}), laid
     * out as {@link #zerosLike(Tensor)}.
     */
    public static Tensor emptyLike(Tensor t) {
        return zerosLike(t);
    }

    /** {@code torch.empty_like(t, memory_format=...)}: zeros laid out in {@code format}. */
    public static Tensor emptyLike(Tensor t, MemoryFormat format) {
        return zerosLike(t, format);
    }

    /**
     * A tensor with {@code t}'s shape, dtype and device filled with {@code value} ({@code torch.full_like}), laid out
     * as {@link #zerosLike(Tensor)}.
     */
    public static Tensor fullLike(Tensor t, double value) {
        return fillLike(t, MemoryFormat.PRESERVE, value);
    }

    private static Tensor fillLike(Tensor t, MemoryFormat format, Number value) {
        Tensor out = Dispatch.allocate(t, t.dtype(), t.device(), format, false);  // the fill writes every element
        if (t.isComplex()) Complexes.fill(out, value);
        else Dispatch.backend(out.device()).fill(out.strided(), value);
        return out;
    }

    /**
     * {@code torch.empty(shape, dtype=dtype, device=device, memory_format=format)}: zeros (see
     * {@link #empty(long...)}) laid out in {@code format}.
     *
     * @throws IllegalArgumentException for {@link MemoryFormat#PRESERVE}, and for a channels-last format on a shape of
     *     another rank
     */
    public static Tensor empty(long[] shape, DType dtype, Device device, MemoryFormat format) {
        if (format == MemoryFormat.PRESERVE) throw new IllegalArgumentException("unsupported memory format Preserve");
        return Dispatch.allocate(shape, format.strides(shape), dtype, device, true);
    }

    /** 0, 1, ..., end-1 as int64. */
    public static Tensor arange(long end) {
        return arange(0, end, 1);
    }

    /** start, start+step, ... below end, as int64. */
    public static Tensor arange(long start, long end, long step) {
        if (step == 0) throw new IllegalArgumentException("step must be nonzero");
        if ((step > 0 && end < start) || (step < 0 && end > start)) {
            throw new IllegalArgumentException("upper bound and larger bound inconsistent with step sign");
        }
        long n = (end - start + step - (step > 0 ? 1 : -1)) / step;
        long[] v = new long[(int) Math.max(0, n)];
        for (int i = 0; i < v.length; i++) v[i] = start + i * step;
        return fromArray(DType.INT64, v, v.length, new long[] {v.length});
    }

    /** Floating arange (the default dtype): ceil((end - start) / step) values. */
    public static Tensor arange(double start, double end, double step) {
        if (step == 0) throw new IllegalArgumentException("step must be nonzero");
        if ((step > 0 && end < start) || (step < 0 && end > start)) {
            throw new IllegalArgumentException("upper bound and larger bound inconsistent with step sign");
        }
        long n = (long) Math.ceil((end - start) / step);
        double[] v = new double[(int) Math.max(0, n)];
        for (int i = 0; i < v.length; i++) v[i] = start + i * step;
        return fromArray(DType.FLOAT64, v, v.length, new long[] {v.length}).to(getDefaultDtype());
    }

    /** {@code steps} evenly spaced values from start to end inclusive (the default dtype). */
    public static Tensor linspace(double start, double end, long steps) {
        if (steps < 0) throw new IllegalArgumentException("number of steps must be non-negative");
        int n = Math.toIntExact(steps);
        if (getDefaultDtype() == DType.FLOAT32) {
            float[] v = new float[n];
            float s = (float) start, e = (float) end, step = (e - s) / (n - 1);
            int vectorized = n - n % (2 * VECTOR_FLOATS);
            for (int i = 0; i < vectorized; i += VECTOR_FLOATS) {
                float base = linspaceBase(i, n, s, e, step);
                for (int j = 0; j < VECTOR_FLOATS; j++) v[i + j] = base + j * step;
            }
            for (int i = vectorized; i < n; i++) v[i] = n == 1 ? s : linspaceBase(i, n, s, e, step);
            return fromArray(DType.FLOAT32, v, n, new long[] {steps});
        }
        double[] v = new double[n];
        double step = (end - start) / (n - 1);
        int vectorized = n - n % (2 * VECTOR_DOUBLES);
        for (int i = 0; i < vectorized; i += VECTOR_DOUBLES) {
            double base = linspaceBase(i, n, start, end, step);
            for (int j = 0; j < VECTOR_DOUBLES; j++) v[i + j] = base + j * step;
        }
        for (int i = vectorized; i < n; i++) v[i] = n == 1 ? start : linspaceBase(i, n, start, end, step);
        return fromArray(DType.FLOAT64, v, n, new long[] {steps});
    }

    /*
     * linspace reproduces PyTorch's CPU kernel bit for bit: it fills pairs of 8-float (4-double) vectors, each
     * vector from a base fma(step, i, start) in the first half or fma(-step, n - 1 - i, end) in the second, its
     * lanes adding j * step to the base without an fma; the elements after the last whole pair take the fma
     * formula one by one.
     */
    private static final int VECTOR_FLOATS = 8, VECTOR_DOUBLES = 4;

    private static float linspaceBase(int i, int n, float start, float end, float step) {
        return i < n / 2 ? Math.fma(step, (float) i, start) : Math.fma(-step, (float) (n - i - 1), end);
    }

    private static double linspaceBase(int i, int n, double start, double end, double step) {
        return i < n / 2 ? Math.fma(step, i, start) : Math.fma(-step, n - i - 1, end);
    }

    /** The n x n identity (the default dtype). */
    public static Tensor eye(long n) {
        return eye(n, n);
    }

    /**
     * An {@code n x m} matrix of the default dtype with ones on the main diagonal ({@code torch.eye(n, m)}).
     */
    public static Tensor eye(long n, long m) {
        Tensor t = zeros(n, m);
        if (n > 0 && m > 0) t.diagonal().fill_(1.0);
        return t;
    }

    // ---- random ----------------------------------------------------------------------------------

    /** Uniform in [0, 1) from the default generator. */
    public static Tensor rand(long... shape) {
        return RandomOps.uniform(zeros(shape), 0, 1, null);
    }

    /**
     * Uniform values in {@code [0, 1)} of the default dtype, drawn from {@code generator} (the default one
     * when null).
     */
    public static Tensor rand(long[] shape, Generator generator) {
        return RandomOps.uniform(zeros(shape), 0, 1, generator);
    }

    /** Uniform values in {@code [0, 1)} of a floating {@code dtype}, from the default generator. */
    public static Tensor rand(long[] shape, DType dtype) {
        return RandomOps.uniform(zeros(shape, dtype), 0, 1, null);
    }

    /** Standard normal from the default generator. */
    public static Tensor randn(long... shape) {
        return RandomOps.normal(zeros(shape), 0, 1, null);
    }

    /**
     * Standard normal values of the default dtype, drawn from {@code generator} (the default one when null).
     */
    public static Tensor randn(long[] shape, Generator generator) {
        return RandomOps.normal(zeros(shape), 0, 1, generator);
    }

    /** Standard normal values of a floating {@code dtype}, from the default generator. */
    public static Tensor randn(long[] shape, DType dtype) {
        return RandomOps.normal(zeros(shape, dtype), 0, 1, null);
    }

    /** Integers in [low, high) as int64. */
    public static Tensor randint(long low, long high, long... shape) {
        return RandomOps.randomInPlace(zeros(shape, DType.INT64), low, high, null);
    }

    /**
     * Integers uniform in {@code [low, high)} as {@code dtype}, drawn from {@code generator} (the default one
     * when null), as {@code torch.randint(low, high, shape, dtype=dtype, generator=generator)}.
     */
    public static Tensor randint(long low, long high, long[] shape, DType dtype, Generator generator) {
        return RandomOps.randomInPlace(zeros(shape, dtype), low, high, generator);
    }

    /**
     * Uniform values in {@code [0, 1)} with {@code t}'s shape, dtype and device ({@code torch.rand_like});
     * {@code t} must be floating.
     */
    public static Tensor randLike(Tensor t) {
        return RandomOps.uniform(zerosLike(t), 0, 1, null);
    }

    /**
     * Standard normal values with {@code t}'s shape, dtype and device ({@code torch.randn_like}); {@code t}
     * must be floating.
     */
    public static Tensor randnLike(Tensor t) {
        return RandomOps.normal(zerosLike(t), 0, 1, null);
    }

    /** A random permutation of 0..n-1 (int64). */
    public static Tensor randperm(long n) {
        return RandomOps.randperm(n, null);
    }

    /**
     * A random permutation of {@code 0..n-1} (int64) drawn from {@code generator} (the default one when
     * null).
     */
    public static Tensor randperm(long n, Generator generator) {
        return RandomOps.randperm(n, generator);
    }

    /** Draws {@code numSamples} class indices per row of (unnormalised) probabilities. */
    public static Tensor multinomial(Tensor probs, long numSamples, boolean replacement) {
        return RandomOps.multinomial(probs, numSamples, replacement, null);
    }

    /**
     * {@link #multinomial(Tensor, long, boolean)} drawing from {@code generator} (the default one when null).
     */
    public static Tensor multinomial(Tensor probs, long numSamples, boolean replacement, Generator generator) {
        return RandomOps.multinomial(probs, numSamples, replacement, generator);
    }

    /** 1 with probability {@code probs}, elementwise. */
    public static Tensor bernoulli(Tensor probs) {
        return RandomOps.bernoulli(probs, null);
    }

    /** {@link #bernoulli(Tensor)} drawing from {@code generator} (the default one when null). */
    public static Tensor bernoulli(Tensor probs, Generator generator) {
        return RandomOps.bernoulli(probs, generator);
    }

    /** Normal with a scalar mean and std. */
    public static Tensor normal(double mean, double std, long... shape) {
        return RandomOps.normal(zeros(shape), mean, std, null);
    }

    // ---- functional forms ------------------------------------------------------------------------

    /** Concatenates along an existing dimension. */
    public static Tensor cat(List<Tensor> tensors, int dim) {
        return Joins.cat(tensors, dim);
    }

    /** Concatenates along dimension 0 ({@code torch.cat(tensors)}). */
    public static Tensor cat(List<Tensor> tensors) {
        return Joins.cat(tensors, 0);
    }

    /** Stacks along a new dimension. */
    public static Tensor stack(List<Tensor> tensors, int dim) {
        return Joins.stack(tensors, dim);
    }

    /** Stacks along a new dimension 0 ({@code torch.stack(tensors)}); all tensors must have one shape. */
    public static Tensor stack(List<Tensor> tensors) {
        return Joins.stack(tensors, 0);
    }

    /**
     * A complex tensor as a real one with a last dimension of 2 (real, imaginary): a view over the same
     * storage ({@code torch.view_as_real}), differentiable.
     */
    public static Tensor viewAsReal(Tensor complex) {
        return Complexes.viewAsReal(complex);
    }

    /**
     * A float32 or float64 tensor whose last dimension is 2 (real, imaginary), stride 1, seen as a
     * complex64 or complex128 tensor without the last dimension: a view ({@code torch.view_as_complex}),
     * differentiable. Other strides and the storage offset must be even.
     */
    public static Tensor viewAsComplex(Tensor real) {
        return Complexes.viewAsComplex(real);
    }

    /**
     * The complex tensor {@code real + i imag} (a new tensor; both float32 or both float64, broadcast
     * together), as {@code torch.complex}.
     */
    public static Tensor complex(Tensor real, Tensor imag) {
        return Complexes.complex(real, imag);
    }

    /** The complex tensor {@code abs * (cos(angle) + i sin(angle))}, as {@code torch.polar}. */
    public static Tensor polar(Tensor abs, Tensor angle) {
        return Complexes.polar(abs, angle);
    }

    /** Elements of {@code x} where {@code condition}, else of {@code y}. */
    public static Tensor where(Tensor condition, Tensor x, Tensor y) {
        return Pointwise.where(condition, x, y);
    }

    /** The coordinates of true elements, one int64 tensor per dimension ({@code torch.where(cond)}). */
    public static List<Tensor> where(Tensor condition) {
        return condition.nonzero().unbind(1);
    }

    /** {@code torch.polygamma(n, x)}: the n-th derivative of digamma; see {@link Tensor#polygamma(int)}. */
    public static Tensor polygamma(int n, Tensor x) {
        return x.polygamma(n);
    }

    /** {@code a.matmul(b)} ({@code torch.matmul}); see {@link Tensor#matmul(Tensor)}. */
    public static Tensor matmul(Tensor a, Tensor b) {
        return a.matmul(b);
    }

    /** {@code beta * input + alpha * (mat1 @ mat2)}. */
    public static Tensor addmm(Tensor input, Tensor mat1, Tensor mat2, double beta, double alpha) {
        Tensor[] ac = org.torch4j.amp.Autocast.lowerPrecision(input, mat1, mat2);
        return ac == null ? LinAlg.addmm(input, mat1, mat2, beta, alpha) : LinAlg.addmm(ac[0], ac[1], ac[2], beta, alpha);
    }

    /** {@code input + mat1 @ mat2} ({@code torch.addmm} with {@code beta = 1, alpha = 1}). */
    public static Tensor addmm(Tensor input, Tensor mat1, Tensor mat2) {
        return addmm(input, mat1, mat2, 1, 1);
    }

    /** {@code beta * input + alpha * bmm(batch1, batch2)}. */
    public static Tensor baddbmm(Tensor input, Tensor batch1, Tensor batch2, double beta, double alpha) {
        Tensor[] ac = org.torch4j.amp.Autocast.lowerPrecision(input, batch1, batch2);
        return ac == null ? LinAlg.baddbmm(input, batch1, batch2, beta, alpha) : LinAlg.baddbmm(ac[0], ac[1], ac[2], beta, alpha);
    }

    /** Einstein summation, e.g. {@code einsum("bij,bjk->bik", a, b)}. */
    public static Tensor einsum(String equation, Tensor... operands) {
        return LinAlg.einsum(equation, operands);
    }

    /**
     * Pads the last dimensions ({@code torch.nn.functional.pad}): {@code pad} is (left, right) for the last
     * dim, then the one before, ...; negative sizes crop. Modes "constant" (with {@code value}) pads any
     * number of dims; "reflect", "replicate" and "circular" pad 1, 2 or 3 dims of an unbatched or batched
     * input (one or two more dims than padded; circular batched only), take no value (it must be 0), and
     * refuse empty non-batch dims, as PyTorch 1.13.
     *
     * @throws IllegalArgumentException for an odd or too long {@code pad}, an unknown mode, or an input
     *     the mode cannot pad, with PyTorch's message
     */
    public static Tensor pad(Tensor input, long[] pad, String mode, double value) {
        return Joins.pad(input, pad, mode, value);
    }

    /** Constant padding with zeros ({@code F.pad(input, pad)}). */
    public static Tensor pad(Tensor input, long... pad) {
        return Joins.pad(input, pad, "constant", 0);
    }

    /**
     * The short-time Fourier transform ({@code torch.stft(..., return_complex=True)}): the FFT of
     * overlapping windowed frames of a 1-d signal {@code [time]} or a batch {@code [batch, time]}, as a
     * complex tensor {@code [(batch,) freq, frames]} with {@code frames = 1 + (L - nFft) / hop} (L after
     * padding) and {@code freq = nFft / 2 + 1} when onesided, else {@code nFft}. float32 signals give
     * complex64, float64 ones complex128; complex signals (or windows) are transformed two-sided.
     * Differentiable to any order. PyTorch's {@code None} is {@code null}.
     *
     * @param input float or complex signal, 1-d or 2-d
     * @param nFft the frame (and FFT) size
     * @param hopLength the distance between frames; null for {@code nFft / 4}
     * @param winLength the window's length, at most {@code nFft} (centred in the frame); null for {@code nFft}
     * @param window {@code winLength} values, or null for a rectangular window
     * @param center pad {@code nFft / 2} samples on both sides so frame t is centred at {@code t * hopLength}
     * @param padMode the padding when centred: "reflect" (PyTorch's default), "constant", "replicate" or "circular"
     * @param normalized multiply by {@code nFft^-1/2}
     * @param onesided keep only the non-negative frequencies; null for true with real input and window
     */
    public static Tensor stft(Tensor input, int nFft, Integer hopLength, Integer winLength, Tensor window, boolean center, String padMode,
            boolean normalized, Boolean onesided) {
        return ShortTimeFourier.stft(input, nFft, hopLength, winLength, window, center, padMode, normalized, onesided);
    }

    /** {@code torch.stft} with a window and PyTorch's defaults otherwise (hop {@code nFft / 4}, centred, reflect padding). */
    public static Tensor stft(Tensor input, int nFft, Tensor window) {
        return stft(input, nFft, null, null, window, true, "reflect", false, null);
    }

    /** {@code torch.stft} with the hop, window length and window given, PyTorch's defaults otherwise. */
    public static Tensor stft(Tensor input, int nFft, Integer hopLength, Integer winLength, Tensor window) {
        return stft(input, nFft, hopLength, winLength, window, true, "reflect", false, null);
    }

    /** {@code torch.stft} with a rectangular window and PyTorch's defaults. */
    public static Tensor stft(Tensor input, int nFft) {
        return stft(input, nFft, null, null, null, true, "reflect", false, null);
    }

    /**
     * The inverse short-time Fourier transform ({@code torch.istft}, {@code return_complex=False}): the
     * least-squares inverse of {@link #stft}. Each frame's inverse real FFT is windowed, the frames are
     * overlap-added {@code hopLength} apart and the sum is divided by the overlap-added squared window
     * (PyTorch's NOLA check fails where that is below 1e-11). Differentiable to any order.
     *
     * @param input complex {@code [freq, frames]} or {@code [batch, freq, frames]} (a real input is read as
     *     the old {@code [..., 2]} layout, as PyTorch 1.13 does)
     * @param nFft the FFT size
     * @param hopLength null for {@code nFft / 4}; {@code 0 < hopLength <= winLength}
     * @param winLength null for {@code nFft}
     * @param window {@code winLength} real values, or null for a rectangular window
     * @param center whether the STFT was centred: {@code nFft / 2} samples are dropped at both ends
     * @param normalized whether the STFT was normalized
     * @param onesided whether the input holds {@code nFft / 2 + 1} bins; null infers it from {@code freq != nFft}
     * @param length the output length (cut, or padded with zeros), or null
     * @return {@code [time]} or {@code [batch, time]}, float32 for complex64 input and float64 for complex128
     */
    public static Tensor istft(Tensor input, int nFft, Integer hopLength, Integer winLength, Tensor window, boolean center, boolean normalized,
            Boolean onesided, Integer length) {
        return ShortTimeFourier.istft(input, nFft, hopLength, winLength, window, center, normalized, onesided, length, false);
    }

    /**
     * {@code torch.istft(..., return_complex=True)}: the inverse of the two-sided STFT of a complex signal.
     * Each frame's full inverse FFT ({@link org.torch4j.fft.Fft#ifft}) is windowed and overlap-added as in
     * {@link #istft(Tensor, int, Integer, Integer, Tensor, boolean, boolean, Boolean, Integer)}; the window
     * may be complex (the envelope is then the overlap-added complex square of the window, as PyTorch).
     * With {@code returnComplex} false this is that method.
     *
     * @param onesided must not be true when {@code returnComplex} is ("Cannot have onesided output if window
     *     or input is complex"); null infers it from the input ({@code freq != nFft}), so the input must then
     *     hold all {@code nFft} bins
     * @return complex {@code [time]} or {@code [batch, time]}: complex64 for complex64 input, complex128 for complex128
     */
    public static Tensor istft(Tensor input, int nFft, Integer hopLength, Integer winLength, Tensor window, boolean center, boolean normalized,
            Boolean onesided, Integer length, boolean returnComplex) {
        return ShortTimeFourier.istft(input, nFft, hopLength, winLength, window, center, normalized, onesided, length, returnComplex);
    }

    /** {@code torch.istft} with a window and PyTorch's defaults otherwise. */
    public static Tensor istft(Tensor input, int nFft, Tensor window) {
        return istft(input, nFft, null, null, window, true, false, null, null);
    }

    /** {@code torch.istft} with the hop, window length and window given, PyTorch's defaults otherwise. */
    public static Tensor istft(Tensor input, int nFft, Integer hopLength, Integer winLength, Tensor window) {
        return istft(input, nFft, hopLength, winLength, window, true, false, null, null);
    }

    /** torch.result_type of two tensors. */
    public static DType resultType(Tensor a, Tensor b) {
        return Promotion.resultType(a, b);
    }

    /** torch.promote_types. */
    public static DType promoteTypes(DType a, DType b) {
        return Promotion.promoteTypes(a, b);
    }

    /** torch.can_cast. */
    public static boolean canCast(DType from, DType to) {
        return Pointwise.canCast(from, to);
    }

    // ---- autofunc: the torch namespace's linear algebra outside torch.linalg, low-rank SVD and PCA ----

    /** {@code torch.geqrf}: see {@link org.torch4j.linalg.TorchLinalg#geqrf}. */
    public static org.torch4j.linalg.GeqrfResult geqrf(Tensor input) {
        return org.torch4j.linalg.TorchLinalg.geqrf(input);
    }

    /** {@code torch.orgqr}: the same as {@link org.torch4j.linalg.Linalg#householderProduct}. */
    public static Tensor orgqr(Tensor input, Tensor tau) {
        return org.torch4j.linalg.TorchLinalg.orgqr(input, tau);
    }

    /** {@code torch.ormqr(A, tau, C)}: Q C, see {@link org.torch4j.linalg.TorchLinalg#ormqr(Tensor, Tensor, Tensor)}. */
    public static Tensor ormqr(Tensor input, Tensor tau, Tensor other) {
        return org.torch4j.linalg.TorchLinalg.ormqr(input, tau, other);
    }

    /** {@code torch.ormqr(A, tau, C, left, transpose)}: Q C, Q^T C, C Q or C Q^T. */
    public static Tensor ormqr(Tensor input, Tensor tau, Tensor other, boolean left, boolean transpose) {
        return org.torch4j.linalg.TorchLinalg.ormqr(input, tau, other, left, transpose);
    }

    /** {@code torch.cholesky_solve(B, L)}: solves {@code L L^T X = B} from the lower Cholesky factor. */
    public static Tensor choleskySolve(Tensor b, Tensor l) {
        return org.torch4j.linalg.TorchLinalg.choleskySolve(b, l);
    }

    /** {@code torch.cholesky_solve(B, L, upper)}: with {@code upper}, solves {@code U^T U X = B}. */
    public static Tensor choleskySolve(Tensor b, Tensor l, boolean upper) {
        return org.torch4j.linalg.TorchLinalg.choleskySolve(b, l, upper);
    }

    /** {@code torch.cholesky_inverse(L)}: {@code (L L^T)^-1} from the lower Cholesky factor. */
    public static Tensor choleskyInverse(Tensor l) {
        return org.torch4j.linalg.TorchLinalg.choleskyInverse(l);
    }

    /** {@code torch.cholesky_inverse(L, upper)}: {@code (U^T U)^-1} when {@code upper}. */
    public static Tensor choleskyInverse(Tensor l, boolean upper) {
        return org.torch4j.linalg.TorchLinalg.choleskyInverse(l, upper);
    }

    /** The deprecated {@code torch.triangular_solve(b, A)} (upper A): the solution and a copy of A. */
    public static org.torch4j.linalg.TriangularSolveResult triangularSolve(Tensor b, Tensor a) {
        return org.torch4j.linalg.TorchLinalg.triangularSolve(b, a);
    }

    /** {@code torch.triangular_solve(b, A, upper, transpose, unitriangular)}. */
    public static org.torch4j.linalg.TriangularSolveResult triangularSolve(Tensor b, Tensor a, boolean upper, boolean transpose,
                                                                          boolean unitriangular) {
        return org.torch4j.linalg.TorchLinalg.triangularSolve(b, a, upper, transpose, unitriangular);
    }

    /** {@code torch.lu_unpack(LU, pivots)}: P, L and U from {@code linalg.lu_factor}'s packed form. */
    public static org.torch4j.linalg.PLU luUnpack(Tensor lu, Tensor pivots) {
        return org.torch4j.linalg.TorchLinalg.luUnpack(lu, pivots);
    }

    /** {@code torch.lu_unpack(LU, pivots, unpack_data, unpack_pivots)}: the parts not asked for are empty. */
    public static org.torch4j.linalg.PLU luUnpack(Tensor lu, Tensor pivots, boolean unpackData, boolean unpackPivots) {
        return org.torch4j.linalg.TorchLinalg.luUnpack(lu, pivots, unpackData, unpackPivots);
    }

    /** {@code torch.logdet}: log(det(A)), NaN for a negative determinant, -inf for a zero one. */
    public static Tensor logdet(Tensor input) {
        return org.torch4j.linalg.TorchLinalg.logdet(input);
    }

    /** {@code torch.nuclear_norm(A)} of a 2-d tensor: the sum of its singular values. */
    public static Tensor nuclearNorm(Tensor input) {
        return org.torch4j.linalg.TorchLinalg.nuclearNorm(input);
    }

    /** {@code torch.nuclear_norm(A, keepdim)}. */
    public static Tensor nuclearNorm(Tensor input, boolean keepdim) {
        return org.torch4j.linalg.TorchLinalg.nuclearNorm(input, keepdim);
    }

    /** {@code torch.nuclear_norm(A, dim, keepdim)} over the two {@code dim}. */
    public static Tensor nuclearNorm(Tensor input, int[] dim, boolean keepdim) {
        return org.torch4j.linalg.TorchLinalg.nuclearNorm(input, dim, keepdim);
    }

    /** {@code torch.frobenius_norm(A)}: over all elements. */
    public static Tensor frobeniusNorm(Tensor input) {
        return org.torch4j.linalg.TorchLinalg.frobeniusNorm(input);
    }

    /** {@code torch.frobenius_norm(A, dim, keepdim)}: over one or two {@code dim}. */
    public static Tensor frobeniusNorm(Tensor input, int[] dim, boolean keepdim) {
        return org.torch4j.linalg.TorchLinalg.frobeniusNorm(input, dim, keepdim);
    }

    /**
     * {@code torch.svd_lowrank(A)}: an approximate rank-6 SVD {@code A ~ U diag(S) V^T} of {@code [..., m, n]}
     * matrices by randomized subspace iteration ({@code q=6, niter=2}), seeded by {@link #manualSeed}.
     */
    public static LowRankSvd svdLowrank(Tensor a) {
        return LowRank.svd(a, 6, 2, null);
    }

    /** {@code torch.svd_lowrank(A, q)}: rank q. */
    public static LowRankSvd svdLowrank(Tensor a, int q) {
        return LowRank.svd(a, q, 2, null);
    }

    /**
     * {@code torch.svd_lowrank(A, q, niter, M)}: rank q after {@code niter} subspace iterations, of {@code A - M}
     * (M may be null; it broadcasts to A).
     */
    public static LowRankSvd svdLowrank(Tensor a, int q, int niter, Tensor m) {
        return LowRank.svd(a, q, niter, m);
    }

    /**
     * {@code torch.pca_lowrank(A)}: principal components of the rows of A (columns centred), rank
     * {@code min(6, m, n)}, {@code niter=2}; V's columns are the principal directions.
     */
    public static LowRankSvd pcaLowrank(Tensor a) {
        return LowRank.pca(a, null, true, 2);
    }

    /** {@code torch.pca_lowrank(A, q, center, niter)}: q null means {@code min(6, m, n)}. */
    public static LowRankSvd pcaLowrank(Tensor a, Integer q, boolean center, int niter) {
        return LowRank.pca(a, q, center, niter);
    }

    /** {@code torch.lobpcg(A, k)}: see {@link org.torch4j.linalg.TorchLinalg#lobpcg(Tensor, int)}. */
    public static org.torch4j.linalg.LobpcgResult lobpcg(Tensor a, int k) {
        return org.torch4j.linalg.TorchLinalg.lobpcg(a, k);
    }

    /** {@code torch.lobpcg(A, k, B, X, n, iK, niter, tol, largest)}; null arguments take PyTorch's defaults. */
    public static org.torch4j.linalg.LobpcgResult lobpcg(Tensor a, Integer k, Tensor b, Tensor x, Integer n, Tensor iK, Integer niter,
                                                       Double tol, Boolean largest) {
        return org.torch4j.linalg.TorchLinalg.lobpcg(a, k, b, x, n, iK, niter, tol, largest);
    }

    // ---- sorting, searching, counting and statistics ----

    /** {@code torch.median}: the lower median of all elements; see {@link Tensor#median()}. */
    public static Tensor median(Tensor input) {
        return input.median();
    }

    /** {@code torch.median(input, dim, keepdim)}; see {@link Tensor#median(int, boolean)}. */
    public static ValuesIndices median(Tensor input, int dim, boolean keepdim) {
        return input.median(dim, keepdim);
    }

    /** {@code torch.nanmedian}; see {@link Tensor#nanmedian()}. */
    public static Tensor nanmedian(Tensor input) {
        return input.nanmedian();
    }

    /** {@code torch.nanmedian(input, dim, keepdim)}; see {@link Tensor#nanmedian(int, boolean)}. */
    public static ValuesIndices nanmedian(Tensor input, int dim, boolean keepdim) {
        return input.nanmedian(dim, keepdim);
    }

    /** {@code torch.mode(input, dim, keepdim)}; see {@link Tensor#mode(int, boolean)}. */
    public static ValuesIndices mode(Tensor input, int dim, boolean keepdim) {
        return input.mode(dim, keepdim);
    }

    /** {@code torch.kthvalue(input, k, dim, keepdim)}; see {@link Tensor#kthvalue(long, int, boolean)}. */
    public static ValuesIndices kthvalue(Tensor input, long k, int dim, boolean keepdim) {
        return input.kthvalue(k, dim, keepdim);
    }

    /** {@code torch.quantile}; see {@link Tensor#quantile(double, Integer, boolean, String)}. */
    public static Tensor quantile(Tensor input, double q, Integer dim, boolean keepdim, String interpolation) {
        return input.quantile(q, dim, keepdim, interpolation);
    }

    /** {@code torch.quantile} with a tensor of q; see {@link Tensor#quantile(Tensor, Integer, boolean, String)}. */
    public static Tensor quantile(Tensor input, Tensor q, Integer dim, boolean keepdim, String interpolation) {
        return input.quantile(q, dim, keepdim, interpolation);
    }

    /** {@code torch.nanquantile}; see {@link Tensor#nanquantile(double, Integer, boolean, String)}. */
    public static Tensor nanquantile(Tensor input, double q, Integer dim, boolean keepdim, String interpolation) {
        return input.nanquantile(q, dim, keepdim, interpolation);
    }

    /** {@code torch.nanquantile} with a tensor of q; see {@link Tensor#nanquantile(Tensor, Integer, boolean, String)}. */
    public static Tensor nanquantile(Tensor input, Tensor q, Integer dim, boolean keepdim, String interpolation) {
        return input.nanquantile(q, dim, keepdim, interpolation);
    }

    /** {@code torch.msort}: sorted along the first dim. */
    public static Tensor msort(Tensor input) {
        return input.msort();
    }

    /** {@code torch.cummax}; see {@link Tensor#cummax(int)}. */
    public static ValuesIndices cummax(Tensor input, int dim) {
        return input.cummax(dim);
    }

    /** {@code torch.cummin}; see {@link Tensor#cummin(int)}. */
    public static ValuesIndices cummin(Tensor input, int dim) {
        return input.cummin(dim);
    }

    /** {@code torch.nansum}; see {@link Tensor#nansum(int[], boolean, DType)}. */
    public static Tensor nansum(Tensor input, int[] dims, boolean keepdim, DType dtype) {
        return input.nansum(dims, keepdim, dtype);
    }

    /** {@code torch.nanmean}; see {@link Tensor#nanmean(int[], boolean, DType)}. */
    public static Tensor nanmean(Tensor input, int[] dims, boolean keepdim, DType dtype) {
        return input.nanmean(dims, keepdim, dtype);
    }

    /** {@code torch.aminmax}; see {@link Tensor#aminmax(Integer, boolean)}. */
    public static MinMax aminmax(Tensor input, Integer dim, boolean keepdim) {
        return input.aminmax(dim, keepdim);
    }

    /** {@code torch.var_mean} of all elements, unbiased. */
    public static VarMean varMean(Tensor input) {
        return CombinedReductions.varMean(input, null, 1, false);
    }

    /** {@code torch.var_mean} over {@code dims} (all when null or empty) with {@code correction} (1: unbiased). */
    public static VarMean varMean(Tensor input, int[] dims, double correction, boolean keepdim) {
        return CombinedReductions.varMean(input, dims, correction, keepdim);
    }

    /** {@code torch.var_mean} with PyTorch's {@code unbiased} flag. */
    public static VarMean varMean(Tensor input, int[] dims, boolean unbiased, boolean keepdim) {
        return CombinedReductions.varMean(input, dims, unbiased ? 1 : 0, keepdim);
    }

    /** {@code torch.std_mean} of all elements, unbiased. */
    public static StdMean stdMean(Tensor input) {
        return CombinedReductions.stdMean(input, null, 1, false);
    }

    /** {@code torch.std_mean} over {@code dims} (all when null or empty) with {@code correction} (1: unbiased). */
    public static StdMean stdMean(Tensor input, int[] dims, double correction, boolean keepdim) {
        return CombinedReductions.stdMean(input, dims, correction, keepdim);
    }

    /** {@code torch.std_mean} with PyTorch's {@code unbiased} flag. */
    public static StdMean stdMean(Tensor input, int[] dims, boolean unbiased, boolean keepdim) {
        return CombinedReductions.stdMean(input, dims, unbiased ? 1 : 0, keepdim);
    }

    /** {@code torch.histc}; see {@link Tensor#histc(long, double, double)}. */
    public static Tensor histc(Tensor input, long bins, double min, double max) {
        return input.histc(bins, min, max);
    }

    /** {@code torch.histogram} with equal bins; see {@link Tensor#histogram(long, double[], Tensor, boolean)}. */
    public static Histogram histogram(Tensor input, long bins, double[] range, Tensor weight, boolean density) {
        return input.histogram(bins, range, weight, density);
    }

    /** {@code torch.histogram} over given bin edges; see {@link Tensor#histogram(Tensor, Tensor, boolean)}. */
    public static Histogram histogram(Tensor input, Tensor bins, Tensor weight, boolean density) {
        return input.histogram(bins, weight, density);
    }

    /** {@code torch.bincount}; see {@link Tensor#bincount(Tensor, long)}. */
    public static Tensor bincount(Tensor input, Tensor weights, long minlength) {
        return input.bincount(weights, minlength);
    }

    /** {@code torch.bucketize}: the index of the bucket of each element among 1-d increasing {@code boundaries}. */
    public static Tensor bucketize(Tensor input, Tensor boundaries) {
        return Searching.bucketize(input, boundaries, false, false);
    }

    /**
     * {@code torch.bucketize}: for each element the first index i with {@code x <= boundaries[i]}, or with
     * {@code right} with {@code x < boundaries[i]}; int32 indices with {@code outInt32} (else int64).
     */
    public static Tensor bucketize(Tensor input, Tensor boundaries, boolean outInt32, boolean right) {
        return Searching.bucketize(input, boundaries, outInt32, right);
    }

    /** {@code torch.bucketize} of one number: a 0-dim index. */
    public static Tensor bucketize(double input, Tensor boundaries, boolean outInt32, boolean right) {
        return Searching.bucketize(full(Shapes.SCALAR, input, Promotion.resultType(boundaries, input), boundaries.device()), boundaries, outInt32, right);
    }

    /** {@code torch.searchsorted}: where each value would be inserted into the sorted rows, the leftmost place. */
    public static Tensor searchsorted(Tensor sortedSequence, Tensor values) {
        return Searching.searchsorted(sortedSequence, values, false, false, null);
    }

    /**
     * {@code torch.searchsorted}: {@code sortedSequence} is 1-d or shares all but its last dim with
     * {@code values}; {@code right} (or {@code side} "right"; null side defers to right) gives the rightmost
     * place; {@code sorter} (int64, nullable) holds the indices that sort an unsorted sequence.
     */
    public static Tensor searchsorted(Tensor sortedSequence, Tensor values, boolean outInt32, boolean right, String side, Tensor sorter) {
        return Searching.searchsorted(sortedSequence, values, outInt32, Searching.right(right, side), sorter);
    }

    /** {@code torch.searchsorted} of one number into a 1-d sequence: a 0-dim index. */
    public static Tensor searchsorted(Tensor sortedSequence, double value, boolean outInt32, boolean right, String side, Tensor sorter) {
        return searchsorted(sortedSequence, full(Shapes.SCALAR, value, Promotion.resultType(sortedSequence, value), sortedSequence.device()), outInt32, right, side, sorter);
    }

    /** {@code torch.unique_consecutive}; see {@link Tensor#uniqueConsecutive(boolean, boolean, Integer)}. */
    public static Unique uniqueConsecutive(Tensor input, boolean returnInverse, boolean returnCounts, Integer dim) {
        return input.uniqueConsecutive(returnInverse, returnCounts, dim);
    }

    /** {@code torch.isin}: whether each element occurs in {@code testElements} (a bool tensor shaped as elements). */
    public static Tensor isin(Tensor elements, Tensor testElements) {
        return Searching.isin(elements, testElements, false);
    }

    /**
     * {@code torch.isin} with {@code invert} (true: whether each element does not occur);
     * {@code assumeUnique} is accepted as PyTorch's speed hint and does not change the result.
     */
    public static Tensor isin(Tensor elements, Tensor testElements, boolean assumeUnique, boolean invert) {
        return Searching.isin(elements, testElements, invert);
    }

    /** {@code torch.isin} of one number: a 0-dim bool tensor. */
    public static Tensor isin(double element, Tensor testElements, boolean assumeUnique, boolean invert) {
        return Searching.isin(full(Shapes.SCALAR, element, Promotion.resultType(testElements, element), testElements.device()), testElements, invert);
    }

    /** {@code torch.isin} against one number. */
    public static Tensor isin(Tensor elements, double testElement, boolean assumeUnique, boolean invert) {
        return Searching.isin(elements, full(Shapes.SCALAR, testElement, Promotion.resultType(elements, testElement), elements.device()), invert);
    }

    /** {@code torch.cov}; see {@link Tensor#cov(long, Tensor, Tensor)}. */
    public static Tensor cov(Tensor input, long correction, Tensor fweights, Tensor aweights) {
        return input.cov(correction, fweights, aweights);
    }

    /** {@code torch.corrcoef}; see {@link Tensor#corrcoef()}. */
    public static Tensor corrcoef(Tensor input) {
        return input.corrcoef();
    }

    // ---- construction, shape, joining and matrix-product conveniences ----

    /** {@code torch.diag}: see {@link Tensor#diag(long)}. */
    public static Tensor diag(Tensor input, long diagonal) {
        return input.diag(diagonal);
    }

    /** {@code torch.diag} of the main diagonal. */
    public static Tensor diag(Tensor input) {
        return input.diag();
    }

    /** {@code torch.diagflat}: see {@link Tensor#diagflat(long)}. */
    public static Tensor diagflat(Tensor input, long offset) {
        return input.diagflat(offset);
    }

    /** {@code torch.diagflat} on the main diagonal. */
    public static Tensor diagflat(Tensor input) {
        return input.diagflat();
    }

    /** {@code torch.diag_embed}: see {@link Tensor#diagEmbed(long, int, int)}. */
    public static Tensor diagEmbed(Tensor input, long offset, int dim1, int dim2) {
        return input.diagEmbed(offset, dim1, dim2);
    }

    /** {@code torch.diag_embed} with offset 0 into the last two dims. */
    public static Tensor diagEmbed(Tensor input) {
        return input.diagEmbed();
    }

    /** {@code torch.trace}: the sum of a matrix's main diagonal. */
    public static Tensor trace(Tensor input) {
        return input.trace();
    }

    /** {@code torch.diagonal_scatter}: see {@link Tensor#diagonalScatter(Tensor, long, int, int)}. */
    public static Tensor diagonalScatter(Tensor input, Tensor src, long offset, int dim1, int dim2) {
        return input.diagonalScatter(src, offset, dim1, dim2);
    }

    /** {@code torch.diagonal_scatter} on the main diagonal of dims 0 and 1. */
    public static Tensor diagonalScatter(Tensor input, Tensor src) {
        return input.diagonalScatter(src);
    }

    /** {@code torch.select_scatter}: see {@link Tensor#selectScatter}. */
    public static Tensor selectScatter(Tensor input, Tensor src, int dim, long index) {
        return input.selectScatter(src, dim, index);
    }

    /** {@code torch.slice_scatter}: see {@link Tensor#sliceScatter(Tensor, int, Long, Long, long)}. */
    public static Tensor sliceScatter(Tensor input, Tensor src, int dim, Long start, Long end, long step) {
        return input.sliceScatter(src, dim, start, end, step);
    }

    /** {@code torch.slice_scatter} over the whole of dim 0. */
    public static Tensor sliceScatter(Tensor input, Tensor src) {
        return input.sliceScatter(src);
    }

    /** {@code torch.index_fill}: see {@link Tensor#indexFill(int, Tensor, double)}. */
    public static Tensor indexFill(Tensor input, int dim, Tensor index, double value) {
        return input.indexFill(dim, index, value);
    }

    /** {@code torch.index_fill} with a 0-dim tensor value. */
    public static Tensor indexFill(Tensor input, int dim, Tensor index, Tensor value) {
        return input.indexFill(dim, index, value);
    }

    /** {@code torch.index_copy}: see {@link Tensor#indexCopy}. */
    public static Tensor indexCopy(Tensor input, int dim, Tensor index, Tensor source) {
        return input.indexCopy(dim, index, source);
    }

    /** {@code torch.masked_scatter}: see {@link Tensor#maskedScatter}. */
    public static Tensor maskedScatter(Tensor input, Tensor mask, Tensor source) {
        return input.maskedScatter(mask, source);
    }

    /** {@code torch.index_reduce} with {@code include_self = true}: see {@link Tensor#indexReduce(int, Tensor, Tensor, String, boolean)}. */
    public static Tensor indexReduce(Tensor input, int dim, Tensor index, Tensor source, String reduce) {
        return input.indexReduce(dim, index, source, reduce);
    }

    /** {@code torch.index_reduce}. */
    public static Tensor indexReduce(Tensor input, int dim, Tensor index, Tensor source, String reduce, boolean includeSelf) {
        return input.indexReduce(dim, index, source, reduce, includeSelf);
    }

    /** {@code torch.meshgrid} with "ij" (matrix) indexing: 0-d or 1-d tensors broadcast over their grid, as views. */
    public static List<Tensor> meshgrid(Tensor... tensors) {
        return Grids.meshgrid(List.of(tensors), "ij");
    }

    /** {@code torch.meshgrid}; {@code indexing} "ij" or "xy" (Cartesian: the first two grid axes swapped). */
    public static List<Tensor> meshgrid(List<Tensor> tensors, String indexing) {
        return Grids.meshgrid(tensors, indexing);
    }

    /** {@code torch.repeat_interleave(repeats)}: i repeated {@code repeats[i]} times, for a 1-d integer tensor. */
    public static Tensor repeatInterleave(Tensor repeats) {
        return RepeatInterleave.positions(repeats, null);
    }

    /** {@code torch.repeat_interleave(input, repeats)}: the flattened elements, each {@code repeats} times. */
    public static Tensor repeatInterleave(Tensor input, long repeats) {
        return input.repeatInterleave(repeats);
    }

    /** {@code torch.repeat_interleave(input, repeats)}: flattened element i {@code repeats[i]} times. */
    public static Tensor repeatInterleave(Tensor input, Tensor repeats) {
        return input.repeatInterleave(repeats);
    }

    /** {@code torch.repeat_interleave(input, repeats, dim, output_size)}: see {@link Tensor#repeatInterleave(Tensor, Integer, Long)}. */
    public static Tensor repeatInterleave(Tensor input, Tensor repeats, Integer dim, Long outputSize) {
        return input.repeatInterleave(repeats, dim, outputSize);
    }

    /** {@code torch.repeat_interleave(input, repeats, dim, output_size)} with one count: see {@link Tensor#repeatInterleave(long, Integer, Long)}. */
    public static Tensor repeatInterleave(Tensor input, long repeats, Integer dim, Long outputSize) {
        return input.repeatInterleave(repeats, dim, outputSize);
    }

    /** {@code torch.take_along_dim} of the flattened input. */
    public static Tensor takeAlongDim(Tensor input, Tensor indices) {
        return input.takeAlongDim(indices);
    }

    /** {@code torch.take_along_dim}: see {@link Tensor#takeAlongDim(Tensor, int)}. */
    public static Tensor takeAlongDim(Tensor input, Tensor indices, int dim) {
        return input.takeAlongDim(indices, dim);
    }

    /** {@code torch.tensor_split} into sections: see {@link Tensor#tensorSplit(long, int)}. */
    public static List<Tensor> tensorSplit(Tensor input, long sections, int dim) {
        return input.tensorSplit(sections, dim);
    }

    /** {@code torch.tensor_split} at indices: see {@link Tensor#tensorSplit(long[], int)}. */
    public static List<Tensor> tensorSplit(Tensor input, long[] indices, int dim) {
        return input.tensorSplit(indices, dim);
    }

    /** {@code torch.tensor_split} with a tensor of sections or indices. */
    public static List<Tensor> tensorSplit(Tensor input, Tensor indicesOrSections, int dim) {
        return input.tensorSplit(indicesOrSections, dim);
    }

    /** {@code torch.hsplit} into equal sections. */
    public static List<Tensor> hsplit(Tensor input, long sections) {
        return input.hsplit(sections);
    }

    /** {@code torch.hsplit} at indices. */
    public static List<Tensor> hsplit(Tensor input, long[] indices) {
        return input.hsplit(indices);
    }

    /** {@code torch.vsplit} into equal sections. */
    public static List<Tensor> vsplit(Tensor input, long sections) {
        return input.vsplit(sections);
    }

    /** {@code torch.vsplit} at indices. */
    public static List<Tensor> vsplit(Tensor input, long[] indices) {
        return input.vsplit(indices);
    }

    /** {@code torch.dsplit} into equal sections. */
    public static List<Tensor> dsplit(Tensor input, long sections) {
        return input.dsplit(sections);
    }

    /** {@code torch.dsplit} at indices. */
    public static List<Tensor> dsplit(Tensor input, long[] indices) {
        return input.dsplit(indices);
    }

    /** {@code torch.hstack}: 1-d tensors end to end, others joined along dim 1. */
    public static Tensor hstack(List<Tensor> tensors) {
        return Stacks.hstack(tensors);
    }

    /** {@code torch.vstack}: tensors as rows (at least 2-d), joined along dim 0. */
    public static Tensor vstack(List<Tensor> tensors) {
        return Stacks.vstack(tensors);
    }

    /** {@code torch.row_stack}, the same as {@link #vstack}. */
    public static Tensor rowStack(List<Tensor> tensors) {
        return Stacks.vstack(tensors);
    }

    /** {@code torch.dstack}: tensors at least 3-d, joined along dim 2. */
    public static Tensor dstack(List<Tensor> tensors) {
        return Stacks.dstack(tensors);
    }

    /** {@code torch.column_stack}: 0-d and 1-d tensors as columns, joined along dim 1. */
    public static Tensor columnStack(List<Tensor> tensors) {
        return Stacks.columnStack(tensors);
    }

    /** {@code torch.atleast_1d}: a 0-d tensor as shape [1], others unchanged. */
    public static Tensor atleast1d(Tensor input) {
        return Stacks.atleast1d(input);
    }

    /** {@code torch.atleast_1d} of each tensor. */
    public static List<Tensor> atleast1d(List<Tensor> tensors) {
        return tensors.stream().map(Stacks::atleast1d).toList();
    }

    /** {@code torch.atleast_2d}: 0-d as [1, 1], 1-d [n] as [1, n]. */
    public static Tensor atleast2d(Tensor input) {
        return Stacks.atleast2d(input);
    }

    /** {@code torch.atleast_2d} of each tensor. */
    public static List<Tensor> atleast2d(List<Tensor> tensors) {
        return tensors.stream().map(Stacks::atleast2d).toList();
    }

    /** {@code torch.atleast_3d}: 0-d as [1, 1, 1], [n] as [1, n, 1], [m, n] as [m, n, 1]. */
    public static Tensor atleast3d(Tensor input) {
        return Stacks.atleast3d(input);
    }

    /** {@code torch.atleast_3d} of each tensor. */
    public static List<Tensor> atleast3d(List<Tensor> tensors) {
        return tensors.stream().map(Stacks::atleast3d).toList();
    }

    /** {@code torch.broadcast_to}: a broadcast view with {@code shape}. */
    public static Tensor broadcastTo(Tensor input, long... shape) {
        return input.broadcastTo(shape);
    }

    /** {@code torch.broadcast_tensors}: each tensor expanded (a view) to their common broadcast shape. */
    public static List<Tensor> broadcastTensors(Tensor... tensors) {
        return Broadcasts.broadcastTensors(List.of(tensors));
    }

    /** {@code torch.broadcast_shapes}: the shape the given shapes broadcast to. */
    public static long[] broadcastShapes(long[]... shapes) {
        return Broadcasts.broadcastShapes(shapes);
    }

    /** {@code torch.fliplr}: columns reversed. */
    public static Tensor fliplr(Tensor input) {
        return input.fliplr();
    }

    /** {@code torch.flipud}: rows reversed. */
    public static Tensor flipud(Tensor input) {
        return input.flipud();
    }

    /** {@code torch.rot90} with k = 1 in the plane of dims 0 and 1. */
    public static Tensor rot90(Tensor input) {
        return input.rot90();
    }

    /** {@code torch.rot90} with k quarter turns in the plane of dims 0 and 1. */
    public static Tensor rot90(Tensor input, long k) {
        return input.rot90(k);
    }

    /** {@code torch.rot90}: see {@link Tensor#rot90(long, int...)}. */
    public static Tensor rot90(Tensor input, long k, int... dims) {
        return input.rot90(k, dims);
    }

    /** {@code torch.ravel}: the elements as a 1-d tensor. */
    public static Tensor ravel(Tensor input) {
        return input.ravel();
    }

    /** {@code torch.positive}: the input itself. */
    public static Tensor positive(Tensor input) {
        return input.positive();
    }

    /** {@code torch.block_diag}: the tensors (0-d, 1-d as a row, or 2-d) along a block diagonal, promoted; zeros elsewhere. */
    public static Tensor blockDiag(Tensor... tensors) {
        return Stacks.blockDiag(List.of(tensors));
    }

    /** {@code torch.cartesian_prod}: every tuple of one element of each 1-d tensor, one per row (one tensor: itself). */
    public static Tensor cartesianProd(Tensor... tensors) {
        return Grids.cartesianProd(List.of(tensors));
    }

    /** {@code torch.combinations} of pairs without replacement. */
    public static Tensor combinations(Tensor input) {
        return Grids.combinations(input, 2, false);
    }

    /** {@code torch.combinations}: the length-{@code r} combinations of a 1-d tensor's elements, one per row. */
    public static Tensor combinations(Tensor input, long r, boolean withReplacement) {
        return Grids.combinations(input, r, withReplacement);
    }

    /** {@code torch.tril_indices} of the lower triangle (offset 0), int64 on the default device. */
    public static Tensor trilIndices(long row, long col) {
        return trilIndices(row, col, 0);
    }

    /** {@code torch.tril_indices}: the 2 x N coordinates of the lower triangle at diagonal {@code offset}. */
    public static Tensor trilIndices(long row, long col, long offset) {
        return Factories.triangleIndices(row, col, offset, true, DType.INT64, getDefaultDevice());
    }

    /** {@code torch.tril_indices} with an integer dtype and a device. */
    public static Tensor trilIndices(long row, long col, long offset, DType dtype, Device device) {
        return Factories.triangleIndices(row, col, offset, true, dtype, device);
    }

    /** {@code torch.triu_indices} of the upper triangle (offset 0). */
    public static Tensor triuIndices(long row, long col) {
        return triuIndices(row, col, 0);
    }

    /** {@code torch.triu_indices}: the 2 x N coordinates of the upper triangle at diagonal {@code offset}. */
    public static Tensor triuIndices(long row, long col, long offset) {
        return Factories.triangleIndices(row, col, offset, false, DType.INT64, getDefaultDevice());
    }

    /** {@code torch.triu_indices} with an integer dtype and a device. */
    public static Tensor triuIndices(long row, long col, long offset, DType dtype, Device device) {
        return Factories.triangleIndices(row, col, offset, false, dtype, device);
    }

    /** {@code torch.logspace} with base 10: 10^x for {@code steps} evenly spaced x from start to end (the default dtype). */
    public static Tensor logspace(double start, double end, long steps) {
        return logspace(start, end, steps, 10.0);
    }

    /** {@code torch.logspace}: base^x for {@code steps} evenly spaced x from start to end (the default dtype). */
    public static Tensor logspace(double start, double end, long steps, double base) {
        return Factories.logspace(start, end, steps, base, getDefaultDtype(), getDefaultDevice());
    }

    /** {@code torch.logspace} in {@code dtype} on {@code device}. */
    public static Tensor logspace(double start, double end, long steps, double base, DType dtype, Device device) {
        return Factories.logspace(start, end, steps, base, dtype, device);
    }

    /** {@code torch.vander}: the decreasing powers x^(n-1) ... x^0 of a 1-d x as columns. */
    public static Tensor vander(Tensor x) {
        return Factories.vander(x, null, false);
    }

    /** {@code torch.vander} with {@code n} columns (null: len(x)), increasing powers when asked; integers in int64. */
    public static Tensor vander(Tensor x, Long n, boolean increasing) {
        return Factories.vander(x, n, increasing);
    }

    /** {@code torch.kron}: the Kronecker product. */
    public static Tensor kron(Tensor a, Tensor b) {
        return a.kron(b);
    }

    /** {@code torch.tensordot} over the last two dims of a and the first two of b. */
    public static Tensor tensordot(Tensor a, Tensor b) {
        return Contractions.tensordot(a, b, 2);
    }

    /** {@code torch.tensordot} over the last {@code dims} dims of a and the first {@code dims} of b. */
    public static Tensor tensordot(Tensor a, Tensor b, long dims) {
        return Contractions.tensordot(a, b, dims);
    }

    /** {@code torch.tensordot} contracting {@code dimsA[i]} of a with {@code dimsB[i]} of b. */
    public static Tensor tensordot(Tensor a, Tensor b, int[] dimsA, int[] dimsB) {
        return Contractions.tensordot(a, b, dimsA, dimsB);
    }

    /** {@code torch.inner}: see {@link Tensor#inner}. */
    public static Tensor inner(Tensor a, Tensor b) {
        return a.inner(b);
    }

    /** {@code torch.vdot}: see {@link Tensor#vdot}. */
    public static Tensor vdot(Tensor a, Tensor b) {
        return a.vdot(b);
    }

    /** {@code torch.addmv}: {@code beta * input + alpha * (mat @ vec)}. */
    public static Tensor addmv(Tensor input, Tensor mat, Tensor vec, double beta, double alpha) {
        return input.addmv(mat, vec, beta, alpha);
    }

    /** {@code torch.addmv} with beta = alpha = 1. */
    public static Tensor addmv(Tensor input, Tensor mat, Tensor vec) {
        return input.addmv(mat, vec);
    }

    /** {@code torch.addr}: {@code beta * input + alpha * outer(vec1, vec2)}. */
    public static Tensor addr(Tensor input, Tensor vec1, Tensor vec2, double beta, double alpha) {
        return input.addr(vec1, vec2, beta, alpha);
    }

    /** {@code torch.addr} with beta = alpha = 1. */
    public static Tensor addr(Tensor input, Tensor vec1, Tensor vec2) {
        return input.addr(vec1, vec2);
    }

    /** {@code torch.addbmm}: {@code beta * input + alpha * sum_b batch1[b] @ batch2[b]}. */
    public static Tensor addbmm(Tensor input, Tensor batch1, Tensor batch2, double beta, double alpha) {
        return input.addbmm(batch1, batch2, beta, alpha);
    }

    /** {@code torch.addbmm} with beta = alpha = 1. */
    public static Tensor addbmm(Tensor input, Tensor batch1, Tensor batch2) {
        return input.addbmm(batch1, batch2);
    }

    /** {@code torch.chain_matmul} (deprecated in PyTorch for linalg.multi_dot): the product of 2-d matrices. */
    public static Tensor chainMatmul(Tensor... matrices) {
        return Contractions.chainMatmul(List.of(matrices));
    }

    /** {@code torch.cdist} with p = 2. */
    public static Tensor cdist(Tensor x1, Tensor x2) {
        return Norms.cdist(x1, x2, 2, null);
    }

    /** {@code torch.cdist}: the p-norm distances between the rows of x1 [..., P, M] and x2 [..., R, M] (batch dims broadcast). */
    public static Tensor cdist(Tensor x1, Tensor x2, double p) {
        return Norms.cdist(x1, x2, p, null);
    }

    /**
     * {@code torch.cdist} with PyTorch's {@code compute_mode} (null, "use_mm_for_euclid_dist_if_necessary",
     * "use_mm_for_euclid_dist" or "donot_use_mm_for_euclid_dist"): for p = 2, whether the distances come from
     * matrix products (|a|^2 + |b|^2 - 2 a.b; the default when either set has more than 25 rows) or from differences.
     */
    public static Tensor cdist(Tensor x1, Tensor x2, double p, String computeMode) {
        return Norms.cdist(x1, x2, p, computeMode);
    }

    /** {@code torch.dist} with p = 2. */
    public static Tensor dist(Tensor input, Tensor other) {
        return input.dist(other);
    }

    /** {@code torch.dist}: the p-norm of {@code input - other}. */
    public static Tensor dist(Tensor input, Tensor other, double p) {
        return input.dist(other, p);
    }

    /** {@code torch.renorm}: see {@link Tensor#renorm}. */
    public static Tensor renorm(Tensor input, double p, int dim, double maxnorm) {
        return input.renorm(p, dim, maxnorm);
    }

    // ---- special and missing elementwise math ----

    /** {@code torch.logaddexp(a, b)}; see {@link Tensor#logaddexp(Tensor)}. */
    public static Tensor logaddexp(Tensor a, Tensor b) {
        return a.logaddexp(b);
    }

    /** {@code torch.logaddexp2(a, b)}; see {@link Tensor#logaddexp2(Tensor)}. */
    public static Tensor logaddexp2(Tensor a, Tensor b) {
        return a.logaddexp2(b);
    }

    /** {@code torch.heaviside(x, values)}; see {@link Tensor#heaviside(Tensor)}. */
    public static Tensor heaviside(Tensor x, Tensor values) {
        return x.heaviside(values);
    }

    /** {@code torch.frexp(x)}; see {@link Tensor#frexp()}. */
    public static MantissaExponent frexp(Tensor x) {
        return x.frexp();
    }

    /** {@code torch.ldexp(x, e)}; see {@link Tensor#ldexp(Tensor)}. */
    public static Tensor ldexp(Tensor x, Tensor e) {
        return x.ldexp(e);
    }

    /** {@code torch.nextafter(x, y)}; see {@link Tensor#nextafter(Tensor)}. */
    public static Tensor nextafter(Tensor x, Tensor y) {
        return x.nextafter(y);
    }

    /** {@code torch.gcd(a, b)}; see {@link Tensor#gcd(Tensor)}. */
    public static Tensor gcd(Tensor a, Tensor b) {
        return a.gcd(b);
    }

    /** {@code torch.lcm(a, b)}; see {@link Tensor#lcm(Tensor)}. */
    public static Tensor lcm(Tensor a, Tensor b) {
        return a.lcm(b);
    }

    /** {@code torch.deg2rad(x)}; see {@link Tensor#deg2rad()}. */
    public static Tensor deg2rad(Tensor x) {
        return x.deg2rad();
    }

    /** {@code torch.rad2deg(x)}; see {@link Tensor#rad2deg()}. */
    public static Tensor rad2deg(Tensor x) {
        return x.rad2deg();
    }

    /** {@code torch.float_power(base, exponent)}; see {@link Tensor#floatPower(Tensor)}. */
    public static Tensor floatPower(Tensor base, Tensor exponent) {
        return base.floatPower(exponent);
    }

    /** {@code torch.float_power(base, exponent)} with a scalar exponent. */
    public static Tensor floatPower(Tensor base, double exponent) {
        return base.floatPower(exponent);
    }

    /** {@code torch.float_power(base, exponent)} with a scalar base. */
    public static Tensor floatPower(double base, Tensor exponent) {
        return Pointwise.scalar(exponent, base).floatPower(exponent);
    }

    /** {@code torch.i0(x)}; see {@link Tensor#i0()}. */
    public static Tensor i0(Tensor x) {
        return x.i0();
    }

    /** {@code torch.igamma(a, x)}; see {@link Tensor#igamma(Tensor)}. */
    public static Tensor igamma(Tensor a, Tensor x) {
        return a.igamma(x);
    }

    /** {@code torch.igammac(a, x)}; see {@link Tensor#igammac(Tensor)}. */
    public static Tensor igammac(Tensor a, Tensor x) {
        return a.igammac(x);
    }

    /** {@code torch.logit(x)}; see {@link Tensor#logit()}. */
    public static Tensor logit(Tensor x) {
        return x.logit();
    }

    /** {@code torch.logit(x, eps)}; see {@link Tensor#logit(double)}. */
    public static Tensor logit(Tensor x, double eps) {
        return x.logit(eps);
    }

    /** {@code torch.sinc(x)}; see {@link Tensor#sinc()}. */
    public static Tensor sinc(Tensor x) {
        return x.sinc();
    }

    /** {@code torch.isreal(x)}; see {@link Tensor#isreal()}. */
    public static Tensor isreal(Tensor x) {
        return x.isreal();
    }

    // ---- window functions, finite differences, the trapezoidal rule ----

    /** {@code torch.hann_window(length)}: the periodic Hann window {@code 0.5 - 0.5 cos(2 pi k / N)} in the default dtype. */
    public static Tensor hannWindow(long length) {
        return hannWindow(length, true, getDefaultDtype());
    }

    /**
     * {@code torch.hann_window(length, periodic, dtype)}: {@code N = length} when periodic (the first {@code length}
     * points of the symmetric window of {@code length + 1}, for spectral analysis), {@code length - 1} otherwise.
     *
     * @throws IllegalArgumentException for a negative length or a non-floating dtype
     */
    public static Tensor hannWindow(long length, boolean periodic, DType dtype) {
        return SignalWindows.hamming("hann_window", length, periodic, 0.5, 0.5, dtype);
    }

    /** {@code torch.hamming_window(length)}: periodic, {@code 0.54 - 0.46 cos(2 pi k / N)}, in the default dtype. */
    public static Tensor hammingWindow(long length) {
        return hammingWindow(length, true, 0.54, 0.46, getDefaultDtype());
    }

    /** {@code torch.hamming_window(length, periodic, alpha, beta, dtype)}: {@code alpha - beta cos(2 pi k / N)}. */
    public static Tensor hammingWindow(long length, boolean periodic, double alpha, double beta, DType dtype) {
        return SignalWindows.hamming("hamming_window", length, periodic, alpha, beta, dtype);
    }

    /** {@code torch.blackman_window(length)}: periodic, in the default dtype. */
    public static Tensor blackmanWindow(long length) {
        return blackmanWindow(length, true, getDefaultDtype());
    }

    /** {@code torch.blackman_window(length, periodic, dtype)}: {@code 0.42 - 0.5 cos(2 pi k / N) + 0.08 cos(4 pi k / N)}. */
    public static Tensor blackmanWindow(long length, boolean periodic, DType dtype) {
        return SignalWindows.blackman(length, periodic, dtype);
    }

    /** {@code torch.bartlett_window(length)}: periodic, in the default dtype. */
    public static Tensor bartlettWindow(long length) {
        return bartlettWindow(length, true, getDefaultDtype());
    }

    /** {@code torch.bartlett_window(length, periodic, dtype)}: the triangular window {@code 1 - |2k / N - 1|}. */
    public static Tensor bartlettWindow(long length, boolean periodic, DType dtype) {
        return SignalWindows.bartlett(length, periodic, dtype);
    }

    /** {@code torch.kaiser_window(length)}: periodic, {@code beta = 12}, in the default dtype. */
    public static Tensor kaiserWindow(long length) {
        return kaiserWindow(length, true, 12.0, getDefaultDtype());
    }

    /** {@code torch.kaiser_window(length, periodic, beta, dtype)}: {@code I0(beta sqrt(1 - (2k / N - 1)^2)) / I0(beta)}. */
    public static Tensor kaiserWindow(long length, boolean periodic, double beta, DType dtype) {
        return SignalWindows.kaiser(length, periodic, beta, dtype);
    }

    /** {@code torch.diff(input, n, dim, prepend, append)}; see {@link Tensor#diff(long, int, Tensor, Tensor)}. */
    public static Tensor diff(Tensor input, long n, int dim, Tensor prepend, Tensor append) {
        return input.diff(n, dim, prepend, append);
    }

    /**
     * {@code torch.gradient(input)}: the derivative along every dim, one tensor per dim, from samples 1 apart
     * (second-order central differences inside, first-order one-sided ones at the edges).
     */
    public static List<Tensor> gradient(Tensor input) {
        return Calculus.gradient(input, new double[] {1.0}, null, 1);
    }

    /**
     * {@code torch.gradient(input, spacing=spacing, dim=dims, edge_order=edgeOrder)}: along each of {@code dims}
     * (null: every dim), with samples {@code spacing} apart (one value for all dims, or one per dim) and edges
     * estimated to order {@code edgeOrder} (1 or 2). Each dim needs at least {@code edgeOrder + 1} samples.
     */
    public static List<Tensor> gradient(Tensor input, double[] spacing, int[] dims, int edgeOrder) {
        return Calculus.gradient(input, spacing, dims, edgeOrder);
    }

    /**
     * {@code torch.gradient(input, spacing=coordinates, ...)}: samples at the given coordinates, a 1-d tensor per dim
     * with one value per sample (unevenly spaced samples get the second-order formula exact for quadratics).
     */
    public static List<Tensor> gradient(Tensor input, List<Tensor> coordinates, int[] dims, int edgeOrder) {
        return Calculus.gradient(input, coordinates, dims, edgeOrder);
    }

    /** {@code torch.trapezoid(y)}: the trapezoidal rule along the last dim with unit spacing. */
    public static Tensor trapezoid(Tensor y) {
        return Calculus.trapezoid(y, 1.0, -1);
    }

    /** {@code torch.trapezoid(y, dx=dx, dim=dim)}: samples {@code dx} apart along {@code dim}. */
    public static Tensor trapezoid(Tensor y, double dx, int dim) {
        return Calculus.trapezoid(y, dx, dim);
    }

    /**
     * {@code torch.trapezoid(y, x, dim=dim)}: samples at the points {@code x}, a 1-d tensor with one point per sample
     * along {@code dim}, or a tensor with y's number of dims (broadcast against it) whose differences along
     * {@code dim} are the spacings.
     */
    public static Tensor trapezoid(Tensor y, Tensor x, int dim) {
        return Calculus.trapezoid(y, x, dim);
    }

    /** {@code torch.cumulative_trapezoid(y, dx=dx, dim=dim)}: the running trapezoidal integral (one element shorter). */
    public static Tensor cumulativeTrapezoid(Tensor y, double dx, int dim) {
        return Calculus.cumulativeTrapezoid(y, dx, dim);
    }

    /** {@code torch.cumulative_trapezoid(y, x, dim=dim)}: the running integral over the points {@code x}. */
    public static Tensor cumulativeTrapezoid(Tensor y, Tensor x, int dim) {
        return Calculus.cumulativeTrapezoid(y, x, dim);
    }

    // ---- niche names ----

    /**
     * {@code torch.finfo(dtype)}: eps, max, min, tiny, resolution and bits of a floating dtype (a complex
     * dtype gives its real type's).
     *
     * @throws IllegalArgumentException for bool and integer dtypes (PyTorch's TypeError message)
     */
    public static FInfo finfo(DType dtype) {
        return FInfo.of(dtype);
    }

    /** {@code torch.finfo()}: the default float dtype's {@link #finfo(DType)}. */
    public static FInfo finfo() {
        return FInfo.of(getDefaultDtype());
    }

    /**
     * {@code torch.iinfo(dtype)}: the bits, min and max of an integer dtype.
     *
     * @throws IllegalArgumentException for bool (PyTorch 1.13 refuses it) and floating or complex dtypes
     */
    public static IInfo iinfo(DType dtype) {
        return IInfo.of(dtype);
    }

    /**
     * {@code torch.set_printoptions(precision, threshold, edgeitems, linewidth, profile, sci_mode)} with
     * PyTorch's rules: a {@code profile} ("default", "short", "full"; null for none) is applied first, then
     * each non-null option; {@code sciMode} is always set (null: each tensor chooses). The options are global
     * and apply to prints on every thread; see {@link PrintOptions}.
     */
    public static void setPrintoptions(Integer precision, Double threshold, Integer edgeitems, Integer linewidth, String profile,
            Boolean sciMode) {
        PrintOptions o = profile == null ? Printer.options() : PrintOptions.profile(profile);
        if (precision != null) o = o.withPrecision(precision);
        if (threshold != null) o = o.withThreshold(threshold);
        if (edgeitems != null) o = o.withEdgeitems(edgeitems);
        if (linewidth != null) o = o.withLinewidth(linewidth);
        Printer.setOptions(o.withSciMode(sciMode));
    }

    /**
     * Sets all print options at once ({@code PrintOptions.DEFAULT} restores PyTorch's defaults). Global:
     * a print on another thread sees either the old or the new options, never a mix.
     */
    public static void setPrintoptions(PrintOptions options) {
        Printer.setOptions(options);
    }

    /** The print options in force (PyTorch 2's {@code torch._tensor_str.get_printoptions()}). */
    public static PrintOptions getPrintoptions() {
        return Printer.options();
    }

    /** {@code torch.poisson(rates)} with the default generator; see {@link #poisson(Tensor, Generator)}. */
    public static Tensor poisson(Tensor rates) {
        return RandomCounts.poisson(rates, null);
    }

    /**
     * {@code torch.poisson(rates, generator)}: one Poisson count per rate, in the rates' dtype (float32,
     * float64 or bfloat16) and on their device, drawn with PyTorch's CPU sampler so that seeded draws equal
     * PyTorch's. The gradient is zero, as in PyTorch.
     *
     * @throws IllegalArgumentException for another dtype or a negative or NaN rate (before any draw)
     */
    public static Tensor poisson(Tensor rates, Generator generator) {
        return RandomCounts.poisson(rates, generator);
    }

    /** {@code torch.binomial(count, prob)} with the default generator; see {@link #binomial(Tensor, Tensor, Generator)}. */
    public static Tensor binomial(Tensor count, Tensor prob) {
        return RandomCounts.binomial(count, prob, null);
    }

    /**
     * {@code torch.binomial(count, prob, generator)}: the successes of {@code count} trials of probability
     * {@code prob} (broadcast together, both float32 or both float64), drawn with PyTorch's CPU sampler
     * (inversion, or BTRS for {@code count * p >= 10}) so that seeded draws equal PyTorch's. Not
     * differentiable: backward through it fails, as in PyTorch.
     */
    public static Tensor binomial(Tensor count, Tensor prob, Generator generator) {
        return RandomCounts.binomial(count, prob, generator);
    }

    /** {@code torch.histogramdd(input, bins)}: {@code bins[d]} equal bins over the data's range in each dim. */
    public static HistogramDd histogramdd(Tensor input, long[] bins) {
        return MultiHistograms.histogramdd(input, bins, null, null, false);
    }

    /**
     * {@code torch.histogramdd(input, bins, range, weight, density)}: the input's last dim holds each point's
     * N coordinates; {@code bins[d]} equal bins over {@code [range[2d], range[2d+1]]} (range null: each
     * dim's data range, widened by 1/2 each side when a point); {@code weight} (null: ones) has the input's
     * shape without its last dim; {@code density} divides by the total and the bin volumes.
     */
    public static HistogramDd histogramdd(Tensor input, long[] bins, double[] range, Tensor weight, boolean density) {
        return MultiHistograms.histogramdd(input, bins, range, weight, density);
    }

    /** {@code torch.histogramdd(input, bins=int, ...)}: the same number of bins in every dim. */
    public static HistogramDd histogramdd(Tensor input, long bins, double[] range, Tensor weight, boolean density) {
        return MultiHistograms.histogramdd(input, bins, range, weight, density);
    }

    /** {@code torch.histogramdd(input, bins=[edges...])}: each dim's increasing bin edges, in the input's dtype. */
    public static HistogramDd histogramdd(Tensor input, List<Tensor> bins) {
        return MultiHistograms.histogramdd(input, bins, null, false);
    }

    /** {@code torch.histogramdd} over given bin edges, with optional weights (null) and density. */
    public static HistogramDd histogramdd(Tensor input, List<Tensor> bins, Tensor weight, boolean density) {
        return MultiHistograms.histogramdd(input, bins, weight, density);
    }

    /** {@code torch.as_strided_scatter}; see {@link Tensor#asStridedScatter(Tensor, long[], long[], long)}. */
    public static Tensor asStridedScatter(Tensor input, Tensor src, long[] size, long[] stride, long storageOffset) {
        return input.asStridedScatter(src, size, stride, storageOffset);
    }

    /** {@code torch.as_strided_scatter} with storage offset 0. */
    public static Tensor asStridedScatter(Tensor input, Tensor src, long[] size, long[] stride) {
        return input.asStridedScatter(src, size, stride, 0);
    }

    /** {@code torch.frombuffer(buffer, dtype=dtype)}: all the bytes as elements of {@code dtype}; see the long form. */
    public static Tensor frombuffer(byte[] buffer, DType dtype) {
        return BufferTensors.frombuffer(java.nio.ByteBuffer.wrap(buffer), dtype, -1, 0);
    }

    /**
     * {@code torch.frombuffer(buffer, dtype, count, offset)}: a 1-d tensor of {@code count} elements
     * ({@code -1}: all) read little-endian from byte {@code offset}. The tensor holds a copy (a Java array
     * cannot be shared as another element type): later changes to the array do not show in it.
     *
     * @throws IllegalArgumentException with PyTorch's messages for an empty buffer, a zero count, an offset
     *     outside the buffer, or a length that does not fit
     */
    public static Tensor frombuffer(byte[] buffer, DType dtype, long count, long offset) {
        return BufferTensors.frombuffer(java.nio.ByteBuffer.wrap(buffer), dtype, count, offset);
    }

    /** {@code torch.frombuffer} of a buffer's remaining bytes (copied, read little-endian; its position stays). */
    public static Tensor frombuffer(java.nio.ByteBuffer buffer, DType dtype) {
        return BufferTensors.frombuffer(buffer, dtype, -1, 0);
    }

    /** {@code torch.frombuffer(buffer, dtype, count, offset)} of a buffer's remaining bytes; see the byte[] form. */
    public static Tensor frombuffer(java.nio.ByteBuffer buffer, DType dtype, long count, long offset) {
        return BufferTensors.frombuffer(buffer, dtype, count, offset);
    }

    /** {@code torch.conj_physical}; see {@link Tensor#conjPhysical()}. */
    public static Tensor conjPhysical(Tensor input) {
        return input.conjPhysical();
    }

    /** {@code torch.resolve_conj}; see {@link Tensor#resolveConj()}. */
    public static Tensor resolveConj(Tensor input) {
        return input.resolveConj();
    }

    /** {@code torch.resolve_neg}; see {@link Tensor#resolveNeg()}. */
    public static Tensor resolveNeg(Tensor input) {
        return input.resolveNeg();
    }

    /** {@code torch.is_conj}: always false (eager conjugation). */
    public static boolean isConj(Tensor input) {
        return input.isConj();
    }

    /** {@code torch.is_neg}: always false (no lazy negation). */
    public static boolean isNeg(Tensor input) {
        return input.isNeg();
    }

    /** {@code torch.as_tensor(data)}; see {@link #asTensor(Object, DType, Device)}. */
    public static Tensor asTensor(Object data) {
        return AsTensors.asTensor(data, null, null);
    }

    /** {@code torch.as_tensor(data, dtype=dtype)}; see {@link #asTensor(Object, DType, Device)}. */
    public static Tensor asTensor(Object data, DType dtype) {
        return AsTensors.asTensor(data, dtype, null);
    }

    /**
     * {@code torch.as_tensor(data, dtype, device)}: a tensor is returned itself when dtype (null: keep) and
     * device (null: keep) already match, else converted; nested Java arrays keep their element type's dtype;
     * nested {@link List}s of numbers or booleans infer it as Python lists do (bool, int64, else the default
     * float dtype); a single {@link Number} or {@link Boolean} gives a 0-dim tensor. Arrays and lists are
     * copied.
     */
    public static Tensor asTensor(Object data, DType dtype, Device device) {
        return AsTensors.asTensor(data, dtype, device);
    }

    /** {@code torch.asarray(obj)}; see {@link #asarray(Object, DType, Device, Boolean, boolean)}. */
    public static Tensor asarray(Object obj) {
        return AsTensors.asarray(obj, null, null, null, false);
    }

    /**
     * {@code torch.asarray(obj, dtype=, device=, copy=, requires_grad=)}: as {@link #asTensor(Object, DType,
     * Device)}, with {@code copy} true (always a new tensor), false (refuse a conversion or Java data, with
     * PyTorch's messages) or null (share when possible); {@code requiresGrad} sets it on the result.
     */
    public static Tensor asarray(Object obj, DType dtype, Device device, Boolean copy, boolean requiresGrad) {
        return AsTensors.asarray(obj, dtype, device, copy, requiresGrad);
    }

    // aliases and small torch functions

    /** {@code torch.concat(tensors, dim)}: alias of {@link #cat(List, int)}. */
    public static Tensor concat(List<Tensor> tensors, int dim) {
        return cat(tensors, dim);
    }

    /** {@code torch.concat(tensors)}: alias of {@link #cat(List)} (dim 0). */
    public static Tensor concat(List<Tensor> tensors) {
        return cat(tensors);
    }

    /** {@code torch.concatenate(tensors, dim)}: alias of {@link #cat(List, int)}. */
    public static Tensor concatenate(List<Tensor> tensors, int dim) {
        return cat(tensors, dim);
    }

    /** {@code torch.trapz(y, dx=dx, dim=dim)}: alias of {@link #trapezoid(Tensor, double, int)}. */
    public static Tensor trapz(Tensor y, double dx, int dim) {
        return trapezoid(y, dx, dim);
    }

    /** {@code torch.trapz(y, x, dim=dim)}: alias of {@link #trapezoid(Tensor, Tensor, int)}. */
    public static Tensor trapz(Tensor y, Tensor x, int dim) {
        return trapezoid(y, x, dim);
    }

    /** {@code torch.is_tensor(obj)}: whether {@code obj} is a {@link Tensor}. */
    public static boolean isTensor(Object obj) {
        return obj instanceof Tensor;
    }

    /**
     * {@code torch.get_rng_state()}: the default generator's state as a uint8 tensor in PyTorch's byte layout
     * (5056 bytes; loadable by PyTorch's {@code set_rng_state} and the other way round).
     */
    public static Tensor getRngState() {
        byte[] state = defaultGenerator().getState();
        return fromArray(DType.UINT8, state, state.length, new long[] {state.length});
    }

    /** {@code torch.set_rng_state(state)}: restores the default generator from a {@link #getRngState()} tensor. */
    public static void setRngState(Tensor state) {
        if (state.dtype() != DType.UINT8) {
            throw new IllegalArgumentException("RNG state must be a torch.ByteTensor");
        }
        byte[] bytes = new byte[(int) state.numel()];
        long[] values = state.contiguous().toLongArray();
        for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) values[i];
        defaultGenerator().setState(bytes);
    }

    /**
     * {@code torch.empty_strided(size, stride, dtype, device)}: a tensor of {@code size} with the given strides
     * over a new storage just large enough; its elements are zero (PyTorch leaves them uninitialised).
     */
    public static Tensor emptyStrided(long[] size, long[] stride, DType dtype, Device device) {
        if (size.length != stride.length) {
            throw new IllegalArgumentException("dimensionality of sizes (" + size.length + ") must match dimensionality of strides ("
                    + stride.length + ")");
        }
        long storage = 1;
        for (int i = 0; i < size.length; i++) {
            if (size[i] < 0) throw new IllegalArgumentException("Trying to create tensor with negative dimension " + size[i] + ": " + Shapes.str(size));
            storage += (size[i] - 1) * stride[i];
        }
        if (Shapes.numel(size) == 0) storage = 0;
        return zeros(new long[] {storage}, dtype, device).asStrided(size, stride, 0);
    }

    /** {@code torch.empty_strided(size, stride)} in the default dtype on the default device. */
    public static Tensor emptyStrided(long[] size, long[] stride) {
        return emptyStrided(size, stride, getDefaultDtype(), defaultDevice);
    }

    /**
     * {@code torch.randint_like(input, low, high)}: integers in [low, high) in the input's shape, dtype and device,
     * drawn as PyTorch draws them ({@code empty_like(input).random_(low, high)}), so seeded values match.
     */
    public static Tensor randintLike(Tensor input, long low, long high) {
        return emptyLike(input).random_(low, high);
    }

    /** {@code torch.randint_like(input, high)}: {@link #randintLike(Tensor, long, long)} from 0. */
    public static Tensor randintLike(Tensor input, long high) {
        return randintLike(input, 0, high);
    }
}
