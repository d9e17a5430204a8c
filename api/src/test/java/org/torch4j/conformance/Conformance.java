package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.torch4j.Device;
import org.torch4j.Index;
import org.torch4j.Tensor;
import org.torch4j.linalg.LinAlgException;

/**
 * Runs the cases of a reference file (see {@code tools/gen_tensor_reference.py}) as dynamic tests:
 * one container per case, one test per layout its tensor inputs are rebuilt in.
 */
final class Conformance {
    private Conformance() {}

    /** Runs the op a case names on the case's converted arguments. */
    interface OpTable {
        Object run(String op, Ops.Args args);
    }

    /** The value cases of {@code tensor_<family>.json}: each op's result against PyTorch's. */
    static Stream<DynamicNode> cases(String family) {
        return cases(family, null);
    }

    /**
     * The value cases of {@code tensor_<family>.json} with their tensors built on {@code device} (null: the
     * default device): each result must stay on that device and equal PyTorch's.
     */
    static Stream<DynamicNode> cases(String family, Device device) {
        return Reference.cases("tensor_" + family + ".json").stream().map(c -> container(c, Ops::run, device));
    }

    /** The error cases whose op {@code ops} accepts. */
    static Stream<DynamicNode> errors(java.util.function.Predicate<String> ops) {
        return Reference.cases("tensor_errors.json").stream()
                .filter(c -> ops.test((String) c.get("op")))
                .map(c -> container(c, Ops::run, null));
    }

    /** Every case of {@code file} (value and error cases alike), its op looked up in {@code ops}. */
    static Stream<DynamicNode> file(String file, OpTable ops) {
        return Reference.cases(file).stream().map(c -> container(c, ops, null));
    }

    @SuppressWarnings("unchecked")
    private static DynamicNode container(Map<String, Object> c, OpTable ops, Device device) {
        String name = (String) c.get("name");
        List<String> layouts = c.containsKey("layouts") ? (List<String>) c.get("layouts")
                : c.containsKey("error") || !hasTensor(c.get("args")) ? List.of("contiguous") : Reference.LAYOUTS;
        List<DynamicTest> tests = new ArrayList<>();
        String skip = (String) c.get("skip");
        for (String layout : layouts) {
            String where = device == null ? layout : layout + ", " + device;
            tests.add(DynamicTest.dynamicTest(name + " [" + where + "]", () -> {
                // a known, documented deviation from PyTorch (see DEVIATIONS in the generator): reported as skipped
                Assumptions.assumeTrue(skip == null, skip);
                if (c.containsKey("error")) checkError(c, layout, ops);
                else checkValue(c, layout, ops, device);
            }));
        }
        return DynamicContainer.dynamicContainer(name, tests);
    }

    private static boolean hasTensor(Object o) {
        if (o instanceof Map<?, ?> m) return m.containsKey("dtype") || m.containsKey("tensors") || m.containsKey("index");
        if (o instanceof List<?> l) return l.stream().anyMatch(Conformance::hasTensor);
        return false;
    }

    /** The JSON arguments converted for Java: tensors rebuilt in {@code layout}. */
    @SuppressWarnings("unchecked")
    static Ops.Args args(Map<String, Object> c, String layout) {
        return args(c, layout, null);
    }

    /** The JSON arguments converted for Java: tensors rebuilt on {@code device} (null: the default) in {@code layout}. */
    @SuppressWarnings("unchecked")
    static Ops.Args args(Map<String, Object> c, String layout, Device device) {
        List<Object> out = new ArrayList<>();
        for (Object a : (List<Object>) c.get("args")) out.add(convert(a, layout, device));
        return new Ops.Args(out);
    }

    @SuppressWarnings("unchecked")
    private static Object convert(Object a, String layout, Device device) {
        if (a instanceof Map<?, ?> m) {
            if (m.containsKey("dtype")) return Reference.tensor(m, layout, device);
            if (m.containsKey("tensors")) {
                List<Tensor> ts = new ArrayList<>();
                for (Object t : (List<Object>) m.get("tensors")) ts.add(Reference.tensor(t, layout, device));
                return ts;
            }
            if (m.containsKey("index")) return index((List<Object>) m.get("index"), layout, device);
            throw new IllegalArgumentException("unknown argument " + m);
        }
        if (a instanceof List<?> l) {
            List<Object> r = new ArrayList<>();
            for (Object o : l) r.add(convert(o, layout, device));
            return r;
        }
        return a;
    }

    @SuppressWarnings("unchecked")
    private static Index[] index(List<Object> items, String layout, Device device) {
        Index[] r = new Index[items.size()];
        for (int i = 0; i < r.length; i++) {
            Object it = items.get(i);
            if ("none".equals(it)) {
                r[i] = Index.NEW_AXIS;
            } else if ("...".equals(it)) {
                r[i] = Index.ELLIPSIS;
            } else {
                Map<String, Object> m = (Map<String, Object>) it;
                if (m.containsKey("at")) {
                    r[i] = Index.at(((Number) m.get("at")).longValue());
                } else if (m.containsKey("slice")) {
                    List<Object> s = (List<Object>) m.get("slice");
                    r[i] = Index.slice(asLong(s.get(0)), asLong(s.get(1)), ((Number) s.get(2)).longValue());
                } else {
                    r[i] = Index.of(Reference.tensor(m.get("t"), layout, device));
                }
            }
        }
        return r;
    }

    private static Long asLong(Object o) {
        return o == null ? null : ((Number) o).longValue();
    }

