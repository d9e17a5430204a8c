package org.torch4j.tensorboard;

import java.util.Arrays;
import org.torch4j.DType;
import org.torch4j.Tensor;

/**
 * PyTorch's image conversion for summaries ({@code convert_to_HWC} and {@code make_grid} of
 * {@code torch.utils.tensorboard._utils}): any layout named by {@code dataformats} to height x width x channels,
 * one channel repeated to three, a batch tiled eight images to a row; values scaled by 255 unless the tensor is
 * uint8, then cast to uint8 as numpy casts (truncated, wrapped).
 */
final class Images {
    private Images() {}

    /** An image as 8-bit pixels in HWC order. */
    record Pixels(byte[] data, int height, int width, int channels) {
        byte[] imageProto() {
            return new ProtoWriter().varint(1, height).varint(2, width).varint(3, channels)
                    .bytes(4, Png.encode(data, height, width, channels)).toBytes();
        }
    }

    static Pixels toHwc(Tensor image, String dataformats) {
        long[] shape = image.shape();
        if (dataformats.chars().distinct().count() != dataformats.length()) {
            throw new IllegalArgumentException("You can not use the same dimension shorthand twice. input_format: " + dataformats);
        }
        if (shape.length != dataformats.length()) {
            throw new IllegalArgumentException("size of input tensor and input format are different. tensor shape: "
                    + Arrays.toString(shape).replace('[', '(').replace(']', ')') + ", input_format: " + dataformats);
        }
        String f = dataformats.toUpperCase();
        float scale = image.dtype() == DType.UINT8 ? 1f : 255f;
        Tensor x = image.detach();
        return switch (f.length()) {
            case 4 -> grid(x.permute(order(f, "NCHW")), scale);
            case 3 -> {
                Tensor hwc = x.permute(order(f, "HWC"));
                int c = (int) hwc.shape()[2];
                if (c != 1 && c != 3 && c != 4) throw new IllegalArgumentException("an image needs 1, 3 or 4 channels, got " + c);
                yield pixels(hwc, scale, c == 1 ? 3 : c);
            }
            case 2 -> pixels(x.permute(order(f, "HW")).unsqueeze(2), scale, 3);
            default -> throw new IllegalArgumentException("dataformats must name 2, 3 or 4 dimensions (HW, CHW, NCHW, ...), got " + dataformats);
        };
    }

    private static int[] order(String format, String wanted) {
        int[] perm = new int[wanted.length()];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = format.indexOf(wanted.charAt(i));
            if (perm[i] < 0) throw new IllegalArgumentException("dataformats " + format + " has no " + wanted.charAt(i) + " (a " + wanted.length()
                    + "-d image is " + wanted + " in some order)");
        }
        return perm;
    }

    /** HWC values (1, 3 or 4 channels) scaled and cast, with one channel repeated to {@code channels}. */
    private static Pixels pixels(Tensor hwc, float scale, int channels) {
        int h = (int) hwc.shape()[0], w = (int) hwc.shape()[1], c = (int) hwc.shape()[2];
        float[] v = hwc.to(DType.FLOAT32).contiguous().toFloatArray();
        byte[] out = new byte[h * w * channels];
        for (int p = 0; p < h * w; p++) {
            for (int k = 0; k < channels; k++) out[p * channels + k] = toUint8(v[p * c + (c == 1 ? 0 : k)], scale);
        }
        return new Pixels(out, h, w, channels);
    }

    /** A batch NCHW (1 or 3 channels) as one image: up to eight per row, the last row left black where short. */
    private static Pixels grid(Tensor nchw, float scale) {
        int n = (int) nchw.shape()[0], c = (int) nchw.shape()[1], h = (int) nchw.shape()[2], w = (int) nchw.shape()[3];
        if (c != 1 && c != 3) throw new IllegalArgumentException("a batch of images needs 1 or 3 channels, got " + c);
        int cols = Math.min(n, 8), rows = (n + cols - 1) / cols;
        double[] v = nchw.to(DType.FLOAT32).to(DType.FLOAT64).contiguous().toDoubleArray();
        return new Pixels(tile(v, n, c, h, w, cols, h * rows, w * cols, x -> toUint8((float) x, scale)), h * rows, w * cols, 3);
    }

    /** How a value becomes an 8-bit pixel. */
    interface PixelValue {
        byte of(double v);
    }

    /**
     * Tiles N images (C x H x W each, 1 or 3 channels, one repeated to three) into an RGB canvas of
     * {@code height x width}, {@code cols} to a row from the top left; what no image covers stays black.
     */
    static byte[] tile(double[] v, int n, int c, int h, int w, int cols, int height, int width, PixelValue toByte) {
        byte[] out = new byte[height * width * 3];
        for (int i = 0; i < n; i++) {
            int top = (i / cols) * h, left = (i % cols) * w;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    for (int k = 0; k < 3; k++) {
                        out[((top + y) * width + left + x) * 3 + k] = toByte.of(v[((i * c + (c == 1 ? 0 : k)) * h + y) * w + x]);
                    }
                }
            }
        }
        return out;
    }

    /** numpy's {@code (v * scale).astype(uint8)} on x86: truncation toward zero, then the low 8 bits. */
    static byte toUint8(float v, float scale) {
        return (byte) (int) (v * scale);
    }
}
