package io.zohoconnect.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

/** A CRM user as lookups show it: record owners, creators, modifiers and deleters. */
record Actor(String name, String id, String email) {

    Map<String, Object> lookup() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("id", id);
        out.put("email", email);
        return out;
    }
}
