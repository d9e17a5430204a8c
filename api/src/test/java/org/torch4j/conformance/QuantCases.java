package org.torch4j.conformance;

import java.util.List;
import java.util.Map;
import org.torch4j.quantization.QDType;
import org.torch4j.quantization.QScheme;

/** What the {@code Quant*Test} classes share: {@code quant.json} (from {@code tools/gen_quant_reference.py}) and its names. */
final class QuantCases {
    private QuantCases() {}

    private static Map<String, Object> file;

    @SuppressWarnings("unchecked")
    static synchronized Map<String, Object> reference() {
        if (file == null) file = (Map<String, Object>) Reference.load("quant.json");
        return file;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(String key) {
        return (List<Map<String, Object>>) reference().get(key);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> objects(Object o) {
        return (List<Object>) o;
    }

    static String message(String key) {
        return (String) map(reference().get("messages")).get(key);
    }

    static double num(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }

    static long integer(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).longValue();
    }

    static QDType qdtype(String name) {
        return QDType.valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }

    static QScheme qscheme(String name) {
        return QScheme.valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }
}
