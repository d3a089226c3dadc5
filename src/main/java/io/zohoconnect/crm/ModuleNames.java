package io.zohoconnect.crm;

import java.util.regex.Pattern;

/**
 * What a CRM module's API name may look like (Leads, Custom_Module1): a letter, then letters, digits
 * and underscores, at most 100. One rule for every door a module name comes in by (endpoint URIs,
 * sync declarations, queued writes), checked before the name goes into a URL path.
 */
public final class ModuleNames {

    public static final Pattern PATTERN = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,99}");

    private ModuleNames() {
    }

    /** Whether {@code name} is a well-formed module API name ({@code null} is not). */
    public static boolean valid(String name) {
        return name != null && PATTERN.matcher(name).matches();
    }
}
