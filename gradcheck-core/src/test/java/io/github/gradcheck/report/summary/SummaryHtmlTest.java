package io.github.gradcheck.report.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The HTML page's content and its heatmaps' shapes, read from the markup. */
class SummaryHtmlTest {

    private static final RunSummary SUMMARY = new RunSummary(List.of(
            CheckRecord.of("TinyNetTest.check", SampleReports.failed()),
            CheckRecord.of("ConvTest.check", SampleReports.passedWithRankThree()),
            CheckRecord.of("TallTest.check", SampleReports.tall())));

    private static final String HTML = SummaryHtml.write(SUMMARY);

    @Test
    void theSummaryTableListsEveryCheckWithItsVerdictAndLinksToItsSection() {
        assertThat(HTML).contains("<title>Gradient checks: 3 gradient checks: 1 passed, 2 failed</title>");
        assertThat(section(HTML, "summary")).contains("href=\"#check-1\"", "href=\"#check-2\"", "href=\"#check-3\"")
                .contains("<span class=\"class\">TinyNetTest.</span><wbr>check")
                .contains("analytic b ≈ 4.00 × numeric</td>");
        assertThat(HTML).contains("id=\"check-1\"", "id=\"check-2\"", "id=\"check-3\"");
    }

    @Test
    void eachCheckHasItsSummaryBlockTableHeatmapsAndOffenders() {
        String tiny = check(1);
        assertThat(tiny).contains("<section class=\"check failed\"", "<details open>", "TinyNet: 2 of 6 elements mismatch",
                "2.000e-01: almost surely a bug", "ε = 1e-7", "<table class=\"blocks\">", "<table class=\"offenders\">",
                "<li>b: analytic b ≈ 4.00 × numeric (an integer factor: a 1/4 forgotten, or a term counted 4 times?)"
                        + " (fit residual 1.0e-09)</li>");
        assertThat(figures(tiny)).containsExactly("W", "b");
        assertThat(check(2)).contains("<section class=\"check passed\"", "<details>");
    }

    @Test
    void heatmapsAreShapedLikeTheirBlocks() {
        assertThat(rects(figure(check(1), "W"))).as("2×2 matrix").isEqualTo(4);
        assertThat(figure(check(1), "W")).contains("width=\"56\" height=\"56\"");
        assertThat(rects(figure(check(1), "b"))).as("vector of 2: one row").isEqualTo(2);
        assertThat(figure(check(1), "b")).contains("width=\"56\" height=\"28\"");
        assertThat(rects(figure(check(2), "K"))).as("2×3×4 flattened to 6×4").isEqualTo(24);
        assertThat(figure(check(2), "K")).contains("width=\"112\" height=\"168\"", "K 2×3×4, drawn 6×4");
        assertThat(rects(figure(check(2), "bias"))).as("scalar").isEqualTo(1);
    }

    @Test
    void aBlockTallerThanTheLimitIsDrawnInTilesOfTheLargestErrorWithTheMismatchOutlined() {
        String tall = figure(check(3), "T");

        assertThat(rects(tall)).as("300×2 in tiles of 4×1: 75×2").isEqualTo(150);
        assertThat(tall).contains("T 300×2, one cell per 4×1 elements (the largest error)");
        assertThat(count(tall, "class=\"mismatch\"")).isEqualTo(1);
        assertThat(tall).contains("<title>T rows 296–299, columns 1–1: worst T[299,1], analytic 1.00000, numeric 0.500000,"
                + " rel. error 0.333</title>");
    }

    @Test
    void cellsAreColouredByRelativeErrorAndNameTheirElement() {
        String b = figure(check(1), "b");

        assertThat(b).contains("fill=\"" + BlockHeatmap.color(0.6) + "\" class=\"mismatch\"><title>b[0]: analytic 2.00000, numeric 0.500000,"
                + " rel. error 0.600</title>");
        assertThat(BlockHeatmap.color(1)).isEqualTo("#7f1d1d");
        assertThat(BlockHeatmap.color(1e-6)).isEqualTo("#fde68a");
        assertThat(BlockHeatmap.color(0)).isEqualTo("#e8f5e9");
        assertThat(BlockHeatmap.color(Double.NaN)).isEqualTo("#9ca3af");
    }

    @Test
    void aSampledCheckSaysWhatItLookedAtAndGreysTheElementsItDidNot() {
        String html = SummaryHtml.write(new RunSummary(List.of(CheckRecord.of("WideTest.check", SampleReports.sampled()))));

        assertThat(section(html, "summary")).contains("<td class=\"n\">3 of 8</td>");
        assertThat(html).contains("<dt>mode</dt><dd>sampled (seed 7): 3 of 8 elements checked one by one; a full check"
                + " costs at least 16 loss evaluations</dd>", "; grey: not checked</span>");
        String w = html.substring(html.indexOf("data-block=\"w\""));
        assertThat(count(w, "fill=\"" + BlockHeatmap.color(Double.NaN) + "\"")).isEqualTo(5);
        assertThat(w).contains("<title>w[1]: analytic 1.00000, not checked</title>",
                "fill=\"" + BlockHeatmap.color(1.0 / 3) + "\" class=\"mismatch\"><title>w[5]");
    }

