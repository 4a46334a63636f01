package dev.psi.order.workflow.api;

import dev.psi.contract.order.OrderMovement;
import dev.psi.contract.problem.ProblemType;
import dev.psi.kernel.tenant.FromCredentials;
import dev.psi.kernel.tenant.TenantId;
import dev.psi.kernel.web.ProblemException;
import dev.psi.kernel.web.ProblemResponses;
import dev.psi.order.workflow.documents.PrintedDocuments;
import dev.psi.order.workflow.documents.PrintedDocuments.Format;
import dev.psi.order.workflow.domain.Kind;
import dev.psi.order.workflow.store.DocumentReads;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The shipments and receipts of an order, and their printable documents: a delivery note and a sales invoice per shipment, a goods-received note per receipt, as
 * HTML or PDF. The format is {@code ?format=html|pdf} when given, else the first of the Accept header's types
 * (by quality) that is text/html or application/pdf (a wildcard takes HTML); none of them is a 406.
 */
@Controller("/api")
@ProblemResponses
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "printable documents")
class DocumentController {

    private static final String DESCRIPTION = " The format: ?format=html or ?format=pdf, else by Accept (text/html or"
            + " application/pdf; a browser's Accept and */* get HTML); 406 when Accept names neither.";

    private final PrintedDocuments documents;
    private final DocumentReads reads;

    DocumentController(PrintedDocuments documents, DocumentReads reads) {
        this.documents = documents;
        this.reads = reads;
    }

    @Operation(summary = "The shipments of a sales order, oldest first", description = "Each confirmed shipment's number"
            + " (which names its delivery note and invoice), when it left, what each line shipped, and finance's invoice"
            + " number once booked. 404 for an unknown order.")
    @Get("/sales-orders/{number}/shipments")
    List<OrderMovement> shipments(@FromCredentials TenantId tenant, String number) {
        return reads.movements(tenant, Kind.SALES, number);
    }

    @Operation(summary = "The goods receipts of a purchase order, oldest first", description = "Each confirmed receipt's"
            + " number (which names its goods-received note), when it arrived and what each line received. 404 for an"
            + " unknown order.")
    @Get("/purchase-orders/{number}/receipts")
    List<OrderMovement> receipts(@FromCredentials TenantId tenant, String number) {
        return reads.movements(tenant, Kind.PURCHASE, number);
    }

    @Operation(summary = "The delivery note of a shipment (HTML or PDF)", description = "Order, shipment and"
            + " customer, the lines with the quantities shipped; no prices." + DESCRIPTION)
    @Get(uri = "/sales-orders/{number}/shipments/{shipment}/delivery-note", produces = {MediaType.TEXT_HTML, "application/pdf"})
    HttpResponse<byte[]> deliveryNote(@FromCredentials TenantId tenant, String number, String shipment,
                                      @QueryValue @Nullable String format, @Header(HttpHeaders.ACCEPT) @Nullable String accept) {
        return respond(documents.deliveryNote(tenant, number, shipment, format(format, accept)));
    }

    @Operation(summary = "The sales invoice of a shipment (HTML or PDF)", description = "The shipped part of each line"
            + " at its share of the line's agreed net, tax and gross (finance's rule); the invoice number finance booked"
            + " for the shipment, or the shipment number as reference while none is booked." + DESCRIPTION)
    @Get(uri = "/sales-orders/{number}/shipments/{shipment}/invoice", produces = {MediaType.TEXT_HTML, "application/pdf"})
    HttpResponse<byte[]> invoice(@FromCredentials TenantId tenant, String number, String shipment,
                                 @QueryValue @Nullable String format, @Header(HttpHeaders.ACCEPT) @Nullable String accept) {
        return respond(documents.invoice(tenant, number, shipment, format(format, accept)));
    }

    @Operation(summary = "The goods-received note of a receipt (HTML or PDF)", description = "Order, receipt and"
            + " supplier, the lines with the quantities received; no prices." + DESCRIPTION)
    @Get(uri = "/purchase-orders/{number}/receipts/{receipt}/goods-received-note", produces = {MediaType.TEXT_HTML, "application/pdf"})
    HttpResponse<byte[]> goodsReceivedNote(@FromCredentials TenantId tenant, String number, String receipt,
                                           @QueryValue @Nullable String format, @Header(HttpHeaders.ACCEPT) @Nullable String accept) {
        return respond(documents.goodsReceivedNote(tenant, number, receipt, format(format, accept)));
    }

    private static HttpResponse<byte[]> respond(PrintedDocuments.Rendered document) {
        return HttpResponse.ok(document.body()).contentType(document.mediaType())
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + document.fileName() + "\"");
    }

    /** ?format first; else Accept's types by quality (ties in their order): the first that is HTML, PDF or a wildcard. */
    static Format format(@Nullable String format, @Nullable String accept) {
        if (format != null) {
            return switch (format.trim().toLowerCase(Locale.ROOT)) {
                case "html" -> Format.HTML;
                case "pdf" -> Format.PDF;
                default -> throw ProblemException.invalid("format", "must be html or pdf");
            };
        }
        if (accept == null || accept.isBlank()) {
            return Format.HTML;
        }
        record Wanted(String type, double quality, int position) {
        }
        var wanted = new ArrayList<Wanted>();
        String[] parts = accept.split(",");
        for (int i = 0; i < parts.length; i++) {
            String[] params = parts[i].split(";");
            double q = 1;
            for (int p = 1; p < params.length; p++) {
                String param = params[p].trim();
                if (param.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(param.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            wanted.add(new Wanted(params[0].trim().toLowerCase(Locale.ROOT), q, i));
        }
        wanted.sort(Comparator.comparingDouble(Wanted::quality).reversed().thenComparingInt(Wanted::position));
        for (var w : wanted) {
            if (w.quality() <= 0) {
                continue;
            }
            switch (w.type()) {
                case "application/pdf":
                    return Format.PDF;
                case "text/html", "text/*", "*/*":
                    return Format.HTML;
                default:
                    break;
            }
        }
        throw new ProblemException(ProblemType.NOT_ACCEPTABLE, "This document comes as text/html or application/pdf,"
                + " not " + accept + " (or ask with ?format=html|pdf)");
    }
}
