package org.scrapebench.bench;

import java.lang.reflect.Field;

/**
 * Sets a benchmark's params as JMH's generated code does: every {@code @Param} field of that name
 * in the class hierarchy gets the value, so a field that a subclass declares again (to change its
 * default) and the base class's field agree.
 */
final class JmhParams {

    private JmhParams() {}

    static <T> T set(T benchmark, Object... namesAndValues) {
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            String name = (String) namesAndValues[i];
            boolean found = false;
            for (Class<?> c = benchmark.getClass(); c != null; c = c.getSuperclass()) {
                try {
                    Field field = c.getDeclaredField(name);
                    field.set(benchmark, namesAndValues[i + 1]);
                    found = true;
                } catch (NoSuchFieldException e) {
                    // declared further up, or not at all
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
            if (!found) {
                throw new IllegalArgumentException(benchmark.getClass().getSimpleName() + " has no param " + name);
            }
        }
        return benchmark;
    }
}
