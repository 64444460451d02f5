package io.github.gradcheck.junit;

import io.github.gradcheck.GradientChecker;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Turns a {@link GradientCheck} method into one invocation per {@link ModelUnderTest}. Registered
 * by the annotation; not meant to be registered by hand.
 */
final class GradientCheckExtension implements TestTemplateInvocationContextProvider {

    GradientCheckExtension() {
    }

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        // No lambda: each is a class spun at its first call, in a JVM that may run one test class.
        Optional<Method> method = context.getTestMethod();
        return method.isPresent() && AnnotationSupport.isAnnotated(method.get(), GradientCheck.class);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        GradientCheck annotation = AnnotationSupport.findAnnotation(context.getRequiredTestMethod(), GradientCheck.class)
                .orElseThrow();
        GradientChecker checker = CheckConfiguration.checker(annotation, context);
        List<TestTemplateInvocationContext> invocations = new ArrayList<>();
        for (ModelMember model : selected(annotation, context)) {
            if (model.hasStates()) {
                List<String> states = model.stateNames();
                for (int state = 0; state < states.size(); state++) {
                    invocations.add(new ModelInvocation(model, state, states.get(state), checker, annotation.secondOrder()));
                }
            } else {
                invocations.add(new ModelInvocation(model, -1, null, checker, annotation.secondOrder()));
            }
        }
        return invocations.stream();
    }

    private static List<ModelMember> selected(GradientCheck annotation, ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        String where = testClass.getName() + "." + context.getRequiredTestMethod().getName() + "()";
        List<ModelMember> models = ModelMember.findAll(testClass);
        if (models.isEmpty()) {
            throw new ExtensionConfigurationException("@GradientCheck method " + where + " has no model to check: "
                    + testClass.getName() + " has no @ModelUnderTest field or method. Annotate a field, or a method"
                    + " without parameters, whose value is a DifferentiableModel (or a layer at its inputs, layer.at(inputs)).");
        }
        if (annotation.model().isEmpty()) {
            return models;
        }
        List<String> names = new ArrayList<>();
        for (ModelMember model : models) {
            if (model.name().equals(annotation.model())) {
                return List.of(model);
            }
            names.add(model.name());
        }
        throw new ExtensionConfigurationException("@GradientCheck(model = \"" + annotation.model() + "\") on " + where
                + " names no @ModelUnderTest of " + testClass.getName() + "; its models are " + names);
    }
}
