package org.torch4j.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.internal.AtomicWrite;
import org.torch4j.spi.HostStorage;

/**
 * Hugging Face's <a href="https://github.com/huggingface/safetensors">safetensors</a> format: the
 * safe and portable way to exchange tensors with Python ({@code safetensors.torch.save_file} /
 * {@code load_file}).
 *
 * <pre>{@code
 * SafeTensors.save(model.stateDict(), Map.of("format", "pt"), Path.of("model.safetensors"));
 * LinkedHashMap<String, Tensor> weights = SafeTensors.load(Path.of("model.safetensors"));
 * model.loadStateDict(weights);
 * }</pre>
 *
 * <p>A file is an 8-byte little-endian header length {@code N}, {@code N} bytes of UTF-8 JSON
 * (padded with spaces to a multiple of 8) mapping each tensor name to
 * {@code {"dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end]}} plus an optional
 * {@code "__metadata__"} map of strings, then the raw little-endian data. The ten torch4j dtypes map
 * to {@code F64 F32 F16 BF16 I64 I32 I16 I8 U8 BOOL}.
 *
 * <p><b>Writing</b> follows the reference implementation byte for byte: tensors are laid out by
 * decreasing dtype (so each is aligned to its element size) and then by name, the header is compact
 * JSON. A file written here is identical to the one Python's {@code safetensors} writes for the same
 * tensors and metadata (metadata keys are written in the map's order). Non-contiguous tensors are
 * written as their contiguous copy would be; device tensors are copied to the host. Writes are
 * atomic: a temporary file in the same directory is forced to disk and renamed over the target, so
 * a failure part way (a full disk, a crash, an exception) leaves the previous file intact.
 *
 * <p><b>Reading</b> validates the whole header before allocating any tensor: the header length
 * against the file size and {@link #MAX_HEADER_SIZE}, strict UTF-8 and JSON (bounded nesting,
 * no duplicate names), known dtypes, non-negative shapes whose byte size (computed without
 * overflow) equals {@code end - begin}, and offsets that lie in the data area, do not overlap and
 * cover it entirely, as the format requires. The data is memory-mapped and only copied into the
 * tensors. Loaded tensors are contiguous CPU tensors, in the header's order (for files written by
 * the reference implementation or by this class, the layout order above rather than the order of
 * the saved map: load into a model by name, as {@code Module.loadStateDict} does). Errors are
 * {@link CheckpointException}s naming the tensor, e.g.
 * {@code safetensors: tensor 'fc.weight' has data_offsets [0, 100] but shape [5, 6] of F32 needs 120 bytes};
 * I/O errors are {@link UncheckedIOException}s.
 */
public final class SafeTensors {
    private SafeTensors() {}

    /** The largest header accepted, as in the reference implementation (100 MB). */
    public static final long MAX_HEADER_SIZE = 100_000_000L;

    /** The metadata key the header reserves; no tensor may have this name. */
    public static final String METADATA_KEY = "__metadata__";

    /** The {@code "format"} metadata value of an optimizer state file. */
    static final String OPTIMIZER_FORMAT = "torch4j.optimizer";

    // a valid header nests three deep ({name: {"shape": [..]}}); allow a little more for clear errors
    private static final int MAX_JSON_DEPTH = 8;
    private static final int CHUNK = 1 << 20;

    private static final Map<DType, String> CODES = new EnumMap<>(DType.class);
    private static final Map<DType, Integer> RANKS = new EnumMap<>(DType.class);
    private static final Map<String, DType> BY_CODE = new LinkedHashMap<>();
    /** Dtypes of the format that torch4j has no equivalent for. */
    private static final Set<String> FOREIGN = Set.of("U16", "U32", "U64", "C64", "F8_E5M2", "F8_E4M3", "F8_E8M0",
            "F4", "F6_E2M3", "F6_E3M2");

    static {
        // The reference implementation orders tensors by this enum position, descending.
        code(DType.INT64, "I64", 18);
        code(DType.FLOAT64, "F64", 17);
        code(DType.FLOAT32, "F32", 15);
        code(DType.INT32, "I32", 13);
        code(DType.BFLOAT16, "BF16", 12);
        code(DType.FLOAT16, "F16", 11);
        code(DType.INT16, "I16", 9);
        code(DType.INT8, "I8", 5);
        code(DType.UINT8, "U8", 4);
        code(DType.BOOL, "BOOL", 0);
    }

