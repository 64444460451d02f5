package io.github.gradcheck.junit;

import io.github.gradcheck.report.GradientCheckReport;
import io.github.gradcheck.report.summary.CheckRecord;
import io.github.gradcheck.report.summary.RunSummary;
import io.github.gradcheck.report.summary.SummaryConsole;
import io.github.gradcheck.report.summary.SummaryHtml;
import io.github.gradcheck.report.summary.SummaryJson;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * The end-of-run summary: after a test run in which at least one {@link GradientCheck} ran, prints
 * one table of every check to the console and writes {@code report.json} and {@code index.html}
 * to {@code target/gradcheck}. Silent when no check ran.
 *
 * <p>Registered through {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener},
 * so Maven Surefire, Gradle, IntelliJ, Eclipse and the console launcher pick it up from the
 * classpath without configuration. It learns of checks from the report entries that each
 * invocation publishes ({@link GradCheckReportEntry}), and receives the full report alongside each
 * entry on the publishing thread; see {@code ReportHandOff}. It is thread-safe: with parallel
 * execution, entries arrive on many threads; the summary lists checks in the order of the test
 * plan, so it reads the same however the run was scheduled.
 *
 * <h2>Settings</h2>
 * JUnit configuration parameters, e.g. in {@code junit-platform.properties}:
 * <table>
 *   <caption>Summary settings</caption>
 *   <tr><th>parameter</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@value #ENABLED_PROPERTY_NAME}</td><td>{@code true}</td><td>{@code false} turns the summary off</td></tr>
 *   <tr><td>{@value #DIRECTORY_PROPERTY_NAME}</td><td>{@value #DEFAULT_DIRECTORY}</td><td>where the files go, relative
 *   to the working directory (Maven's and Gradle's: the module)</td></tr>
 * </table>
 */
public final class GradientCheckSummaryListener implements TestExecutionListener {

    /** The configuration parameter {@value}: {@code false} turns the summary off. Default: {@code true}. */
    public static final String ENABLED_PROPERTY_NAME = "gradcheck.report.enabled";
    /**
     * The configuration parameter {@value}: the directory of {@code report.json} and
     * {@code index.html}. Default: {@value #DEFAULT_DIRECTORY}.
     */
    public static final String DIRECTORY_PROPERTY_NAME = "gradcheck.report.dir";
    /** The directory used unless {@value #DIRECTORY_PROPERTY_NAME} is set: Maven's build directory. */
    public static final String DEFAULT_DIRECTORY = "target/gradcheck";
    /** The JSON file's name in the directory. */
    public static final String JSON_FILE = "report.json";
    /** The HTML page's name in the directory. */
    public static final String HTML_FILE = "index.html";

    private final Supplier<PrintStream> console;
    private final Map<String, CheckRecord> checks = new ConcurrentHashMap<>();

    /** The listener as {@link java.util.ServiceLoader} makes it: printing to {@code System.out}. */
    public GradientCheckSummaryListener() {
        this(() -> System.out);
    }

    /** A listener printing to {@code console}, read when the summary is printed. */
    GradientCheckSummaryListener(Supplier<PrintStream> console) {
        this.console = console;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        checks.clear();
    }

    @Override
    public void reportingEntryPublished(TestIdentifier testIdentifier, ReportEntry entry) {
        Map<String, String> values = entry.getKeyValuePairs();
        if (!GradCheckReportEntry.isCheck(values)) {
            return;
        }
        Optional<GradientCheckReport> report = ReportHandOff.current();
        if (report.isPresent() && !report.get().modelName().equals(values.get(GradCheckReportEntry.MODEL))) {
            report = Optional.empty();
        }
        String id = testIdentifier.getUniqueId();
        checks.put(id, GradCheckReportEntry.record(values, testName(testIdentifier), testIdentifier.getDisplayName(), id, report));
    }

    @Override
    public void executionFinished(TestIdentifier testIdentifier, TestExecutionResult result) {
        // Compared, not switched on: a switch on JUnit's enum is compiled to a class of its own
        // (a switch map), loaded and initialised in every run for this one call.
        TestExecutionResult.Status status = result.getStatus();
        CheckRecord.Outcome outcome = status == TestExecutionResult.Status.SUCCESSFUL ? CheckRecord.Outcome.SUCCESSFUL
                : status == TestExecutionResult.Status.FAILED ? CheckRecord.Outcome.FAILED : CheckRecord.Outcome.ABORTED;
        // Read and replaced without a lambda (one class fewer to spin in each run): a test's entry
        // and its end are heard on the thread that ran it, one after the other.
        String id = testIdentifier.getUniqueId();
        CheckRecord check = checks.get(id);
        if (check != null) {
            checks.put(id, check.withOutcome(outcome));
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (checks.isEmpty()) {
            return;
        }
        ConfigurationParameters parameters = testPlan.getConfigurationParameters();
        PrintStream out = console.get();
        if (!enabled(parameters, out)) {
            checks.clear();
            return;
        }
        RunSummary summary = new RunSummary(inPlanOrder(testPlan));
        checks.clear();
        List<String> written = write(summary, directory(parameters, out), out);
        out.println(SummaryConsole.write(summary, written));
    }

    private static boolean enabled(ConfigurationParameters parameters, PrintStream out) {
        Optional<String> value = parameters.get(ENABLED_PROPERTY_NAME);
        if (value.isEmpty()) {
            return true;
        }
        String text = value.get().trim().toLowerCase(Locale.ROOT);
        if (text.equals("true") || text.equals("false")) {
            return text.equals("true");
        }
        out.println("gradcheck: configuration parameter " + ENABLED_PROPERTY_NAME + " = '" + value.get()
                + "' is neither true nor false; writing the summary as by default (set it to false to turn it off)");
        return true;
    }

    private static Path directory(ConfigurationParameters parameters, PrintStream out) {
        Optional<String> value = parameters.get(DIRECTORY_PROPERTY_NAME);
        if (value.isPresent() && !value.get().isBlank()) {
            try {
                return Paths.get(value.get().trim());
            } catch (InvalidPathException e) {
                out.println("gradcheck: configuration parameter " + DIRECTORY_PROPERTY_NAME + " = '" + value.get()
                        + "' is not a path (" + e.getReason() + "); writing to " + DEFAULT_DIRECTORY + " instead");
            }
        }
        return Paths.get(DEFAULT_DIRECTORY);
    }

    /** Writes both files; on failure says what to fix and goes on, for a summary must not fail a run. */
    private static List<String> write(RunSummary summary, Path directory, PrintStream out) {
        Path html = directory.resolve(HTML_FILE).toAbsolutePath();
        Path json = directory.resolve(JSON_FILE).toAbsolutePath();
        try {
            createDirectories(directory);
            writeUtf8(json, SummaryJson.write(summary) + "\n");
            writeUtf8(html, SummaryHtml.write(summary));
            return List.of("report: " + html.toUri(), "json:   " + json);
        } catch (IOException | RuntimeException e) {
            out.println("gradcheck: could not write the summary to " + directory.toAbsolutePath() + " (" + e
                    + "); set the configuration parameter " + DIRECTORY_PROPERTY_NAME + " to a writable directory");
            return List.of();
        }
    }

    /**
     * Creates {@code directory} and its parents with java.io, as {@link #writeUtf8} writes; where that
     * fails, NIO says why (a file in the way, no permission).
     */
    private static void createDirectories(Path directory) throws IOException {
        File file = directory.toFile();
        if (!file.isDirectory() && !file.mkdirs()) {
            Files.createDirectories(directory);
        }
    }

    /**
     * Writes {@code text} to {@code path} in UTF-8 with java.io, whose classes every JVM has loaded by
     * the time tests run: java.nio's {@code Files.writeString} and {@code createDirectories} load its
     * file channels (some 35 classes), about 4 ms more in a short test run that has not used them.
     */
    private static void writeUtf8(Path path, String text) throws IOException {
        try (OutputStream out = new FileOutputStream(path.toFile())) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The checks in the order of the test plan (depth first), whatever order they finished in. */
    private List<CheckRecord> inPlanOrder(TestPlan testPlan) {
        List<CheckRecord> ordered = new ArrayList<>();
        for (TestIdentifier root : testPlan.getRoots()) {
            collect(testPlan, root, ordered);
        }
        if (ordered.size() < checks.size()) {   // identifiers the plan does not know: keep them, last
            checks.values().stream().filter(check -> !ordered.contains(check)).forEach(ordered::add);
        }
        return ordered;
    }

    private void collect(TestPlan testPlan, TestIdentifier identifier, List<CheckRecord> ordered) {
        CheckRecord check = checks.get(identifier.getUniqueId());
        if (check != null) {
            ordered.add(check);
        }
        for (TestIdentifier child : testPlan.getChildren(identifier)) {
            collect(testPlan, child, ordered);
        }
    }

    /** {@code ThreeLayerNetTest.backpropagation}, {@code Outer.Inner.method}: the test method where the check ran. */
    private static String testName(TestIdentifier identifier) {
        Optional<TestSource> source = identifier.getSource();
        if (source.isPresent() && source.get() instanceof MethodSource method) {
            String className = method.getClassName();
            String simple = className.substring(className.lastIndexOf('.') + 1).replace('$', '.');
            return simple + "." + method.getMethodName();
        }
        return identifier.getDisplayName();
    }
}
