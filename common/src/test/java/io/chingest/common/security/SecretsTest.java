package io.chingest.common.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets print as [hidden] wherever they end up: toString, settings dumps, redacted maps, scrubbed messages, URLs. */
class SecretsTest {

    @TempDir
    Path directory;

    record Example(String url, Secret password, Map<String, String> kafka, String trustStorePassword, int port) {
        @Override
        public String toString() {
            return SettingsDump.of(this);
        }
    }

    @Test
    void aSecretPrintsAsHiddenAndRevealsOnlyOnRequest() {
        Secret secret = Secret.of("s3cret-value");

        assertThat(secret).hasToString("[hidden]");
        assertThat(secret.reveal()).isEqualTo("s3cret-value");
        assertThat(Secret.of("")).hasToString("[none]").isEqualTo(Secret.none());
        assertThat(Secret.of(null).isEmpty()).isTrue();
    }

    @Test
    void aSettingsDumpHidesSecretsMapValuesAndUserInfo() {
        Map<String, String> kafka = new LinkedHashMap<>();
        kafka.put("security.protocol", "SASL_SSL");
        kafka.put("sasl.jaas.config", "PlainLoginModule required username=\"u\" password=\"jaas-pw-1\";");
        kafka.put("ssl.truststore.password", "trust-pw-2");
        Example example =
                new Example("https://user:url-pw-3@host:8443/x", Secret.of("pw-4-secret"), kafka, "ts-pw-5", 8443);

        String dump = example.toString();

        assertThat(dump)
                .isEqualTo(
                        "Example[url=https://[hidden]@host:8443/x, password=[hidden], kafka={security.protocol=SASL_SSL,"
                                + " sasl.jaas.config=[hidden], ssl.truststore.password=[hidden]}, trustStorePassword=[hidden], port=8443]");
    }

    @Test
    void secretKeysCoverKafkasPasswordSettings() {
        for (String key : new String[] {
            "sasl.jaas.config",
            "ssl.key.password",
            "ssl.keystore.password",
            "ssl.truststore.password",
            "ssl.keystore.key",
            "ssl.keystore.certificate.chain",
            "sasl.oauthbearer.client.credentials.client.secret",
            "sasl.oauthbearer.assertion.private.key.passphrase",
            "basic.auth.user.info"
        }) {
            assertThat(SecretKeys.isSecret(key)).as(key).isTrue();
        }
        for (String key :
                new String[] {"security.protocol", "sasl.mechanism", "ssl.truststore.location", "linger.ms", "client.id"
                }) {
            assertThat(SecretKeys.isSecret(key)).as(key).isFalse();
        }
    }

    @Test
    void knownSecretsAreScrubbedFromForeignMessagesJaasPartsToo() {
        KnownSecrets.rememberKafkaSetting(
                "sasl.jaas.config", "PlainLoginModule required username=\"svc-user\" password=\"jaas-only-pw\";");
        KnownSecrets.rememberKafkaSetting("linger.ms", "12345");
        Secret.of("direct-pw-77");

        assertThat(KnownSecrets.scrub("login as svc-user with jaas-only-pw failed; direct-pw-77; linger 12345"))
                .isEqualTo("login as [hidden] with [hidden] failed; [hidden]; linger 12345");
    }

    @Test
    void urlsLoseTheirUserInfo() {
        assertThat(Urls.withoutUserInfo("at https://u:p%40ss@registry:8081/apis and http://plain:8123"))
                .isEqualTo("at https://[hidden]@registry:8081/apis and http://plain:8123");
        assertThat(Urls.hasUserInfo("http://u:p@h")).isTrue();
        assertThat(Urls.hasUserInfo("http://h:8123/?user=x@y")).isFalse();
    }

    @Test
    void aSecretFileHoldsTheValueWithoutTrailingLineBreaks() throws Exception {
        Path file = Files.writeString(directory.resolve("pw"), "file-pw with spaces \r\n", StandardCharsets.UTF_8);
        Path empty = Files.writeString(directory.resolve("empty"), "\n");
        Path big = Files.write(directory.resolve("big"), new byte[SecretFile.MAX_BYTES + 1]);

        assertThat(SecretFile.read(file).reveal()).isEqualTo("file-pw with spaces ");
        assertThatThrownBy(() -> SecretFile.read(empty)).hasMessage(empty + " is empty");
        assertThatThrownBy(() -> SecretFile.read(directory.resolve("none")))
                .hasMessage(directory.resolve("none") + " does not exist");
        assertThatThrownBy(() -> SecretFile.read(big)).hasMessageContaining("more than the 65536");
    }
}
