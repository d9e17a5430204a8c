package org.torch4j.io;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * A restricted reader of Python's pickle format (protocols 2 to 5), written from the format and
 * independent of Python. It builds only inert values: {@code None} (null), booleans, integers
 * ({@link Long}, or {@link BigInteger} beyond 64 bits), floats ({@link Double}), strings, bytes,
 * lists ({@link ArrayList}), tuples (an unmodifiable {@link List}) and dicts ({@link LinkedHashMap}
 * with string keys; integer keys become their decimal string). Everything else goes through the
 * {@link Environment}: a {@code GLOBAL} is resolved by name (the environment refuses what it does not
 * know), {@code REDUCE} only calls what the environment resolved, and persistent ids are handed to it.
 * Opcodes that build arbitrary objects ({@code INST}, {@code OBJ}, {@code NEWOBJ_EX}, the extension
 * registry) are refused. Nothing in the data is ever executed.
 */
final class Unpickler {

    /** A callable that {@link Environment#global} returns: REDUCE and NEWOBJ call it with the arguments. */
    @FunctionalInterface
    interface Callable {
        Object call(List<Object> args);
    }

    /** What a pickle may reach outside plain values. */
    interface Environment {
        /** Resolves {@code module.name}, or throws {@link UnsafeCheckpointException}. */
        Object global(String module, String name);

        /** Resolves a persistent id (BINPERSID). */
        Object persistentLoad(Object pid);
    }

    /** A Python tuple: an immutable list. */
    static final class Tuple extends AbstractList<Object> implements RandomAccess {
        private final Object[] items;

        Tuple(Object... items) {
            this.items = items;
        }

        @Override
        public Object get(int index) {
            return items[index];
        }

        @Override
        public int size() {
            return items.length;
        }
    }

    private static final int MAX_STACK = 1 << 20;
    private static final int MAX_MEMO = 1 << 22;
    private static final int MAX_LONG_BYTES = 1 << 10;

    private final byte[] data;
    private final String source;
    private final Environment env;
    private int pos;
    private final ArrayList<Object> stack = new ArrayList<>();
    private int[] marks = new int[16];
    private int markCount;
    private final HashMap<Long, Object> memo = new HashMap<>();

    private Unpickler(byte[] data, String source, Environment env) {
        this.data = data;
        this.source = source;
        this.env = env;
    }

    /** Reads the one object a pickle holds. */
    static Object load(byte[] data, String source, Environment env) {
        return new Unpickler(data, source, env).run();
    }

