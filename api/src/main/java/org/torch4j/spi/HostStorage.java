package org.torch4j.spi;

import org.torch4j.DType;
import org.torch4j.Device;

/**
 * CPU memory: a Java array owned by the api, so that CPU backends can be swapped while tensors live.
 *
 * <p>The array type follows the dtype: {@code float[]} (float32), {@code double[]} (float64),
 * {@code long[]} (int64), {@code int[]} (int32), {@code short[]} (int16, and the bit patterns of
 * float16 and bfloat16), {@code byte[]} (int8, uint8 as unsigned bytes, bool as 0/1).
 */
public final class HostStorage extends Storage {

    /** The largest number of elements a host storage can hold (a Java array's limit). */
    public static final long MAX_SIZE = Integer.MAX_VALUE - 8;

    private Object data;
    /** Made by {@link #allocate}: its array goes back to the cache when freed (a wrapped array is the caller's). */
    private final boolean cached;

    private HostStorage(DType dtype, Object data, int size, boolean cached) {
        super(dtype, size);
        this.data = data;
        this.cached = cached;
    }

    /** New zero-filled memory for {@code size} elements. */
    public static HostStorage allocate(DType dtype, long size) {
        return new HostStorage(dtype, newArray(dtype, size, true), (int) size, true);
    }

    /**
     * New memory for {@code size} elements whose contents are unspecified: for an output that a kernel overwrites
     * completely ({@code torch.empty}). It may be the array of a tensor closed before, which saves the zeroing
     * pass of a fresh one. With {@code -Dtorch4j.debug.poisonEmpty=true} every such array is filled with NaN
     * (floats) or a bit pattern (integers), so that code reading memory it never wrote shows in tests.
     */
    public static HostStorage allocateUninitialized(DType dtype, long size) {
        return new HostStorage(dtype, newArray(dtype, size, false), (int) size, true);
    }

    private static final boolean POISON = Boolean.getBoolean("torch4j.debug.poisonEmpty");

    /** A cached array when one of the length is free (zeroed if asked), else a fresh (zero) one. */
    private static Object newArray(DType dtype, long size, boolean zeroed) {
        if (size > MAX_SIZE) {
            throw new IllegalArgumentException("CPU tensors hold at most " + MAX_SIZE
                    + " elements (a Java array's limit); asked for " + size);
        }
        int n = (int) size;
        Object a = HostMemoryCache.take(arrayClass(dtype), n);
        if (a == null) {
            a = switch (dtype) {
                case FLOAT32 -> new float[n];
                case FLOAT64 -> new double[n];
                case INT64 -> new long[n];
                case INT32 -> new int[n];
                case INT16, FLOAT16, BFLOAT16 -> new short[n];
                case INT8, UINT8, BOOL -> new byte[n];
                case COMPLEX64, COMPLEX128 -> throw complexStorage(dtype);
            };
        } else if (zeroed) {
            zero(a);
        }
        if (!zeroed && POISON) poison(a);
        return a;
    }

    /**
     * Drops the arrays of closed tensors that host memory keeps for reuse (see {@link #allocateUninitialized});
     * the cache refills as tensors close. The cache holds at most {@code -Dtorch4j.cpu.cacheBytes} bytes (default
     * a quarter of the maximum heap, at most 4 GiB; 0 turns it off), and the garbage collector may clear it.
     */
    public static void emptyCache() {
        HostMemoryCache.clear();
    }

    /** The bytes of closed tensors' arrays that host memory keeps for reuse (see {@link #emptyCache()}). */
    public static long cachedBytes() {
        return HostMemoryCache.bytes();
    }

    private static void zero(Object a) {
        switch (a) {
            case float[] f -> java.util.Arrays.fill(f, 0f);
            case double[] d -> java.util.Arrays.fill(d, 0d);
            case long[] l -> java.util.Arrays.fill(l, 0L);
            case int[] i -> java.util.Arrays.fill(i, 0);
            case short[] s -> java.util.Arrays.fill(s, (short) 0);
            case byte[] b -> java.util.Arrays.fill(b, (byte) 0);
            default -> throw new IllegalStateException("not a storage array: " + a.getClass());
        }
    }

