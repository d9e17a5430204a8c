package org.torch4j.io;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes pickle protocol 2 as CPython's {@code pickle.Pickler} does for the values a checkpoint holds, opcode for
 * opcode: the same integer and float encodings, memo (BINPUT) on every string, tuple, list, dict and global by
 * object identity and BINGET on its next use, items in batches of 1000 (APPEND/SETITEM for a batch of one). What a
 * value becomes ({@link Global}, {@link Reduce}, {@link PersistentId}) is the caller's choice; see
 * {@code TorchSave}.
 */
final class Pickler {
    private static final int BATCH = 1000;

    /** A global ({@code GLOBAL module name}): a class or function, memoized like any object. */
    record Global(String module, String name) {}

    /** {@code func(*args)} (REDUCE), as {@code __reduce__} returns it; memoized after the call. */
    record Reduce(Global func, Object[] args) {}

    /** A value written as a persistent id (BINPERSID of the tuple): a storage reference. */
    record PersistentId(Object[] tuple) {}

    /** A dict pickled as {@code collections.OrderedDict} (a state dict), as loaded from one or made to save one. */
    static final class OrderedDict extends java.util.LinkedHashMap<Object, Object> {
        OrderedDict() {}

        OrderedDict(Map<?, ?> items) {
            super(items);
        }
    }

    static final Global ORDERED_DICT = new Global("collections", "OrderedDict");

    /** Resolves values the pickler does not know (tensors) into the forms above. */
    interface Reducer {
        /** The form of {@code value}, or null when it cannot be pickled. */
        Object reduce(Object value);
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final IdentityHashMap<Object, Integer> memo = new IdentityHashMap<>();
    private final Reducer reducer;
    private final List<String> path = new ArrayList<>();

    Pickler(Reducer reducer) {
        this.reducer = reducer;
    }

    /** The pickle of {@code value} (PROTO 2 ... STOP). */
    static byte[] dumps(Object value, Reducer reducer) {
        Pickler p = new Pickler(reducer);
        p.out.write(0x80);
        p.out.write(2);
        p.save(value);
        p.out.write('.');
        return p.out.toByteArray();
    }

    private void save(Object v) {
        if (v == null) {
            out.write('N');
        } else if (v instanceof Boolean b) {
            out.write(b ? 0x88 : 0x89);
        } else if (v instanceof Byte || v instanceof Short || v instanceof Integer || v instanceof Long) {
            saveInt(((Number) v).longValue());
        } else if (v instanceof BigInteger b) {
            saveBig(b);
        } else if (v instanceof Float || v instanceof Double) {
            out.write('G');
            long bits = Double.doubleToRawLongBits(((Number) v).doubleValue());
            for (int i = 7; i >= 0; i--) out.write((int) (bits >>> (8 * i)));
        } else if (memo.containsKey(v)) {
            get(memo.get(v));
        } else if (v instanceof String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.write('X');
            int4(b.length);
            out.writeBytes(b);
            put(v);
        } else if (v instanceof Global g) {
            out.writeBytes(("c" + g.module() + "\n" + g.name() + "\n").getBytes(StandardCharsets.UTF_8));
            put(v);
        } else if (v instanceof Object[] tuple) {
            saveTuple(tuple, v);
        } else if (v instanceof Unpickler.Tuple t) {
            saveTuple(t.toArray(), v);
        } else if (v instanceof Reduce r) {
            saveReduce(r, v);
        } else if (v instanceof PersistentId p) {
            saveTuple(p.tuple(), p.tuple());
            out.write('Q');
        } else if (v instanceof List<?> list) {
            out.write(']');
            put(v);
            batch(list.iterator(), list.size(), 'a', 'e', (x, i) -> saveAt("[" + i + "]", x));
        } else if (v instanceof OrderedDict od) {
            saveReduce(new Reduce(ORDERED_DICT, new Object[0]), od);
            saveItems(od);
        } else if (v instanceof Map<?, ?> map) {
            out.write('}');
            put(v);
            saveItems(map);
        } else {
            Object reduced = reducer.reduce(v);
            if (reduced == null) {
                throw new IllegalArgumentException("torch.save: cannot save " + v.getClass().getName() + " at "
                        + (path.isEmpty() ? "the top level" : String.join("", path)) + " (dicts, lists, Object[] tuples,"
                        + " strings, numbers, booleans, null and dense tensors can be saved)");
            }
            if (reduced instanceof Reduce r) saveReduce(r, v);
            else save(reduced);
        }
    }

