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

    public static boolean isGradEnabled() {
        return GradMode.isEnabled();
    }

    public static boolean isInferenceModeEnabled() {
        return GradMode.isInference();
    }

    // ---- factories -------------------------------------------------------------------------------

    /** A float32 tensor of {@code shape} holding {@code data} in row-major order (copied). */
    public static Tensor tensor(float[] data, long... shape) {
        return fromArray(DType.FLOAT32, data.clone(), data.length, shape);
    }

    public static Tensor tensor(double[] data, long... shape) {
        return fromArray(DType.FLOAT64, data.clone(), data.length, shape);
    }

    public static Tensor tensor(long[] data, long... shape) {
        return fromArray(DType.INT64, data.clone(), data.length, shape);
    }

    public static Tensor tensor(int[] data, long... shape) {
        return fromArray(DType.INT32, data.clone(), data.length, shape);
    }

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
     * nesting, the dtype the element type (float, double, long, int, boolean).
     */
    public static Tensor tensor(Object nested) {
        if (nested instanceof Number n) {
            return n instanceof Double || n instanceof Float ? scalarTensor(n.doubleValue()) : scalarTensor(n.longValue());
        }
        if (nested instanceof Boolean b) return tensor(new boolean[] {b});
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

    public static Tensor zeros(long... shape) {
        return zeros(shape, getDefaultDtype(), defaultDevice);
    }

    public static Tensor zeros(long[] shape, DType dtype) {
        return zeros(shape, dtype, defaultDevice);
    }

    public static Tensor zeros(long[] shape, DType dtype, Device device) {
        return Dispatch.empty(shape, dtype, device);
    }

    public static Tensor ones(long... shape) {
        return ones(shape, getDefaultDtype(), defaultDevice);
    }

    public static Tensor ones(long[] shape, DType dtype) {
        return ones(shape, dtype, defaultDevice);
    }

    public static Tensor ones(long[] shape, DType dtype, Device device) {
        return full(shape, 1L, dtype, device);
    }

    /** Uninitialised in PyTorch; zero-filled here (Java memory always is). */
    public static Tensor empty(long... shape) {
        return zeros(shape);
    }

    public static Tensor empty(long[] shape, DType dtype) {
        return zeros(shape, dtype, defaultDevice);
    }

    public static Tensor empty(long[] shape, DType dtype, Device device) {
        return zeros(shape, dtype, device);
    }

    /** A tensor filled with {@code value}: float32 for a double, as {@code torch.full}. */
    public static Tensor full(long[] shape, double value) {
        return full(shape, value, getDefaultDtype(), defaultDevice);
    }

    public static Tensor full(long[] shape, long value) {
        return full(shape, value, DType.INT64, defaultDevice);
    }

    public static Tensor full(long[] shape, double value, DType dtype) {
        return full(shape, value, dtype, defaultDevice);
    }

    public static Tensor full(long[] shape, double value, DType dtype, Device device) {
        Tensor t = Dispatch.empty(shape, dtype, device);
        if (dtype.isComplex()) Complexes.fill(t, value);
        else if (value != 0 || Double.doubleToRawLongBits(value) != 0) Dispatch.backend(device).fill(t.strided(), value);
        return t;
    }

    public static Tensor full(long[] shape, long value, DType dtype, Device device) {
        Tensor t = Dispatch.empty(shape, dtype, device);
        if (dtype.isComplex()) Complexes.fill(t, value);
        else if (value != 0) Dispatch.backend(device).fill(t.strided(), value);
        return t;
    }

    public static Tensor zerosLike(Tensor t) {
        return zeros(t.shape, t.dtype(), t.device());
    }

    public static Tensor onesLike(Tensor t) {
        return ones(t.shape, t.dtype(), t.device());
    }

    public static Tensor emptyLike(Tensor t) {
        return zerosLike(t);
    }

    public static Tensor fullLike(Tensor t, double value) {
        return full(t.shape, value, t.dtype(), t.device());
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

    public static Tensor rand(long[] shape, Generator generator) {
        return RandomOps.uniform(zeros(shape), 0, 1, generator);
    }

    public static Tensor rand(long[] shape, DType dtype) {
        return RandomOps.uniform(zeros(shape, dtype), 0, 1, null);
    }

    /** Standard normal from the default generator. */
    public static Tensor randn(long... shape) {
        return RandomOps.normal(zeros(shape), 0, 1, null);
    }

    public static Tensor randn(long[] shape, Generator generator) {
        return RandomOps.normal(zeros(shape), 0, 1, generator);
    }

    public static Tensor randn(long[] shape, DType dtype) {
        return RandomOps.normal(zeros(shape, dtype), 0, 1, null);
    }

    /** Integers in [low, high) as int64. */
    public static Tensor randint(long low, long high, long... shape) {
        return RandomOps.randomInPlace(zeros(shape, DType.INT64), low, high, null);
    }

    public static Tensor randint(long low, long high, long[] shape, DType dtype, Generator generator) {
        return RandomOps.randomInPlace(zeros(shape, dtype), low, high, generator);
    }

    public static Tensor randLike(Tensor t) {
        return RandomOps.uniform(zerosLike(t), 0, 1, null);
    }

    public static Tensor randnLike(Tensor t) {
        return RandomOps.normal(zerosLike(t), 0, 1, null);
    }

    /** A random permutation of 0..n-1 (int64). */
    public static Tensor randperm(long n) {
        return RandomOps.randperm(n, null);
    }

    public static Tensor randperm(long n, Generator generator) {
        return RandomOps.randperm(n, generator);
    }

    /** Draws {@code numSamples} class indices per row of (unnormalised) probabilities. */
    public static Tensor multinomial(Tensor probs, long numSamples, boolean replacement) {
        return RandomOps.multinomial(probs, numSamples, replacement, null);
    }

    public static Tensor multinomial(Tensor probs, long numSamples, boolean replacement, Generator generator) {
        return RandomOps.multinomial(probs, numSamples, replacement, generator);
    }

    /** 1 with probability {@code probs}, elementwise. */
    public static Tensor bernoulli(Tensor probs) {
        return RandomOps.bernoulli(probs, null);
    }

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

    public static Tensor cat(List<Tensor> tensors) {
        return Joins.cat(tensors, 0);
    }

    /** Stacks along a new dimension. */
    public static Tensor stack(List<Tensor> tensors, int dim) {
        return Joins.stack(tensors, dim);
    }

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

    public static Tensor matmul(Tensor a, Tensor b) {
        return a.matmul(b);
    }

    /** {@code beta * input + alpha * (mat1 @ mat2)}. */
    public static Tensor addmm(Tensor input, Tensor mat1, Tensor mat2, double beta, double alpha) {
        Tensor[] ac = org.torch4j.amp.Autocast.lowerPrecision(input, mat1, mat2);
        return ac == null ? LinAlg.addmm(input, mat1, mat2, beta, alpha) : LinAlg.addmm(ac[0], ac[1], ac[2], beta, alpha);
    }

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
     * Pads the last dimensions: {@code pad} is (left, right) for the last dim, then the one before, ...
     * Modes "constant" (with {@code value}), "reflect", "replicate", "circular".
     */
    public static Tensor pad(Tensor input, long[] pad, String mode, double value) {
        return Joins.pad(input, pad, mode, value);
    }

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
}
