package org.torch4j.commands;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.io.SafeTensors;
import org.torch4j.nn.Module;
import org.torch4j.platform.Catalog;
import org.torch4j.platform.ModelProvider;

/**
 * The Gogo shell commands of scope {@code torch4j}: {@code backends}, {@code devices}, {@code models},
 * {@code datasets}, {@code info} and {@code run MODEL INPUT.safetensors [WEIGHTS.safetensors]}.
 */
@Component(service = ShellCommands.class, property = {
    "osgi.command.scope=torch4j",
    "osgi.command.function=backends", "osgi.command.function=devices", "osgi.command.function=models",
    "osgi.command.function=datasets", "osgi.command.function=info", "osgi.command.function=run"})
public final class ShellCommands {

    private interface Report {
        void print(PrintStream out);
    }

    private static String capture(Report r) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            r.print(out);
        }
        return bytes.toString(StandardCharsets.UTF_8).stripTrailing();
    }

    public String backends() {
        return capture(Reports::backends);
    }

    public String devices() {
        return capture(Reports::devices);
    }

    public String models() {
        return capture(Reports::models);
    }

    public String datasets() {
        return capture(Reports::datasets);
    }

    public String info() {
        return capture(Reports::info);
    }

    /** Runs an installed model (optionally with weights) on the tensor named "input" of a safetensors file. */
    public String run(String model, String input) {
        return run(model, input, null);
    }

    public String run(String model, String input, String weights) {
        ModelProvider provider = Catalog.model(model)
                .orElseThrow(() -> new IllegalArgumentException("no model named '" + model + "' is installed (see torch4j:models)"));
        Module m = provider.create(Map.of());
        if (weights != null) m.loadStateDict(SafeTensors.load(Path.of(weights)));
        m.eval();
        Map<String, Tensor> tensors = SafeTensors.load(Path.of(input));
        Tensor x = tensors.containsKey("input") ? tensors.get("input") : tensors.values().iterator().next();
        try (var g = Torch.noGrad()) {
            Tensor y = m.forward(x);
            return "output " + java.util.Arrays.toString(y.shape()) + "\n" + y;
        }
    }
}
