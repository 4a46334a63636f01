package dev.psi.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP hop between the functions and a real server (MariaDB, Redis) that a test can cut and restore:
 * {@link #cut()} closes the listening socket and every open connection, so the functions see exactly
 * what a server that went away gives them (broken connections, then connection refused), without
 * stopping a server that other tests share; {@link #restore()} listens again on the same port.
 */
final class TcpFault implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;

    private TcpFault(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        try (var probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        restore();
    }

    static TcpFault to(String host, int port) {
        try {
            return new TcpFault(host, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server becomes unreachable: open connections break, new ones are refused. */
    synchronized void cut() throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
    }

    /** The server is reachable again. */
    synchronized void restore() throws IOException {
        if (server != null) {
            return;
        }
        var socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        server = socket;
        var accept = new Thread(() -> accept(socket), "tcp-fault-" + port);
        accept.setDaemon(true);
        accept.start();
    }

    private void accept(ServerSocket listening) {
        while (!listening.isClosed()) {
            try {
                Socket client = listening.accept();
                Socket upstream;
                try {
                    upstream = new Socket(targetHost, targetPort);
                } catch (IOException e) {
                    closeQuietly(client);
                    continue;
                }
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                open.add(client);
                open.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                // closed by cut(), or the target refused: the client's connection ends
            }
        }
    }

    private void pump(Socket from, Socket to) {
        var thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side went away
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "tcp-fault-pump-" + port);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        cut();
    }
}
