package io.chingest.common.security;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The {@code toString()} of a settings record with its credentials hidden: a {@link Secret} prints as
 * {@code [hidden]}, a map of client settings with its secret keys' values hidden ({@link SecretKeys}), and a URL's
 * user info as {@code [hidden]}. Settings records call it from their own {@code toString()}. Stateless.
 */
public final class SettingsDump {
    private SettingsDump() {}

    public static String of(Record settings) {
        StringJoiner fields = new StringJoiner(", ", settings.getClass().getSimpleName() + "[", "]");
        for (RecordComponent component : settings.getClass().getRecordComponents()) {
            Object value;
            try {
                value = component.getAccessor().invoke(settings);
            } catch (IllegalAccessException | InvocationTargetException e) {
                value = "?";
            }
            fields.add(component.getName() + "=" + printable(component.getName(), value));
        }
        return fields.toString();
    }

    private static String printable(String name, Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> named = new java.util.LinkedHashMap<>();
            map.forEach((key, each) -> named.put(String.valueOf(key), each));
            return SecretKeys.redacted(named).toString();
        }
        if (value instanceof String text && SecretKeys.isSecret(name)) {
            return text.isEmpty() ? "[none]" : Secret.HIDDEN;
        }
        return value instanceof String text ? Urls.withoutUserInfo(text) : String.valueOf(value);
    }
}
