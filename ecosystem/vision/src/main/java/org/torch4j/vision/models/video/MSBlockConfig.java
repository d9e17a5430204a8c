package org.torch4j.vision.models.video;

/**
 * One {@link MViT} block's settings ({@code torchvision.models.video.mvit.MSBlockConfig}); an empty kernel or stride means
 * no pooling of that kind.
 *
 * @param numHeads the attention heads
 * @param inputChannels the block's input channels
 * @param outputChannels the block's output channels
 * @param kernelQ the query pooling's (time, height, width) kernel, or empty
 * @param kernelKv the key and value pooling's kernel, or empty
 * @param strideQ the query pooling's stride (which downsamples the block's tokens), or empty
 * @param strideKv the key and value pooling's stride, or empty
 */
public record MSBlockConfig(long numHeads, long inputChannels, long outputChannels, long[] kernelQ, long[] kernelKv, long[] strideQ,
                            long[] strideKv) {}
