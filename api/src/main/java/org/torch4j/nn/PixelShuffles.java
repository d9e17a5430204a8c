package org.torch4j.nn;

import org.torch4j.Tensor;

/**
 * The channel rearrangements of {@link F#pixelShuffle}, {@link F#pixelUnshuffle} and
 * {@link F#channelShuffle}: each a reshape, a permutation and a reshape, so autograd comes with the views.
 */
final class PixelShuffles {
    private PixelShuffles() {}

    static Tensor shuffle(Tensor x, long r) {
        check("pixel_shuffle", x, r, "upscale_factor");
        int d = x.dim();
        long c = x.size(d - 3), h = x.size(d - 2), w = x.size(d - 1);
        if (c % (r * r) != 0) {
            throw new IllegalArgumentException("pixel_shuffle expects its input's 'channel' dimension to be divisible by the square of "
                    + "upscale_factor, but input.size(-3)=" + c + " is not divisible by " + r * r);
        }
        long[] batch = java.util.Arrays.copyOf(x.shape(), d - 3);
        int b = batch.length;
        // [*, C, r, r, H, W] -> [*, C, H, r, W, r]
        Tensor t = x.reshape(concat(batch, c / (r * r), r, r, h, w));
        t = t.permute(order(b, b, b + 3, b + 1, b + 4, b + 2));
        return t.reshape(concat(batch, c / (r * r), h * r, w * r));
    }

    static Tensor unshuffle(Tensor x, long r) {
        check("pixel_unshuffle", x, r, "downscale_factor");
        int d = x.dim();
        long c = x.size(d - 3), h = x.size(d - 2), w = x.size(d - 1);
        if (h % r != 0) {
            throw new IllegalArgumentException("pixel_unshuffle expects height to be divisible by downscale_factor, but input.size(-2)="
                    + h + " is not divisible by " + r);
        }
        if (w % r != 0) {
            throw new IllegalArgumentException("pixel_unshuffle expects width to be divisible by downscale_factor, but input.size(-1)="
                    + w + " is not divisible by " + r);
        }
        long[] batch = java.util.Arrays.copyOf(x.shape(), d - 3);
        int b = batch.length;
        // [*, C, H/r, r, W/r, r] -> [*, C, r, r, H/r, W/r]
        Tensor t = x.reshape(concat(batch, c, h / r, r, w / r, r));
        t = t.permute(order(b, b, b + 2, b + 4, b + 1, b + 3));
        return t.reshape(concat(batch, c * r * r, h / r, w / r));
    }

    static Tensor channels(Tensor x, long groups) {
        if (x.dim() <= 2) {
            throw new IllegalArgumentException("channel_shuffle expects input with > 2 dims, but got input with sizes "
                    + java.util.Arrays.toString(x.shape()));
        }
        if (groups <= 0) {
            throw new IllegalArgumentException("Number of groups to divide channels in must be positive. Value of groups:" + groups);
        }
        long c = x.size(1);
        if (c % groups != 0) {
            throw new IllegalArgumentException("Number of channels must be divisible by groups. Got " + c + " channels and " + groups
                    + " groups.");
        }
        long[] shape = x.shape();
        return x.unflatten(1, groups, c / groups).transpose(1, 2).reshape(shape);
    }

    private static void check(String op, Tensor x, long r, String factor) {
        if (x.dim() < 3) {
            throw new IllegalArgumentException(op + " expects input to have at least 3 dimensions, but got input with " + x.dim()
                    + " dimension(s)");
        }
        if (r <= 0) throw new IllegalArgumentException(op + " expects a positive " + factor + ", but got " + r);
    }

    private static long[] concat(long[] batch, long... rest) {
        long[] out = java.util.Arrays.copyOf(batch, batch.length + rest.length);
        System.arraycopy(rest, 0, out, batch.length, rest.length);
        return out;
    }

    /** The identity permutation of the {@code b} batch dims followed by {@code tail}. */
    private static int[] order(int b, int... tail) {
        int[] p = new int[b + tail.length];
        for (int i = 0; i < b; i++) p[i] = i;
        System.arraycopy(tail, 0, p, b, tail.length);
        return p;
    }
}
