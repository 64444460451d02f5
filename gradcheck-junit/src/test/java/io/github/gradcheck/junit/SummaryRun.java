package io.github.gradcheck.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs fixture classes through a launcher of their own, as Maven or an IDE would, with the summary
 * listener writing into a given directory and printing into a buffer.
 *
 * @param console what the listener printed
 * @param tests the run's statistics
 */
record SummaryRun(String console, TestExecutionSummary tests) {

    static SummaryRun run(Path directory, Map<String, String> parameters, Class<?>... testClasses) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream console = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        SummaryGeneratingListener statistics = new SummaryGeneratingListener();
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false)
                .addTestExecutionListeners(new GradientCheckSummaryListener(() -> console), statistics)
                .build());
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(Arrays.stream(testClasses).map(c -> selectClass(c)).toArray(ClassSelector[]::new))
                .configurationParameter(GradientCheckSummaryListener.DIRECTORY_PROPERTY_NAME, directory.toString())
                .configurationParameters(parameters)
                .build();
        launcher.execute(request);
        return new SummaryRun(buffer.toString(StandardCharsets.UTF_8), statistics.getSummary());
    }
}
