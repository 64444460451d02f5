package io.github.gradcheck.benchmarks;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.benchmarks.cold.PlainLogisticRegressionTest;
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
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Where the time of {@code ColdRun}'s extra goes, piece by piece: in each of several fresh JVMs,
 * after a launcher run of the plain test (so that JUnit, AssertJ and the JDK's common classes are
 * loaded, as they are when a check runs), the thread CPU time of each piece a {@code @GradientCheck}
 * run adds, once each, in the order the run does them: JUnit's report-entry timestamp, the default
 * checker, the check of logistic regression (N = 21), the summary's record of it, the JSON, the
 * HTML page, the console table and the two files. Median [quartiles] over the JVMs, in ms.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.github.gradcheck.benchmarks.ColdPieces [jvms]}.
 */
public final class ColdPieces {

    private static final String[] PIECES = {"report-entry timestamp (JUnit's java.time)", "default checker", "check",
        "summary record", "JSON", "HTML page", "console table", "files"};

    private ColdPieces() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("child")) {
            child(Path.of(args[1]));
            return;
        }
        int jvms = args.length > 0 ? Integer.parseInt(args[0]) : 11;
        double[][] times = new double[PIECES.length][jvms];
        for (int j = 0; j < jvms; j++) {
            Path directory = Files.createTempDirectory("coldpieces");
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), ColdPieces.class.getName(), "child", directory.toString())
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("the child failed:\n" + output);
            }
            String[] values = output.lines().reduce((first, second) -> second).orElseThrow().trim().split(" ");
            for (int p = 0; p < PIECES.length; p++) {
                times[p][j] = Double.parseDouble(values[p]);
            }
            try (var paths = Files.walk(directory)) {
                for (Path path : paths.sorted((x, y) -> y.compareTo(x)).toList()) {
                    Files.delete(path);
                }
            }
        }
        System.out.println("thread CPU ms, median [quartiles] over " + jvms + " fresh JVMs, load average "
                + Files.readString(Path.of("/proc/loadavg")).trim());
        double total = 0;
        for (int p = 0; p < PIECES.length; p++) {
            double[] sorted = times[p].clone();
            Arrays.sort(sorted);
            total += sorted[jvms / 2];
            System.out.printf("  %-42s %6.1f [%.1f, %.1f]%n", PIECES[p], sorted[jvms / 2], sorted[jvms / 4], sorted[3 * jvms / 4]);
        }
        System.out.printf("  %-42s %6.1f%n", "sum of the medians", total);
    }

    private static void child(Path directory) throws IOException, ClassNotFoundException {
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(Class.forName(PlainLogisticRegressionTest.class.getName()))).build());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<Long> marks = new ArrayList<>();
        marks.add(threads.getCurrentThreadCpuTime());
        LocalDateTime.now();
        marks.add(threads.getCurrentThreadCpuTime());
        LogisticRegression regression = new LogisticRegression(20, 50, 1);
        double[] theta = regression.initialPoint(2);
        GradientChecker checker = GradientChecker.defaults();
        marks.add(threads.getCurrentThreadCpuTime());
        GradientCheckReport report = checker.check(regression.at(theta));
        marks.add(threads.getCurrentThreadCpuTime());
        RunSummary summary = new RunSummary(List.of(CheckRecord.of("ColdPieces.check", report)));
        marks.add(threads.getCurrentThreadCpuTime());
        String json = SummaryJson.write(summary);
        marks.add(threads.getCurrentThreadCpuTime());
        String html = SummaryHtml.write(summary);
        marks.add(threads.getCurrentThreadCpuTime());
        String console = SummaryConsole.write(summary, List.of("report: " + directory.resolve("index.html").toUri()));
        marks.add(threads.getCurrentThreadCpuTime());
        // As the summary listener writes them: with java.io, not NIO's file channels.
        File target = directory.resolve("target/gradcheck").toFile();
        target.mkdirs();
        try (OutputStream out = new FileOutputStream(new File(target, "report.json"))) {
            out.write((json + "\n").getBytes(StandardCharsets.UTF_8));
        }
        try (OutputStream out = new FileOutputStream(new File(target, "index.html"))) {
            out.write(html.getBytes(StandardCharsets.UTF_8));
        }
        marks.add(threads.getCurrentThreadCpuTime());
        StringBuilder line = new StringBuilder(console.length() > 0 ? "" : "empty console ");
        for (int i = 1; i < marks.size(); i++) {
            line.append((marks.get(i) - marks.get(i - 1)) / 1e6).append(' ');
        }
        System.out.println(line.toString().trim());
    }
}
