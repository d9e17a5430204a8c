package org.torch4j;

/** Rotating and mirroring the plane of two dims: rot90, fliplr, flipud (copies, as PyTorch's). */
final class Rotations {
    private Rotations() {}

    /** torch.rot90: k quarter turns from the first towards the second of {@code dims}. */
    static Tensor rot90(Tensor t, long k, int[] dims) {
        if (dims.length != 2) throw new IllegalArgumentException("expected total rotation dims == 2, but got dims = " + dims.length);
        int rank = t.dim();
        if (rank < 2) throw new IllegalArgumentException("expected total dims >= 2, but got total dims = " + rank);
        int a = dims[0], b = dims[1];
        if (a == b || Math.abs(a - b) == rank) {
            throw new IllegalArgumentException("expected rotation dims to be different, but got dim0 = " + a + " and dim1 = " + b);
        }
        if (a < -rank || a >= rank) throw new IllegalArgumentException("Rotation dim0 out of range, dim0 = " + a);
        if (b < -rank || b >= rank) throw new IllegalArgumentException("Rotation dim1 out of range, dim1 = " + b);
        return switch ((int) Math.floorMod(k, 4L)) {
            case 1 -> t.flip(b).transpose(a, b);
            case 2 -> t.flip(a, b);
            case 3 -> t.flip(a).transpose(a, b);
            default -> t.clone();
        };
    }

    /** torch.fliplr: columns (dim 1) reversed. */
    static Tensor fliplr(Tensor t) {
        if (t.dim() < 2) throw new IllegalArgumentException("Input must be >= 2-d.");
        return t.flip(1);
    }

    /** torch.flipud: rows (dim 0) reversed. */
    static Tensor flipud(Tensor t) {
        if (t.dim() < 1) throw new IllegalArgumentException("Input must be >= 1-d.");
        return t.flip(0);
    }
}
