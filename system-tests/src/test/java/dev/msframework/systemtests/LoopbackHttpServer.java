package dev.msframework.systemtests;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/** An HTTP server on a free port of 127.0.0.1, for the stand-ins of the system's external services. */
final class LoopbackHttpServer {

    private LoopbackHttpServer() {
    }

    static HttpServer start(String path, HttpHandler handler, int threads) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(threads));
        server.createContext(path, handler);
        server.start();
        return server;
    }

    static String url(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    static void stop(HttpServer server) {
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }
}
