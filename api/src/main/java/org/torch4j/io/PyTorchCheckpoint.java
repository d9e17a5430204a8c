package org.torch4j.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.spi.HostStorage;

/**
 * Reads the files of PyTorch's {@code torch.save} ({@code .pt}, {@code .pth}): the zip format of
 * PyTorch 1.6 and later, holding {@code <name>/data.pkl} (a pickle), {@code <name>/data/<key>} (the
 * raw storages) and {@code <name>/version}.
 *
 * <pre>{@code
 * // Python: torch.save(model.state_dict(), "model.pt")
 * LinkedHashMap<String, Tensor> state = PyTorchCheckpoint.load(Path.of("model.pt"));
 * model.loadStateDict(state);
 *
 * // Python: torch.save({"model": model.state_dict(), "epoch": 3}, "ckpt.pt")
 * Map<String, Object> ckpt = PyTorchCheckpoint.loadDict(Path.of("ckpt.pt"));
 * model.loadStateDict(PyTorchCheckpoint.tensors(ckpt.get("model")));
 * long epoch = (Long) ckpt.get("epoch");
 * }</pre>
 *
 * <p><b>Safety.</b> A pickle is a program: {@code torch.load} in Python runs whatever it names (which
 * is why PyTorch added {@code weights_only=True}). This class reads it with its own restricted
 * unpickler that executes nothing. It builds plain values (None as null, booleans, integers as
 * {@link Long} or {@link java.math.BigInteger}, floats as {@link Double}, strings, lists, tuples as
 * unmodifiable lists, dicts as {@link LinkedHashMap}s whose integer keys become strings) and accepts
 * only these globals: {@code collections.OrderedDict}, {@code torch._utils._rebuild_tensor_v2},
 * {@code torch._utils._rebuild_tensor}, {@code torch._utils._rebuild_parameter},
 * {@code torch._utils._rebuild_parameter_with_state}, {@code torch.Size} and the storage types
 * {@code torch.FloatStorage}, {@code DoubleStorage}, {@code HalfStorage}, {@code BFloat16Storage},
 * {@code LongStorage}, {@code IntStorage}, {@code ShortStorage}, {@code CharStorage},
 * {@code ByteStorage}, {@code BoolStorage}, {@code ComplexFloatStorage} and {@code ComplexDoubleStorage}. Any other global ({@code os.system},
 * {@code builtins.eval}, ...) fails with an {@link UnsafeCheckpointException} naming it.
 *
 * <p><b>Tensors.</b> Each storage becomes one CPU tensor; tensors saved as views of a shared storage
 * are loaded as views ({@link Tensor#asStrided}) of the same storage, with their offsets and strides,
 * as {@code torch.load} does. The device saved with a storage is ignored: everything loads on the CPU
 * ({@code map_location="cpu"}); move it with {@link Tensor#to(org.torch4j.Device)}. Storage data is
 * little-endian unless the archive's {@code byteorder} entry says {@code big}. Sizes are checked
 * against the archive before anything is allocated. Not supported: the legacy (pre-1.6, non-zip)
 * format, TorchScript archives, quantized and sparse tensors. Complex tensors load as complex64/complex128
 * tensors over a real storage of interleaved pairs (see {@link Torch#viewAsComplex}).
 */
public final class PyTorchCheckpoint {
    private PyTorchCheckpoint() {}

    /** The largest {@code data.pkl} accepted (64 MiB: a state dict's pickle is small; the data is apart). */
    public static final long MAX_PICKLE_BYTES = 64L << 20;

