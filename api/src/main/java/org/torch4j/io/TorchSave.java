package org.torch4j.io;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.internal.AtomicWrite;
import org.torch4j.nn.Parameter;
import org.torch4j.spi.HostStorage;
import org.torch4j.spi.Storage;

/**
 * One {@code torch.save} of PyTorch 1.13: the pickle of the object, in which each tensor is
 * {@code _rebuild_tensor_v2(storage, offset, size, stride, requires_grad, OrderedDict())} (a parameter
 * {@code _rebuild_parameter(tensor, requires_grad, OrderedDict())}) and each storage the persistent id
 * {@code ('storage', torch.FloatStorage, key, location, numel)}, keys numbered in order of first use; then a zip of
 * {@code <name>/data.pkl}, {@code <name>/data/<key>} (each storage whole, little-endian) and {@code <name>/version},
 * stored uncompressed with each entry's data aligned to 64 bytes as PyTorch's writer aligns it.
 */
final class TorchSave {
    private static final Pickler.Global REBUILD_TENSOR = new Pickler.Global("torch._utils", "_rebuild_tensor_v2");
    private static final Pickler.Global REBUILD_PARAMETER = new Pickler.Global("torch._utils", "_rebuild_parameter");
    /** One string object for every persistent id, as the literal in torch's persistent_id (BINGET after the first). */
    private static final String STORAGE = "storage";
    private static final String CPU = "cpu";
    private static final Map<DType, Pickler.Global> STORAGE_TYPES = new EnumMap<>(DType.class);
    private static final int ALIGNMENT = 64;

    static {
        PyTorchCheckpoint.STORAGE_TYPES.forEach((name, dtype) -> STORAGE_TYPES.put(dtype, new Pickler.Global("torch", name)));
    }

    /** A storage to write: its host array, the array's element dtype and length. */
    private record Saved(String key, Object array, DType dtype, long size) {}

    private final Map<Storage, Saved> storages = new IdentityHashMap<>();
    private final List<Saved> order = new ArrayList<>();
    private final List<Tensor> copies = new ArrayList<>();

    /** Writes {@code obj} to {@code path} atomically; {@code archive} is the entries' folder name. */
    static void save(Object obj, String archive, java.nio.file.Path path) {
        TorchSave s = new TorchSave();
        try {
            byte[] pickle = Pickler.dumps(obj, s::reduce);
            AtomicWrite.write(path, ch -> s.writeZip(ch, archive, pickle));
        } finally {
            s.copies.forEach(Tensor::close);
        }
    }

    private Object reduce(Object v) {
        if (v instanceof Parameter p) {
            return new Pickler.Reduce(REBUILD_PARAMETER, new Object[] {p.data(), p.requiresGrad(), new Pickler.OrderedDict()});
        }
        if (!(v instanceof Tensor t)) return null;
        Saved saved = storage(t);
        Object location = t.device().isCpu() ? CPU : new String(t.device().toString()); // torch's cuda tag: a new string
        Object[] pid = {STORAGE, STORAGE_TYPES.get(t.dtype()), saved.key(), location,
            t.isComplex() ? saved.size() / 2 : saved.size()};
        return new Pickler.Reduce(REBUILD_TENSOR, new Object[] {new Pickler.PersistentId(pid), t.storageOffset(),
            boxed(t.shape()), boxed(t.stride()), t.requiresGrad(), new Pickler.OrderedDict()});
    }

    /** The saved storage under {@code t}, found by identity so that views share one entry. */
    private Saved storage(Tensor t) {
        Tensor real = t.isComplex() ? Torch.viewAsReal(t) : t;
        Storage st = real.strided().storage();
        Saved known = storages.get(st);
        if (known != null) return known;
        Object array;
        if (st instanceof HostStorage hs) {
            array = hs.array();
        } else {
            // a device storage: copy all of it to the host (torch.save's storage.cpu())
            Tensor host = real.asStrided(new long[] {st.size()}, new long[] {1}, 0).cpu();
            copies.add(host);
            array = ((HostStorage) host.strided().storage()).array();
        }
        Saved s = new Saved(String.valueOf(storages.size()), array, st.dtype(), st.size());
        storages.put(st, s);
        order.add(s);
        return s;
    }

    private static Object[] boxed(long[] values) {
        Object[] r = new Object[values.length];
        for (int i = 0; i < values.length; i++) r[i] = values[i];
        return r;
    }

    private void writeZip(FileChannel channel, String archive, byte[] pickle) throws IOException {
        CountingStream counted = new CountingStream(Channels.newOutputStream(channel));
        ZipOutputStream zip = new ZipOutputStream(counted, StandardCharsets.UTF_8);
        zip.setMethod(ZipOutputStream.STORED);
        entry(zip, counted, archive + "/data.pkl", pickle);
        // PyTorch writes the storages in the order of their keys as strings ("0", "1", "10", "2", ...)
        List<Saved> byKey = new ArrayList<>(order);
        byKey.sort((a, b) -> a.key().compareTo(b.key()));
        for (Saved s : byKey) {
            ValueLayout layout = TensorBytes.layout(s.dtype(), ByteOrder.LITTLE_ENDIAN);
            CRC32 crc = new CRC32();
            TensorBytes.ChunkWriter crcPass = new TensorBytes.ChunkWriter(new CrcChannel(crc), 1 << 16);
            crcPass.put(s.array(), 0, layout, s.size());
            crcPass.flush();
            long bytes = s.size() * layout.byteSize();
            begin(zip, counted, archive + "/data/" + s.key(), bytes, crc.getValue());
            TensorBytes.ChunkWriter out = new TensorBytes.ChunkWriter(Channels.newChannel(zip), 1 << 16);
            out.put(s.array(), 0, layout, s.size());
            out.flush();
            zip.closeEntry();
        }
        entry(zip, counted, archive + "/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        zip.finish();
        counted.flush();
    }

    private static void entry(ZipOutputStream zip, CountingStream counted, String name, byte[] data) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(data);
        begin(zip, counted, name, data.length, crc.getValue());
        zip.write(data);
        zip.closeEntry();
    }

    /** Starts a stored entry whose data begins at a multiple of 64 bytes (padding in an "FB" extra field, as PyTorch's). */
    private static void begin(ZipOutputStream zip, CountingStream counted, String name, long size, long crc) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(size);
        e.setCompressedSize(size);
        e.setCrc(crc);
        e.setTimeLocal(LocalDateTime.of(2000, 1, 1, 0, 0));
        int nameBytes = name.getBytes(StandardCharsets.UTF_8).length;
        long header = 30L + nameBytes + 4 + (size >= 0xFFFFFFFFL ? 20 : 0);
        int pad = (int) Math.floorMod(-(counted.count + header), (long) ALIGNMENT);
        byte[] extra = new byte[4 + pad];
        extra[0] = 'F';
        extra[1] = 'B';
        extra[2] = (byte) pad;
        extra[3] = (byte) (pad >>> 8);
        for (int i = 4; i < extra.length; i++) extra[i] = 'Z';
        e.setExtra(extra);
        zip.putNextEntry(e);
    }

    /** The bytes written so far, to place each entry's data. */
    private static final class CountingStream extends FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }

    /** A channel that only feeds a CRC (the first pass over a storage's bytes). */
    private record CrcChannel(CRC32 crc) implements WritableByteChannel {
        @Override
        public int write(ByteBuffer src) {
            int n = src.remaining();
            crc.update(src);
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {}
    }
}
