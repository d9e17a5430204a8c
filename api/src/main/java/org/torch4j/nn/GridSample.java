package org.torch4j.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.torch4j.Autograd;
import org.torch4j.Function;
import org.torch4j.FunctionContext;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.internal.Internals;
import org.torch4j.trace.Trace;

/**
 * {@code torch.nn.functional.grid_sample} over 2 or 3 spatial dims: each output position reads the
 * input at the point its grid entry names ((-1, -1) the first pixel's corner or centre, (1, 1) the
 * last's), interpolated by PyTorch's rules.
 *
 * <p>Without gradients a backend may compute it in one fused pass. With them, 2-d bilinear and nearest
 * take the fused pass too, and their backward is the backend's backward kernel ({@link Fused}); the
 * rest (bicubic, 3-d, a backend without the kernels) is built from ops (one gather per interpolation
 * tap), so its gradients come from autograd. That composite is also the backward whenever
 * {@code create_graph} asks for gradients that differentiate again.
 */
final class GridSample {
    private GridSample() {}

    /** The A of the cubic convolution kernel PyTorch's bicubic modes use. */
    static final double CUBIC_A = -0.75;

    static Tensor apply(Tensor input, Tensor grid, String mode, String paddingMode, boolean alignCorners) {
        if (Trace.recording()) {
            return Trace.op("aten::grid_sampler", () -> apply(input, grid, mode, paddingMode, alignCorners), input, grid, mode,
                    paddingMode, alignCorners);
        }
        check(input, grid, mode, paddingMode);
        boolean recording = Torch.isGradEnabled() && (input.requiresGrad() || grid.requiresGrad());
        if (!recording || (input.dim() == 4 && !mode.equals("bicubic"))) {
            Tensor fused = Internals.get().gridSample(input.detach(), grid.detach(), mode, paddingMode, alignCorners);
            if (fused != null) return recording ? new Fused(fused, mode, paddingMode, alignCorners).apply1(input, grid) : fused;
        }
        return sample(input, grid, mode, paddingMode, alignCorners);
    }

    /**
     * The backend's one-pass result as a function of input and grid, for 2-d bilinear and nearest (the
     * modes the CPU backend has backward kernels for; bicubic and 3-d stay on the composite rather than
     * pay for the fused forward and the composite's forward again in backward). The backward is the
     * backend's kernel; with {@code create_graph}, or where the backend has none, it is the composite's
     * backward (the composite rebuilt from the saved operands and differentiated), so gradients
     * differentiate again.
     */
    private static final class Fused extends Function {
        private final Tensor out;
        private final String mode, padding;
        private final boolean align;

        Fused(Tensor out, String mode, String padding, boolean align) {
            this.out = out;
            this.mode = mode;
            this.padding = padding;
            this.align = align;
        }

        @Override
        protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
            ctx.saveForBackward(in[0], in[1]);
            return new Tensor[] {out};
        }

        @Override
        protected Tensor[] backward(FunctionContext ctx, Tensor... grads) {
            Tensor x = ctx.savedTensors()[0], g = ctx.savedTensors()[1], gy = grads[0];
            boolean wantInput = ctx.needsInputGrad(0), wantGrid = ctx.needsInputGrad(1);
            // the engine enables grad mode during backward exactly when create_graph is on
            if (!Torch.isGradEnabled()) {
                Tensor[] r = Internals.get().gridSampleBackward(gy, x.detach(), g.detach(), mode, padding, align, wantInput, wantGrid);
                if (r != null) return r;
            }
            return compositeBackward(x, g, gy, wantInput, wantGrid);
        }

