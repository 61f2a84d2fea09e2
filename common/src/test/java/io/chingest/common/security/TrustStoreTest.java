package io.chingest.common.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chingest.testing.SelfSignedCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Truststores made by keytool load as PKCS12 and JKS; every failure names the file and never the password. */
class TrustStoreTest {
    private static final String PASSWORD = "store-pass-4711";

    @TempDir
    static Path directory;

    private static SelfSignedCertificate certificate;

    @BeforeAll
    static void makeCertificate() {
        certificate = SelfSignedCertificate.create(directory, "key-pass-0815");
    }

    @Test
    void pkcs12AndJksStoresLoadWithTheirType() {
        TrustStore pkcs12 = TrustStore.load(certificate.trustStore("PKCS12", PASSWORD), Secret.of(PASSWORD));
        TrustStore jks = TrustStore.load(certificate.trustStore("JKS", PASSWORD), Secret.of(PASSWORD));

        assertThat(pkcs12.type()).isEqualTo("PKCS12");
        assertThat(jks.type()).isEqualTo("JKS");
        assertThat(pkcs12.sslContext().getProtocol()).isEqualTo("TLS");
        assertThat(jks.toString()).doesNotContain(PASSWORD);
    }

    @Test
    void aWrongPasswordIsNamedWithoutEchoingIt() {
        Path store = certificate.trustStore("PKCS12", PASSWORD);

        assertThatThrownBy(() -> TrustStore.load(store, Secret.of("not-the-password-123")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(store + " cannot be opened: wrong password, or not a PKCS12 or JKS keystore (IOException)")
                .message()
                .doesNotContain("not-the-password-123")
                .doesNotContain(PASSWORD);
    }

    @Test
    void aMissingFileOrOneThatIsNoKeystoreIsRefusedNamingIt() throws Exception {
        Path missing = directory.resolve("missing.p12");
        Path text = Files.writeString(directory.resolve("notes.txt"), "not a keystore");

        assertThatThrownBy(() -> TrustStore.load(missing, Secret.none())).hasMessage(missing + " is not a file");
        assertThatThrownBy(() -> TrustStore.load(text, Secret.of(PASSWORD)))
                .hasMessageStartingWith(text + " ")
                .message()
                .doesNotContain(PASSWORD);
    }

    @Test
    void aKeystoreWithoutCertificatesIsRefused() throws Exception {
        java.security.KeyStore empty = java.security.KeyStore.getInstance("PKCS12");
        empty.load(null, null);
        Path file = directory.resolve("empty.p12");
        try (var out = Files.newOutputStream(file)) {
            empty.store(out, PASSWORD.toCharArray());
        }

        assertThatThrownBy(() -> TrustStore.load(file, Secret.of(PASSWORD)))
                .hasMessage(file + " holds no certificate to trust");
    }
}
