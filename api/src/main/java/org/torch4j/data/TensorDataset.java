package org.torch4j.data;

import java.util.ArrayList;
import java.util.List;
import org.torch4j.Tensor;

/** Rows of tensors sharing their first dimension ({@code torch.utils.data.TensorDataset}). */
public class TensorDataset implements Dataset<List<Tensor>> {
    private final List<Tensor> tensors;

    /**
     * A dataset whose item {@code i} is the list of {@code t[i]} for each tensor (views, not copies).
     *
     * @throws IllegalArgumentException if no tensor is given or their first dimensions differ ("Size mismatch
     * between tensors")
     */
    public TensorDataset(Tensor... tensors) {
        if (tensors.length == 0) throw new IllegalArgumentException("TensorDataset needs at least one tensor");
        long n = tensors[0].size(0);
        for (Tensor t : tensors) {
            if (t.dim() == 0 || t.size(0) != n) throw new IllegalArgumentException("Size mismatch between tensors");
        }
        this.tensors = List.of(tensors);
    }

    @Override
    public List<Tensor> get(long index) {
        List<Tensor> row = new ArrayList<>(tensors.size());
        for (Tensor t : tensors) row.add(t.select(0, index));
        return row;
    }

    @Override
    public long size() {
        return tensors.get(0).size(0);
    }

    /** The tensors, unmodifiable. */
    public List<Tensor> tensors() {
        return tensors;
    }
}
