package dev.psi.stock;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The stock rules stay free of frameworks, and only the ledger writes stock. */
class ArchitectureTest {

    private final com.tngtech.archunit.core.domain.JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.psi.stock");

    @Test
    void domainDependsOnNoFrameworkDatabaseOrBroker() {
        noClasses().that().resideInAPackage("dev.psi.stock.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("io.micronaut..", "java.sql..", "javax.sql..",
                        "org.apache.kafka..", "io.lettuce..", "dev.psi.kernel..")
                .check(classes);
    }

    @Test
    void onlyTheLedgerAndTheDocumentsTouchStockTablesThroughTheirOwnTypes() {
        noClasses().that().resideInAPackage("dev.psi.stock.api..")
                .should().dependOnClassesThat().haveSimpleName("StockLedger")
                .check(classes);
    }
}
