package org.torch4j.spi;

/** Inclusive scans along one dimension. */
public enum ScanOp {
    /** Running sum ({@code torch.cumsum}). */
    CUMSUM,
    /** Running product ({@code torch.cumprod}). */
    CUMPROD,
    /** Running {@code log(sum(exp(x)))} without overflow ({@code torch.logcumsumexp}); floating only. */
    LOGCUMSUMEXP
}
