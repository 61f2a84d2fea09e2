package io.chingest.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A TLS front for a plain TCP service on 127.0.0.1 (as a load balancer terminating https in front of ClickHouse):
 * accepts TLS connections with a given server certificate and relays the bytes to and from the target port, two
 * daemon threads per connection. Thread-safe; close it to stop accepting and drop the connections' threads.
 */
public final class TlsProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final AtomicInteger handshakes = new AtomicInteger();

    private TlsProxy(ServerSocket server, int targetPort) {
        this.server = server;
        this.targetPort = targetPort;
        Thread acceptor = new Thread(this::accept, "tls-proxy-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** @param keyStore a PKCS12 keystore with the server's key and certificate ({@link SelfSignedCertificate#keyStore()}) */
    public static TlsProxy start(Path keyStore, String password, int targetPort) {
        try {
            KeyStore keys = KeyStore.getInstance(keyStore.toFile(), password.toCharArray());
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, password.toCharArray());
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keyManagers.getKeyManagers(), null, null);
            ServerSocket server = tls.getServerSocketFactory().createServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return new TlsProxy(server, targetPort);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the TLS proxy", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot start the TLS proxy", e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Connections whose TLS handshake completed and that reached the target. */
    public int connections() {
        return handshakes.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread relay = new Thread(() -> relay(client), "tls-proxy-relay");
                relay.setDaemon(true);
                relay.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void relay(Socket client) {
        try (client;
                Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
            ((javax.net.ssl.SSLSocket) client).startHandshake();
            handshakes.incrementAndGet();
            Thread back = new Thread(() -> pump(target, client), "tls-proxy-back");
            back.setDaemon(true);
            back.start();
            pump(client, target);
            back.join();
        } catch (IOException e) {
            // a client that refused the certificate, or a closed connection: nothing to relay
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
            if (!(to instanceof javax.net.ssl.SSLSocket)) {
                to.shutdownOutput();
            } else {
                to.close();
            }
        } catch (IOException e) {
            // the other side closed: the relay ends
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing: nothing to do
        }
    }
}
