package org.torch4j.spi;

/** Inclusive scans along one dimension. */
public enum ScanOp {
    CUMSUM, CUMPROD, LOGCUMSUMEXP
}
