package dev.psi.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Just enough RESP to read the server version and to remove what a run left in a shared Redis
 * (the cache entries expire by themselves; the generation keys do not).
 */
final class Redis implements AutoCloseable {

    private final Socket socket = new Socket();
    private final OutputStream out;
    private final InputStream in;

    Redis(String host, int port) throws IOException {
        socket.connect(new InetSocketAddress(host, port), 2_000);
        socket.setSoTimeout(5_000);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream());
    }

    Object call(String... args) throws IOException {
        var request = new StringBuilder("*").append(args.length).append("\r\n");
        for (String arg : args) {
            byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
            request.append('$').append(bytes.length).append("\r\n").append(arg).append("\r\n");
        }
        out.write(request.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        return read();
    }

    /** Deletes every key matching {@code pattern} (the run's own tenant prefix); returns how many. */
    long deleteMatching(String pattern) throws IOException {
        Object n = call("EVAL", "local n = 0 for _, k in ipairs(redis.call('KEYS', ARGV[1])) do"
                + " redis.call('DEL', k) n = n + 1 end return n", "0", pattern);
        return n instanceof Long l ? l : -1;
    }

    String version() throws IOException {
        Object info = call("INFO", "server");
        if (info instanceof String text) {
            for (String line : text.split("\r\n")) {
                if (line.startsWith("redis_version:")) {
                    return line.substring("redis_version:".length());
                }
            }
        }
        return "unknown";
    }

    private Object read() throws IOException {
        int kind = in.read();
        String line = line();
        switch (kind) {
            case '+':
                return line;
            case '-':
                throw new IOException("Redis: " + line);
            case ':':
                return Long.parseLong(line);
            case '$': {
                int length = Integer.parseInt(line);
                if (length < 0) {
                    return null;
                }
                byte[] data = in.readNBytes(length + 2);
                return new String(data, 0, length, StandardCharsets.UTF_8);
            }
            case '*': {
                int length = Integer.parseInt(line);
                var items = new java.util.ArrayList<Object>();
                for (int i = 0; i < length; i++) {
                    items.add(read());
                }
                return items;
            }
            default:
                throw new IOException("unexpected RESP reply " + kind);
        }
    }

    private String line() throws IOException {
        var buffer = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\r') {
                in.read();
                break;
            }
            buffer.write(c);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