    private static final Pattern STORAGE_KEY = Pattern.compile("[A-Za-z0-9_]{1,64}");
    static final Map<String, DType> STORAGE_TYPES = Map.ofEntries(
            Map.entry("FloatStorage", DType.FLOAT32), Map.entry("DoubleStorage", DType.FLOAT64),
            Map.entry("HalfStorage", DType.FLOAT16), Map.entry("BFloat16Storage", DType.BFLOAT16),
            Map.entry("LongStorage", DType.INT64), Map.entry("IntStorage", DType.INT32), Map.entry("ShortStorage", DType.INT16),
            Map.entry("CharStorage", DType.INT8), Map.entry("ByteStorage", DType.UINT8), Map.entry("BoolStorage", DType.BOOL),
            Map.entry("ComplexFloatStorage", DType.COMPLEX64), Map.entry("ComplexDoubleStorage", DType.COMPLEX128));

    /**
     * Reads a file holding a state dict ({@code torch.save(model.state_dict(), path)}): a dict whose
     * values are all tensors, in the saved order.
     *
     * @throws CheckpointException       when the file is malformed, or holds something other than a
     *                                   dict of tensors (then use {@link #loadDict})
     * @throws UnsafeCheckpointException when its pickle names a global or opcode outside the allowed set
     * @throws UncheckedIOException      when the file cannot be read
     */
    public static LinkedHashMap<String, Tensor> load(Path path) {
        Object top = loadObject(path);
        if (!(top instanceof Map<?, ?>)) {
            throw new CheckpointException("torch.load: " + path + " holds " + typeName(top) + ", not a dict of tensors");
        }
        try {
            return tensors(top);
        } catch (CheckpointException e) {
            throw new CheckpointException("torch.load: " + path + " is not a plain state dict: " + e.getMessage()
                    + "; use PyTorchCheckpoint.loadDict and pick the state dict (e.g. \"model\" or \"state_dict\")");
        }
    }

