package dev.psi.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through its own chromedriver (nothing downloads a browser):
 * {@code CHROME_BIN} and {@code CHROMEDRIVER} name them, else {@code /usr/bin/chromium} and
 * {@code /usr/bin/chromedriver}.
 */
final class Browser {

    private Browser() {
    }

    static Optional<String> missing() {
        if (!Files.isExecutable(chrome())) {
            return Optional.of("no Chromium at " + chrome() + " (apt-get install chromium chromium-driver, or set CHROME_BIN)");
        }
        if (!Files.isExecutable(driver())) {
            return Optional.of("no chromedriver at " + driver() + " (apt-get install chromium-driver, or set CHROMEDRIVER)");
        }
        return Optional.empty();
    }

    static ChromeDriver start(String language) {
        Path profile;
        try {
            profile = Files.createTempDirectory("psi-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var options = new ChromeOptions().setBinary(chrome().toString()).addArguments(
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900", "--lang=" + language,
                "--user-data-dir=" + profile);
        var service = new ChromeDriverService.Builder().usingDriverExecutable(driver().toFile()).usingAnyFreePort().build();
        var driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return driver;
    }

    private static Path chrome() {
        return Path.of(System.getenv().getOrDefault("CHROME_BIN", "/usr/bin/chromium"));
    }

    private static Path driver() {
        return Path.of(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver"));
    }
}