    private static void poison(Object a) {
        switch (a) {
            case float[] f -> java.util.Arrays.fill(f, Float.NaN);
            case double[] d -> java.util.Arrays.fill(d, Double.NaN);
            case long[] l -> java.util.Arrays.fill(l, 0x5A5A5A5A5A5A5A5AL);
            case int[] i -> java.util.Arrays.fill(i, 0x5A5A5A5A);
            case short[] s -> java.util.Arrays.fill(s, (short) 0x7E5A); // a float16/bfloat16 NaN too
            case byte[] b -> java.util.Arrays.fill(b, (byte) 0x5A);
            default -> throw new IllegalStateException("not a storage array: " + a.getClass());
        }
    }

    /** Wraps an existing array (not copied); its type must match {@code dtype}. */
    public static HostStorage wrap(DType dtype, Object array) {
        int n = java.lang.reflect.Array.getLength(array);
        Class<?> expected = arrayClass(dtype);
        if (array.getClass() != expected) {
            throw new IllegalArgumentException("a " + dtype + " storage needs a " + expected.getSimpleName()
                    + ", got " + array.getClass().getSimpleName());
        }
        return new HostStorage(dtype, array, n, false);
    }

    /** The Java array class that holds elements of {@code dtype}. */
    public static Class<?> arrayClass(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> float[].class;
            case FLOAT64 -> double[].class;
            case INT64 -> long[].class;
            case INT32 -> int[].class;
            case INT16, FLOAT16, BFLOAT16 -> short[].class;
            case INT8, UINT8, BOOL -> byte[].class;
            case COMPLEX64, COMPLEX128 -> throw complexStorage(dtype);
        };
    }

    /** Storage is always real: a complex tensor lives in a storage of {@link DType#toReal()} pairs. */
    private static IllegalArgumentException complexStorage(DType dtype) {
        return new IllegalArgumentException("no storage holds " + dtype + ": a complex tensor's storage is "
                + dtype.toReal() + " (interleaved real and imaginary parts)");
    }

    /** The backing array; see the class comment for its type. */
    public Object array() {
        Object d = data;
        if (d == null) throw new IllegalStateException("the storage was released: its tensor was closed");
        return d;
    }

    /**
     * The backing array of a float32 storage.
     *
     * @throws ClassCastException if the storage holds another dtype
     * @throws IllegalStateException if the storage was released
     */
    public float[] floats() {
        return (float[]) array();
    }

    /**
     * The backing array of a float64 storage.
     *
     * @throws ClassCastException if the storage holds another dtype
     * @throws IllegalStateException if the storage was released
     */
    public double[] doubles() {
        return (double[]) array();
    }

    /**
     * The backing array of an int64 storage.
     *
     * @throws ClassCastException if the storage holds another dtype
     * @throws IllegalStateException if the storage was released
     */
    public long[] longs() {
        return (long[]) array();
    }

    /**
     * The backing array of an int32 storage.
     *
     * @throws ClassCastException if the storage holds another dtype
     * @throws IllegalStateException if the storage was released
     */
    public int[] ints() {
        return (int[]) array();
    }

    /**
     * The backing array of an int16, float16 or bfloat16 storage (the half-precision types as their bit
     * patterns).
     *
     * @throws ClassCastException if the storage holds another dtype
     * @throws IllegalStateException if the storage was released
     */
    public short[] shorts() {
        return (short[]) array();
    }

    /**
     * The backing array of an int8, uint8 (unsigned) or bool (0/1) storage.
     *
     * @throws ClassCastException if the storage holds another dtype
     * @throws IllegalStateException if the storage was released
     */
    public byte[] bytes() {
        return (byte[]) array();
    }

    @Override
    public Device device() {
        return Device.CPU;
    }

    @Override
    public String ownerName() {
        return "the api (host memory)";
    }

    @Override
    public String unusableReason() {
        return data == null ? "its memory was released when the last tensor over it was closed" : null;
    }

    @Override
    protected void free() {
        Object d = data;
        data = null;
        if (cached && d != null) HostMemoryCache.offer(d);
    }
}
