package org.torch4j.text.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.osgi.service.component.annotations.Component;
import org.torch4j.Tensor;
import org.torch4j.data.Dataset;
import org.torch4j.nn.Module;
import org.torch4j.platform.DatasetProvider;
import org.torch4j.platform.ModelProvider;
import org.torch4j.platform.TransformProvider;
import org.torch4j.text.datasets.Fortunes;
import org.torch4j.text.datasets.TextLines;
import org.torch4j.text.models.RobertaClassificationHead;
import org.torch4j.text.models.RobertaEncoderConf;
import org.torch4j.text.models.RobertaModel;
import org.torch4j.text.models.TextClassificationModel;
import org.torch4j.text.transforms.PadTransform;

/**
 * What the text bundle contributes to the platform catalog, one small provider class per name (a DS
 * component inside OSGi, a ServiceLoader provider outside).
 */
public final class TextContributions {
    private TextContributions() {}

    static int intOption(Map<String, Object> options, String key, int dflt) {
        Object v = options.get(key);
        return v == null ? dflt : Integer.parseInt(v.toString().strip());
    }

    static boolean train(Map<String, Object> options) {
        Object t = options.get("train");
        return t == null || Boolean.parseBoolean(t.toString().strip());
    }

    /** {@code text-classifier}: the torchtext tutorial's EmbeddingBag + Linear classifier. */
    @Component(service = ModelProvider.class)
    public static final class TextClassifierModel implements ModelProvider {
        /** The provider, for DS and ServiceLoader. */
        public TextClassifierModel() {}

        @Override
        public String name() {
            return "text-classifier";
        }

        @Override
        public String domain() {
            return "text";
        }

        @Override
        public String description() {
            return "torchtext tutorial's text classifier, EmbeddingBag (mean) + Linear; input ids and offsets"
                    + " (options: vocabSize, default 20000; embedDim, default 64; numClasses, default 4)";
        }

        @Override
        public Module create(Map<String, Object> options) {
            return new TextClassificationModel(intOption(options, "vocabSize", 20000), intOption(options, "embedDim", 64),
                    intOption(options, "numClasses", 4));
        }
    }

    /** {@code roberta}: torchtext's RoBERTa / XLM-R encoder, optionally with a classification head. */
    @Component(service = ModelProvider.class)
    public static final class RobertaModelProvider implements ModelProvider {
        /** The provider, for DS and ServiceLoader. */
        public RobertaModelProvider() {}

        @Override
        public String name() {
            return "roberta";
        }

        @Override
        public String domain() {
            return "text";
        }

        @Override
        public String description() {
            return "torchtext's RoBERTa / XLM-R encoder, input token ids [B, T] padded with 1 (options: preset, roberta-base (default),"
                    + " roberta-large, xlmr-base or xlmr-large; numClasses, default 0: features [B, T, C], else a classification head)";
        }

        @Override
        public Module create(Map<String, Object> options) {
            Object preset = options.getOrDefault("preset", "roberta-base");
            RobertaEncoderConf conf = switch (preset.toString().strip()) {
                case "roberta-base" -> RobertaEncoderConf.robertaBase();
                case "roberta-large" -> RobertaEncoderConf.robertaLarge();
                case "xlmr-base" -> RobertaEncoderConf.xlmrBase();
                case "xlmr-large" -> RobertaEncoderConf.xlmrLarge();
                default -> throw new IllegalArgumentException("unknown preset '" + preset
                        + "'; one of roberta-base, roberta-large, xlmr-base, xlmr-large");
            };
            int classes = intOption(options, "numClasses", 0);
            if (classes < 0) throw new IllegalArgumentException("numClasses must not be negative, got " + classes);
            return new RobertaModel(conf, classes == 0 ? null : new RobertaClassificationHead(classes, conf.embeddingDim()), false);
        }
    }

    /** {@code fortunes}: Debian's fortune cookies labelled by category. */
    @Component(service = DatasetProvider.class)
    public static final class FortunesDataset implements DatasetProvider {
        /** The provider, for DS and ServiceLoader. */
        public FortunesDataset() {}

        @Override
        public String name() {
            return "fortunes";
        }

        @Override
        public String domain() {
            return "text";
        }

        @Override
        public String description() {
            return "Debian fortunes as (label, text) by category, 80/20 split (options: root, default /usr/share/games/fortunes;"
                    + " train; categories, comma-separated)";
        }

        @Override
        public Dataset<?> open(Map<String, Object> options) throws IOException {
            Object root = options.get("root");
            Object cats = options.get("categories");
            List<String> categories = cats == null ? null
                    : Arrays.stream(cats.toString().split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
            return Fortunes.load(root == null ? Fortunes.DEFAULT_ROOT : Path.of(root.toString()), train(options), categories);
        }
    }

    /** {@code text-lines}: a file's lines, or its records. */
    @Component(service = DatasetProvider.class)
    public static final class TextLinesDataset implements DatasetProvider {
        /** The provider, for DS and ServiceLoader. */
        public TextLinesDataset() {}

        @Override
        public String name() {
            return "text-lines";
        }

        @Override
        public String domain() {
            return "text";
        }

        @Override
        public String description() {
            return "a text file's lines as strings (options: path; separator: a line such as % between records instead)";
        }

        @Override
        public Dataset<?> open(Map<String, Object> options) throws IOException {
            Object path = options.get("path");
            if (path == null) throw new IOException(name() + ": give the file as option 'path'");
            Object sep = options.get("separator");
            return sep == null ? TextLines.lines(Path.of(path.toString())) : TextLines.records(Path.of(path.toString()), sep.toString());
        }
    }

    /** {@code pad}: torchtext's PadTransform. */
    @Component(service = TransformProvider.class)
    public static final class PadTransformProvider implements TransformProvider {
        /** The provider, for DS and ServiceLoader. */
        public PadTransformProvider() {}

        @Override
        public String name() {
            return "pad";
        }

        @Override
        public String domain() {
            return "text";
        }

        @Override
        public String description() {
            return "pad the last dimension at the end up to maxLength with padValue (options: maxLength, padValue, default 0)";
        }

        @Override
        public UnaryOperator<Tensor> create(Map<String, Object> options) {
            Object v = options.get("padValue");
            PadTransform p = new PadTransform(intOption(options, "maxLength", 0), v == null ? 0 : Double.parseDouble(v.toString()));
            return p::forward;
        }
    }
}