    private static void code(DType d, String code, int rank) {
        CODES.put(d, code);
        RANKS.put(d, rank);
        BY_CODE.put(code, d);
    }

    /** The safetensors name of a dtype ({@code FLOAT32} is {@code "F32"}). */
    public static String dtypeCode(DType dtype) {
        return CODES.get(dtype);
    }

    // ---- writing --------------------------------------------------------------------------------

    /** Writes {@code tensors} to {@code path} (atomically, replacing it), without metadata ({@code metadata=None}). */
    public static void save(Map<String, ? extends Tensor> tensors, Path path) {
        save(tensors, null, path);
    }

    /**
     * Writes {@code tensors} and string {@code metadata} to {@code path}, atomically. With null
     * metadata no {@code "__metadata__"} entry is written; an empty map writes an empty one, as
     * Python's {@code save_file(..., metadata={})} does.
     *
     * @throws IllegalArgumentException for a null tensor or the reserved name {@code "__metadata__"}
     * @throws UncheckedIOException     when the file cannot be written; the previous file is kept
     */
    public static void save(Map<String, ? extends Tensor> tensors, Map<String, String> metadata, Path path) {
        List<Entry> entries = plan(tensors);
        byte[] header = header(entries, metadata);
        AtomicWrite.write(path, ch -> writeTo(ch, entries, header));
    }

