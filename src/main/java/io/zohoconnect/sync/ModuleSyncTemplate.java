package io.zohoconnect.sync;

import io.zohoconnect.sync.SyncSettings.Declared;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The {@code zoho-module-sync} route template and the syncs declared under {@code zoho.syncs[n]}.
 * Each sync is its own Quartz-timed route, {@code zoho-sync-<id>} (in profile {@code cluster} the
 * timer fires on one node per tick; the sync lease covers manual runs on other nodes).
 *
 * <p>Parameters: {@code connectionId}, {@code module}, {@code sink} (any Camel URI), and optionally
 * {@code fields} (comma-separated; default: discovered), {@code schedule} (Quartz cron, default every
 * 15 minutes), {@code mode} (incremental | full), {@code deletions} (true | false), {@code batch}
 * (record | page), {@code syncId} (default {@code <connectionId>-<module>}).
 */
@Component
class ModuleSyncTemplate extends RouteBuilder {

    static final String TEMPLATE = "zoho-module-sync";
    static final String DEFAULT_SCHEDULE = "0 0/15 * * * ?";

    private final ModuleSync sync;
    private final SyncRegistry registry;
    private final DeclaredSyncs declared;

    ModuleSyncTemplate(ModuleSync sync, SyncRegistry registry, DeclaredSyncs declared) {
        this.sync = sync;
        this.registry = registry;
        this.declared = declared;
    }

    @Override
    public void configure() {
        routeTemplate(TEMPLATE)
                .templateParameter("connectionId")
                .templateParameter("module")
                .templateParameter("sink")
                .templateParameter("fields", "")
                .templateParameter("schedule", DEFAULT_SCHEDULE)
                .templateParameter("mode", "incremental")
                .templateParameter("deletions", "true")
                .templateParameter("batch", "record")
                .templateParameter("syncId", "")
                .configure(context -> {
                    java.util.function.Function<String, String> param = name -> {
                        String raw = context.getProperty(name, String.class);
                        // parameters may hold {{property}} placeholders (YAML, properties): resolve them like the route does
                        return raw == null ? null : context.getCamelContext().resolvePropertyPlaceholders(raw);
                    };
                    SyncSpec spec = new SyncSpec(
                            syncId(param.apply("syncId"), param.apply("connectionId"), param.apply("module")),
                            param.apply("connectionId"),
                            param.apply("module"),
                            SyncSpec.fieldList(param.apply("fields")),
                            // the sink stays as given: Camel resolves its placeholders when it creates the endpoint,
                            // and resolving here would also eat escapes such as appendChars=\n
                            context.getProperty("sink", String.class),
                            param.apply("schedule"),
                            SyncSpec.Mode.parse(param.apply("mode")),
                            Boolean.parseBoolean(param.apply("deletions")),
                            SyncSpec.Batch.parse(param.apply("batch")));
                    registry.register(spec);
                })
                // the trigger is unique per sync: connection, module and the explicit id when given
                .from("quartz://zoho-sync/{{connectionId}}.{{module}}.{{syncId}}?cron={{schedule}}&stateful=true"
                        + "&usingFixedCamelContextName=true&deleteJob=false")
                .setProperty("zoho.sync.id", simple("{{syncId}}"))
                .setProperty("zoho.sync.connection", simple("{{connectionId}}"))
                .setProperty("zoho.sync.module", simple("{{module}}"))
                .process(exchange -> {
                    String id = syncId(exchange.getProperty("zoho.sync.id", String.class),
                            exchange.getProperty("zoho.sync.connection", String.class),
                            exchange.getProperty("zoho.sync.module", String.class));
                    exchange.getMessage().setBody(sync.run(registry.find(id).orElseThrow()));
                });

        for (Declared d : declared.syncs()) {
            String id = syncId(d.id(), d.connectionId(), d.module());
            templatedRoute(TEMPLATE).routeId("zoho-sync-" + id)
                    .parameter("syncId", id)
                    .parameter("connectionId", d.connectionId())
                    .parameter("module", d.module())
                    .parameter("sink", d.sink())
                    .parameter("fields", d.fields() == null ? "" : d.fields())
                    .parameter("schedule", d.schedule() == null ? DEFAULT_SCHEDULE : d.schedule())
                    .parameter("mode", d.mode() == null ? "incremental" : d.mode())
                    .parameter("deletions", String.valueOf(d.deletions() == null || d.deletions()))
                    .parameter("batch", d.batch() == null ? "record" : d.batch());
        }
    }

    static String syncId(String explicit, String connectionId, String module) {
        return explicit != null && !explicit.isBlank() ? explicit : connectionId + "-" + module;
    }
}
