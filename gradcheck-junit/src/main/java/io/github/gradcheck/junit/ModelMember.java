package io.github.gradcheck.junit;

import io.github.gradcheck.DifferentiableFunction;
import io.github.gradcheck.DifferentiableLayer;
import io.github.gradcheck.DifferentiableModel;
import io.github.gradcheck.LayerAtInputs;
import io.github.gradcheck.ModelStates;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
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
    private final boolean states;

    private ModelMember(String name, Member member, Class<?> type, boolean states) {
        this.name = name;
        this.member = member;
        this.type = type;
        this.states = states;
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
            members.add(of(field, field.getName(), field.getType(), field.getGenericType(), "field"));
        }
        for (Method method : AnnotationSupport.findAnnotatedMethods(testClass, ModelUnderTest.class,
                HierarchyTraversalMode.TOP_DOWN)) {
            if (method.getParameterCount() != 0) {
                throw new ExtensionConfigurationException("@ModelUnderTest method " + describe(method)
                        + " takes parameters; a model factory method must take none");
            }
            members.add(of(method, method.getName() + "()", method.getReturnType(), method.getGenericReturnType(), "method"));
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

    private static ModelMember of(Member member, String defaultName, Class<?> type, Type genericType, String kind) {
        ModelUnderTest annotation = AnnotationSupport.findAnnotation((AnnotatedElement) member,
                ModelUnderTest.class).orElseThrow();
        String name = annotation.value().isBlank() ? defaultName.replace("()", "") : annotation.value();
        if (ModelStates.class.isAssignableFrom(type)) {
            if (!Modifier.isStatic(member.getModifiers())) {
                throw new ExtensionConfigurationException("@ModelUnderTest " + kind + " " + describe(member)
                        + " gives ModelStates and must be static: its states become separate invocations, which are"
                        + " listed before any test instance exists");
            }
            return new ModelMember(name, member, stateType(genericType), true);
        }
        if (!DifferentiableModel.class.isAssignableFrom(type) && type != LayerAtInputs.class) {
            String hint = DifferentiableFunction.class.isAssignableFrom(type)
                    ? "; a DifferentiableFunction needs a point: declare a DifferentiableModel and assign function.at(θ)"
                    : DifferentiableLayer.class.isAssignableFrom(type)
                    ? "; a DifferentiableLayer needs its inputs: declare a LayerAtInputs and assign"
                            + " layer.at(LayerInputs.builder().add(\"x\", x).build())"
                    : "; implement DifferentiableModel (or wrap a DifferentiableFunction with .at(θ), a DifferentiableLayer"
                            + " with .at(inputs))";
            throw new ExtensionConfigurationException("@ModelUnderTest " + kind + " " + describe(member) + " has type "
                    + type.getName() + ", expected a " + DifferentiableModel.class.getName() + ", "
                    + LayerAtInputs.class.getName() + " or " + ModelStates.class.getName() + hint);
        }
        return new ModelMember(name, member, type, false);
    }

    /** M of a declared {@code ModelStates<M>}, or DifferentiableModel where it cannot be read. */
    private static Class<?> stateType(Type genericType) {
        if (genericType instanceof ParameterizedType parameterized
                && parameterized.getActualTypeArguments()[0] instanceof Class<?> argument) {
            return argument;
        }
        return DifferentiableModel.class;
    }

    /** Whether the member gives {@link ModelStates}, one invocation per state. */
    boolean hasStates() {
        return states;
    }

    /**
     * The states' names, read from the static member when invocations are listed.
     *
     * @throws ExtensionConfigurationException if the value is null or has no states
     */
    List<String> stateNames() {
        return states().names();
    }

    /** The member's ModelStates, read afresh (the member is static). */
    ModelStates<?> states() {
        Object value = read(null);
        if (value == null) {
            throw new ExtensionConfigurationException("@ModelUnderTest " + description() + " is null; it must give"
                    + " ModelStates.of(\"…\", factory)");
        }
        return (ModelStates<?>) value;
    }

    /** The model's name, from {@code @ModelUnderTest("…")} or the member's own name. */
    String name() {
        return name;
    }

    /** The model's declared type, e.g. {@code ThreeLayerNet}; M for a {@code ModelStates<M>}. */
    Class<?> type() {
        return type;
    }

    /** The member as a person finds it in the source, e.g. {@code field ThreeLayerNetTest.net}. */
    String description() {
        return (member instanceof Field ? "field " : "method ") + describe(member);
    }

    /**
     * The model (a {@link DifferentiableModel} or a {@link LayerAtInputs}), read from the field or
     * made by the method for this invocation.
     *
     * @throws ExtensionConfigurationException if the value is null
     */
    Object get(ExtensionContext context) {
        Object value = read(Modifier.isStatic(member.getModifiers()) ? null : instanceFor(context));
        if (value == null) {
            throw new ExtensionConfigurationException("@ModelUnderTest " + description() + " is null"
                    + (member instanceof Field ? "; initialise the field, e.g. in its declaration or a @BeforeEach method"
                            : "; the method must return a model"));
        }
        return value;
    }

    private Object read(Object target) {
        if (member instanceof Field field) {
            try {
                return ReflectionSupport.tryToReadFieldValue(field, target).get();
            } catch (Exception cause) {
                throw new ExtensionConfigurationException("could not read @ModelUnderTest " + description(), cause);
            }
        }
        return ReflectionSupport.invokeMethod((Method) member, target);
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
