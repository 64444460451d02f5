package io.github.gradcheck.internal.engine;

/** Readable default names for models: lambdas and anonymous classes have none worth printing. */
public final class ModelNames {

    private ModelNames() {
    }

    public static String of(Class<?> type, String fallback) {
        String simple = type.getSimpleName();
        if (type.isAnonymousClass() || type.isSynthetic() || simple.isEmpty() || simple.contains("$")) {
            return fallback;
        }
        return simple;
    }
}
