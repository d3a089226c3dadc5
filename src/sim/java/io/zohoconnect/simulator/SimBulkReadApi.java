package io.zohoconnect.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Bulk Read (ZOHO-API.md §14) under {@code /crm/bulk/{version}/read}: create a job ({@code POST}), its
 * status ({@code GET /{job_id}}), its result ({@code GET /{job_id}/result}, a zip of one CSV), and the
 * completion callback to the job's {@code callback.url}. Scope {@code ZohoCRM.bulk.READ} (or ALL), and
 * the module's READ to create a job; at most {@link BulkReadJobs.Timings#jobLimit()} jobs of an org run at
 * once (429 beyond).
 */
final class SimBulkReadApi {

    private final SimState state;
    private final ObjectMapper json;

    SimBulkReadApi(SimState state, ObjectMapper json) {
        this.state = state;
        this.json = json;
    }

    /** {@code rest} is what follows {@code /read}: empty, {@code /{job_id}} or {@code /{job_id}/result}. */
    void handle(SimExchange exchange, SimOrg org, Grant grant, String version, String rest) throws IOException {
        if (!CrmScopes.allowsArea(grant.scopes(), "bulk", CrmScopes.Operation.READ)) {
            throw CrmError.scopeMismatch();
        }
        String[] parts = rest.isEmpty() ? new String[0] : rest.substring(1).split("/", -1);
        if (parts.length == 0) {
            if (!exchange.method().equals("POST")) {
                throw CrmError.invalidMethod();
            }
            create(exchange, org, grant, version);
            return;
        }
        if (parts.length > 2 || !parts[0].matches("[0-9]{1,19}") || (parts.length == 2 && !parts[1].equals("result"))) {
            throw CrmError.invalidUrl();
        }
        if (!exchange.method().equals("GET")) {
            throw CrmError.invalidMethod();
        }
        BulkReadJob job = state.bulkReadJobs().get(org, parts[0]);
        if (job == null) {
            throw CrmError.invalidData("the job id given seems to be invalid", Map.of("api_name", "job_id"));
        }
        if (parts.length == 1) {
            status(exchange, job, version);
        } else {
            download(exchange, job);
        }
    }

    // ---- create

    private void create(SimExchange exchange, SimOrg org, Grant grant, String version) throws IOException {
        JsonNode body = body(exchange);
        JsonNode query = body.get("query");
        if (query == null || !query.isObject()) {
            throw mandatory("query");
        }
        JsonNode moduleNode = query.get("module");
        String moduleName = moduleNode == null ? null
                : moduleNode.isObject() ? moduleNode.path("api_name").asText(null) : moduleNode.asText(null);
        if (moduleName == null || moduleName.isBlank()) {
            throw mandatory("module");
        }
        ModuleSchema schema = org.schema(moduleName);
        if (!CrmScopes.allowsRecords(grant.scopes(), schema != null ? schema.apiName() : moduleName,
                schema != null && schema.custom(), CrmScopes.Operation.READ)) {
            throw CrmError.scopeMismatch();
        }
        ModuleRecords records = org.records(moduleName, state.settings().recordsPerModule());
        if (records == null) {
            throw new CrmError(400, "INVALID_MODULE", "the module name given seems to be invalid",
                    Map.of("api_name", "module"));
        }
        schema = records.schema();
        List<FieldDef> fields = fields(schema, query.get("fields"));
        Predicate<ModuleRecords.Row> filter = BulkCriteria.parse(query.get("criteria"), schema);
        String fileType = query.path("file_type").asText("csv");
        if (!fileType.equals("csv")) {
            throw CrmError.invalidData("file_type ics is only for Events; use csv", Map.of("api_name", "file_type"));
        }
        int page = page(query, org);
        String callbackUrl = callback(body.get("callback"));

        Instant now = state.now();
        BulkReadJobs jobs = state.bulkReadJobs();
        BulkReadJobs.Timings timings = jobs.timings();
        synchronized (jobs) {
            // the sub-limit on concurrent bulk jobs (ZOHO-API.md §10): checked and taken in one step
            if (jobs.active(org, now) >= timings.jobLimit()) {
                throw new CrmError(429, "TOO_MANY_REQUESTS", "the number of bulk read jobs in progress has reached "
                        + "the limit of " + timings.jobLimit() + "; try again once one has completed",
                        Map.of("limit", timings.jobLimit()));
            }
            BulkReadJob job = new BulkReadJob(jobs.newId(org), org, records, fields, filter, query.get("criteria"), page,
                    callbackUrl, org.actor(grant.userEmail()), now, timings);
            jobs.add(job);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("id", job.id());
            details.put("operation", "read");
            details.put("state", BulkReadJob.State.ADDED.wire());
            details.put("created_by", lookup(job.createdBy()));
            details.put("created_time", ZohoTimes.format(now.getEpochSecond(), org.offset()));
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("status", "success");
            item.put("code", "ADDED_SUCCESSFULLY");
            item.put("message", "Added successfully.");
            item.put("details", details);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("data", List.of(item));
            out.put("info", Map.of());
            exchange.json(201, out);
        }
    }

