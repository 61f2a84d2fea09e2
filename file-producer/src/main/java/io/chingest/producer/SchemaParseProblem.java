package io.chingest.producer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.AvroRuntimeException;

/**
 * Says what is wrong with a schema file Avro's parser refused, in the user's terms: Avro names an unknown type
 * without the field that uses it ("Undefined schema: strin"), so the field is found in the file's JSON. Stateless.
 */
final class SchemaParseProblem {

    private static final Pattern UNDEFINED = Pattern.compile("Undefined (?:schema|name): (\\S+)");
    private static final Pattern DUPLICATE_FIELD = Pattern.compile("Duplicate field (\\S+) in record (\\S+):");
    private static final ObjectMapper JSON = new ObjectMapper();

    private SchemaParseProblem() {}

    /** The reason for {@code refusal} of the schema whose text is {@code schemaText}, without the file's name. */
    static String describe(String schemaText, AvroRuntimeException refusal) {
        String message = String.valueOf(refusal.getMessage());
        Matcher undefined = UNDEFINED.matcher(message);
        if (undefined.find()) {
            String name = undefined.group(1);
            String field = fieldUsing(schemaText, name);
            String unknown = "unknown type '" + simpleName(schemaText, name)
                    + "' (neither an Avro primitive type nor a named type defined before it)";
            return field == null ? unknown : "field '" + field + "': " + unknown;
        }
        Matcher duplicate = DUPLICATE_FIELD.matcher(message);
        if (duplicate.find()) {
            return "field '" + duplicate.group(1) + "' is declared twice in record " + duplicate.group(2)
                    + ": the fields of a record must have different names";
        }
        return "not a valid Avro schema: " + message;
    }

    /** Avro qualifies an unknown name with the namespace; the user wrote it as it is in the file when it is there. */
    private static String simpleName(String schemaText, String fullName) {
        String simple = fullName.substring(fullName.lastIndexOf('.') + 1);
        return schemaText.contains("\"" + fullName + "\"") ? fullName : simple;
    }

    /** The dotted path of the first field whose type refers to {@code name}, or null. */
    private static String fieldUsing(String schemaText, String name) {
        try {
            return find(JSON.readTree(schemaText), name, null);
        } catch (IOException e) {
            return null;
        }
    }

    private static String find(JsonNode type, String name, String field) {
        if (type == null) {
            return null;
        }
        if (type.isTextual()) {
            String text = type.asText();
            return text.equals(name) || name.endsWith("." + text) ? field : null;
        }
        if (type.isArray()) { // a union
            for (JsonNode branch : type) {
                String found = find(branch, name, field);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        JsonNode fields = type.get("fields");
        if (fields != null && fields.isArray()) {
            for (JsonNode each : fields) {
                String fieldName = each.path("name").asText("?");
                String found = find(each.get("type"), name, field == null ? fieldName : field + "." + fieldName);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        for (String inner : List.of("type", "items", "values")) {
            String found = find(type.get(inner), name, field);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
