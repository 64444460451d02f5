package io.github.gradcheck.report.summary;

import io.github.gradcheck.CheckMode;
import io.github.gradcheck.internal.text.DiagnosisText;
import io.github.gradcheck.internal.text.LayerText;
import io.github.gradcheck.internal.text.SecondOrderText;
import io.github.gradcheck.report.BlockSummary;
import io.github.gradcheck.report.BrokenContract;
import io.github.gradcheck.report.CheckSettings;
import io.github.gradcheck.report.CrossBlockDiagnosis;
import io.github.gradcheck.report.Diagnosis;
import io.github.gradcheck.report.GradientCheckReport;
import io.github.gradcheck.report.JacobianEntry;
import io.github.gradcheck.report.LayerResult;
import io.github.gradcheck.report.Offender;
import io.github.gradcheck.report.SecondOrderResult;
import java.util.List;
import java.util.Locale;

/**
 * Writes a {@link RunSummary} as JSON, for tools: CI annotations, dashboards, a diff between two
 * runs. The shape is stable within a {@value #VERSION}: members may be added, none is renamed or
 * removed without raising it. It is documented in the README ("The end-of-run summary").
 *
 * <p>Numbers are JSON numbers; NaN and ±∞ (a difference that could not be computed, an order the
 * Taylor test could not measure, the numeric value of an element a sampled or random-direction
 * check did not look at) are {@code null}. Enum values are lower case with '-' (e.g.
 * {@code "five-point"}).
 */
public final class SummaryJson {

    /** The value of the top-level {@code "format"} member. */
    public static final String FORMAT = "gradcheck-junit summary";

    /**
     * The version of the shape, the top-level {@code "version"} member. Version 2 gave a block's
     * {@code "diagnosis"} the numbers of its kind by name ({@code "factor"}, {@code "lambda"},
     * {@code "shift"}, …) in place of version 1's single {@code "parameter"}. Version 3 added the
     * report's {@code "crossBlockDiagnoses"}, put their sentences first in a check's {@code "diagnoses"}
     * in place of the lines of the blocks they explain, and added the block diagnosis kinds
     * {@code "column-major"} and {@code "data-term-scaled"}. Within version 3, members were added
     * for layer checks and input blocks: a block's {@code "input"} (true for an input such as
     * {@code x}, checked for dJ/dx), the settings' {@code "probes"} and {@code "jacobianOutputs"},
     * and the report's {@code "layer"} ({@code null} for the check of a model); then the report's
     * {@code "secondOrder"} ({@code null} for a first-order check): {@code "kind"}
     * ({@code "hessian-vector-product"} or {@code "double-backward"}), {@code "compared"} (false when
     * the gradient failed first and the report is the gradient's), {@code "gradientPassed"},
     * {@code "gradientMismatches"}, {@code "gradientDifference"} and the {@code "description"}; in a
     * compared second-order report a wrong entry's {@code "label"} is the Hessian entry,
     * {@code "H[W[0,1], b[1]]"}; then, for a check whose elements all matched with the least noise
     * the loss can have, the report's {@code "noise"} {@code null} (not estimated), a block's
     * {@code "taylor"} member {@code "ran"} (false, with no steps, where the test was not run), and
     * the layer's {@code "probesWithNoiseEstimate"}.
     */
    public static final int VERSION = 3;

    private SummaryJson() {
    }

    /**
     * The JSON text of {@code summary}.
     *
     * @param summary the checks of a run
     * @return a JSON object, indented, ending without a newline
     */
    public static String write(RunSummary summary) {
        JsonWriter json = new JsonWriter().beginObject()
                .name("format").value(FORMAT)
                .name("version").value(VERSION)
                .name("totals").beginObject()
                .name("checks").value(summary.checks().size())
                .name("passed").value(summary.passed())
                .name("failed").value(summary.failed())
                .name("errors").value(summary.errors())
                .endObject()
                .name("checks").beginArray();
        for (CheckRecord check : summary.checks()) {
            check(json, check);
        }
        return json.endArray().endObject().toString();
    }

    private static void check(JsonWriter json, CheckRecord check) {
        json.beginObject()
                .name("test").value(check.test())
                .name("invocation").value(check.invocation())
                .name("uniqueId").value(check.uniqueId())
                .name("outcome").value(lower(check.outcome()))
                .name("model").value(check.model())
                .name("verdict").value(lower(check.verdict()))
                .name("parameters").value(check.parameters())
                .name("mismatches").value(check.mismatches())
                .name("difference").value(check.difference())
                .name("worstOffender").value(check.worstOffender().isEmpty() ? null : check.worstOffender())
                .name("diagnoses").strings(check.diagnoses())
                .name("error").value(check.error().isEmpty() ? null : check.error())
                .name("report");
        if (check.report().isPresent()) {
            report(json, check.report().get());
        } else {
            json.value((String) null);
        }
        json.endObject();
    }