        /** The gradients of {@link #sample} at (x, g) for output gradient gy, attached to x, g and gy when grad mode is on. */
        private Tensor[] compositeBackward(Tensor x, Tensor g, Tensor gy, boolean wantInput, boolean wantGrid) {
            boolean createGraph = Torch.isGradEnabled();
            // nearest reads the input at positions that do not vary with the grid: the grid's gradient is 0
            boolean gridFlows = wantGrid && !mode.equals("nearest");
            Tensor zeroGrid = wantGrid && !gridFlows ? Torch.zerosLike(g.detach()) : null;
            if (!wantInput && !gridFlows) return new Tensor[] {null, zeroGrid};
            try (Torch.Mode m = Torch.enableGrad()) {
                Tensor xs = createGraph ? x : x.detach().requiresGrad_(wantInput);
                Tensor gs = createGraph ? g : g.detach().requiresGrad_(gridFlows);
                List<Tensor> wanted = new ArrayList<>();
                if (wantInput) wanted.add(xs);
                if (gridFlows) wanted.add(gs);
                Tensor y = sample(xs, gs, mode, padding, align);
                // kept with create_graph: the gradients' own backward reads the composite's saved values
                List<Tensor> r = Autograd.grad(List.of(y), wanted, List.of(gy), createGraph, createGraph, true);
                Tensor gi = wantInput ? r.get(0) : null;
                Tensor gg = gridFlows ? r.get(wanted.size() - 1) : zeroGrid;
                return new Tensor[] {gi == null && wantInput ? Torch.zerosLike(x.detach()) : gi,
                    gg == null && wantGrid ? Torch.zerosLike(g.detach()) : gg};
            }
        }

