package org.scrapebench.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What the machine's CPUs did besides this suite, read from Linux's {@code /proc}: the CPU time of
 * every process outside this JVM's process tree (the runner, its forks, their fixture servers and
 * workers), and the time the hypervisor stole. A benchmark on 2 shared cores is only as good as
 * the quiet it ran in, so the runner refuses a busy machine and records this for every trial.
 *
 * <p>Counters are in clock ticks ({@code USER_HZ}, 100 per second on Linux); a sample is cumulative,
 * so the load of a window is the difference of two samples over its length.
 */
final class MachineLoad {

    static final double TICKS_PER_SECOND = 100;

    /** Cumulative counters at one instant. */
    record Sample(long nanos, CpuTicks cpu, long ownTicks, Map<Long, ProcessTicks> processes) {}

    /** The aggregate cpu line: busy (user, nice, system, irq, softirq), stolen, and all ticks. */
    record CpuTicks(long busy, long steal, long total) {}

    /** One process's cumulative CPU, with its command name, for saying who is busy. */
    record ProcessTicks(String name, long ticks) {}

    /** The load between two samples, in cores (1.0 = one core fully used). */
    record Window(double seconds, double foreignCores, double stealShare, List<String> busiest) {}

    private MachineLoad() {}

    static boolean available() {
        return Files.isReadable(Path.of("/proc/stat"));
    }

    /** Reads every counter now; {@code withProcesses} also reads each foreign process (for naming the busiest). */
    static Sample sample(boolean withProcesses) {
        CpuTicks cpu = cpuLine();
        Set<Long> own = ownTree();
        long ownTicks = 0;
        Map<Long, ProcessTicks> processes = new HashMap<>();
        for (long pid : own) {
            ownTicks += processTicks(pid, true).map(ProcessTicks::ticks).orElse(0L);
        }
        if (withProcesses) {
            try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
                entries.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
                        .map(Long::parseLong).filter(pid -> !own.contains(pid))
                        .forEach(pid -> processTicks(pid, false).ifPresent(t -> processes.put(pid, t)));
            } catch (IOException e) {
                // names are a courtesy; the totals above are what counts
            }
        }
        return new Sample(System.nanoTime(), cpu, ownTicks, processes);
    }

    static Window between(Sample from, Sample to) {
        double seconds = (to.nanos() - from.nanos()) / 1e9;
        long busy = to.cpu().busy() - from.cpu().busy();
        long own = to.ownTicks() - from.ownTicks();
        long total = Math.max(1, to.cpu().total() - from.cpu().total());
        double foreign = Math.max(0, busy - own) / TICKS_PER_SECOND / Math.max(seconds, 1e-3);
        double steal = (to.cpu().steal() - from.cpu().steal()) / (double) total;
        List<String> busiest = new ArrayList<>();
        to.processes().entrySet().stream()
                .map(e -> Map.entry(e, e.getValue().ticks() - Optional.ofNullable(from.processes().get(e.getKey()))
                        .map(ProcessTicks::ticks).orElse(e.getValue().ticks())))
                .filter(e -> e.getValue() > 0)
                .sorted(Comparator.comparingLong((Map.Entry<Map.Entry<Long, ProcessTicks>, Long> e) -> e.getValue()).reversed())
                .limit(3)
                .forEach(e -> busiest.add(String.format(java.util.Locale.ROOT, "%s (pid %d, %.0f%% of a core)",
                        e.getKey().getValue().name(), e.getKey().getKey(),
                        100 * e.getValue() / TICKS_PER_SECOND / Math.max(seconds, 1e-3))));
        return new Window(seconds, foreign, steal, busiest);
    }

    /** user+nice+system+irq+softirq+steal ("busy"), steal, and all ticks of the aggregate cpu line. */
    private static CpuTicks cpuLine() {
        try {
            String line = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = line.trim().split("\\s+");
            long user = Long.parseLong(f[1]);
            long nice = Long.parseLong(f[2]);
            long system = Long.parseLong(f[3]);
            long idle = Long.parseLong(f[4]);
            long iowait = Long.parseLong(f[5]);
            long irq = Long.parseLong(f[6]);
            long softirq = Long.parseLong(f[7]);
            long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
            long busy = user + nice + system + irq + softirq;
            return new CpuTicks(busy, steal, busy + idle + iowait + steal);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read /proc/stat: " + e.getMessage(), e);
        }
    }

    /** This JVM and every live descendant (forks, fixture servers, workers, cluster members). */
    private static Set<Long> ownTree() {
        Set<Long> pids = new HashSet<>();
        pids.add(ProcessHandle.current().pid());
        ProcessHandle.current().descendants().forEach(p -> pids.add(p.pid()));
        return pids;
    }

    /**
     * utime + stime of a process from {@code /proc/<pid>/stat}, plus, for our own tree, cutime +
     * cstime: a fork or worker that has exited and been waited for moves its CPU time to its
     * parent's children's time, and must not turn into "foreign" load when it ends.
     */
    private static Optional<ProcessTicks> processTicks(long pid, boolean withChildren) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int open = stat.indexOf('(');
            int close = stat.lastIndexOf(')');
            String name = stat.substring(open + 1, close);
            String[] f = stat.substring(close + 2).trim().split("\\s+");
            // fields after the name: state(0) ... utime(11) stime(12) cutime(13) cstime(14)
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            if (withChildren) {
                ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
            }
            return Optional.of(new ProcessTicks(name, ticks));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // gone between listing and reading
        }
    }
}
