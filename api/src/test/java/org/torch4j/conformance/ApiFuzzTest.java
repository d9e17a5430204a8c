package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Device;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Module;

/**
 * Odd arguments through the public API, drawn with a fixed seed: every {@link Tensor} method, the static functions of
 * {@code Torch}, {@code F}, {@code Linalg}, {@code Special} and {@code Fft}, and every {@code nn} module's constructors
 * with a {@code forward(Tensor)} after. Operands are small tensors of many dtypes and layouts (0-dim, empty,
 * transposed, expanded, strided, NaN and infinities, complex), and numbers, sizes, dims and names around the edges
 * (negative, zero, out of range). A call may succeed, or fail with the error that names the problem: an
 * IllegalArgument, IllegalState or UnsupportedOperation, an IndexOutOfBounds of the library's wording, a
 * {@code LinAlgException}, the ZeroDivisionError of integer division. Failing inside the library instead (a
 * NullPointer, ClassCast, ArrayIndexOutOfBounds, NegativeArraySize, the JDK's "Index 3 out of bounds for length 3",
 * a Java division by zero) fails the test, which names the call. A second pass differentiates through every Tensor
 * method on float64 leaves and checks each gradient's shape. Its first runs found such inputs (as_strided's
 * offset, multinomial's count, batch norm over no channels, attention's and CrossMapLRN2d's sizes, a per-channel
 * observer's axis, dims of 0-dim tensors, the product of nothing and as_strided's backward), each now mended.
 */
class ApiFuzzTest {
    /** Where the drawn tensors and the modules live; a backend's suite overrides it (the CUDA backend's CudaApiFuzzTest). */
    protected Device device() {
        return Device.CPU;
    }

    /** Calls per function, method or constructor; a domain library's suite, with fewer of them, affords more. */
    protected int trials() {
        return 12;
    }

    /** The classes whose static functions are fuzzed; a domain library's suite names its own. */
    protected List<String> functionClasses() {
        return List.of("org.torch4j.Torch", "org.torch4j.nn.F", "org.torch4j.linalg.Linalg", "org.torch4j.special.Special", "org.torch4j.fft.Fft");
    }

    /** A class of the package whose modules are fuzzed (the package's classes are listed from its jar or folder). */
    protected Class<?> modulePackage() {
        return Module.class;
    }

    /** Global state a call must not change under the other tests, and the frees. */
    private static final Set<String> SKIPPED = Set.of("manualSeed", "setDefaultDevice", "setDefaultDtype", "setNumThreads",
            "setPrintoptions", "setRngState", "close", "registerHook");

    private final Random random = new Random(20261206);
    private final List<Supplier<Tensor>> tensors = List.of(
            () -> Torch.randn(2, 3), () -> Torch.randn(3), () -> Torch.tensor(2.5), () -> Torch.zeros(0), () -> Torch.zeros(2, 0, 3),
            () -> Torch.randn(3, 2).t(), () -> Torch.randn(1, 3).expand(2, 3), () -> Torch.arange(6).reshape(2, 3),
            () -> Torch.arange(3).to(DType.INT32), () -> Torch.randn(2, 3).gt(0), () -> Torch.randn(2, 3).to(DType.FLOAT64),
            () -> Torch.randn(2, 3).to(DType.FLOAT16), () -> Torch.randn(2, 3).to(DType.BFLOAT16), () -> Torch.arange(4).to(DType.UINT8),
            () -> Torch.arange(6).to(DType.INT8).reshape(3, 2), () -> Torch.randn(2, 3, 4), () -> Torch.tensor(3L),
            () -> Torch.randn(4, 6).slice(1, 0, 6, 2), () -> Torch.tensor(new double[] {Double.NaN, Double.POSITIVE_INFINITY, -1, 0}, 4),
            () -> Torch.randn(2, 3).to(DType.COMPLEX64), () -> Torch.randn(5, 5), () -> Torch.randn(1, 3, 8, 8), () -> Torch.tensor(true));
    /** For the autograd pass: float64 leaves that require grad, and now and then an int64 index. */
    private final List<Supplier<Tensor>> leaves = List.of(
            () -> Torch.randn(2, 3), () -> Torch.randn(3), () -> Torch.tensor(2.5), () -> Torch.zeros(0), () -> Torch.zeros(2, 0, 3),
            () -> Torch.randn(3, 2).t(), () -> Torch.randn(1, 3).expand(2, 3), () -> Torch.randn(2, 3, 4), () -> Torch.randn(3, 3),
            () -> Torch.randn(4, 6).slice(1, 0, 6, 2), () -> Torch.randn(1, 2, 4, 4));
    private boolean grad;
    private final Map<String, String> failures = new TreeMap<>();
    private int calls, refused;

