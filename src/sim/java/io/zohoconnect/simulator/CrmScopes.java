package io.zohoconnect.simulator;

import java.util.List;
import java.util.Locale;

/**
 * Which OAuth scopes reach which CRM resource (ZOHO-API.md §11): {@code ZohoCRM.modules.ALL} or an
 * operation ({@code READ}, {@code CREATE}, {@code UPDATE}, {@code DELETE}, {@code WRITE} = the three
 * changes) for every module, or the same per module ({@code ZohoCRM.modules.leads.READ}; custom modules
 * also by {@code ZohoCRM.modules.custom.*}); {@code ZohoCRM.settings.ALL}/{@code READ} or
 * {@code ZohoCRM.settings.fields.*}/{@code .modules.*} for metadata. Scope names are case-insensitive.
 */
final class CrmScopes {

    enum Operation {
        READ, CREATE, UPDATE, DELETE
    }

    private CrmScopes() {
    }

    static boolean allowsRecords(List<String> scopes, String module, boolean custom, Operation operation) {
        String name = module.toLowerCase(Locale.ROOT);
        for (String scope : scopes) {
            String[] parts = scope.toLowerCase(Locale.ROOT).split("\\.");
            if (parts.length < 3 || !parts[0].equals("zohocrm") || !parts[1].equals("modules")) {
                continue;
            }
            if (parts.length == 3 && grants(parts[2], operation)) {
                return true;
            }
            if (parts.length == 4 && (parts[2].equals(name) || (custom && parts[2].equals("custom")))
                    && grants(parts[3], operation)) {
                return true;
            }
        }
        return false;
    }

    /** {@code part} is {@code fields} or {@code modules}. */
    static boolean allowsSettings(List<String> scopes, String part) {
        for (String scope : scopes) {
            String[] parts = scope.toLowerCase(Locale.ROOT).split("\\.");
            if (parts.length < 3 || !parts[0].equals("zohocrm") || !parts[1].equals("settings")) {
                continue;
            }
            if (parts.length == 3 && grants(parts[2], Operation.READ)) {
                return true;
            }
            if (parts.length == 4 && parts[2].equals(part) && grants(parts[3], Operation.READ)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code ZohoCRM.{area}.{operation}} or {@code .ALL} (or {@code .WRITE} for a change), e.g. the
     * {@code notifications} and {@code bulk} areas.
     */
    static boolean allowsArea(List<String> scopes, String area, Operation operation) {
        for (String scope : scopes) {
            String[] parts = scope.toLowerCase(Locale.ROOT).split("\\.");
            if (parts.length == 3 && parts[0].equals("zohocrm") && parts[1].equals(area) && grants(parts[2], operation)) {
                return true;
            }
        }
        return false;
    }

    private static boolean grants(String scopeOperation, Operation operation) {
        return switch (scopeOperation) {
            case "all" -> true;
            case "write" -> operation != Operation.READ;
            default -> scopeOperation.equals(operation.name().toLowerCase(Locale.ROOT));
        };
    }
}
