package org.torch4j.text.models;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.data.DataLoader;
import org.torch4j.nn.ClipGrad;
import org.torch4j.nn.F;
import org.torch4j.optim.SGD;
import org.torch4j.optim.StepLR;
import org.torch4j.text.Tokenizers;
import org.torch4j.text.Vocab;
import org.torch4j.text.datasets.Fortunes;
import org.torch4j.text.datasets.LabeledText;

/**
 * The README's text example: torchtext's text-classification tutorial (EmbeddingBag mean + Linear,
 * SGD lr 5, gradient clipping 0.1, batch 64) on eight categories of Debian's fortunes. Skipped when
 * the fortunes package is not installed.
 */
class FortunesClassifierTest {

    @Test
    void tutorialClassifierLearnsFortuneCategories() throws Exception {
        assumeTrue(Files.isDirectory(Fortunes.DEFAULT_ROOT), "Debian's fortunes files are not installed under " + Fortunes.DEFAULT_ROOT
                + " (apt-get install fortunes); the text classifier example needs them");
        long t0 = System.nanoTime();
        Torch.manualSeed(0);
        // ---- README ----
        List<String> categories = List.of("computers", "food", "law", "love", "science", "sports", "startrek", "zippy");
        Fortunes train = Fortunes.load(Fortunes.DEFAULT_ROOT, true, categories);
        Fortunes test = Fortunes.load(Fortunes.DEFAULT_ROOT, false, categories);
        var tokenizer = Tokenizers.getTokenizer("basic_english");
        Vocab vocab = Vocab.buildVocabFromIterator(train.items().stream().map(i -> tokenizer.apply(i.text())).toList(), 1,
                List.of("<unk>"), true);
        vocab.setDefaultIndex(vocab.get("<unk>"));
        Function<String, List<Integer>> textPipeline = s -> vocab.lookupIndices(tokenizer.apply(s));

        var model = new TextClassificationModel(vocab.size(), 64, categories.size());
        SGD opt = new SGD(model.parameters(), 5.0);
        StepLR scheduler = new StepLR(opt, 10, 0.1);
        for (int epoch = 0; epoch < 12; epoch++) {
            model.train();
            for (TextClassificationBatch b : DataLoader.of(train).batchSize(64).shuffle(true)
                    .collate(TextClassificationBatch.collator(textPipeline)).build()) {
                try (var scope = Torch.scope()) {
                    Tensor loss = F.crossEntropy(model.call(b.text(), b.offsets()), b.labels());
                    opt.zeroGrad();
                    loss.backward();
                    ClipGrad.clipGradNorm_(model.parameters(), 0.1);
                    opt.step();
                }
            }
            scheduler.step();
        }
        model.eval();
        long correct = 0;
        try (var g = Torch.noGrad()) {
            for (TextClassificationBatch b : DataLoader.of(test).batchSize(256).collate(TextClassificationBatch.collator(textPipeline)).build()) {
                correct += model.call(b.text(), b.offsets()).argmax(1, false).eq(b.labels()).sum().itemLong();
            }
        }
        double acc = correct / (double) test.size();   // 0.646 (the majority class: 0.334)
        // ---- end README ----
        double seconds = (System.nanoTime() - t0) / 1e9;
        int[] counts = new int[categories.size()];
        for (LabeledText t : test.items()) counts[t.label()]++;
        double majority = Arrays.stream(counts).max().getAsInt() / (double) test.size();
        System.out.printf("fortunes %s: %d train, %d test, vocab %d, test accuracy %.3f, majority-class baseline %.3f, %.1f s%n",
                categories, train.size(), test.size(), vocab.size(), acc, majority, seconds);
        assertTrue(acc > majority + 0.2, "accuracy " + acc + " vs majority-class baseline " + majority);
    }
}