    /**
     * Reads a file whose top-level object is a dict, such as {@code {"model": state_dict, "epoch": 3}}:
     * nested dicts of tensors, numbers, strings, lists and tuples come back as described in the class
     * comment. {@link #tensors(Object)} turns a nested state dict into tensors.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> loadDict(Path path) {
        Object top = loadObject(path);
        if (!(top instanceof Map<?, ?> m)) {
            throw new CheckpointException("torch.load: " + path + " holds " + typeName(top) + ", not a dict");
        }
        return (Map<String, Object>) m;
    }

    /** Reads whatever object the file holds (a dict, a list, a tensor, a number...). */
    public static Object loadObject(Path path) {
        String source = path.toString();
        checkMagic(path, source);
        try (ZipFile zip = new ZipFile(path.toFile())) {
            return new Reader(zip, source, Files.size(path)).read();
        } catch (ZipException e) {
            throw new CheckpointException("torch.load: " + source + " is not a valid zip archive: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("torch.load: cannot read " + source + ": " + e, e);
        }
    }

    /**
     * Writes a state dict as PyTorch's {@code torch.save(model.state_dict(), path)} does: an {@code OrderedDict} of
     * tensors in the map's order, which Python's {@code torch.load} (and {@link #load}) reads back. The pickle is
     * byte for byte the one PyTorch 1.13 writes for the same tensors (without the state dict's {@code _metadata},
     * which {@code load_state_dict} does not need); tensors sharing a storage are saved as views of one storage, a
     * device tensor's storage is copied to the host and tagged with its device ({@code map_location} moves it). The
     * file is written atomically: a failure leaves the previous file as it was.
     *
     * <pre>{@code
     * PyTorchCheckpoint.save(model.stateDict(), Path.of("model.pt"));
     * // Python: model.load_state_dict(torch.load("model.pt"))
     * }</pre>
     *
     * @throws IllegalArgumentException for a null tensor
     * @throws UncheckedIOException     when the file cannot be written
     */
    public static void save(Map<String, ? extends Tensor> stateDict, Path path) {
        for (Map.Entry<String, ? extends Tensor> e : stateDict.entrySet()) {
            if (e.getValue() == null) throw new IllegalArgumentException("torch.save: tensor '" + e.getKey() + "' is null");
        }
        TorchSave.save(new Pickler.OrderedDict(stateDict), archiveName(path), path);
    }

    /**
     * Writes any checkpoint object as {@code torch.save(obj, path)}: maps become dicts (an OrderedDict read by
     * {@link #loadDict} stays one), lists lists, {@code Object[]} and tuples read by {@link #loadObject} tuples,
     * strings, integers ({@link Long}, {@link Integer}, {@link java.math.BigInteger}), floats, booleans and null
     * Python's, and tensors (and {@link org.torch4j.nn.Parameter}s) as {@link #save(Map, Path)} writes them.
     *
     * <pre>{@code
     * PyTorchCheckpoint.saveObject(Map.of("model", model.stateDict(), "epoch", 3), Path.of("ckpt.pt"));
     * }</pre>
     *
     * @throws IllegalArgumentException for a value of another type, naming where it is ({@code ['model']['x']})
     * @throws UncheckedIOException     when the file cannot be written
     */
    public static void saveObject(Object obj, Path path) {
        TorchSave.save(obj, archiveName(path), path);
    }

    /** PyTorch 1.13's archive folder: the file name without its extension ({@code model.pt} holds {@code model/...}). */
    private static String archiveName(Path path) {
        Path name = path.getFileName();
        if (name == null) throw new IllegalArgumentException("torch.save: not a file path: " + path);
        String s = name.toString();
        int dot = s.lastIndexOf('.');
        return dot > 0 ? s.substring(0, dot) : s;
    }

    /**
     * A nested state dict (a value of {@link #loadDict}) as tensors.
     *
     * @throws CheckpointException when it is not a dict or one of its values is not a tensor
     */
    public static LinkedHashMap<String, Tensor> tensors(Object stateDict) {
        if (!(stateDict instanceof Map<?, ?> m)) throw new CheckpointException("expected a dict of tensors, got " + typeName(stateDict));
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getValue() instanceof Tensor t)) {
                throw new CheckpointException("entry '" + e.getKey() + "' is " + typeName(e.getValue()) + ", not a tensor");
            }
            out.put((String) e.getKey(), t);
        }
        return out;
    }

    private static String typeName(Object o) {
        if (o == null) return "None";
        if (o instanceof Map) return "a dict";
        if (o instanceof List) return "a list";
        return "a " + o.getClass().getSimpleName();
    }

    private static void checkMagic(Path path, String source) {
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(head, 0, 4);
        } catch (IOException e) {
            throw new UncheckedIOException("torch.load: cannot read " + source + ": " + e, e);
        }
        if (n == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) return;
        if (n >= 1 && (head[0] & 0xff) == 0x80) {
            throw new CheckpointException("torch.load: " + source + " is in the legacy (PyTorch < 1.6, not zip) format, which is not "
                    + "supported; re-save it with a newer PyTorch (torch.save's default) or as safetensors");
        }
        throw new CheckpointException("torch.load: " + source + " is not a torch.save file (no zip signature)");
    }

    /** A storage named by a persistent id, materialised on first use. */
    private record StorageRef(DType dtype, String key, long numel, String typeName) {}

    /** A storage class such as torch.FloatStorage: not callable, only a tag in persistent ids. */
    private record StorageType(String qualifiedName, DType dtype) implements Unpickler.PyGlobal {}

    /** Reads one archive. */
    private static final class Reader implements Unpickler.Environment {
        private final ZipFile zip;
        private final String source;
        private final long fileSize;
        private String prefix;
        private ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        private final Map<String, Tensor> storages = new HashMap<>();
        private final Map<String, StorageRef> refs = new HashMap<>();
        private final List<Tensor> created = new ArrayList<>();

        Reader(ZipFile zip, String source, long fileSize) {
            this.zip = zip;
            this.source = source;
            this.fileSize = fileSize;
        }

        Object read() throws IOException {
            TreeSet<String> prefixes = new TreeSet<>();
            Enumeration<? extends ZipEntry> en = zip.entries();
            while (en.hasMoreElements()) {
                String name = en.nextElement().getName();
                int slash = name.indexOf('/');
                if (slash > 0 && name.substring(slash + 1).equals("data.pkl")) prefixes.add(name.substring(0, slash + 1));
            }
            if (prefixes.isEmpty()) throw fail("no <name>/data.pkl entry: not a torch.save archive");
            if (prefixes.size() > 1) throw fail("several data.pkl entries " + prefixes);
            prefix = prefixes.first();
            if (zip.getEntry(prefix + "constants.pkl") != null || zip.getEntry(prefix + "code/") != null) {
                throw fail("a TorchScript archive (torch.jit.save); only torch.save files are supported");
            }
            ZipEntry bo = zip.getEntry(prefix + "byteorder");
            if (bo != null) {
                String v = new String(readSmall(bo, 16), StandardCharsets.US_ASCII).strip();
                order = switch (v) {
                    case "little" -> ByteOrder.LITTLE_ENDIAN;
                    case "big" -> ByteOrder.BIG_ENDIAN;
                    default -> throw fail("unknown byteorder '" + v + "'");
                };
            }
            ZipEntry pkl = zip.getEntry(prefix + "data.pkl");
            byte[] pickle = readSmall(pkl, MAX_PICKLE_BYTES);
            boolean ok = false;
            try {
                Object result = Unpickler.load(pickle, source + "!" + pkl.getName(), this);
                ok = true;
                return result;
            } finally {
                // the returned tensors are views holding their own references to the storages
                for (Tensor base : storages.values()) base.close();
                if (!ok) created.forEach(Tensor::close);
            }
        }

        private byte[] readSmall(ZipEntry e, long limit) throws IOException {
            if (e.getSize() > limit) throw fail("entry " + e.getName() + " has " + e.getSize() + " bytes, more than the limit of " + limit);
            try (InputStream in = zip.getInputStream(e)) {
                byte[] b = in.readNBytes((int) limit + 1);
                if (b.length > limit) throw fail("entry " + e.getName() + " has more than " + limit + " bytes");
                return b;
            }
        }

        @Override
        public Object global(String module, String name) {
            String qn = module + "." + name;
            switch (qn) {
                case "collections.OrderedDict":
                    return (Unpickler.Callable) args -> {
                        Map<Object, Object> d = new Pickler.OrderedDict(); // saved back as an OrderedDict
                        if (args.isEmpty()) return d;
                        if (args.size() == 1 && args.get(0) instanceof List<?> items) {
                            for (Object item : items) {
                                if (!(item instanceof List<?> kv) || kv.size() != 2 || !(kv.get(0) instanceof String k)) {
                                    throw fail("OrderedDict items must be (str, value) pairs");
                                }
                                d.put(k, kv.get(1));
                            }
                            return d;
                        }
                        throw fail("unexpected arguments to collections.OrderedDict");
                    };
                case "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_tensor":
                    return (Unpickler.Callable) this::rebuildTensor;
                case "torch._utils._rebuild_parameter", "torch._utils._rebuild_parameter_with_state":
                    return (Unpickler.Callable) args -> {
                        if (args.size() < 2 || !(args.get(0) instanceof Tensor t) || !(args.get(1) instanceof Boolean rg)) {
                            throw fail(qn + " expects (tensor, requires_grad, ...)");
                        }
                        if (rg && (t.isFloatingPoint() || t.isComplex())) t.requiresGrad_(true);
                        return t;
                    };
                case "torch.Size":
                    return (Unpickler.Callable) args -> {
                        if (args.size() == 1 && args.get(0) instanceof List<?> dims) return new Unpickler.Tuple(dims.toArray());
                        if (args.isEmpty()) return new Unpickler.Tuple();
                        throw fail("unexpected arguments to torch.Size");
                    };
                default:
                    if (module.equals("torch") && STORAGE_TYPES.containsKey(name)) return new StorageType(qn, STORAGE_TYPES.get(name));
                    throw new UnsafeCheckpointException("torch.load: refusing to load global '" + qn + "' from " + source
                            + ": only tensors, numbers, strings and containers can be read (allowed globals: collections.OrderedDict, "
                            + "torch._utils._rebuild_tensor_v2, torch._utils._rebuild_parameter, torch.Size and the torch.*Storage "
                            + "types); nothing from the file was executed");
            }
        }

        /** ('storage', storage_type, key, location, numel) as torch.save writes it. */
        @Override
        public Object persistentLoad(Object pid) {
            if (!(pid instanceof List<?> t) || t.size() != 5 || !"storage".equals(t.get(0))) {
                throw fail("unsupported persistent id " + (pid instanceof List<?> l ? "of " + l.size() + " items" : typeName(pid))
                        + " (expected ('storage', type, key, location, numel))");
            }
            if (!(t.get(1) instanceof StorageType type)) throw fail("persistent id names no storage type");
            if (!(t.get(2) instanceof String key) || !STORAGE_KEY.matcher(key).matches()) {
                throw fail("storage key " + (t.get(2) instanceof String s ? "'" + s + "'" : typeName(t.get(2))) + " is not a plain name");
            }
            if (!(t.get(4) instanceof Long numel) || numel < 0) throw fail("storage '" + key + "' has no valid element count");
            StorageRef ref = new StorageRef(type.dtype(), key, numel, type.qualifiedName());
            StorageRef seen = refs.putIfAbsent(key, ref);
            if (seen != null && !seen.equals(ref)) {
                throw fail("storage '" + key + "' is named as both " + seen.typeName() + "(" + seen.numel() + ") and "
                        + ref.typeName() + "(" + ref.numel() + ")");
            }
            return ref;
        }

        /** _rebuild_tensor_v2(storage, offset, size, stride, requires_grad, backward_hooks[, metadata]). */
        private Object rebuildTensor(List<Object> args) {
            if (args.size() < 4 || args.size() > 7 || !(args.get(0) instanceof StorageRef ref) || !(args.get(1) instanceof Long offset)) {
                throw fail("unexpected arguments to _rebuild_tensor_v2");
            }
            long[] size = longs(args.get(2), "size"), stride = longs(args.get(3), "stride");
            if (size.length != stride.length) throw fail("tensor size " + Arrays.toString(size) + " and stride " + Arrays.toString(stride) + " differ in length");
            boolean requiresGrad = args.size() > 4 && Boolean.TRUE.equals(args.get(4));
            long last = offset;
            long numel = 1;
            try {
                for (int i = 0; i < size.length; i++) {
                    if (size[i] < 0 || stride[i] < 0) {
                        throw fail("tensor size " + Arrays.toString(size) + " / stride " + Arrays.toString(stride) + " has negative values");
                    }
                    numel = Math.multiplyExact(numel, size[i]);
                    if (size[i] > 0) last = Math.addExact(last, Math.multiplyExact(size[i] - 1, stride[i]));
                }
            } catch (ArithmeticException e) {
                throw fail("tensor size " + Arrays.toString(size) + " with stride " + Arrays.toString(stride) + " overflows");
            }
            if (offset < 0 || (numel > 0 && last >= ref.numel())) {
                throw fail("a tensor of size " + Arrays.toString(size) + ", stride " + Arrays.toString(stride) + " at offset " + offset
                        + " reaches element " + last + " of storage '" + ref.key() + "', which has " + ref.numel() + " elements");
            }
            Tensor base = storage(ref);
            Tensor view = base.asStrided(size, stride, offset);
            created.add(view);
            if (requiresGrad && (view.isFloatingPoint() || view.isComplex())) view.requiresGrad_(true);
            return view;
        }

        private long[] longs(Object o, String what) {
            if (!(o instanceof List<?> l)) throw fail("tensor " + what + " is " + typeName(o) + ", not a tuple");
            long[] r = new long[l.size()];
            for (int i = 0; i < r.length; i++) {
                if (!(l.get(i) instanceof Long v)) throw fail("tensor " + what + " holds " + typeName(l.get(i)));
                r[i] = v;
            }
            return r;
        }

        /** The storage's data as a 1-D tensor, read once per key; sizes are checked before allocating. */
        private Tensor storage(StorageRef ref) {
            Tensor have = storages.get(ref.key());
            if (have != null) return have;
            String entryName = prefix + "data/" + ref.key();
            ZipEntry e = zip.getEntry(entryName);
            if (e == null) throw fail("storage '" + ref.key() + "' is missing (no entry " + entryName + ")");
            int item = ref.dtype().itemSize();
            long nbytes;
            try {
                nbytes = Math.multiplyExact(ref.numel(), item);
            } catch (ArithmeticException ex) {
                throw fail("storage '" + ref.key() + "' of " + ref.numel() + " elements overflows");
            }
            if (e.getSize() >= 0 && e.getSize() != nbytes) {
                throw fail("storage '" + ref.key() + "' is a " + ref.typeName() + " of " + ref.numel() + " elements (" + nbytes
                        + " bytes) but " + entryName + " has " + e.getSize() + " bytes");
            }
            // The sizes in the zip directory are claims: before allocating, make sure the file can hold
            // the data (stored, as torch.save writes it) or could decompress to it (deflate's ratio is < 1032).
            long csize = e.getCompressedSize();
            boolean plausible = e.getMethod() == ZipEntry.STORED ? csize == nbytes && csize <= fileSize
                    : csize >= 0 && nbytes <= Math.max(csize, 1) * 1032 + 64;
            if (!plausible) {
                throw fail("storage '" + ref.key() + "' claims " + nbytes + " bytes but " + entryName
                        + (csize > fileSize ? " claims " + csize + " bytes in a file of " + fileSize + " bytes"
                        : " holds only " + csize + (e.getMethod() == ZipEntry.STORED ? " stored" : " compressed") + " bytes"));
            }
            // a complex storage is read as the real storage of its interleaved (re, im) pairs
            DType stored = ref.dtype().toReal();
            long units = nbytes / stored.itemSize();
            if (units > HostStorage.MAX_SIZE) {
                throw fail("storage '" + ref.key() + "' has " + ref.numel() + " elements, more than a CPU tensor holds (" + HostStorage.MAX_SIZE
                        + (stored != ref.dtype() ? " reals, two per complex element" : "") + ")");
            }
            item = stored.itemSize();
            Tensor t = TensorBytes.allocate(stored, new long[] {units});
            Object arr = TensorBytes.array(t);
            ValueLayout layout = TensorBytes.layout(stored, order);
            byte[] chunk = new byte[(int) Math.min(Math.max(nbytes, 1), 1 << 20)];
            chunk = Arrays.copyOf(chunk, chunk.length - chunk.length % item);
            MemorySegment seg = MemorySegment.ofArray(chunk);
            long done = 0;
            try (InputStream in = zip.getInputStream(e)) {
                while (done < nbytes) {
                    int want = (int) Math.min(chunk.length, nbytes - done);
                    int got = in.readNBytes(chunk, 0, want);
                    if (got != want) throw fail(entryName + " ends after " + (done + got) + " of " + nbytes + " bytes");
                    MemorySegment.copy(seg, layout, 0, arr, (int) (done / item), want / item);
                    done += want;
                }
                if (in.read() >= 0) throw fail(entryName + " has more than the " + nbytes + " bytes of its storage");
            } catch (IOException ex) {
                throw new UncheckedIOException("torch.load: cannot read " + entryName + " of " + source + ": " + ex, ex);
            }
            if (ref.dtype() == DType.BOOL) TensorBytes.normalizeBool((byte[]) arr, 0, (int) ref.numel());
            if (ref.dtype().isComplex()) t = Torch.viewAsComplex(t.view(ref.numel(), 2));
            storages.put(ref.key(), t);
            return t;
        }

        private CheckpointException fail(String message) {
            return new CheckpointException("torch.load: " + source + ": " + message);
        }
    }
}
