package dev.psi.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;

/**
 * The console's static files, read once from the classpath ({@code /console/}, listed in
 * {@code /console/assets.list} so that nothing scans the classpath). They are fingerprinted as a set:
 * {@link #version()} is a hash of every file's name and content, and the files are served under
 * {@code /assets/<version>/<name>}. One hash for the set (rather than one per file) keeps the ES
 * modules' relative imports valid without rewriting them, and still changes whenever any byte does.
 */
final class Assets {

    static final String ROOT = "/console/";
    static final String INDEX = "index.html";
    /** Where index.html names the asset directory; replaced by {@code /assets/<version>}. */
    static final String BASE_PLACEHOLDER = "%ASSETS%";

    record Asset(String name, String contentType, byte[] body, boolean compressible) {
    }

    private final Map<String, Asset> files;
    private final Asset index;
    private final String version;
    private final Map<String, byte[]> gzipped = new ConcurrentHashMap<>();

    private Assets(Map<String, Asset> files, Asset index, String version) {
        this.files = files;
        this.index = index;
        this.version = version;
    }

    static Assets load() {
        return load(Assets::read);
    }

    /** Loads the files {@code read} gives by name (the classpath in production; anything in a test). */
    static Assets load(Function<String, byte[]> read) {
        List<String> names = new String(read.apply("assets.list"), StandardCharsets.UTF_8).lines()
                .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        MessageDigest digest = sha256();
        var files = new LinkedHashMap<String, Asset>();
        for (String name : names) {
            byte[] body = read.apply(name);
            digest.update(name.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(body);
            String type = contentType(name);
            files.put(name, new Asset(name, type, body, type.startsWith("text/") || type.contains("json") || type.contains("svg")));
        }
        byte[] page = read.apply(INDEX);
        digest.update(page);
        String version = HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        String html = new String(page, StandardCharsets.UTF_8).replace(BASE_PLACEHOLDER, "/assets/" + version);
        var index = new Asset(INDEX, contentType(INDEX), html.getBytes(StandardCharsets.UTF_8), true);
        return new Assets(Map.copyOf(files), index, version);
    }

    String version() {
        return version;
    }

    Asset index() {
        return index;
    }

    /** The file at {@code /assets/<version>/<name>}; empty for another version (never serve new bytes under an old name). */
    Optional<Asset> fingerprinted(String version, String name) {
        return this.version.equals(version) ? Optional.ofNullable(files.get(name)) : Optional.empty();
    }

    byte[] gzip(Asset asset) {
        return gzipped.computeIfAbsent(asset.name(), name -> {
            var out = new ByteArrayOutputStream(asset.body().length / 3 + 64);
            try (var gzip = new GZIPOutputStream(out)) {
                gzip.write(asset.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        });
    }

    static String contentType(String name) {
        String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return switch (extension) {
            case "html" -> "text/html; charset=utf-8";
            case "js", "mjs" -> "text/javascript; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            case "json" -> "application/json";
            case "svg" -> "image/svg+xml";
            case "png" -> "image/png";
            case "ico" -> "image/x-icon";
            case "woff2" -> "font/woff2";
            case "txt", "list" -> "text/plain; charset=utf-8";
            default -> "application/octet-stream";
        };
    }

    private static byte[] read(String name) {
        try (InputStream in = Assets.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("asset " + name + " is listed but not on the classpath under " + ROOT);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
