package io.github.gradcheck.internal.report;

import io.github.gradcheck.CheckMode;
import io.github.gradcheck.Precision;
import io.github.gradcheck.Stencil;
import io.github.gradcheck.StepSize;
import io.github.gradcheck.report.BlockSummary;
import io.github.gradcheck.report.BrokenContract;
import io.github.gradcheck.report.CheckSettings;
import io.github.gradcheck.report.CrossBlockDiagnosis;
import io.github.gradcheck.report.Diagnosis;
import io.github.gradcheck.report.ElementVerdict;
import io.github.gradcheck.report.GradientCheckReport;
import io.github.gradcheck.report.JacobianEntry;
import io.github.gradcheck.report.LayerResult;
import io.github.gradcheck.report.Offender;
import io.github.gradcheck.report.SecondOrderResult;
import io.github.gradcheck.report.TaylorTest;
import java.time.Duration;
import java.util.List;

/**
 * The only way to make the report's values: {@link GradientCheckReport}, {@link BlockSummary},
 * {@link Offender}, {@link TaylorTest}, {@link CheckSettings} and (through {@link Diagnoses})
 * {@link Diagnosis}. Their constructors are not public,
 * so that users read a report but cannot build one, and its shape can grow without breaking them;
 * the engine and {@code GradientChecker} live in other packages, so the {@code report} package
 * installs an implementation from {@code GradientCheckReport}'s static initialiser, as
 * {@code ParameterArrays} does for the engine's {@code ParameterAccess}. This package is not
 * exported, and sits beside {@code report} rather than in the engine so that the report does not
 * depend on the engine.
 *
 * <p>Values with many fields are made by builders with one named setter per field; {@code build()}
 * refuses a builder on which a field was not set, naming it (an {@link IllegalStateException} for
 * a number, a {@link NullPointerException} for any other value, as for a null one), so that a
 * field added later cannot be forgotten silently.
 */
public abstract class ReportFactory {

    private static volatile ReportFactory instance;

    /** For the {@code report} package only. */
    protected ReportFactory() {
    }

    /**
     * Installs the implementation; called once, by {@code GradientCheckReport}.
     *
     * @param factory the implementation
     */
    public static void install(ReportFactory factory) {
        if (instance != null) {
            throw new IllegalStateException("ReportFactory is installed by GradientCheckReport, once");
        }
        instance = factory;
    }

    private static ReportFactory get() {
        ReportFactory factory = instance;
        if (factory == null) {
            try {
                Class.forName(GradientCheckReport.class.getName(), true, GradientCheckReport.class.getClassLoader());
            } catch (ClassNotFoundException impossible) {
                throw new AssertionError(impossible);
            }
            factory = instance;
        }
        return factory;
    }

    /**
     * A builder of a report, every field unset (the warnings empty).
     *
     * @return a new builder
     */
    public static ReportBuilder report() {
        return get().newReport();
    }

    /**
     * A builder of a report with every field as in {@code base}: how a layer check adds its
     * findings to the report of the probe it shows.
     *
     * @param base the report to start from
     * @return a new builder
     */
    public static ReportBuilder report(GradientCheckReport base) {
        ReportBuilder builder = report().modelName(base.modelName()).settings(base.settings()).mode(base.mode())
                .loss(base.loss()).noise(base.noise()).noiseEstimated(base.noiseEstimated()).difference(base.difference())
                .differenceOfMatches(base.differenceOfMatches()).differenceOfMismatches(base.differenceOfMismatches())
                .checkedElements(base.checkedElements()).blocks(base.blocks()).worstOffenders(base.worstOffenders())
                .warnings(base.warnings()).crossBlockDiagnoses(base.crossBlockDiagnoses()).gradient(base.gradient())
                .numericGradient(base.numericGradient()).jitteredElements(base.jitteredElements())
                .lossEvaluations(base.lossEvaluations()).gradientEvaluations(base.gradientEvaluations())
                .fullCheckEvaluations(base.fullCheckEvaluations()).duration(base.duration());
        base.layer().ifPresent(builder::layer);
        base.secondOrder().ifPresent(builder::secondOrder);
        return builder;
    }