    // ---- value cases ----------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private static void checkValue(Map<String, Object> c, String layout, OpTable ops, Device device) {
        String name = c.get("name") + " [" + (device == null ? layout : layout + ", " + device) + "]";
        Ops.Args args = args(c, layout, device);
        List<Object> got;
        try {
            got = Ops.results(ops.run((String) c.get("op"), args));
        } catch (RuntimeException e) {
            // Surefire's reports name dynamic tests by index: keep the case's name in the message
            throw new AssertionError(name + ": " + e, e);
        }
        List<Object> expected = (List<Object>) c.get("out");
        // a case's own [rtol, atol], where the op's rounding error grows with its input (a matrix's condition)
        List<Object> tol = (List<Object>) c.get("tol");
        assertEquals(expected.size(), got.size(), name + ": number of results");
        for (int i = 0; i < expected.size(); i++) {
            Map<String, Object> e = (Map<String, Object>) expected.get(i);
            String ctx = name + (expected.size() > 1 ? " result " + i : "");
            if (e.containsKey("value")) {
                checkPlain(e.get("value"), got.get(i), ctx);
            } else {
                Tensor t = assertInstanceOf(Tensor.class, got.get(i), ctx);
                if (device != null && hasTensor(c.get("args"))) {
                    assertEquals(device.type(), t.device().type(), ctx + ": the result stays on " + device);
                    t = t.cpu();
                }
                if (tol == null) Reference.assertTensor(e, t, ctx);
                else Reference.assertTensor(e, t, Reference.number(tol.get(0)), Reference.number(tol.get(1)), ctx);
            }
        }
        if (c.containsKey("view") && layout.equals("contiguous")) {
            Tensor in = args.t(0), out = (Tensor) got.get(0);
            assertEquals(c.get("view"), out.sharesStorageWith(in) && out.numel() > 0, name + ": a view in PyTorch, a view here");
            assertArrayEquals(Reference.longs((List<Object>) c.get("strides")), out.stride(), name + ": strides");
        }
    }

    private static void checkPlain(Object expected, Object got, String ctx) {
        if (expected instanceof String s) {
            assertEquals(s, got, ctx);
        } else if (expected instanceof Boolean b) {
            assertEquals(b, got, ctx);
        } else if (expected instanceof Long l && !(got instanceof Double)) {
            assertEquals(l, ((Number) got).longValue(), ctx);
        } else {
            double e = Reference.number(expected), g = Reference.number(got);
            assertTrue(Double.compare(e, g) == 0 || Math.abs(e - g) <= 1e-6 * Math.abs(e), ctx + ": expected " + e + " but got " + g);
        }
    }

    // ---- error cases ----------------------------------------------------------------------------

    /** The op must fail with PyTorch's wording and leave every tensor argument as it was. */
    private static void checkError(Map<String, Object> c, String layout, OpTable ops) {
        String name = c.get("name") + " [" + layout + "]";
        Ops.Args args = args(c, layout);
        List<Tensor> inputs = new ArrayList<>();
        collect(args.values(), inputs);
        List<Tensor> before = new ArrayList<>();
        for (Tensor t : inputs) before.add(t.clone());
        String expect = (String) c.get("expect");
        try {
            Object r = ops.run((String) c.get("op"), args);
            fail(name + ": expected PyTorch's error \"" + c.get("error") + "\" but the op returned " + Ops.results(r));
        } catch (AssertionError e) {
            throw e;
        } catch (RuntimeException e) {
            String msg = String.valueOf(e.getMessage());
            if (!msg.contains(expect)) {
                fail(name + ": expected a message containing\n  \"" + expect + "\"\nbut got " + e.getClass().getSimpleName()
                        + ":\n  \"" + msg + "\"", e);
            }
            if ("IndexError".equals(c.get("type"))) {
                assertInstanceOf(IndexOutOfBoundsException.class, e, name + ": PyTorch raises IndexError");
            } else if ("_LinAlgError".equals(c.get("type"))) {
                assertInstanceOf(LinAlgException.class, e, name + ": PyTorch raises torch.linalg.LinAlgError");
            } else if (!(e instanceof IllegalArgumentException || e instanceof IndexOutOfBoundsException
                    || e instanceof ArithmeticException || e instanceof IllegalStateException
                    || e instanceof LinAlgException || e instanceof UnsupportedOperationException)) {
                // torch4j's mapping of PyTorch's other errors: bad arguments, an index out of range (a RuntimeError
                // in PyTorch for index_select, gather, narrow, topk's k), integer division by zero, item() of many,
                // a failed factorisation (later PyTorch's LinAlgError), a derivative PyTorch does not have
                fail(name + ": PyTorch raises " + c.get("type") + ", which torch4j maps to IllegalArgumentException, "
                        + "IndexOutOfBoundsException, ArithmeticException, IllegalStateException, LinAlgException or "
                        + "UnsupportedOperationException, not " + e.getClass().getName(), e);
            }
        }
        for (int i = 0; i < inputs.size(); i++) {
            Tensor t = inputs.get(i), b = before.get(i);
            assertEquals(b.dtype(), t.dtype(), name + ": input " + i + " dtype changed");
            assertArrayEquals(b.shape(), t.shape(), name + ": input " + i + " shape changed");
            assertTrue(b.isnan().logicalAnd(t.isnan()).logicalOr(b.eq(t)).all().itemBool(),
                    name + ": the failed op changed input " + i + ": " + t);
        }
    }

    private static void collect(Object o, List<Tensor> out) {
        switch (o) {
            case Tensor t -> out.add(t);
            case Index.TensorIndex ti -> out.add(ti.tensor());
            case Index[] ix -> { for (Index i : ix) collect(i, out); }
            case List<?> l -> { for (Object v : l) collect(v, out); }
            case null, default -> { }
        }
    }
}
