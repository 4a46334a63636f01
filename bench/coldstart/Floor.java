import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;

/** The floor of bench/coldstart: JDK HTTP server + plain JDBC, one query per request (a new connection each time), nothing else. */
public final class Floor {
    public static void main(String[] args) throws Exception {
        String url = System.getenv().getOrDefault("FLOOR_JDBC_URL", "jdbc:mysql://127.0.0.1:3306/mysql?user=root");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(System.getenv("PORT"))), 0);
        server.createContext("/", exchange -> {
            byte[] body;
            int status = 200;
            // The same kind of query as GET /api/products: one tenant's products, first page.
            try (var c = DriverManager.getConnection(url);
                 var s = c.prepareStatement("SELECT sku, name, sale_price FROM products WHERE tenant_id = ? ORDER BY sku LIMIT 50")) {
                s.setString(1, "demo");
                var json = new StringBuilder("[");
                try (var r = s.executeQuery()) {
                    while (r.next()) {
                        json.append(json.length() > 1 ? "," : "").append("{\"sku\":\"").append(r.getString(1))
                                .append("\",\"name\":\"").append(r.getString(2)).append("\",\"salePrice\":").append(r.getBigDecimal(3)).append('}');
                    }
                }
                body = json.append(']').toString().getBytes(StandardCharsets.UTF_8);
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
