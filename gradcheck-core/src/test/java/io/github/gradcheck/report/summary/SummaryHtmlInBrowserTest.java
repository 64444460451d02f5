package io.github.gradcheck.report.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML page as a person sees it: rendered by headless Chromium from a file, with nothing
 * fetched. Skipped, saying so, only where no Chromium is installed; {@code .ci/run} installs it.
 */
class SummaryHtmlInBrowserTest {

    private static final int WIDTH = 1200;
    private static final int HEIGHT = 2000;
    private static final long TIMEOUT_SECONDS = 120;

    @TempDir
    static Path dir;

    static Path page;
    static String chromium;

    @BeforeAll
    static void writePage() throws IOException {
        chromium = findChromium();
        page = dir.resolve("index.html");
        Files.writeString(page, SummaryHtml.write(new RunSummary(List.of(
                CheckRecord.of("TinyNetTest.check", SampleReports.failed()),
                CheckRecord.of("ConvTest.check", SampleReports.passedWithRankThree()),
                CheckRecord.of("TallTest.check", SampleReports.tall()),
                CheckRecord.of("WideTest.check", SampleReports.sampled())))), StandardCharsets.UTF_8);
    }

    /** Each test, not the class, is skipped, so that the build log counts them as skipped, with the reason. */
    @BeforeEach
    void needsChromium() {
        Assumptions.assumeTrue(chromium != null, "no Chromium found (looked for /usr/bin/chromium, chromium,"
                + " chromium-browser on PATH): install it, e.g. apt-get install chromium, to render the HTML report in a browser");
    }

    @Test
    void theRenderedDomHasTheSummaryEveryCheckAndEveryHeatmap() throws Exception {
        String dom = run("--dump-dom", page.toUri().toString());

        assertThat(dom).contains("<section id=\"summary\">", "<h1>Gradient checks</h1>",
                "id=\"check-1\"", "id=\"check-2\"", "id=\"check-3\"", "id=\"check-4\"",
                "<table class=\"blocks\">", "<table class=\"offenders\">");
        assertThat(SummaryHtmlTest.count(dom, "<figure class=\"block-heatmap\"")).isEqualTo(6);
        assertThat(SummaryHtmlTest.count(dom, "<svg class=\"heatmap\"")).isEqualTo(6);
    }

    @Test
    void theScreenshotShowsThePageWithTheFailedBlocksInRed() throws Exception {
        Path screenshot = dir.resolve("report.png");

        run("--screenshot=" + screenshot, "--window-size=" + WIDTH + "," + HEIGHT, page.toUri().toString());

        assertThat(screenshot).exists();
        assertThat(Files.size(screenshot)).as("PNG bytes").isGreaterThan(20_000);
        BufferedImage image = ImageIO.read(screenshot.toFile());
        assertThat(image).as("a PNG image").isNotNull();
        assertThat(image.getWidth()).isEqualTo(WIDTH);
        assertThat(image.getHeight()).isEqualTo(HEIGHT);
        int failedCell = Integer.parseInt(BlockHeatmap.color(0.6).substring(1), 16);
        int nonWhite = 0;
        int failedCellPixels = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                nonWhite += rgb == 0xffffff ? 0 : 1;
                failedCellPixels += close(rgb, failedCell) ? 1 : 0;
            }
        }
        assertThat(nonWhite).as("pixels that are not background").isGreaterThan(WIDTH * HEIGHT / 4 / 50);
        assertThat(failedCellPixels).as("pixels of the failed block's heatmap cells").isGreaterThan(100);
    }

    private static boolean close(int rgb, int expected) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs(((rgb >> shift) & 0xff) - ((expected >> shift) & 0xff)) > 6) {
                return false;
            }
        }
        return true;
    }

    /** Runs Chromium headless on its own fresh profile, offline, and returns what it printed. */
    private static String run(String... arguments) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(dir, "profile");
        List<String> command = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile));
        command.addAll(List.of(arguments));
        Path out = Files.createTempFile(dir, "chromium", ".out");
        Path err = Files.createTempFile(dir, "chromium", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("Chromium did not finish within " + TIMEOUT_SECONDS + " s: " + command);
        }
        assertThat(process.exitValue()).as("exit code of %s; its stderr:%n%s", command, Files.readString(err)).isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static String findChromium() {
        if (new File("/usr/bin/chromium").canExecute()) {
            return "/usr/bin/chromium";
        }
        String path = System.getenv("PATH");
        for (String name : List.of("chromium", "chromium-browser")) {
            for (String directory : path == null ? new String[0] : path.split(File.pathSeparator)) {
                File candidate = new File(directory, name);
                if (candidate.canExecute()) {
                    return candidate.getPath();
                }
            }
        }
        return null;
    }
}
