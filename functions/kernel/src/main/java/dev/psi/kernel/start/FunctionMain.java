package dev.psi.kernel.start;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;

/**
 * How every function starts: Micronaut without the banner (its figlet text is work and log noise on every
 * scale-to-zero start). Everything else that can wait is lazy in the beans themselves (pools, producers, Redis).
 */
public final class FunctionMain {

    private FunctionMain() {
    }

    public static ApplicationContext run(Class<?> application, String... args) {
        return Micronaut.build(args).mainClass(application).banner(false).start();
    }
}