    /** Values decide some outcomes (a factorization of a singular draw), so the global generator starts alike in every run. */
    @org.junit.jupiter.api.BeforeEach
    void seed() {
        Torch.manualSeed(20261206);
    }

    @Test
    void tensorMethodsFailOnlyAtTheirChecks() {
        for (Method m : sorted(Tensor.class.getMethods())) {
            if (!Modifier.isStatic(m.getModifiers()) && m.getDeclaringClass() != Object.class) fuzz(m, () -> tensor());
        }
        report("Tensor methods");
    }

    /**
     * The same draws with float64 operands that require grad: a floating result that requires grad is summed and
     * differentiated, and every leaf's gradient must have the leaf's shape. In the backward pass only PyTorch's "not
     * implemented" derivatives may refuse, since the forward accepted the arguments.
     */
    @Test
    void gradientsFlowBackThroughTensorMethods() {
        grad = true;
        for (Method m : sorted(Tensor.class.getMethods())) {
            if (Modifier.isStatic(m.getModifiers()) || m.getDeclaringClass() == Object.class || m.getName().endsWith("_")
                    || Set.of("backward", "retainGrad", "setGrad", "keep").contains(m.getName())) {
                continue;
            }
            fuzz(m, () -> tensor());
        }
        report("autograd through Tensor methods");
    }

    @Test
    void functionsFailOnlyAtTheirChecks() throws ClassNotFoundException {
        for (String name : functionClasses()) {
            for (Method m : sorted(Class.forName(name).getMethods())) {
                if (Modifier.isStatic(m.getModifiers()) && m.getDeclaringClass() != Object.class) fuzz(m, () -> null);
            }
        }
        report("functions");
    }

    @Test
    void modulesFailOnlyAtTheirChecks() throws Exception {
        for (Class<?> c : moduleClasses(modulePackage())) {
            Method forward = null;
            for (Method m : c.getMethods()) {
                if (m.getName().equals("forward") && Arrays.equals(m.getParameterTypes(), new Class<?>[] {Tensor.class})) forward = m;
            }
            for (Constructor<?> k : sorted(c.getConstructors())) fuzz(k, forward);
        }
        report("modules of " + modulePackage().getPackageName());
        // and the library still computes afterwards
        assertEquals(6.0, Torch.arange(4).sum().item());
    }

    /** In a fixed order: the JVM lists a class's methods in no particular one, and each call draws from the one generator. */
    private static <E extends Executable> List<E> sorted(E[] all) {
        return Arrays.stream(all).sorted(java.util.Comparator.comparing(Executable::toGenericString)).toList();
    }

    /** Up to trials() calls of m on drawn arguments (self from {@code self} for an instance method). */
    private void fuzz(Method m, Supplier<Object> self) {
        if (SKIPPED.contains(m.getName())) return;
        for (int trial = 0; trial < trials(); trial++) {
            Object[] args = arguments(m);
            if (args == null) return;
            Object target = self.get();
            call(m, target, args, () -> {
                Object result = m.invoke(target, args);
                settle(result);
                if (grad) differentiate(result, target, args);
            });
        }
    }

    /** Up to trials() constructions of a module, each then called on a drawn input. */
    private void fuzz(Constructor<?> k, Method forward) {
        for (int trial = 0; trial < trials(); trial++) {
            Object[] args = arguments(k);
            if (args == null) return;
            Tensor input = tensor();
            call(k, null, args, () -> {
                Object module = k.newInstance(args);
                ((Module) module).to(device());
                if (forward != null) settle(forward.invoke(module, input));
                module.toString();
            });
        }
    }

