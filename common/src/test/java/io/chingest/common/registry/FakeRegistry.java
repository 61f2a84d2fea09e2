package io.chingest.common.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * An in-JVM HTTP server on the loopback interface that answers with scripted responses and records requests.
 * Thread-safe: handlers run on its own pool.
 */
final class FakeRegistry implements AutoCloseable {

    record Request(String method, String rawPath, String contentType, String accept, String body) {}

    /** Writes one answer to an exchange. */
    @FunctionalInterface
    interface Answer {
        void write(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final List<Request> requests = new ArrayList<>();
    /** Released on close, so a handler told to hang never outlives the test. */
    private final CountDownLatch closing = new CountDownLatch(1);

    private volatile Answer fallback = json(500, "{\"error_code\": 50001, \"message\": \"no answer scripted\"}");

    FakeRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                synchronized (requests) {
                    requests.add(new Request(
                            exchange.getRequestMethod(),
                            exchange.getRequestURI().getRawPath(),
                            exchange.getRequestHeaders().getFirst("Content-Type"),
                            exchange.getRequestHeaders().getFirst("Accept"),
                            new String(body, StandardCharsets.UTF_8)));
                }
                Answer answer = answers.poll();
                (answer != null ? answer : fallback).write(exchange);
            }
        });
        server.start();
    }

    /** Base URL in the shape of Apicurio's Confluent-compatible API. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/apis/ccompat/v7";
    }

    String pathPrefix() {
        return "/apis/ccompat/v7";
    }

    FakeRegistry then(Answer answer) {
        answers.add(answer);
        return this;
    }

    FakeRegistry then(int status, String body) {
        return then(json(status, body));
    }

    FakeRegistry always(int status, String body) {
        fallback = json(status, body);
        return this;
    }

    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    static Answer json(int status, String body) {
        return raw(status, "application/vnd.schemaregistry.v1+json", body.getBytes(StandardCharsets.UTF_8));
    }

    static Answer raw(int status, String contentType, byte[] body) {
        return exchange -> {
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        };
    }

    /** Holds the request open without answering until the server closes. */
    Answer hang() {
        return exchange -> {
            try {
                closing.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
