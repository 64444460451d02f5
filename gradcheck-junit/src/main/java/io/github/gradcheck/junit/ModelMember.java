package io.github.gradcheck.junit;

import io.github.gradcheck.DifferentiableFunction;
import io.github.gradcheck.DifferentiableModel;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/** A field or method annotated {@link ModelUnderTest}: where one model comes from. */
final class ModelMember {

    private final String name;
    private final Member member;
    private final Class<?> type;

    private ModelMember(String name, Member member, Class<?> type) {
        this.name = name;
        this.member = member;
        this.type = type;
    }

    /**
     * Every model of {@code testClass}, inherited ones included: fields, then methods, each in
     * JUnit's deterministic member order; for a {@code @Nested} class without models of its own,
     * those of its enclosing class.
     *
     * @throws ExtensionConfigurationException naming the class and member, for a member of the
     *     wrong type, a method with parameters, or two models of the same name
     */
    static List<ModelMember> findAll(Class<?> testClass) {
        List<ModelMember> members = declaredIn(testClass);
        Class<?> enclosing = testClass.getEnclosingClass();
        if (members.isEmpty() && enclosing != null && !Modifier.isStatic(testClass.getModifiers())) {
            return findAll(enclosing);
        }
        return members;
    }

    private static List<ModelMember> declaredIn(Class<?> testClass) {
        List<ModelMember> members = new ArrayList<>();
        for (Field field : AnnotationSupport.findAnnotatedFields(testClass, ModelUnderTest.class)) {
            members.add(of(field, field.getName(), field.getType(), "field"));
        }
        for (Method method : AnnotationSupport.findAnnotatedMethods(testClass, ModelUnderTest.class,
                HierarchyTraversalMode.TOP_DOWN)) {
            if (method.getParameterCount() != 0) {
                throw new ExtensionConfigurationException("@ModelUnderTest method " + describe(method)
                        + " takes parameters; a model factory method must take none");
            }
            members.add(of(method, method.getName() + "()", method.getReturnType(), "method"));
        }
        Map<String, ModelMember> byName = new LinkedHashMap<>();
        for (ModelMember member : members) {
            ModelMember twin = byName.put(member.name, member);
            if (twin != null) {
                throw new ExtensionConfigurationException("two @ModelUnderTest members of " + testClass.getName()
                        + " are named '" + member.name + "': " + twin.description() + " and " + member.description()
                        + "; give one another name with @ModelUnderTest(\"…\")");
            }
        }
        return members;
    }

    private static ModelMember of(Member member, String defaultName, Class<?> type, String kind) {
        ModelUnderTest annotation = AnnotationSupport.findAnnotation((AnnotatedElement) member,
                ModelUnderTest.class).orElseThrow();
        if (!DifferentiableModel.class.isAssignableFrom(type)) {
            String hint = DifferentiableFunction.class.isAssignableFrom(type)
                    ? "; a DifferentiableFunction needs a point: declare a DifferentiableModel and assign function.at(θ)"
                    : "; implement DifferentiableModel (or wrap a DifferentiableFunction with .at(θ))";
            throw new ExtensionConfigurationException("@ModelUnderTest " + kind + " " + describe(member) + " has type "
                    + type.getName() + ", expected a " + DifferentiableModel.class.getName() + hint);
        }
        String name = annotation.value().isBlank() ? defaultName.replace("()", "") : annotation.value();
        return new ModelMember(name, member, type);
    }

    /** The model's name, from {@code @ModelUnderTest("…")} or the member's own name. */
    String name() {
        return name;
    }

    /** The member's declared type, e.g. {@code ThreeLayerNet}. */
    Class<?> type() {
        return type;
    }

    /** The member as a person finds it in the source, e.g. {@code field ThreeLayerNetTest.net}. */
    String description() {
        return (member instanceof Field ? "field " : "method ") + describe(member);
    }

    /**
     * The model, read from the field or made by the method for this invocation.
     *
     * @throws ExtensionConfigurationException if the value is null
     */
    DifferentiableModel get(ExtensionContext context) {
        Object target = Modifier.isStatic(member.getModifiers()) ? null : instanceFor(context);
        Object value;
        if (member instanceof Field field) {
            value = ReflectionSupport.tryToReadFieldValue(field, target).getOrThrow(cause ->
                    new ExtensionConfigurationException("could not read @ModelUnderTest " + description(), cause));
        } else {
            value = ReflectionSupport.invokeMethod((Method) member, target);
        }
        if (value == null) {
            throw new ExtensionConfigurationException("@ModelUnderTest " + description() + " is null"
                    + (member instanceof Field ? "; initialise the field, e.g. in its declaration or a @BeforeEach method"
                            : "; the method must return a model"));
        }
        return (DifferentiableModel) value;
    }

    private Object instanceFor(ExtensionContext context) {
        Class<?> owner = member.getDeclaringClass();
        List<Object> instances = context.getRequiredTestInstances().getAllInstances();
        for (int i = instances.size() - 1; i >= 0; i--) {   // innermost first
            if (owner.isInstance(instances.get(i))) {
                return instances.get(i);
            }
        }
        return context.getRequiredTestInstance();
    }

    private static String describe(Member member) {
        return member.getDeclaringClass().getName() + "." + member.getName() + (member instanceof Method ? "()" : "");
    }
}
