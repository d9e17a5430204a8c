package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.DType;
import org.torch4j.Device;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.io.SafeTensors;

/**
 * Complex tensors (complex64, complex128) against PyTorch 1.13: printing, views, conversions and the
 * ops written over the real view. Reference: {@code complex.json} from {@code tools/gen_complex_reference.py}.
 */
class ComplexTest {

    /** The ops of the reference's "ops" and "errors" sections, by name. */
    private static final Map<String, Function<List<Tensor>, Tensor>> OPS = Map.ofEntries(
            Map.entry("view_as_real", a -> Torch.viewAsReal(a.get(0))),
            Map.entry("view_as_complex", a -> Torch.viewAsComplex(a.get(0))),
            Map.entry("view_as_complex_t", a -> Torch.viewAsComplex(a.get(0).t())),
            Map.entry("view_as_complex_cols", a -> Torch.viewAsComplex(a.get(0).slice(1, 1, 3, 1))),
            Map.entry("view_as_complex_offset", a -> Torch.viewAsComplex(a.get(0).slice(0, 1, 9, 1).view(4, 2))),
            Map.entry("real", a -> a.get(0).real()),
            Map.entry("imag", a -> a.get(0).imag()),
            Map.entry("conj", a -> a.get(0).conj()),
            Map.entry("angle", a -> a.get(0).angle()),
            Map.entry("complex", a -> Torch.complex(a.get(0), a.get(1))),
            Map.entry("polar", a -> Torch.polar(a.get(0), a.get(1))),
            Map.entry("clone_t", a -> a.get(0).t().clone()),
            Map.entry("contiguous_t", a -> a.get(0).t().contiguous()),
            Map.entry("reshape", a -> a.get(0).reshape(3, 2)),
            Map.entry("flatten_t", a -> a.get(0).t().flatten()),
            Map.entry("select", a -> a.get(0).select(1, 2)),
            Map.entry("narrow", a -> a.get(0).narrow(1, 1, 2)),
            Map.entry("slice", a -> a.get(0).slice(1, 0, 3, 2)),
            Map.entry("expand", a -> a.get(0).unsqueeze(0).expand(2, 2, 3)),
            Map.entry("squeeze", a -> a.get(0).squeeze()),
            Map.entry("full", a -> Torch.full(a.get(0).shape(), 2.5, a.get(0).dtype())),
            Map.entry("ones", a -> Torch.ones(a.get(0).shape(), a.get(0).dtype())),
            Map.entry("copy_", a -> a.get(0).clone().copy_(a.get(1))),
            Map.entry("to_complex64", a -> a.get(0).to(DType.COMPLEX64)),
            Map.entry("to_complex128", a -> a.get(0).to(DType.COMPLEX128)),
            Map.entry("to_float32", a -> a.get(0).to(DType.FLOAT32)),
            Map.entry("to_float64", a -> a.get(0).to(DType.FLOAT64)),
            Map.entry("to_int64", a -> a.get(0).to(DType.INT64)),
            Map.entry("to_int32", a -> a.get(0).to(DType.INT32)),
            Map.entry("to_bool", a -> a.get(0).to(DType.BOOL)));

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> section(String name) {
        return (List<Map<String, Object>>) ((Map<String, Object>) Reference.load("complex.json")).get(name);
    }

    @SuppressWarnings("unchecked")
    private static List<Tensor> args(Map<String, Object> c) {
        return ((List<Object>) c.get("args")).stream().map(Reference::tensor).toList();
    }

