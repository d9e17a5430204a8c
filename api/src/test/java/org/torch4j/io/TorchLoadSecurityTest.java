package org.torch4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The restricted unpickler of {@link PyTorchCheckpoint}: hostile pickles are refused with the global
 * or opcode named and nothing run; malformed archives fail clearly before any allocation; plain values
 * are read as Python writes them. Runs without a backend (no tensor is ever built here).
 */
class TorchLoadSecurityTest {

    /** The file the hostile fixtures' command would create (see tools/gen_checkpoint_reference.py). */
    static final Path MARKER = Path.of("/tmp/torch4j_hostile_pickle_ran");

    @TempDir
    Path dir;

    /** Writes pickle opcodes. */
    static final class Pickle {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Pickle op(int... bytes) {
            for (int b : bytes) out.write(b);
            return this;
        }

        Pickle proto(int v) {
            return op(0x80, v);
        }

        Pickle global(String module, String name) {
            op('c');
            out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
            return this;
        }

        Pickle str(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            op('X');
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length).array());
            out.writeBytes(b);
            return this;
        }

        Pickle shortStr(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            op(0x8c, b.length);
            out.writeBytes(b);
            return this;
        }

        Pickle int1(int v) {
            return op('K', v);
        }

        Pickle int4(int v) {
            op('J');
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
            return this;
        }

        Pickle long1(byte... le) {
            op(0x8a, le.length);
            out.writeBytes(le);
            return this;
        }

        Pickle float8(double v) {
            op('G');
            out.writeBytes(ByteBuffer.allocate(8).putDouble(v).array());
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    private Path zip(String name, byte[] pickle, Map<String, byte[]> extra) throws IOException {
        Path p = dir.resolve(name);
        try (OutputStream fo = Files.newOutputStream(p); ZipOutputStream z = new ZipOutputStream(fo)) {
            z.putNextEntry(new ZipEntry("archive/data.pkl"));
            z.write(pickle);
            z.putNextEntry(new ZipEntry("archive/version"));
            z.write("3\n".getBytes(StandardCharsets.US_ASCII));
            for (Map.Entry<String, byte[]> e : extra.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
            }
        }
        return p;
    }

    private Path zip(byte[] pickle) throws IOException {
        return zip("t" + System.nanoTime() + ".pt", pickle, Map.of());
    }

    private Path fixture(String name) throws IOException {
        Path p = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/reference/io/" + name)) {
            Files.copy(in, p);
        }
        return p;
    }

    private static void assertContains(String message, String part) {
        assertTrue(message.contains(part), () -> "expected '" + part + "' in: " + message);
    }

    private static String refused(Path p) {
        UnsafeCheckpointException e = assertThrows(UnsafeCheckpointException.class, () -> PyTorchCheckpoint.loadObject(p));
        assertContains(e.getMessage(), "nothing");
        assertContains(e.getMessage(), "was executed");
        return e.getMessage();
    }

    private static String malformed(Path p) {
        CheckpointException e = assertThrows(CheckpointException.class, () -> PyTorchCheckpoint.loadObject(p));
        assertFalse(e instanceof UnsafeCheckpointException, e.getMessage());
        return e.getMessage();
    }

    // ---- hostile pickles ----------------------------------------------------------------------------

    @Test
    void osSystemFixtureIsRefusedAndNothingRuns() throws IOException {
        Files.deleteIfExists(MARKER);
        Path p = fixture("hostile_os_system.pt");
        String m = refused(p);
        assertContains(m, "refusing to load global 'os.system'");
        assertThrows(UnsafeCheckpointException.class, () -> PyTorchCheckpoint.load(p));
        assertThrows(UnsafeCheckpointException.class, () -> PyTorchCheckpoint.loadDict(p));
        assertFalse(Files.exists(MARKER), "the hostile command ran");
    }

    @Test
    void classicReduceExploitIsRefused() throws IOException {
        Files.deleteIfExists(MARKER);
        assertContains(refused(fixture("hostile_reduce.pt")), "refusing to load global 'posix.system'");
        assertFalse(Files.exists(MARKER), "the hostile command ran");
    }

    @Test
    void dangerousGlobalsAreRefusedByName() throws IOException {
        for (String[] g : new String[][] {{"builtins", "eval"}, {"__builtin__", "eval"}, {"builtins", "exec"}, {"subprocess", "Popen"},
                {"torch", "load"}, {"torch._utils", "_rebuild_device_tensor_from_numpy"}, {"numpy.core.multiarray", "scalar"},
                {"collections", "OrderedDict.fromkeys"}, {"torch", "FloatStorage.__new__"}}) {
            byte[] p = new Pickle().proto(2).global(g[0], g[1]).str("1+1").op(0x85, 'R', '.').bytes();
            assertContains(refused(zip(p)), "refusing to load global '" + g[0] + "." + g[1] + "'");
        }
    }

    @Test
    void stackGlobalIsCheckedToo() throws IOException {
        byte[] p = new Pickle().proto(4).shortStr("os").shortStr("system").op(0x93).shortStr("id").op(0x85, 'R', '.').bytes();
        assertContains(refused(zip(p)), "refusing to load global 'os.system'");
    }

    @Test
    void objectBuildingOpcodesAreRefused() throws IOException {
        byte[] inst = new Pickle().proto(2).op('(').str("id").op('i').bytes();
        inst = concat(inst, "os\nsystem\n.".getBytes(StandardCharsets.US_ASCII));
        assertContains(refused(zip(inst)), "refusing pickle opcode INST (0x69)");
        byte[] obj = new Pickle().proto(2).op('(').global("collections", "OrderedDict").op('o', '.').bytes();
        assertContains(refused(zip(obj)), "refusing pickle opcode OBJ (0x6f)");
        assertContains(refused(zip(new Pickle().proto(2).op(0x82, 1, '.').bytes())), "refusing pickle opcode EXT1 (0x82)");
        assertContains(refused(zip(new Pickle().proto(4).global("collections", "OrderedDict").op(')', '}', 0x92, '.').bytes())),
                "refusing pickle opcode NEWOBJ_EX (0x92)");
    }

    @Test
    void allowedGlobalsThatAreNotCallableAreRefused() throws IOException {
        byte[] p = new Pickle().proto(2).global("torch", "FloatStorage").int1(3).op(0x85, 'R', '.').bytes();
        assertContains(refused(zip(p)), "refusing REDUCE on 'torch.FloatStorage'");
        byte[] build = new Pickle().proto(2).op(']').op('}', 'b', '.').bytes();
        assertContains(refused(zip(build)), "refusing BUILD on ArrayList");
    }

    // ---- malformed archives and storages ----------------------------------------------------------------

    /** A _rebuild_tensor_v2 call on storage {@code key} of {@code numel} floats, with size (n,) and stride (1,). */
    private static byte[] tensorPickle(String key, long numel, int size) {
        Pickle p = new Pickle().proto(2).op('}').str("w").global("torch._utils", "_rebuild_tensor_v2").op('(');
        p.op('(').str("storage").global("torch", "FloatStorage").str(key).str("cpu").int4((int) numel).op('t', 'Q');
        p.int1(0).int4(size).op(0x85).int1(1).op(0x85).op(0x89).global("collections", "OrderedDict").op(')', 'R', 't', 'R', 's', '.');
        return p.bytes();
    }

    @Test
    void storageSizeIsCheckedBeforeAllocating() throws IOException {
        Path p = zip("big.pt", tensorPickle("0", 1_000_000_000, 1), Map.of("archive/data/0", new byte[4]));
        assertContains(malformed(p), "storage '0' is a torch.FloatStorage of 1000000000 elements (4000000000 bytes) but "
                + "archive/data/0 has 4 bytes");
    }

    /** The zip directory's sizes are claims: a storage "stored" in 4 bytes cannot make the reader allocate 4 GB. */
    @Test
    void lyingZipDirectoryCannotForceAnAllocation() throws IOException {
        for (boolean alsoCompressedSize : new boolean[] {false, true}) {
            Path p = dir.resolve("liar" + alsoCompressedSize + ".pt");
            byte[] data = new byte[4];
            CRC32 crc = new CRC32();
            crc.update(data);
            try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(p))) {
                z.putNextEntry(new ZipEntry("archive/data.pkl"));
                z.write(tensorPickle("0", 1_000_000_000, 1));
                ZipEntry e = new ZipEntry("archive/data/0");
                e.setMethod(ZipEntry.STORED);
                e.setSize(4);
                e.setCompressedSize(4);
                e.setCrc(crc.getValue());
                z.putNextEntry(e);
                z.write(data);
            }
            byte[] b = Files.readAllBytes(p);
            byte[] name = "archive/data/0".getBytes(StandardCharsets.US_ASCII);
            int patched = 0;
            for (int i = 0; i + 46 + name.length <= b.length; i++) {
                if (b[i] == 'P' && b[i + 1] == 'K' && b[i + 2] == 1 && b[i + 3] == 2 && b[i + 28] == name.length
                        && java.util.Arrays.equals(b, i + 46, i + 46 + name.length, name, 0, name.length)) {
                    ByteBuffer cen = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
                    cen.putInt(i + 24, (int) 4_000_000_000L); // uncompressed size
                    if (alsoCompressedSize) cen.putInt(i + 20, (int) 4_000_000_000L);
                    patched++;
                }
            }
            assertEquals(1, patched);
            Files.write(p, b);
            String m = malformed(p);
            assertTrue(m.contains("storage '0' claims 4000000000 bytes but archive/data/0 ")
                    || m.contains("is not a valid zip archive"), m);
        }
    }

    @Test
    void viewsMustStayInsideTheirStorage() throws IOException {
        Path p = zip("view.pt", tensorPickle("0", 1, 10), Map.of("archive/data/0", new byte[4]));
        assertContains(malformed(p), "a tensor of size [10], stride [1] at offset 0 reaches element 9 of storage '0', which has 1 elements");
    }

    @Test
    void storageKeysMustBePlainNames() throws IOException {
        Path p = zip("key.pt", tensorPickle("../../etc/passwd", 1, 1), Map.of());
        assertContains(malformed(p), "storage key '../../etc/passwd' is not a plain name");
    }

    @Test
    void missingStorage() throws IOException {
        assertContains(malformed(zip("missing.pt", tensorPickle("7", 1, 1), Map.of())), "storage '7' is missing (no entry archive/data/7)");
    }

    @Test
    void malformedPickles() throws IOException {
        assertContains(malformed(zip(new Pickle().proto(2).op('}').bytes())), "the pickle ends without a STOP opcode");
        assertContains(malformed(zip(new Pickle().proto(2).op('X', 0xff, 0xff, 0xff, 0x7f).bytes())), "runs past the end of the pickle");
        assertContains(malformed(zip(new Pickle().proto(2).op('s').bytes())), "stack underflow");
        assertContains(malformed(zip(new Pickle().proto(2).op('h', 5).bytes())), "memo entry 5 was never stored");
        assertContains(malformed(zip(new Pickle().proto(2).op('I').bytes())), "unsupported pickle opcode 0x49 ('I')");
        assertContains(malformed(zip(new Pickle().proto(9).bytes())), "unsupported pickle protocol 9");
        assertContains(malformed(zip(new Pickle().proto(2).op('}').op(']').op(']', 's', '.').bytes())),
                "dict keys must be strings or integers, got ArrayList");
        assertContains(malformed(zip(new Pickle().proto(2).op('N', 'N', '.').bytes())), "STOP with 1 values left on the stack");
    }

    @Test
    void notATorchSaveFile() throws IOException {
        Path text = dir.resolve("x.pt");
        Files.writeString(text, "hello");
        assertContains(malformed(text), "is not a torch.save file (no zip signature)");
        Path legacy = dir.resolve("legacy.pt");
        Files.write(legacy, new byte[] {(byte) 0x80, 2, (byte) 0x8a, 10});
        assertContains(malformed(legacy), "legacy (PyTorch < 1.6, not zip) format");
        Path noPickle = dir.resolve("empty.pt");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(noPickle))) {
            z.putNextEntry(new ZipEntry("archive/version"));
            z.write('3');
        }
        assertContains(malformed(noPickle), "no <name>/data.pkl entry");
        Path script = zip("script.pt", new Pickle().proto(2).op('N', '.').bytes(), Map.of("archive/constants.pkl", new byte[1]));
        assertContains(malformed(script), "a TorchScript archive");
        Path broken = dir.resolve("broken.pt");
        Files.write(broken, new byte[] {'P', 'K', 3, 4, 0, 0, 0});
        assertContains(malformed(broken), "is not a valid zip archive");
    }

    @Test
    void plainStateDictRequiresTensors() throws IOException {
        Path p = zip(new Pickle().proto(2).op('}').str("epoch").int1(3).op('s', '.').bytes());
        CheckpointException e = assertThrows(CheckpointException.class, () -> PyTorchCheckpoint.load(p));
        assertContains(e.getMessage(), "entry 'epoch' is a Long, not a tensor");
        assertContains(e.getMessage(), "use PyTorchCheckpoint.loadDict");
        Path list = zip(new Pickle().proto(2).op(']', '.').bytes());
        assertContains(assertThrows(CheckpointException.class, () -> PyTorchCheckpoint.loadDict(list)).getMessage(),
                "holds a list, not a dict");
    }

    // ---- plain values ----------------------------------------------------------------------------------------

    @Test
    @SuppressWarnings("unchecked")
    void plainValuesReadAsPythonWroteThem() throws IOException {
        Pickle p = new Pickle().proto(2).global("collections", "OrderedDict").op('q', 0, ')', 'R', 'q', 1, '(');
        p.str("epoch").int1(3);
        p.str("neg").int4(-1234567);
        p.str("m").op('M', 0x34, 0x12); // BININT2 0x1234
        p.str("big").long1(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0x40}); // 2**70
        p.str("minus").long1(new byte[] {(byte) 0xfe}); // -2
        p.str("lr").float8(0.01);
        p.str("name").str("run-\u00e9");
        p.str("t").op('N', 0x88, 0x89, 0x87); // (None, True, False)
        p.str("list").op(']', 'q', 2, '(').int1(1).int1(2).op('e');
        p.str("same").op('h', 2); // the memoised list again
        p.str("size").global("torch", "Size").op('(').int1(2).int1(3).op('t', 0x85, 'R');
        p.str("ints").op('}', '(').int1(0).str("zero").int4(7).str("seven").op('u');
        p.op('u').op('}').str("_metadata").op('}', 's', 'b', '.'); // OrderedDict attributes via BUILD are dropped
        Map<String, Object> d = PyTorchCheckpoint.loadDict(zip(p.bytes()));
        assertEquals(List.of("epoch", "neg", "m", "big", "minus", "lr", "name", "t", "list", "same", "size", "ints"), List.copyOf(d.keySet()));
        assertEquals(3L, d.get("epoch"));
        assertEquals(-1234567L, d.get("neg"));
        assertEquals(0x1234L, d.get("m"));
        assertEquals(BigInteger.TWO.pow(70), d.get("big"));
        assertEquals(-2L, d.get("minus"));
        assertEquals(0.01, d.get("lr"));
        assertEquals("run-\u00e9", d.get("name"));
        List<Object> t = (List<Object>) d.get("t");
        assertNull(t.get(0));
        assertEquals(List.of(true, false), t.subList(1, 3));
        assertThrows(UnsupportedOperationException.class, () -> t.add(1));
        assertEquals(List.of(1L, 2L), d.get("list"));
        assertTrue(d.get("list") == d.get("same"), "memo references are shared");
        assertEquals(List.of(2L, 3L), d.get("size"));
        assertEquals(Map.of("0", "zero", "7", "seven"), d.get("ints"));
        assertInstanceOf(LinkedHashMap.class, d);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
