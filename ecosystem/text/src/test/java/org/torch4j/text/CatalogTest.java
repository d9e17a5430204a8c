package org.torch4j.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.data.Dataset;
import org.torch4j.nn.Module;
import org.torch4j.platform.Catalog;
import org.torch4j.platform.DatasetProvider;
import org.torch4j.platform.ModelProvider;
import org.torch4j.text.datasets.LabeledText;
import org.torch4j.text.models.TextClassificationBatch;
import org.torch4j.text.models.TextClassificationModel;

/** The text contributions as the platform catalog lists and creates them (ServiceLoader path), and the classifier's shapes. */
class CatalogTest {

    @Test
    void modelIsListedAndTakesItsOptions() {
        assertTrue(Catalog.models().stream().map(ModelProvider::name).toList().contains("text-classifier"));
        Module m = Catalog.model("text-classifier").orElseThrow().create(Map.of("vocabSize", 50, "embedDim", "8", "numClasses", 3));
        TextClassificationModel model = (TextClassificationModel) m;
        assertArrayEquals(new long[] {50, 8}, model.embedding.weight.shape());
        assertEquals(List.of("embedding.weight", "fc.weight", "fc.bias"), List.copyOf(model.stateDict().keySet()));
        assertTrue(model.fc.bias.abs().max().item() == 0.0);
        assertTrue(model.embedding.weight.abs().max().item() <= 0.5);
        TextClassificationBatch b = TextClassificationBatch.collate(
                List.of(new LabeledText(2, "a b c"), new LabeledText(0, ""), new LabeledText(1, "d")),
                s -> s.isEmpty() ? List.of() : s.chars().filter(c -> c != ' ').map(c -> c - 'a').boxed().toList());
        assertArrayEquals(new long[] {2, 0, 1}, b.labels().toLongArray());
        assertArrayEquals(new long[] {0, 1, 2, 3}, b.text().toLongArray());
        assertArrayEquals(new long[] {0, 3, 3}, b.offsets().toLongArray());
        try (var g = Torch.noGrad()) {
            Tensor scores = model.call(b.text(), b.offsets());
            assertArrayEquals(new long[] {3, 3}, scores.shape());
            assertArrayEquals(new long[] {2, 3}, model.call(Torch.tensor(new long[] {1, 2, 3, 4}, 2, 2)).shape());
            // an empty bag averages to zeros: the scores are the (zero) bias
            assertEquals(0.0, scores.get(1).abs().max().item(), 0.0);
        }
    }

    @Test
    void robertaIsListedWithItsPresets() {
        ModelProvider p = Catalog.model("roberta").orElseThrow();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.create(Map.of("preset", "bert")));
        assertTrue(e.getMessage().startsWith("unknown preset 'bert'"), e.getMessage());
        assertTrue(p.description().contains("xlmr-base"));
    }

    @Test
    void datasetsAndTransformAreListed() throws Exception {
        List<String> names = Catalog.datasets().stream().map(DatasetProvider::name).toList();
        assertTrue(names.containsAll(List.of("fortunes", "text-lines")), names.toString());
        Path fixtures = Path.of(CatalogTest.class.getResource("/reference/text/fortunes").toURI());
        Dataset<?> f = Catalog.dataset("fortunes").orElseThrow().open(Map.of("root", fixtures.toString(), "train", "false"));
        assertEquals(1, f.size());
        Dataset<?> beta = Catalog.dataset("fortunes").orElseThrow().open(Map.of("root", fixtures.toString(), "categories", "beta"));
        assertEquals(new LabeledText(0, "Only beta with bold text."), beta.get(0));
        Dataset<?> lines = Catalog.dataset("text-lines").orElseThrow()
                .open(Map.of("path", fixtures.resolve("alpha").toString(), "separator", "%"));
        assertEquals(6, lines.size());
        Tensor padded = Catalog.transform("pad").orElseThrow().create(Map.of("maxLength", 4, "padValue", "-1"))
                .apply(Torch.tensor(new long[] {7, 8}, 2));
        assertArrayEquals(new long[] {7, 8, -1, -1}, padded.toLongArray());
    }
}
