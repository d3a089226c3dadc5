package io.zohoconnect.component;

import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.zohoconnect.crm.CallPurpose;
import io.zohoconnect.crm.CrmCalls;
import io.zohoconnect.crm.CrmRequest;
import io.zohoconnect.crm.ModuleNames;
import io.zohoconnect.crm.wire.CrmWire;
import io.zohoconnect.notifications.NotificationStreams;
import io.zohoconnect.sync.ConsumerSyncs;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/**
 * The {@code zoho-crm} component: creates {@link ZohoCrmEndpoint}s from
 * {@code zoho-crm:{operation}[/{module}]?options}. Options here are the defaults of every endpoint,
 * set with {@code camel.component.zoho-crm.*}. The service's CRM call path ({@link CrmCalls}) is
 * found in the registry.
 */
@Component("zoho-crm")
public class ZohoCrmComponent extends DefaultComponent {

    /**
     * Exchange property (never a header, so no inbound message can set it): true when the caller
     * dead-letters refused records itself from the per-record results — the RabbitMQ writes do, with
     * the source message's id — so a write does not also send them to {@code deadLetterUri}.
     */
    public static final String CALLER_DEAD_LETTERS = "ZohoCallerDeadLetters";
    /**
     * Exchange property (never a header): {@link CallPurpose#BACKGROUND} when the service itself sends the exchange
     * on its own schedule (the RabbitMQ writes), so the calls count as background work; interactive otherwise.
     */
    public static final String CALL_PURPOSE = "ZohoCallPurpose";

    @Metadata(description = "The connection endpoints use when neither their connectionId option nor the"
            + " ZohoConnectionId header names one")
    private String connectionId;

    @Metadata(defaultValue = "log:zoho-write-dead-letter?level=WARN", description = "Where writes send the records Zoho"
            + " refused, unless an endpoint says otherwise (any Camel URI)")
    private String deadLetterUri = "log:zoho-write-dead-letter?level=WARN";

    @Metadata(label = "advanced", autowired = true, description = "The service's CRM call path: credentials, data center,"
            + " retries, the org's concurrency limit")
    private CrmCalls calls;

    @Metadata(label = "advanced", autowired = true, description = "The service's sync engine, which the changes consumer"
            + " runs: checkpoints, leases, the sync registry")
    private ConsumerSyncs consumerSyncs;

    /** Zoho's wire format; the service gives its own (its Jackson settings), elsewhere a default one. */
    private CrmWire wire;

    public ZohoCrmComponent() {
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        String[] parts = remaining.split("/", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException("zoho-crm URI '" + uri + "' has too many parts: use"
                    + " zoho-crm:{operation}[/{module}], e.g. zoho-crm:list/Leads");
        }
        CrmOperation operation = CrmOperation.parse(parts[0]);
        String module = parts.length == 2 && !parts[1].isEmpty() ? parts[1] : null;
        if (operation.needsModule() && module == null) {
            throw new IllegalArgumentException("zoho-crm:" + operation.uriName() + " needs a module, e.g. zoho-crm:"
                    + operation.uriName() + "/Leads");
        }
        if (module != null && !ModuleNames.valid(module)) {
            throw new IllegalArgumentException("'" + module + "' is not a CRM module API name such as Leads");
        }
        if (!operation.needsModule() && module != null) {
            throw new IllegalArgumentException("zoho-crm:" + operation.uriName() + " takes no module");
        }
        // Camel would bind these too, but say what is allowed in the service's words
        requireOneOf(parameters, "mode", "zoho-crm:changes mode must be incremental, full, notifications or bulk",
                "incremental", "full", "notifications", "bulk");
        requireOneOf(parameters, "batch", "zoho-crm:changes batch must be record or page", "record", "page");
        requireOneOf(parameters, "sortOrder", "zoho-crm:list sortOrder must be asc or desc", "asc", "desc");
        ZohoCrmConfiguration configuration = new ZohoCrmConfiguration();
        configuration.setOperation(operation);
        configuration.setModule(module);
        ZohoCrmEndpoint endpoint = new ZohoCrmEndpoint(uri, this, configuration);
        setProperties(endpoint, parameters);
        if (configuration.getBatchSize() < 1 || configuration.getBatchSize() > 100) {
            throw new IllegalArgumentException("batchSize must be 1-100 (Zoho takes at most 100 records a call), got "
                    + configuration.getBatchSize());
        }
        if (configuration.getPerPage() != null && (configuration.getPerPage() < 1 || configuration.getPerPage() > 200)) {
            throw new IllegalArgumentException("perPage must be 1-200, got " + configuration.getPerPage());
        }
        return endpoint;
    }

    private static void requireOneOf(Map<String, Object> parameters, String option, String message, String... allowed) {
        Object value = parameters.get(option);
        if (value == null || value.toString().isBlank()) {
            parameters.remove(option); // blank: the default
            return;
        }
        for (String name : allowed) {
            if (name.equalsIgnoreCase(value.toString().trim())) {
                parameters.put(option, name);
                return;
            }
        }
        throw new IllegalArgumentException(message + ", got " + value);
    }

    /** The request with the exchange's {@link #CALL_PURPOSE}, when it names one. */
    static CrmRequest withPurpose(Exchange exchange, CrmRequest request) {
        return exchange.getProperty(CALL_PURPOSE, CallPurpose.class) == CallPurpose.BACKGROUND ? request.background()
                : request;
    }

    /** The call path, or a clear error when the component runs outside the service. */
    CrmCalls calls() {
        if (calls == null) {
            throw new IllegalStateException("zoho-crm needs the service's CRM call path (a CrmCalls bean): it runs inside"
                    + " Zoho Connect only");
        }
        return calls;
    }

    /** The sync engine, or a clear error when the component runs outside the service. */
    ConsumerSyncs consumerSyncs() {
        if (consumerSyncs == null) {
            throw new IllegalStateException("zoho-crm:changes needs the service's sync engine (a ConsumerSyncs bean): it"
                    + " runs inside Zoho Connect only");
        }
        return consumerSyncs;
    }

    /** The service's notification streams (mode=notifications), found in the registry. */
    NotificationStreams notificationStreams() {
        NotificationStreams streams = getCamelContext().getRegistry().findSingleByType(NotificationStreams.class);
        if (streams == null) {
            throw new IllegalStateException("zoho-crm:changes mode=notifications needs the service's notification"
                    + " streams (a NotificationStreams bean): it runs inside Zoho Connect only");
        }
        return streams;
    }

    public ConsumerSyncs getConsumerSyncs() {
        return consumerSyncs;
    }

    public void setConsumerSyncs(ConsumerSyncs consumerSyncs) {
        this.consumerSyncs = consumerSyncs;
    }

    CrmWire wire() {
        if (wire == null) {
            wire = new CrmWire(new ObjectMapper());
        }
        return wire;
    }

    void useWire(CrmWire wire) {
        this.wire = wire;
    }

    public String getConnectionId() {
        return connectionId;
    }

    public void setConnectionId(String connectionId) {
        this.connectionId = connectionId;
    }

    public String getDeadLetterUri() {
        return deadLetterUri;
    }

    public void setDeadLetterUri(String deadLetterUri) {
        this.deadLetterUri = deadLetterUri;
    }

    public CrmCalls getCalls() {
        return calls;
    }

    public void setCalls(CrmCalls calls) {
        this.calls = calls;
    }
}
