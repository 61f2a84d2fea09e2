package io.chingest.consumer.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay on loopback in front of a local server that counts the bytes clients send through it, so a test can see
 * what went over the wire (compressed or not). Threads: one accepting, two per connection; all daemons, all ended by
 * {@link #close()}. Thread-safe.
 */
final class CountingRelay implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final AtomicLong sentByClients = new AtomicLong();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    CountingRelay(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon("relay-accept", this::acceptLoop);
    }

    /** The relay's address as an http URL. */
    String httpUrl() {
        return "http://127.0.0.1:" + listener.getLocalPort();
    }

    long bytesSentByClients() {
        return sentByClients.get();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5_000);
                sockets.add(client);
                sockets.add(server);
                daemon("relay-up", () -> pump(client, server, sentByClients));
                daemon("relay-down", () -> pump(server, client, new AtomicLong()));
            } catch (IOException e) {
                // Closed, or the server refused: the client sees its connection end.
            }
        }
    }

    private static void pump(Socket from, Socket to, AtomicLong counted) {
        byte[] chunk = new byte[16 * 1024];
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(chunk)) >= 0) {
                out.write(chunk, 0, read);
                out.flush();
                counted.addAndGet(read);
            }
        } catch (IOException e) {
            // One side closed; closing both below ends the other pump.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Already closed.
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        sockets.forEach(CountingRelay::closeQuietly);
    }
}
