package org.torch4j.tensorboard;

import java.util.List;
import java.util.Map;

/**
 * The custom_scalars plugin's layout ({@code torch.utils.tensorboard.summary.custom_scalars}): categories of charts,
 * each a multiline chart of several scalar tags or a margin chart of a value and its lower and upper bounds, stored
 * as a serialized {@code Layout} in a string tensor tagged {@code custom_scalars__config__}.
 */
final class CustomScalars {
    private CustomScalars() {}

    /**
     * @param layout category -> chart title -> [chart type, tags]: "Margin" with the three tags (value, lower,
     *        upper), any other type a multiline chart of its tags
     */
    static byte[] summary(Map<String, ? extends Map<String, ? extends List<?>>> layout) {
        ProtoWriter proto = new ProtoWriter();
        layout.forEach((category, charts) -> {
            ProtoWriter c = new ProtoWriter().string(1, category);
            charts.forEach((title, properties) -> c.message(2, chart(title, properties)));
            proto.message(2, c);
        });
        ProtoWriter tensor = new ProtoWriter().varint(1, Summaries.DT_STRING).message(2, Summaries.shape()).element(8, proto.toBytes());
        return new ProtoWriter().string(1, "custom_scalars__config__").message(8, tensor)
                .message(9, Summaries.plugin("custom_scalars", new byte[0])).toBytes();
    }

    private static ProtoWriter chart(String title, List<?> properties) {
        if (properties.size() < 2 || !(properties.get(1) instanceof List<?> tags)) {
            throw new IllegalArgumentException("chart " + title + ": the properties are [chart type, list of tags], got " + properties);
        }
        ProtoWriter chart = new ProtoWriter().string(1, title);
        if ("Margin".equals(properties.get(0))) {
            if (tags.size() != 3) {
                throw new IllegalArgumentException("assert len(tags) == 3: a Margin chart takes 3 tags (value, lower, upper), chart "
                        + title + " has " + tags.size());
            }
            return chart.message(3, new ProtoWriter().message(1, new ProtoWriter().string(1, tag(tags, 0)).string(2, tag(tags, 1))
                    .string(3, tag(tags, 2))));
        }
        ProtoWriter multiline = new ProtoWriter();
        for (int i = 0; i < tags.size(); i++) multiline.element(1, tag(tags, i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return chart.message(2, multiline);
    }

    private static String tag(List<?> tags, int i) {
        if (!(tags.get(i) instanceof String s)) throw new IllegalArgumentException("a chart's tags are strings, got " + tags.get(i));
        return s;
    }
}
