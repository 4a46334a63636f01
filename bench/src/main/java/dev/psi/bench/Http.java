package dev.psi.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The functions' HTTP API as a client sees it: JSON over HTTP/1.1 with keep-alive (the JDK client
 * pools one connection per concurrent request), tenant in {@code X-Tenant-Id}. Loopback only.
 */
final class Http {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final String tenant;

    Http(String tenant) {
        this.tenant = tenant;
    }

    HttpResponse<String> get(URI base, String path) throws IOException, InterruptedException {
        return client.send(request(base, path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(URI base, String path, String json) throws IOException, InterruptedException {
        return post(base, path, json, Map.of());
    }

    HttpResponse<String> post(URI base, String path, String json, Map<String, String> headers)
            throws IOException, InterruptedException {
        var builder = request(base, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(builder::header);
        return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs and insists on {@code expected}; for setting up, where anything else is a broken run. */
    HttpResponse<String> postExpecting(int expected, URI base, String path, String json)
            throws IOException, InterruptedException {
        var response = post(base, path, json);
        if (response.statusCode() != expected) {
            throw new IllegalStateException("POST " + base.resolve(path) + " answered " + response.statusCode()
                    + " instead of " + expected + ": " + response.body());
        }
        return response;
    }

    private HttpRequest.Builder request(URI base, String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).header("X-Tenant-Id", tenant)
                .header("Accept", "application/json");
    }

    /** A top-level string field of a JSON object (enough for the few answers the benchmarks read). */
    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no \"" + name + "\" in " + json);
        }
        return m.group(1);
    }
}