    private interface Call {
        void run() throws ReflectiveOperationException;
    }

    private void call(Executable e, Object target, Object[] args, Call call) {
        calls++;
        Throwable cause;
        try (var mode = grad ? Torch.enableGrad() : Torch.noGrad()) {
            call.run();
            return;
        } catch (Backward x) {
            cause = x.getCause();
            if (cause instanceof UnsupportedOperationException && String.valueOf(cause.getMessage()).contains("not implemented")) {
                refused++;
                return;
            }
            cause = x;
        } catch (InvocationTargetException x) {
            cause = x.getCause();
        } catch (ReflectiveOperationException x) {
            throw new AssertionError(x);
        } catch (RuntimeException | StackOverflowError x) {
            cause = x;   // from using the result (printing it reads its elements)
        }
        if (named(cause)) {
            refused++;
        } else {
            String on = target == null ? e.getDeclaringClass().getSimpleName() : describe(target);
            failures.putIfAbsent(on + "." + e.getName() + Arrays.stream(args).map(ApiFuzzTest::describe).toList(),
                    cause + " at " + Arrays.stream((cause instanceof Backward ? cause.getCause() : cause).getStackTrace()).limit(3).toList());
        }
    }

    /** An error of the backward pass, which the forward's acceptance makes a failure (save PyTorch's "not implemented"). */
    private static final class Backward extends RuntimeException {
        Backward(Throwable cause) {
            super("in backward: " + cause, cause);
        }
    }

    /** sum(result).backward() for a floating result that requires grad; then each leaf's gradient has its shape. */
    private static void differentiate(Object result, Object target, Object[] args) {
        Tensor out = result instanceof Tensor t ? t : result instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Tensor t ? t : null;
        if (out == null || !out.requiresGrad() || !(out.isFloatingPoint() || out.isComplex())) return;
        try {
            (out.isComplex() ? out.abs() : out).sum().backward();
        } catch (RuntimeException x) {
            throw new Backward(x);
        }
        List<Object> operands = new ArrayList<>(Arrays.asList(args));
        operands.add(target);
        for (Object o : operands) {
            if (o instanceof Tensor t && t.grad() != null && !Arrays.equals(t.grad().shape(), t.shape())) {
                throw new Backward(new IllegalStateException("a gradient of shape " + Arrays.toString(t.grad().shape()) + " for a leaf of "
                        + Arrays.toString(t.shape())));
            }
        }
    }

    /** An error that names the problem, as opposed to one the JVM raised inside the library. */
    private static boolean named(Throwable t) {
        if (t.getMessage() == null || t.getMessage().contains("CUDA_ERROR")) return false;   // a driver error is never the user's
        if (t instanceof ArithmeticException) return t.getMessage().equals("ZeroDivisionError");
        if (t instanceof ArrayIndexOutOfBoundsException || t instanceof StringIndexOutOfBoundsException) return false;
        if (t instanceof IndexOutOfBoundsException) return !t.getMessage().matches("Index -?\\d+ out of bounds for length \\d+");
        return t instanceof IllegalArgumentException || t instanceof IllegalStateException || t instanceof UnsupportedOperationException
                || t.getClass().getName().equals("org.torch4j.linalg.LinAlgException");
    }

