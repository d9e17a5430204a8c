package org.torch4j.optim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.torch4j.Tensor;

/**
 * Parameters optimised with common options ({@code optimizer.param_groups[i]}): learning rate,
 * momentum, weight decay... Schedulers change {@code lr} here.
 */
public final class ParamGroup {
    private final List<Tensor> params;
    private final Map<String, Object> options = new LinkedHashMap<>();

    public ParamGroup(List<? extends Tensor> params) {
        this.params = new ArrayList<>(params);
    }

    /** A group with its own options (unset ones take the optimizer's defaults). */
    public ParamGroup(List<? extends Tensor> params, Map<String, ?> options) {
        this(params);
        this.options.putAll(options);
    }

    public List<Tensor> params() {
        return params;
    }

    public Map<String, Object> options() {
        return options;
    }

    public double lr() {
        return getDouble("lr");
    }

    public void setLr(double lr) {
        options.put("lr", lr);
    }

    public double getDouble(String key) {
        Object v = options.get(key);
        if (v == null) throw new IllegalArgumentException("parameter group has no option '" + key + "'");
        return ((Number) v).doubleValue();
    }

    public boolean getBoolean(String key) {
        Object v = options.get(key);
        return v instanceof Boolean b ? b : v != null && ((Number) v).doubleValue() != 0;
    }

    public Object get(String key) {
        return options.get(key);
    }

    public ParamGroup set(String key, Object value) {
        options.put(key, value);
        return this;
    }
}