    @TestFactory
    Stream<DynamicNode> printsAsPyTorch() {
        return section("print").stream().map(c -> DynamicTest.dynamicTest((String) c.get("str"), () -> {
            DType previous = Torch.getDefaultDtype();
            if (c.get("default_dtype") != null) Torch.setDefaultDtype(DType.of((String) c.get("default_dtype")));
            try {
                Tensor t = Reference.tensor(c.get("value"));
                if (Boolean.TRUE.equals(c.get("requires_grad"))) t.requiresGrad_();
                assertEquals(c.get("str"), t.toString());
            } finally {
                Torch.setDefaultDtype(previous);
            }
        }));
    }

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicNode> opsMatchPyTorch() {
        return section("ops").stream().map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> {
            Tensor out = OPS.get((String) c.get("op")).apply(args(c));
            Reference.assertTensor(((List<Object>) c.get("out")).get(0), out, (String) c.get("name"));
        }));
    }

    @TestFactory
    Stream<DynamicNode> errorsAsPyTorch() {
        return section("errors").stream().map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> {
            List<Tensor> a = args(c);
            var e = assertThrows(IllegalArgumentException.class, () -> OPS.get((String) c.get("op")).apply(a));
            assertEquals(c.get("error"), e.getMessage());
        }));
    }

    @Test
    void dtypes() {
        assertEquals(DType.COMPLEX64, DType.of("cfloat"));
        assertEquals(DType.COMPLEX64, DType.of("torch.complex64"));
        assertEquals(DType.COMPLEX128, DType.of("cdouble"));
        assertEquals(DType.COMPLEX128, DType.of("complex128"));
        assertEquals(8, DType.COMPLEX64.itemSize());
        assertEquals(16, DType.COMPLEX128.itemSize());
        assertEquals(DType.Kind.COMPLEX, DType.COMPLEX64.kind());
        assertTrue(DType.COMPLEX128.isComplex());
        assertFalse(DType.COMPLEX128.isFloatingPoint());
        assertEquals(DType.FLOAT32, DType.COMPLEX64.toReal());
        assertEquals(DType.FLOAT64, DType.COMPLEX128.toReal());
        assertEquals(DType.INT64, DType.INT64.toReal());
        assertEquals(DType.COMPLEX64, DType.FLOAT32.toComplex());
        assertEquals(DType.COMPLEX128, DType.FLOAT64.toComplex());
        assertEquals(DType.COMPLEX128, DType.COMPLEX128.toComplex());
        assertEquals("Unknown Complex ScalarType for Long",
                assertThrows(IllegalArgumentException.class, DType.INT64::toComplex).getMessage());
        assertEquals("torch.complex64", DType.COMPLEX64.toString());
    }

    @Test
    void layoutIsPyTorchs() {
        Tensor z = Torch.zeros(new long[] {2, 3}, DType.COMPLEX128);
        assertTrue(z.isComplex());
        assertEquals(16, z.elementSize());
        assertEquals(List.of(3L, 1L), List.of(z.stride(0), z.stride(1)));
        Tensor r = Torch.viewAsReal(z);
        assertEquals(DType.FLOAT64, r.dtype());
        assertTrue(r.sharesStorageWith(z));
        assertEquals(List.of(6L, 2L, 1L), List.of(r.stride(0), r.stride(1), r.stride(2)));
        Tensor col = z.select(1, 1);
        assertEquals(DType.COMPLEX128, col.dtype());
        assertEquals(1, col.storageOffset());
        assertEquals(2, Torch.viewAsReal(col).storageOffset());
        // the views write through: real() and imag() are views, as in PyTorch
        z.real().fill_(1.5);
        z.imag().select(0, 1).fill_(-2.0);
        assertEquals("tensor([[1.5000+0.j, 1.5000+0.j, 1.5000+0.j],\n        [1.5000-2.j, 1.5000-2.j, 1.5000-2.j]], "
                + "dtype=torch.complex128)", z.toString());
        Tensor real = Torch.ones(2);
        assertSame(real, real.real());
        assertSame(real, real.conj());
        assertEquals(DType.COMPLEX64, Torch.zerosLike(Torch.zeros(new long[] {2}, DType.COMPLEX64)).dtype());
        assertEquals(DType.COMPLEX64, z.to(DType.COMPLEX64).dtype());
        assertEquals(DType.COMPLEX128, z.to(Device.CPU).dtype());
    }

    @Test
    void otherOpsRefuseComplex() {
        Tensor z = Torch.ones(new long[] {3}, DType.COMPLEX64);
        assertEquals("\"sigmoid\" not implemented for 'ComplexFloat'",
                assertThrows(IllegalArgumentException.class, z::sigmoid).getMessage());
        assertEquals("\"cumsum\" not implemented for 'ComplexDouble'",
                assertThrows(IllegalArgumentException.class, () -> z.to(DType.COMPLEX128).cumsum(0)).getMessage());
        assertEquals("\"item\" not implemented for 'ComplexFloat'",
                assertThrows(IllegalArgumentException.class, () -> z.select(0, 0).item()).getMessage());
        assertEquals("\"to_double_array\" not implemented for 'ComplexFloat'",
                assertThrows(IllegalArgumentException.class, z::toDoubleArray).getMessage());
        assertEquals("safetensors: tensor 'z' has dtype torch.complex64, which torch4j does not save (save Torch.viewAsReal of it)",
                assertThrows(IllegalArgumentException.class, () -> SafeTensors.serialize(Map.of("z", z), null)).getMessage());
    }
}
