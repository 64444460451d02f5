package io.github.gradcheck.junit;

import static io.github.gradcheck.junit.GradientCheckTestKit.execute;
import static io.github.gradcheck.junit.GradientCheckTestKit.finishedTestNames;
import static io.github.gradcheck.junit.GradientCheckTestKit.onlyFailure;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.DifferentiableFunction;
import io.github.gradcheck.ParameterLayout;
import io.github.gradcheck.assertj.GradCheckAssertions;
import io.github.gradcheck.report.GradientCheckReport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Which {@link ModelUnderTest} members a {@link GradientCheck} method finds, and what it says when it finds none. */
class ModelDiscoveryTests {

    // ---- where models come from ----

    @Test
    void twoModelsMakeTwoInvocationsNamedAfterThem() {
        EngineExecutionResults results = execute(TwoModelsTestCases.class);

        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
        assertThat(finishedTestNames(results)).containsExactlyInAnyOrder("plain (SmallModel)", "renamed (SmallModel)");
    }

    @Test
    void modelAttributeSelectsOneModel() {
        EngineExecutionResults results = execute(SelectedModelTestCases.class);

        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
        assertThat(finishedTestNames(results)).containsExactly("renamed (SmallModel)");
    }

    @Test
    void unknownModelNameFailsTheContainerNamingClassMethodNameAndTheModelsThereAre() {
        EngineExecutionResults results = execute(UnknownModelTestCases.class);

        results.testEvents().assertStatistics(stats -> stats.started(0));
        Throwable failure = onlyFailure(results.containerEvents());
        assertThat(failure).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("@GradientCheck(model = \"missing\")")
                .hasMessageContaining(UnknownModelTestCases.class.getName() + ".check()")
                .hasMessageMatching("(?s).*its models are \\[(plain, renamed|renamed, plain)\\].*");
    }

    @Test
    void staticFactoryMethodIsAModelCalledOncePerInvocation() {
        StaticFactoryTestCases.calls = 0;

        EngineExecutionResults results = execute(StaticFactoryTestCases.class);

        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
        assertThat(finishedTestNames(results)).containsExactly("linear (SmallModel)", "linear (SmallModel)");
        assertThat(StaticFactoryTestCases.calls).isEqualTo(2);
    }

    @Test
    void instanceFactoryMethodIsCalledOnTheTestInstance() {
        EngineExecutionResults results = execute(InstanceFactoryTestCases.class);

        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
        assertThat(finishedTestNames(results)).containsExactly("prepared (SmallModel)");
    }

    @Test
    void modelInheritedFromASuperclassIsChecked() {
        EngineExecutionResults results = execute(InheritedModelTestCases.class);

        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
        assertThat(finishedTestNames(results)).containsExactlyInAnyOrder("inherited (SmallModel)", "own (SmallModel)");
    }

    @Test
    void nestedClassWithoutModelsUsesThoseOfItsEnclosingClass() {
        EngineExecutionResults results = execute(EnclosingModelTestCases.class);

        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
        assertThat(finishedTestNames(results)).containsExactly("outer (SmallModel)");
    }

    @Test
    void nestedClassWithModelsOfItsOwnUsesOnlyThose() {
        EngineExecutionResults results = execute(NestedWithOwnModelTestCases.class);

        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
        assertThat(finishedTestNames(results)).containsExactly("inner (SmallModel)");
    }

    // ---- misconfiguration ----

    @Test
    void noModelAtAllFailsTheContainer() {
        Throwable failure = onlyFailure(execute(NoModelTestCases.class).containerEvents());

        assertThat(failure).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining(NoModelTestCases.class.getName() + ".check()")
                .hasMessageContaining(NoModelTestCases.class.getName() + " has no @ModelUnderTest field or method");
    }

    @Test
    void fieldOfTheWrongTypeFailsTheContainer() {
        Throwable failure = onlyFailure(execute(StringFieldTestCases.class).containerEvents());

        assertThat(failure).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("@ModelUnderTest field " + StringFieldTestCases.class.getName() + ".model")
                .hasMessageContaining("has type java.lang.String")
                .hasMessageContaining("expected a io.github.gradcheck.DifferentiableModel");
    }

    @Test
    void differentiableFunctionFieldFailsTheContainerWithAHintToUseAt() {
        Throwable failure = onlyFailure(execute(FunctionFieldTestCases.class).containerEvents());

        assertThat(failure).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("@ModelUnderTest field " + FunctionFieldTestCases.class.getName() + ".function")
                .hasMessageContaining("has type io.github.gradcheck.DifferentiableFunction")
                .hasMessageContaining(".at(");
    }

    @Test
    void nullFieldFailsTheInvocationNotTheContainer() {
        EngineExecutionResults results = execute(NullFieldTestCases.class);

        results.containerEvents().assertStatistics(stats -> stats.failed(0));
        results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
        assertThat(finishedTestNames(results)).containsExactly("model (SmallModel)");
        assertThat(onlyFailure(results.testEvents())).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("@ModelUnderTest field " + NullFieldTestCases.class.getName() + ".model is null");
    }

