package dev.psi.finance;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The finance rules stay free of frameworks, the database and the broker. */
class ArchitectureTest {

    @Test
    void domainDependsOnNoFrameworkDatabaseOrBroker() {
        noClasses().that().resideInAPackage("dev.psi.finance.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("io.micronaut..", "java.sql..", "javax.sql..",
                        "org.apache.kafka..", "dev.psi.kernel..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.psi.finance"));
    }
}
