package dev.psi.kernel.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.contract.order.SalesOrderRequest;
import dev.psi.contract.problem.FieldError;
import dev.psi.contract.stock.StockAdjustmentRequest;
import io.micronaut.json.JsonMapper;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A body of the wrong shape is reported in the client's words: the field's JSON path and what it must be. */
class BodyErrorsTest {

    private static final JsonMapper JSON = io.micronaut.context.ApplicationContext.builder().deduceEnvironment(false).start().getBean(JsonMapper.class);

    @Test
    void shouldNameTheFieldAndTheAllowedValuesOfAnEnum() {
        var error = error(StockAdjustmentRequest.class, "{\"warehouseCode\":\"W\",\"sku\":\"A\",\"quantity\":5,\"reason\":\"found\"}");

        assertEquals(new FieldError("reason", "must be one of DAMAGE, LOSS, FOUND, CORRECTION, SAMPLE, EXPIRED,"
                + " OPENING_BALANCE (in capitals, as written here)"), error);
    }

    @Test
    void shouldNameANestedFieldOfTheWrongTypeWithoutJavaTypes() {
        assertEquals(new FieldError("lines[1].quantity", "must be a number"), error(SalesOrderRequest.class,
                "{\"customerCode\":\"C\",\"warehouseCode\":\"W\",\"lines\":[{\"sku\":\"A\",\"quantity\":1},{\"sku\":\"B\",\"quantity\":\"x\"}]}"));
        assertEquals(new FieldError("warehouseCode", "must be text"), error(StockAdjustmentRequest.class,
                "{\"warehouseCode\":{},\"sku\":\"A\",\"quantity\":5,\"reason\":\"FOUND\"}"));
        assertEquals(new FieldError("unitCost", "must be a number"), error(StockAdjustmentRequest.class,
                "{\"warehouseCode\":\"W\",\"sku\":\"A\",\"quantity\":5,\"reason\":\"FOUND\",\"unitCost\":{\"a\":1}}"));
    }

    @Test
    void shouldRefuseABooleanOrANumberWhereTheTypeDiffers() {
        assertEquals(new FieldError("quantity", "must be a number"), error(StockAdjustmentRequest.class,
                "{\"warehouseCode\":\"W\",\"sku\":\"A\",\"quantity\":true,\"reason\":\"FOUND\"}"));
        assertEquals(new FieldError("sku", "must be text"), error(StockAdjustmentRequest.class,
                "{\"warehouseCode\":\"W\",\"sku\":true,\"quantity\":5,\"reason\":\"FOUND\"}"));
        assertEquals(new FieldError("warehouseCode", "must be text"), error(StockAdjustmentRequest.class,
                "{\"warehouseCode\":12,\"sku\":\"A\",\"quantity\":5,\"reason\":\"FOUND\"}"));
        assertEquals(new FieldError("lines[0].quantity", "must be a number"), error(SalesOrderRequest.class,
                "{\"customerCode\":\"C\",\"warehouseCode\":\"W\",\"lines\":[{\"sku\":\"A\",\"quantity\":false}]}"));
    }

    @Test
    void shouldNameTheListWhereItIsNotAList() {
        assertEquals(new FieldError("lines", "must be a list"), error(SalesOrderRequest.class,
                "{\"customerCode\":\"C\",\"warehouseCode\":\"W\",\"lines\":{\"nested\":1}}"));
    }

    @Test
    void shouldAskForAnObjectWhereTheBodyIsAList() {
        assertEquals(new FieldError("body", "must be a JSON object"), error(StockAdjustmentRequest.class, "[1]"));
    }

    @Test
    void shouldKeepEveryDecimalExactlyAndRefuseOneAJsonNumberCannotHold() throws Exception {
        for (String sent : List.of("0.1", "12.5", "99999.99", "1234567890.1234", "12345678901.2345", "-0.0001", "1e2", "7")) {
            var read = JSON.readValue("{\"warehouseCode\":\"W\",\"sku\":\"A\",\"quantity\":" + sent
                    + ",\"reason\":\"FOUND\"}", StockAdjustmentRequest.class);
            assertEquals(0, new BigDecimal(sent).compareTo(read.quantity()), sent + " read as " + read.quantity());
            assertTrue(read.quantity().scale() >= 0 && read.quantity().scale() <= 4, "no binary tail: " + read.quantity());
        }
        // 18 significant digits: the double nearest is 12345678901234.568; the string keeps every digit
        var refused = error(StockAdjustmentRequest.class,
                "{\"warehouseCode\":\"W\",\"sku\":\"A\",\"quantity\":12345678901234.5678,\"reason\":\"FOUND\"}");
        assertEquals("quantity", refused.field());
        assertTrue(refused.message().contains("significant digits"), refused.message());
        var asText = JSON.readValue("{\"warehouseCode\":\"W\",\"sku\":\"A\",\"quantity\":\"12345678901234.5678\","
                + "\"reason\":\"FOUND\"}", StockAdjustmentRequest.class);
        assertEquals(new BigDecimal("12345678901234.5678"), asText.quantity());
    }

    private static FieldError error(Class<?> type, String body) {
        try {
            JSON.readValue(body, type);
        } catch (Exception e) {
            return BodyErrors.of(e).orElseThrow(() -> new AssertionError("no field error for " + e));
        }
        throw new AssertionError("deserialized: " + body);
    }
}
