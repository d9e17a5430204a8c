package org.torch4j.internal;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;

/**
 * Reading and building records by reflection, for the code that takes users' records apart and puts them back
 * together (collation of batches, deep copies of modules, picking a batch's input). A record declared private to
 * the user's class is still the user's own data, so its accessors and constructor are made accessible.
 */
public final class Records {
    private Records() {}

    /**
     * The component values of {@code r} in declaration order.
     *
     * @throws IllegalStateException when a component cannot be read
     */
    public static Object[] values(Record r) {
        RecordComponent[] components = r.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        for (int c = 0; c < components.length; c++) {
            Method accessor = components[c].getAccessor();
            if (!accessor.canAccess(r)) accessor.trySetAccessible();
            try {
                values[c] = accessor.invoke(r);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read record component " + components[c].getName(), e);
            }
        }
        return values;
    }

    /**
     * A new record of {@code type} from component values in declaration order, through its canonical constructor.
     *
     * @throws ReflectiveOperationException when the constructor is missing, inaccessible or refuses the values
     */
    public static Object create(Class<?> type, Object[] values) throws ReflectiveOperationException {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        for (int c = 0; c < components.length; c++) types[c] = components[c].getType();
        Constructor<?> canonical = type.getDeclaredConstructor(types);
        canonical.setAccessible(true);
        return canonical.newInstance(values);
    }
}
