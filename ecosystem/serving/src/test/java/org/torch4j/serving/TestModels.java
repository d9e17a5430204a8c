package org.torch4j.serving;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;

/** Small models whose behaviour the serving tests control. */
final class TestModels {
    private TestModels() {}

    /** A seeded Linear(4, 3). */
    static Linear linear() {
        Torch.manualSeed(7);
        return new Linear(4, 3);
    }

    /** What {@code module} gives for {@code x} alone, run directly (the unbatched reference). */
    static Tensor direct(Module module, Tensor x) {
        try (var g = Torch.noGrad()) {
            return module.forward(x);
        }
    }

    /** 2x + 1, but refuses a batch with a negative value (so one bad request spoils a batch of good ones). */
    static final class NoNegatives extends Module {
        @Override
        public Tensor forward(Tensor x) {
            if (x.lt(0).any().itemBool()) throw new IllegalArgumentException("negative values are not allowed");
            return x.mul(2).add(1);
        }
    }

    /** x + 1 once the gate opens; says when a forward pass has begun. */
    static final class Gate extends Module {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch open = new CountDownLatch(1);

        @Override
        public Tensor forward(Tensor x) {
            entered.countDown();
            try {
                if (!open.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("the gate never opened");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return x.add(1);
        }
    }

    /** A Linear and a ReLU that remember every tensor the forward pass saw or made. */
    static final class Recording extends Module {
        final Linear linear = registerModule("linear", linear());
        final List<Tensor> seen = Collections.synchronizedList(new ArrayList<>());

        @Override
        public Tensor forward(Tensor x) {
            Tensor h = linear.forward(x);
            Tensor y = h.relu().mul(3);
            seen.add(h);
            seen.add(y);
            return y;
        }
    }
}
