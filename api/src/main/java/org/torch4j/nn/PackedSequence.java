package org.torch4j.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Variable-length sequences packed time-major ({@code torch.nn.utils.rnn.PackedSequence}): for each
 * time step, the rows of the sequences still running, longest first. Recurrent layers skip the
 * padding; {@link #pad} turns the result back into a padded tensor.
 *
 * @param data            [sum of lengths, features...]
 * @param batchSizes      how many sequences are active at each time step
 * @param sortedIndices   the batch order used (longest first), or null when the input was sorted
 * @param unsortedIndices the inverse of {@code sortedIndices}, or null
 */
public record PackedSequence(Tensor data, long[] batchSizes, long[] sortedIndices, long[] unsortedIndices) {

    /**
     * A padded batch and the length of each sequence.
     *
     * @param output the sequences padded to one length, {@code (T, B, *)} or {@code (B, T, *)} with batch first
     * @param lengths each sequence's length, in the batch's order
     */
    public record Padded(Tensor output, long[] lengths) {}

    /**
     * Packs a padded batch [T, B, *] (or [B, T, *] with {@code batchFirst}) of sequences of the given
     * lengths. With {@code enforceSorted} the lengths must be decreasing.
     */
    public static PackedSequence pack(Tensor input, long[] lengths, boolean batchFirst, boolean enforceSorted) {
        Tensor x = batchFirst ? input.transpose(0, 1) : input;
        int b = lengths.length;
        if (x.size(1) != b) throw new IllegalArgumentException("Expected `len(lengths)` to be equal to batch_size, but got " + b
                + " (batch_size=" + x.size(1) + ")");
        Integer[] order = new Integer[b];
        for (int i = 0; i < b; i++) order[i] = i;
        if (enforceSorted) {
            for (int i = 1; i < b; i++) {
                if (lengths[i] > lengths[i - 1]) {
                    throw new IllegalArgumentException("`lengths` array must be sorted in decreasing order when `enforce_sorted` is "
                            + "True. You can pass `enforce_sorted=False` to pack_padded_sequence and/or pack_sequence to sidestep "
                            + "this requirement if you do not need ONNX exportability.");
                }
            }
        } else {
            Arrays.sort(order, (p, q) -> Long.compare(lengths[q], lengths[p]));
        }
        long[] sorted = new long[b], unsorted = new long[b];
        for (int i = 0; i < b; i++) {
            sorted[i] = order[i];
            unsorted[order[i]] = i;
        }
        for (long l : lengths) {
            if (l <= 0) throw new IllegalArgumentException("Length of all samples has to be greater than 0, but found an element in 'lengths' that is <= 0");
        }
        long maxLen = lengths[order[0]];
        if (maxLen > x.size(0)) throw new IllegalArgumentException("lengths exceed the padded length " + x.size(0));
        List<Tensor> rows = new ArrayList<>();
        long[] batchSizes = new long[(int) maxLen];
        for (int t = 0; t < maxLen; t++) {
            int active = 0;
            for (int i = 0; i < b; i++) if (lengths[order[i]] > t) active++;
            batchSizes[t] = active;
            long[] idx = new long[active];
            for (int i = 0; i < active; i++) idx[i] = order[i];
            rows.add(x.select(0, t).indexSelect(0, Torch.tensor(idx, active).to(x.device())));
        }
        return new PackedSequence(Torch.cat(rows, 0), batchSizes, enforceSorted ? null : sorted, enforceSorted ? null : unsorted);
    }

    /** Packs a list of [L_i, *] sequences ({@code pack_sequence}). */
    public static PackedSequence packSequences(List<Tensor> sequences, boolean enforceSorted) {
        long[] lengths = new long[sequences.size()];
        for (int i = 0; i < lengths.length; i++) lengths[i] = sequences.get(i).size(0);
        return pack(padSequences(sequences, false, 0), lengths, false, enforceSorted);
    }

    /** Pads a list of [L_i, *] sequences into [T, B, *] (or [B, T, *]) ({@code pad_sequence}). */
    public static Tensor padSequences(List<Tensor> sequences, boolean batchFirst, double paddingValue) {
        long max = 0;
        for (Tensor s : sequences) max = Math.max(max, s.size(0));
        List<Tensor> padded = new ArrayList<>();
        for (Tensor s : sequences) {
            long[] pad = new long[2 * s.dim()];
            pad[pad.length - 1] = max - s.size(0);
            padded.add(Torch.pad(s, pad, "constant", paddingValue));
        }
        return Torch.stack(padded, batchFirst ? 0 : 1);
    }

    /** The padded batch in the original order, with its lengths ({@code pad_packed_sequence}). */
    public Padded pad(boolean batchFirst, double paddingValue, Long totalLength) {
        int b = (int) batchSizes[0];
        long t = batchSizes.length;
        long total = totalLength == null ? t : totalLength;
        if (total < t) {
            throw new IllegalArgumentException("Expected total_length to be at least the length of the longest sequence in input, but got total_length="
                    + total + " and max sequence length being " + t);
        }
        long[] featureShape = Arrays.copyOfRange(data.shape(), 1, data.dim());
        List<Tensor> steps = new ArrayList<>();
        long offset = 0;
        for (int i = 0; i < total; i++) {
            long active = i < t ? batchSizes[i] : 0;
            List<Tensor> parts = new ArrayList<>();
            if (active > 0) parts.add(data.narrow(0, offset, active));
            if (active < b) {
                long[] shape = new long[featureShape.length + 1];
                shape[0] = b - active;
                System.arraycopy(featureShape, 0, shape, 1, featureShape.length);
                parts.add(Torch.full(shape, paddingValue, data.dtype(), data.device()));
            }
            steps.add(parts.size() == 1 ? parts.get(0) : Torch.cat(parts, 0));
            offset += active;
        }
        Tensor out = Torch.stack(steps, 0);                       // [T, B sorted, *]
        long[] lengths = new long[b];
        for (int i = 0; i < t; i++) for (int j = 0; j < batchSizes[i]; j++) lengths[j]++;
        if (unsortedIndices != null) {
            out = out.indexSelect(1, Torch.tensor(unsortedIndices, b).to(out.device()));
            long[] orig = new long[b];
            for (int i = 0; i < b; i++) orig[i] = lengths[(int) unsortedIndices[i]];
            lengths = orig;
        }
        return new Padded(batchFirst ? out.transpose(0, 1) : out, lengths);
    }

    /** The lengths in sorted order (longest first). */
    long[] sortedLengths() {
        long[] lengths = new long[(int) batchSizes[0]];
        for (long bs : batchSizes) for (int j = 0; j < bs; j++) lengths[j]++;
        return lengths;
    }
}
