package io.github.gradcheck.report;

import io.github.gradcheck.CheckMode;
import io.github.gradcheck.Precision;
import io.github.gradcheck.Stencil;
import io.github.gradcheck.StepSize;
import io.github.gradcheck.internal.report.ReportFactory;
import java.time.Duration;
import java.util.List;

/**
 * The {@link ReportFactory} that {@link GradientCheckReport} installs: builders that hold the
 * fields as they are set, and whose {@code build()} hands them to the package-private
 * constructors. Numbers are boxed so that a field never set is told from one set to 0.
 */
final class ReportAssembly extends ReportFactory {

    @Override
    protected ReportBuilder newReport() {
        return new Report();
    }

    @Override
    protected BlockBuilder newBlock() {
        return new Block();
    }

    @Override
    protected LayerResult newLayerResult(int outputs, boolean wholeJacobian, int probes, int failedProbes, int shownProbe,
                                         List<JacobianEntry> wrongJacobianEntries, List<BrokenContract> brokenContracts,
                                         long forwardCalls, long backwardCalls, int probesWithNoiseEstimate) {
        return new LayerResult(outputs, wholeJacobian, probes, failedProbes, shownProbe, wrongJacobianEntries,
                brokenContracts, forwardCalls, backwardCalls, probesWithNoiseEstimate);
    }

    @Override
    protected SecondOrderResult newSecondOrderResult(GradientCheckReport gradientCheck, boolean compared) {
        return new SecondOrderResult(gradientCheck, compared);
    }

    @Override
    protected JacobianEntry newJacobianEntry(int output, Offender element) {
        return new JacobianEntry(output, element);
    }

    @Override
    protected BrokenContract newBrokenContract(BrokenContract.Kind kind, String element, double expected, double actual,
                                               double a, double b) {
        return new BrokenContract(kind, element, expected, actual, a, b);
    }

    @Override
    protected OffenderBuilder newOffender() {
        return new Element();
    }

    @Override
    protected SettingsBuilder newSettings() {
        return new Settings();
    }

    @Override
    protected Diagnosis newDiagnosis(Diagnosis.Kind kind, double factor, int batchSize, double lambda, int shift,
                                     double numericNorm, List<Integer> wrongElements, int checkedElements,
                                     boolean analyticColumnMajor, double fitResidual) {
        return new Diagnosis(kind, factor, batchSize, lambda, shift, numericNorm, wrongElements, checkedElements,
                analyticColumnMajor, fitResidual);
    }

    @Override
    protected CrossBlockDiagnosis newCrossBlockDiagnosis(CrossBlockDiagnosis.Kind kind, List<String> blocks, double factor,
                                                         int batchSize, List<Integer> units, boolean unitsAreColumns,
                                                         double fitResidual) {
        return new CrossBlockDiagnosis(kind, blocks, factor, batchSize, units, unitsAreColumns, fitResidual);
    }

    @Override
    protected TaylorTest newTaylorTest(List<Double> steps, List<Double> remainders, double order) {
        return new TaylorTest(steps, remainders, order);
    }

    /** The value of a field, or an error that names it if it was never set. */
    static <T> T required(T value, String type, String field) {
        if (value == null) {
            throw new IllegalStateException(type + " needs its " + field + ": the builder's " + field + "(…) was not called");
        }
        return value;
    }

    static final class Report implements ReportBuilder {
        String modelName;
        CheckSettings settings;
        CheckMode mode;
        Double loss;
        Double noise;
        boolean noiseEstimated = true;
        Double difference;
        Double differenceOfMatches;
        Double differenceOfMismatches;
        Integer checkedElements;
        List<BlockSummary> blocks;
        List<Offender> worstOffenders;
        List<String> warnings = List.of();
        List<CrossBlockDiagnosis> crossBlockDiagnoses = List.of();
        double[] gradient;
        double[] numericGradient;
        /** The flat indices of {@link #numericGradient}'s values where it holds the checked elements only; null where it holds all. */
        int[] numericIndices;
        /** Whether the arrays were handed over (kept by the report) rather than given (copied). */
        boolean handedOver;
        int jitteredElements;
        Long lossEvaluations;
        Long gradientEvaluations;
        Long fullCheckEvaluations;
        Duration duration;
        LayerResult layer;
        SecondOrderResult secondOrder;

        @Override
        public ReportBuilder layer(LayerResult layer) {
            this.layer = layer;
            return this;
        }

        @Override
        public ReportBuilder secondOrder(SecondOrderResult secondOrder) {
            this.secondOrder = secondOrder;
            return this;
        }

        @Override
        public ReportBuilder modelName(String modelName) {
            this.modelName = modelName;
            return this;
        }

        @Override
        public ReportBuilder settings(CheckSettings settings) {
            this.settings = settings;
            return this;
        }

