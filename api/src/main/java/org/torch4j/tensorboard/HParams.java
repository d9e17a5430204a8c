package org.torch4j.tensorboard;

import java.util.List;
import java.util.Map;
import org.torch4j.Tensor;

/**
 * The three summaries of TensorBoard's hparams plugin that PyTorch's {@code add_hparams} writes: the experiment
 * (each hyperparameter's name, type and discrete domain; the metrics' tags), the session start (the values) and
 * the session end (success).
 */
final class HParams {
    private HParams() {}

    private static final int STRING = 1, FLOAT64 = 3;

    /** The serialized {@code Summary.Value}s: experiment, session start info, session end info. */
    static List<byte[]> summaries(Map<String, ?> hparams, Map<String, ? extends Number> metrics, Map<String, ? extends List<?>> domains) {
        for (Map.Entry<String, ? extends List<?>> d : domains.entrySet()) {
            Object v = hparams.get(d.getKey());
            if (v == null || d.getValue() == null || !d.getValue().stream().allMatch(x -> x != null && x.getClass() == v.getClass())) {
                throw new IllegalArgumentException("parameter: hparam_domain_discrete[" + d.getKey()
                        + "] should be a list of same type as hparam_dict[" + d.getKey() + "].");
            }
        }
        ProtoWriter experiment = new ProtoWriter();
        java.util.TreeMap<String, ProtoWriter> start = new java.util.TreeMap<>(); // a map, written in key order as protobuf's deterministic form
        for (Map.Entry<String, ?> e : hparams.entrySet()) {
            Object v = e.getValue();
            if (v == null) continue;
            boolean text = v instanceof String;
            if (!text && !(v instanceof Number) && !(v instanceof Boolean) && !(v instanceof Tensor)) {
                throw new IllegalArgumentException("value should be one of int, float, str, bool, or torch.Tensor, got "
                        + v.getClass().getName() + " for '" + e.getKey() + "'");
            }
            start.put(e.getKey(), new ProtoWriter().string(1, e.getKey()).message(2, value(v)));
            ProtoWriter info = new ProtoWriter().string(1, e.getKey()).varint(4, text ? STRING : FLOAT64);
            List<?> domain = domains.get(e.getKey());
            if (domain != null && !(v instanceof Tensor)) {
                ProtoWriter list = new ProtoWriter();
                for (Object d : domain) list.message(1, value(d));
                info.message(5, list);
            }
            experiment.message(4, info);
        }
        ProtoWriter startInfo = new ProtoWriter();
        start.values().forEach(entry -> startInfo.message(1, entry));
        for (String metric : metrics.keySet()) experiment.message(5, new ProtoWriter().message(1, new ProtoWriter().string(2, metric)));
        return List.of(summary("_hparams_/experiment", new ProtoWriter().message(2, experiment)),
                summary("_hparams_/session_start_info", new ProtoWriter().message(3, startInfo)),
                summary("_hparams_/session_end_info", new ProtoWriter().message(4, new ProtoWriter().varint(1, 1))));
    }

    /**
     * A {@code google.protobuf.Value}: a string, else a number; booleans become numbers 1 and 0, as in PyTorch
     * (its check for int comes first, and Python's bool is an int); a tensor gives its first element.
     */
    private static ProtoWriter value(Object v) {
        if (v instanceof String s) return new ProtoWriter().element(3, s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        double number = v instanceof Boolean b ? (b ? 1 : 0) : v instanceof Tensor t ? t.flatten().get(0).item() : ((Number) v).doubleValue();
        return new ProtoWriter().always(2, number);
    }

    private static byte[] summary(String tag, ProtoWriter pluginData) {
        ProtoWriter metadata = new ProtoWriter().message(1, new ProtoWriter().string(1, "hparams").bytes(2, pluginData.toBytes()));
        return new ProtoWriter().string(1, tag).message(9, metadata).toBytes();
    }
}
