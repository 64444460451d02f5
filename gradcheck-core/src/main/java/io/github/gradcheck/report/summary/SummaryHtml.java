package io.github.gradcheck.report.summary;

import static io.github.gradcheck.report.summary.Html.escape;

import io.github.gradcheck.internal.format.Numbers;
import io.github.gradcheck.internal.text.DifferenceText;
import io.github.gradcheck.internal.text.LayerText;
import io.github.gradcheck.internal.text.ReportText;
import io.github.gradcheck.internal.text.SecondOrderText;
import io.github.gradcheck.report.BlockSummary;
import io.github.gradcheck.CheckMode;
import io.github.gradcheck.report.CheckSettings;
import io.github.gradcheck.report.Diagnosis;
import io.github.gradcheck.report.GradientCheckReport;
import io.github.gradcheck.report.JacobianEntry;
import io.github.gradcheck.report.LayerResult;
import io.github.gradcheck.report.Offender;
import io.github.gradcheck.Stencil;
import java.util.List;
import java.util.Locale;

/**
 * Writes a {@link RunSummary} as one self-contained HTML page: inline CSS and SVG, no script,
 * nothing fetched, so that it opens from a CI artifact or a mail attachment as it does from
 * {@code target/}.
 *
 * <p>The page opens with the table of every check (linked to its section), then has one
 * {@code <section class="check">} per check: the verdict and settings, the block table, a heatmap
 * per block ({@link BlockHeatmap}) and the worst offenders; for a layer check, how it was probed,
 * its wrong Jacobian elements, and its broken contracts among the diagnoses. Input blocks are marked {@code input}.
 */
public final class SummaryHtml {

    private SummaryHtml() {
    }

    /**
     * The page of {@code summary}.
     *
     * @param summary the checks of a run
     * @return a complete HTML5 document
     */
    public static String write(RunSummary summary) {
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Gradient checks: ").append(escape(summary.totals())).append("</title>\n")
                .append("<style>").append(CSS).append("</style>\n</head>\n<body>\n")
                .append("<header><h1>Gradient checks</h1><p class=\"totals\">").append(escape(summary.totals()))
                .append("</p></header>\n");
        overview(html, summary);
        for (int i = 0; i < summary.checks().size(); i++) {
            check(html, summary.checks().get(i), i + 1);
        }
        return html.append("</body>\n</html>\n").toString();
    }

