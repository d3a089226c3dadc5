package io.zohoconnect;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layers of DESIGN.md "Layout", read from the compiled main classes: an import never points up, and
 * no two packages import each other. Top to bottom: edges (web, amqp, gateway, and the root package that
 * assembles the service) → component → features (sync, notifications, bulk, credits) → crm → credentials
 * → events, audit → connection → datacenter → lifecycle (shutdown and training-run flags every layer reads).
 * A package may use its own layer and any layer below it.
 */
@AnalyzeClasses(packages = "io.zohoconnect", importOptions = ImportOption.DoNotIncludeTests.class)
class LayersTest {

    private static final String EDGES = "edges";
    private static final String COMPONENT = "component";
    private static final String FEATURES = "features";
    private static final String CRM = "crm";
    private static final String CREDENTIALS = "credentials";
    private static final String RECORDS = "events and audit";
    private static final String CONNECTION = "connection";
    private static final String DATACENTER = "datacenter";
    private static final String LIFECYCLE = "lifecycle";

    @ArchTest
    static final ArchRule importsOnlyPointDown = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer(EDGES).definedBy("io.zohoconnect", "io.zohoconnect.web..", "io.zohoconnect.amqp..",
                    "io.zohoconnect.gateway..")
            .layer(COMPONENT).definedBy("io.zohoconnect.component..")
            .layer(FEATURES).definedBy("io.zohoconnect.sync..", "io.zohoconnect.notifications..",
                    "io.zohoconnect.bulk..", "io.zohoconnect.credits..")
            .layer(CRM).definedBy("io.zohoconnect.crm..")
            .layer(CREDENTIALS).definedBy("io.zohoconnect.credentials..")
            .layer(RECORDS).definedBy("io.zohoconnect.events..", "io.zohoconnect.audit..")
            .layer(CONNECTION).definedBy("io.zohoconnect.connection..")
            .layer(DATACENTER).definedBy("io.zohoconnect.datacenter..")
            .layer(LIFECYCLE).definedBy("io.zohoconnect.lifecycle..")
            .whereLayer(EDGES).mayNotBeAccessedByAnyLayer()
            .whereLayer(COMPONENT).mayOnlyBeAccessedByLayers(EDGES)
            .whereLayer(FEATURES).mayOnlyBeAccessedByLayers(EDGES, COMPONENT)
            .whereLayer(CRM).mayOnlyBeAccessedByLayers(EDGES, COMPONENT, FEATURES)
            .whereLayer(CREDENTIALS).mayOnlyBeAccessedByLayers(EDGES, COMPONENT, FEATURES, CRM)
            .whereLayer(RECORDS).mayOnlyBeAccessedByLayers(EDGES, COMPONENT, FEATURES, CRM, CREDENTIALS)
            .whereLayer(CONNECTION).mayOnlyBeAccessedByLayers(EDGES, COMPONENT, FEATURES, CRM, CREDENTIALS, RECORDS)
            .whereLayer(DATACENTER).mayOnlyBeAccessedByLayers(EDGES, COMPONENT, FEATURES, CRM, CREDENTIALS, RECORDS,
                    CONNECTION)
            .whereLayer(LIFECYCLE).mayOnlyBeAccessedByLayers(EDGES, COMPONENT, FEATURES, CRM, CREDENTIALS, RECORDS,
                    CONNECTION, DATACENTER);

    /** Packages of one layer may use each other, but never both ways (sync and notifications, events and audit). */
    @ArchTest
    static final ArchRule noPackageCycle = slices().matching("io.zohoconnect.(*)..").should().beFreeOfCycles();
}