    private Object run() {
        while (true) {
            if (pos >= data.length) throw error("the pickle ends without a STOP opcode");
            int at = pos;
            int op = data[pos++] & 0xff;
            switch (op) {
                case 0x80 -> { // PROTO
                    int v = u1();
                    if (v < 2 || v > 5) throw error("unsupported pickle protocol " + v + " (torch.save writes 2)");
                }
                case 0x95 -> skip(8); // FRAME: a length hint only
                case '.' -> { // STOP
                    Object result = pop();
                    if (!stack.isEmpty() || markCount > 0) throw error("STOP with " + stack.size() + " values left on the stack");
                    return result;
                }
                case '(' -> { // MARK
                    if (markCount == marks.length) {
                        if (marks.length >= MAX_STACK) throw error("too many marks");
                        marks = Arrays.copyOf(marks, marks.length * 2);
                    }
                    marks[markCount++] = stack.size();
                }
                case '0' -> pop(); // POP
                case '1' -> popMark(); // POP_MARK
                case '2' -> push(peek()); // DUP
                case 'N' -> push(null);
                case 0x88 -> push(Boolean.TRUE);
                case 0x89 -> push(Boolean.FALSE);
                case 'J' -> push((long) i4()); // BININT
                case 'K' -> push((long) u1()); // BININT1
                case 'M' -> push((long) (u1() | (u1() << 8))); // BININT2
                case 0x8a -> push(longN(u1())); // LONG1
                case 0x8b -> { // LONG4
                    int n = i4();
                    if (n < 0 || n > MAX_LONG_BYTES) throw error("LONG4 of " + n + " bytes is not supported");
                    push(longN(n));
                }
                case 'G' -> push(Double.longBitsToDouble(ByteBuffer.wrap(take(8)).getLong())); // BINFLOAT (big-endian)
                case 'X' -> push(utf8(take(length4()))); // BINUNICODE
                case 0x8c -> push(utf8(take(u1()))); // SHORT_BINUNICODE
                case 0x8d -> push(utf8(take(length8()))); // BINUNICODE8
                case 'T' -> push(new String(take(length4()), StandardCharsets.ISO_8859_1)); // BINSTRING
                case 'U' -> push(new String(take(u1()), StandardCharsets.ISO_8859_1)); // SHORT_BINSTRING
                case 'B' -> push(take(length4())); // BINBYTES
                case 'C' -> push(take(u1())); // SHORT_BINBYTES
                case 0x8e -> push(take(length8())); // BINBYTES8
                case ')' -> push(new Tuple()); // EMPTY_TUPLE
                case 't' -> push(new Tuple(popMark().toArray())); // TUPLE
                case 0x85 -> push(new Tuple(pop())); // TUPLE1
                case 0x86 -> {
                    Object b = pop(), a = pop();
                    push(new Tuple(a, b));
                }
                case 0x87 -> {
                    Object c = pop(), b = pop(), a = pop();
                    push(new Tuple(a, b, c));
                }
                case ']' -> push(new ArrayList<>()); // EMPTY_LIST
                case 'l' -> push(new ArrayList<>(popMark())); // LIST
                case 'a' -> { // APPEND
                    Object v = pop();
                    list(peek(), "APPEND").add(v);
                }
                case 'e' -> { // APPENDS
                    List<Object> items = popMark();
                    list(peek(), "APPENDS").addAll(items);
                }
                case '}' -> push(new LinkedHashMap<String, Object>()); // EMPTY_DICT
                case 'd' -> { // DICT
                    List<Object> items = popMark();
                    LinkedHashMap<String, Object> d = new LinkedHashMap<>();
                    setItems(d, items);
                    push(d);
                }
                case 's' -> { // SETITEM
                    Object v = pop(), k = pop();
                    setItem(dict(peek(), "SETITEM"), k, v);
                }
                case 'u' -> { // SETITEMS
                    List<Object> items = popMark();
                    setItems(dict(peek(), "SETITEMS"), items);
                }
                case 'c' -> push(env.global(line(), line())); // GLOBAL
                case 0x93 -> { // STACK_GLOBAL
                    Object name = pop(), module = pop();
                    if (!(module instanceof String m) || !(name instanceof String n)) throw error("STACK_GLOBAL needs two strings");
                    push(env.global(m, n));
                }
                case 'R' -> { // REDUCE
                    Object args = pop(), fn = pop();
                    push(call(fn, args, "REDUCE"));
                }
                case 0x81 -> { // NEWOBJ: cls.__new__(cls, *args), allowed for the same callables
                    Object args = pop(), cls = pop();
                    push(call(cls, args, "NEWOBJ"));
                }
                case 'b' -> build(pop(), peek()); // BUILD
                case 'Q' -> push(env.persistentLoad(pop())); // BINPERSID
                case 'q' -> memoPut(u1()); // BINPUT
                case 'r' -> memoPut(i4() & 0xffffffffL); // LONG_BINPUT
                case 0x94 -> memoPut(memo.size()); // MEMOIZE
                case 'h' -> memoGet(u1()); // BINGET
                case 'j' -> memoGet(i4() & 0xffffffffL); // LONG_BINGET
                case 'i', 'o', 0x92, 0x82, 0x83, 0x84 -> throw new UnsafeCheckpointException("torch.load: refusing pickle opcode "
                        + opName(op) + " at byte " + at + " of " + source + ": it builds arbitrary Python objects; nothing was executed");
                default -> throw error("unsupported pickle opcode " + opName(op) + " at byte " + at
                        + " (only what torch.save writes for tensors, numbers, strings and containers is read)");
            }
        }
    }

    private static String opName(int op) {
        String name = switch (op) {
            case 'i' -> "INST";
            case 'o' -> "OBJ";
            case 0x92 -> "NEWOBJ_EX";
            case 0x82 -> "EXT1";
            case 0x83 -> "EXT2";
            case 0x84 -> "EXT4";
            default -> null;
        };
        String hex = String.format("0x%02x", op);
        if (name != null) return name + " (" + hex + ")";
        return op >= 0x20 && op < 0x7f ? hex + " ('" + (char) op + "')" : hex;
    }

    private Object call(Object fn, Object args, String opcode) {
        if (!(fn instanceof Callable c)) {
            throw new UnsafeCheckpointException("torch.load: refusing " + opcode + " on " + describe(fn) + " in " + source
                    + ": only the allowed torch functions may be called; nothing was executed");
        }
        if (!(args instanceof Tuple t)) throw error(opcode + " needs a tuple of arguments, got " + describe(args));
        return c.call(t);
    }

    /** BUILD sets an object's state: only attributes of dicts (OrderedDict._metadata) and tensors, which are dropped. */
    private void build(Object state, Object target) {
        if (target instanceof Map || target instanceof org.torch4j.Tensor) return;
        throw new UnsafeCheckpointException("torch.load: refusing BUILD on " + describe(target) + " in " + source
                + "; nothing was executed");
    }

    private static String describe(Object v) {
        if (v == null) return "None";
        if (v instanceof PyGlobal g) return "'" + g.qualifiedName() + "'";
        return v.getClass().getSimpleName();
    }

