package dev.psi.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One launcher per data directory: an OS file lock (released by the kernel however the launcher ends, even
 * SIGKILL, so a stale lock cannot block the next launch) plus a file naming the running one's pid and URL.
 */
final class InstanceLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;
    private final Path info;

    private InstanceLock(FileChannel channel, FileLock lock, Path info) {
        this.channel = channel;
        this.lock = lock;
        this.info = info;
    }

    /** The lock, or empty when another launcher holds it ({@link #holder} says which). */
    static Optional<InstanceLock> acquire(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        FileChannel channel = FileChannel.open(dataDir.resolve("psi-local.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock == null) {
            channel.close();
            return Optional.empty();
        }
        return Optional.of(new InstanceLock(channel, lock, dataDir.resolve("psi-local.pid")));
    }

    /** What the running launcher wrote: {@code pid <n> <front door URL>}, or a placeholder. */
    static String holder(Path dataDir) {
        try {
            return Files.readString(dataDir.resolve("psi-local.pid")).trim();
        } catch (IOException e) {
            return "(starting)";
        }
    }

    void describe(String frontDoor) throws IOException {
        Files.writeString(info, "pid " + ProcessHandle.current().pid() + " " + frontDoor + System.lineSeparator());
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(info);
        lock.release();
        channel.close();
    }
}
