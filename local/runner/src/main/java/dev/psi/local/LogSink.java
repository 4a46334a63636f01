package dev.psi.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where the output of every process goes: one file per process under the log directory, and, when a console is
 * given, one stream of all of them with each line prefixed by the process's name.
 */
public final class LogSink {

    private final Path directory;
    private final PrintStream console;

    /** @param console the combined stream, or null for files only (tests) */
    public LogSink(Path directory, PrintStream console) throws IOException {
        this.directory = Files.createDirectories(directory);
        this.console = console;
    }

    public Path fileOf(String name) {
        return directory.resolve(name + ".log");
    }

    /** A line of the launcher itself. */
    public void info(String name, String line) {
        if (console != null) {
            synchronized (console) {
                console.println(prefix(name) + line);
            }
        }
        try (Writer writer = Files.newBufferedWriter(fileOf(name), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            writer.write(line);
            writer.write(System.lineSeparator());
        } catch (IOException e) {
            // the console got it; a log file that cannot be written is not worth stopping for
        }
    }

    /** Copies {@code output} line by line on a daemon thread until it ends (so the child's pipe never fills). */
    public void pump(String name, InputStream output) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8));
                 Writer file = Files.newBufferedWriter(fileOf(name), StandardCharsets.UTF_8,
                         StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                String prefix = prefix(name);
                for (String line; (line = reader.readLine()) != null; ) {
                    file.write(line);
                    file.write(System.lineSeparator());
                    file.flush();
                    if (console != null) {
                        synchronized (console) {
                            console.println(prefix + line);
                        }
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "log-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    private static String prefix(String name) {
        return String.format("%-16s| ", name);
    }
}