    /** The bytes of the file {@link #save(Map, Map, Path)} writes ({@code safetensors.torch.save}). */
    public static byte[] serialize(Map<String, ? extends Tensor> tensors, Map<String, String> metadata) {
        List<Entry> entries = plan(tensors);
        byte[] header = header(entries, metadata);
        long total = 8L + header.length;
        for (Entry e : entries) total += e.nbytes;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("safetensors: " + total + " bytes do not fit in a byte array; save to a file");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) total);
        try {
            writeTo(Channels.newChannel(out), entries, header);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private record Entry(String name, Tensor tensor, DType dtype, long[] shape, long nbytes) {}

    private static List<Entry> plan(Map<String, ? extends Tensor> tensors) {
        List<Entry> entries = new ArrayList<>(tensors.size());
        for (Map.Entry<String, ? extends Tensor> e : tensors.entrySet()) {
            String name = e.getKey();
            Tensor t = e.getValue();
            if (name == null) throw new IllegalArgumentException("safetensors: tensor names must not be null");
            if (name.equals(METADATA_KEY)) {
                throw new IllegalArgumentException("safetensors: '" + METADATA_KEY + "' is reserved for metadata, not a tensor name");
            }
            if (t == null) throw new IllegalArgumentException("safetensors: tensor '" + name + "' is null");
            if (t.isComplex()) {
                // refused before anything is written; save viewAsReal(t) instead
                throw new IllegalArgumentException("safetensors: tensor '" + name + "' has dtype " + t.dtype()
                        + ", which torch4j does not save (save Torch.viewAsReal of it)");
            }
            long[] shape = t.shape();
            long nbytes;
            try {
                nbytes = Math.multiplyExact(numel(shape), t.dtype().itemSize());
            } catch (ArithmeticException ex) {
                throw new IllegalArgumentException("safetensors: tensor '" + name + "' is too large", ex);
            }
            entries.add(new Entry(name, t, t.dtype(), shape, nbytes));
        }
        // The reference layout: larger (better aligned) dtypes first, then by name.
        entries.sort(Comparator.<Entry>comparingInt(en -> -RANKS.get(en.dtype)).thenComparing(Entry::name, SafeTensors::compareUtf8));
        return entries;
    }

    /** Orders strings as their UTF-8 bytes (Rust's String order), which is code point order. */
    private static int compareUtf8(String a, String b) {
        int i = 0, j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i), cb = b.codePointAt(j);
            if (ca != cb) return Integer.compare(ca, cb);
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** The header as the reference writes it: compact JSON, metadata first, spaces to a multiple of 8. */
    private static byte[] header(List<Entry> entries, Map<String, String> metadata) {
        StringBuilder sb = new StringBuilder("{");
        boolean first = true;
        if (metadata != null) {
            Json.quote(sb, METADATA_KEY);
            sb.append(":{");
            boolean f = true;
            for (Map.Entry<String, String> m : metadata.entrySet()) {
                if (m.getKey() == null || m.getValue() == null) {
                    throw new IllegalArgumentException("safetensors: metadata keys and values must not be null");
                }
                if (!f) sb.append(',');
                f = false;
                Json.quote(sb, m.getKey());
                sb.append(':');
                Json.quote(sb, m.getValue());
            }
            sb.append('}');
            first = false;
        }
        long offset = 0;
        for (Entry e : entries) {
            if (!first) sb.append(',');
            first = false;
            Json.quote(sb, e.name);
            sb.append(":{\"dtype\":\"").append(CODES.get(e.dtype)).append("\",\"shape\":[");
            for (int i = 0; i < e.shape.length; i++) {
                if (i > 0) sb.append(',');
                sb.append(e.shape[i]);
            }
            sb.append("],\"data_offsets\":[").append(offset).append(',');
            offset = Math.addExact(offset, e.nbytes);
            sb.append(offset).append("]}");
        }
        sb.append('}');
        while (utf8Length(sb) % 8 != 0) sb.append(' ');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static long utf8Length(CharSequence s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) n += 1;
            else if (c < 0x800) n += 2;
            else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else n += 3;
        }
        return n;
    }

    private static void writeTo(WritableByteChannel ch, List<Entry> entries, byte[] header) throws IOException {
        TensorBytes.ChunkWriter out = new TensorBytes.ChunkWriter(ch, CHUNK);
        byte[] len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).array();
        out.put(len);
        out.put(header);
        for (Entry e : entries) {
            long before = out.written();
            if (!Arrays.equals(e.tensor.shape(), e.shape) || e.tensor.dtype() != e.dtype) {
                throw new IllegalStateException("safetensors: tensor '" + e.name + "' changed while it was being saved");
            }
            TensorBytes.write(e.tensor, out);
            if (out.written() - before != e.nbytes) {
                throw new IllegalStateException("safetensors: tensor '" + e.name + "' wrote " + (out.written() - before)
                        + " bytes, expected " + e.nbytes);
            }
        }
        out.flush();
    }

    // ---- reading --------------------------------------------------------------------------------

    /** What the header says about one tensor, validated. */
    private record Info(String name, DType dtype, long[] shape, long numel, long begin, long end) {}

    private record Header(List<Info> tensors, LinkedHashMap<String, String> metadata, long headerLength) {}

    /**
     * Reads every tensor of a safetensors file, in the header's order, as contiguous CPU tensors
     * (float16 and bfloat16 keep their bit patterns; bool bytes other than 0 read as true).
     *
     * @throws CheckpointException   when the file is malformed (nothing is allocated before the
     *                               whole header has been checked)
     * @throws UncheckedIOException  when the file cannot be read
     */
    public static LinkedHashMap<String, Tensor> load(Path path) {
        String source = path.toString();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ); Arena arena = Arena.ofConfined()) {
            Header h = readHeader(ch, source);
            checkCpuSizes(h, source);
            long dataStart = 8 + h.headerLength;
            long dataLen = ch.size() - dataStart;
            MemorySegment data = dataLen == 0 ? MemorySegment.NULL : ch.map(FileChannel.MapMode.READ_ONLY, dataStart, dataLen, arena);
            return materialize(h, data, source);
        } catch (IOException e) {
            throw new UncheckedIOException("safetensors: cannot read " + source + ": " + e, e);
        }
    }

    /** Reads tensors from the bytes of a safetensors file ({@code safetensors.torch.load}). */
    public static LinkedHashMap<String, Tensor> deserialize(byte[] bytes) {
        String source = "<bytes>";
        Header h = parse(bytes, source);
        checkCpuSizes(h, source);
        MemorySegment data = MemorySegment.ofArray(bytes).asSlice(8 + h.headerLength);
        return materialize(h, data, source);
    }

    /** The {@code "__metadata__"} map of a file (empty when it has none), after validating its header. */
    public static LinkedHashMap<String, String> loadMetadata(Path path) {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            return readHeader(ch, path.toString()).metadata;
        } catch (IOException e) {
            throw new UncheckedIOException("safetensors: cannot read " + path + ": " + e, e);
        }
    }

    /** The names, dtypes and shapes in a file's header, in its order, without reading any data. */
    public static LinkedHashMap<String, TensorInfo> describe(Path path) {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            LinkedHashMap<String, TensorInfo> out = new LinkedHashMap<>();
            for (Info i : readHeader(ch, path.toString()).tensors) {
                out.put(i.name, new TensorInfo(i.dtype, i.shape.clone(), i.begin, i.end));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("safetensors: cannot read " + path + ": " + e, e);
        }
    }

    /**
     * One header entry: its dtype, shape and byte range in the data area.
     *
     * @param dtype the element type
     * @param shape the sizes (a copy)
     * @param begin the first byte, relative to the data area
     * @param end   one past the last byte
     */
    public record TensorInfo(DType dtype, long[] shape, long begin, long end) {
        /** The sizes, as a copy, so that the entry stays unchanged. */
        @Override
        public long[] shape() {
            return shape.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof TensorInfo t && t.dtype == dtype && Arrays.equals(t.shape, shape) && t.begin == begin && t.end == end;
        }

        @Override
        public int hashCode() {
            return (dtype.hashCode() * 31 + Arrays.hashCode(shape)) * 31 + Long.hashCode(begin);
        }

        @Override
        public String toString() {
            return "TensorInfo[dtype=" + dtype + ", shape=" + Arrays.toString(shape) + ", data_offsets=[" + begin + ", " + end + "]]";
        }
    }

    private static Header readHeader(FileChannel ch, String source) throws IOException {
        long size = ch.size();
        if (size < 8) throw fail(source, "the file has " + size + " bytes, fewer than the 8-byte header length");
        ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, lenBuf, 0);
        long n = lenBuf.getLong(0);
        checkHeaderLength(n, size, source);
        ByteBuffer hb = ByteBuffer.allocate((int) n);
        readFully(ch, hb, 8);
        return parseHeader(hb.array(), size - 8 - n, source, n);
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        while (buf.hasRemaining()) {
            int r = ch.read(buf, position + buf.position());
            if (r < 0) throw new IOException("unexpected end of file");
        }
    }

    private static void checkHeaderLength(long n, long fileSize, String source) {
        if (n < 0 || n > MAX_HEADER_SIZE) {
            throw fail(source, "header length " + Long.toUnsignedString(n) + " exceeds the limit of " + MAX_HEADER_SIZE + " bytes");
        }
        if (n > fileSize - 8) {
            throw fail(source, "header length " + n + " is beyond the end of the file (" + (fileSize - 8) + " bytes follow the length)");
        }
    }

    private static Header parse(byte[] bytes, String source) {
        if (bytes.length < 8) throw fail(source, "the file has " + bytes.length + " bytes, fewer than the 8-byte header length");
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        checkHeaderLength(n, bytes.length, source);
        return parseHeader(Arrays.copyOfRange(bytes, 8, 8 + (int) n), bytes.length - 8 - n, source, n);
    }

    @SuppressWarnings("unchecked")
    private static Header parseHeader(byte[] headerBytes, long dataLen, String source, long headerLength) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(headerBytes)).toString();
        } catch (CharacterCodingException e) {
            throw fail(source, "the header is not valid UTF-8");
        }
        if (text.isEmpty() || text.charAt(0) != '{') throw fail(source, "the header must be a JSON object starting with '{'");
        Object json;
        try {
            json = Json.parse(text, MAX_JSON_DEPTH);
        } catch (IllegalArgumentException e) { // Json.ParseException and friends
            throw fail(source, "the header is not valid JSON: " + e.getMessage());
        }
        if (!(json instanceof Map<?, ?> root)) throw fail(source, "the header must be a JSON object");
        LinkedHashMap<String, String> metadata = new LinkedHashMap<>();
        List<Info> infos = new ArrayList<>();
        for (Map.Entry<String, Object> e : ((Map<String, Object>) root).entrySet()) {
            String name = e.getKey();
            if (name.equals(METADATA_KEY)) {
                if (!(e.getValue() instanceof Map<?, ?> m)) throw fail(source, "'__metadata__' must be an object of strings");
                for (Map.Entry<?, ?> me : m.entrySet()) {
                    if (!(me.getValue() instanceof String v)) {
                        throw fail(source, "metadata value of '" + me.getKey() + "' must be a string, got " + jsonType(me.getValue()));
                    }
                    metadata.put((String) me.getKey(), v);
                }
                continue;
            }
            infos.add(info(name, e.getValue(), dataLen, source));
        }
        // The tensors must tile the data area exactly: sorted by offsets, each starts where the last ended.
        List<Info> sorted = new ArrayList<>(infos);
        sorted.sort(Comparator.comparingLong(Info::begin).thenComparingLong(Info::end));
        long expected = 0;
        Info previous = null;
        for (Info i : sorted) {
            if (i.begin < expected) {
                throw fail(source, "tensors '" + previous.name + "' " + range(previous) + " and '" + i.name + "' " + range(i) + " overlap");
            }
            if (i.begin > expected) {
                throw fail(source, "bytes [" + expected + ", " + i.begin + ") of the data area belong to no tensor ("
                        + (previous == null ? "before" : "between '" + previous.name + "' and") + " '" + i.name + "' " + range(i)
                        + "); the format requires the tensors to cover the data area");
            }
            expected = i.end;
            previous = i;
        }
        if (expected != dataLen) {
            throw fail(source, "the data area has " + dataLen + " bytes but the tensors cover only " + expected
                    + "; the format requires the tensors to cover the data area");
        }
        return new Header(infos, metadata, headerLength);
    }

    private static String range(Info i) {
        return "[" + i.begin + ", " + i.end + "]";
    }

    private static Info info(String name, Object value, long dataLen, String source) {
        if (!(value instanceof Map<?, ?> m)) throw fail(source, "tensor '" + name + "' must be an object, got " + jsonType(value));
        Object dt = m.get("dtype");
        if (!(dt instanceof String code)) throw fail(source, "tensor '" + name + "' has no \"dtype\" string");
        DType dtype = BY_CODE.get(code);
        if (dtype == null) {
            throw fail(source, "tensor '" + name + "' has " + (FOREIGN.contains(code) ? "dtype " + code + ", which torch4j does not support"
                    : "unknown dtype \"" + code + "\"") + " (supported: " + String.join(", ", BY_CODE.keySet()) + ")");
        }
        if (!(m.get("shape") instanceof List<?> shapeList)) throw fail(source, "tensor '" + name + "' has no \"shape\" list");
        long[] shape = new long[shapeList.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!(shapeList.get(i) instanceof Long d) || d < 0) {
                throw fail(source, "tensor '" + name + "' has shape " + shapeList + ": sizes must be non-negative integers");
            }
            shape[i] = d;
        }
        if (!(m.get("data_offsets") instanceof List<?> off) || off.size() != 2 || !(off.get(0) instanceof Long begin)
                || !(off.get(1) instanceof Long end) || begin < 0 || end < 0) {
            throw fail(source, "tensor '" + name + "' has data_offsets " + m.get("data_offsets")
                    + ": expected [begin, end] with non-negative integers");
        }
        if (begin > end) throw fail(source, "tensor '" + name + "' has data_offsets [" + begin + ", " + end + "] with begin > end");
        long numel, nbytes;
        try {
            numel = numel(shape);
            nbytes = Math.multiplyExact(numel, dtype.itemSize());
        } catch (ArithmeticException ex) {
            throw fail(source, "tensor '" + name + "' has shape " + Arrays.toString(shape) + " of " + code
                    + ", whose byte size overflows a 64-bit integer");
        }
        if (end - begin != nbytes) {
            throw fail(source, "tensor '" + name + "' has data_offsets [" + begin + ", " + end + "] but shape "
                    + Arrays.toString(shape) + " of " + code + " needs " + nbytes + " bytes");
        }
        if (end > dataLen) {
            throw fail(source, "tensor '" + name + "' has data_offsets [" + begin + ", " + end + "] beyond the data area of "
                    + dataLen + " bytes");
        }
        return new Info(name, dtype, shape, numel, begin, end);
    }

    private static String jsonType(Object v) {
        if (v == null) return "null";
        if (v instanceof Map) return "an object";
        if (v instanceof List) return "a list";
        if (v instanceof String) return "a string";
        if (v instanceof Boolean) return "a boolean";
        return "a number";
    }

    private static long numel(long[] shape) {
        long n = 1;
        for (long s : shape) n = Math.multiplyExact(n, s);
        return n;
    }

    private static void checkCpuSizes(Header h, String source) {
        for (Info i : h.tensors) {
            if (i.numel > HostStorage.MAX_SIZE) {
                throw fail(source, "tensor '" + i.name + "' has " + i.numel + " elements, more than a CPU tensor holds ("
                        + HostStorage.MAX_SIZE + ")");
            }
        }
    }

    private static LinkedHashMap<String, Tensor> materialize(Header h, MemorySegment data, String source) {
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        boolean ok = false;
        try {
            for (Info i : h.tensors) {
                Tensor t = TensorBytes.allocate(i.dtype, i.shape);
                out.put(i.name, t);
                TensorBytes.copyIn(data, i.begin, ByteOrder.LITTLE_ENDIAN, t, i.numel);
            }
            ok = true;
            return out;
        } finally {
            if (!ok) out.values().forEach(Tensor::close);
        }
    }

    static CheckpointException fail(String source, String message) {
        return new CheckpointException("safetensors: " + message + " (" + source + ")");
    }

    // ---- optimizer state --------------------------------------------------------------------------

    /**
     * Writes an optimizer's {@link org.torch4j.optim.Optimizer#stateDict() stateDict()} (nested maps:
     * {@code {"state": {0: {"exp_avg": Tensor, ...}}, "param_groups": [{"lr": 0.1, ..., "params": [0, 1]}]}}).
     * Tensors become entries named {@code state.<index>.<key>}; the parameter groups and any
     * non-tensor state go to the metadata as JSON ({@code "param_groups"}, {@code "state_keys"},
     * {@code "state_values"}, with {@code "format": "torch4j.optimizer"}).
     *
     * <pre>{@code
     * SafeTensors.saveOptimizerState(optimizer.stateDict(), Path.of("adam.safetensors"));
     * optimizer.loadStateDict(SafeTensors.loadOptimizerState(Path.of("adam.safetensors")));
     * }</pre>
     */
    @SuppressWarnings("unchecked")
    public static void saveOptimizerState(Map<String, ?> stateDict, Path path) {
        Object st = stateDict.get("state"), groups = stateDict.get("param_groups");
        if (!(st instanceof Map<?, ?> state) || !(groups instanceof List<?>)) {
            throw new IllegalArgumentException("an optimizer state dict needs a 'state' map and a 'param_groups' list");
        }
        for (String k : stateDict.keySet()) {
            if (!k.equals("state") && !k.equals("param_groups")) {
                throw new IllegalArgumentException("optimizer state dict entry '" + k + "' is not supported (only 'state' and 'param_groups')");
            }
        }
        LinkedHashMap<String, Tensor> tensors = new LinkedHashMap<>();
        Map<String, Object> keys = new LinkedHashMap<>(), values = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : state.entrySet()) {
            String idx = String.valueOf(e.getKey());
            if (!(e.getValue() instanceof Map<?, ?> s)) throw new IllegalArgumentException("optimizer state of parameter " + idx + " is not a map");
            List<Object> order = new ArrayList<>();
            Map<String, Object> vals = new LinkedHashMap<>();
            for (Map.Entry<?, ?> se : s.entrySet()) {
                String k = String.valueOf(se.getKey());
                order.add(k);
                if (se.getValue() instanceof Tensor t) tensors.put("state." + idx + "." + k, t);
                else vals.put(k, se.getValue());
            }
            keys.put(idx, order);
            if (!vals.isEmpty()) values.put(idx, vals);
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", OPTIMIZER_FORMAT);
        metadata.put("param_groups", JsonValues.write(groups));
        metadata.put("state_keys", JsonValues.write(keys));
        if (!values.isEmpty()) metadata.put("state_values", JsonValues.write(values));
        save(tensors, metadata, path);
    }

    /**
     * Reads a file written by {@link #saveOptimizerState} back into the nested form that
     * {@link org.torch4j.optim.Optimizer#loadStateDict(Map)} takes (state keyed by {@link Integer} indices, as
     * {@link org.torch4j.optim.Optimizer#stateDict()} keys it).
     *
     * @throws CheckpointException when the file is not an optimizer state file or is inconsistent
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> loadOptimizerState(Path path) {
        String source = path.toString();
        LinkedHashMap<String, String> metadata = loadMetadata(path);
        if (!OPTIMIZER_FORMAT.equals(metadata.get("format")) || !metadata.containsKey("param_groups")) {
            throw fail(source, "not an optimizer state file (its metadata has no \"format\": \"" + OPTIMIZER_FORMAT
                    + "\" and \"param_groups\")");
        }
        LinkedHashMap<String, Tensor> tensors = load(path);
        List<Object> groups;
        Map<String, Object> keys, values;
        try {
            groups = (List<Object>) Json.parse(metadata.get("param_groups"), 64);
            keys = metadata.containsKey("state_keys") ? (Map<String, Object>) Json.parse(metadata.get("state_keys"), 8) : null;
            values = metadata.containsKey("state_values") ? (Map<String, Object>) Json.parse(metadata.get("state_values"), 64)
                    : Map.of();
        } catch (IllegalArgumentException | ClassCastException e) {
            throw fail(source, "malformed optimizer metadata: " + e.getMessage());
        }
        List<Object> paramGroups = new ArrayList<>();
        Map<Object, Object> state = new LinkedHashMap<>();
        try {
            for (Object g : groups) {
                if (!(g instanceof Map<?, ?> gm)) throw fail(source, "a parameter group is not an object");
                Map<String, Object> group = new LinkedHashMap<>((Map<String, Object>) gm);
                if (group.get("params") instanceof List<?> ids) {
                    List<Object> ints = new ArrayList<>();
                    for (Object id : ids) ints.add(id instanceof Long l && l == (int) (long) l ? Integer.valueOf((int) (long) l) : id);
                    group.put("params", ints);
                }
                paramGroups.add(group);
            }
            if (keys == null) { // written elsewhere: recover the layout from the tensor names
                keys = new LinkedHashMap<>();
                for (String name : tensors.keySet()) {
                    int dot = name.indexOf('.', 6);
                    if (!name.startsWith("state.") || dot < 0) throw fail(source, "unexpected tensor '" + name + "' in an optimizer state file");
                    ((List<Object>) keys.computeIfAbsent(name.substring(6, dot), k -> new ArrayList<>())).add(name.substring(dot + 1));
                }
            }
            int used = 0;
            for (Map.Entry<String, Object> e : keys.entrySet()) {
                String idx = e.getKey();
                Map<String, Object> vals = values.get(idx) instanceof Map<?, ?> vm ? (Map<String, Object>) vm : Map.of();
                Map<String, Object> s = new LinkedHashMap<>();
                for (Object ko : (List<Object>) e.getValue()) {
                    String k = (String) ko;
                    Tensor t = tensors.get("state." + idx + "." + k);
                    if (t != null) {
                        s.put(k, t);
                        used++;
                    } else if (vals.containsKey(k)) {
                        s.put(k, vals.get(k));
                    } else {
                        throw fail(source, "optimizer state '" + k + "' of parameter " + idx + " is missing");
                    }
                }
                state.put(idx.matches("\\d{1,9}") ? Integer.valueOf(idx) : idx, s); // as stateDict() keys it
            }
            if (used != tensors.size()) throw fail(source, "the file holds tensors that its \"state_keys\" do not name");
        } catch (ClassCastException e) {
            throw fail(source, "malformed optimizer metadata: " + e.getMessage());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("state", state);
        out.put("param_groups", paramGroups);
        return out;
    }

    /** JSON for optimizer options that keeps doubles as doubles ({@code 0.0}, not {@code 0}). */
    static final class JsonValues {
        private JsonValues() {}

        static String write(Object v) {
            StringBuilder sb = new StringBuilder();
            write(sb, v);
            return sb.toString();
        }

        private static void write(StringBuilder sb, Object v) {
            switch (v) {
                case null -> sb.append("null");
                case String s -> Json.quote(sb, s);
                case Boolean b -> sb.append(b);
                case Integer i -> sb.append(i);
                case Long l -> sb.append(l);
                case Short s -> sb.append(s);
                case Byte b -> sb.append(b);
                case Number n -> {
                    double d = n.doubleValue();
                    if (Double.isNaN(d)) sb.append("NaN");
                    else if (Double.isInfinite(d)) sb.append(d > 0 ? "Infinity" : "-Infinity");
                    else sb.append(d);
                }
                case Map<?, ?> m -> {
                    sb.append('{');
                    boolean first = true;
                    for (Map.Entry<?, ?> e : m.entrySet()) {
                        if (!first) sb.append(',');
                        first = false;
                        Json.quote(sb, String.valueOf(e.getKey()));
                        sb.append(':');
                        write(sb, e.getValue());
                    }
                    sb.append('}');
                }
                case Iterable<?> list -> {
                    sb.append('[');
                    boolean first = true;
                    for (Object o : list) {
                        if (!first) sb.append(',');
                        first = false;
                        write(sb, o);
                    }
                    sb.append(']');
                }
                case Tensor t -> throw new IllegalArgumentException("a tensor inside optimizer options or nested state is not supported");
                default -> throw new IllegalArgumentException("cannot store a " + v.getClass().getName() + " in optimizer metadata");
            }
        }
    }
}