        @Override
        protected String name() {
            return "GridSampler2DBackward0";
        }
    }

    /** PyTorch's argument checks, in its order (the Python wrapper's first, then ATen's). */
    private static void check(Tensor input, Tensor grid, String mode, String paddingMode) {
        if (!mode.equals("bilinear") && !mode.equals("nearest") && !mode.equals("bicubic")) {
            throw new IllegalArgumentException("nn.functional.grid_sample(): expected mode to be 'bilinear', 'nearest' or "
                    + "'bicubic', but got: '" + mode + "'");
        }
        if (!paddingMode.equals("zeros") && !paddingMode.equals("border") && !paddingMode.equals("reflection")) {
            throw new IllegalArgumentException("nn.functional.grid_sample(): expected padding_mode to be 'zeros', 'border', or "
                    + "'reflection', but got: '" + paddingMode + "'");
        }
        String sizes = "input with sizes " + Arrays.toString(input.shape()) + " and grid with sizes " + Arrays.toString(grid.shape());
        if (input.dim() > 0 && grid.dim() > 0 && input.size(0) != grid.size(0)) {
            throw new IllegalArgumentException("grid_sampler(): expected grid and input to have same batch size, but got " + sizes);
        }
        if (grid.dim() > 0 && grid.size(-1) != input.dim() - 2) {
            throw new IllegalArgumentException("grid_sampler(): expected grid to have size " + (input.dim() - 2)
                    + " in last dimension, but got grid with sizes " + Arrays.toString(grid.shape()));
        }
        for (int i = 2; i < input.dim(); i++) {
            if (input.size(i) <= 0) {
                throw new IllegalArgumentException("grid_sampler(): expected input to have non-empty spatial dimensions, but input "
                        + "has sizes " + Arrays.toString(input.shape()) + " with dimension " + i + " being empty");
            }
        }
        int rank = input.dim() == 4 ? 4 : 5;
        if (input.dim() != rank || grid.dim() != rank) {
            throw new IllegalArgumentException("grid_sampler(): expected " + rank + "D input and grid with same number of dimensions, "
                    + "but got " + sizes);
        }
        if (rank == 5 && mode.equals("bicubic")) {
            throw new IllegalArgumentException("grid_sampler(): bicubic interpolation only supports 4D input");
        }
        if (!input.isFloatingPoint()) {
            throw new IllegalArgumentException("grid_sampler_" + (rank - 2) + "d_cpu not implemented for "
                    + Internals.get().cppName(input.dtype()));
        }
        if (grid.dtype() != input.dtype()) {
            throw new IllegalArgumentException("expected scalar type " + Internals.get().cppName(input.dtype()) + " but found "
                    + Internals.get().cppName(grid.dtype()));
        }
    }

    /** grid_sample from ops: the input read at the taps of each of the L output positions, weighted and summed. */
    private static Tensor sample(Tensor input, Tensor grid, String mode, String padding, boolean align) {
        int d = input.dim() - 2;
        long n = input.size(0), c = input.size(1);
        long[] size = Arrays.copyOfRange(input.shape(), 2, 2 + d);
        long[] outShape = new long[d + 2];
        outShape[0] = n;
        outShape[1] = c;
        System.arraycopy(grid.shape(), 1, outShape, 2, d);
        long l = 1;
        for (int i = 0; i < d; i++) l *= outShape[2 + i];
        if (n * c * l == 0) {
            // nothing to read; the sums keep the result attached to both operands (zero gradients)
            return Torch.zeros(outShape, input.dtype(), input.device()).add(input.sum().mul(0)).add(grid.sum().mul(0));
        }
        Taps taps = new Taps(input, size, l);
        Tensor g = grid.reshape(n, l, d);
        Tensor[] coord = new Tensor[d];
        // grid's last dim lists x (the last spatial dim) first
        for (int k = 0; k < d; k++) coord[k] = unnormalize(g.select(2, d - 1 - k), size[k], align);
        Tensor out = switch (mode) {
            case "nearest" -> nearest(taps, coord, padding, align);
            case "bicubic" -> bicubic(taps, coord, padding, align);
            default -> linear(taps, coord, padding, align);
        };
        return out.reshape(outShape);
    }

    /**
     * Reads the input at integral positions. The input gets a border of zeros, one pixel wide, and every
     * position is clamped into it, so taps outside the input read 0 without a mask (comparisons and masks
     * cost more than the copy).
     */
    private static final class Taps {
        final long[] size;
        private final Tensor planes;
        private final long l;

        Taps(Tensor input, long[] size, long l) {
            this.size = size;
            this.l = l;
            long[] border = new long[2 * size.length];
            java.util.Arrays.fill(border, 1);
            this.planes = Torch.pad(input, border, "constant", 0).reshape(input.size(0), input.size(1), -1);
        }

        /** Dim k's part of the flat index in the bordered planes, for float positions [N, L] (int64). */
        Tensor term(int k, Tensor at) {
            return at.clamp(-1, size[k]).add(1).toLong();
        }

        /** The planes at the flat positions the terms (one per dim, from {@link #term}) make up: [N, C, L]. */
        Tensor read(Tensor[] terms) {
            Tensor flat = terms[0];
            for (int k = 1; k < terms.length; k++) flat = flat.mul(size[k] + 2).add(terms[k]);
            long n = planes.size(0), c = planes.size(1);
            return planes.gather(2, flat.unsqueeze(1).expand(n, c, l));
        }
    }

    /** Grid values in [-1, 1] to pixel positions: corner pixels' centres, or their outer edges. */
    static Tensor unnormalize(Tensor coord, long size, boolean align) {
        return align ? coord.add(1).mul((size - 1) / 2.0) : coord.add(1).mul(size).sub(1).div(2);
    }

    /** The padding mode applied to pixel positions: border clips, reflection mirrors at the edges (then clips). */
    static Tensor pad(Tensor x, long size, String padding, boolean align) {
        return switch (padding) {
            case "border" -> clip(x, size);
            case "reflection" -> clip(align ? reflect(x, 0, 2 * (size - 1)) : reflect(x, -1, 2 * size - 1), size);
            default -> x;
        };
    }

    /**
     * x clipped to [0, size - 1], with slope 1 only strictly inside: PyTorch's kernels count a position
     * exactly on the border as clipped (clamp's own derivative would pass the gradient there).
     */
    private static Tensor clip(Tensor x, long size) {
        Tensor inside = x.gt(0).logicalAnd(x.lt(size - 1));
        return Torch.where(inside, x, x.detach().clamp(0, size - 1));
    }

    /** x mirrored into [twiceLow / 2, twiceHigh / 2] (as often as it takes). */
    private static Tensor reflect(Tensor x, long twiceLow, long twiceHigh) {
        if (twiceLow == twiceHigh) return x.mul(0);
        double min = twiceLow / 2.0, span = (twiceHigh - twiceLow) / 2.0;
        Tensor in = x.sub(min).abs();
        Tensor extra = in.fmod(span);
        Tensor flips = in.div(span).floor();
        Tensor even = flips.remainder(2.0).eq(0);
        return Torch.where(even, extra.add(min), extra.neg().add(span + min));
    }

    /** Linear interpolation between the 2^d neighbours, in PyTorch's order (the last dim's low tap first, within the first dim's). */
    private static Tensor linear(Taps taps, Tensor[] coord, String padding, boolean align) {
        int d = coord.length;
        Tensor[] lo = new Tensor[d], hi = new Tensor[d], wLo = new Tensor[d], wHi = new Tensor[d];
        for (int k = 0; k < d; k++) {
            Tensor x = pad(coord[k], taps.size[k], padding, align);
            Tensor floor = x.detach().floor();
            lo[k] = taps.term(k, floor);
            hi[k] = taps.term(k, floor.add(1));
            wHi[k] = x.sub(floor);
            wLo[k] = floor.add(1).sub(x);
        }
        Tensor out = null;
        Tensor[] at = new Tensor[d];
        for (int corner = 0; corner < 1 << d; corner++) {
            Tensor w = null;
            for (int k = d - 1; k >= 0; k--) {
                boolean high = (corner >> (d - 1 - k) & 1) == 1;
                at[k] = high ? hi[k] : lo[k];
                Tensor wk = high ? wHi[k] : wLo[k];
                w = w == null ? wk : w.mul(wk);
            }
            Tensor term = taps.read(at).mul(w.unsqueeze(1));
            out = out == null ? term : out.add(term);
        }
        return out;
    }

    /** The nearest pixel (ties to even, as nearbyint); the grid gets no gradient. */
    private static Tensor nearest(Taps taps, Tensor[] coord, String padding, boolean align) {
        Tensor[] at = new Tensor[coord.length];
        for (int k = 0; k < coord.length; k++) at[k] = taps.term(k, pad(coord[k].detach(), taps.size[k], padding, align).round());
        return taps.read(at);
    }

    /**
     * Cubic convolution over 4 x 4 neighbours: each row along x first, then the rows along y. The padding
     * mode applies to each tap's position, not to the sampling point.
     */
    private static Tensor bicubic(Taps taps, Tensor[] coord, String padding, boolean align) {
        Tensor y = coord[0], x = coord[1];
        Tensor y0 = y.detach().floor(), x0 = x.detach().floor();
        Tensor[] cy = cubicCoefficients(y.sub(y0)), cx = cubicCoefficients(x.sub(x0));
        Tensor[] tx = new Tensor[4];
        for (int i = 0; i < 4; i++) tx[i] = taps.term(1, pad(x0.add(i - 1), taps.size[1], padding, align));
        Tensor out = null;
        for (int j = 0; j < 4; j++) {
            Tensor row = null;
            Tensor ty = taps.term(0, pad(y0.add(j - 1), taps.size[0], padding, align));
            for (int i = 0; i < 4; i++) {
                Tensor term = taps.read(new Tensor[] {ty, tx[i]}).mul(cx[i].unsqueeze(1));
                row = row == null ? term : row.add(term);
            }
            Tensor term = row.mul(cy[j].unsqueeze(1));
            out = out == null ? term : out.add(term);
        }
        return out;
    }

    /** The weights of the taps at -1, 0, 1, 2 for a fraction t in [0, 1): Keys' cubic convolution with A = -0.75. */
    static Tensor[] cubicCoefficients(Tensor t) {
        return new Tensor[] {farCubic(t.add(1)), nearCubic(t), nearCubic(t.neg().add(1)), farCubic(t.neg().add(2))};
    }

    /** ((A + 2) x - (A + 3)) x^2 + 1, the kernel for |x| <= 1. */
    private static Tensor nearCubic(Tensor x) {
        return x.mul(CUBIC_A + 2).sub(CUBIC_A + 3).mul(x).mul(x).add(1);
    }

    /** ((A x - 5 A) x + 8 A) x - 4 A, the kernel for 1 < |x| < 2. */
    private static Tensor farCubic(Tensor x) {
        return x.mul(CUBIC_A).sub(5 * CUBIC_A).mul(x).add(8 * CUBIC_A).mul(x).sub(4 * CUBIC_A);
    }
}
