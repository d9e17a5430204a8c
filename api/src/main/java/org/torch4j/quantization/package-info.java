/**
 * Quantization, PyTorch 1.13's {@code torch.ao.quantization} core: {@link org.torch4j.quantization.QuantizedTensor}
 * (quint8, qint8 and qint32 values with per-tensor or per-channel affine parameters), fake quantization with
 * straight-through gradients, the observers and the {@link org.torch4j.quantization.FakeQuantize} module with the
 * default configurations of {@link org.torch4j.quantization.QConfigs}, and dynamic quantization of {@code Linear}
 * layers ({@link org.torch4j.quantization.Quantization#quantizeDynamic}), static post-training quantization
 * ({@link org.torch4j.quantization.StaticQuantization}) and quantization-aware training
 * ({@link org.torch4j.quantization.QuantizationAwareTraining}, with the layers of {@code org.torch4j.quantization.qat}).
 *
 * <p>A quantized tensor holds a dense integer {@link org.torch4j.Tensor}; rounding and clamping follow PyTorch's
 * CPU kernels bit for bit. See {@code docs/quantization.md} for what differs from PyTorch and what is not there.
 */
@Export
@Version("0.1.0")
package org.torch4j.quantization;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
