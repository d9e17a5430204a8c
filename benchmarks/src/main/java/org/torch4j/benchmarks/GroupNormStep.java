package org.torch4j.benchmarks;

import java.util.Locale;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;

/**
 * {@code group_norm} forward + backward of a [16, 64, 56, 56] float32 input in 32 groups with a weight and bias
 * (all requiring grad), the counterpart of {@code benchmarks/pytorch/group_norm.py}. Medians over 9 rounds of 10
 * calls after a warm-up, in ms per call, wall clock and process CPU time (all threads), timed as {@link GridSampleStep}'s.
 *
 * <pre>
 * java --add-modules=jdk.incubator.vector -cp benchmarks/target/benchmarks.jar org.torch4j.benchmarks.GroupNormStep --threads 1,2
 * </pre>
 */
public final class GroupNormStep {
    private GroupNormStep() {}

    public static void main(String[] args) {
        String threads = args.length > 1 && args[0].equals("--threads") ? args[1] : "1,2";
        for (String t : threads.split(",")) {
            Torch.setNumThreads(Integer.parseInt(t));
            Torch.manualSeed(0);
            Tensor x = Torch.randn(16, 64, 56, 56).requiresGrad_(), w = Torch.randn(64).requiresGrad_();
            Tensor b = Torch.randn(64).requiresGrad_(), gy = Torch.randn(16, 64, 56, 56);
            double[] r = GridSampleStep.median(() -> {
                F.groupNorm(x, 32, w, b, 1e-5).backward(gy);
                x.setGrad(null);
                w.setGrad(null);
                b.setGrad(null);
            });
            System.out.printf(Locale.ROOT, "{\"name\": \"group_norm.fwd_bwd\", \"threads\": %s, \"wall_ms\": %.2f, \"cpu_ms\": %.2f}%n",
                    t, r[0], r[1]);
        }
    }
}
