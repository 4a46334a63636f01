package dev.psi.contract.catalog;

/** The shape of SKUs and of warehouse, supplier and customer codes. */
public final class Codes {

    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._/-]*";
    public static final String MESSAGE = "must start with a letter or digit and contain only letters, digits, '.', '_', '/' and '-'";

    private Codes() {
    }
}
