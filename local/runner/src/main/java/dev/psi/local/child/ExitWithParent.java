package dev.psi.local.child;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.jar.JarFile;

/**
 * The entry point of every process the launcher starts: {@code ExitWithParent <jar> [args...]} runs the jar's
 * {@code Main-Class} and exits (running its shutdown hooks) as soon as its standard input ends. The launcher keeps
 * that pipe open for as long as it lives, and the kernel closes it when the launcher dies in any way, even SIGKILL,
 * so no function outlives its launcher. JDK only: this class is copied alone onto the child's class path.
 */
public final class ExitWithParent {

    private ExitWithParent() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: ExitWithParent <jar> [args...]");
            System.exit(2);
        }
        Thread watcher = new Thread(() -> {
            try (InputStream in = System.in) {
                while (in.read() >= 0) {
                    // the launcher never writes; anything read is ignored
                }
            } catch (IOException e) {
                // a broken pipe is an ended parent as well
            }
            System.exit(0);
        }, "exit-with-parent");
        watcher.setDaemon(true);
        watcher.start();
        String mainClass;
        try (JarFile jar = new JarFile(Path.of(args[0]).toFile())) {
            mainClass = jar.getManifest().getMainAttributes().getValue("Main-Class");
        }
        if (mainClass == null) {
            throw new IllegalArgumentException(args[0] + " has no Main-Class");
        }
        Method main = Class.forName(mainClass).getMethod("main", String[].class);
        main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    }
}
