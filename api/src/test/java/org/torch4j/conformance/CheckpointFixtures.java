package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.io.Json;
import org.torch4j.spi.HostStorage;
import org.torch4j.spi.Strided;

/**
 * The checkpoint fixtures of {@code tools/gen_checkpoint_reference.py} ({@code /reference/io/}) and
 * tensor helpers that work on raw little-endian bytes, so that float16, bfloat16, NaN and -0.0
 * compare bit for bit.
 */
final class CheckpointFixtures {
    private CheckpointFixtures() {}

    /** Copies a fixture to {@code dir} (the readers take paths). */
    static Path copy(String name, Path dir) {
        Path p = dir.resolve(name);
        try (InputStream in = CheckpointFixtures.class.getResourceAsStream("/reference/io/" + name)) {
            if (in == null) throw new IllegalStateException("missing test resource /reference/io/" + name);
            Files.copy(in, p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    static byte[] bytes(String name) {
        try (InputStream in = CheckpointFixtures.class.getResourceAsStream("/reference/io/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A top-level entry of expected.json (a section map, or a value such as "marker"). */
    @SuppressWarnings("unchecked")
    static <T> T expected(String key) {
        Map<String, Object> all = (Map<String, Object>) Json.parse(new String(bytes("expected.json"), StandardCharsets.UTF_8));
        return (T) all.get(key);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    static long[] longs(Object list) {
        List<?> l = (List<?>) list;
        long[] r = new long[l.size()];
        for (int i = 0; i < r.length; i++) r[i] = ((Number) l.get(i)).longValue();
        return r;
    }

    /** A tensor from a fixture spec {"dtype", "shape", "b64"}. */
    static Tensor tensor(Object spec) {
        Map<String, Object> m = map(spec);
        return fromBytes(DType.of((String) m.get("dtype")), longs(m.get("shape")), Base64.getDecoder().decode((String) m.get("b64")));
    }

    /** A contiguous CPU tensor holding little-endian {@code data}. */
    static Tensor fromBytes(DType dtype, long[] shape, byte[] data) {
        Tensor t = Torch.zeros(shape, dtype);
        Object arr = ((HostStorage) t.strided().storage()).array();
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        switch (arr) {
            case float[] a -> b.asFloatBuffer().get(a);
            case double[] a -> b.asDoubleBuffer().get(a);
            case long[] a -> b.asLongBuffer().get(a);
            case int[] a -> b.asIntBuffer().get(a);
            case short[] a -> b.asShortBuffer().get(a);
            case byte[] a -> b.get(a);
            default -> throw new IllegalStateException();
        }
        return t;
    }

    /** The elements of any CPU tensor (any layout) as little-endian bytes in row-major order. */
    static byte[] toBytes(Tensor tensor) {
        Tensor t = tensor.detach().contiguous();
        Strided s = t.strided();
        Object arr = ((HostStorage) s.storage()).array();
        int n = (int) t.numel(), off = (int) s.offset();
        ByteBuffer b = ByteBuffer.allocate(n * t.dtype().itemSize()).order(ByteOrder.LITTLE_ENDIAN);
        switch (arr) {
            case float[] a -> b.asFloatBuffer().put(a, off, n);
            case double[] a -> b.asDoubleBuffer().put(a, off, n);
            case long[] a -> b.asLongBuffer().put(a, off, n);
            case int[] a -> b.asIntBuffer().put(a, off, n);
            case short[] a -> b.asShortBuffer().put(a, off, n);
            case byte[] a -> b.put(a, off, n);
            default -> throw new IllegalStateException();
        }
        return b.array();
    }

    /** Asserts dtype, shape and the exact bytes of a fixture spec. */
    static void assertMatches(Object spec, Tensor actual, String context) {
        Map<String, Object> m = map(spec);
        assertEquals(DType.of((String) m.get("dtype")), actual.dtype(), context + ": dtype");
        assertArrayEquals(longs(m.get("shape")), actual.shape(), context + ": shape");
        assertArrayEquals(Base64.getDecoder().decode((String) m.get("b64")), toBytes(actual), context + ": bytes");
    }

    /** Asserts two tensors have the same dtype, shape and bytes. */
    static void assertSameTensor(Tensor expected, Tensor actual, String context) {
        assertEquals(expected.dtype(), actual.dtype(), context + ": dtype");
        assertArrayEquals(expected.shape(), actual.shape(), context + ": shape");
        assertArrayEquals(toBytes(expected), toBytes(actual), context + ": bytes");
    }
}
