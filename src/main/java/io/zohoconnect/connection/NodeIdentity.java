package io.zohoconnect.connection;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;


import org.springframework.stereotype.Component;

/** This node's name in refresh leases: {@code zoho.node-id}, else host, pid and a random suffix. */
@Component
public final class NodeIdentity {

    private final String id;

    public NodeIdentity(ConnectionSettings properties) {
        this.id = properties.nodeId() != null && !properties.nodeId().isBlank() ? properties.nodeId() : generated();
    }

    public String id() {
        return id;
    }

    private static String generated() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        String pid = String.valueOf(ManagementFactory.getRuntimeMXBean().getPid());
        String name = host + "/" + pid + "/" + UUID.randomUUID().toString().substring(0, 8);
        return name.length() > 120 ? name.substring(name.length() - 120) : name;
    }
}
