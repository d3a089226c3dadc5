package io.zohoconnect.sync;

import io.zohoconnect.sync.SyncSettings.Declared;

import org.apache.camel.Endpoint;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The {@code zoho-module-sync} route template and the syncs declared under {@code zoho.syncs[n]}.
 * Each sync is its own route, {@code zoho-sync-<id>}: {@code from("zoho-crm:changes/{module}?…").to(sink)},
 * the changes consumer on the sync's Quartz cron (in profile {@code cluster} the timer fires on one
 * node per tick; the sync lease covers manual runs and overlaps on other nodes).
 *
 * <p>Parameters: {@code connectionId}, {@code module}, {@code sink} (any Camel URI), and optionally
 * {@code fields} (comma-separated; default: discovered), {@code schedule} (Quartz cron, default every
 * 15 minutes), {@code mode} (incremental | full), {@code deletions} (true | false), {@code batch}
 * (record | page), {@code syncId} (default {@code <connectionId>-<module>}).
 */
@Component
class ModuleSyncTemplate extends RouteBuilder {

    static final String TEMPLATE = "zoho-module-sync";
    static final String DEFAULT_SCHEDULE = "0 0/15 * * * ?"; // as the consumer's

    private final SyncRegistry registry;
    private final DeclaredSyncs declared;

    ModuleSyncTemplate(SyncRegistry registry, DeclaredSyncs declared) {
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
                // the sink endpoint, looked up from the parameter as given (Camel resolves its placeholders then): a
                // plain .to("{{sink}}") would parse it once more and eat escapes such as appendChars=\n
                .templateBean("sinkEndpoint", Endpoint.class,
                        context -> context.getCamelContext().getEndpoint(context.getProperty("sink", String.class)))
                // a thin wrapper over the consumer: it runs the sync on its cron; the sink gets JSON text as before.
                // No error handler of its own: a sink that fails stops the run at that page (the sync says so).
                .from("zoho-crm:changes/{{module}}?connectionId=RAW({{connectionId}})&syncId=RAW({{syncId}})"
                        + "&fields=RAW({{fields}})&schedule=RAW({{schedule}})&mode={{mode}}&deletions={{deletions}}"
                        + "&batch={{batch}}")
                .errorHandler(noErrorHandler())
                .convertBodyTo(String.class)
                .to("ref:{{sinkEndpoint}}");

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
