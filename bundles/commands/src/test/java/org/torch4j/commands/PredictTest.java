package org.torch4j.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.io.Json;
import org.torch4j.vision.io.Images;

/**
 * predict and the demo model against PyTorch (tools/gen_demo_reference.py): a checkpoint PyTorch
 * trained, PNG inputs (grey and RGB), the top-5 classes and their probabilities; the seeded model's
 * logits.
 */
class PredictTest {
    static Map<String, Object> ref;
    @TempDir
    static Path dir;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws IOException {
        for (String f : List.of("demo.json", "fashion-cnn.safetensors", "img0.png", "img1.png", "img2.png", "img3_rgb.png")) {
            try (InputStream in = PredictTest.class.getResourceAsStream("/reference/demo/" + f)) {
                if (in == null) throw new IllegalStateException("missing reference/demo/" + f + " (run tools/gen_demo_reference.py)");
                Files.copy(in, dir.resolve(f));
            }
        }
        ref = (Map<String, Object>) Json.parse(Files.readString(dir.resolve("demo.json"), StandardCharsets.UTF_8));
    }

    /** The "  1. Ankle boot      91.20%" lines of one image's block. */
    private static List<String[]> topLines(String out, String image) {
        int start = out.indexOf(image + ":\n");
        assertTrue(start >= 0, out);
        List<String[]> rows = new ArrayList<>();
        Matcher m = Pattern.compile("^  (\\d)\\. (.+?) +(\\d+\\.\\d\\d)%$", Pattern.MULTILINE).matcher(out.substring(start));
        while (rows.size() < 5 && m.find()) rows.add(new String[] {m.group(2), m.group(3)});
        return rows;
    }

    @Test
    @SuppressWarnings("unchecked")
    void checkpointPredictionsMatchPyTorch() throws Exception {
        List<String> images = List.of("img0.png", "img1.png", "img2.png", "img3_rgb.png");
        String[] args = new String[images.size() + 2];
        args[0] = "--model";
        args[1] = dir.resolve("fashion-cnn.safetensors").toString();
        for (int i = 0; i < images.size(); i++) args[i + 2] = dir.resolve(images.get(i)).toString();
        Run r = Run.of(new PredictCommand(), args);
        assertEquals(0, r.status(), r.err());
        Map<String, Object> predict = (Map<String, Object>) ref.get("predict");
        for (String image : images) {
            Map<String, Object> want = (Map<String, Object>) predict.get(image);
            List<Number> top = (List<Number>) want.get("top5"), probs = (List<Number>) want.get("probs");
            List<String[]> got = topLines(r.out(), dir.resolve(image).toString());
            assertEquals(5, got.size(), r.out());
            for (int i = 0; i < 5; i++) {
                assertEquals(FashionData.classes().get(top.get(i).intValue()), got.get(i)[0], image + " rank " + (i + 1));
                assertEquals(100 * probs.get(i).doubleValue(), Double.parseDouble(got.get(i)[1]), 0.011, image + " rank " + (i + 1));
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSeededModelGivesPyTorchsLogits() throws Exception {
        Torch.manualSeed(0);
        DemoCnn model = new DemoCnn(10);
        model.eval();
        List<Tensor> xs = new ArrayList<>();
        for (Object name : (List<Object>) ref.get("images")) {
            xs.add(PredictCommand.prepare(Images.read(dir.resolve(name.toString())), new long[] {1, 28, 28}));
        }
        float[] got;
        try (var g = Torch.noGrad()) {
            got = model.forward(Torch.stack(xs, 0)).toFloatArray();
        }
        List<List<Number>> want = (List<List<Number>>) ref.get("seeded_logits");
        for (int i = 0; i < want.size(); i++) {
            for (int j = 0; j < 10; j++) assertEquals(want.get(i).get(j).doubleValue(), got[i * 10 + j], 1e-5, "logit " + i + "," + j);
        }
    }

    @Test
    void anOnnxExportPredictsTheSameClasses() throws Exception {
        Checkpoint c = Checkpoint.read(dir.resolve("fashion-cnn.safetensors"));
        var model = c.load(dir.resolve("fashion-cnn.safetensors"));
        Path onnx = dir.resolve("fashion-cnn.onnx");
        org.torch4j.onnx.Onnx.export(model, Torch.zeros(1, 1, 28, 28), onnx);
        String image = dir.resolve("img0.png").toString();
        Run fromCheckpoint = Run.of(new PredictCommand(), "--model", dir.resolve("fashion-cnn.safetensors").toString(), image);
        Run fromOnnx = Run.of(new PredictCommand(), "--model", onnx.toString(), "--labels", "fashion-mnist", image);
        assertEquals(0, fromOnnx.status(), fromOnnx.err());
        List<String[]> a = topLines(fromCheckpoint.out(), image), b = topLines(fromOnnx.out(), image);
        for (int i = 0; i < 5; i++) {
            assertEquals(a.get(i)[0], b.get(i)[0]);
            assertEquals(Double.parseDouble(a.get(i)[1]), Double.parseDouble(b.get(i)[1]), 0.011);
        }
        Run numbered = Run.of(new PredictCommand(), "--model", onnx.toString(), "--top", "2", image);
        assertTrue(numbered.out().contains("  1. class 9"), numbered.out());
        assertEquals(3, numbered.out().split("\n").length, numbered.out());
    }

    @Test
    void aFileWithoutTorch4jMetadataIsRefusedClearly() throws Exception {
        Path plain = dir.resolve("plain.safetensors");
        org.torch4j.io.SafeTensors.save(Map.of("w", Torch.zeros(2)), plain);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Run.of(new PredictCommand(), "--model", plain.toString(), dir.resolve("img0.png").toString()));
        assertEquals(plain + " has no 'torch4j.model' metadata: it was not written by torch4j train or demo", e.getMessage());
    }

    @Test
    void aFileThatIsNoImageIsReportedByName() throws Exception {
        Path text = dir.resolve("notes.png");
        Files.writeString(text, "not an image");
        Run r = Run.of(new PredictCommand(), "--model", dir.resolve("fashion-cnn.safetensors").toString(), text.toString());
        assertEquals(1, r.status());
        assertTrue(r.err().startsWith("torch4j predict: " + text + ": not a PNG or JPEG image"), r.err());
    }
}
