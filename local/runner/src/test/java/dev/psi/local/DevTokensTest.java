package dev.psi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The front door's development tokens over real HTTP: offered, signed with the secret, refused when not asked properly. */
class DevTokensTest {

    static final String SECRET = "a-development-secret-of-at-least-32-characters";
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();
    static FrontDoor door;

    @BeforeAll
    static void start() throws IOException {
        door = FrontDoor.start(0, Routes.load(Path.of("../../k8s/api-routes.yaml")), Map.of(), Map::of, new DevTokens(SECRET));
    }

    @AfterAll
    static void stop() {
        door.close();
    }

    @Test
    void shouldSayThatItOffersTokens() throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(uri()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElseThrow());
        JsonNode body = JSON.readTree(response.body());
        assertEquals(true, body.get("offered").asBoolean());
        assertEquals(5, body.get("roles").size());
    }

    @Test
    void shouldIssueATokenSignedWithTheFunctionsSecret() throws Exception {
        var response = post("{\"tenant\":\"demo\",\"roles\":[\"Viewer\",\"sales\"],\"subject\":\"li.ming\"}", "application/json");
        assertEquals(200, response.statusCode(), response.body());
        String token = JSON.readTree(response.body()).get("token").asText();
        String[] parts = token.split("\\.");
        assertEquals(3, parts.length);
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(MessageDigest.isEqual(expected, Base64.getUrlDecoder().decode(parts[2])), "signed with the secret");
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertEquals("li.ming", claims.get("sub").asText());
        assertEquals("demo", claims.get("tenant").asText());
        assertEquals("[\"viewer\",\"sales\"]", claims.get("roles").toString());
        long ttl = claims.get("exp").asLong() - Instant.now().getEpochSecond();
        assertTrue(ttl > 7 * 3600 && ttl <= 8 * 3600, "8 hours: " + ttl);
    }

    @Test
    void shouldRefuseUnknownRolesABadTenantAndAnotherContentType() throws Exception {
        assertEquals(400, post("{\"tenant\":\"demo\",\"roles\":[\"root\"]}", "application/json").statusCode());
        assertEquals(400, post("{\"tenant\":\"demo\",\"roles\":[]}", "application/json").statusCode());
        assertEquals(400, post("{\"tenant\":\"de mo\",\"roles\":[\"admin\"]}", "application/json").statusCode());
        assertEquals(400, post("[1]", "application/json").statusCode());
        var form = post("tenant=demo&roles=admin", "application/x-www-form-urlencoded");
        assertEquals(415, form.statusCode(), "a cross-site form cannot get one");
        assertTrue(form.body().contains("urn:psi:problem:"), form.body());
    }

    @Test
    void shouldRefuseARequestForAnotherHost() throws IOException {
        // java.net.http will not set Host; a raw request does, as a DNS-rebinding page's would.
        try (var socket = new Socket(InetAddress.getLoopbackAddress(), door.uri().getPort())) {
            byte[] body = "{\"tenant\":\"demo\",\"roles\":[\"admin\"]}".getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /local/dev-token HTTP/1.1\r\nHost: evil.example:8080\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 403"), answer);
            assertTrue(!answer.contains("\"token\""), answer);
        }
    }

    private static HttpResponse<String> post(String body, String type) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri()).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri() {
        return URI.create(door.uri() + DevTokens.PATH);
    }
}