    private static void report(JsonWriter json, GradientCheckReport report) {
        json.beginObject()
                .name("passed").value(report.passed())
                .name("mode").value(lower(report.mode()))
                .name("checkedElements").value(report.checkedElements())
                .name("loss").value(report.loss())
                .name("noise").value(report.noiseEstimated() ? report.noise() : Double.NaN)
                .name("difference").value(report.difference())
                .name("scale").value(report.scale().words())
                .name("settings");
        settings(json, report.settings());
        json.name("blocks").beginArray();
        double[] gradient = report.gradient();
        double[] numeric = report.numericGradient();
        for (BlockSummary block : report.blocks()) {
            block(json, block, report.mode(), gradient, numeric);
        }
        json.endArray().name("crossBlockDiagnoses").beginArray();
        for (CrossBlockDiagnosis finding : report.crossBlockDiagnoses()) {
            crossBlock(json, finding, report);
        }
        json.endArray().name("worstOffenders").beginArray();
        for (Offender offender : report.worstOffenders()) {
            offender(json, offender);
        }
        json.endArray()
                .name("warnings").strings(report.warnings())
                .name("jitteredElements").value(report.jitteredElements())
                .name("lossEvaluations").value(report.lossEvaluations())
                .name("gradientEvaluations").value(report.gradientEvaluations())
                .name("fullCheckEvaluations").value(report.fullCheckEvaluations())
                .name("durationMillis").value(report.duration().toNanos() / 1e6)
                .name("layer");
        if (report.layer().isPresent()) {
            layer(json, report, report.layer().get());
        } else {
            json.value((String) null);
        }
        json.name("secondOrder");
        if (report.secondOrder().isPresent()) {
            secondOrder(json, report, report.secondOrder().get());
        } else {
            json.value((String) null);
        }
        json.endObject();
    }

    /**
     * How a layer was probed, its wrong Jacobian elements worst first (each with the sentence's
     * label {@code "∂y[3]/∂x[2]"}) and its broken contracts, each with its sentence.
     */
    private static void layer(JsonWriter json, GradientCheckReport report, LayerResult layer) {
        json.beginObject()
                .name("outputs").value(layer.outputs())
                .name("wholeJacobian").value(layer.wholeJacobian())
                .name("probes").value(layer.probes())
                .name("failedProbes").value(layer.failedProbes())
                .name("shownProbe").value(layer.shownProbe())
                .name("description").value(LayerText.probes(report, layer))
                .name("forwardCalls").value(layer.forwardCalls())
                .name("backwardCalls").value(layer.backwardCalls())
                .name("probesWithNoiseEstimate").value(layer.probesWithNoiseEstimate())
                .name("wrongJacobianEntries").beginArray();
        for (JacobianEntry entry : LayerText.worstFirst(layer)) {
            Offender element = entry.element();
            json.beginObject()
                    .name("output").value(entry.output())
                    .name("element").value(element.parameter())
                    .name("block").value(element.block())
                    .name("label").value(LayerText.jacobianElement(report, entry))
                    .name("analytic").value(element.gradient())
                    .name("numeric").value(element.numericGradient())
                    .name("absoluteError").value(element.absoluteError())
                    .name("relativeError").value(element.relativeError())
                    .name("estimatedError").value(element.estimatedError())
                    .endObject();
        }
        json.endArray().name("brokenContracts").beginArray();
        for (BrokenContract contract : layer.brokenContracts()) {
            json.beginObject()
                    .name("kind").value(lower(contract.kind()))
                    .name("description").value(LayerText.sentence(report, contract))
                    .name("element").value(contract.element())
                    .name("expected").value(contract.expected())
                    .name("actual").value(contract.actual())
                    .name("a").value(contract.a())
                    .name("b").value(contract.b())
                    .endObject();
        }
        json.endArray().endObject();
    }

    /** What the second-order check compared, and the verdict of the first-order check it rests on. */
    private static void secondOrder(JsonWriter json, GradientCheckReport report, SecondOrderResult result) {
        GradientCheckReport gradient = result.gradientCheck();
        json.beginObject()
                .name("kind").value(gradient.layer().isPresent() ? "double-backward" : "hessian-vector-product")
                .name("compared").value(result.compared())
                .name("gradientPassed").value(gradient.passed())
                .name("gradientMismatches").value(gradient.mismatches())
                .name("gradientDifference").value(gradient.difference())
                .name("description").value(SecondOrderText.line(report))
                .endObject();
    }

    private static void settings(JsonWriter json, CheckSettings settings) {
        json.beginObject()
                .name("step").beginObject()
                .name("kind").value(settings.step().relative() ? "relative" : "fixed")
                .name("value").value(settings.step().value())
                .endObject()
                .name("stencil").value(lower(settings.stencil()))
                .name("precision").value(lower(settings.precision()))
                .name("margin").value(settings.margin())
                .name("threshold").value(settings.threshold())
                .name("relativeErrorFloor").value(settings.relativeErrorFloor())
                .name("nondeterminismTolerance").value(settings.nondeterminismTolerance())
                .name("offenders").value(settings.offenders())
                .name("seed").value(settings.seed())
                .name("mode").value(lower(settings.mode()))
                .name("samplesPerBlock").value(settings.samplesPerBlock())
                .name("probes").value(settings.probes())
                .name("jacobianOutputs").value(settings.jacobianOutputs())
                .name("threads").value(settings.threads())
                .name("evaluationBudget").value(settings.evaluationBudget())
                .name("timeBudgetMillis").value(settings.timeBudget().toMillis())
                .endObject();
    }