    /**
     * What a second-order check adds to its report.
     *
     * @param gradientCheck see {@link SecondOrderResult#gradientCheck()}
     * @param compared see {@link SecondOrderResult#compared()}
     * @return the result
     */
    public static SecondOrderResult secondOrderResult(GradientCheckReport gradientCheck, boolean compared) {
        return get().newSecondOrderResult(gradientCheck, compared);
    }

    /**
     * What a layer check found besides its probe's report.
     *
     * @param outputs see {@link LayerResult#outputs()}
     * @param wholeJacobian see {@link LayerResult#wholeJacobian()}
     * @param probes see {@link LayerResult#probes()}
     * @param failedProbes see {@link LayerResult#failedProbes()}
     * @param shownProbe see {@link LayerResult#shownProbe()}
     * @param wrongJacobianEntries see {@link LayerResult#wrongJacobianEntries()}, copied
     * @param brokenContracts see {@link LayerResult#brokenContracts()}, copied
     * @param forwardCalls see {@link LayerResult#forwardCalls()}
     * @param backwardCalls see {@link LayerResult#backwardCalls()}
     * @param probesWithNoiseEstimate see {@link LayerResult#probesWithNoiseEstimate()}
     * @return the result
     */
    public static LayerResult layerResult(int outputs, boolean wholeJacobian, int probes, int failedProbes, int shownProbe,
                                          List<JacobianEntry> wrongJacobianEntries, List<BrokenContract> brokenContracts,
                                          long forwardCalls, long backwardCalls, int probesWithNoiseEstimate) {
        return get().newLayerResult(outputs, wholeJacobian, probes, failedProbes, shownProbe, wrongJacobianEntries,
                brokenContracts, forwardCalls, backwardCalls, probesWithNoiseEstimate);
    }

    /**
     * A wrong Jacobian element.
     *
     * @param output see {@link JacobianEntry#output()}
     * @param element see {@link JacobianEntry#element()}
     * @return the entry
     */
    public static JacobianEntry jacobianEntry(int output, Offender element) {
        return get().newJacobianEntry(output, element);
    }

    /**
     * A broken contract.
     *
     * @param kind see {@link BrokenContract#kind()}
     * @param element see {@link BrokenContract#element()}
     * @param expected see {@link BrokenContract#expected()}
     * @param actual see {@link BrokenContract#actual()}
     * @param a see {@link BrokenContract#a()}
     * @param b see {@link BrokenContract#b()}
     * @return the contract
     */
    public static BrokenContract brokenContract(BrokenContract.Kind kind, String element, double expected, double actual,
                                                double a, double b) {
        return get().newBrokenContract(kind, element, expected, actual, a, b);
    }

    /**
     * A builder of one block's summary, every field unset.
     *
     * @return a new builder
     */
    public static BlockBuilder block() {
        return get().newBlock();
    }

    /**
     * A builder of one ranked element, every field unset.
     *
     * @return a new builder
     */
    public static OffenderBuilder offender() {
        return get().newOffender();
    }

    /**
     * A builder of settings, every field unset.
     *
     * @return a new builder
     */
    public static SettingsBuilder settings() {
        return get().newSettings();
    }

    /**
     * A builder of settings that starts from {@code base}: how a checker derives changed settings.
     *
     * @param base the settings to start from
     * @return a new builder with every field set as in {@code base}
     */
    public static SettingsBuilder settings(CheckSettings base) {
        return get().newSettings()
                .step(base.step()).stencil(base.stencil()).precision(base.precision()).margin(base.margin())
                .threshold(base.threshold()).relativeErrorFloor(base.relativeErrorFloor())
                .nondeterminismTolerance(base.nondeterminismTolerance()).offenders(base.offenders()).seed(base.seed())
                .mode(base.mode()).samplesPerBlock(base.samplesPerBlock()).threads(base.threads())
                .evaluationBudget(base.evaluationBudget()).timeBudget(base.timeBudget())
                .probes(base.probes()).jacobianOutputs(base.jacobianOutputs());
    }

