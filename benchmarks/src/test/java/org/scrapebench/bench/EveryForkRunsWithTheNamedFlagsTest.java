package org.scrapebench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jmh.annotations.Fork;

/**
 * A benchmark class that changes its fork count re-declares {@code @Fork}, which replaces the
 * inherited one whole: one that forgets the flags would fork with the JDK's default heap and
 * collector and its numbers would not compare with the others'.
 */
class EveryForkRunsWithTheNamedFlagsTest {

    static Stream<Class<?>> suite() {
        return BenchRunner.SUITE.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suite")
    void theForkAnnotationInForceNamesExactlyTheSharedFlags(Class<?> benchmark) {
        Fork fork = forkInForce(benchmark);
        assertNotNull(fork, benchmark.getSimpleName() + " has no @Fork of its own or inherited");
        assertEquals(ForkFlags.ALL, List.of(fork.jvmArgsAppend()), benchmark.getSimpleName());
        assertEquals(List.of(), given(fork.jvmArgs()), benchmark.getSimpleName() + " replaces the JVM's own arguments");
        assertEquals(List.of(), given(fork.jvmArgsPrepend()), benchmark.getSimpleName());
    }

    /** JMH marks an attribute left at its default with {@link Fork#BLANK_ARGS}. */
    private static List<String> given(String[] args) {
        return Stream.of(args).filter(arg -> !Fork.BLANK_ARGS.equals(arg)).toList();
    }

    /** JMH's rule: the class's own annotation, else the nearest superclass's. */
    private static Fork forkInForce(Class<?> benchmark) {
        for (Class<?> c = benchmark; c != null; c = c.getSuperclass()) {
            Fork fork = c.getDeclaredAnnotation(Fork.class);
            if (fork != null) {
                return fork;
            }
        }
        return null;
    }
}
