package io.zohoconnect.simulator;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What a record listing may be sorted by ({@code sort_by}); ties are always broken by id. */
enum SortField {
    ID("id"), CREATED_TIME("Created_Time"), MODIFIED_TIME("Modified_Time");

    private final String apiName;

    SortField(String apiName) {
        this.apiName = apiName;
    }

    String apiName() {
        return apiName;
    }

    /** null when {@code name} is not sortable. */
    static SortField parse(String name) {
        return Arrays.stream(values()).filter(f -> f.apiName.equals(name)).findFirst().orElse(null);
    }

    static String names() {
        return Arrays.stream(values()).map(SortField::apiName).collect(Collectors.joining(", "));
    }
}
