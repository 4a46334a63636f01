package dev.psi.catalog;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.micronaut.http.annotation.Controller;

/** The rules of STYLE.md that a compiler does not check. */
@AnalyzeClasses(packages = "dev.psi.catalog", importOptions = ImportOption.DoNotIncludeTests.class)
class CatalogArchitectureTest {

    @ArchTest
    static final ArchRule domainUsesNoFrameworkDatabaseBrokerOrCache = noClasses()
            .that().resideInAPackage("dev.psi.catalog.domain..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.micronaut..", "java.sql..", "javax.sql..", "org.apache.kafka..", "io.lettuce..")
            .because("the domain holds the rules and must stay testable without a context, a database or a broker");

    @ArchTest
    static final ArchRule controllersAreNotPublic = classes()
            .that().areAnnotatedWith(Controller.class)
            .should().notBePublic()
            .because("a controller is an entry point for the router, not an API for other code");

    @ArchTest
    static final ArchRule everyControllerIsNamedSo = classes()
            .that().areAnnotatedWith(Controller.class)
            .should().haveSimpleNameEndingWith("Controller");
}