    private static void block(JsonWriter json, BlockSummary block, CheckMode mode, double[] gradient, double[] numeric) {
        json.beginObject()
                .name("name").value(block.name())
                .name("shape").integers(block.shape())
                .name("offset").value(block.offset())
                .name("size").value(block.size())
                .name("input").value(block.isInput())
                .name("difference").value(block.difference())
                .name("scale").value(block.scale().words())
                .name("worstRelativeError").value(block.worstRelativeError())
                .name("mismatches").value(block.mismatches())
                .name("kinks").value(block.kinks())
                .name("unreliable").value(block.unreliable())
                .name("diagnosis");
        diagnosis(json, block, mode);
        json.name("taylor").beginObject()
                .name("ran").value(block.taylor().ran())
                .name("order").value(block.taylor().order())
                .name("steps").numbers(toArray(block.taylor().steps()), 0, block.taylor().steps().size())
                .name("remainders").numbers(toArray(block.taylor().remainders()), 0, block.taylor().remainders().size())
                .endObject()
                .name("analytic").numbers(gradient, block.offset(), block.offset() + block.size())
                .name("numeric").numbers(numeric, block.offset(), block.offset() + block.size())
                .endObject();
    }

    /** The kind, the sentence every front end shows, then the numbers of that kind only, then the fit residual. */
    private static void diagnosis(JsonWriter json, BlockSummary block, CheckMode mode) {
        Diagnosis diagnosis = block.diagnosis();
        json.beginObject()
                .name("kind").value(lower(diagnosis.kind()))
                .name("description").value(DiagnosisText.sentence(block, mode));
        switch (diagnosis.kind()) {
            case ZERO -> json.name("numericNorm").value(diagnosis.numericNorm());
            case SIGN_FLIPPED, UNEXPLAINED -> json.name("factor").value(diagnosis.factor());
            case SCALED -> json.name("factor").value(diagnosis.factor()).name("batchSize").value(diagnosis.batchSize());
            case COLUMN_MAJOR -> json.name("columnMajor").value(diagnosis.analyticColumnMajor() ? "analytic" : "numeric");
            case DATA_TERM_SCALED -> json.name("factor").value(diagnosis.factor()).name("lambda").value(diagnosis.lambda())
                    .name("batchSize").value(diagnosis.batchSize());
            case SHIFTED -> json.name("shift").value(diagnosis.shift());
            case REGULARIZATION -> json.name("lambda").value(diagnosis.lambda());
            case FEW_ELEMENTS -> json.name("wrongElements").integers(diagnosis.wrongElements());
            case NOT_DIAGNOSED -> json.name("checkedElements").value(diagnosis.checkedElements());
            case NONE, TRANSPOSED -> {
                // nothing fitted but the residual
            }
        }
        if (diagnosis.kind() != Diagnosis.Kind.NOT_DIAGNOSED && diagnosis.checkedElements() > 0) {
            json.name("checkedElements").value(diagnosis.checkedElements());
        }
        json.name("fitResidual").value(diagnosis.fitResidual()).endObject();
    }

    /** The kind, the sentence, the blocks, then the numbers of that kind only, then the fit residual. */
    private static void crossBlock(JsonWriter json, CrossBlockDiagnosis finding, GradientCheckReport report) {
        json.beginObject()
                .name("kind").value(lower(finding.kind()))
                .name("description").value(DiagnosisText.sentence(finding, report))
                .name("blocks").strings(finding.blocks());
        switch (finding.kind()) {
            case WHOLE_GRADIENT_SCALED, WHOLE_DATA_TERM_SCALED -> json.name("factor").value(finding.factor())
                    .name("batchSize").value(finding.batchSize());
            case ERROR_ENTERS -> json.name("factor").value(finding.factor()).name("units").integers(finding.units())
                    .name("unitsAre").value(finding.unitsAreColumns() ? "columns" : "rows");
            case SWAPPED_BLOCKS -> {
                // the two blocks and the residual say it all
            }
        }
        json.name("fitResidual").value(finding.fitResidual()).endObject();
    }

    private static void offender(JsonWriter json, Offender offender) {
        json.beginObject()
                .name("index").value(offender.index())
                .name("block").value(offender.block())
                .name("position").integers(offender.position())
                .name("parameter").value(offender.parameter())
                .name("analytic").value(offender.gradient())
                .name("numeric").value(offender.numericGradient())
                .name("absoluteError").value(offender.absoluteError())
                .name("relativeError").value(offender.relativeError())
                .name("estimatedError").value(offender.estimatedError())
                .name("verdict").value(lower(offender.verdict()))
                .endObject();
    }

    private static double[] toArray(List<Double> values) {
        double[] array = new double[values.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = values.get(i);
        }
        return array;
    }

    /** {@code FIVE_POINT} → {@code five-point}. */
    static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
