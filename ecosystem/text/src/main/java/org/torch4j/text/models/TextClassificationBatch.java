package org.torch4j.text.models;

import java.util.List;
import java.util.function.Function;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.text.datasets.LabeledText;

/**
 * A batch for {@link TextClassificationModel}, as the torchtext tutorial's {@code collate_batch}
 * makes it: labels (int64 [B]), all texts' token ids concatenated (int64 [N]) and the offset where
 * each text starts (int64 [B], the first 0). Use {@link #collator} as a DataLoader's collate function.
 *
 * @param labels class indices
 * @param text concatenated token ids
 * @param offsets start of each text in {@code text}
 */
public record TextClassificationBatch(Tensor labels, Tensor text, Tensor offsets) {

    /**
     * {@code collate_batch(batch)}: each item's text through {@code textPipeline} (text to token ids,
     * e.g. {@code s -> vocab.lookupIndices(tokenizer.apply(s))}), labels through {@code labelPipeline}.
     */
    public static TextClassificationBatch collate(List<LabeledText> batch, Function<String, List<Integer>> textPipeline,
            Function<Integer, Integer> labelPipeline) {
        long[] labels = new long[batch.size()];
        long[] offsets = new long[batch.size()];
        long[][] ids = new long[batch.size()][];
        int total = 0;
        for (int i = 0; i < batch.size(); i++) {
            LabeledText item = batch.get(i);
            labels[i] = labelPipeline.apply(item.label());
            List<Integer> t = textPipeline.apply(item.text());
            ids[i] = t.stream().mapToLong(Integer::longValue).toArray();
            offsets[i] = total;
            total += ids[i].length;
        }
        long[] text = new long[total];
        for (int i = 0; i < ids.length; i++) System.arraycopy(ids[i], 0, text, (int) offsets[i], ids[i].length);
        return new TextClassificationBatch(Torch.tensor(labels, labels.length), Torch.tensor(text, text.length),
                Torch.tensor(offsets, offsets.length));
    }

    /** {@link #collate} with labels as they are. */
    public static TextClassificationBatch collate(List<LabeledText> batch, Function<String, List<Integer>> textPipeline) {
        return collate(batch, textPipeline, Function.identity());
    }

    /** A collate function for {@code DataLoader.of(dataset).collate(...)}. */
    public static Function<List<LabeledText>, TextClassificationBatch> collator(Function<String, List<Integer>> textPipeline) {
        return b -> collate(b, textPipeline);
    }
}
