package org.torch4j.distributed;

/**
 * {@code torch.distributed.ReduceOp}: how a reducing collective combines the ranks' elements. The bitwise ops take
 * integral and bool tensors only; complex tensors take {@link #SUM} and {@link #AVG}. Bool tensors reduce as
 * logic (SUM, MAX and BOR are "or"; PRODUCT, MIN and BAND are "and"; BXOR is "xor").
 */
public enum ReduceOp {
    /** The elementwise sum. */
    SUM,
    /** The elementwise product. */
    PRODUCT,
    /** The elementwise minimum. */
    MIN,
    /** The elementwise maximum. */
    MAX,
    /** Bitwise and. */
    BAND,
    /** Bitwise or. */
    BOR,
    /** Bitwise exclusive or. */
    BXOR,
    /**
     * The sum divided by the group's size (floating and complex tensors). PyTorch's gloo refuses it ("Cannot use
     * ReduceOp.AVG with Gloo"); torch4j computes it as NCCL does.
     */
    AVG;

    /** PyTorch's printed name, e.g. {@code ReduceOp.SUM}. */
    @Override
    public String toString() {
        return "ReduceOp." + name();
    }
}
