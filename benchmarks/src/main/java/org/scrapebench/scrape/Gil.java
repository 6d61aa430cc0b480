package org.scrapebench.scrape;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * What CPython's global interpreter lock does to threads, as a switch: a thread must hold the one
 * lock of its process to run CPU work (parsing, computing), releases it around blocking I/O (the
 * work that needs it is only ever run inside {@link #run}), and hands it over at the next
 * {@link #checkpoint} once it has held it for the switch interval while others wait, as CPython
 * does every 5 ms ({@code sys.getswitchinterval()}). The lock is fair, so a thread that hands over
 * queues behind the waiters instead of taking the lock straight back. A waiting thread sleeps, as
 * one waiting for CPython's GIL does on a condition variable, so every hand-over also waits for the
 * next holder to be woken; waiters that spin first would hide that cost, which CPython threads pay
 * (results/README.md, "Where the GIL pool's extra time goes").
 *
 * <p>{@link #OFF} costs nothing: the JVM has no GIL, and that is the default.
 */
public final class Gil {

    /** CPython's default switch interval. */
    public static final long SWITCH_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    public static final Gil OFF = new Gil(false);

    private static final ThreadLocal<Gil> HELD = new ThreadLocal<>();

    private final boolean enabled;
    private final ReentrantLock lock = new ReentrantLock(true);
    private long heldSince;

    private Gil(boolean enabled) {
        this.enabled = enabled;
    }

    /** A new lock for one process (each worker process has its own, as each CPython process does). */
    public static Gil on() {
        return new Gil(true);
    }

    public static Gil of(boolean enabled) {
        return enabled ? on() : OFF;
    }

    public boolean enabled() {
        return enabled;
    }

    /** Runs CPU work holding the lock (re-entrant: nested work keeps it). */
    public <T> T run(Supplier<T> cpuWork) {
        if (!enabled || lock.isHeldByCurrentThread()) {
            return cpuWork.get();
        }
        lock.lock();
        Gil outer = HELD.get();
        HELD.set(this);
        heldSince = System.nanoTime();
        try {
            return cpuWork.get();
        } finally {
            HELD.set(outer);
            lock.unlock();
        }
    }

    /**
     * Called between steps of CPU work: once the calling thread has held its process's lock for
     * the switch interval and another thread waits for it, hands it over and queues for it again.
     * Does nothing on a thread that holds no lock.
     */
    public static void checkpoint() {
        Gil gil = HELD.get();
        if (gil != null) {
            gil.handOverIfDue();
        }
    }

    private void handOverIfDue() {
        if (System.nanoTime() - heldSince < SWITCH_INTERVAL_NANOS || !lock.hasQueuedThreads()) {
            return;
        }
        lock.unlock();
        lock.lock();
        heldSince = System.nanoTime();
    }
}
