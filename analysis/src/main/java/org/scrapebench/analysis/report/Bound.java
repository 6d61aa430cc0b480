package org.scrapebench.analysis.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.scrapebench.analysis.jmh.BenchmarkResult;
import org.scrapebench.analysis.jmh.Metric;
import org.scrapebench.analysis.jmh.ScoreUnit;
import org.scrapebench.analysis.record.RunRecord;
import org.scrapebench.analysis.stats.MeanInterval;

/**
 * The best time this machine allows for one regime row, in ms per operation, and the efficiency
 * bound / measured. A bound is a floor, not an estimate: a result below it proves it wrong, and
 * {@link #aboveBound} says so instead of an efficiency above 1.
 * <pre>
 * T_latency = the fixture site's floor for the row (environment.json: from the site's own per-page
 *             delays and fault plan, the category chain and n requests in flight); for files
 *             without it, the closed form for equal delays from the latency param
 * T_cpu     = one-thread CPU time / capacity(k), k = threads that can run the model's CPU work at
 *             once (1 for a one-thread model or with the GIL on), capacity(k) = the measured k x T1 / Tk
 *             of independent serial jobs on k cores; one-thread CPU time = the calibrated serial
 *             CPU-bound job where the row is that job (its low end, or the fastest one-thread
 *             iteration of that job anywhere in the run if faster), else N x parsePerProduct
 *             (plus computeRounds x computePerRound where only a round is calibrated); over HTTP,
 *             for a model with requests in flight, plus requests / the server's calibrated ceiling
 * T_bound   = max(T_latency, T_cpu) for a model that overlaps waiting and computing;
 *             T_latency + T_cpu for one that makes one request at a time (its one thread waits,
 *             then parses; the server's work for it overlaps the waiting, so no request term)
 * </pre>
 * Calibrated times enter at the low end of JMH's 99.9% interval and the capacity and ceiling at the
 * high end, so that calibration noise lowers the bound rather than putting results above it.
 *
 * @param boundMs NaN when not computable, with the reason in {@code notes}
 * @param demand  requests per second the row put on the server, NaN without a network
 * @param ceiling the server's calibrated requests per second, NaN if unknown
 */
