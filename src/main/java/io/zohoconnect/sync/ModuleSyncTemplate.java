package io.zohoconnect.sync;

import io.zohoconnect.sync.SyncSettings.Declared;

import org.apache.camel.Endpoint;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Two shorthands of one route, {@code from("zoho-crm:changes/{module}?…").convertBodyTo(String).to(sink)}:
 * the {@code zoho-module-sync} route template, and the syncs declared under {@code zoho.syncs[n]} (each a
 * templated route {@code zoho-sync-<id>}). The {@code zoho-crm:changes} consumer is the sync: it registers it,
 * runs it on its Quartz cron and delivers into the route; the shorthands add nothing to a run but the sink and
 * the JSON text body that sinks of the template always got. The route property
 * {@link ConsumerSyncs#SINK_ROUTE_PROPERTY} names the sink, so {@code /api/syncs} and the dashboard show where the
 * records go.
 *
 * <p>Parameters: {@code connectionId}, {@code module}, {@code sink} (any Camel URI), and optionally
 * {@code fields} (comma-separated; default: discovered), {@code schedule} (Quartz cron, default every
 * 15 minutes), {@code mode} (incremental | full | notifications | bulk), {@code deletions} (true | false),
 * {@code batch} (record | page), {@code bulkCriteria} (mode bulk), {@code syncId} (default
 * {@code <connectionId>-<module>}): the consumer's options of those names.
 */
@Component
class ModuleSyncTemplate extends RouteBuilder {

    static final String TEMPLATE = "zoho-module-sync";
    static final String DEFAULT_SCHEDULE = "0 0/15 * * * ?"; // as the consumer's

    private final DeclaredSyncs declared;

    ModuleSyncTemplate(DeclaredSyncs declared) {
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
                .templateParameter("bulkCriteria", "")
                .templateParameter("syncId", "")
                // the sink endpoint, looked up from the parameter as given (Camel resolves its placeholders then): a
                // plain .to("{{sink}}") would parse it once more and eat escapes such as appendChars=\n
                .templateBean("sinkEndpoint", Endpoint.class,
                        context -> context.getCamelContext().getEndpoint(context.getProperty("sink", String.class)))
                .from("zoho-crm:changes/{{module}}?connectionId=RAW({{connectionId}})&syncId=RAW({{syncId}})"
                        + "&fields=RAW({{fields}})&schedule=RAW({{schedule}})&mode={{mode}}&deletions={{deletions}}"
                        + "&batch={{batch}}&bulkCriteria=RAW({{bulkCriteria}})")
                .routeProperty(ConsumerSyncs.SINK_ROUTE_PROPERTY, "{{sink}}")
                // no error handler of its own: a sink that fails stops the run at that page (the sync says so)
                .errorHandler(noErrorHandler())
                .convertBodyTo(String.class)
                .to("ref:{{sinkEndpoint}}");

        for (Declared d : declared.syncs()) {
            String id = d.id() != null && !d.id().isBlank() ? d.id() : d.connectionId() + "-" + d.module();
            templatedRoute(TEMPLATE).routeId("zoho-sync-" + id)
                    .parameter("syncId", id)
                    .parameter("connectionId", d.connectionId())
                    .parameter("module", d.module())
                    .parameter("sink", d.sink())
                    .parameter("fields", d.fields() == null ? "" : d.fields())
                    .parameter("schedule", d.schedule() == null ? DEFAULT_SCHEDULE : d.schedule())
                    .parameter("mode", d.mode() == null ? "incremental" : d.mode())
                    .parameter("deletions", String.valueOf(d.deletions() == null || d.deletions()))
                    .parameter("batch", d.batch() == null ? "record" : d.batch())
                    .parameter("bulkCriteria", d.bulkCriteria() == null ? "" : d.bulkCriteria());
        }
    }
}