    /** The fields asked for, in the order given; none: every field of the module. */
    private static List<FieldDef> fields(ModuleSchema schema, JsonNode node) {
        if (node == null || node.isNull()) {
            return schema.fields();
        }
        if (!node.isArray()) {
            throw CrmError.invalidData("fields must be an array of field API names", Map.of("api_name", "fields"));
        }
        List<FieldDef> out = new ArrayList<>();
        for (JsonNode name : node) {
            FieldDef field = schema.field(name.asText());
            if (field == null) {
                throw CrmError.invalidData("invalid field: " + name.asText(),
                        Map.of("api_name", name.asText(), "json_path", "$.query.fields"));
            }
            if (!out.contains(field)) {
                out.add(field);
            }
        }
        return out.isEmpty() ? schema.fields() : out;
    }

    /** {@code page} (from 1) or the {@code page_token} a completed job gave for the page after it. */
    private int page(JsonNode query, SimOrg org) {
        JsonNode token = query.get("page_token");
        if (token != null && !token.isNull()) {
            BulkReadJobs.Continuation next = state.bulkReadJobs().continuation(token.asText());
            if (next == null || next.job().org() != org) {
                throw CrmError.invalidData("invalid page token", Map.of("api_name", "page_token"));
            }
            return next.page();
        }
        JsonNode page = query.get("page");
        if (page == null || page.isNull()) {
            return 1;
        }
        if (!page.canConvertToInt() || page.asInt() < 1 || !(page.isIntegralNumber() || page.asText().matches("[0-9]+"))) {
            throw CrmError.invalidData("page must be a number from 1 up", Map.of("api_name", "page"));
        }
        return page.asInt();
    }