    /**
     * A Taylor test's result; copies the lists.
     *
     * @param steps the steps h, largest first
     * @param remainders r(h) for each step
     * @param order the observed order, or NaN
     * @return the result
     */
    public static TaylorTest taylorTest(List<Double> steps, List<Double> remainders, double order) {
        return get().newTaylorTest(steps, remainders, order);
    }

    /**
     * A Taylor test that was not run: no steps, no remainders, order NaN (see {@link TaylorTest#ran()}).
     *
     * @return the result
     */
    public static TaylorTest taylorTestNotRun() {
        return taylorTest(List.of(), List.of(), Double.NaN);
    }

    /**
     * A diagnosis; {@link Diagnoses} has a factory for each kind, which says what its numbers are.
     *
     * @param kind the pattern
     * @param factor c of analytic ≈ c × numeric, or NaN
     * @param batchSize the model's batch size, or 0
     * @param lambda the L2 term's λ, or NaN
     * @param shift the index shift, or 0
     * @param numericNorm ‖numeric‖ of an all-zero block, or NaN
     * @param wrongElements the wrong elements' positions, or empty
     * @param checkedElements the elements checked of a block not diagnosed, or 0
     * @param analyticColumnMajor for a column-major block, whether the analytic side is the column-major one
     * @param fitResidual how well the pattern explains the block, or NaN
     * @return the diagnosis
     */
    static Diagnosis diagnosis(Diagnosis.Kind kind, double factor, int batchSize, double lambda, int shift,
                               double numericNorm, List<Integer> wrongElements, int checkedElements,
                               boolean analyticColumnMajor, double fitResidual) {
        return get().newDiagnosis(kind, factor, batchSize, lambda, shift, numericNorm, wrongElements, checkedElements,
                analyticColumnMajor, fitResidual);
    }

    /**
     * A finding about several blocks; {@link Diagnoses} has a factory for each kind.
     *
     * @param kind the finding
     * @param blocks the blocks it explains
     * @param factor the common factor, or NaN
     * @param batchSize the model's batch size, or 0
     * @param units the rows or columns that carry an entering error, or empty
     * @param unitsAreColumns whether they are columns
     * @param fitResidual how well it fits
     * @return the finding
     */
    static CrossBlockDiagnosis crossBlockDiagnosis(CrossBlockDiagnosis.Kind kind, List<String> blocks, double factor,
                                                   int batchSize, List<Integer> units, boolean unitsAreColumns,
                                                   double fitResidual) {
        return get().newCrossBlockDiagnosis(kind, blocks, factor, batchSize, units, unitsAreColumns, fitResidual);
    }

    /**
     * A new finding about several blocks.
     *
     * @param kind the finding
     * @param blocks the blocks
     * @param factor the factor, or NaN
     * @param batchSize m, or 0
     * @param units the units, or empty
     * @param unitsAreColumns whether the units are columns
     * @param fitResidual the fit residual
     * @return the finding
     */
    protected abstract CrossBlockDiagnosis newCrossBlockDiagnosis(CrossBlockDiagnosis.Kind kind, List<String> blocks,
                                                                  double factor, int batchSize, List<Integer> units,
                                                                  boolean unitsAreColumns, double fitResidual);

    /**
     * A new diagnosis.
     *
     * @param kind the pattern
     * @param factor c, or NaN
     * @param batchSize m, or 0
     * @param lambda λ, or NaN
     * @param shift the shift, or 0
     * @param numericNorm ‖numeric‖, or NaN
     * @param wrongElements the wrong elements, or empty
     * @param checkedElements the elements checked, or 0
     * @param analyticColumnMajor whether the analytic side is the column-major one, or false
     * @param fitResidual the fit residual, or NaN
     * @return the diagnosis
     */
    protected abstract Diagnosis newDiagnosis(Diagnosis.Kind kind, double factor, int batchSize, double lambda, int shift,
                                              double numericNorm, List<Integer> wrongElements, int checkedElements,
                                              boolean analyticColumnMajor, double fitResidual);

