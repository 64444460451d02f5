package io.github.gradcheck.junit;

import io.github.gradcheck.DifferentiableModel;
import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.LayerAtInputs;
import io.github.gradcheck.ModelStates;
import io.github.gradcheck.TwiceDifferentiableLayer;
import io.github.gradcheck.TwiceDifferentiableModel;
import io.github.gradcheck.report.GradientCheckReport;
import io.github.gradcheck.internal.text.ReportText;
import io.github.gradcheck.internal.text.ValueComparison;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.opentest4j.AssertionFailedError;

/**
 * One invocation of a {@link GradientCheck} method for one model: checks the model just before
 * the method runs, hands the report to a {@link GradientCheckReport} parameter (and the checked
 * model to a parameter of its type), and fails the invocation after the method ran if the method
 * takes no report and the check failed.
 */
final class ModelInvocation implements TestTemplateInvocationContext, BeforeTestExecutionCallback,
        ParameterResolver, AfterTestExecutionCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ModelInvocation.class);
    private static final String REPORT = "report";
    private static final String MODEL = "model";

    private final ModelMember model;
    private final int state;
    private final String stateName;
    private final GradientChecker checker;
    private final boolean secondOrder;

    /**
     * The invocation for {@code model}, in state number {@code state} of its ModelStates, or -1 for a
     * plain model; {@code secondOrder} checks its Hessian-vector product (or double backward) too.
     */
    ModelInvocation(ModelMember model, int state, String stateName, GradientChecker checker, boolean secondOrder) {
        this.model = model;
        this.state = state;
        this.stateName = stateName;
        this.checker = checker;
        this.secondOrder = secondOrder;
    }

    @Override
    public String getDisplayName(int invocationIndex) {
        return model.name() + (stateName == null ? "" : " @ " + stateName) + " (" + model.type().getSimpleName() + ")";
    }

    @Override
    public List<Extension> getAdditionalExtensions() {
        return List.of(this);
    }

    /**
     * Runs the check before parameters are resolved, so that a model that cannot be checked fails
     * the invocation with its own exception rather than as a parameter-resolution error.
     */
    @Override
    public void beforeTestExecution(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        GradientCheckReport report;
        try {
            if (state < 0) {
                Object checked = model.get(context);
                store.put(MODEL, checked);
                report = secondOrder ? checkSecondOrder(checked, context)
                        : checked instanceof LayerAtInputs layer ? checker.check(layer) : checker.check((DifferentiableModel) checked);
            } else {
                report = checkState(model.states(), store, context);
            }
        } catch (RuntimeException e) {
            context.publishReportEntry(GradCheckReportEntry.error(modelName(), e));
            throw e;
        }
        store.put(REPORT, report);
        ReportHandOff.publish(context, report);
    }

    /** The model's name as a report would give it, for a model that could not be checked. */
    private String modelName() {
        return model.type().getSimpleName() + (stateName == null ? "" : " @ " + stateName);
    }

    private <M extends DifferentiableModel> GradientCheckReport checkState(ModelStates<M> states, ExtensionContext.Store store,
                                                                           ExtensionContext context) {
        ModelStates.State<M> checked = states.get(state);
        store.put(MODEL, checked.model());
        // A second-order report is named after the model; the invocation's display name carries the state.
        return secondOrder ? checkSecondOrder(checked.model(), context) : checker.check(checked.named());
    }

    /** The second-order check of {@code checked}, or a refusal that names what it is and what it would need to be. */
    private GradientCheckReport checkSecondOrder(Object checked, ExtensionContext context) {
        if (checked instanceof TwiceDifferentiableModel twice) {
            return checker.checkSecondOrder(twice);
        }
        if (checked instanceof LayerAtInputs at && at.layer() instanceof TwiceDifferentiableLayer layer) {
            return checker.checkSecondOrder(layer, at.inputs());
        }
        String where = context.getRequiredTestClass().getName() + "." + context.getRequiredTestMethod().getName() + "()";
        String what = checked instanceof LayerAtInputs at
                ? "a LayerAtInputs whose layer, " + at.layer().getClass().getName() + ", is not a TwiceDifferentiableLayer"
                        + " (implement doubleBackward(inputs, dy, v) to have its second order checked)"
                : "a " + checked.getClass().getName() + ", which is not a TwiceDifferentiableModel (implement"
                        + " hessianVectorProduct(v) to have its second order checked)";
        throw new ExtensionConfigurationException("@GradientCheck(secondOrder = true) on " + where + " checks the"
                + " Hessian-vector product of a TwiceDifferentiableModel or the double backward of a TwiceDifferentiableLayer,"
                + " but @ModelUnderTest '" + model.name() + "' is " + what + "; remove secondOrder = true to check its gradient only");
    }

    /** A {@link GradientCheckReport}, or the checked model if the parameter's type is the model's declared type. */
    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == GradientCheckReport.class || type == model.type();
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        Object value = parameterContext.getParameter().getType() == GradientCheckReport.class
                ? store.get(REPORT, GradientCheckReport.class)
                : store.get(MODEL);
        if (value == null) {
            throw new ParameterResolutionException("parameter " + parameterContext.getParameter().getName() + " of "
                    + parameterContext.getDeclaringExecutable().getName() + "() cannot be resolved yet: the gradient"
                    + " check of model '" + model.name() + "' runs just before the @GradientCheck method, so its report and"
                    + " model can be injected there and in @AfterEach methods, not in @BeforeEach methods");
        }
        return value;
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        GradientCheckReport report = report(context);
        boolean takesReport = false;
        for (Class<?> type : context.getRequiredTestMethod().getParameterTypes()) {
            takesReport |= type == GradientCheckReport.class;
        }
        if (report != null && !takesReport && !report.passed() && context.getExecutionException().isEmpty()) {
            // Expected and actual: the worst block's numeric and analytic values, for the IDE's diff viewer; a layer
            // whose elements all match but whose backward pass breaks a contract has no values to compare.
            Optional<ValueComparison> values = ValueComparison.of(report);
            if (values.isEmpty()) {
                throw new AssertionFailedError(ReportText.failureMessage(report));
            }
            throw new AssertionFailedError(ReportText.failureMessage(report), values.get().expected(), values.get().actual());
        }
    }

    private static GradientCheckReport report(ExtensionContext context) {
        return context.getStore(NAMESPACE).get(REPORT, GradientCheckReport.class);
    }
}
