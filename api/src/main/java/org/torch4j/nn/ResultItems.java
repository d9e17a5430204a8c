package org.torch4j.nn;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;

/**
 * A forward result seen as PyTorch sees what forward returns: a record's components are its items (a
 * Python tuple, such as {@code (output, (h, c))}), any other value is a single item. Like PyTorch,
 * only the top level counts: {@link LSTM.Output}'s state is one item that is not a tensor.
 */
final class ResultItems {
    private ResultItems() {}

    static Object[] of(Object result) {
        if (!(result instanceof Record record)) return new Object[] {result};
        RecordComponent[] components = record.getClass().getRecordComponents();
        Object[] items = new Object[components.length];
        try {
            for (int i = 0; i < items.length; i++) {
                Method accessor = components[i].getAccessor();
                accessor.trySetAccessible();                  // a record private to the caller's code is fine too
                items[i] = accessor.invoke(record);
            }
        } catch (ReflectiveOperationException e) {
            throw unreadable(record.getClass(), e);
        }
        return items;
    }

    /** {@code result} with its items replaced: the items themselves, or a new record of the same class. */
    static Object with(Object result, Object[] items) {
        if (!(result instanceof Record)) return items[0];
        Class<?> type = result.getClass();
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < types.length; i++) types[i] = components[i].getType();
        try {
            Constructor<?> canonical = type.getDeclaredConstructor(types);
            canonical.trySetAccessible();
            return canonical.newInstance(items);
        } catch (ReflectiveOperationException e) {
            throw unreadable(type, e);
        }
    }

    private static IllegalStateException unreadable(Class<?> type, ReflectiveOperationException e) {
        return new IllegalStateException("module backward hooks need to read and rebuild the record " + type.getName()
                + " that forward returned; make it accessible (" + e + ")", e);
    }
}