        @Override
        public ReportBuilder mode(CheckMode mode) {
            this.mode = mode;
            return this;
        }

        @Override
        public ReportBuilder loss(double loss) {
            this.loss = loss;
            return this;
        }

        @Override
        public ReportBuilder noise(double noise) {
            this.noise = noise;
            return this;
        }

        @Override
        public ReportBuilder noiseEstimated(boolean noiseEstimated) {
            this.noiseEstimated = noiseEstimated;
            return this;
        }

        @Override
        public ReportBuilder difference(double difference) {
            this.difference = difference;
            return this;
        }

        @Override
        public ReportBuilder differenceOfMatches(double differenceOfMatches) {
            this.differenceOfMatches = differenceOfMatches;
            return this;
        }

        @Override
        public ReportBuilder differenceOfMismatches(double differenceOfMismatches) {
            this.differenceOfMismatches = differenceOfMismatches;
            return this;
        }

        @Override
        public ReportBuilder checkedElements(int checkedElements) {
            this.checkedElements = checkedElements;
            return this;
        }

        @Override
        public ReportBuilder blocks(List<BlockSummary> blocks) {
            this.blocks = blocks;
            return this;
        }

        @Override
        public ReportBuilder worstOffenders(List<Offender> worstOffenders) {
            this.worstOffenders = worstOffenders;
            return this;
        }

        @Override
        public ReportBuilder warnings(List<String> warnings) {
            this.warnings = warnings;
            return this;
        }

        @Override
        public ReportBuilder crossBlockDiagnoses(List<CrossBlockDiagnosis> crossBlockDiagnoses) {
            this.crossBlockDiagnoses = crossBlockDiagnoses;
            return this;
        }

        @Override
        public ReportBuilder gradient(double[] gradient) {
            this.gradient = gradient;
            return this;
        }

        @Override
        public ReportBuilder numericGradient(double[] numericGradient) {
            this.numericGradient = numericGradient;
            this.numericIndices = null;
            return this;
        }

        @Override
        public ReportBuilder handOver(double[] gradient, double[] numericGradient) {
            this.gradient = gradient;
            this.numericGradient = numericGradient;
            this.numericIndices = null;
            this.handedOver = true;
            return this;
        }

        @Override
        public ReportBuilder handOverChecked(double[] gradient, int[] checked, double[] numericAtChecked) {
            this.gradient = gradient;
            this.numericGradient = numericAtChecked;
            this.numericIndices = checked;
            this.handedOver = true;
            return this;
        }

        @Override
        public ReportBuilder jitteredElements(int jitteredElements) {
            this.jitteredElements = jitteredElements;
            return this;
        }

        @Override
        public ReportBuilder lossEvaluations(long lossEvaluations) {
            this.lossEvaluations = lossEvaluations;
            return this;
        }

        @Override
        public ReportBuilder gradientEvaluations(long gradientEvaluations) {
            this.gradientEvaluations = gradientEvaluations;
            return this;
        }

        @Override
        public ReportBuilder fullCheckEvaluations(long fullCheckEvaluations) {
            this.fullCheckEvaluations = fullCheckEvaluations;
            return this;
        }

        @Override
        public ReportBuilder duration(Duration duration) {
            this.duration = duration;
            return this;
        }

        @Override
        public GradientCheckReport build() {
            return new GradientCheckReport(this);
        }
    }

    static final class Block implements BlockBuilder {
        String name;
        List<Integer> shape;
        Integer offset;
        Integer size;
        boolean input;
        Double difference;
        Double differenceOfMatches;
        Double worstRelativeError;
        Integer mismatches;
        Integer kinks;
        Integer unreliable;
        Diagnosis diagnosis;
        TaylorTest taylor;

        @Override
        public BlockBuilder name(String name) {
            this.name = name;
            return this;
        }

        @Override
        public BlockBuilder shape(List<Integer> shape) {
            this.shape = shape;
            return this;
        }

        @Override
        public BlockBuilder offset(int offset) {
            this.offset = offset;
            return this;
        }

        @Override
        public BlockBuilder size(int size) {
            this.size = size;
            return this;
        }

        @Override
        public BlockBuilder input(boolean input) {
            this.input = input;
            return this;
        }

        @Override
        public BlockBuilder difference(double difference) {
            this.difference = difference;
            return this;
        }

        @Override
        public BlockBuilder differenceOfMatches(double differenceOfMatches) {
            this.differenceOfMatches = differenceOfMatches;
            return this;
        }

        @Override
        public BlockBuilder worstRelativeError(double worstRelativeError) {
            this.worstRelativeError = worstRelativeError;
            return this;
        }

        @Override
        public BlockBuilder mismatches(int mismatches) {
            this.mismatches = mismatches;
            return this;
        }