    /** A result's values computed and its modes left (a Mode or Scope a call opened is closed again). */
    private static void settle(Object result) {
        if (result instanceof Tensor t) {
            t.toString();
        } else if (result instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception x) {
                throw new AssertionError(x);
            }
        }
    }

    private void report(String what) {
        System.out.printf("api fuzz on %s, %s: %d calls, %d refused with a named error, %d failed inside%n", device(), what, calls, refused, failures.size());
        StringBuilder s = new StringBuilder();
        failures.forEach((call, error) -> s.append("\n  ").append(call).append(" -> ").append(error));
        assertTrue(failures.isEmpty(), "calls that failed inside the library:" + s);
    }

    private Tensor tensor() {
        if (!grad) return tensors.get(random.nextInt(tensors.size())).get().to(device());
        if (random.nextInt(3) == 0) return Torch.arange(3).to(device());
        return leaves.get(random.nextInt(leaves.size())).get().toDouble().to(device()).detach().requiresGrad_(true);
    }

    /** Arguments for every parameter, or null when a parameter's type is not drawn here. */
    private Object[] arguments(Executable e) {
        Class<?>[] types = e.getParameterTypes();
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            args[i] = draw(types[i]);
            if (args[i] == NONE) return null;
        }
        return args;
    }

    private static final Object NONE = new Object();

    private Object draw(Class<?> c) {
        if (c == Tensor.class) return tensor();
        if (c == long.class || c == Long.class) return new long[] {-3, -1, 0, 1, 2, 5}[random.nextInt(6)];
        if (c == int.class || c == Integer.class) return new int[] {-3, -1, 0, 1, 2, 5}[random.nextInt(6)];
        if (c == double.class || c == Double.class) return new double[] {0.5, -1, 0, Double.NaN, 2}[random.nextInt(5)];
        if (c == float.class || c == Float.class) return new float[] {0.5f, -1, 0, 2}[random.nextInt(4)];
        if (c == boolean.class || c == Boolean.class) return random.nextBoolean();
        if (c == long[].class) return new long[][] {{}, {0}, {1, -1}, {2, 3}, {-1}, {3}, {1}}[random.nextInt(7)];
        if (c == int[].class) return new int[][] {{}, {0}, {1, -1}, {2, 3}, {-1}}[random.nextInt(5)];
        if (c == double[].class) return new double[][] {{}, {1.0}, {0.5, 2}}[random.nextInt(3)];
        if (c == String.class) return new String[] {"mean", "sum", "none", "bogus", "floor", "trunc", "fro", "ij", ""}[random.nextInt(9)];
        if (c == DType.class) return DType.values()[random.nextInt(DType.values().length)];
        if (c == Number.class) return random.nextBoolean() ? (Object) 2L : (Object) 0.5;
        if (c == Tensor[].class || c == List.class) {
            Tensor[] ts = new Tensor[random.nextInt(3)];
            for (int i = 0; i < ts.length; i++) ts[i] = tensor();
            return c == List.class ? List.of(ts) : ts;
        }
        return NONE;
    }

    private static String describe(Object o) {
        if (o instanceof Tensor t) return t.dtype() + Arrays.toString(t.shape()) + (t.isContiguous() ? "" : " strided " + Arrays.toString(t.stride()));
        if (o instanceof long[] a) return Arrays.toString(a);
        if (o instanceof int[] a) return Arrays.toString(a);
        if (o instanceof double[] a) return Arrays.toString(a);
        if (o instanceof Tensor[] a) return Arrays.stream(a).map(ApiFuzzTest::describe).toList().toString();
        return String.valueOf(o);
    }

    /** The concrete modules of anchor's package, from the classes beside it (in its jar or folder). */
    private static List<Class<?>> moduleClasses(Class<?> anchor) throws Exception {
        List<Class<?>> out = new ArrayList<>();
        var location = anchor.getProtectionDomain().getCodeSource().getLocation();
        java.nio.file.Path root = java.nio.file.Path.of(location.toURI());
        String pkg = anchor.getPackageName(), folder = pkg.replace('.', '/') + "/";
        List<String> names = new ArrayList<>();
        if (java.nio.file.Files.isDirectory(root)) {
            try (var files = java.nio.file.Files.list(root.resolve(folder))) {
                files.forEach(f -> names.add(f.getFileName().toString()));
            }
        } else {
            try (var jar = new java.util.jar.JarFile(root.toFile())) {
                jar.stream().map(e -> e.getName()).filter(n -> n.startsWith(folder) && n.indexOf('/', folder.length()) < 0)
                        .forEach(n -> names.add(n.substring(folder.length())));
            }
        }
        for (String n : names.stream().sorted().toList()) {
            if (!n.endsWith(".class") || n.contains("$")) continue;
            Class<?> c = Class.forName(pkg + "." + n.substring(0, n.length() - 6));
            if (Module.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers()) && Modifier.isPublic(c.getModifiers())) out.add(c);
        }
        return out;
    }
}
