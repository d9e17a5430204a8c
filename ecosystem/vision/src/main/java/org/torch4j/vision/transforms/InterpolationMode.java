package org.torch4j.vision.transforms;

/** How resizing and rotation sample the source image ({@code torchvision.transforms.InterpolationMode}). */
public enum InterpolationMode {
    /** The nearest source pixel (PyTorch's "nearest": floor of the scaled index). */
    NEAREST,
    /** Linear in each direction with half-pixel centres; optionally antialiased when downscaling. */
    BILINEAR
}