    @Test
    void factoryMethodWithParametersFailsTheContainer() {
        Throwable failure = onlyFailure(execute(FactoryWithParametersTestCases.class).containerEvents());

        assertThat(failure).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("@ModelUnderTest method " + FactoryWithParametersTestCases.class.getName()
                        + ".scaled() takes parameters");
    }

    @Test
    void twoMembersWithTheSameModelNameFailTheContainer() {
        Throwable failure = onlyFailure(execute(DuplicateNameTestCases.class).containerEvents());

        String owner = DuplicateNameTestCases.class.getName();
        assertThat(failure).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("two @ModelUnderTest members of " + owner + " are named 'model'")
                .hasMessageContaining("field " + owner + ".model")
                .hasMessageContaining("field " + owner + ".other");
    }

    // ---- fixtures, run through the engine test kit ----

    static class TwoModelsTestCases {
        @ModelUnderTest
        SmallModel plain = SmallModel.correct();

        @ModelUnderTest("renamed")
        SmallModel buggy = SmallModel.buggy();

        @GradientCheck
        void check(GradientCheckReport report) {
            // each invocation gets its own model's report
            if (report.passed()) {
                GradCheckAssertions.assertThat(report).hasDifferenceBelow(1e-6);
            } else {
                GradCheckAssertions.assertThat(report).hasFailingBlocks("b");
            }
        }
    }

    static class SelectedModelTestCases {
        @ModelUnderTest
        SmallModel plain = SmallModel.correct();

        @ModelUnderTest("renamed")
        SmallModel buggy = SmallModel.buggy();

        @GradientCheck(model = "renamed")
        void check(GradientCheckReport report) {
            GradCheckAssertions.assertThat(report).fails();
        }
    }

    static class UnknownModelTestCases {
        @ModelUnderTest
        SmallModel plain = SmallModel.correct();

        @ModelUnderTest("renamed")
        SmallModel buggy = SmallModel.buggy();

        @GradientCheck(model = "missing")
        void check() {
        }
    }

    static class StaticFactoryTestCases {
        static int calls;

        @ModelUnderTest
        static SmallModel linear() {
            calls++;
            return SmallModel.correct();
        }

        @GradientCheck
        void first() {
        }

        @GradientCheck
        void second() {
        }
    }

    static class InstanceFactoryTestCases {
        SmallModel created;

        @BeforeEach
        void create() {
            created = SmallModel.buggy();
        }

        @ModelUnderTest
        SmallModel prepared() {
            return created;
        }

        @GradientCheck
        void check(GradientCheckReport report) {
            GradCheckAssertions.assertThat(report).fails();
        }
    }

    abstract static class ModelBase {
        @ModelUnderTest
        SmallModel inherited = SmallModel.correct();
    }

    static class InheritedModelTestCases extends ModelBase {
        @ModelUnderTest
        SmallModel own = SmallModel.correct();

        @GradientCheck
        void check() {
        }
    }

    static class EnclosingModelTestCases {
        @ModelUnderTest
        SmallModel outer = SmallModel.buggy();

        @Nested
        class Inner {
            @GradientCheck
            void check(GradientCheckReport report) {
                GradCheckAssertions.assertThat(report).fails();
            }
        }
    }

    static class NestedWithOwnModelTestCases {
        @ModelUnderTest
        SmallModel outer = SmallModel.buggy();

        @Nested
        class Inner {
            @ModelUnderTest
            SmallModel inner = SmallModel.correct();

            @GradientCheck
            void check() {
            }
        }
    }

    static class NoModelTestCases {
        @GradientCheck
        void check() {
        }
    }

    static class StringFieldTestCases {
        @ModelUnderTest
        String model = "not a model";

        @GradientCheck
        void check() {
        }
    }

    static class FunctionFieldTestCases {
        @ModelUnderTest
        DifferentiableFunction function = DifferentiableFunction.of(ParameterLayout.scalar("theta"),
                theta -> theta[0] * theta[0], theta -> new double[] {2 * theta[0]});

        @GradientCheck
        void check() {
        }
    }

    static class NullFieldTestCases {
        @ModelUnderTest
        SmallModel model;

        @GradientCheck
        void check() {
        }
    }

    static class FactoryWithParametersTestCases {
        @ModelUnderTest
        static SmallModel scaled(double factor) {
            return new SmallModel(factor, SmallModel.Fault.NONE);
        }

        @GradientCheck
        void check() {
        }
    }

    static class DuplicateNameTestCases {
        @ModelUnderTest
        SmallModel model = SmallModel.correct();

        @ModelUnderTest("model")
        SmallModel other = SmallModel.correct();

        @GradientCheck
        void check() {
        }
    }
}
