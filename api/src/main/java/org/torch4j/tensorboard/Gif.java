package org.torch4j.tensorboard;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An animated GIF encoder (GIF89a, looping forever) for video summaries: one global palette, each frame LZW-coded.
 * A video of at most 256 colours keeps them exactly (the palette lists them in order of first appearance); with more,
 * every pixel is rounded to the nearest colour of a uniform 3-3-2 palette (8 levels of red and of green, 4 of blue).
 */
final class Gif {
    private Gif() {}

    /**
     * @param frames each frame's pixels, RGB in row-major order
     * @param delay the time each frame is shown, in hundredths of a second
     */
    static byte[] encode(byte[][] frames, int height, int width, int delay) {
        Map<Integer, Integer> exact = new LinkedHashMap<>();
        for (byte[] f : frames) {
            for (int p = 0; p < f.length && exact.size() <= 256; p += 3) exact.putIfAbsent(rgb(f, p), exact.size());
        }
        boolean quantize = exact.size() > 256;
        int[] palette = quantize ? uniformPalette() : exact.keySet().stream().mapToInt(Integer::intValue).toArray();
        int bits = 1;
        while ((1 << bits) < palette.length) bits++;

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("GIF89a".getBytes(StandardCharsets.US_ASCII));
        short16(out, width);
        short16(out, height);
        out.write(0x80 | (7 << 4) | (bits - 1)); // a global colour table of 2^bits entries, 8 bits per primary
        out.write(0); // background colour index
        out.write(0); // pixel aspect ratio
        for (int i = 0; i < 1 << bits; i++) {
            int c = i < palette.length ? palette[i] : 0;
            out.write(c >> 16);
            out.write(c >> 8);
            out.write(c);
        }
        out.writeBytes(new byte[] {0x21, (byte) 0xFF, 11});
        out.writeBytes("NETSCAPE2.0".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[] {3, 1, 0, 0, 0}); // loop forever
        for (byte[] f : frames) {
            out.writeBytes(new byte[] {0x21, (byte) 0xF9, 4, 0x04}); // graphic control: keep the frame, no transparency
            short16(out, delay);
            out.writeBytes(new byte[] {0, 0});
            out.write(0x2C);
            short16(out, 0);
            short16(out, 0);
            short16(out, width);
            short16(out, height);
            out.write(0); // no local colour table, not interlaced
            int[] indices = new int[f.length / 3];
            for (int p = 0; p < indices.length; p++) indices[p] = quantize ? nearest332(f, 3 * p) : exact.get(rgb(f, 3 * p));
            lzw(out, indices, Math.max(2, bits));
        }
        out.write(0x3B);
        return out.toByteArray();
    }

    private static int rgb(byte[] f, int p) {
        return (f[p] & 0xFF) << 16 | (f[p + 1] & 0xFF) << 8 | (f[p + 2] & 0xFF);
    }

    private static int[] uniformPalette() {
        int[] palette = new int[256];
        for (int i = 0; i < 256; i++) {
            int r = Math.round((i >> 5) * 255f / 7), g = Math.round((i >> 2 & 7) * 255f / 7), b = (i & 3) * 85;
            palette[i] = r << 16 | g << 8 | b;
        }
        return palette;
    }

    private static int nearest332(byte[] f, int p) {
        int r = ((f[p] & 0xFF) * 7 + 127) / 255, g = ((f[p + 1] & 0xFF) * 7 + 127) / 255, b = ((f[p + 2] & 0xFF) * 3 + 127) / 255;
        return r << 5 | g << 2 | b;
    }

    /** The image data: the minimum code size, then the LZW codes (LSB first) in sub-blocks of at most 255 bytes. */
    private static void lzw(ByteArrayOutputStream out, int[] indices, int minCodeSize) {
        int clear = 1 << minCodeSize, end = clear + 1;
        Bits bits = new Bits();
        Map<Integer, Integer> table = new HashMap<>();
        int size = minCodeSize + 1, next = end + 1;
        bits.put(clear, size);
        int prefix = indices[0];
        for (int i = 1; i < indices.length; i++) {
            int key = prefix << 8 | indices[i];
            Integer code = table.get(key);
            if (code != null) {
                prefix = code;
                continue;
            }
            bits.put(prefix, size);
            if (next < 4096) {
                table.put(key, next++);
                if (next > 1 << size && size < 12) size++;
            } else {
                bits.put(clear, size);
                table.clear();
                size = minCodeSize + 1;
                next = end + 1;
            }
            prefix = indices[i];
        }
        bits.put(prefix, size);
        if (indices.length > 1 && next == 1 << size && size < 12) size++; // the decoder adds an entry on reading the last code
        bits.put(end, size);
        byte[] data = bits.toBytes();
        out.write(minCodeSize);
        for (int at = 0; at < data.length; at += 255) {
            int n = Math.min(255, data.length - at);
            out.write(n);
            out.write(data, at, n);
        }
        out.write(0);
    }

    /** Codes packed least significant bit first. */
    private static final class Bits {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private int acc, count;

        void put(int code, int size) {
            acc |= code << count;
            count += size;
            while (count >= 8) {
                bytes.write(acc & 0xFF);
                acc >>>= 8;
                count -= 8;
            }
        }

        byte[] toBytes() {
            if (count > 0) bytes.write(acc & 0xFF);
            count = 0;
            return bytes.toByteArray();
        }
    }

    private static void short16(ByteArrayOutputStream out, int v) {
        out.write(v & 0xFF);
        out.write(v >> 8 & 0xFF);
    }
}