    /**
     * A new report builder.
     *
     * @return the builder
     */
    protected abstract ReportBuilder newReport();

    /**
     * A new block builder.
     *
     * @return the builder
     */
    protected abstract BlockBuilder newBlock();

    /**
     * A layer result, from the package that may construct it.
     *
     * @param outputs the outputs
     * @param wholeJacobian whether the whole Jacobian was checked
     * @param probes the probes
     * @param failedProbes the failed probes
     * @param shownProbe the shown probe
     * @param wrongJacobianEntries the wrong entries
     * @param brokenContracts the broken contracts
     * @param forwardCalls the forward calls
     * @param backwardCalls the backward calls
     * @param probesWithNoiseEstimate the probes whose checks measured the noise
     * @return the result
     */
    protected abstract LayerResult newLayerResult(int outputs, boolean wholeJacobian, int probes, int failedProbes,
                                                  int shownProbe, List<JacobianEntry> wrongJacobianEntries,
                                                  List<BrokenContract> brokenContracts, long forwardCalls,
                                                  long backwardCalls, int probesWithNoiseEstimate);

    /**
     * A second-order result, from the package that may construct it.
     *
     * @param gradientCheck the first-order report
     * @param compared whether the second-order code was compared
     * @return the result
     */
    protected abstract SecondOrderResult newSecondOrderResult(GradientCheckReport gradientCheck, boolean compared);

    /**
     * A Jacobian entry, from the package that may construct it.
     *
     * @param output the output
     * @param element the element
     * @return the entry
     */
    protected abstract JacobianEntry newJacobianEntry(int output, Offender element);

    /**
     * A broken contract, from the package that may construct it.
     *
     * @param kind the kind
     * @param element the element
     * @param expected the expected value
     * @param actual the actual value
     * @param a the coefficient of dy₁
     * @param b the coefficient of dy₂
     * @return the contract
     */
    protected abstract BrokenContract newBrokenContract(BrokenContract.Kind kind, String element, double expected,
                                                        double actual, double a, double b);

    /**
     * A new offender builder.
     *
     * @return the builder
     */
    protected abstract OffenderBuilder newOffender();

    /**
     * A new settings builder.
     *
     * @return the builder
     */
    protected abstract SettingsBuilder newSettings();

    /**
     * A Taylor test's result.
     *
     * @param steps the steps
     * @param remainders the remainders
     * @param order the observed order
     * @return the result
     */
    protected abstract TaylorTest newTaylorTest(List<Double> steps, List<Double> remainders, double order);

    /** Builds a {@link GradientCheckReport}; each setter is documented at the report's accessor of that name. */
    public interface ReportBuilder {
        /**
         * @param modelName see {@link GradientCheckReport#modelName()}
         * @return this builder
         */
        ReportBuilder modelName(String modelName);

        /**
         * @param settings see {@link GradientCheckReport#settings()}
         * @return this builder
         */
        ReportBuilder settings(CheckSettings settings);

        /**
         * @param mode see {@link GradientCheckReport#mode()}
         * @return this builder
         */
        ReportBuilder mode(CheckMode mode);

        /**
         * @param loss see {@link GradientCheckReport#loss()}
         * @return this builder
         */
        ReportBuilder loss(double loss);

        /**
         * @param noise see {@link GradientCheckReport#noise()}
         * @return this builder
         */
        ReportBuilder noise(double noise);

        /**
         * @param noiseEstimated see {@link GradientCheckReport#noiseEstimated()}; true if not set
         * @return this builder
         */
        ReportBuilder noiseEstimated(boolean noiseEstimated);

