package org.scrapebench.analysis.record;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.scrapebench.analysis.BadInputException;

/**
 * {@code environment.json}: what a run records beside its JMH JSON that JMH does not (the machine,
 * the fork JDK as it reported itself, the commit, the checks on the machine's quiet, and per result
 * row and per trial the facts the report needs). One type for both sides: the bench runner writes
 * it, the analysis reads it, and a field that is missing or unknown is an error, never a default.
 * A value that was not measured is written as null (a load average on a system without one).
 *
 * @param schemaVersion {@link #SCHEMA_VERSION}; a file of another version is refused
 */
@JsonPropertyOrder({"schemaVersion", "run", "options", "git", "jdk", "machine", "fixture", "quietCheck",
        "contaminationLimits", "hostCanary", "forkAgreement", "models", "modelsLeftOut", "rows", "trials"})
public record RunRecord(int schemaVersion, Run run, Options options, Git git, Jdk jdk, Machine machine,
                        Fixture fixture, QuietCheck quietCheck, ContaminationLimits contaminationLimits,
                        HostCanary hostCanary, ForkAgreement forkAgreement, List<ModelInfo> models, List<LeftOut> modelsLeftOut, List<Row> rows,
                        List<Trial> trials) {

    public static final int SCHEMA_VERSION = 6;
    /**
     * The version before the host canary: read as a run without one ({@code hostCanary} and every
     * trial's reading null), which is what such a run was.
     */
    private static final int BEFORE_THE_CANARY = 3;
    /**
     * The version before forks had to agree: read as a run that re-measured nothing and set no fork
     * aside ({@code forkAgreement} and every trial's {@code setAside} null), which is what it did.
     */
    private static final int BEFORE_FORK_AGREEMENT = 4;
    /**
     * The version before a stopped run kept the classes it had finished: read as a run that ran
     * every class it names ({@code notRun} empty), since such a run wrote nothing unless it ended.
     */
    private static final int BEFORE_STOPPED_RUNS = 5;
    public static final String FILE = "environment.json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public RunRecord {
        models = List.copyOf(models);
        modelsLeftOut = List.copyOf(modelsLeftOut);
        rows = List.copyOf(rows);
        trials = List.copyOf(trials);
    }

    /**
     * The run itself.
     *
     * @param id         the run directory's name, e.g. {@code 2026-12-02-jdk25}
     * @param label      {@code -Dbench.label}, or null
     * @param pairedWith the other run directories of an interleaved run
     */
    public record Run(String id, String label, String startedAt, String finishedAt, boolean quick,
                      List<String> pairedWith) {}

    /**
     * What was asked for: the benchmark classes run, the further JMH options, the include pattern
     * (or null), and the classes asked for that were not run because the run was stopped first
     * (empty for a run that ended): the classes run finished on every JDK of the run.
     */
    public record Options(List<String> benchmarks, List<String> jmhArgs, String include, List<String> notRun) {
        public Options {
            notRun = notRun == null ? List.of() : List.copyOf(notRun);
        }
    }

    /** The commit measured, read before the run; dirty is null outside a git checkout. */
    public record Git(String commit, Boolean dirty) {}

    /** The JDK the forks ran on, as it reported itself. */
    public record Jdk(int major, String version, String vendor, String vmName, String vmVersion, String home) {}

    public record Machine(int cores, long memoryBytes, String os, String cpuModel, Double loadAverageAtStart,
                          Double loadAverageAtEnd) {}

    /** The fixture site: a process per trial ({@code process}) or one already running ({@code url}). */
    public record Fixture(String mode, String url, long seed) {}

    /** The check before the run: other processes' CPU over a few seconds. */
    public record QuietCheck(boolean skipped, double seconds, Double foreignCores, double busyAbove,
                             Double loadAverage, boolean busy, boolean forced, List<String> busiest) {}

    /** Above these a measured iteration counts as contaminated. */
    public record ContaminationLimits(double foreignCores, double stealShare) {}

    /**
     * The host canary, read before every fork: a fixed piece of work in a JVM of its own whose time
     * tracks the host's speed. A trial whose reading exceeds {@code referenceMillis} by more than
     * {@code slowAbove} ran while the host was slow.
     *
     * @param work          what the canary times
     * @param referenceMillis the run's typical reading: the median of those forks started after,
     *                      slow ones left out; null if none was taken
     * @param readings      readings taken, waits included
     * @param waits         times a fork waited for the host to recover
     * @param waitedSeconds the time spent waiting
     */
    public record HostCanary(String work, Double referenceMillis, double slowAbove, int readings, int waits,
                             double waitedSeconds) {
        /** Whether a reading is slower than the run's typical one by more than the tolerance. */
        public boolean slow(Double millis) {
            return millis != null && referenceMillis != null && millis > referenceMillis * (1 + slowAbove);
        }
    }

    /**
     * How the run made its rows' forks agree: the rule, and the rows it re-measured, set forks of
     * aside, or left unsettled (a row not listed had its planned forks, all counted, agreeing).
     *
     * @param pValue         the analysis of variance's p-value below which fork means differ beyond their iterations
     * @param inProcessTolerance the spread of fork means an in-process row may have
     * @param processTolerance   the same for a model with JVMs of its own
     * @param maxAddedRounds     rounds of forks a class may add
     */
    public record ForkAgreement(double pValue, double inProcessTolerance, double processTolerance, int maxAddedRounds,
                                List<Remeasured> rows) {
        public ForkAgreement {
            rows = List.copyOf(rows);
        }
    }

    /**
     * A row that needed more than its planned forks, or had some set aside.
     *
     * @param addedForks    forks run beyond the planned ones, on this run's JVM
     * @param setAsideForks forks left out of the score (in {@code set-aside.json}, their trials say why)
     * @param unsettled     whether the forks the score counts still disagree: the row gets no verdict
     */
    public record Remeasured(String benchmark, Map<String, String> params, int plannedForks, int addedForks,
                             int setAsideForks, boolean unsettled) {
        public Remeasured {
            params = sorted(params);
        }
    }

    /** A model, in report order. */
    public record ModelInfo(String name, String summary, int minimumJdk, boolean limitsInFlight, String cpu) {}

    /** A model the run could not run on its JDK, and why. */
    public record LeftOut(String model, String reason) {}

    /**
     * One result row's facts, which only the benchmarks can tell.
     *
     * @param cpuThreads     threads that can run the row's CPU work at once on this machine
     * @param inFlight       requests it keeps in flight
     * @param latencyFloorMs the fixture site's least time for the row's requests, or null without a site of ours
     */
    public record Row(String benchmark, Map<String, String> params, int cpuThreads, boolean limitsInFlight,
                      int inFlight, Double latencyFloorMs) {
        public Row {
            params = sorted(params);
        }
    }

    /**
     * One trial (one fork of one row): when it ran and what the rest of the machine did during its
     * measured iterations; a trial with an iteration above the limits is contaminated.
     *
     * @param hostCanaryMillis the slowest host canary reading before the trial's forks, or null
     * @param setAside         why the fork is left out of the score (it is in {@code set-aside.json}), or null
     */
    public record Trial(String benchmark, Map<String, String> params, String start, String end,
                        int measuredIterations, int contaminatedIterations, Double meanForeignCores,
                        Double maxForeignCores, Double maxStealShare, boolean contaminated,
                        Double hostCanaryMillis, String setAside) {
        public Trial {
            params = sorted(params);
        }
    }

    /** Params in name order, so that the file is the same whichever map they came in. */
    private static Map<String, String> sorted(Map<String, String> params) {
        return java.util.Collections.unmodifiableMap(new TreeMap<>(params));
    }

    /** The facts of one result row, if the run recorded them. */
    public Optional<Row> row(String benchmark, Map<String, String> params) {
        Map<String, String> wanted = new TreeMap<>(params);
        return rows.stream().filter(r -> r.benchmark().equals(benchmark) && new TreeMap<>(r.params()).equals(wanted))
                .findFirst();
    }

    /** The trials of one result row (one per fork of an interleaved run, one per row otherwise). */
    public List<Trial> trials(String benchmark, Map<String, String> params) {
        Map<String, String> wanted = new TreeMap<>(params);
        return trials.stream().filter(t -> t.benchmark().equals(benchmark) && new TreeMap<>(t.params()).equals(wanted))
                .toList();
    }

    /** How a row's forks were re-measured or set aside, if they were. */
    public Optional<Remeasured> remeasured(String benchmark, Map<String, String> params) {
        Map<String, String> wanted = new TreeMap<>(params);
        return forkAgreement == null ? Optional.empty() : forkAgreement.rows().stream()
                .filter(r -> r.benchmark().equals(benchmark) && r.params().equals(wanted)).findFirst();
    }

    /** The models in report order. */
    public List<String> modelOrder() {
        return models.stream().map(ModelInfo::name).toList();
    }

    public void write(Path file) throws IOException {
        Files.writeString(file, JSON.writeValueAsString(this) + "\n", StandardCharsets.UTF_8);
    }

    /** @throws BadInputException naming the file and what is wrong with it, in one line */
    public static RunRecord read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read (" + e.getClass().getSimpleName() + ")");
        }
        RunRecord record;
        try {
            JsonNode tree = JSON.readTree(text);
            int version = tree.path("schemaVersion").asInt(0);
            if (version == BEFORE_THE_CANARY && tree instanceof ObjectNode object) {
                object.putNull("hostCanary");
                object.path("trials").forEach(trial -> ((ObjectNode) trial).putNull("hostCanaryMillis"));
                version = BEFORE_FORK_AGREEMENT;
            }
            if (version == BEFORE_FORK_AGREEMENT && tree instanceof ObjectNode object) {
                object.putNull("forkAgreement");
                object.path("trials").forEach(trial -> ((ObjectNode) trial).putNull("setAside"));
                version = BEFORE_STOPPED_RUNS;
            }
            if (version == BEFORE_STOPPED_RUNS && tree instanceof ObjectNode object
                    && object.path("options") instanceof ObjectNode options) {
                object.put("schemaVersion", SCHEMA_VERSION);
                options.putArray("notRun");
            } else if (version != SCHEMA_VERSION) {
                throw new BadInputException(file + ": schema version " + version + ", this analysis reads "
                        + BEFORE_THE_CANARY + " to " + SCHEMA_VERSION
                        + " (re-run the suite, or use the analysis of the commit that wrote it)");
            }
            record = JSON.treeToValue(tree, RunRecord.class);
        } catch (JsonProcessingException e) {
            String message = String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("");
            throw new BadInputException(file + ": not a run record: " + message + " at " + path(e));
        }
        return record;
    }

    private static String path(JsonProcessingException e) {
        return e instanceof com.fasterxml.jackson.databind.JsonMappingException m ? m.getPathReference() : "?";
    }
}
