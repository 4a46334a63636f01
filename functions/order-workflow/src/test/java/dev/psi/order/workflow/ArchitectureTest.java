package dev.psi.order.workflow;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The order rules stay free of frameworks, and only the store knows tables. */
class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.psi.order.workflow");

    @Test
    void domainDependsOnNoFrameworkDatabaseOrBroker() {
        noClasses().that().resideInAPackage("dev.psi.order.workflow.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("io.micronaut..", "java.sql..", "javax.sql..",
                        "org.apache.kafka..", "io.lettuce..", "dev.psi.kernel..")
                .check(classes);
    }

    @Test
    void onlyTheStoreRunsSql() {
        noClasses().that().resideOutsideOfPackage("dev.psi.order.workflow.store..")
                .should().callMethod(dev.psi.kernel.db.Tx.class, "update", String.class, Object[].class)
                .orShould().callMethod(dev.psi.kernel.db.Tx.class, "list", String.class,
                        dev.psi.kernel.db.Tx.RowMapper.class, Object[].class)
                .orShould().callMethod(dev.psi.kernel.db.Tx.class, "one", String.class,
                        dev.psi.kernel.db.Tx.RowMapper.class, Object[].class)
                .check(classes);
    }
}
