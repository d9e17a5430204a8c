package org.torch4j.data;

/** An order of dataset indices ({@code torch.utils.data.Sampler}). */
public interface Sampler extends Iterable<Long> {

    /** The number of indices one pass yields. */
    long size();
}
