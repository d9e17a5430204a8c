package org.torch4j.vision.models;

import java.util.Arrays;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;
import org.torch4j.nn.Init;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.Parameter;

/**
 * Swin's window attention with relative position bias ({@code torchvision.models.swin_transformer.ShiftedWindowAttention},
 * W-MSA and SW-MSA): the [B, H, W, C] input is padded to multiples of the window, cyclically shifted by
 * {@code shiftSize} (unless the window covers the padded map), cut into windows of {@code windowSize} tokens that
 * attend among themselves with a learned bias per relative position and head ({@code relative_position_bias_table},
 * truncated normal with std 0.02), tokens that the shift brought together from different regions masked apart with
 * -100, then shifted back and unpadded. Dropout on the attention and the output is applied whenever its probability
 * is positive, in eval mode too, as torchvision calls {@code F.dropout} without a training flag.
 */
public class ShiftedWindowAttention extends Module {
    /** The window's height and width; the cyclic shift's. */
    protected final long[] windowSize, shiftSize;
    /** The number of attention heads. */
    protected final long numHeads;
    /** The dropout probabilities of the attention weights and of the output. */
    protected final double attentionDropout, dropout;
    /** The query, key and value projection, dim to 3 dim. */
    public final Linear qkv;
    /** The output projection. */
    public final Linear proj;
    /** The learned bias per relative position and head, [(2 Wh - 1) (2 Ww - 1), heads]; null in V2, which computes it. */
    public final Parameter relativePositionBiasTable;

    /**
     * A window attention with biases in both projections and no dropout.
     *
     * @param dim the channels
     * @param windowSize the window's height and width
     * @param shiftSize the cyclic shift's height and width (0 for W-MSA)
     * @param numHeads the attention heads
     * @throws IllegalArgumentException unless both sizes have 2 elements
     */
    public ShiftedWindowAttention(long dim, long[] windowSize, long[] shiftSize, long numHeads) {
        this(dim, windowSize, shiftSize, numHeads, true, true, 0.0, 0.0);
    }

    /**
     * A window attention.
     *
     * @param dim the channels
     * @param windowSize the window's height and width
     * @param shiftSize the cyclic shift's height and width (0 for W-MSA)
     * @param numHeads the attention heads
     * @param qkvBias whether the qkv projection has a bias
     * @param projBias whether the output projection has a bias
     * @param attentionDropout the dropout probability of the attention weights
     * @param dropout the dropout probability of the output
     * @throws IllegalArgumentException unless both sizes have 2 elements
     */
    public ShiftedWindowAttention(long dim, long[] windowSize, long[] shiftSize, long numHeads, boolean qkvBias, boolean projBias,
                                  double attentionDropout, double dropout) {
        this(dim, windowSize, shiftSize, numHeads, qkvBias, projBias, attentionDropout, dropout, false);
    }

    /** The constructor behind both versions: V2 registers the coordinates for its bias MLP instead of a bias table. */
    ShiftedWindowAttention(long dim, long[] windowSize, long[] shiftSize, long numHeads, boolean qkvBias, boolean projBias,
                           double attentionDropout, double dropout, boolean continuousBias) {
        if (windowSize.length != 2 || shiftSize.length != 2) throw new IllegalArgumentException("window_size and shift_size must be of length 2");
        this.windowSize = windowSize.clone();
        this.shiftSize = shiftSize.clone();
        this.numHeads = numHeads;
        this.attentionDropout = attentionDropout;
        this.dropout = dropout;
        qkv = registerModule("qkv", new Linear(dim, dim * 3, qkvBias));
        proj = registerModule("proj", new Linear(dim, dim, projBias));
        if (continuousBias) {
            relativePositionBiasTable = null;
            registerBuffer("relative_coords_table", relativeCoordsTable(windowSize));
        } else {
            relativePositionBiasTable = registerParameter("relative_position_bias_table",
                    new Parameter(Torch.zeros((2 * windowSize[0] - 1) * (2 * windowSize[1] - 1), numHeads)));
            Init.truncNormal_(relativePositionBiasTable, 0, 0.02, -2, 2);
        }
        registerBuffer("relative_position_index", relativePositionIndex(windowSize));
    }

