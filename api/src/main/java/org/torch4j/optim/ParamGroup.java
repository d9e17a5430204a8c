package org.torch4j.optim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.torch4j.Tensor;

/**
 * Parameters optimised with common options ({@code optimizer.param_groups[i]}): learning rate,
 * momentum, weight decay... Options use PyTorch's names ({@code "lr"}, {@code "weight_decay"},
 * {@code "betas"} as a list of two doubles); schedulers change {@code lr} here.
 */
public final class ParamGroup {
    private final List<Tensor> params;
    private final Map<String, Object> options = new LinkedHashMap<>();

    /** A group whose options all take the optimizer's defaults. */
    public ParamGroup(List<? extends Tensor> params) {
        this.params = new ArrayList<>(params);
    }

    /** A group with its own options (unset ones take the optimizer's defaults). */
    public ParamGroup(List<? extends Tensor> params, Map<String, ?> options) {
        this(params);
        this.options.putAll(options);
    }

    /** The parameters of this group, in order. */
    public List<Tensor> params() {
        return params;
    }

    /** The options by PyTorch's names (mutable: schedulers and users change them between steps). */
    public Map<String, Object> options() {
        return options;
    }

    /** The learning rate. */
    public double lr() {
        return getDouble("lr");
    }

    /** Sets the learning rate. */
    public void setLr(double lr) {
        options.put("lr", lr);
    }

    /** A numeric option as a double; an error when it is missing. */
    public double getDouble(String key) {
        Object v = options.get(key);
        if (v == null) throw new IllegalArgumentException("parameter group has no option '" + key + "'");
        return ((Number) v).doubleValue();
    }

    /** A numeric option as an int; an error when it is missing. */
    public int getInt(String key) {
        Object v = options.get(key);
        if (v == null) throw new IllegalArgumentException("parameter group has no option '" + key + "'");
        return ((Number) v).intValue();
    }

    /** A boolean option (false when missing; numbers count as true when non-zero). */
    public boolean getBoolean(String key) {
        Object v = options.get(key);
        return v instanceof Boolean b ? b : v != null && ((Number) v).doubleValue() != 0;
    }

    /** Element {@code index} of a list option such as {@code "betas"}. */
    public double getDouble(String key, int index) {
        Object v = options.get(key);
        if (!(v instanceof List<?> l)) throw new IllegalArgumentException("parameter group has no list option '" + key + "'");
        return ((Number) l.get(index)).doubleValue();
    }

    /** An option as stored, or null. */
    public Object get(String key) {
        return options.get(key);
    }

    /** Sets an option; returns this. */
    public ParamGroup set(String key, Object value) {
        options.put(key, value);
        return this;
    }
}