        @Override
        public BlockBuilder kinks(int kinks) {
            this.kinks = kinks;
            return this;
        }

        @Override
        public BlockBuilder unreliable(int unreliable) {
            this.unreliable = unreliable;
            return this;
        }

        @Override
        public BlockBuilder diagnosis(Diagnosis diagnosis) {
            this.diagnosis = diagnosis;
            return this;
        }

        @Override
        public BlockBuilder taylor(TaylorTest taylor) {
            this.taylor = taylor;
            return this;
        }

        @Override
        public BlockSummary build() {
            return new BlockSummary(this);
        }
    }

    static final class Element implements OffenderBuilder {
        Integer index;
        String block;
        List<Integer> position;
        String parameter;
        Double gradient;
        Double numericGradient;
        Double absoluteError;
        Double relativeError;
        Double estimatedError;
        ElementVerdict verdict;

        @Override
        public OffenderBuilder index(int index) {
            this.index = index;
            return this;
        }

        @Override
        public OffenderBuilder block(String block) {
            this.block = block;
            return this;
        }

        @Override
        public OffenderBuilder position(List<Integer> position) {
            this.position = position;
            return this;
        }

        @Override
        public OffenderBuilder parameter(String parameter) {
            this.parameter = parameter;
            return this;
        }

        @Override
        public OffenderBuilder gradient(double gradient) {
            this.gradient = gradient;
            return this;
        }

        @Override
        public OffenderBuilder numericGradient(double numericGradient) {
            this.numericGradient = numericGradient;
            return this;
        }

        @Override
        public OffenderBuilder absoluteError(double absoluteError) {
            this.absoluteError = absoluteError;
            return this;
        }

        @Override
        public OffenderBuilder relativeError(double relativeError) {
            this.relativeError = relativeError;
            return this;
        }

        @Override
        public OffenderBuilder estimatedError(double estimatedError) {
            this.estimatedError = estimatedError;
            return this;
        }

        @Override
        public OffenderBuilder verdict(ElementVerdict verdict) {
            this.verdict = verdict;
            return this;
        }

        @Override
        public Offender build() {
            return new Offender(this);
        }
    }

    static final class Settings implements SettingsBuilder {
        StepSize step;
        Stencil stencil;
        Precision precision;
        Double margin;
        Double threshold;
        Double relativeErrorFloor;
        Double nondeterminismTolerance;
        Integer offenders;
        Long seed;
        CheckMode mode;
        Integer samplesPerBlock;
        Integer threads;
        Long evaluationBudget;
        Duration timeBudget;
        Integer probes;
        Integer jacobianOutputs;

        @Override
        public SettingsBuilder step(StepSize step) {
            this.step = step;
            return this;
        }

        @Override
        public SettingsBuilder stencil(Stencil stencil) {
            this.stencil = stencil;
            return this;
        }

        @Override
        public SettingsBuilder precision(Precision precision) {
            this.precision = precision;
            return this;
        }

        @Override
        public SettingsBuilder margin(double margin) {
            this.margin = margin;
            return this;
        }

        @Override
        public SettingsBuilder threshold(double threshold) {
            this.threshold = threshold;
            return this;
        }

        @Override
        public SettingsBuilder relativeErrorFloor(double relativeErrorFloor) {
            this.relativeErrorFloor = relativeErrorFloor;
            return this;
        }

        @Override
        public SettingsBuilder nondeterminismTolerance(double nondeterminismTolerance) {
            this.nondeterminismTolerance = nondeterminismTolerance;
            return this;
        }

        @Override
        public SettingsBuilder offenders(int offenders) {
            this.offenders = offenders;
            return this;
        }

        @Override
        public SettingsBuilder seed(long seed) {
            this.seed = seed;
            return this;
        }

        @Override
        public SettingsBuilder mode(CheckMode mode) {
            this.mode = mode;
            return this;
        }

        @Override
        public SettingsBuilder samplesPerBlock(int samplesPerBlock) {
            this.samplesPerBlock = samplesPerBlock;
            return this;
        }

        @Override
        public SettingsBuilder threads(int threads) {
            this.threads = threads;
            return this;
        }

        @Override
        public SettingsBuilder evaluationBudget(long evaluationBudget) {
            this.evaluationBudget = evaluationBudget;
            return this;
        }

        @Override
        public SettingsBuilder timeBudget(Duration timeBudget) {
            this.timeBudget = timeBudget;
            return this;
        }

        @Override
        public SettingsBuilder probes(int probes) {
            this.probes = probes;
            return this;
        }

        @Override
        public SettingsBuilder jacobianOutputs(int jacobianOutputs) {
            this.jacobianOutputs = jacobianOutputs;
            return this;
        }

        @Override
        public CheckSettings build() {
            return new CheckSettings(this);
        }
    }
}
