package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.torch4j.Tensor;
import org.torch4j.io.SafeTensors;
import org.torch4j.nn.F;
import org.torch4j.nn.Module;
import org.torch4j.optim.Adam;
import org.torch4j.optim.Optimizer;
import org.torch4j.optim.SGD;

/**
 * Training parity: from the same initial weights (a safetensors file the generator wrote), 20 steps
 * on a fixed batch give PyTorch's loss sequence within 1e-4 relative: an MLP with SGD and momentum,
 * and LeNet-5 with Adam ({@code reference/nn/training.json}).
 */
class NnTrainingTest {

    @SuppressWarnings("unchecked")
    private static final Map<String, Object> REF = (Map<String, Object>) Reference.load("nn/training.json");

    private static Map<String, Tensor> initialWeights(String prefix) {
        try (InputStream in = NnTrainingTest.class.getResourceAsStream("/reference/nn/training_init.safetensors")) {
            Map<String, Tensor> all = SafeTensors.deserialize(in.readAllBytes());
            Map<String, Tensor> mine = new LinkedHashMap<>();
            all.forEach((k, v) -> {
                if (k.startsWith(prefix)) mine.put(k.substring(prefix.length()), v);
            });
            return mine;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static void train(String name, Module net, java.util.function.Function<Module, Optimizer> optimizer) {
        Map<String, Object> ref = (Map<String, Object>) REF.get(name);
        net.loadStateDict(initialWeights(name + "."));
        Optimizer opt = optimizer.apply(net);
        Tensor x = Reference.tensor(ref.get("x")), y = Reference.tensor(ref.get("y"));
        List<Object> expected = (List<Object>) ref.get("losses");
        for (int step = 0; step < expected.size(); step++) {
            opt.zeroGrad();
            Tensor loss = F.crossEntropy(net.call(x), y);
            loss.backward();
            opt.step();
            double e = ((Number) expected.get(step)).doubleValue();
            assertEquals(e, loss.item(), 1e-4 * Math.abs(e), name + ": loss at step " + step);
        }
    }

    @Test
    void mlpWithSgdMomentum() {
        train("mlp", NnCases.mlp(), net -> new SGD(net.parameters(), SGD.options(0.1).momentum(0.9)));
    }

    @Test
    void lenetWithAdam() {
        train("lenet", NnCases.lenet(), net -> new Adam(net.parameters(), 1e-3));
    }
}
