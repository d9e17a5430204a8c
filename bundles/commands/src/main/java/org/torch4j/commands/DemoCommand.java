package org.torch4j.commands;

import java.io.PrintStream;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.data.DataLoader;
import org.torch4j.data.TensorDataset;
import org.torch4j.nn.F;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;
import org.torch4j.optim.Adam;
import org.torch4j.optim.SGD;
import org.torch4j.platform.Command;

/**
 * {@code torch4j demo}: trains real models with the real autograd and prints real figures. Until the
 * vision bundle's image classifier takes over this command, it fits a linear regression to noisy
 * data from a known line, then trains an MLP to separate two interleaved spirals.
 */
@Component(property = Command.NAME_PROPERTY + "=demo")
public final class DemoCommand implements Command {

    @Override
    public String description() {
        return "run the main job: train models with autograd and report their figures";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.contains("--help")) {
            out.println("Usage: torch4j demo\n\nFits a linear regression and trains a two-spirals MLP classifier on the CPU.");
            return 0;
        }
        Torch.manualSeed(0);
        long start = System.nanoTime();
        regression(out);
        spirals(out);
        out.printf("demo finished in %.1f s%n", (System.nanoTime() - start) / 1e9);
        return 0;
    }

    /** y = 3 x1 - 2 x2 + 0.5 + noise; SGD should recover the coefficients. */
    private static void regression(PrintStream out) {
        out.println("== linear regression: y = 3 x1 - 2 x2 + 0.5 + N(0, 0.1) ==");
        Tensor x = Torch.randn(1000, 2);
        Tensor y = x.matmul(Torch.tensor(new float[] {3, -2}, 2, 1)).add(0.5).add(Torch.randn(1000, 1).mul(0.1));
        Linear model = new Linear(2, 1);
        SGD opt = new SGD(model.parameters(), SGD.options(0.1).momentum(0.9));
        for (int epoch = 1; epoch <= 50; epoch++) {
            try (var scope = Torch.scope()) {
                Tensor loss = F.mseLoss(model.forward(x), y);
                opt.zeroGrad();
                loss.backward();
                opt.step();
                if (epoch % 10 == 0) out.printf("epoch %2d  mse %.5f%n", epoch, loss.item());
            }
        }
        float[] w = model.weight.toFloatArray();
        out.printf("learned y = %.3f x1 %+.3f x2 %+.3f%n%n", w[0], w[1], model.bias.item());
    }

    /** Two interleaved spirals of 500 points each: not linearly separable. */
    private static void spirals(PrintStream out) {
        out.println("== MLP on two spirals (2 -> 64 -> 64 -> 2, Adam) ==");
        int n = 500;
        Tensor t = Torch.linspace(0.25, 3 * Math.PI, n);
        Tensor r = t.div(3 * Math.PI);
        Tensor a = Torch.stack(List.of(r.mul(t.cos()), r.mul(t.sin())), 1);
        Tensor b = a.neg();
        Tensor x = Torch.cat(List.of(a, b), 0).add(Torch.randn(2 * n, 2).mul(0.02));
        Tensor y = Torch.cat(List.of(Torch.zeros(new long[] {n}, org.torch4j.DType.INT64),
                Torch.ones(new long[] {n}, org.torch4j.DType.INT64)), 0);
        Module model = Sequential.of(new Linear(2, 64), new ReLU(), new Linear(64, 64), new ReLU(), new Linear(64, 2));
        Adam opt = new Adam(model.parameters(), 0.01);
        DataLoader<List<Tensor>> loader = DataLoader.of(new TensorDataset(x, y)).batchSize(100).shuffle(true).build();
        for (int epoch = 1; epoch <= 60; epoch++) {
            double total = 0;
            for (List<Tensor> batch : loader) {
                try (var scope = Torch.scope()) {
                    Tensor loss = F.crossEntropy(model.forward(batch.get(0)), batch.get(1));
                    opt.zeroGrad();
                    loss.backward();
                    opt.step();
                    total += loss.item();
                }
            }
            if (epoch % 10 == 0) {
                double accuracy;
                try (var g = Torch.noGrad(); var scope = Torch.scope()) {
                    accuracy = model.forward(x).argmax(1, false).eq(y).toDouble().mean().item();
                }
                out.printf("epoch %2d  loss %.4f  accuracy %.1f%%%n", epoch, total / loader.size(), 100 * accuracy);
            }
        }
        out.println();
    }
}