    private static void overview(StringBuilder html, RunSummary summary) {
        html.append("<section id=\"summary\">\n<h2>Summary</h2>\n<table class=\"overview\">\n<thead><tr><th>#</th><th>test</th>"
                + "<th>model / state</th><th class=\"n\">parameters</th><th class=\"n\">difference</th><th>verdict</th>"
                + "<th>diagnosis</th></tr></thead>\n<tbody>\n");
        for (int i = 0; i < summary.checks().size(); i++) {
            CheckRecord check = summary.checks().get(i);
            html.append("<tr class=\"").append(SummaryJson.lower(check.verdict())).append("\"><td><a href=\"#check-")
                    .append(i + 1).append("\">").append(i + 1).append("</a></td><td class=\"test\">").append(testCell(check.test()))
                    .append("</td><td>").append(escape(check.invocation())).append("</td><td class=\"n\">")
                    .append(check.verdict() == CheckRecord.Verdict.ERROR ? "" : escape(check.parametersChecked()))
                    .append("</td><td class=\"n\">").append(difference(check.difference())).append("</td><td>")
                    .append(verdictBadge(check)).append("</td><td>")
                    .append(escape(check.verdict() == CheckRecord.Verdict.ERROR ? check.error().lines().findFirst().orElse("")
                            : check.shortFindings()))
                    .append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n</section>\n");
    }

    private static void check(StringBuilder html, CheckRecord check, int number) {
        // Passed checks start folded: a page of a hundred checks opens on the few that need a look.
        html.append("<section class=\"check ").append(SummaryJson.lower(check.verdict())).append("\" id=\"check-")
                .append(number).append("\">\n<details").append(check.verdict() == CheckRecord.Verdict.PASSED ? "" : " open")
                .append("><summary><h2><span class=\"number\">").append(number).append("</span> ")
                .append(escape(check.test())).append(" <span class=\"invocation\">").append(escape(check.invocation()))
                .append("</span></h2></summary>\n<p class=\"verdict\">").append(verdictBadge(check)).append(' ');
        if (check.verdict() == CheckRecord.Verdict.ERROR) {
            html.append("the model could not be checked</p>\n<pre class=\"error\">").append(escape(check.error()))
                    .append("</pre>\n</details>\n</section>\n");
            return;
        }
        html.append(escape(check.model())).append(": ").append(check.mismatches()).append(" of ").append(check.parameters())
                .append(" elements mismatch; test ").append(SummaryJson.lower(check.outcome())).append("</p>\n");
        if (check.report().isEmpty()) {
            html.append("<p class=\"note\">Only the report entries of this check reached the summary (difference ")
                    .append(difference(check.difference())).append("); the block table and heatmaps need the full report,"
                            + " which reaches the summary when the listener runs in the JVM of the tests.</p>\n");
            diagnoses(html, check.diagnoses());
            html.append("</details>\n</section>\n");
            return;
        }
        GradientCheckReport report = check.report().get();
        facts(html, report);
        blocks(html, report);
        diagnoses(html, check.diagnoses());
        if (report.layer().isPresent()) {
            layer(html, report, report.layer().get());
        }
        heatmaps(html, report);
        offenders(html, report);
        if (!report.warnings().isEmpty()) {
            html.append("<h3>Warnings</h3>\n<ul class=\"warnings\">\n");
            for (String warning : report.warnings()) {
                html.append("<li>").append(escape(warning)).append("</li>\n");
            }
            html.append("</ul>\n");
        }
        html.append("</details>\n</section>\n");
    }

    private static void facts(StringBuilder html, GradientCheckReport report) {
        CheckSettings settings = report.settings();
        html.append("<dl class=\"facts\">")
                .append(fact("difference", DifferenceText.reading(report)))
                .append(report.mode() == CheckMode.FULL ? "" : fact("mode", mode(report)))
                .append(fact("step", settings.step().describe()))
                .append(fact("stencil", settings.stencil() == Stencil.CENTERED ? "centered" : "five-point"))
                .append(fact("margin", Numbers.setting(settings.margin()) + "× estimated error"))
                .append(fact("threshold", Numbers.setting(settings.threshold())))
                .append(fact("loss", value(report.loss())))
                .append(fact("loss noise", ReportText.noise(report)))
                .append(report.secondOrder().isPresent() ? fact("second order", SecondOrderText.line(report)) : "")
                .append(report.layer().isPresent() ? fact(LayerText.probesTerm(report), LayerText.probes(report, report.layer().get())) : "")
                .append(fact("cost", cost(report) + ", " + Numbers.millis(report.duration())))
                .append("</dl>\n");
    }

    /** What the check cost in calls of the model or layer. */
    private static String cost(GradientCheckReport report) {
        if (report.layer().isEmpty()) {
            return report.lossEvaluations() + " loss and " + report.gradientEvaluations() + " gradient evaluations";
        }
        LayerResult layer = report.layer().get();
        return SecondOrderText.compared(report).isPresent() ? SecondOrderText.cost(report, layer)
                : layer.forwardCalls() + " forward and " + layer.backwardCalls() + " backward calls";
    }

    /** What a partial check looked at, and how to replay it: {@code sampled (seed 7): 40 of 1000 elements checked one by one}. */
    private static String mode(GradientCheckReport report) {
        return SummaryJson.lower(report.mode()) + " (seed " + report.settings().seed() + "): " + report.checkedElements()
                + " of " + report.parameterCount() + " elements checked one by one; a full check costs at least "
                + report.fullCheckEvaluations() + " loss evaluations";
    }

    private static String fact(String term, String definition) {
        return "<div><dt>" + escape(term) + "</dt><dd>" + escape(definition) + "</dd></div>";
    }

    private static void blocks(StringBuilder html, GradientCheckReport report) {
        html.append("<h3>Blocks</h3>\n<table class=\"blocks\">\n<thead><tr><th>block</th><th>shape</th><th class=\"n\">difference</th>"
                + "<th></th><th class=\"n\">worst rel. error</th><th class=\"n\">mismatch</th><th class=\"n\">kink</th>"
                + "<th class=\"n\">unreliable</th><th class=\"n\">Taylor order</th></tr></thead>\n<tbody>\n");
        for (BlockSummary block : report.blocks()) {
            html.append("<tr class=\"").append(block.passed() ? "passed" : "failed").append("\"><td>")
                    .append(escape(block.name())).append(block.isInput() ? " <span class=\"input\">input</span>" : "")
                    .append("</td><td>").append(escape(block.shapeText()))
                    .append("</td><td class=\"n\">").append(difference(block.difference())).append("</td><td>")
                    .append(escape(DifferenceText.blockWords(block))).append("</td><td class=\"n\">")
                    .append(Numbers.ratio(block.worstRelativeError())).append("</td><td class=\"n\">")
                    .append(block.mismatches()).append('/').append(block.size()).append("</td><td class=\"n\">")
                    .append(block.kinks()).append("</td><td class=\"n\">").append(block.unreliable())
                    .append("</td><td class=\"n\">").append(escape(block.taylor().describe())).append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    private static void diagnoses(StringBuilder html, List<String> diagnoses) {
        if (diagnoses.isEmpty()) {
            return;
        }
        html.append("<h3>Diagnosis</h3>\n<ul class=\"diagnoses\">\n");
        for (String diagnosis : diagnoses) {
            html.append("<li>").append(escape(diagnosis)).append("</li>\n");
        }
        html.append("</ul>\n");
    }

    private static void heatmaps(StringBuilder html, GradientCheckReport report) {
        html.append("<h3>Relative error per element</h3>\n<div class=\"legend\">").append(BlockHeatmap.legend())
                .append("<span>|analytic − numeric| / (|analytic| + |numeric|); outlined: a mismatch among the worst"
                        + " offenders").append(report.mode() == CheckMode.FULL ? "" : "; grey: not checked")
                .append("</span></div>\n<div class=\"heatmaps\">\n");
        for (BlockSummary block : report.blocks()) {
            BlockHeatmap heatmap = new BlockHeatmap(report, block);
            html.append("<figure class=\"block-heatmap\" data-block=\"").append(escape(block.name())).append("\">")
                    .append(heatmap.svg()).append("<figcaption>").append(escape(LayerText.blockName(block))).append(' ')
                    .append(escape(block.shapeText()));
            if (block.shape().size() > 2) {
                html.append(", drawn ").append(heatmap.rows()).append('×').append(heatmap.cols());
            }
            if (heatmap.tileRows() > 1 || heatmap.tileCols() > 1) {
                html.append(", one cell per ").append(heatmap.tileRows()).append('×').append(heatmap.tileCols())
                        .append(" elements (the largest error)");
            }
            if (block.diagnosis().kind() != Diagnosis.Kind.NONE) {
                html.append(" — ").append(escape(block.diagnosis().kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')));
            }
            html.append("</figcaption></figure>\n");
        }
        html.append("</div>\n");
    }

    /** A layer's wrong Jacobian elements (or Hessian entries), worst first; its broken contracts are among the diagnoses. */
    private static void layer(StringBuilder html, GradientCheckReport report, LayerResult layer) {
        List<JacobianEntry> entries = LayerText.worstFirst(layer);
        if (!entries.isEmpty()) {
            String heading = LayerText.entriesHeading(report);
            html.append("<h3>").append(escape(Character.toUpperCase(heading.charAt(0)) + heading.substring(1)))
                    .append("</h3>\n<table class=\"jacobian\">\n<thead><tr><th>#</th><th>element</th>"
                    + "<th class=\"n\">analytic</th><th class=\"n\">numeric</th><th class=\"n\">abs. error</th>"
                    + "<th class=\"n\">est. error</th><th class=\"n\">rel. error</th></tr></thead>\n<tbody>\n");
            for (int i = 0; i < entries.size(); i++) {
                Offender o = entries.get(i).element();
                html.append("<tr class=\"failed\"><td>").append(i + 1).append("</td><td>")
                        .append(escape(LayerText.jacobianElement(report, entries.get(i)))).append("</td><td class=\"n\">")
                        .append(value(o.gradient())).append("</td><td class=\"n\">").append(value(o.numericGradient()))
                        .append("</td><td class=\"n\">").append(value(o.absoluteError())).append("</td><td class=\"n\">")
                        .append(Numbers.magnitude(o.estimatedError())).append("</td><td class=\"n\">")
                        .append(Numbers.ratio(o.relativeError())).append("</td></tr>\n");
            }
            html.append("</tbody>\n</table>\n");
        }
    }

    private static void offenders(StringBuilder html, GradientCheckReport report) {
        if (report.worstOffenders().isEmpty()) {
            return;
        }
        html.append("<h3>Worst offenders</h3>\n<table class=\"offenders\">\n<thead><tr><th>#</th><th class=\"n\">index</th>"
                + "<th>parameter</th><th class=\"n\">analytic</th><th class=\"n\">numeric</th><th class=\"n\">abs. error</th>"
                + "<th class=\"n\">est. error</th><th class=\"n\">rel. error</th><th>verdict</th></tr></thead>\n<tbody>\n");
        List<Offender> offenders = report.worstOffenders();
        for (int i = 0; i < offenders.size(); i++) {
            Offender o = offenders.get(i);
            html.append("<tr class=\"").append(o.failing() ? "failed" : "passed").append("\"><td>").append(i + 1)
                    .append("</td><td class=\"n\">").append(o.index()).append("</td><td>").append(escape(o.parameter()))
                    .append("</td><td class=\"n\">").append(value(o.gradient())).append("</td><td class=\"n\">")
                    .append(value(o.numericGradient())).append("</td><td class=\"n\">").append(value(o.absoluteError()))
                    .append("</td><td class=\"n\">").append(Numbers.magnitude(o.estimatedError()))
                    .append("</td><td class=\"n\">").append(Numbers.ratio(o.relativeError()))
                    .append("</td><td>").append(SummaryJson.lower(o.verdict())).append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    /** {@code Class.method} as the method under its class, in grey: long names wrap where they should. */
    private static String testCell(String test) {
        int dot = test.lastIndexOf('.');
        return dot < 0 ? escape(test) : "<span class=\"class\">" + escape(test.substring(0, dot + 1)) + "</span><wbr>"
                + escape(test.substring(dot + 1));
    }

    private static String verdictBadge(CheckRecord check) {
        return "<span class=\"badge " + SummaryJson.lower(check.verdict()) + "\">" + SummaryJson.lower(check.verdict()) + "</span>";
    }

    private static String difference(double value) {
        return Double.isNaN(value) ? "" : Numbers.difference(value);
    }

    private static String value(double value) {
        return Numbers.value(value);
    }

    private static final String CSS = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#1f2933;margin:0 auto;\
            max-width:1100px;padding:16px 24px 48px;background:#fff}
            h1{font-size:24px;margin:8px 0 0}h2{font-size:18px;margin:0 0 6px}h3{font-size:14px;margin:18px 0 6px;color:#3e4c59}
            .totals{margin:2px 0 16px;color:#52606d}
            table{border-collapse:collapse;margin:4px 0}th,td{padding:3px 10px 3px 0;text-align:left;vertical-align:top;\
            border-bottom:1px solid #e4e7eb}th{font-weight:600;color:#52606d;font-size:12px}
            td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
            section.check{border:1px solid #d9e2ec;border-left:6px solid #3ebd93;border-radius:6px;padding:10px 16px;margin:12px 0}
            section.check.failed{border-left-color:#d64545}section.check.error{border-left-color:#9aa5b1}
            summary{cursor:pointer}summary h2{display:inline}section.check details[open]>summary{margin-bottom:6px}
            .invocation{font-weight:400;color:#52606d}td.test .class{color:#7b8794}.number{color:#9aa5b1}
            .badge{display:inline-block;padding:0 8px;border-radius:10px;font-size:12px;font-weight:600;color:#fff;background:#3ebd93}
            .badge.failed{background:#d64545}.badge.error{background:#7b8794}
            tr.failed td:first-child{box-shadow:inset 3px 0 #d64545;padding-left:7px}
            table.overview{width:100%}table.overview td:last-child{min-width:240px}
            dl.facts{display:flex;flex-wrap:wrap;gap:4px 24px;margin:8px 0}dl.facts dt{font-size:12px;color:#7b8794}dl.facts dd{margin:0}
            .heatmaps{display:flex;flex-wrap:wrap;gap:14px;align-items:flex-start}
            figure.block-heatmap{margin:0}figcaption{font-size:12px;color:#3e4c59;margin-top:2px}
            svg.heatmap rect{stroke:#fff;stroke-width:0.5}svg.heatmap rect.mismatch{stroke:#111;stroke-width:2}
            div.legend{display:flex;align-items:center;gap:12px;font-size:12px;color:#52606d}svg.legend text{font-size:10px;fill:#52606d}
            pre.error{white-space:pre-wrap;background:#f5f7fa;padding:8px}.note{color:#7b8794}
            span.input{font-size:11px;color:#1f5f8b;background:#e3f0fb;border-radius:8px;padding:0 6px}
            """;
}