        /**
         * @param difference see {@link GradientCheckReport#difference()}
         * @return this builder
         */
        ReportBuilder difference(double difference);

        /**
         * @param differenceOfMatches see {@link GradientCheckReport#differenceOfMatches()}
         * @return this builder
         */
        ReportBuilder differenceOfMatches(double differenceOfMatches);

        /**
         * @param differenceOfMismatches see {@link GradientCheckReport#differenceOfMismatches()}
         * @return this builder
         */
        ReportBuilder differenceOfMismatches(double differenceOfMismatches);

        /**
         * @param checkedElements see {@link GradientCheckReport#checkedElements()}
         * @return this builder
         */
        ReportBuilder checkedElements(int checkedElements);

        /**
         * @param blocks see {@link GradientCheckReport#blocks()}, copied
         * @return this builder
         */
        ReportBuilder blocks(List<BlockSummary> blocks);

        /**
         * @param worstOffenders see {@link GradientCheckReport#worstOffenders()}, copied
         * @return this builder
         */
        ReportBuilder worstOffenders(List<Offender> worstOffenders);

        /**
         * @param warnings see {@link GradientCheckReport#warnings()}, copied; empty if not set
         * @return this builder
         */
        ReportBuilder warnings(List<String> warnings);

        /**
         * @param crossBlockDiagnoses see {@link GradientCheckReport#crossBlockDiagnoses()}, copied; empty if not set
         * @return this builder
         */
        ReportBuilder crossBlockDiagnoses(List<CrossBlockDiagnosis> crossBlockDiagnoses);

        /**
         * @param gradient see {@link GradientCheckReport#gradient()}, copied
         * @return this builder
         */
        ReportBuilder gradient(double[] gradient);

        /**
         * @param numericGradient see {@link GradientCheckReport#numericGradient()}, copied
         * @return this builder
         */
        ReportBuilder numericGradient(double[] numericGradient);

        /**
         * Hands both arrays to the report, which keeps them instead of copies (its accessors still
         * copy): a check of a million parameters then holds each once, not twice. The caller must
         * neither keep nor write them afterwards.
         *
         * @param gradient see {@link GradientCheckReport#gradient()}, kept
         * @param numericGradient see {@link GradientCheckReport#numericGradient()}, kept
         * @return this builder
         */
        ReportBuilder handOver(double[] gradient, double[] numericGradient);

        /**
         * Hands the gradient and the numeric gradient at the checked elements only to the report,
         * which keeps them and makes {@link GradientCheckReport#numericGradient()} from them where it
         * is asked for (NaN elsewhere): a partial check of a million parameters then holds no numeric
         * array of a million. The caller must neither keep nor write them afterwards.
         *
         * @param gradient see {@link GradientCheckReport#gradient()}, kept
         * @param checked the checked flat indices, ascending, kept
         * @param numericAtChecked the numeric gradient at {@code checked}, in its order, kept
         * @return this builder
         */
        ReportBuilder handOverChecked(double[] gradient, int[] checked, double[] numericAtChecked);

        /**
         * @param jitteredElements see {@link GradientCheckReport#jitteredElements()}; 0 if not set
         * @return this builder
         */
        ReportBuilder jitteredElements(int jitteredElements);

        /**
         * @param lossEvaluations see {@link GradientCheckReport#lossEvaluations()}
         * @return this builder
         */
        ReportBuilder lossEvaluations(long lossEvaluations);

        /**
         * @param gradientEvaluations see {@link GradientCheckReport#gradientEvaluations()}
         * @return this builder
         */
        ReportBuilder gradientEvaluations(long gradientEvaluations);

        /**
         * @param fullCheckEvaluations see {@link GradientCheckReport#fullCheckEvaluations()}
         * @return this builder
         */
        ReportBuilder fullCheckEvaluations(long fullCheckEvaluations);