    /** For each pair of a window's tokens (row-major), the row of the bias table of their offset: [Wh Ww Wh Ww] int64. */
    static Tensor relativePositionIndex(long[] windowSize) {
        int n = (int) (windowSize[0] * windowSize[1]);
        long[] index = new long[n * n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                long dh = a / windowSize[1] - b / windowSize[1] + windowSize[0] - 1;
                long dw = a % windowSize[1] - b % windowSize[1] + windowSize[1] - 1;
                index[a * n + b] = dh * (2 * windowSize[1] - 1) + dw;
            }
        }
        return Torch.tensor(index, (long) n * n);
    }

    /** V2's log-spaced relative coordinates [1, 2 Wh - 1, 2 Ww - 1, 2]: each offset scaled to [-8, 8], then sign(x) log2(|x| + 1) / 3. */
    private static Tensor relativeCoordsTable(long[] windowSize) {
        int rows = (int) (2 * windowSize[0] - 1), cols = (int) (2 * windowSize[1] - 1);
        float[] table = new float[rows * cols * 2];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                // float32 as torchvision: the offset divided by (window - 1), then times 8
                table[(i * cols + j) * 2] = (float) (i - (windowSize[0] - 1)) / (float) (windowSize[0] - 1) * 8f;
                table[(i * cols + j) * 2 + 1] = (float) (j - (windowSize[1] - 1)) / (float) (windowSize[1] - 1) * 8f;
            }
        }
        Tensor t = Torch.tensor(table, 1, rows, cols, 2);
        return t.sign().mul(t.abs().add(1.0).log2()).div(3.0);
    }

    /** The bias added to each head's attention logits, [1, heads, Wh Ww, Wh Ww]. */
    protected Tensor relativePositionBias() {
        return gatherBias(relativePositionBiasTable, buffer("relative_position_index"), windowSize);
    }

    /** The rows of a [positions, heads] table for each token pair, as [1, heads, N, N] ({@code _get_relative_position_bias}). */
    static Tensor gatherBias(Tensor table, Tensor index, long[] windowSize) {
        long n = windowSize[0] * windowSize[1];
        return table.indexSelect(0, index).view(n, n, -1).permute(2, 0, 1).contiguous().unsqueeze(0);
    }

    /** The attention over x [B, H, W, C]; the same layout out. */
    @Override
    public Tensor forward(Tensor x) {
        return attend(x, relativePositionBias(), null);
    }

    /** {@code shifted_window_attention} with this module's weights; {@code logitScale} non-null makes it V2's cosine attention. */
    Tensor attend(Tensor input, Tensor relativePositionBias, Tensor logitScale) {
        if (input.dim() != 4) throw new IllegalArgumentException("expected the input as [B, H, W, C], got " + Arrays.toString(input.shape()));
        long h = input.size(1), w = input.size(2), c = input.size(3);
        long wh = windowSize[0], ww = windowSize[1];
        long padR = (ww - w % ww) % ww, padB = (wh - h % wh) % wh;
        Tensor x = F.pad(input, 0, 0, 0, padR, 0, padB);
        long padH = h + padB, padW = w + padR;
        // when the window covers the padded map, there is nothing to shift
        long sh = wh >= padH ? 0 : shiftSize[0], sw = ww >= padW ? 0 : shiftSize[1];
        boolean shifted = sh + sw > 0;
        if (shifted) x = x.roll(new long[] {-sh, -sw}, new int[] {1, 2});
        long nh = padH / wh, nw = padW / ww, numWindows = nh * nw, n = wh * ww;
        // the batch dims as -1, so that an ONNX export keeps the batch size dynamic
        x = x.view(-1, nh, wh, nw, ww, c).permute(0, 1, 3, 2, 4, 5).reshape(-1, n, c);
        Tensor qkvBias = qkv.bias;
        if (logitScale != null && qkvBias != null) {
            // V2 learns no key bias: the middle third is zero (and gets no gradient)
            long length = qkvBias.numel() / 3;
            qkvBias = qkvBias.mul(Torch.cat(java.util.List.of(Torch.ones(length), Torch.zeros(length), Torch.ones(length)), 0).to(qkvBias));
        }
        Tensor qkvOut = F.linear(x, qkv.weight, qkvBias).reshape(-1, n, 3, numHeads, c / numHeads).permute(2, 0, 3, 1, 4);
        Tensor q = qkvOut.select(0, 0), k = qkvOut.select(0, 1), v = qkvOut.select(0, 2);
        Tensor attn;
        if (logitScale != null) {
            attn = F.normalize(q, 2, -1, 1e-12).matmul(F.normalize(k, 2, -1, 1e-12).transpose(-2, -1));
            attn = attn.mul(logitScale.clampMax(Math.log(100.0)).exp());
        } else {
            attn = q.mul(Math.pow(c / numHeads, -0.5)).matmul(k.transpose(-2, -1));
        }
        attn = attn.add(relativePositionBias);
        if (shifted) {
            Tensor mask = shiftMask(padH, padW, sh, sw).to(attn);
            attn = attn.view(-1, numWindows, numHeads, n, n).add(mask.unsqueeze(1).unsqueeze(0)).view(-1, numHeads, n, n);
        }
        attn = F.dropout(F.softmax(attn, -1), attentionDropout, true);
        x = attn.matmul(v).transpose(1, 2).reshape(-1, n, c);
        x = F.dropout(F.linear(x, proj.weight, proj.bias), dropout, true);
        x = x.view(-1, nh, nw, wh, ww, c).permute(0, 1, 3, 2, 4, 5).reshape(-1, padH, padW, c);
        if (shifted) x = x.roll(new long[] {sh, sw}, new int[] {1, 2});
        return x.narrow(1, 0, h).narrow(2, 0, w).contiguous();
    }

    /**
     * The shifted windows' mask [windows, N, N]: -100 between tokens from different regions of the shifted map, else 0.
     * The regions are torchvision's slices {@code [0, -window)}, {@code [-window, -shift)}, {@code [-shift, end)} of
     * each axis; with a zero shift the last slice is the whole axis, so that axis has one region.
     */
    private Tensor shiftMask(long padH, long padW, long sh, long sw) {
        long wh = windowSize[0], ww = windowSize[1], nw = padW / ww, n = wh * ww;
        int windows = (int) (padH / wh * nw);
        float[] mask = new float[(int) (windows * n * n)];
        long[] region = new long[(int) n];
        for (int win = 0; win < windows; win++) {
            for (int t = 0; t < n; t++) {
                long row = win / nw * wh + t / ww, col = win % nw * ww + t % ww;
                region[t] = region(row, padH, wh, sh) * 3 + region(col, padW, ww, sw);
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) mask[(int) ((win * n + i) * n + j)] = region[i] == region[j] ? 0f : -100f;
            }
        }
        return Torch.tensor(mask, windows, n, n);
    }

    private static long region(long i, long size, long window, long shift) {
        if (shift == 0) return 2;
        return i < size - window ? 0 : i < size - shift ? 1 : 2;
    }
}
