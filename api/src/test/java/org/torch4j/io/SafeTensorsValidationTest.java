package org.torch4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torch4j.DType;

/**
 * Hostile and malformed safetensors files: each must fail with a clear {@link CheckpointException}
 * before any tensor is allocated (these tests run without a backend, so any allocation would fail
 * differently). Valid headers are checked through {@link SafeTensors#describe} and
 * {@link SafeTensors#loadMetadata}, which read no data.
 */
class SafeTensorsValidationTest {

    @TempDir
    Path dir;

    /** A file with this header (padded to 8 as the reference does) and {@code dataLen} data bytes. */
    private Path file(String header, int dataLen) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        int padded = (h.length + 7) / 8 * 8;
        ByteBuffer b = ByteBuffer.allocate(8 + padded + dataLen).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(padded).put(h);
        for (int i = h.length; i < padded; i++) b.put((byte) ' ');
        return write(b.array());
    }

    private Path write(byte[] bytes) throws IOException {
        Path p = Files.createTempFile(dir, "t", ".safetensors");
        Files.write(p, bytes);
        return p;
    }

    private static String entry(String name, String dtype, String shape, long begin, long end) {
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":[" + begin + "," + end + "]}";
    }

    private static String rejects(Path p) {
        CheckpointException e = assertThrows(CheckpointException.class, () -> SafeTensors.load(p));
        // the header-only readers apply the same checks
        CheckpointException m = assertThrows(CheckpointException.class, () -> SafeTensors.loadMetadata(p));
        assertEquals(e.getMessage(), m.getMessage());
        assertTrue(e.getMessage().startsWith("safetensors: "), e.getMessage());
        assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
        return e.getMessage();
    }

    private static void assertContains(String message, String part) {
        assertTrue(message.contains(part), () -> "expected '" + part + "' in: " + message);
    }

    @Test
    void sizeMismatchNamesTensorAndOffsets() throws IOException {
        Path p = file("{" + entry("fc.weight", "F32", "[5,6]", 0, 100) + "}", 100);
        assertContains(rejects(p), "tensor 'fc.weight' has data_offsets [0, 100] but shape [5, 6] of F32 needs 120 bytes");
    }

    @Test
    void fileShorterThanLengthPrefix() throws IOException {
        assertContains(rejects(write(new byte[] {1, 2, 3})), "the file has 3 bytes, fewer than the 8-byte header length");
        assertThrows(CheckpointException.class, () -> SafeTensors.deserialize(new byte[5]));
    }

    @Test
    void headerLengthBeyondFile() throws IOException {
        byte[] b = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putLong(1000).array();
        assertContains(rejects(write(b)), "header length 1000 is beyond the end of the file (16 bytes follow the length)");
    }

    @Test
    void headerLengthAboveLimit() throws IOException {
        byte[] b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).array();
        assertContains(rejects(write(b)), "header length 1099511627776 exceeds the limit of 100000000 bytes");
        byte[] neg = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(-1).array();
        assertContains(rejects(write(neg)), "header length 18446744073709551615 exceeds the limit");
    }

    @Test
    void headerNotUtf8() throws IOException {
        byte[] b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(8)
                .put(new byte[] {'{', (byte) 0xff, (byte) 0xfe, '}', ' ', ' ', ' ', ' '}).array();
        assertContains(rejects(write(b)), "the header is not valid UTF-8");
    }

    @Test
    void malformedJson() throws IOException {
        assertContains(rejects(file("{\"a\":", 0)), "the header is not valid JSON");
        assertContains(rejects(file("{\"a\":{\"dtype\":\"F32\",}}", 0)), "the header is not valid JSON");
    }

    @Test
    void headerMustBeAnObject() throws IOException {
        assertContains(rejects(file("[]", 0)), "the header must be a JSON object starting with '{'");
        assertContains(rejects(file(" {}", 0)), "starting with '{'");
        assertContains(rejects(file("{\"a\":3}", 0)), "tensor 'a' must be an object, got a number");
    }

    @Test
    void deepNestingFailsWithoutStackOverflow() throws IOException {
        String deep = "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        assertContains(rejects(file(deep, 0)), "nesting deeper than");
    }

    @Test
    void duplicateTensorNames() throws IOException {
        String h = "{" + entry("a", "F32", "[1]", 0, 4) + "," + entry("a", "F32", "[1]", 4, 8) + "}";
        assertContains(rejects(file(h, 8)), "duplicate key \"a\"");
    }

    @Test
    void unknownAndUnsupportedDtypes() throws IOException {
        assertContains(rejects(file("{" + entry("x", "F8_E4M3", "[1]", 0, 1) + "}", 1)),
                "tensor 'x' has dtype F8_E4M3, which torch4j does not support");
        String m = rejects(file("{" + entry("x", "Q4", "[1]", 0, 1) + "}", 1));
        assertContains(m, "tensor 'x' has unknown dtype \"Q4\" (supported: I64, F64, F32, I32, BF16, F16, I16, I8, U8, BOOL)");
        assertContains(rejects(file("{\"x\":{\"shape\":[1],\"data_offsets\":[0,1]}}", 1)), "tensor 'x' has no \"dtype\" string");
    }

    @Test
    void badShapes() throws IOException {
        assertContains(rejects(file("{" + entry("x", "F32", "[-1]", 0, 4) + "}", 4)),
                "tensor 'x' has shape [-1]: sizes must be non-negative integers");
        assertContains(rejects(file("{" + entry("x", "F32", "[1.5]", 0, 4) + "}", 4)), "sizes must be non-negative integers");
        assertContains(rejects(file("{" + entry("x", "F32", "\"2\"", 0, 4) + "}", 4)), "tensor 'x' has no \"shape\" list");
        assertContains(rejects(file("{" + entry("x", "F32", "[99999999999999999999]", 0, 4) + "}", 4)), "non-negative integers");
    }

    @Test
    void byteSizeOverflow() throws IOException {
        String m = rejects(file("{" + entry("x", "F64", "[4294967296,4294967296]", 0, 8) + "}", 8));
        assertContains(m, "tensor 'x' has shape [4294967296, 4294967296] of F64, whose byte size overflows a 64-bit integer");
    }

    @Test
    void badOffsets() throws IOException {
        assertContains(rejects(file("{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0]}}", 4)),
                "expected [begin, end] with non-negative integers");
        assertContains(rejects(file("{" + entry("x", "F32", "[1]", -4, 0) + "}", 4)), "non-negative integers");
        assertContains(rejects(file("{" + entry("x", "F32", "[0]", 4, 0) + "}", 4)), "data_offsets [4, 0] with begin > end");
    }

    /** A file claiming a 1 TB tensor fails at once, before anything is allocated or mapped. */
    @Test
    void terabyteClaimFailsFast() throws IOException {
        long tb = 1L << 40;
        Path p = file("{" + entry("huge", "F32", "[" + tb / 4 + "]", 0, tb) + "}", 16);
        long t0 = System.nanoTime();
        assertContains(rejects(p), "tensor 'huge' has data_offsets [0, 1099511627776] beyond the data area of 16 bytes");
        assertTrue(System.nanoTime() - t0 < 2_000_000_000L);
    }

    /** Even when the file really has the bytes (a sparse 3 GB file), a tensor a Java array cannot hold fails first. */
    @Test
    void consistentButTooLargeForACpuTensor() throws IOException {
        long n = 3_000_000_000L;
        Path p = file("{" + entry("big", "I8", "[" + n + "]", 0, n) + "}", 0);
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(f.length() + n); // sparse: no disk blocks are written
        }
        assertEquals(List.of(n), List.of(SafeTensors.describe(p).get("big").shape()[0]));
        CheckpointException e = assertThrows(CheckpointException.class, () -> SafeTensors.load(p));
        assertContains(e.getMessage(), "tensor 'big' has 3000000000 elements, more than a CPU tensor holds");
    }

    @Test
    void overlappingTensors() throws IOException {
        String h = "{" + entry("a", "F32", "[2]", 0, 8) + "," + entry("b", "F32", "[2]", 4, 12) + "}";
        assertContains(rejects(file(h, 12)), "tensors 'a' [0, 8] and 'b' [4, 12] overlap");
        String empty = "{" + entry("a", "F32", "[2]", 0, 8) + "," + entry("e", "F32", "[0]", 4, 4) + "}";
        assertContains(rejects(file(empty, 8)), "tensors 'a' [0, 8] and 'e' [4, 4] overlap");
    }

    @Test
    void gapsAndTrailingBytes() throws IOException {
        String gap = "{" + entry("a", "F32", "[1]", 0, 4) + "," + entry("b", "F32", "[1]", 8, 12) + "}";
        assertContains(rejects(file(gap, 12)), "bytes [4, 8) of the data area belong to no tensor (between 'a' and 'b' [8, 12])");
        assertContains(rejects(file("{" + entry("b", "F32", "[1]", 4, 8) + "}", 8)), "bytes [0, 4) of the data area belong to no tensor");
        assertContains(rejects(file("{" + entry("a", "F32", "[1]", 0, 4) + "}", 8)),
                "the data area has 8 bytes but the tensors cover only 4");
        assertContains(rejects(file("{}", 3)), "the data area has 3 bytes but the tensors cover only 0");
    }

    @Test
    void metadataMustBeStrings() throws IOException {
        assertContains(rejects(file("{\"__metadata__\":{\"epoch\":3}}", 0)), "metadata value of 'epoch' must be a string, got a number");
        assertContains(rejects(file("{\"__metadata__\":[]}", 0)), "'__metadata__' must be an object of strings");
    }

    @Test
    void validHeadersAreDescribedWithoutReadingData() throws IOException {
        Path empty = file("{}", 0);
        assertEquals(Map.of(), SafeTensors.loadMetadata(empty));
        assertEquals(0, SafeTensors.describe(empty).size());
        Path p = file("{\"__metadata__\":{\"format\":\"pt\"}," + entry("w", "BF16", "[2,3]", 0, 12) + "," + entry("s", "I8", "[]", 12, 13)
                + "," + entry("e", "F64", "[0,7]", 13, 13) + "}", 13);
        assertEquals(Map.of("format", "pt"), SafeTensors.loadMetadata(p));
        var d = SafeTensors.describe(p);
        assertEquals(List.of("w", "s", "e"), List.copyOf(d.keySet()));
        assertEquals(new SafeTensors.TensorInfo(DType.BFLOAT16, new long[] {2, 3}, 0, 12), d.get("w"));
        assertEquals(new SafeTensors.TensorInfo(DType.INT8, new long[0], 12, 13), d.get("s"));
        assertEquals(new SafeTensors.TensorInfo(DType.FLOAT64, new long[] {0, 7}, 13, 13), d.get("e"));
    }

    /** The Python-written fixture passes validation (its tensors are read in the conformance kit). */
    @Test
    void pythonFixtureHeader() throws IOException {
        Path p = dir.resolve("python.safetensors");
        try (InputStream in = getClass().getResourceAsStream("/reference/io/python.safetensors")) {
            Files.copy(in, p);
        }
        assertEquals(Map.of("format", "pt"), SafeTensors.loadMetadata(p));
        var d = SafeTensors.describe(p);
        assertEquals(List.of("i64", "scalar_i64", "f64", "empty", "f32", "layer.\u00e9\u00fc.weight", "scalar", "i32", "bf16", "f16",
                "i16", "i8", "u8", "flags"), List.copyOf(d.keySet()));
        assertEquals(DType.BOOL, d.get("flags").dtype());
    }

    @Test
    void namesAndMetadataAreValidatedOnSave() {
        IllegalArgumentException reserved = assertThrows(IllegalArgumentException.class,
                () -> SafeTensors.serialize(java.util.Collections.singletonMap("__metadata__", null), null));
        assertContains(reserved.getMessage(), "'__metadata__' is reserved");
        IllegalArgumentException nul = assertThrows(IllegalArgumentException.class,
                () -> SafeTensors.serialize(java.util.Collections.singletonMap("x", null), null));
        assertContains(nul.getMessage(), "tensor 'x' is null");
    }
}
