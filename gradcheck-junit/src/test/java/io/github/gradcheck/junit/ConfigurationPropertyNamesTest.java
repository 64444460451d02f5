package io.github.gradcheck.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The configuration keys a user copies from the README are the ones the code reads. */
class ConfigurationPropertyNamesTest {

    /** A row of the README's settings table: {@code | attribute | `key` | `Class.CONSTANT` | …}. */
    private static final Pattern ROW = Pattern.compile(
            "^\\| [^|]+ \\| `(gradcheck\\.[\\w.]+)` \\| `(GradientCheck(?:SummaryListener)?)\\.(\\w+_PROPERTY_NAME)` \\|");

    @Test
    void everyPropertyNameConstantIsInTheReadmeWithItsValue() throws IOException, IllegalAccessException {
        Map<String, String> documented = new TreeMap<>();
        for (String line : Files.readAllLines(Path.of("../README.md"))) {
            Matcher row = ROW.matcher(line);
            if (row.find()) {
                documented.put(row.group(2) + "." + row.group(3), row.group(1));
            }
        }

        Map<String, String> constants = new TreeMap<>();
        for (Class<?> type : new Class<?>[] {GradientCheck.class, GradientCheckSummaryListener.class}) {
            for (Field field : type.getFields()) {
                if (field.getName().endsWith("_PROPERTY_NAME") && Modifier.isStatic(field.getModifiers())) {
                    constants.put(type.getSimpleName() + "." + field.getName(), (String) field.get(null));
                }
            }
        }

        assertThat(constants).hasSize(17);
        assertThat(documented).isEqualTo(constants);
    }
}
