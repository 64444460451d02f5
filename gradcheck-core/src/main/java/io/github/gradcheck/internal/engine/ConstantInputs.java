package io.github.gradcheck.internal.engine;

import io.github.gradcheck.GradientCheckException;
import io.github.gradcheck.LayerInputs;
import java.lang.reflect.Array;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Copies of a layer's constant inputs that are arrays (targets, masks), to tell a pass that
 * changed one: nothing else would notice, and every later call would see other targets.
 */
final class ConstantInputs {

    private final String layer;
    private final Map<String, Object> live;
    private final Map<String, Object> copies = new LinkedHashMap<>();

    ConstantInputs(String layer, LayerInputs inputs) {
        this.layer = layer;
        this.live = inputs.constants();
        live.forEach((name, value) -> {
            if (value.getClass().isArray()) {
                copies.put(name, copy(value));
            }
        });
    }

    /** Fails, naming the input, if a pass changed a constant array; {@code where} says when. */
    void requireUnchanged(String where) {
        copies.forEach((name, copy) -> {
            if (!Objects.deepEquals(copy, live.get(name))) {
                restore(copy, live.get(name));
                throw new GradientCheckException("constant input '" + name + "' of " + layer + " was changed " + where
                        + " (it has been restored); a layer's passes must not modify their inputs: copy before working in place");
            }
        });
    }

    /** Writes every constant array back as it was found, whatever a pass did to it. */
    void restore() {
        copies.forEach((name, copy) -> {
            if (!Objects.deepEquals(copy, live.get(name))) {
                restore(copy, live.get(name));
            }
        });
    }

    /** Writes {@code copy} back into {@code array}, which has its shape unless a pass replaced a row. */
    private static void restore(Object copy, Object array) {
        int length = Math.min(Array.getLength(copy), Array.getLength(array));
        if (copy.getClass().getComponentType().isPrimitive()) {
            System.arraycopy(copy, 0, array, 0, length);
            return;
        }
        for (int i = 0; i < length; i++) {
            Object element = Array.get(copy, i);
            Object target = Array.get(array, i);
            if (element != null && element.getClass().isArray() && target != null && target.getClass() == element.getClass()) {
                restore(element, target);
            } else {
                Array.set(array, i, element);
            }
        }
    }

    /** A deep copy of an array of any rank and element type. */
    private static Object copy(Object array) {
        int length = Array.getLength(array);
        Class<?> component = array.getClass().getComponentType();
        Object copy = Array.newInstance(component, length);
        if (component.isPrimitive()) {
            System.arraycopy(array, 0, copy, 0, length);
        } else {
            for (int i = 0; i < length; i++) {
                Object element = Array.get(array, i);
                Array.set(copy, i, element != null && element.getClass().isArray() ? copy(element) : element);
            }
        }
        return copy;
    }
}