    /** A resolved global that is not callable (e.g. a storage type), named in errors. */
    interface PyGlobal {
        String qualifiedName();
    }

    private void setItems(Map<String, Object> d, List<Object> items) {
        if (items.size() % 2 != 0) throw error("SETITEMS with an odd number of values");
        for (int i = 0; i < items.size(); i += 2) setItem(d, items.get(i), items.get(i + 1));
    }

    private void setItem(Map<String, Object> d, Object key, Object value) {
        String k = switch (key) {
            case String s -> s;
            case Long l -> Long.toString(l);
            case BigInteger b -> b.toString();
            case null, default -> throw error("dict keys must be strings or integers, got " + describe(key));
        };
        d.put(k, value);
    }

    @SuppressWarnings("unchecked")
    private List<Object> list(Object o, String opcode) {
        if (o instanceof ArrayList<?> l) return (List<Object>) l;
        throw error(opcode + " on " + describe(o) + ", not a list");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> dict(Object o, String opcode) {
        if (o instanceof LinkedHashMap<?, ?> m) return (Map<String, Object>) m;
        throw error(opcode + " on " + describe(o) + ", not a dict");
    }

    private void memoPut(long index) {
        if (stack.isEmpty()) throw error("memo store with an empty stack");
        if (memo.size() >= MAX_MEMO && !memo.containsKey(index)) throw error("more than " + MAX_MEMO + " memo entries");
        memo.put(index, peek());
    }

    private void memoGet(long index) {
        if (!memo.containsKey(index)) throw error("memo entry " + index + " was never stored");
        push(memo.get(index));
    }

    private void push(Object o) {
        if (stack.size() >= MAX_STACK) throw error("the pickle's stack grows beyond " + MAX_STACK + " values");
        stack.add(o);
    }

    private Object pop() {
        int floor = markCount > 0 ? marks[markCount - 1] : 0;
        if (stack.size() <= floor) throw error("stack underflow");
        return stack.remove(stack.size() - 1);
    }

    private Object peek() {
        int floor = markCount > 0 ? marks[markCount - 1] : 0;
        if (stack.size() <= floor) throw error("stack underflow");
        return stack.get(stack.size() - 1);
    }

    private List<Object> popMark() {
        if (markCount == 0) throw error("no MARK on the stack");
        int m = marks[--markCount];
        List<Object> items = new ArrayList<>(stack.subList(m, stack.size()));
        stack.subList(m, stack.size()).clear();
        return items;
    }

    private int u1() {
        need(1);
        return data[pos++] & 0xff;
    }

    private int i4() {
        need(4);
        int v = (data[pos] & 0xff) | (data[pos + 1] & 0xff) << 8 | (data[pos + 2] & 0xff) << 16 | (data[pos + 3] & 0xff) << 24;
        pos += 4;
        return v;
    }

    private int length4() {
        long n = i4() & 0xffffffffL;
        if (n > data.length - pos) throw error("a string of " + n + " bytes runs past the end of the pickle");
        return (int) n;
    }

    private int length8() {
        need(8);
        long n = ByteBuffer.wrap(data, pos, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        pos += 8;
        if (n < 0 || n > data.length - pos) throw error("a value of " + Long.toUnsignedString(n) + " bytes runs past the end of the pickle");
        return (int) n;
    }

    private void need(int n) {
        if (n > data.length - pos) throw error("the pickle is truncated");
    }

    private void skip(int n) {
        need(n);
        pos += n;
    }

    private byte[] take(int n) {
        need(n);
        byte[] b = Arrays.copyOfRange(data, pos, pos + n);
        pos += n;
        return b;
    }

    /** Little-endian two's complement of {@code n} bytes (LONG1 / LONG4). */
    private Object longN(int n) {
        byte[] le = take(n);
        if (n == 0) return 0L;
        byte[] be = new byte[n];
        for (int i = 0; i < n; i++) be[i] = le[n - 1 - i];
        BigInteger v = new BigInteger(be);
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    private String utf8(byte[] b) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw error("a string is not valid UTF-8");
        }
    }

    /** A text line of GLOBAL (module or name), at most 256 bytes. */
    private String line() {
        int start = pos;
        while (pos < data.length && data[pos] != '\n') {
            if (pos - start > 256) throw error("a GLOBAL name longer than 256 bytes");
            pos++;
        }
        if (pos >= data.length) throw error("the pickle is truncated inside a GLOBAL");
        String s = new String(data, start, pos - start, StandardCharsets.UTF_8);
        pos++;
        return s;
    }

    private CheckpointException error(String message) {
        return new CheckpointException("torch.load: malformed pickle in " + source + ": " + message + " (at byte " + pos + ")");
    }
}