        /**
         * @param duration see {@link GradientCheckReport#duration()}
         * @return this builder
         */
        ReportBuilder duration(Duration duration);

        /**
         * @param layer see {@link GradientCheckReport#layer()}; none if not set
         * @return this builder
         */
        ReportBuilder layer(LayerResult layer);

        /**
         * @param secondOrder see {@link GradientCheckReport#secondOrder()}; none if not set
         * @return this builder
         */
        ReportBuilder secondOrder(SecondOrderResult secondOrder);

        /**
         * The report.
         *
         * @return the report
         * @throws IllegalStateException naming a number that was not set
         * @throws NullPointerException naming a value that is null or was not set
         * @throws IllegalArgumentException if the two gradients differ in length
         */
        GradientCheckReport build();
    }

    /** Builds a {@link BlockSummary}; each setter is documented at the summary's accessor of that name. */
    public interface BlockBuilder {
        /**
         * @param name see {@link BlockSummary#name()}
         * @return this builder
         */
        BlockBuilder name(String name);

        /**
         * @param shape see {@link BlockSummary#shape()}, copied
         * @return this builder
         */
        BlockBuilder shape(List<Integer> shape);

        /**
         * @param offset see {@link BlockSummary#offset()}
         * @return this builder
         */
        BlockBuilder offset(int offset);

        /**
         * @param size see {@link BlockSummary#size()}
         * @return this builder
         */
        BlockBuilder size(int size);

        /**
         * @param input see {@link BlockSummary#isInput()}; false unless set
         * @return this builder
         */
        BlockBuilder input(boolean input);

        /**
         * @param difference see {@link BlockSummary#difference()}
         * @return this builder
         */
        BlockBuilder difference(double difference);

        /**
         * @param differenceOfMatches see {@link BlockSummary#differenceOfMatches()}
         * @return this builder
         */
        BlockBuilder differenceOfMatches(double differenceOfMatches);

        /**
         * @param worstRelativeError see {@link BlockSummary#worstRelativeError()}
         * @return this builder
         */
        BlockBuilder worstRelativeError(double worstRelativeError);

        /**
         * @param mismatches see {@link BlockSummary#mismatches()}
         * @return this builder
         */
        BlockBuilder mismatches(int mismatches);

        /**
         * @param kinks see {@link BlockSummary#kinks()}
         * @return this builder
         */
        BlockBuilder kinks(int kinks);

        /**
         * @param unreliable see {@link BlockSummary#unreliable()}
         * @return this builder
         */
        BlockBuilder unreliable(int unreliable);

        /**
         * @param diagnosis see {@link BlockSummary#diagnosis()}
         * @return this builder
         */
        BlockBuilder diagnosis(Diagnosis diagnosis);

        /**
         * @param taylor see {@link BlockSummary#taylor()}
         * @return this builder
         */
        BlockBuilder taylor(TaylorTest taylor);

        /**
         * The block's summary.
         *
         * @return the summary
         * @throws IllegalStateException naming a number that was not set
         * @throws NullPointerException naming a value that is null or was not set
         */
        BlockSummary build();
    }

    /** Builds an {@link Offender}; each setter is documented at the offender's accessor of that name. */
    public interface OffenderBuilder {
        /**
         * @param index see {@link Offender#index()}
         * @return this builder
         */
        OffenderBuilder index(int index);

        /**
         * @param block see {@link Offender#block()}
         * @return this builder
         */
        OffenderBuilder block(String block);

        /**
         * @param position see {@link Offender#position()}, copied
         * @return this builder
         */
        OffenderBuilder position(List<Integer> position);

        /**
         * @param parameter see {@link Offender#parameter()}
         * @return this builder
         */
        OffenderBuilder parameter(String parameter);

        /**
         * @param gradient see {@link Offender#gradient()}
         * @return this builder
         */
        OffenderBuilder gradient(double gradient);

        /**
         * @param numericGradient see {@link Offender#numericGradient()}
         * @return this builder
         */
        OffenderBuilder numericGradient(double numericGradient);

