package org.scrapebench.analysis.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.scrapebench.analysis.jmh.BenchmarkResult;
import org.scrapebench.analysis.jmh.ScoreUnit;

/**
 * The best time physics allows for one regime row (design.md, "The bound"),
 * in ms per operation:
 * <pre>
 * pages     = max(1, ceil(N / P)); last = products on the last page
 * T_latency = (pages + N) x floor                                        for SERIAL
 *           = floor x max(pages + ceil(last / c_eff), 1 + ceil(N / c_eff)) otherwise
 *             (product fetches overlap the category chain, see the models)
 * T_cpu     = N x parsePerProduct / cores + (pages + N) / serverCeiling
 * T_bound   = max(T_latency, T_cpu);  efficiency = T_bound / measured
 * </pre>
 * The request term comes from the ceiling, not from the serial {@code fetchPerRequest}: a single
 * request's wall time includes the wake-ups of two idle processes and overstates what a request
 * costs when the cores are busy, which put measured times below the "bound". The ceiling is what
 * the client and the server together sustain on every core, so no model can issue requests faster.
 * and whether the row asked more of the fixture server than half its
 * calibrated ceiling (then the server, not the model, may be what was measured).
 *
 * @param boundMs    NaN when not computable, with the reason in {@code notes}
 * @param demand     requests per second the row put on the server, NaN without a network
 * @param ceiling    the server's calibrated requests per second, NaN if unknown
 */
public record Bound(double latencyMs, double cpuMs, double boundMs, double measuredMs, double efficiency,
                    double demand, double ceiling, List<String> notes) {

    /** Above this share of the server's ceiling a result is flagged as server-bound. */
    public static final double SERVER_SHARE = 0.5;

    public String dominant() {
        if (Double.isNaN(boundMs)) {
            return "n/a";
        }
        return latencyMs >= cpuMs ? "latency" : "cpu";
    }

    public boolean serverBound() {
        return demand > SERVER_SHARE * ceiling;
    }

    public boolean aboveBound() {
        return efficiency > 1.0;
    }

    public static Bound of(BenchmarkResult row, Calibration calibration, Optional<Integer> cores) {
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
        double perPage = number(p.get("productsPerPage"));
        double pages = Double.isNaN(perPage) || perPage <= 0 ? 1 : Math.max(1, Math.ceil(n / perPage));
        double pageKb = number(p.get("pageKb"));
        boolean network = p.containsKey("latency");

        double floor = 0;
        if (network) {
            OptionalDouble f = LatencySpec.floorMillis(p.get("latency"), pageKb);
            if (f.isEmpty()) {
                notes.add("latency spec '" + p.get("latency") + "' not understood");
            }
            floor = f.orElse(Double.NaN);
        }
        boolean serial = "SERIAL".equals(p.get("model"));
        double requested = number(p.get("concurrency"));
        if (requested == 0 && cores.isPresent()) {
            requested = cores.get(); // the benchmarks' "0 = one per core"
        }
        double concurrency = serial ? 1 : Math.min(Double.isNaN(requested) ? n : requested, n);
        double cEff = Math.max(1, concurrency);
        double latency;
        if (serial) {
            // one request at a time: every page waits its turn
            latency = (pages + n) * floor;
        } else {
            // The models hand out each category page's products as soon as it is parsed, so the
            // product rounds overlap the rest of the chain: the last page's products cannot start
            // before the whole chain, and no product before the first page.
            double lastPage = n <= 0 ? 0 : n - (pages - 1) * (Double.isNaN(perPage) || perPage <= 0 ? n : perPage);
            latency = floor * Math.max(pages + Math.ceil(lastPage / cEff), 1 + Math.ceil(n / cEff));
        }

        double demand = Double.NaN;
        double ceiling = Double.NaN;
        Optional<Calibration.Match> server = network
                ? calibration.lookup("serverCeiling", p, List.of("pageKb")) : Optional.empty();
        if (server.isPresent()) {
            BenchmarkResult s = server.get().result();
            ceiling = ScoreUnit.parse(s.primary().unit()).map(u -> u.opsPerSecond(s.primary().score()))
                    .orElse(Double.NaN);
        }
        if (network && !Double.isNaN(measured)) {
            demand = (n + pages) / (measured / 1000);
        }

        double cpu = Double.NaN;
        Optional<Calibration.Match> parse = calibration.lookup("parsePerProduct", p, List.of("pageKb", "computeRounds"));
        if (cores.isEmpty()) {
            notes.add("machine.cores not recorded (environment.json), so no CPU term and no bound");
        } else if (parse.isEmpty() || (network && Double.isNaN(ceiling))) {
            notes.add("calibration missing (" + (parse.isEmpty() ? "parsePerProduct" : "serverCeiling") + ")");
        } else {
            double requestsMs = network ? (n + pages) / ceiling * 1000 : 0;
            cpu = n * millis(parse.get()) / cores.get() + requestsMs;
            nearestNote(notes, "parsePerProduct", parse.get(), p, List.of("pageKb", "computeRounds"));
            server.ifPresent(m -> nearestNote(notes, "serverCeiling", m, p, List.of("pageKb")));
        }
        double bound = Double.isNaN(cpu) || Double.isNaN(latency) ? Double.NaN : Math.max(latency, cpu);

        return new Bound(latency, cpu, bound, measured, bound / measured, demand, ceiling, notes);
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

    private static double millis(Calibration.Match match) {
        BenchmarkResult r = match.result();
        return ScoreUnit.parse(r.primary().unit()).map(u -> u.millisPerOp(r.primary().score())).orElse(Double.NaN);
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
