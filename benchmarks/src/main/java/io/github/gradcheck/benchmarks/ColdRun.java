package io.github.gradcheck.benchmarks;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.gradcheck.benchmarks.cold.CheckedLogisticRegressionTest;
import io.github.gradcheck.benchmarks.cold.PlainLogisticRegressionTest;
import io.github.gradcheck.benchmarks.cold.TemplateLogisticRegressionTest;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * Issue 12's cold run, paired: what a one-test JUnit run with {@code @GradientCheck} costs against a
 * one-test run of a plain {@code @Test} on the same model, each in a fresh JVM.
 *
 * <p>In each round two JVMs start back to back (which goes first alternates), with the same
 * {@code java}, the same class path (this one's) and the same options. Each runs the JUnit
 * Platform launcher on one class, as Surefire would: {@link LauncherFactory#create()}, so that the
 * listeners registered by {@code ServiceLoader} (the end-of-run summary among them) take part, plus
 * a {@link SummaryGeneratingListener} in place of Surefire's reporter. The child's working
 * directory is a fresh temporary directory, so the summary writes its files as under Maven. The
 * round's ratio is the two processes' wall times, start to exit, and, less disturbed by other
 * processes, their CPU times (all threads, to the end of the child's main); the median and
 * quartiles over the rounds are printed, and, per side, where the time went: the JVM's start and exit (wall time less
 * the child's own span), the launcher's set-up and discovery, the test class, and the listeners'
 * end of the run (the summary's files and table; listeners hear the end of a run in the reverse
 * order of registration, so the child's own timing listener hears it before the summary writes).
 *
 * <p>With {@code classes} after the rounds, one more run of each side logs its class loading
 * ({@code -Xlog:class+load}) and counts the classes loaded in each phase by where they come from.
 * With {@code template}, each round also runs the plain test's body as a JUnit test template with
 * one invocation (what {@code @GradientCheck} is built on), which tells JUnit's share of the extra
 * time from gradcheck's.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.github.gradcheck.benchmarks.ColdRun [rounds] [classes] [template]}.
 */
public final class ColdRun {

    private static final String CHILD = "child";
    private static final String MARK = "coldrun-mark ";
    private static final String SPANS = "coldrun-spans ";
    private static final String[] PHASES = {"launcher", "class", "end of run"};

    private ColdRun() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals(CHILD)) {
            child(args[1], args.length > 2);
            return;
        }
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        List<String> options = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
        String checked = CheckedLogisticRegressionTest.class.getName();
        String plain = PlainLogisticRegressionTest.class.getName();
        String template = TemplateLogisticRegressionTest.class.getName();
        System.out.println("Cold one-test runs, " + rounds + " rounds, load average " + loadAverage());
        Run warmUp = run(checked, false);   // fills the page cache with the class path's jars
        run(plain, false);
        if (!warmUp.succeeded) {
            throw new IllegalStateException("the @GradientCheck run failed:\n" + warmUp.output);
        }
        boolean withTemplate = options.contains("template");
        List<Run> checkedRuns = new ArrayList<>();
        List<Run> plainRuns = new ArrayList<>();
        List<Run> templateRuns = new ArrayList<>();
        double[] ratios = new double[rounds];
        double[] cpuRatios = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            Run a;
            Run b;
            if (round % 2 == 0) {
                a = run(checked, false);
                b = run(plain, false);
            } else {
                b = run(plain, false);
                a = run(checked, false);
            }
            checkedRuns.add(a);
            plainRuns.add(b);
            ratios[round] = a.wallMillis / b.wallMillis;
            cpuRatios[round] = a.cpuMillis / b.cpuMillis;
            if (withTemplate) {
                templateRuns.add(run(template, false));
            }
        }
        System.out.println("ratio @GradientCheck / plain @Test, wall time: " + quartiles(ratios, "%.3f")
                + "; CPU time (all threads, to the end of main): " + quartiles(cpuRatios, "%.3f"));
        describe("@GradientCheck", checkedRuns);
        describe("plain @Test    ", plainRuns);
        if (withTemplate) {
            describe("plain test template", templateRuns);
        }
        System.out.println("load average after: " + loadAverage());
        if (options.contains("classes")) {
            System.out.println("classes loaded per phase (-Xlog:class+load), by origin:");
            System.out.println("  @GradientCheck: " + classes(checked));
            System.out.println("  plain @Test:    " + classes(plain));
            if (withTemplate) {
                System.out.println("  plain test template: " + classes(template));
            }
        }
    }

    /** The wall time, the JVM's part and each phase: median [quartiles] in ms over the rounds. */
    private static void describe(String name, List<Run> runs) {
        StringBuilder line = new StringBuilder(name).append(": wall ")
                .append(quartiles(runs.stream().mapToDouble(run -> run.wallMillis).toArray(), "%.0f"));
        line.append(" ms; CPU ").append(quartiles(runs.stream().mapToDouble(run -> run.cpuMillis).toArray(), "%.0f"))
                .append(", of which the main thread ")
                .append(quartiles(runs.stream().mapToDouble(run -> run.mainThreadCpuMillis).toArray(), "%.0f"));
        line.append(" ms; JVM start and exit ").append(quartiles(runs.stream()
                .mapToDouble(run -> run.wallMillis - Arrays.stream(run.spans).sum()).toArray(), "%.0f"));
        for (int phase = 0; phase < PHASES.length; phase++) {
            int p = phase;
            line.append("; ").append(PHASES[phase]).append(' ')
                    .append(quartiles(runs.stream().mapToDouble(run -> run.spans[p]).toArray(), "%.1f"));
        }
        System.out.println(line);
    }

    private record Run(double wallMillis, double cpuMillis, double mainThreadCpuMillis, double[] spans, boolean succeeded,
                       String output) {
    }

    /** One fresh JVM running {@code testClass}, timed from start to exit. */
    private static Run run(String testClass, boolean logClasses) throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory("coldrun");
        Path out = directory.resolve("out.txt");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (logClasses) {
            command.add("-Xlog:class+load=info:stdout:none");
        }
        command.add("-cp");
        command.add(new File(System.getProperty("java.class.path")).getAbsolutePath()
                .replace(File.pathSeparator + File.pathSeparator, File.pathSeparator));
        command.add(ColdRun.class.getName());
        command.add(CHILD);
        command.add(testClass);
        if (logClasses) {
            command.add("marks");
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(out.toFile());
        long start = System.nanoTime();
        Process process = builder.start();
        int exit = process.waitFor();
        double wall = (System.nanoTime() - start) / 1e6;
        String output = Files.readString(out, StandardCharsets.UTF_8);
        double[] spans = new double[PHASES.length];
        double cpu = Double.NaN;
        double mainThreadCpu = Double.NaN;
        for (String line : output.split("\n")) {
            if (line.startsWith(SPANS)) {
                String[] values = line.substring(SPANS.length()).trim().split(" ");
                for (int i = 0; i < spans.length; i++) {
                    spans[i] = Double.parseDouble(values[i]);
                }
                cpu = Double.parseDouble(values[spans.length]);
                mainThreadCpu = Double.parseDouble(values[spans.length + 1]);
            }
        }
        delete(directory);
        return new Run(wall, cpu, mainThreadCpu, spans, exit == 0, output);
    }

    private static void delete(Path directory) throws IOException {
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted((x, y) -> y.compareTo(x)).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Classes loaded in each phase of a run of {@code testClass}, by origin. */
    private static String classes(String testClass) throws IOException, InterruptedException {
        Run run = run(testClass, true);
        Map<String, Map<String, Integer>> phases = new LinkedHashMap<>();
        String phase = "JVM start";
        for (String line : run.output.split("\n")) {
            if (line.startsWith(MARK)) {
                phase = line.substring(MARK.length()).trim();
                continue;
            }
            int space = line.indexOf(' ');
            if (space < 0 || !line.contains("source:")) {
                continue;
            }
            phases.computeIfAbsent(phase, p -> new LinkedHashMap<>()).merge(origin(line.substring(0, space)), 1, Integer::sum);
        }
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, Map<String, Integer>> entry : phases.entrySet()) {
            int total = entry.getValue().values().stream().mapToInt(Integer::intValue).sum();
            text.append("\n    ").append(entry.getKey()).append(": ").append(total).append(' ').append(entry.getValue());
        }
        return text.toString();
    }

    private static String origin(String name) {
        if (name.contains("$$Lambda") || name.contains("LambdaForm$") || name.contains("$$StringConcat")
                || name.contains("0x")) {
            return "hidden (lambdas, concatenation)";
        }
        for (String prefix : new String[] {"io.github.gradcheck.benchmarks", "io.github.gradcheck.junit",
                "io.github.gradcheck.assertj", "io.github.gradcheck", "org.junit.jupiter", "org.junit.platform", "org.assertj",
                "org.opentest4j", "org.apiguardian", "java.util.regex", "java.util.stream", "java.util.Formatter",
                "java.nio", "java.io", "java.lang.invoke", "java.", "jdk.", "sun."}) {
            if (name.startsWith(prefix)) {
                return prefix;
            }
        }
        return "other";
    }

    /**
     * The CPU time so far of this process, every thread's (JIT compilers and collector included), or
     * of the calling thread, in ms, from {@code /proc/self/stat} or {@code /proc/thread-self/stat}
     * (clock ticks of 10 ms); NaN where there is none. Other processes on a shared machine lengthen
     * it far less than the wall time.
     */
    private static double cpuMillis(String stat) {
        // Read with java.io, whose classes every JVM has loaded at start: java.nio's file channels
        // would load classes in a plain run that the @GradientCheck run has loaded for its summary.
        try (FileInputStream in = new FileInputStream(stat)) {
            String line = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10.0;   // utime, stime: fields 14, 15
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String quartiles(double[] values, String format) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return String.format(format + " [" + format + ", " + format + "]", sorted[n / 2], sorted[n / 4], sorted[3 * n / 4]);
    }

    /**
     * The child: one launcher run of {@code testClass}; prints its spans (ms) on its last line, and
     * with {@code marks} a line at the start of each phase, among the class-loading log's lines.
     */
    private static void child(String testClass, boolean marks) throws ClassNotFoundException {
        long start = System.nanoTime();
        PrintStream out = System.out;
        if (marks) {
            out.println(MARK + "launcher and discovery");
        }
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(Class.forName(testClass))).build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        long[] times = new long[2];
        TestExecutionListener timing = new TestExecutionListener() {
            @Override
            public void testPlanExecutionStarted(TestPlan testPlan) {
                times[0] = System.nanoTime();
                if (marks) {
                    out.println(MARK + "test class");
                }
            }

            @Override
            public void testPlanExecutionFinished(TestPlan testPlan) {
                times[1] = System.nanoTime();
                if (marks) {
                    out.println(MARK + "end of run (listeners)");
                }
            }

            @Override
            public void executionFinished(TestIdentifier testIdentifier, TestExecutionResult result) {
                if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                    out.println(testIdentifier.getDisplayName() + ": " + result);
                }
            }
        };
        launcher.execute(request, summary, timing);
        long end = System.nanoTime();
        if (marks) {
            out.println(MARK + "exit");
        }
        out.println(SPANS + (times[0] - start) / 1e6 + " " + (times[1] - times[0]) / 1e6 + " " + (end - times[1]) / 1e6
                + " " + cpuMillis("/proc/self/stat") + " " + cpuMillis("/proc/thread-self/stat"));
        if (summary.getSummary().getTotalFailureCount() > 0 || summary.getSummary().getTestsSucceededCount() != 1) {
            throw new IllegalStateException(testClass + " did not pass");   // a non-zero exit status
        }
    }
}
