package org.scrapebench.process;

/**
 * Shutdown hooks, for code that may run while the JVM is already shutting down (stopped from
 * outside, its hooks kill children under a caller still working): the JDK then refuses to add or
 * remove a hook with an {@link IllegalStateException}, which these methods answer instead of throwing.
 */
public final class ShutdownHooks {

    private ShutdownHooks() {
    }

    /** Adds the hook; false, and nothing added, if the JVM is already shutting down. */
    public static boolean add(Thread hook) {
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            return true;
        } catch (IllegalStateException shuttingDown) {
            return false;
        }
    }

    /** Removes the hook; while the JVM shuts down it stays, and runs. */
    public static void remove(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs
        }
    }

    /** Whether this JVM is running its shutdown hooks now. */
    public static boolean shuttingDown() {
        Thread probe = new Thread(() -> { });
        if (!add(probe)) {
            return true;
        }
        remove(probe);
        return false;
    }
}