        /**
         * @param absoluteError see {@link Offender#absoluteError()}
         * @return this builder
         */
        OffenderBuilder absoluteError(double absoluteError);

        /**
         * @param relativeError see {@link Offender#relativeError()}
         * @return this builder
         */
        OffenderBuilder relativeError(double relativeError);

        /**
         * @param estimatedError see {@link Offender#estimatedError()}
         * @return this builder
         */
        OffenderBuilder estimatedError(double estimatedError);

        /**
         * @param verdict see {@link Offender#verdict()}
         * @return this builder
         */
        OffenderBuilder verdict(ElementVerdict verdict);

        /**
         * The offender.
         *
         * @return the offender
         * @throws IllegalStateException naming a number that was not set
         * @throws NullPointerException naming a value that is null or was not set
         */
        Offender build();
    }

    /** Builds {@link CheckSettings}; each setter is documented at the settings' accessor of that name. */
    public interface SettingsBuilder {
        /**
         * @param step see {@link CheckSettings#step()}
         * @return this builder
         */
        SettingsBuilder step(StepSize step);

        /**
         * @param stencil see {@link CheckSettings#stencil()}
         * @return this builder
         */
        SettingsBuilder stencil(Stencil stencil);

        /**
         * @param precision see {@link CheckSettings#precision()}
         * @return this builder
         */
        SettingsBuilder precision(Precision precision);

        /**
         * @param margin see {@link CheckSettings#margin()}
         * @return this builder
         */
        SettingsBuilder margin(double margin);

        /**
         * @param threshold see {@link CheckSettings#threshold()}
         * @return this builder
         */
        SettingsBuilder threshold(double threshold);

        /**
         * @param relativeErrorFloor see {@link CheckSettings#relativeErrorFloor()}
         * @return this builder
         */
        SettingsBuilder relativeErrorFloor(double relativeErrorFloor);

        /**
         * @param nondeterminismTolerance see {@link CheckSettings#nondeterminismTolerance()}
         * @return this builder
         */
        SettingsBuilder nondeterminismTolerance(double nondeterminismTolerance);

        /**
         * @param offenders see {@link CheckSettings#offenders()}
         * @return this builder
         */
        SettingsBuilder offenders(int offenders);

        /**
         * @param seed see {@link CheckSettings#seed()}
         * @return this builder
         */
        SettingsBuilder seed(long seed);

        /**
         * @param mode see {@link CheckSettings#mode()}
         * @return this builder
         */
        SettingsBuilder mode(CheckMode mode);

        /**
         * @param samplesPerBlock see {@link CheckSettings#samplesPerBlock()}
         * @return this builder
         */
        SettingsBuilder samplesPerBlock(int samplesPerBlock);

        /**
         * @param threads see {@link CheckSettings#threads()}
         * @return this builder
         */
        SettingsBuilder threads(int threads);

        /**
         * @param evaluationBudget see {@link CheckSettings#evaluationBudget()}
         * @return this builder
         */
        SettingsBuilder evaluationBudget(long evaluationBudget);

        /**
         * @param timeBudget see {@link CheckSettings#timeBudget()}
         * @return this builder
         */
        SettingsBuilder timeBudget(Duration timeBudget);

        /**
         * @param probes see {@link CheckSettings#probes()}; the default if not set
         * @return this builder
         */
        SettingsBuilder probes(int probes);

        /**
         * @param jacobianOutputs see {@link CheckSettings#jacobianOutputs()}; the default if not set
         * @return this builder
         */
        SettingsBuilder jacobianOutputs(int jacobianOutputs);

        /**
         * The settings.
         *
         * @return the settings
         * @throws IllegalStateException naming a number that was not set
         * @throws NullPointerException naming a value that is null or was not set
         * @throws IllegalArgumentException if a number is out of its range, as {@link CheckSettings} says
         */
        CheckSettings build();
    }
}
