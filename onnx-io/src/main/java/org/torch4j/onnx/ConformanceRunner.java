package org.torch4j.onnx;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.onnx.importer.ElemType;
import org.torch4j.onnx.importer.ModelReader;
import org.torch4j.onnx.importer.TensorDecoder;
import org.torch4j.onnx.importer.UnsignedTensor;
import org.torch4j.onnx.importer.Values;
import org.torch4j.onnx.proto.OnnxDataProto.OptionalProto;
import org.torch4j.onnx.proto.OnnxDataProto.SequenceProto;
import org.torch4j.onnx.proto.OnnxProto.GraphProto;
import org.torch4j.onnx.proto.OnnxProto.ModelProto;
import org.torch4j.onnx.proto.OnnxProto.TensorProto;
import org.torch4j.onnx.proto.OnnxProto.TypeProto;
import org.torch4j.onnx.proto.OnnxProto.ValueInfoProto;

/**
 * Runs ONNX backend test cases (as in the ONNX repository and Debian's libonnx-testdata): each case
 * is a folder with {@code model.onnx} and {@code test_data_set_N/input_K.pb, output_K.pb}, each file a
 * {@code TensorProto}, {@code SequenceProto} or {@code OptionalProto} as the graph declares the value.
 * The inputs go through {@link OnnxModule#run}'s Java values. A case passes when every data set's
 * outputs have the expected element type (uint16/32/64 included) and shape and values within the
 * tolerances, sequences element by element and optionals by presence and value; it is skipped when its
 * graph's inputs or outputs are of a kind torch4j has no values for (complex numbers, maps, sparse
 * tensors). String tensors are {@link StringTensor}s, compared string by string.
 */
public final class ConformanceRunner {

    /**
     * What to run and how strictly to compare.
     *
     * @param rtol     relative tolerance for floating-point outputs ({@code --rtol}, default 1e-3)
     * @param atol     absolute tolerance for floating-point outputs ({@code --atol}, default 1e-5);
     *                 a value passes when {@code |actual - expected| <= atol + rtol * |expected|}.
     *                 Integers and booleans must be equal; NaN equals NaN.
     * @param filter   only cases whose name this pattern finds ({@code --filter REGEX}), or null for all
     * @param coverage where to write a Markdown coverage table per operator ({@code --coverage FILE}), or null
     */
    public record Options(double rtol, double atol, Pattern filter, Path coverage) {
        /** The command line's defaults: {@code rtol = 1e-3}, {@code atol = 1e-5}, every case, no coverage file. */
        public static Options defaults() {
            return new Options(1e-3, 1e-5, null, null);
        }
    }

    /** The outcome of one case. */
    public enum Status { /** Every data set's outputs matched. */ PASS, /** The case failed to load or run, or an output differed. */ FAIL,
        /** The case could not be run here (no model, no data sets, or a value kind torch4j has none of). */ SKIP }

    /**
     * One case's outcome.
     *
     * @param name     the case folder's name
     * @param operator the operator under test: the single node's type, or the one named by the test's name
     * @param status   whether the case passed, failed or was skipped
     * @param detail   the largest difference (PASS), the reason (FAIL, SKIP)
     * @param suite    the name of the folder holding the case folder (empty at a file-system root)
     */
    public record Result(String name, String operator, Status status, String detail, String suite) {
        @Override
        public String toString() {
            return name + " " + status + (detail.isEmpty() ? "" : " " + detail);
        }
    }

    /**
     * Every result of a run.
     *
     * @param results one result per case run, in the order run
     */
    public record Summary(List<Result> results) {
        /** The number of results with status {@code s}. */
        public long count(Status s) {
            return results.stream().filter(r -> r.status() == s).count();
        }

        /** {@code N passed, M failed, K skipped}. */
        public String line() {
            return count(Status.PASS) + " passed, " + count(Status.FAIL) + " failed, " + count(Status.SKIP) + " skipped";
        }
    }

    private final Options options;

    /**
     * A runner that compares with these tolerances and runs the cases the filter selects.
     *
     * @param options the tolerances, the filter and the coverage file
     */
    public ConformanceRunner(Options options) {
        this.options = options;
    }

