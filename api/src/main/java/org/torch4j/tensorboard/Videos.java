package org.torch4j.tensorboard;

import org.torch4j.DType;
import org.torch4j.Tensor;

/**
 * Video summaries ({@code torch.utils.tensorboard.summary.video}): a batch of videos N x T x C x H x W tiled into one
 * video as PyTorch's {@code _prepare_video} tiles it (the batch padded with black videos to a power of two,
 * {@code 2^floor((bits(N) - 1) / 2)} rows), scaled to 8 bits as PyTorch scales it, and stored as an animated GIF in a
 * {@code Summary.Image} (PyTorch has moviepy write the GIF; see {@link Gif} for the palette).
 */
final class Videos {
    private Videos() {}

    static byte[] summary(String tag, Tensor video, double fps) {
        long[] s = video.shape();
        if (s.length != 5) {
            throw new IllegalArgumentException(s.length < 5 ? "not enough values to unpack (expected 5, got " + s.length + ")"
                    : "too many values to unpack (expected 5)");
        }
        int n = (int) s[0], t = (int) s[1], c = (int) s[2], h = (int) s[3], w = (int) s[4];
        if (c != 1 && c != 3) throw new IllegalArgumentException("a video needs 1 or 3 channels (N, T, C, H, W), got " + c);
        if (n == 0 || t == 0 || h == 0 || w == 0) throw new IllegalArgumentException("a video needs at least one pixel of one frame, got shape "
                + java.util.Arrays.toString(s));
        if (!(fps > 0)) throw new IllegalArgumentException("fps must be positive, got " + fps);
        int rows = 1 << ((32 - Integer.numberOfLeadingZeros(n) - 1) / 2);
        int padded = Integer.bitCount(n) == 1 ? n : Integer.highestOneBit(n) << 1;
        int cols = padded / rows;
        boolean uint8 = video.dtype() == DType.UINT8;
        // numpy: uint8 / 255 in float32; any other dtype cast to float32; then times 255 in float32, cast to uint8
        float[] v = video.detach().to(DType.FLOAT32).contiguous().toFloatArray();
        int frameSize = c * h * w;
        byte[][] frames = new byte[t][];
        for (int f = 0; f < t; f++) {
            double[] frame = new double[n * frameSize];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < frameSize; k++) {
                    float x = v[(i * t + f) * frameSize + k];
                    frame[i * frameSize + k] = uint8 ? x / 255f : x;
                }
            }
            frames[f] = Images.tile(frame, n, c, h, w, cols, rows * h, cols * w, x -> Images.toUint8((float) x, 255f));
        }
        byte[] gif = Gif.encode(frames, rows * h, cols * w, (int) Math.round(100 / fps));
        byte[] image = new ProtoWriter().varint(1, rows * h).varint(2, cols * w).varint(3, c).bytes(4, gif).toBytes();
        return new ProtoWriter().string(1, tag).element(4, image).toBytes();
    }
}
