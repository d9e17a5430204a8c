package org.torch4j.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

class TensorJsonTest {

    private static String error(String json) {
        return assertThrows(IllegalArgumentException.class, () -> TensorJson.decode(json, "inputs")).getMessage();
    }

    @Test
    void everyKindOfDtypeRoundTrips() {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("f32", Torch.tensor(new float[] {0.1f, -2.5f, 1e-8f, Float.NaN, Float.POSITIVE_INFINITY, 3.4028235e38f}, 2, 3));
        t.put("f64", Torch.tensor(new double[] {0.1, -1e300, Double.NEGATIVE_INFINITY}, 3));
        t.put("i64", Torch.tensor(new long[] {Long.MIN_VALUE, 0, Long.MAX_VALUE}, 3, 1));
        t.put("i32", Torch.tensor(new int[] {-7, 7}, 2));
        t.put("b", Torch.tensor(new boolean[] {true, false}, 1, 2));
        t.put("scalar", Torch.scalarTensor(2.5));
        String json = TensorJson.encode(t, "outputs");
        Map<String, Tensor> back = TensorJson.decode(json, "outputs");
        assertEquals(t.keySet(), back.keySet());
        for (String k : t.keySet()) {
            assertEquals(t.get(k).dtype(), back.get(k).dtype(), k);
            assertArrayEquals(t.get(k).shape(), back.get(k).shape(), k);
            assertEquals(TensorJson.encode(Map.of(k, t.get(k)), "x"), TensorJson.encode(Map.of(k, back.get(k)), "x"), k);
        }
        assertArrayEquals(t.get("f32").toFloatArray(), back.get("f32").toFloatArray());
        assertArrayEquals(t.get("i64").toLongArray(), back.get("i64").toLongArray());
    }

    @Test
    void theWrittenFormIsPythonsAndFloatsAreShortest() {
        String json = TensorJson.encode(Map.of("y", Torch.tensor(new float[] {0.1f, 1, Float.NaN}, 1, 3)), "outputs");
        assertEquals("{\"outputs\": {\"y\": {\"shape\": [1, 3], \"dtype\": \"float32\", \"data\": [0.1, 1.0, NaN]}}}", json);
    }

    @Test
    void nestedDataDefaultDtypeAndMissingShapeAreAccepted() {
        Tensor x = TensorJson.decode("{\"inputs\": {\"x\": {\"shape\": [2, 2], \"data\": [[1, 2], [3, 4.5]]}}}", "inputs").get("x");
        assertEquals(DType.FLOAT32, x.dtype());
        assertArrayEquals(new float[] {1, 2, 3, 4.5f}, x.toFloatArray());
        Tensor v = TensorJson.decode("{\"inputs\": {\"v\": {\"dtype\": \"int64\", \"data\": [5, 6, 7]}}}", "inputs").get("v");
        assertArrayEquals(new long[] {3}, v.shape());
        assertArrayEquals(new long[] {5, 6, 7}, v.toLongArray());
    }

    @Test
    void malformedJsonErrorsNameTheOffset() {
        assertEquals("malformed JSON: expected ':' at offset 10", error("{\"inputs\" {}}"));
        assertEquals("malformed JSON: unexpected end of input at offset 27", error("{\"inputs\": {\"x\": {\"data\": ["));
        assertEquals("malformed JSON: malformed number '-' at offset 27", error("{\"inputs\": {\"x\": {\"data\": [-]}}}"));
        assertEquals("malformed JSON: unexpected trailing characters at offset 15", error("{\"inputs\": {}} x"));
        assertEquals("malformed JSON: expected ',' or ']' at offset 29", error("{\"inputs\": {\"x\": {\"data\": [1 2]}}}"));
        assertEquals("malformed JSON: duplicate key \"x\" at offset 21", error("{\"inputs\": {\"x\": {}, \"x\": {}}}"));
        assertEquals("malformed JSON: nesting deeper than 64 at offset 0", error("[".repeat(100)).replaceFirst("offset \\d+", "offset 0"));
    }

    @Test
    void tensorsThatDoNotFitTheirShapeOrDtypeAreNamed() {
        assertEquals("tensor 'x': shape [2, 2] needs 4 values but data has 3",
                error("{\"inputs\": {\"x\": {\"shape\": [2, 2], \"data\": [1, 2, 3]}}}"));
        assertEquals("tensor 'x': unknown dtype: float33", error("{\"inputs\": {\"x\": {\"dtype\": \"float33\", \"data\": [1]}}}"));
        assertEquals("tensor 'x': data[1] = 2.5 is not an integer, as int64 needs",
                error("{\"inputs\": {\"x\": {\"dtype\": \"int64\", \"data\": [1, 2.5]}}}"));
        assertEquals("tensor 'x': data[0] = \"a\" is not a number", error("{\"inputs\": {\"x\": {\"data\": [\"a\"]}}}"));
        assertEquals("tensor 'x': shape[0] = -1 is not a size", error("{\"inputs\": {\"x\": {\"shape\": [-1], \"data\": []}}}"));
        assertEquals("tensor 'x': unknown field \"values\" (expected shape, dtype, data)", error("{\"inputs\": {\"x\": {\"values\": [1]}}}"));
        assertEquals("the body must have an object \"inputs\" of named tensors", error("{\"input\": {}}"));
        assertEquals("the body must be a JSON object", error("[1]"));
        assertEquals("tensor 'x': dtype complex64 is not supported in JSON (send its real view, shape + [2], as float32)",
                error("{\"inputs\": {\"x\": {\"dtype\": \"complex64\", \"data\": [1]}}}"));
        Tensor z = Torch.zeros(new long[] {2}, DType.COMPLEX128);
        assertEquals("a complex128 tensor has no JSON form here; encode Torch.viewAsReal of it",
                assertThrows(IllegalArgumentException.class, () -> TensorJson.encode(Map.of("z", z), "outputs")).getMessage());
    }
}