public record Bound(double latencyMs, double cpuMs, double boundMs, double measuredMs, double efficiency,
                    double demand, double ceiling, List<String> notes) {

    /** Above this share of the server's ceiling a result is flagged as server-bound. */
    public static final double SERVER_SHARE = 0.5;

    static final List<String> JOB_KEYS = List.of("products", "productsPerPage", "pageKb", "computeRounds");

    public String dominant() {
        if (Double.isNaN(boundMs)) {
            return "n/a";
        }
        return latencyMs >= cpuMs ? "latency" : "cpu";
    }

    public boolean serverBound() {
        return demand > SERVER_SHARE * ceiling;
    }

    /** A result faster than its bound: the bound, not the result, is wrong. */
    public boolean aboveBound() {
        return efficiency > 1.0;
    }

    /**
     * Whether some fork of {@code row} on its own ran faster than this bound: a floor must hold for
     * every fork, not only for their mean, so such a fork proves the bound wrong as well.
     */
    public boolean beatenByAFork(BenchmarkResult row) {
        if (Double.isNaN(boundMs)) {
            return false;
        }
        return ScoreUnit.parse(row.primary().unit()).map(u -> row.primary().forks().stream()
                .filter(f -> !f.isEmpty())
                .mapToDouble(f -> u.millisPerOp(MeanInterval.weightedMean(f)))
                .anyMatch(ms -> ms < boundMs)).orElse(false);
    }

    /** For files without per-row facts: the first model of the report order is the one-at-a-time baseline. */
    public static Bound of(BenchmarkResult row, Calibration calibration, Optional<Integer> cores,
                           Optional<RunRecord> record, String baselineModel) {
        List<String> notes = new ArrayList<>();
        Map<String, String> p = row.params();
        double measured = ScoreUnit.parse(row.primary().unit()).map(u -> u.millisPerOp(row.primary().score()))
                .orElse(Double.NaN);
        if (Double.isNaN(measured)) {
            notes.add("unit " + row.primary().unit() + " is not a time or a rate");
        }
        double n = number(p.get("products"));
        if (Double.isNaN(n)) {
            notes.add("no products param, no bound");
            return new Bound(Double.NaN, Double.NaN, Double.NaN, measured, Double.NaN, Double.NaN, Double.NaN, notes);
        }
        if (cores.isEmpty()) {
            notes.add("machine.cores not recorded (environment.json), so no bound");
            return new Bound(Double.NaN, Double.NaN, Double.NaN, measured, Double.NaN, Double.NaN, Double.NaN, notes);
        }
        double perPage = number(p.get("productsPerPage"));
        double pages = Double.isNaN(perPage) || perPage <= 0 ? 1 : Math.max(1, Math.ceil(n / perPage));
        boolean network = p.containsKey("latency");
        Optional<RunRecord.Row> fact = record.flatMap(r -> r.row(row.benchmark(), p));
        boolean overlaps = fact.map(RunRecord.Row::limitsInFlight).orElse(!p.getOrDefault("model", "").equals(baselineModel));
        int cpuThreads = fact.map(RunRecord.Row::cpuThreads).orElse(overlaps ? cores.get() : 1);

        double latency = 0;
        if (network) {
            Optional<Double> floor = fact.map(RunRecord.Row::latencyFloorMs);
            if (floor.isPresent()) {
                latency = floor.get();
            } else {
                latency = closedFormLatency(p, n, pages, perPage, overlaps, cores.get(), notes);
            }
        }

        double demand = Double.NaN;
        double ceiling = Double.NaN;
        Optional<Calibration.Match> server = network
                ? calibration.lookup("serverCeiling", p, List.of("pageKb")) : Optional.empty();
        if (server.isPresent()) {
            Metric s = server.get().result().primary();
            ceiling = ScoreUnit.parse(s.unit()).map(u -> u.opsPerSecond(s.score() + finite(s.scoreError())))
                    .orElse(Double.NaN);
        }
        if (network && !Double.isNaN(measured)) {
            demand = (n + pages) / (measured / 1000);
        }

        double cpu = Double.NaN;
        double capacity = capacity(calibration, cpuThreads, cores.get(), notes);
        Optional<Calibration.Match> job = network ? Optional.empty()
                : calibration.lookup("serialJobOneThread", p, JOB_KEYS).filter(Calibration.Match::exact);
        Optional<Calibration.PerProduct> perProduct = calibration.cpuPerProduct(p);
        if (job.isPresent()) {
            // the job's one-core time can be no more than the fastest one-core iteration the run saw
            double oneCore = Math.min(lowMillis(job.get()),
                    calibration.fastestOneThreadMillis(p, JOB_KEYS, record).orElse(Double.POSITIVE_INFINITY));
            cpu = oneCore / capacity;
        } else if (perProduct.isEmpty() || (network && Double.isNaN(ceiling))) {
            notes.add("calibration missing (" + (perProduct.isEmpty() ? "parsePerProduct" : "serverCeiling") + ")");
        } else {
            // a one-at-a-time model's server work overlaps its own waiting, so only its parsing adds
            double requestsMs = network && overlaps ? (n + pages) / ceiling * 1000 : 0;
            cpu = n * perProduct.get().millis(true) / capacity + requestsMs;
            perProduct.get().note(p).ifPresent(notes::add);
            server.ifPresent(m -> nearestNote(notes, "serverCeiling", m, p, List.of("pageKb")));
        }
        double bound = Double.isNaN(cpu) ? Double.NaN : overlaps ? Math.max(latency, cpu) : latency + cpu;
        return new Bound(latency, cpu, bound, measured, bound / measured, demand, ceiling, notes);
    }

    /**
     * What {@code threads} threads get from the cores: 1 for one; for every core, the measured
     * cores x T1 / Tcores (its high end), capped at the thread count; in between, interpolated.
     */
    static double capacity(Calibration calibration, int threads, int cores, List<String> notes) {
        if (threads <= 1) {
            return 1;
        }
        Optional<Calibration.Match> one = calibration.lookup("serialJobOneThread", Map.of(), JOB_KEYS);
        Optional<Calibration.Match> all = calibration.lookup("serialJobEveryCore", Map.of(), JOB_KEYS);
        if (one.isEmpty() || all.isEmpty()) {
            notes.add("parallel capacity not calibrated (serialJob rows missing): " + threads + " threads assumed to give "
                    + Math.min(threads, cores) + "x");
            return Math.min(threads, cores);
        }
        Metric t1 = one.get().result().primary();
        Metric tAll = all.get().result().primary();
        double measured = cores * (t1.score() + finite(t1.scoreError())) / Math.max(1e-9, tAll.score() - finite(tAll.scoreError()));
        double atCores = Math.min(cores, measured);
        int k = Math.min(threads, cores);
        return 1 + (atCores - 1) * (k - 1) / Math.max(1, cores - 1);
    }

    /** The closed form for equal delays (files without the site's floor). */
    private static double closedFormLatency(Map<String, String> p, double n, double pages, double perPage,
                                            boolean overlaps, int cores, List<String> notes) {
        OptionalDouble f = LatencySpec.floorMillis(p.get("latency"), number(p.get("pageKb")));
        if (f.isEmpty()) {
            notes.add("latency spec '" + p.get("latency") + "' not understood");
            return Double.NaN;
        }
        notes.add("latency floor from the closed form for equal delays (environment.json predates the site's own floor)");
        double floor = f.getAsDouble();
        if (!overlaps) {
            return (pages + n) * floor;
        }
        double requested = number(p.get("concurrency"));
        if (requested == 0) {
            requested = cores;
        }
        double cEff = Math.max(1, Math.min(Double.isNaN(requested) ? n : requested, n));
        double lastPage = n <= 0 ? 0 : n - (pages - 1) * (Double.isNaN(perPage) || perPage <= 0 ? n : perPage);
        return floor * Math.max(pages + Math.ceil(lastPage / cEff), 1 + Math.ceil(n / cEff));
    }

    private static void nearestNote(List<String> notes, String method, Calibration.Match match,
                                    Map<String, String> wanted, List<String> keys) {
        if (!match.exact()) {
            StringBuilder want = new StringBuilder();
            for (String k : keys) {
                if (wanted.containsKey(k)) {
                    want.append(want.length() == 0 ? "" : ";").append(k).append('=').append(wanted.get(k));
                }
            }
            notes.add("no " + method + " calibration for " + want + "; used the nearest, " + match.paramsText());
        }
    }

    /** The low end of JMH's interval, in ms per op. */
    private static double lowMillis(Calibration.Match match) {
        Metric m = match.result().primary();
        return ScoreUnit.parse(m.unit()).map(u -> u.millisPerOp(Math.max(0, m.score() - finite(m.scoreError()))))
                .orElse(Double.NaN);
    }

    private static double finite(double error) {
        return Double.isNaN(error) || Double.isInfinite(error) ? 0 : error;
    }

    private static double number(String text) {
        if (text == null) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
