package io.chingest.common.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chingest.testing.SchemaRegistryExtension;
import java.util.UUID;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SchemaRegistryExtension.class)
class SchemaRegistryClientIT {
    private static final Schema V1 = new Schema.Parser().parse("""
            {"type": "record", "name": "Sale", "namespace": "it", "fields": [
              {"name": "id", "type": "long"},
              {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 18, "scale": 4}},
              {"name": "day", "type": {"type": "int", "logicalType": "date"}}
            ]}""");
    /** Adds an optional field with a default: readers of V2 can read V1 data (BACKWARD compatible). */
    private static final Schema V2_COMPATIBLE = new Schema.Parser().parse("""
            {"type": "record", "name": "Sale", "namespace": "it", "fields": [
              {"name": "id", "type": "long"},
              {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 18, "scale": 4}},
              {"name": "day", "type": {"type": "int", "logicalType": "date"}},
              {"name": "note", "type": ["null", "string"], "default": null}
            ]}""");
    /** Adds a required field without a default: readers of it cannot read V1 data (BACKWARD incompatible). */
    private static final Schema V2_INCOMPATIBLE = new Schema.Parser().parse("""
            {"type": "record", "name": "Sale", "namespace": "it", "fields": [
              {"name": "id", "type": "long"},
              {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 18, "scale": 4}},
              {"name": "day", "type": {"type": "int", "logicalType": "date"}},
              {"name": "customer", "type": "string"}
            ]}""");

    private static String newSubject() {
        return SchemaRegistryClient.valueSubject("it-" + UUID.randomUUID());
    }

    private static SchemaRegistryClient newClient() {
        return new SchemaRegistryClient(SchemaRegistryExtension.url());
    }

    @Test
    void registersOnceAndFindsTheSchemaByIdAndBySubject() {
        String subject = newSubject();
        int id = newClient().register(subject, V1);

        // fresh clients: the answers come from the registry, not from a cache
        assertThat(newClient().register(subject, V1)).isEqualTo(id);
        assertThat(newClient().idOf(subject, V1)).isEqualTo(id);
        Schema fetched = newClient().schemaById(id);
        assertThat(fetched).isEqualTo(V1);
        assertThat(fetched.getField("amount").schema().getLogicalType().getName())
                .isEqualTo("decimal");
    }

    @Test
    void sameSchemaUnderAnotherSubjectIsFoundThere() {
        SchemaRegistryClient client = newClient();
        String first = newSubject();
        String second = newSubject();

        int firstId = client.register(first, V1);
        int secondId = client.register(second, V1);

        assertThat(newClient().idOf(first, V1)).isEqualTo(firstId);
        assertThat(newClient().idOf(second, V1)).isEqualTo(secondId);
        assertThat(newClient().schemaById(secondId)).isEqualTo(V1);
    }

    @Test
    void backwardCompatibleChangeGetsANewId() {
        SchemaRegistryClient client = newClient();
        String subject = newSubject();
        int v1 = client.register(subject, V1);

        int v2 = client.register(subject, V2_COMPATIBLE);

        assertThat(v2).isNotEqualTo(v1);
        assertThat(newClient().schemaById(v2)).isEqualTo(V2_COMPATIBLE);
        assertThat(newClient().schemaById(v1)).isEqualTo(V1);
    }

    @Test
    void backwardIncompatibleChangeIsRefusedWith409() {
        SchemaRegistryClient client = newClient();
        String subject = newSubject();
        client.register(subject, V1);

        assertThatThrownBy(() -> client.register(subject, V2_INCOMPATIBLE))
                .isInstanceOfSatisfying(IncompatibleSchemaException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(409);
                    assertThat(e.errorCode()).isEqualTo(409);
                })
                .hasMessageStartingWith("POST " + SchemaRegistryExtension.url() + "/subjects/" + subject
                        + "/versions answered HTTP 409");
        assertThatThrownBy(() -> newClient().idOf(subject, V2_INCOMPATIBLE))
                .isInstanceOfSatisfying(
                        SchemaNotFoundException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(40403));
    }

    @Test
    void invalidSchemaIsRefusedWithATypedError() {
        // Avro's parser accepts this only with default validation off; the registry validates defaults
        Schema invalidDefault = new Schema.Parser().setValidateDefaults(false).parse("""
                {"type": "record", "name": "Bad", "namespace": "it", "fields": [
                  {"name": "count", "type": "int", "default": "not a number"}
                ]}""");

        assertThatThrownBy(() -> newClient().register(newSubject(), invalidDefault))
                .isInstanceOfSatisfying(InvalidSchemaException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(422);
                    assertThat(e.errorCode()).isEqualTo(42201);
                });
    }

    @Test
    void unknownSchemaIdIsSchemaNotFound() {
        assertThatThrownBy(() -> newClient().schemaById(Integer.MAX_VALUE - 7))
                .isInstanceOfSatisfying(SchemaNotFoundException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(40403);
                })
                .hasMessageStartingWith("GET " + SchemaRegistryExtension.url() + "/schemas/ids/"
                        + (Integer.MAX_VALUE - 7) + " answered HTTP 404");
    }

    @Test
    void lookupUnderAnUnknownSubjectIsSchemaNotFound() {
        assertThatThrownBy(() -> newClient().idOf(newSubject(), V1))
                .isInstanceOfSatisfying(SchemaNotFoundException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(40401);
                });
    }

    @Test
    void subjectsWithCharactersToEscapeWork() {
        String subject = "it topic/" + UUID.randomUUID() + "-value";
        int id = newClient().register(subject, V1);

        assertThat(newClient().idOf(subject, V1)).isEqualTo(id);
    }
}