    @Test
    void thePageIsSelfContainedAndEscapesWhatItQuotes() {
        assertThat(HTML).doesNotContain("<script", "<link", "src=", "url(", "@import");
        assertThat(HTML.replace("xmlns=\"http://www.w3.org/2000/svg\"", "")).doesNotContain("http:", "https:");
        assertThat(check(2)).contains("<li>a warning &lt;with&gt; markup &amp; quotes &quot;</li>");
    }

    @Test
    void aCheckKnownOnlyFromItsReportEntrySaysWhatIsMissing() {
        CheckRecord entryOnly = new CheckRecord("T.check", "net (Net)", "id", "Net", CheckRecord.Verdict.FAILED, 47, 8, 0.285,
                List.of("b1: analytic b1 ≈ 4.00 × numeric"), "b1[1,0]", "", CheckRecord.Outcome.SUCCESSFUL, Optional.empty());

        String html = SummaryHtml.write(new RunSummary(List.of(entryOnly)));

        assertThat(html).contains("Only the report entries of this check reached the summary (difference 2.850e-01)",
                "<li>b1: analytic b1 ≈ 4.00 × numeric</li>").doesNotContain("<svg class=\"heatmap\"");
        // Without the report there is no finding to abbreviate: the table shows the published line as it is.
        assertThat(section(html, "summary")).contains("<td>b1: analytic b1 ≈ 4.00 × numeric</td>");
    }

    @Test
    void aPassedCheckWhoseDifferenceComesFromKinksSaysSoInItsRowFactsAndBlockTable() {
        String html = SummaryHtml.write(new RunSummary(List.of(CheckRecord.of("ReluTest.check", SampleReports.passedAtKinks()))));

        assertThat(section(html, "summary")).contains("<td class=\"n\">6.019e-03</td><td><span class=\"badge passed\">passed</span>"
                + "</td><td>difference from 2 elements at kinks of the loss</td>");
        assertThat(html).contains("<dt>difference</dt><dd>6.019e-03 comes from the 2 elements at kinks of the loss: without them"
                        + " 2.100e-09, great</dd>",
                "<td class=\"n\">6.019e-03</td><td>great without kinks</td>")
                .doesNotContain("almost surely a bug");
    }

    @Test
    void aFailedCheckThatReadsGreatSaysWhyInItsRowFactsAndBlockTable() {
        String html = SummaryHtml.write(new RunSummary(List.of(CheckRecord.of("DilutedTest.check", SampleReports.failedDiluted()),
                CheckRecord.of("SmallTest.check", SampleReports.failedSmall()))));

        assertThat(section(html, "summary")).contains("<td>1 of 6 elements of h is wrong, the rest match: h[2]; difference small only"
                        + " because the other elements outweigh the 1 mismatch</td>",
                "<td>1 of 6 elements of h is wrong, the rest match: h[2]; difference great, but the 1 mismatch is beyond the numeric"
                        + " error</td>");
        assertThat(html).contains("<dd>2.000e-09: great overall only because the 5 other checked elements outweigh the 1 mismatch,"
                        + " which on its own reads 3.333e-01: almost surely a bug</dd>",
                "<dd>1.000e-07: great on the course&#39;s scale, yet the 1 mismatch (3.000e-07 on its own) is beyond 10× the numeric"
                        + " derivative&#39;s estimated error: an error too small for the course&#39;s scale, which the check resolves</dd>",
                "<td>great, yet 1 mismatch</td>");
    }

    static String section(String html, String id) {
        int start = html.indexOf("<section id=\"" + id + "\"");
        return html.substring(start, html.indexOf("</section>", start));
    }

    private static String check(int number) {
        int start = HTML.indexOf("id=\"check-" + number + "\"");
        return HTML.substring(HTML.lastIndexOf("<section", start), HTML.indexOf("</section>", start));
    }

    private static String figure(String check, String block) {
        int start = check.indexOf("<figure class=\"block-heatmap\" data-block=\"" + block + "\"");
        assertThat(start).as("heatmap of block " + block).isNotNegative();
        return check.substring(start, check.indexOf("</figure>", start));
    }

    private static List<String> figures(String check) {
        Matcher matcher = Pattern.compile("data-block=\"([^\"]+)\"").matcher(check);
        return matcher.results().map(result -> result.group(1)).toList();
    }

    private static int rects(String figure) {
        return count(figure, "<rect ");
    }

    static int count(String text, String part) {
        return (int) Pattern.compile(Pattern.quote(part)).matcher(text).results().count();
    }
}
