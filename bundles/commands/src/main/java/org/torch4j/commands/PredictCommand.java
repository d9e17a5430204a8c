package org.torch4j.commands;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.osgi.service.component.annotations.Component;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.ValuesIndices;
import org.torch4j.nn.F;
import org.torch4j.nn.Module;
import org.torch4j.onnx.ModelSummary;
import org.torch4j.onnx.Onnx;
import org.torch4j.platform.Command;
import org.torch4j.vision.io.Images;

/**
 * {@code torch4j predict}: classifies images with a checkpoint written by {@code torch4j train} or
 * {@code demo} (the model is rebuilt from its metadata) or with an ONNX model, and prints the top
 * classes with their probabilities (softmax of the outputs). Images are read as PNG or JPEG,
 * converted to the model's channel count (grey as ITU-R 601 luma, as PIL's {@code convert("L")}),
 * resized bilinearly when their size differs from the model's input, and scaled to [0, 1].
 */
@Component(property = Command.NAME_PROPERTY + "=predict")
public final class PredictCommand implements Command {

    static final String USAGE = """
            Usage: torch4j predict --model FILE [--top K] [--labels fashion-mnist|NAME,NAME,...] IMAGE...

              --model FILE      a checkpoint (.safetensors) written by torch4j train or demo, or an ONNX model (.onnx)
              --top K           how many classes to print per image (default 5)
              --labels L        class names for an ONNX model: fashion-mnist or a comma-separated list
                                (default: the checkpoint's names; for ONNX, the class numbers)
              IMAGE             PNG or JPEG files
            """;

    @Override
    public String description() {
        return "classify images with a checkpoint or an ONNX model and print the top-5 classes";
    }

    /** The parsed command line. */
    record Options(Path model, int top, String labels, List<Path> images) {
        static Options parse(List<String> args) {
            Args a = Args.parse(args, Set.of("model", "top", "labels"), Set.of());
            Path model = Path.of(a.required("model"));
            if (a.positional().isEmpty()) throw new UsageException("give at least one IMAGE");
            List<Path> images = a.positional().stream().map(Path::of).toList();
            return new Options(model, a.integer("top", 5, 1, 1 << 20), a.string("labels", null), images);
        }
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (args.contains("--help") || args.contains("-h")) {
            out.print(USAGE);
            return 0;
        }
        try {
            Options o = Options.parse(args);
            if (!Files.isRegularFile(o.model())) throw new UsageException("--model " + o.model() + ": no such file");
            for (Path p : o.images()) if (!Files.isRegularFile(p)) throw new UsageException(p + ": no such image file");
            return Requirements.withDomainBundles("predict", err, () -> run(o, out));
        } catch (UsageException e) {
            err.println("torch4j predict: " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (java.io.IOException e) {
            err.println("torch4j predict: " + e.getMessage());
            return 1;
        }
    }

    static int run(Options o, PrintStream out) throws Exception {
        boolean onnx = o.model().getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".onnx");
        Module model;
        long[] inputShape;
        List<String> classes;
        if (onnx) {
            model = Onnx.load(o.model());
            inputShape = onnxInputShape(o.model());
            classes = o.labels() != null ? labels(o.labels()) : null;
        } else {
            Checkpoint c = Checkpoint.read(o.model());
            model = c.load(o.model());
            inputShape = c.inputShape();
            classes = o.labels() != null ? labels(o.labels()) : c.classes();
        }
        model.eval();
        for (Path image : o.images()) {
            try (var g = Torch.noGrad(); var scope = Torch.scope()) {
                Tensor x = prepare(Images.read(image), inputShape);
                Tensor probs = F.softmax(model.forward(x.unsqueeze(0)), 1).squeeze(0);
                int k = (int) Math.min(o.top(), probs.size(0));
                if (classes != null && classes.size() != probs.size(0)) {
                    throw new UsageException(classes.size() + " class names for a model with " + probs.size(0) + " outputs");
                }
                ValuesIndices top = probs.topk(k);
                out.println(image + ":");
                float[] p = top.values().toFloatArray();
                long[] idx = top.indices().toLongArray();
                for (int i = 0; i < k; i++) {
                    String name = classes != null ? classes.get((int) idx[i]) : "class " + idx[i];
                    out.printf(Locale.ROOT, "  %d. %-14s %6.2f%%%n", i + 1, name, 100.0 * p[i]);
                }
            }
        }
        return 0;
    }

    /**
     * The image (uint8 [C, H, W]) as the model's input [C', H', W'] in [0, 1]: grey from RGB(A) by
     * luma, RGB from grey by repetition, alpha dropped, bilinear resizing to H' x W'. A dimension of
     * {@code inputShape} that is 0 or negative (dynamic in an ONNX model) takes the image's size.
     */
    static Tensor prepare(Tensor image, long[] inputShape) {
        if (image.dim() != 3) throw new IllegalArgumentException("expected a [C, H, W] image, got " + Arrays.toString(image.shape()));
        if (inputShape.length != 3) {
            throw new IllegalArgumentException("the model's input is " + Arrays.toString(inputShape) + ", not an image [C, H, W]");
        }
        Tensor x = image.to(DType.FLOAT32).div(255.0);
        long c = x.size(0), want = inputShape[0] > 0 ? inputShape[0] : c;
        if (c == 4 || (c == 2 && want == 1)) x = x.narrow(0, 0, c - 1);   // drop alpha
        c = x.size(0);
        if (want == 1 && c == 3) {
            x = x.select(0, 0).mul(0.299).add(x.select(0, 1).mul(0.587)).add(x.select(0, 2).mul(0.114)).unsqueeze(0);
        } else if (want == 3 && c == 1) {
            x = x.expand(3, x.size(1), x.size(2));
        } else if (want != c) {
            throw new IllegalArgumentException("the model takes " + want + "-channel images, the image has " + image.size(0));
        }
        long h = inputShape[1] > 0 ? inputShape[1] : x.size(1), w = inputShape[2] > 0 ? inputShape[2] : x.size(2);
        if (h != x.size(1) || w != x.size(2)) {
            x = F.interpolate(x.unsqueeze(0), new long[] {h, w}, null, "bilinear", false).squeeze(0);
        }
        return x.contiguous();
    }

    /** The first graph input's shape without the batch dim, dynamic dims as -1 (from {@code input: float32[batch, 1, 28, 28]}). */
    static long[] onnxInputShape(Path file) throws java.io.IOException {
        List<String> inputs = ModelSummary.read(file).inputs();
        if (inputs.isEmpty()) throw new IllegalArgumentException(file + " has no graph input");
        String d = inputs.get(0);
        int open = d.indexOf('['), close = d.lastIndexOf(']');
        if (open < 0 || close < open) throw new IllegalArgumentException(file + ": the input '" + d + "' has no shape");
        String[] dims = d.substring(open + 1, close).split(",");
        List<Long> shape = new ArrayList<>();
        for (int i = 1; i < dims.length; i++) {
            String s = dims[i].trim();
            shape.add(s.matches("\\d+") ? Long.parseLong(s) : -1L);
        }
        return shape.stream().mapToLong(Long::longValue).toArray();
    }

    static List<String> labels(String spec) {
        if (spec.equals("fashion-mnist")) return FashionData.classes();
        List<String> names = Arrays.stream(spec.split(",")).map(String::trim).toList();
        if (names.size() < 2 || names.stream().anyMatch(String::isEmpty)) {
            throw new UsageException("--labels expects fashion-mnist or a comma-separated list of at least two names, got '" + spec + "'");
        }
        return names;
    }
}