    /** The cases under {@code dirs} (a case folder, or a folder of case folders), sorted by name. */
    public static List<Path> cases(List<Path> dirs) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path d : dirs) {
            if (Files.exists(d.resolve("model.onnx"))) {
                out.add(d);
                continue;
            }
            if (!Files.isDirectory(d)) throw new IOException("not a test case or folder of test cases: " + d);
            try (Stream<Path> s = Files.list(d)) {
                s.filter(Files::isDirectory).sorted(Comparator.comparing(p -> p.getFileName().toString())).forEach(out::add);
            }
        }
        return out;
    }

    /** Runs every case under {@code dirs}, printing one line per case and the summary line. */
    public Summary run(List<Path> dirs, PrintStream out) throws IOException {
        List<Result> results = new ArrayList<>();
        Set<String> known = new HashSet<>(org.torch4j.onnx.importer.OpRegistry.operators());
        for (Path c : cases(dirs)) {
            String name = c.getFileName().toString();
            if (options.filter() != null && !options.filter().matcher(name).find()) continue;
            Result r = runCase(c);
            results.add(r);
            out.println(r);
            out.flush();
            if (r.operator() != null && !r.operator().isEmpty()) known.add(r.operator());
        }
        // Cases with several nodes are named after the operator they test (test_<op>_..._expanded).
        List<Result> named = new ArrayList<>();
        for (Result r : results) {
            named.add(r.operator() == null ? new Result(r.name(), operatorFromName(r.name(), known), r.status(), r.detail(), r.suite()) : r);
        }
        Summary s = new Summary(named);
        out.println(s.line());
        if (options.coverage() != null) Coverage.write(s, dirs, options.coverage());
        return s;
    }

    /** Runs one case folder. */
    @SuppressWarnings("try") // the scope and the no-grad mode are used for their effect
    public Result runCase(Path dir) {
        String name = dir.getFileName().toString();
        Path parent = dir.toAbsolutePath().normalize().getParent();
        String suite = parent == null || parent.getFileName() == null ? "" : parent.getFileName().toString();
        Path modelFile = dir.resolve("model.onnx");
        if (!Files.exists(modelFile)) return new Result(name, null, Status.SKIP, "no model.onnx (a model to download?)", suite);
        ModelProto model;
        try {
            model = ModelReader.readModel(modelFile);
        } catch (IOException | RuntimeException e) {
            return new Result(name, null, Status.FAIL, message(e), suite);
        }
        GraphProto g = model.getGraph();
        String op = g.getNodeCount() == 1 ? g.getNode(0).getOpType() : null;
        String skip = unsupportedKind(g);
        if (skip != null) return new Result(name, op, Status.SKIP, skip, suite);
        try (var scope = Torch.scope(); var noGrad = Torch.noGrad()) {
            OnnxModule module = Onnx.load(model, dir);
            List<Path> sets;
            try (Stream<Path> s = Files.list(dir)) {
                sets = s.filter(p -> p.getFileName().toString().startsWith("test_data_set_")).sorted().toList();
            }
            double worst = 0;
            for (Path set : sets) {
                Map<String, Object> inputs = read(set, "input_", g.getInputList(), module.inputNames());
                inputs.replaceAll((k, v) -> IoValues.toJava(v)); // as a caller of run() gives them
                Map<String, Object> expected = read(set, "output_", g.getOutputList(), module.outputNames());
                Map<String, Object> actual = module.runValues(inputs);
                for (Map.Entry<String, Object> e : expected.entrySet()) {
                    Object a = actual.get(e.getKey());
                    String problem = compareValues(a, e.getValue());
                    if (problem.startsWith("!")) {
                        return new Result(name, op, Status.FAIL, "output '" + e.getKey() + "' (" + set.getFileName() + "): " + problem.substring(1), suite);
                    }
                    worst = Math.max(worst, Double.parseDouble(problem));
                }
            }
            if (sets.isEmpty()) return new Result(name, op, Status.SKIP, "no test_data_set_N folders", suite);
            return new Result(name, op, Status.PASS, String.format(Locale.ROOT, "max diff %.3g", worst), suite);
        } catch (Throwable e) {
            if (e instanceof VirtualMachineError && !(e instanceof OutOfMemoryError) && !(e instanceof StackOverflowError)) throw (Error) e;
            return new Result(name, op, Status.FAIL, message(e), suite);
        }
    }

    private static String message(Throwable e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        if (!(e instanceof OnnxException) && !(e instanceof IOException)) m = e.getClass().getSimpleName() + ": " + m;
        return m.replace('\n', ' ');
    }

    /** Why a graph's interface is beyond torch4j's values, or null when it is not. */
    static String unsupportedKind(GraphProto g) {
        List<ValueInfoProto> io = new ArrayList<>(g.getInputList());
        io.addAll(g.getOutputList());
        for (ValueInfoProto v : io) {
            String why = unsupportedKind(v.getType());
            if (why != null) return why;
        }
        return null;
    }

    private static String unsupportedKind(TypeProto t) {
        if (t.hasMapType() || t.hasSparseTensorType()) return "map or sparse tensor inputs/outputs";
        if (t.hasSequenceType()) return unsupportedKind(t.getSequenceType().getElemType());
        if (t.hasOptionalType()) return unsupportedKind(t.getOptionalType().getElemType());
        if (!t.hasTensorType()) return null;
        int e = t.getTensorType().getElemType();
        if (e == ElemType.COMPLEX64 || e == ElemType.COMPLEX128) return "complex inputs/outputs";
        return null;
    }

    /**
     * A data set's values by name (the executor's: uint16/32/64 tensors as {@link UnsignedTensor}s):
     * the file's own name, else the graph's names in order. Each file is read as the protobuf message
     * its value's declared type asks for.
     */
    private static Map<String, Object> read(Path set, String prefix, List<ValueInfoProto> declared, List<String> names)
            throws IOException {
        Map<String, TypeProto> declaredTypes = new HashMap<>();
        for (ValueInfoProto v : declared) declaredTypes.put(v.getName(), v.getType());
        Map<String, Object> out = new LinkedHashMap<>();
        for (int k = 0; ; k++) {
            Path f = set.resolve(prefix + k + ".pb");
            if (!Files.exists(f)) break;
            TypeProto type = k < names.size() ? declaredTypes.get(names.get(k)) : null;
            String own;
            Object value;
            if (type != null && type.hasSequenceType()) {
                SequenceProto s = ModelReader.readSequence(f);
                own = s.getName();
                value = Values.decode(s, set, type);
            } else if (type != null && type.hasOptionalType()) {
                OptionalProto o = ModelReader.readOptional(f);
                own = o.getName();
                value = Values.decode(o, set, type);
            } else {
                TensorProto t = ModelReader.readTensor(f);
                own = t.getName();
                String name = !own.isEmpty() && declaredTypes.containsKey(own) ? own : k < names.size() ? names.get(k) : own;
                TypeProto declaredType = declaredTypes.get(name);
                int elem = declaredType != null && declaredType.hasTensorType() ? declaredType.getTensorType().getElemType() : 0;
                value = TensorDecoder.decodeIoValue(t, set, elem);
            }
            String name = !own.isEmpty() && declaredTypes.containsKey(own) ? own : k < names.size() ? names.get(k) : own;
            out.put(name, value);
        }
        return out;
    }

    /** {@link #compare} for values of any kind: sequences element by element, optionals by presence and value. */
    private String compareValues(Object actual, Object expected) {
        if (actual == null) return "!missing";
        if (expected instanceof List<?> e) {
            if (!(actual instanceof List<?> a)) return "!" + Values.describe(actual) + ", expected a sequence";
            if (a.size() != e.size()) return "!a sequence of " + a.size() + ", expected one of " + e.size();
            double worst = 0;
            for (int i = 0; i < e.size(); i++) {
                String p = compareValues(a.get(i), e.get(i));
                if (p.startsWith("!")) return "!sequence element " + i + ": " + p.substring(1);
                worst = Math.max(worst, Double.parseDouble(p));
            }
            return Double.toString(worst);
        }
        if (expected instanceof Optional<?> e) {
            if (!(actual instanceof Optional<?> a)) return "!" + Values.describe(actual) + ", expected an optional";
            if (a.isPresent() != e.isPresent()) return "!" + Values.describe(a) + ", expected " + Values.describe(e);
            return e.isPresent() ? compareValues(a.get(), e.get()) : "0";
        }
        if (expected instanceof StringTensor e) {
            if (!(actual instanceof StringTensor a)) return "!" + Values.describe(actual) + ", expected a tensor(string)";
            if (!java.util.Arrays.equals(a.shape(), e.shape())) {
                return "!shape " + java.util.Arrays.toString(a.shape()) + ", expected " + java.util.Arrays.toString(e.shape());
            }
            for (int i = 0; i < e.values().size(); i++) {
                if (!a.values().get(i).equals(e.values().get(i))) {
                    return "!element " + i + " is '" + a.values().get(i) + "', expected '" + e.values().get(i) + "'";
                }
            }
            return "0";
        }
        int actualType = elemType(actual), expectedType = elemType(expected);
        if (actualType < 0) return "!" + Values.describe(actual) + ", expected a tensor";
        if (actualType != expectedType && (ElemType.isWideUnsigned(actualType) || ElemType.isWideUnsigned(expectedType))) {
            return "!type " + ElemType.name(actualType) + ", expected " + ElemType.name(expectedType);
        }
        return compare(Values.tensorOf(actual), Values.tensorOf(expected), expectedType == ElemType.UINT64);
    }

    /** The ONNX element type of a tensor value, or -1 for other values. */
    private static int elemType(Object v) {
        if (v instanceof UnsignedTensor u) return u.elemType();
        if (v instanceof Tensor t) return ElemType.fromDType(t.dtype());
        return -1;
    }

    /** The largest difference as a number, or "!" and the reason the outputs differ; uint64 values printed unsigned. */
    private String compare(Tensor actual, Tensor expected, boolean uint64) {
        if (actual == null) return "!missing";
        if (actual.dtype() != expected.dtype()) return "!dtype " + actual.dtype().torchName() + ", expected " + expected.dtype().torchName();
        if (!java.util.Arrays.equals(actual.shape(), expected.shape())) {
            return "!shape " + java.util.Arrays.toString(actual.shape()) + ", expected " + java.util.Arrays.toString(expected.shape());
        }
        if (expected.numel() == 0) return "0";
        if (!expected.isFloatingPoint()) {
            long[] a = actual.cpu().to(DType.INT64).contiguous().toLongArray(), e = expected.to(DType.INT64).toLongArray();
            for (int i = 0; i < a.length; i++) {
                if (a[i] != e[i]) {
                    return "!element " + i + " is " + (uint64 ? Long.toUnsignedString(a[i]) : a[i]) + ", expected "
                            + (uint64 ? Long.toUnsignedString(e[i]) : e[i]);
                }
            }
            return "0";
        }
        double[] a = actual.cpu().to(DType.FLOAT64).contiguous().toDoubleArray(), e = expected.to(DType.FLOAT64).toDoubleArray();
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            if (Double.isNaN(a[i]) && Double.isNaN(e[i])) continue;
            if (a[i] == e[i]) continue;
            double diff = Math.abs(a[i] - e[i]);
            if (!(diff <= options.atol() + options.rtol() * Math.abs(e[i]))) {
                return String.format(Locale.ROOT, "!element %d is %s, expected %s (difference %.3g)", i, a[i], e[i], diff);
            }
            worst = Math.max(worst, diff);
        }
        return Double.toString(worst);
    }

    /** The operator of cases with several nodes whose name names no operator (whole models). */
    public static final String MODELS = "(models of several operators)";

    /** Aliases in test names for operators whose names they abbreviate. */
    private static final Map<String, String> ALIASES = Map.of(
            "sce", "SoftmaxCrossEntropyLoss", "nllloss", "NegativeLogLikelihoodLoss", "mvn", "MeanVarianceNormalization",
            "greaterequal", "GreaterOrEqual", "lessequal", "LessOrEqual");

    /** The operator a test's name starts with ({@code test_layer_normalization_4d_expanded} is LayerNormalization). */
    public static String operatorFromName(String test, Set<String> operators) {
        Map<String, String> byKey = new TreeMap<>();
        for (String op : operators) byKey.put(op.substring(op.indexOf(':') + 1).toLowerCase(Locale.ROOT), op.substring(op.indexOf(':') + 1));
        ALIASES.forEach((k, v) -> byKey.put(k, v));
        String stem = test.startsWith("test_") ? test.substring(5) : test;
        String[] tokens = stem.split("_");
        String best = null;
        StringBuilder key = new StringBuilder();
        for (String t : tokens) {
            key.append(t.toLowerCase(Locale.ROOT));
            String op = byKey.get(key.toString());
            if (op != null) best = op;
        }
        return best != null ? best : MODELS;
    }
}
