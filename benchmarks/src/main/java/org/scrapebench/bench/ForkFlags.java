package org.scrapebench.bench;

import java.util.List;

/**
 * The JVM flags every benchmark fork runs with, named once. JMH's {@code @Fork} is replaced, not
 * merged, by a subclass that changes the fork count, so each benchmark class lists them again;
 * these constants keep the values in one place and a test holds every class in the suite to
 * {@link #ALL}. Why these flags: {@link ScrapeBenchmark}'s comment.
 */
final class ForkFlags {

    static final String HEAP_MIN = "-Xms1g";
    static final String HEAP_MAX = "-Xmx1g";
    static final String PRE_TOUCH = "-XX:+AlwaysPreTouch";
    static final String COLLECTOR = "-XX:+UseG1GC";

    static final List<String> ALL = List.of(HEAP_MIN, HEAP_MAX, PRE_TOUCH, COLLECTOR);

    private ForkFlags() {
    }
}
