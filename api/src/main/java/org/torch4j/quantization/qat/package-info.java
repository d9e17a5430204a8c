/**
 * Quantization-aware training modules, PyTorch 1.13's {@code torch.ao.nn.qat} ({@link org.torch4j.quantization.qat.Linear},
 * {@link org.torch4j.quantization.qat.Conv2d}) and {@code torch.nn.intrinsic.qat}
 * ({@link org.torch4j.quantization.qat.LinearReLU}, {@link org.torch4j.quantization.qat.ConvReLU2d},
 * {@link org.torch4j.quantization.qat.ConvBn2d}, {@link org.torch4j.quantization.qat.ConvBnReLU2d}): float layers whose
 * weight passes through a fake quantizer ({@code weight_fake_quant}) in every forward, made by
 * {@link org.torch4j.quantization.QuantizationAwareTraining#prepareQat prepareQat} and turned into quantized layers by
 * {@link org.torch4j.quantization.StaticQuantization#convert convert}. See {@code docs/quantization.md}.
 */
@Export
@Version("0.1.0")
package org.torch4j.quantization.qat;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