    /** {@code func}, the arguments' tuple, REDUCE, and the result memoized as {@code identity} (CPython's save_reduce). */
    private void saveReduce(Reduce r, Object identity) {
        save(r.func());
        saveTuple(r.args(), r.args());
        out.write('R');
        put(identity);
    }

    /** The items of a dict, or of an OrderedDict after its REDUCE (CPython's {@code _batch_setitems}). */
    private void saveItems(Map<?, ?> map) {
        Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
        batch(it, map.size(), 's', 'u', (e, i) -> {
            Map.Entry<?, ?> entry = (Map.Entry<?, ?>) e;
            save(entry.getKey());
            saveAt("[" + repr(entry.getKey()) + "]", entry.getValue());
        });
    }

    private interface Item {
        void save(Object item, long index);
    }

    /** Batches of up to 1000: MARK items MANY, or the item then ONE for a batch of one. */
    private void batch(Iterator<?> it, int size, int one, int many, Item item) {
        long index = 0;
        while (it.hasNext()) {
            List<Object> chunk = new ArrayList<>(Math.min(BATCH, size));
            while (it.hasNext() && chunk.size() < BATCH) chunk.add(it.next());
            if (chunk.size() > 1) out.write('(');
            for (Object x : chunk) item.save(x, index++);
            out.write(chunk.size() > 1 ? many : one);
        }
    }

    private void saveAt(String step, Object v) {
        path.add(step);
        save(v);
        path.remove(path.size() - 1);
    }

    private void saveTuple(Object[] items, Object identity) {
        if (items.length == 0) {
            out.write(')');
            return;
        }
        if (items.length > 3) out.write('(');
        for (Object x : items) save(x);
        out.write(items.length > 3 ? 't' : 0x84 + items.length);
        put(identity);
    }

    private void saveInt(long x) {
        if (x >= 0 && x < 256) {
            out.write('K');
            out.write((int) x);
        } else if (x >= 0 && x < 65536) {
            out.write('M');
            out.write((int) x);
            out.write((int) (x >>> 8));
        } else if (x >= Integer.MIN_VALUE && x <= Integer.MAX_VALUE) {
            out.write('J');
            int4((int) x);
        } else {
            saveBig(BigInteger.valueOf(x));
        }
    }

    /** LONG1: the two's complement bytes, little-endian, as few as hold the sign (CPython's encode_long). */
    private void saveBig(BigInteger b) {
        if (b.bitLength() < 32) {
            saveInt(b.longValue());
            return;
        }
        byte[] be = b.toByteArray();
        out.write(0x8a);
        out.write(be.length);
        for (int i = be.length - 1; i >= 0; i--) out.write(be[i]);
    }

    private void put(Object v) {
        int i = memo.size();
        memo.put(v, i);
        if (i < 256) {
            out.write('q');
            out.write(i);
        } else {
            out.write('r');
            int4(i);
        }
    }

    private void get(int i) {
        if (i < 256) {
            out.write('h');
            out.write(i);
        } else {
            out.write('j');
            int4(i);
        }
    }

    private void int4(int x) {
        for (int k = 0; k < 4; k++) out.write(x >>> (8 * k));
    }

    private static String repr(Object key) {
        return key instanceof String s ? "'" + s + "'" : String.valueOf(key);
    }
}
