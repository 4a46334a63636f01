package dev.psi.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code --demo}: a small trading business loaded through the public API at the front door, so it takes the
 * same paths as a clerk: 2 warehouses, 3 suppliers, 5 customers, 30 products in 5 categories, opening stock, sales
 * orders confirmed, rejected, shipped, cancelled and returned, and purchase orders submitted, partially received
 * and received. Every write carries an {@code Idempotency-Key} of its own, so a second run with the same data
 * directory changes nothing (each answer is the first one's). A PLACED order does not stay PLACED: stock-adjust
 * confirms or rejects it within milliseconds, as its history shows.
 */
final class DemoData {

    static final String TENANT = "demo";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SETTLE = Duration.ofSeconds(60);

    private final URI frontDoor;
    private final String authorization;
    private final Consumer<String> log;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * {@code authorization}: the {@code Authorization} header of every request, a token of the demo tenant's admin,
     * so the data loads in JWT mode as in local mode (where the functions read that token too).
     */
    DemoData(URI frontDoor, String authorization, Consumer<String> log) {
        this.frontDoor = frontDoor;
        this.authorization = authorization;
        this.log = log;
    }

    /** {@code sku, name, unit, category, purchase price, sale price, supplier}. */
    private static final String[][] PRODUCTS = {
            {"FRU-APPLE", "Fuji apple", "kg", "fruit", "2.40", "3.90", "SUP-GREEN"},
            {"FRU-PEAR", "Ya pear", "kg", "fruit", "2.10", "3.50", "SUP-GREEN"},
            {"FRU-ORANGE", "Navel orange", "kg", "fruit", "2.80", "4.60", "SUP-GREEN"},
            {"FRU-BANANA", "Banana", "kg", "fruit", "1.60", "2.90", "SUP-GREEN"},
            {"FRU-GRAPE", "Kyoho grape", "kg", "fruit", "6.50", "9.80", "SUP-GREEN"},
            {"FRU-KIWI", "Kiwi fruit", "kg", "fruit", "5.20", "8.40", "SUP-GREEN"},
            {"VEG-TOMATO", "Tomato", "kg", "vegetables", "1.80", "3.20", "SUP-GREEN"},
            {"VEG-CUCUMBER", "Cucumber", "kg", "vegetables", "1.40", "2.60", "SUP-GREEN"},
            {"VEG-CABBAGE", "Napa cabbage", "kg", "vegetables", "0.90", "1.80", "SUP-GREEN"},
            {"VEG-CARROT", "Carrot", "kg", "vegetables", "1.10", "2.10", "SUP-GREEN"},
            {"VEG-POTATO", "Potato", "kg", "vegetables", "0.80", "1.60", "SUP-GREEN"},
            {"VEG-PEPPER", "Green pepper", "kg", "vegetables", "2.60", "4.20", "SUP-GREEN"},
            {"BEV-WATER", "Mineral water 550 ml", "bottle", "beverages", "0.45", "1.00", "SUP-RIVER"},
            {"BEV-COLA", "Cola 330 ml", "can", "beverages", "0.90", "1.80", "SUP-RIVER"},
            {"BEV-TEA", "Green tea 500 ml", "bottle", "beverages", "1.20", "2.50", "SUP-RIVER"},
            {"BEV-JUICE", "Orange juice 1 l", "carton", "beverages", "3.20", "5.90", "SUP-RIVER"},
            {"BEV-MILK", "Whole milk 1 l", "carton", "beverages", "2.60", "4.30", "SUP-RIVER"},
            {"BEV-COFFEE", "Canned coffee 240 ml", "can", "beverages", "1.90", "3.60", "SUP-RIVER"},
            {"SNK-CHIPS", "Potato chips 100 g", "bag", "snacks", "1.50", "3.20", "SUP-RIVER"},
            {"SNK-COOKIE", "Butter cookies 200 g", "box", "snacks", "3.40", "6.50", "SUP-RIVER"},
            {"SNK-NUTS", "Mixed nuts 250 g", "bag", "snacks", "6.80", "11.90", "SUP-RIVER"},
            {"SNK-CHOC", "Dark chocolate 100 g", "bar", "snacks", "2.90", "5.50", "SUP-RIVER"},
            {"SNK-CRACKER", "Rice crackers 150 g", "bag", "snacks", "1.70", "3.40", "SUP-RIVER"},
            {"SNK-JERKY", "Beef jerky 80 g", "bag", "snacks", "5.60", "9.90", "SUP-RIVER"},
            {"HOM-SOAP", "Hand soap 500 ml", "bottle", "household", "2.20", "4.50", "SUP-NORTH"},
            {"HOM-TISSUE", "Facial tissue, 6 pack", "pack", "household", "3.10", "5.80", "SUP-NORTH"},
            {"HOM-DETERG", "Laundry detergent 2 kg", "bag", "household", "7.40", "12.90", "SUP-NORTH"},
            {"HOM-SPONGE", "Kitchen sponges, 4 pack", "pack", "household", "1.30", "2.90", "SUP-NORTH"},
            {"HOM-BAGS", "Trash bags, 30", "roll", "household", "1.90", "3.80", "SUP-NORTH"},
            {"HOM-BULB", "LED bulb 9 W", "piece", "household", "2.70", "5.90", "SUP-NORTH"},
    };

    /** Loads everything (or finds it loaded); returns a one-line summary. */
    String load() throws IOException, InterruptedException {
        create("/api/warehouses", "wh-sh", Map.of("code", "WH-SH", "name", "Shanghai central warehouse"));
        create("/api/warehouses", "wh-gz", Map.of("code", "WH-GZ", "name", "Guangzhou south warehouse"));
        create("/api/suppliers", "sup-green", partner("SUP-GREEN", "Green Valley Produce", "Ms. Zhou", "orders@greenvalley.example"));
        create("/api/suppliers", "sup-river", partner("SUP-RIVER", "Blue River Beverages & Snacks", "Mr. Lin", "sales@blueriver.example"));
        create("/api/suppliers", "sup-north", partner("SUP-NORTH", "Northwind Household Goods", "Ms. Park", "trade@northwind.example"));
        create("/api/customers", "cus-1", partner("CUS-LIMING", "Li Ming Trading", "Li Ming", "buy@liming.example"));
        create("/api/customers", "cus-2", partner("CUS-FRESHMART", "FreshMart Supermarkets", "Wang Fang", "purchasing@freshmart.example"));
        create("/api/customers", "cus-3", partner("CUS-CAMPUS", "Campus Canteen Services", "Chen Jie", "canteen@campus.example"));
        create("/api/customers", "cus-4", partner("CUS-CORNER", "Corner Store No. 7", "Zhao Lei", "store7@corner.example"));
        create("/api/customers", "cus-5", partner("CUS-HOTEL", "Harbour View Hotel", "Sun Yu", "kitchen@harbourview.example"));
        for (String[] p : PRODUCTS) {
            Map<String, Object> product = new LinkedHashMap<>();
            product.put("sku", p[0]);
            product.put("name", p[1]);
            product.put("unit", p[2]);
            product.put("barcode", "69" + String.format("%011d", Math.abs(p[0].hashCode()) % 100_000_000_000L));
            product.put("category", p[3]);
            product.put("purchasePrice", new BigDecimal(p[4]));
            product.put("salePrice", new BigDecimal(p[5]));
            product.put("reorderPoint", 20);
            product.put("reorderQuantity", 100);
            product.put("preferredSupplierCode", p[6]);
            create("/api/products", "product-" + p[0], product);
        }
        // Opening stock: every product in Shanghai, the fruit and beverages in Guangzhou too. One product stays empty.
        for (String[] p : PRODUCTS) {
            if (p[0].equals("HOM-BULB")) {
                continue;
            }
            create("/api/stock/adjustments", "opening-WH-SH-" + p[0], Map.of("warehouseCode", "WH-SH", "sku", p[0],
                    "quantity", 120, "reason", "OPENING_BALANCE", "unitCost", new BigDecimal(p[4])));
            if (p[3].equals("fruit") || p[3].equals("beverages")) {
                create("/api/stock/adjustments", "opening-WH-GZ-" + p[0], Map.of("warehouseCode", "WH-GZ",
                        "sku", p[0], "quantity", 60, "reason", "OPENING_BALANCE", "unitCost", new BigDecimal(p[4])));
            }
        }

        List<String> confirmed = new ArrayList<>();
        JsonNode first = create("/api/sales-orders", "so-1", salesOrderBody("CUS-FRESHMART", "WH-SH",
                line("FRU-APPLE", 30), line("BEV-WATER", 48)));
        confirmed.add(first.path("number").asText());
        // The demo's dates hang on its first order, never on today: a second run (another day, the same database)
        // must send the very bodies of the first, or each Idempotency-Key would be refused as reused with a different
        // request. The first order's answer is replayed with its first createdAt.
        LocalDate expected = expectedDate(first);
        confirmed.add(salesOrder("so-2", "CUS-HOTEL", "WH-GZ", line("FRU-ORANGE", 20), line("BEV-JUICE", 12)));
        String shipped1 = salesOrder("so-3", "CUS-LIMING", "WH-SH", line("VEG-TOMATO", 25), line("VEG-POTATO", 40));
        String shipped2 = salesOrder("so-4", "CUS-CAMPUS", "WH-SH", line("VEG-CABBAGE", 35), line("SNK-CHIPS", 24));
        String toCancel = salesOrder("so-5", "CUS-CORNER", "WH-SH", line("SNK-CHOC", 10), line("BEV-COLA", 24));
        String toReturn = salesOrder("so-6", "CUS-FRESHMART", "WH-GZ", line("FRU-GRAPE", 15));
        String rejected = salesOrder("so-7", "CUS-HOTEL", "WH-SH", line("HOM-BULB", 10));
        // On a second run the orders are further on already: wait for "at least confirmed", never for a state passed.
        Set<String> confirmedOrLater = Set.of("CONFIRMED", "PARTIALLY_SHIPPED", "SHIPPED", "CANCELLING", "CANCELLED");
        for (String number : List.of(confirmed.get(0), confirmed.get(1), shipped1, shipped2, toCancel, toReturn)) {
            awaitStatus("sales-orders", number, confirmedOrLater);
        }
        awaitStatus("sales-orders", rejected, Set.of("REJECTED"));
        command("/api/sales-orders/" + shipped1 + "/shipments", "ship-" + shipped1, null);
        command("/api/sales-orders/" + shipped2 + "/shipments", "ship-" + shipped2, null);
        command("/api/sales-orders/" + toReturn + "/shipments", "ship-" + toReturn, null);
        command("/api/sales-orders/" + toCancel + "/cancel", "cancel-" + toCancel, Map.of("reason", "customer changed the order"));
        awaitStatus("sales-orders", shipped1, Set.of("SHIPPED"));
        awaitStatus("sales-orders", shipped2, Set.of("SHIPPED"));
        awaitStatus("sales-orders", toReturn, Set.of("SHIPPED"));
        awaitStatus("sales-orders", toCancel, Set.of("CANCELLED"));
        command("/api/sales-orders/" + toReturn + "/returns", "return-" + toReturn,
                Map.of("lines", List.of(line("FRU-GRAPE", 3)), "note", "3 kg arrived bruised"));

        String submitted = purchaseOrder("po-1", expected, "SUP-NORTH", "WH-SH", line("HOM-BULB", 200, "2.60"));
        String partial = purchaseOrder("po-2", expected, "SUP-GREEN", "WH-SH", line("FRU-APPLE", 100, "2.30"), line("FRU-KIWI", 50, "5.00"));
        String received = purchaseOrder("po-3", expected, "SUP-RIVER", "WH-GZ", line("BEV-TEA", 120, "1.15"), line("SNK-NUTS", 40, "6.60"));
        command("/api/purchase-orders/" + partial + "/receipts", "receive-" + partial,
                Map.of("lines", List.of(line("FRU-APPLE", 60))));
        command("/api/purchase-orders/" + received + "/receipts", "receive-" + received, null);
        awaitStatus("purchase-orders", partial, Set.of("PARTIALLY_RECEIVED", "RECEIVED"));
        awaitStatus("purchase-orders", received, Set.of("RECEIVED"));
        return String.format("demo data for tenant %s: 2 warehouses, 3 suppliers, 5 customers, %d products; sales orders"
                        + " %s, %s CONFIRMED, %s REJECTED, %s, %s SHIPPED, %s CANCELLED, %s SHIPPED with a return;"
                        + " purchase orders %s SUBMITTED, %s PARTIALLY_RECEIVED, %s RECEIVED", TENANT, PRODUCTS.length,
                confirmed.get(0), confirmed.get(1), rejected, shipped1, shipped2, toCancel, toReturn, submitted, partial,
                received);
    }

    private static Map<String, Object> partner(String code, String name, String contact, String email) {
        return Map.of("code", code, "name", name, "contact", contact, "email", email);
    }

    private static Map<String, Object> line(String sku, int quantity) {
        return Map.of("sku", sku, "quantity", quantity);
    }

    private static Map<String, Object> line(String sku, int quantity, String unitPrice) {
        return Map.of("sku", sku, "quantity", quantity, "unitPrice", new BigDecimal(unitPrice));
    }

    @SafeVarargs
    private String salesOrder(String key, String customer, String warehouse, Map<String, Object>... lines)
            throws IOException, InterruptedException {
        return create("/api/sales-orders", key, salesOrderBody(customer, warehouse, lines)).path("number").asText();
    }

    @SafeVarargs
    private static Map<String, Object> salesOrderBody(String customer, String warehouse, Map<String, Object>... lines) {
        return Map.of("customerCode", customer, "warehouseCode", warehouse, "lines", List.of(lines));
    }

    /** A week after the day (UTC) the demo's first order was created. */
    private static LocalDate expectedDate(JsonNode firstOrder) {
        return Instant.parse(firstOrder.path("createdAt").asText()).atOffset(ZoneOffset.UTC).toLocalDate().plusDays(7);
    }

    @SafeVarargs
    private String purchaseOrder(String key, LocalDate expected, String supplier, String warehouse,
            Map<String, Object>... lines) throws IOException, InterruptedException {
        return create("/api/purchase-orders", key, Map.of("supplierCode", supplier, "warehouseCode", warehouse,
                "expectedDate", expected.toString(), "lines", List.of(lines))).path("number").asText();
    }

    private JsonNode create(String path, String key, Object body) throws IOException, InterruptedException {
        return post(path, key, body, Set.of(200, 201));
    }

    private void command(String path, String key, Object body) throws IOException, InterruptedException {
        post(path, key, body, Set.of(200, 202));
    }

    private JsonNode post(String path, String key, Object body, Set<Integer> expected)
            throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(frontDoor.resolve(path)).timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json").header("Authorization", authorization)
                .header("Idempotency-Key", "psi-demo-" + key)
                .POST(body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                .build();
        var response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (!expected.contains(response.statusCode())) {
            throw new IOException("demo: POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
    }

    private void awaitStatus(String resource, String number, Set<String> wanted)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        String status = "?";
        while (System.nanoTime() < deadline) {
            var response = http.send(HttpRequest.newBuilder(frontDoor.resolve("/api/" + resource + "/" + number))
                    .header("Authorization", authorization).timeout(Duration.ofSeconds(120)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                status = JSON.readTree(response.body()).path("status").asText();
                if (wanted.contains(status)) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        log.accept("demo: " + number + " is " + status + ", not " + wanted + " after " + SETTLE.toSeconds() + " s");
    }
}
