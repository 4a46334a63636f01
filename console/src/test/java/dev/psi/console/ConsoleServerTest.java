package dev.psi.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The console server over real HTTP: health, caching, content types, fingerprints, client-side routes. */
class ConsoleServerTest {

    static ConsoleServer console;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        console = ConsoleServer.start(0);
    }

    @AfterAll
    static void stop() {
        console.close();
    }

    @Test
    void shouldAnswerTheHealthProbesWithUp() throws Exception {
        for (String path : List.of("/health", "/health/liveness", "/health/readiness")) {
            var response = get(path);
            assertEquals(200, response.statusCode(), path);
            assertEquals("{\"status\":\"UP\"}", response.body());
            assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        }
    }

    @Test
    void shouldServeTheIndexWithoutCachingAndNameTheFingerprintedAssets() throws Exception {
        var response = get("/");
        assertEquals(200, response.statusCode());
        assertEquals("no-cache", response.headers().firstValue("Cache-Control").orElseThrow());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertTrue(response.body().contains("/assets/" + console.assetVersion() + "/app.js"), response.body());
        assertTrue(!response.body().contains(Assets.BASE_PLACEHOLDER), "the placeholder is replaced");
        assertTrue(response.headers().firstValue("Content-Security-Policy").orElseThrow().contains("connect-src 'self'"));
    }

    @Test
    void shouldAnswerAClientSideRouteWithTheIndex() throws Exception {
        for (String path : List.of("/products", "/sales-orders", "/inventory")) {
            var response = get(path + "?tab=ledger");
            assertEquals(200, response.statusCode(), path);
            assertTrue(response.body().contains("<main id=\"main\""), path);
        }
    }

    @Test
    void shouldAnswerNotModifiedForTheCurrentIndex() throws Exception {
        String etag = get("/").headers().firstValue("ETag").orElseThrow();
        var response = HTTP.send(HttpRequest.newBuilder(uri("/")).header("If-None-Match", etag).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(304, response.statusCode());
    }

    @Test
    void shouldCacheFingerprintedAssetsForAYearWithTheirContentType() throws Exception {
        var js = get("/assets/" + console.assetVersion() + "/app.js");
        assertEquals(200, js.statusCode());
        assertEquals("text/javascript; charset=utf-8", js.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("public, max-age=31536000, immutable", js.headers().firstValue("Cache-Control").orElseThrow());
        assertEquals("text/css; charset=utf-8", get("/assets/" + console.assetVersion() + "/style.css").headers()
                .firstValue("Content-Type").orElseThrow());
        assertEquals("image/svg+xml", get("/assets/" + console.assetVersion() + "/favicon.svg").headers()
                .firstValue("Content-Type").orElseThrow());
    }

    @Test
    void shouldNotServeAnAssetUnderAnotherFingerprintOrAnUnknownName() throws Exception {
        assertEquals(404, get("/assets/000000000000/app.js").statusCode());
        assertEquals(404, get("/assets/" + console.assetVersion() + "/missing.js").statusCode());
        assertEquals(404, get("/favicon.ico").statusCode());
    }

    @Test
    void shouldNeverAnswerApiCalls() throws Exception {
        var response = get("/api/products");
        assertEquals(404, response.statusCode(), "the console never proxies /api; the front door routes it");
    }

    @Test
    void shouldRefuseWritesAndAnswerHeadWithoutABody() throws Exception {
        var post = HTTP.send(HttpRequest.newBuilder(uri("/")).POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
        var head = HTTP.send(HttpRequest.newBuilder(uri("/")).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
    }

    @Test
    void shouldGzipTextAssetsForClientsThatAcceptIt() throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(uri("/assets/" + console.assetVersion() + "/i18n.js"))
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals("gzip", response.headers().firstValue("Content-Encoding").orElseThrow());
        String unzipped = new String(new GZIPInputStream(new ByteArrayInputStream(response.body())).readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(unzipped.contains("export function t("));
    }

    @Test
    void shouldListEveryAssetAndImportOnlyListedModules() throws IOException {
        Path dir = Path.of("src/main/resources/console");
        Set<String> listed = Files.readAllLines(dir.resolve("assets.list")).stream().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).collect(Collectors.toSet());
        Set<String> present;
        try (var files = Files.list(dir)) {
            present = files.map(p -> p.getFileName().toString())
                    .filter(name -> !name.equals("assets.list") && !name.equals(Assets.INDEX)).collect(Collectors.toSet());
        }
        assertEquals(present, listed, "assets.list names every file the console serves");
        var imports = Pattern.compile("from '\\./([\\w.-]+)'");
        for (String name : present.stream().filter(n -> n.endsWith(".js")).toList()) {
            var matcher = imports.matcher(Files.readString(dir.resolve(name)));
            while (matcher.find()) {
                assertTrue(listed.contains(matcher.group(1)), name + " imports the unlisted " + matcher.group(1));
            }
        }
    }

    /** The console's copy of the permission table (auth.js) says what docs/security.md says, row by row. */
    @Test
    void shouldHoldTheSamePermissionTableAsTheSecurityDocs() throws IOException {
        String doc = Files.readString(Path.of("../docs/security.md"));
        String table = doc.substring(doc.indexOf("<!-- permission-table:begin -->"), doc.indexOf("<!-- permission-table:end -->"));
        var docRow = Pattern.compile("(?m)^\\| ([A-Z ]+) \\| `([^`]+)` \\| [^|]+ \\| ([^|]+) \\|$").matcher(table);
        List<String> documented = new java.util.ArrayList<>();
        while (docRow.find()) {
            documented.add(docRow.group(1).strip() + " " + docRow.group(2) + " " + docRow.group(3).strip());
        }
        var jsRow = Pattern.compile("\\['([A-Z ]+)', '([^']+)', '([^']+)'\\]")
                .matcher(Files.readString(Path.of("src/main/resources/console/auth.js")));
        List<String> console = new java.util.ArrayList<>();
        while (jsRow.find()) {
            console.add(jsRow.group(1) + " " + jsRow.group(2) + " " + jsRow.group(3));
        }
        assertTrue(documented.size() > 20, "the table was read: " + documented);
        assertEquals(documented, console, "auth.js PERMISSIONS = docs/security.md's permission table, in order");
    }

    /** Every label exists in English and Chinese, and every t('...') key a module names has a label. */
    @Test
    void shouldLabelEveryKeyInBothLanguages() throws IOException {
        Path dir = Path.of("src/main/resources/console");
        String i18n = Files.readString(dir.resolve("i18n.js"));
        var key = Pattern.compile("'([\\w.-]+)': '");
        java.util.function.Function<String, Set<String>> keys = part -> key.matcher(part).results().map(m -> m.group(1))
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        Set<String> en = keys.apply(i18n.substring(i18n.indexOf("const en = {"), i18n.indexOf("const zh = {")));
        Set<String> zh = keys.apply(i18n.substring(i18n.indexOf("const zh = {"), i18n.indexOf("export const DICTIONARIES")));
        assertTrue(en.size() > 300, "the dictionary was read: " + en.size());
        assertEquals(en, zh, "the same keys in English and Chinese");
        var used = Pattern.compile("\\bt\\('([\\w.-]+)'");
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".js")).toList()) {
                var m = used.matcher(Files.readString(file));
                while (m.find()) {
                    assertTrue(en.contains(m.group(1)), file.getFileName() + " names the unlabelled key " + m.group(1));
                }
            }
        }
    }

    @Test
    void shouldChangeTheFingerprintWhenAnyAssetChanges() {
        assertTrue(console.assetVersion().matches("[0-9a-f]{12}"), console.assetVersion());
        assertEquals(console.assetVersion(), Assets.load().version(), "the same bytes give the same fingerprint");
        var files = new java.util.HashMap<>(java.util.Map.of("assets.list", "a.js\nb.css\n", "a.js", "export const a = 1;",
                "b.css", "p {}", Assets.INDEX, "<script src=\"%ASSETS%/a.js\"></script>"));
        String before = Assets.load(name -> files.get(name).getBytes(StandardCharsets.UTF_8)).version();
        files.put("b.css", "p { color: red }");
        var after = Assets.load(name -> files.get(name).getBytes(StandardCharsets.UTF_8));
        assertTrue(!before.equals(after.version()), "a changed stylesheet changes the fingerprint");
        assertEquals("<script src=\"/assets/" + after.version() + "/a.js\"></script>",
                new String(after.index().body(), StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + console.port() + path);
    }
}
