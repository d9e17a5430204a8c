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

    private HostStorage(DType dtype, Object data, int size) {
        super(dtype, size);
        this.data = data;
    }

    /** New zero-filled memory for {@code size} elements. */
    public static HostStorage allocate(DType dtype, long size) {
        if (size > MAX_SIZE) {
            throw new IllegalArgumentException("CPU tensors hold at most " + MAX_SIZE
                    + " elements (a Java array's limit); asked for " + size);
        }
        int n = (int) size;
        Object data = switch (dtype) {
            case FLOAT32 -> new float[n];
            case FLOAT64 -> new double[n];
            case INT64 -> new long[n];
            case INT32 -> new int[n];
            case INT16, FLOAT16, BFLOAT16 -> new short[n];
            case INT8, UINT8, BOOL -> new byte[n];
            case COMPLEX64, COMPLEX128 -> throw complexStorage(dtype);
        };
        return new HostStorage(dtype, data, n);
    }

    /** Wraps an existing array (not copied); its type must match {@code dtype}. */
    public static HostStorage wrap(DType dtype, Object array) {
        int n = java.lang.reflect.Array.getLength(array);
        Class<?> expected = arrayClass(dtype);
        if (array.getClass() != expected) {
            throw new IllegalArgumentException("a " + dtype + " storage needs a " + expected.getSimpleName()
                    + ", got " + array.getClass().getSimpleName());
        }
        return new HostStorage(dtype, array, n);
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
        data = null;
    }
}
