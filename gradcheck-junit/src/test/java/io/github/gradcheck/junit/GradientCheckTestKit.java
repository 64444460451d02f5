package io.github.gradcheck.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/** Runs fixture classes through the Jupiter engine and picks out what a user would see. */
final class GradientCheckTestKit {

    private GradientCheckTestKit() {
    }

    static EngineExecutionResults execute(Class<?> testClass) {
        return execute(testClass, Map.of());
    }

    static EngineExecutionResults execute(Class<?> testClass, Map<String, String> configurationParameters) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(DiscoverySelectors.selectClass(testClass))
                .configurationParameters(configurationParameters)
                .execute();
    }

    /** The throwable of the one failed event among {@code events}; fails if there is not exactly one. */
    static Throwable onlyFailure(Events events) {
        List<Event> failed = events.failed().list();
        assertThat(failed).as("failed events").hasSize(1);
        return failed.get(0).getPayload(TestExecutionResult.class)
                .flatMap(TestExecutionResult::getThrowable)
                .orElseThrow();
    }

    /** The display names of the tests that finished, in order. */
    static List<String> finishedTestNames(EngineExecutionResults results) {
        return results.testEvents().finished().map(event -> event.getTestDescriptor().getDisplayName()).toList();
    }
}
