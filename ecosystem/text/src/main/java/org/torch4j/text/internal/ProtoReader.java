package org.torch4j.text.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A reader of the Protocol Buffers wire format over a byte range, enough for the model files the text bundle
 * reads (sentencepiece's {@code ModelProto}) without generated classes. Every length is checked against the
 * range before it is used; a malformed message fails with an {@link IOException} naming the byte offset.
 */
public final class ProtoReader {
    /** Wire types. */
    public static final int VARINT = 0, FIXED64 = 1, LENGTH_DELIMITED = 2, FIXED32 = 5;

    private final byte[] buf;
    private final int end;
    private final String what;
    private int pos;
    private int tag;

    /** A reader of {@code buf[from, to)}; {@code what} names the message in errors. */
    public ProtoReader(byte[] buf, int from, int to, String what) {
        this.buf = buf;
        this.pos = from;
        this.end = to;
        this.what = what;
    }

    /** A reader of the whole array. */
    public ProtoReader(byte[] buf, String what) {
        this(buf, 0, buf.length, what);
    }

    /** Advances to the next field; false at the end of the message. */
    public boolean next() throws IOException {
        if (pos >= end) return false;
        long t = varint();
        if (t >>> 3 == 0 || t >>> 32 != 0) throw error("invalid field tag " + t);
        tag = (int) t;
        return true;
    }

    /** The current field's number. */
    public int field() {
        return tag >>> 3;
    }

    /** The current field's wire type. */
    public int wireType() {
        return tag & 7;
    }

    /** A varint (int32, int64, bool and enum fields). */
    public long varint() throws IOException {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= end) throw error("truncated varint");
            byte b = buf[pos++];
            v |= (long) (b & 0x7f) << shift;
            if (b >= 0) return v;
        }
        throw error("varint longer than 10 bytes");
    }

    /** A 32-bit little-endian value (float and fixed32 fields). */
    public int fixed32() throws IOException {
        if (end - pos < 4) throw error("truncated fixed32");
        int v = (buf[pos] & 0xff) | (buf[pos + 1] & 0xff) << 8 | (buf[pos + 2] & 0xff) << 16 | (buf[pos + 3] & 0xff) << 24;
        pos += 4;
        return v;
    }

    /** A float field. */
    public float float32() throws IOException {
        return Float.intBitsToFloat(fixed32());
    }

    /** A length-delimited field's bytes. */
    public byte[] bytes() throws IOException {
        int from = delimited();
        return java.util.Arrays.copyOfRange(buf, from, pos);
    }

    /** A string field (UTF-8). */
    public String string() throws IOException {
        int from = delimited();
        return new String(buf, from, pos - from, StandardCharsets.UTF_8);
    }

    /** An embedded message: a reader over its bytes (this reader moves past them). */
    public ProtoReader message(String name) throws IOException {
        int from = delimited();
        return new ProtoReader(buf, from, pos, name);
    }

    /** Skips the current field's value. */
    public void skip() throws IOException {
        switch (wireType()) {
            case VARINT -> varint();
            case FIXED64 -> advance(8);
            case LENGTH_DELIMITED -> delimited();
            case FIXED32 -> advance(4);
            default -> throw error("unsupported wire type " + wireType() + " for field " + field());
        }
    }

    /** Fails unless the current field has wire type {@code expected}. */
    public void expect(int expected) throws IOException {
        if (wireType() != expected) throw error("field " + field() + " has wire type " + wireType() + ", expected " + expected);
    }

    private int delimited() throws IOException {
        long n = varint();
        if (n < 0 || n > end - pos) throw error("length " + n + " runs past the end (" + (end - pos) + " bytes left)");
        int from = pos;
        pos += (int) n;
        return from;
    }

    private void advance(int n) throws IOException {
        if (end - pos < n) throw error("truncated field " + field());
        pos += n;
    }

    private IOException error(String message) {
        return new IOException(what + ": " + message + " at byte offset " + pos);
    }
}
