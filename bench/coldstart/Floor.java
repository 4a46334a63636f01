import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;

/** The floor of bench/coldstart: JDK HTTP server + plain JDBC, one query per request, nothing else. */
public final class Floor {
    public static void main(String[] args) throws Exception {
        String url = System.getenv().getOrDefault("FLOOR_JDBC_URL", "jdbc:mysql://127.0.0.1:3306/mysql?user=root");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(System.getenv("PORT"))), 0);
        server.createContext("/", exchange -> {
            byte[] body;
            int status = 200;
            try (var c = DriverManager.getConnection(url); var s = c.createStatement();
                 var r = s.executeQuery("SELECT COUNT(*) FROM information_schema.tables")) {
                r.next();
                body = ("{\"count\":" + r.getLong(1) + "}").getBytes(StandardCharsets.UTF_8);
            } catch (Exception e) {
                status = 503;
                body = String.valueOf(e).getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }
}