    private static String callback(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        String url = node.path("url").asText("");
        String method = node.path("method").asText("post");
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw CrmError.invalidData("callback url must be an http or https URL", Map.of("api_name", "url"));
            }
        } catch (URISyntaxException e) {
            throw CrmError.invalidData("callback url must be an http or https URL", Map.of("api_name", "url"));
        }
        if (!method.equalsIgnoreCase("post")) {
            throw CrmError.invalidData("callback method must be post", Map.of("api_name", "method"));
        }
        return url;
    }

    // ---- status and download

    private void status(SimExchange exchange, BulkReadJob job, String version) throws IOException {
        Instant now = state.now();
        BulkReadJob.State current = job.state(now, state.bulkReadJobs());
        deliverDueCallback(job, version);
        exchange.json(200, Map.of("data", List.of(describe(job, current, version))));
    }

    private void download(SimExchange exchange, BulkReadJob job) throws IOException {
        Instant now = state.now();
        BulkReadJob.State current = job.state(now, state.bulkReadJobs());
        BulkReadJob.Result result = job.result();
        if (current != BulkReadJob.State.COMPLETED || result == null) {
            throw CrmError.invalidData("the job is " + current.wire() + ": its result can be downloaded once it is "
                    + "COMPLETED", Map.of("api_name", "job_id"));
        }
        if (!now.isBefore(result.completedAt().plus(BulkReadJob.RESULT_LIFETIME))) {
            throw CrmError.invalidData("the result of this job has expired (results last one day): create a new job",
                    Map.of("api_name", "job_id"));
        }
        state.counters().recordsServed(result.count());
        exchange.header("Content-Disposition", "attachment; filename=\"" + job.id() + ".zip\"");
        exchange.stream(200, "application/zip", out -> BulkCsvZip.write(job, result, out));
    }

    /** Zoho's job shape: id, operation, state, query, created_by, created_time, file_type and, once done, result. */
    Map<String, Object> describe(BulkReadJob job, BulkReadJob.State current, String version) {
        SimOrg org = job.org();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", job.id());
        out.put("operation", "read");
        out.put("state", current.wire());
        out.put("query", query(job));
        out.put("created_by", lookup(job.createdBy()));
        out.put("created_time", ZohoTimes.format(job.createdAt().getEpochSecond(), org.offset()));
        BulkReadJob.Result result = job.result();
        if (current == BulkReadJob.State.COMPLETED && result != null) {
            out.put("result", result(job, result, version));
        }
        out.put("file_type", "csv");
        return out;
    }

    private Map<String, Object> query(BulkReadJob job) {
        Map<String, Object> module = new LinkedHashMap<>();
        module.put("id", job.org().moduleId(job.records().schema().apiName()));
        module.put("api_name", job.records().schema().apiName());
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("module", module);
        query.put("fields", job.fields().stream().map(FieldDef::apiName).toList());
        if (job.criteria() != null && !job.criteria().isNull()) {
            query.put("criteria", json.convertValue(job.criteria(), Object.class));
        }
        query.put("page", job.page());
        return query;
    }

    private Map<String, Object> result(BulkReadJob job, BulkReadJob.Result result, String version) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("page", result.page());
        out.put("count", result.count());
        // relative, as Zoho gives it: the client prefixes its api_domain
        out.put("download_url", "/crm/bulk/" + version + "/read/" + job.id() + "/result");
        out.put("per_page", job.pageRows());
        out.put("more_records", result.moreRecords());
        if (result.nextPageToken() != null) {
            out.put("next_page_token", result.nextPageToken());
        }
        return out;
    }

    /**
     * Sends the job's completion callback if it became due: called on every look at a job and by the
     * simulator's job clock, so a callback goes out however the completion was noticed.
     */
    void deliverDueCallback(BulkReadJob job, String version) {
        if (!job.takeCallback()) {
            return;
        }
        BulkReadJob.State current = job.state(state.now(), state.bulkReadJobs());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("job_id", job.id());
        body.put("operation", "read");
        body.put("state", current.wire());
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("module", job.records().schema().apiName());
        query.put("page", job.page());
        body.put("query", query);
        BulkReadJob.Result result = job.result();
        if (current == BulkReadJob.State.COMPLETED && result != null) {
            body.put("result", result(job, result, version));
        }
        state.callbacks().post(OutboundCallbacks.BULK_READ, job.callbackUrl(), body);
    }

    /** The job clock: jobs that completed by the simulator's clock since the last tick call back now. */
    void tick() {
        Instant now = state.now();
        state.bulkReadJobs().forgetExpired(now);
        for (BulkReadJob job : state.bulkReadJobs().all()) {
            job.state(now, state.bulkReadJobs());
            deliverDueCallback(job, "v8");
        }
    }

    private static Map<String, Object> lookup(Actor actor) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", actor.id());
        out.put("name", actor.name());
        return out;
    }

    private static CrmError mandatory(String field) {
        return new CrmError(400, "MANDATORY_NOT_FOUND", "required field not found", Map.of("api_name", field));
    }

    private JsonNode body(SimExchange exchange) throws IOException {
        try {
            JsonNode node = json.readTree(exchange.body());
            if (node == null || !node.isObject()) {
                throw CrmError.invalidData("the body must be a JSON object {\"query\":{…}}", Map.of());
            }
            return node;
        } catch (JsonProcessingException e) {
            throw CrmError.invalidData("the body is not valid JSON", Map.of());
        }
    }
}
