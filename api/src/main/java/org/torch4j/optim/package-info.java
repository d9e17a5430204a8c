/**
 * Optimizers and learning-rate schedulers ({@code torch.optim}), with PyTorch 1.13's single-tensor
 * algorithms, defaults, argument checks and state-dict layout.
 *
 * <p>Optimizers: {@link org.torch4j.optim.SGD}, {@link org.torch4j.optim.Adam},
 * {@link org.torch4j.optim.AdamW}, {@link org.torch4j.optim.RMSprop}, {@link org.torch4j.optim.Adagrad},
 * {@link org.torch4j.optim.Adadelta}, {@link org.torch4j.optim.Adamax}, {@link org.torch4j.optim.NAdam},
 * {@link org.torch4j.optim.RAdam}, {@link org.torch4j.optim.ASGD}, {@link org.torch4j.optim.Rprop} and
 * {@link org.torch4j.optim.LBFGS} (which takes a {@link org.torch4j.optim.Optimizer.Closure}). Each
 * has an {@code Options} builder; groups with their own options come from {@code withGroups}.
 *
 * <p>Schedulers (build after the optimizer, {@code step()} after {@code optimizer.step()}):
 * {@link org.torch4j.optim.StepLR}, {@link org.torch4j.optim.MultiStepLR},
 * {@link org.torch4j.optim.ExponentialLR}, {@link org.torch4j.optim.CosineAnnealingLR},
 * {@link org.torch4j.optim.CosineAnnealingWarmRestarts}, {@link org.torch4j.optim.CyclicLR},
 * {@link org.torch4j.optim.LinearLR}, {@link org.torch4j.optim.ConstantLR},
 * {@link org.torch4j.optim.PolynomialLR}, {@link org.torch4j.optim.LambdaLR},
 * {@link org.torch4j.optim.MultiplicativeLR}, {@link org.torch4j.optim.OneCycleLR},
 * {@link org.torch4j.optim.SequentialLR}, {@link org.torch4j.optim.ChainedScheduler},
 * {@link org.torch4j.optim.ReduceLROnPlateau} and {@link org.torch4j.optim.SWALR}
 * ({@code torch.optim.swa_utils.SWALR}). Gradient clipping is in
 * {@link org.torch4j.nn.ClipGrad}.
 */
@Export
@Version("0.4.0")
package org.torch4j.optim;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
