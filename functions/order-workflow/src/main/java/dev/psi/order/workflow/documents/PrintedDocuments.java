package dev.psi.order.workflow.documents;

import dev.psi.kernel.tenant.TenantId;
import dev.psi.order.workflow.store.DocumentReads;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/**
 * The printable documents of shipments and receipts: each built once as a {@link PrintedDocument} and shown as
 * HTML or PDF, two views of the same model.
 */
@Singleton
public final class PrintedDocuments {

    /** A document in one format: its bytes, media type and a file name. */
    public record Rendered(byte[] body, String mediaType, String fileName) {
    }

    /** The formats a document comes in. */
    public enum Format {
        HTML("text/html;charset=utf-8", "html"), PDF("application/pdf", "pdf");

        private final String mediaType;
        private final String extension;

        Format(String mediaType, String extension) {
            this.mediaType = mediaType;
            this.extension = extension;
        }
    }

    private final DocumentReads reads;
    private final FallbackFont font;

    PrintedDocuments(DocumentReads reads, @Value("${psi.documents.font:}") String font) {
        this.reads = reads;
        this.font = FallbackFont.configured(font);
    }

    public Rendered deliveryNote(TenantId tenant, String order, String shipment, Format format) {
        return render(DocumentBuilder.deliveryNote(reads.shipment(tenant, order, shipment)), format);
    }

    public Rendered invoice(TenantId tenant, String order, String shipment, Format format) {
        return render(DocumentBuilder.invoice(reads.shipment(tenant, order, shipment)), format);
    }

    public Rendered goodsReceivedNote(TenantId tenant, String order, String receipt, Format format) {
        return render(DocumentBuilder.goodsReceivedNote(reads.receipt(tenant, order, receipt)), format);
    }

    private Rendered render(PrintedDocument doc, Format format) {
        byte[] body = format == Format.PDF ? DocumentPdf.render(doc, font)
                : DocumentHtml.render(doc).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return new Rendered(body, format.mediaType, doc.fileName().replaceAll("[^A-Za-z0-9._-]", "_") + "."
                + format.extension);
    }
}
