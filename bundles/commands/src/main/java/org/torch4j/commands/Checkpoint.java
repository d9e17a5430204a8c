package org.torch4j.commands;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.torch4j.Device;
import org.torch4j.Tensor;
import org.torch4j.io.SafeTensors;
import org.torch4j.nn.Module;
import org.torch4j.platform.Catalog;
import org.torch4j.platform.ModelProvider;

/**
 * A checkpoint written by {@code torch4j demo} and {@code torch4j train}: the model's state dict as
 * safetensors (written atomically, so an interrupted save keeps the previous file), with metadata
 * naming the catalog model, the class names and the input shape, so that {@code torch4j predict}
 * can rebuild the model from the file alone.
 */
record Checkpoint(String model, List<String> classes, long[] inputShape) {
    static final String MODEL = "torch4j.model", CLASSES = "torch4j.classes", INPUT_SHAPE = "torch4j.input_shape";

    Checkpoint {
        classes = List.copyOf(classes);
        inputShape = inputShape.clone();
    }

    /** Writes {@code module}'s weights with this description and {@code extra} metadata (epoch, accuracy). */
    void save(Module module, Map<String, String> extra, Path file) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "pt");    // what safetensors' PyTorch writer puts there: torch loaders accept the file
        meta.put(MODEL, model);
        meta.put(CLASSES, String.join("\n", classes));
        meta.put(INPUT_SHAPE, shapeString(inputShape));
        meta.putAll(extra);
        Map<String, Tensor> state = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : module.stateDict().entrySet()) state.put(e.getKey(), e.getValue().to(Device.CPU));
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create the folder of " + file + ": " + e.getMessage(), e);
        }
        SafeTensors.save(state, meta, file);
    }

    /** Reads the description of a checkpoint, refusing files torch4j did not write. */
    static Checkpoint read(Path file) {
        Map<String, String> meta = SafeTensors.loadMetadata(file);
        String model = meta.get(MODEL);
        if (model == null) {
            throw new IllegalArgumentException(file + " has no '" + MODEL + "' metadata: it was not written by torch4j train or demo");
        }
        String classes = meta.getOrDefault(CLASSES, "");
        String shape = meta.get(INPUT_SHAPE);
        if (classes.isEmpty() || shape == null) {
            throw new IllegalArgumentException(file + ": the metadata lacks '" + CLASSES + "' or '" + INPUT_SHAPE + "'");
        }
        return new Checkpoint(model, List.of(classes.split("\n", -1)), parseShape(shape, file));
    }

    /** The model with the checkpoint's weights, built from the installed catalog model of that name. */
    Module load(Path file) {
        ModelProvider provider = Catalog.model(model).orElseThrow(() -> new IllegalArgumentException(
                file + " holds a '" + model + "' model, but no model of that name is installed (see torch4j models)"));
        Module m = provider.create(Map.of("numClasses", classes.size()));
        m.loadStateDict(SafeTensors.load(file));
        m.eval();
        return m;
    }

    static String shapeString(long[] shape) {
        StringBuilder b = new StringBuilder();
        for (long d : shape) b.append(b.length() == 0 ? "" : ",").append(d);
        return b.toString();
    }

    private static long[] parseShape(String s, Path file) {
        try {
            long[] shape = Arrays.stream(s.split(",")).mapToLong(Long::parseLong).toArray();
            for (long d : shape) if (d <= 0) throw new NumberFormatException("non-positive size " + d);
            return shape;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": bad '" + INPUT_SHAPE + "' metadata '" + s + "' (" + e.getMessage() + ")");
        }
    }

    @Override
    public long[] inputShape() {
        return inputShape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Checkpoint c && model.equals(c.model) && classes.equals(c.classes) && Arrays.equals(inputShape, c.inputShape);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * model.hashCode() + classes.hashCode()) + Arrays.hashCode(inputShape);
    }

    @Override
    public String toString() {
        return model + " " + Arrays.toString(inputShape) + " -> " + classes.size() + " classes";
    }
}
