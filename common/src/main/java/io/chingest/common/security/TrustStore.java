package io.chingest.common.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.util.Collections;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A TLS truststore file (PKCS12 or JKS, told apart by the JDK from the content) with the certificates a server's
 * certificate must chain to, in place of the JDK's default ones; loaded and checked at start-up so that a wrong path
 * or password is an option error, not a failed handshake later. Errors name the file, never the
 * password. Immutable, thread-safe.
 */
public final class TrustStore {
    private final Path file;
    private final Secret password;
    private final KeyStore keyStore;

    private TrustStore(Path file, Secret password, KeyStore keyStore) {
        this.file = file;
        this.password = password;
        this.keyStore = keyStore;
    }

    /**
     * @param password the store's password; empty for a PKCS12 store without one
     * @throws IllegalArgumentException when the file is missing, not a keystore, the password is wrong or it has no certificate
     */
    public static TrustStore load(Path file, Secret password) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " is not a file");
        }
        KeyStore store;
        try {
            store = KeyStore.getInstance(
                    file.toFile(), password.isEmpty() ? null : password.reveal().toCharArray());
        } catch (IOException e) {
            // the JDK reports a wrong password as an IOException caused by UnrecoverableKeyException
            throw new IllegalArgumentException(file + " cannot be opened: wrong password, or not a"
                    + " PKCS12 or JKS keystore (" + e.getClass().getSimpleName() + ")");
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    file + " is not a PKCS12 or JKS keystore (" + e.getClass().getSimpleName() + ")");
        }
        try {
            boolean anyCertificate = false;
            for (String alias : Collections.list(store.aliases())) {
                anyCertificate |= store.isCertificateEntry(alias) || store.getCertificate(alias) != null;
            }
            if (!anyCertificate) {
                throw new IllegalArgumentException(file + " holds no certificate to trust");
            }
        } catch (KeyStoreException e) {
            throw new IllegalArgumentException(
                    file + " cannot be read: " + e.getClass().getSimpleName());
        }
        return new TrustStore(file, password, store);
    }

    public Path file() {
        return file;
    }

    public Secret password() {
        return password;
    }

    /** PKCS12 or JKS. */
    public String type() {
        return keyStore.getType();
    }

    /** A TLS context that trusts exactly this store's certificates (and checks host names as the client does). */
    public SSLContext sslContext() {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(keyStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "cannot build a TLS context from " + file + ": "
                            + e.getClass().getSimpleName(),
                    e);
        }
    }

    @Override
    public String toString() {
        return "TrustStore[" + file + "]";
    }
}
