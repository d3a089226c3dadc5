package io.zohoconnect.crm.wire;

import java.util.List;

/** The outcome of a batched write: one {@link WriteResult} per input record, in input order. */
public record WriteSummary(int total, int succeeded, int failed, List<WriteResult> results) {

    public static WriteSummary of(List<WriteResult> results) {
        int failed = (int) results.stream().filter(r -> !r.succeeded()).count();
        return new WriteSummary(results.size(), results.size() - failed, failed, List.copyOf(results));
    }
}
