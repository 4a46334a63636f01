package dev.psi.embedded;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import redis.embedded.core.ExecutableProvider;
import redis.embedded.model.OsArchitecture;
import redis.embedded.util.IO;

/**
 * A real Redis: the machine's {@code redis-server} when it is on the PATH, else the binary that the
 * embedded-redis jar ships (Redis 6.2), copied once into the cache directory. A cache only: nothing
 * is saved to disk.
 */
final class RedisServer implements SharedServer.Kind {

    static final String NAME = "Redis";

    private final Path cacheDir;
    private final String path;

    /** {@code path}: the PATH to look for redis-server on (null or empty: use the shipped binary). */
    RedisServer(Path cacheDir, String path) {
        this.cacheDir = cacheDir.toAbsolutePath().normalize();
        this.path = path == null ? "" : path;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean answers(int port) {
        return answers("127.0.0.1", port);
    }

    /** True if a Redis answers PING on host:port. */
    static boolean answers(String host, int port) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1_000);
            socket.setSoTimeout(2_000);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] reply = new byte[7];
            int n = socket.getInputStream().read(reply);
            return n > 0 && new String(reply, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public Duration startTimeout() {
        return Duration.ofSeconds(30);
    }

    @Override
    public ProcessBuilder command(Path dir, int port) throws IOException {
        Files.createDirectories(dir);
        return new ProcessBuilder(List.of(binary().toString(),
                "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                "--dir", dir.toString(), "--daemonize", "no"));
    }

    /** The machine's redis-server, else embedded-redis's binary for this OS, copied into the cache once. */
    Path binary() throws IOException {
        var installed = Arrays.stream(path.split(File.pathSeparator)).filter(d -> !d.isBlank())
                .map(d -> Path.of(d, "redis-server")).filter(Files::isExecutable).findFirst();
        if (installed.isPresent()) {
            return installed.get();
        } else {
            // embedded-redis's own provider copies the binary anew into a temp dir deleted at exit
            String resource = ExecutableProvider.newProvidedVersionsMap().get(OsArchitecture.detectOSandArchitecture());
            Path dir = cacheDir.resolve("redis");
            Path binary = dir.resolve(resource.substring(resource.lastIndexOf('/') + 1));
            return SharedServer.locked(dir, () -> {
                if (!Files.isExecutable(binary)) {
                    try (InputStream in = IO.class.getResourceAsStream(resource)) {
                        if (in == null) {
                            throw new FileNotFoundException("no redis-server on the PATH and none in embedded-redis for "
                                    + OsArchitecture.detectOSandArchitecture());
                        }
                        Path partial = dir.resolve(binary.getFileName() + ".partial");
                        Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                        partial.toFile().setExecutable(true);
                        Files.move(partial, binary, StandardCopyOption.ATOMIC_MOVE);
                    }
                }
                return binary;
            });
        }
    }
}
