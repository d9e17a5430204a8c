package org.torch4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shared JSON codec: value kinds, key order, Python's non-finite numbers, errors with offsets, limits. */
class JsonTest {

    @Test
    void readsEveryKindOfValueKeepingKeyOrder() {
        Object v = Json.parse(" {\"z\": [1, -2.5, 1e3, 9223372036854775808], \"a\": {\"t\": true, \"f\": false, \"n\": null},"
                + " \"s\": \"q\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\"} ");
        Map<?, ?> m = (Map<?, ?>) v;
        assertEquals(List.of("z", "a", "s"), List.copyOf(m.keySet()));
        assertEquals(List.of(1L, -2.5, 1000.0, 9.223372036854775808E18), m.get("z"));
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("t", true);
        inner.put("f", false);
        inner.put("n", null);
        assertEquals(inner, m.get("a"));
        assertEquals("q\"\\/\b\f\n\r\t\u00e9", m.get("s"));
    }

    @Test
    void acceptsPythonsNonFiniteNumbers() {
        List<?> l = (List<?>) Json.parse("[NaN, Infinity, -Infinity]");
        assertTrue(Double.isNaN((Double) l.get(0)));
        assertEquals(List.of(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY), l.subList(1, 3));
    }

    @Test
    void errorsNameTheOffset() {
        String[][] cases = {
                {"{\"a\" 1}", "expected ':' at offset 5"},
                {"{\"a\": 1 \"b\": 2}", "expected ',' or '}' at offset 8"},
                {"[1 2]", "expected ',' or ']' at offset 3"},
                {"{\"a\": 1, \"a\": 2}", "duplicate key \"a\" at offset 9"},
                {"[1,", "unexpected end of input at offset 3"},
                {"[-]", "malformed number '-' at offset 1"},
                {"\"\\q\"", "bad escape '\\q' at offset 3"},
                {"{1: 2}", "expected a string key at offset 1"},
                {"[x]", "unexpected character 'x' at offset 1"},
                {"{} {}", "unexpected trailing characters at offset 3"}};
        for (String[] c : cases) {
            var e = assertThrows(Json.ParseException.class, () -> Json.parse(c[0]), c[0]);
            assertEquals(c[1], e.getMessage(), c[0]);
        }
    }

    @Test
    void nestingIsLimited() {
        char[] deep = new char[100];
        Arrays.fill(deep, '[');
        var e = assertThrows(Json.ParseException.class, () -> Json.parse(new String(deep), 64));
        assertTrue(e.getMessage().startsWith("nesting deeper than 64"), e.getMessage());
    }

    @Test
    void writesWhatItReads() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", List.of(1L, 2.5, "x\"y\n"));
        m.put("a", Double.NaN);
        m.put("c", null);
        String text = Json.write(m);
        assertEquals("{\"b\":[1,2.5,\"x\\\"y\\n\"],\"a\":NaN,\"c\":null}", text);
        assertEquals(text, Json.write(Json.parse(text)));
    }
}
