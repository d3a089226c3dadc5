package io.zohoconnect.events;

import java.time.Clock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zohoconnect.audit.LifecycleAudit;
import io.zohoconnect.connection.Connection;
import io.zohoconnect.connection.ConnectionStatus;
import io.zohoconnect.connection.ZohoHeaders;

import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Publishes lifecycle events as JSON to route {@code zoho-events}, which forwards them to
 * {@code zoho.events.uri}. An event that cannot be recorded or delivered is logged and dropped: it must
 * never undo (or fail) the change it reports. Every event is also stored in the audit trail ({@link LifecycleAudit}).
 */
@Component
public class ConnectionEvents {

    static final String ENDPOINT = "direct:zoho-events";
    private static final Logger log = LoggerFactory.getLogger(ConnectionEvents.class);

    private final ProducerTemplate producer;
    private final ObjectMapper json;
    private final Clock clock;
    private final LifecycleAudit audit;

    public ConnectionEvents(ProducerTemplate producer, ObjectMapper json, Clock clock, LifecycleAudit audit) {
        this.producer = producer;
        this.json = json;
        this.clock = clock;
        this.audit = audit;
    }

    public void publish(String type, Connection connection, String detail) {
        publish(type, connection.id(), connection.dc(), connection.environment().code(), connection.status(), detail);
    }

    public void publish(String type, String connectionId, String dc, String environment, ConnectionStatus status,
            String detail) {
        ConnectionEvent event = new ConnectionEvent(type, connectionId, dc, environment,
                status == null ? null : status.name(), clock.instant(), detail);
        try {
            audit.eventPublished(type, connectionId, detail);
        } catch (RuntimeException e) {
            log.warn("Could not record event {} for connection {} in the audit trail: {}", type, connectionId,
                    e.toString());
        }
        try {
            producer.sendBodyAndHeader(ENDPOINT, json.writeValueAsString(event), ZohoHeaders.EVENT_TYPE, type);
        } catch (JsonProcessingException | RuntimeException e) {
            log.warn("Could not deliver event {} for connection {}: {}", type, connectionId, e.getMessage());
        }
    }
}
