package io.zohoconnect.bulk;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zohoconnect.connection.Secret;
import io.zohoconnect.credentials.AccessToken;
import io.zohoconnect.credentials.TokenRefresher;
import io.zohoconnect.crm.CallAccounting;
import io.zohoconnect.crm.CallPurpose;
import io.zohoconnect.crm.CrmCalls;
import io.zohoconnect.crm.CrmPaths;
import io.zohoconnect.crm.CrmReply;
import io.zohoconnect.crm.CrmRequest;
import io.zohoconnect.crm.ZohoApiSettings;
import io.zohoconnect.crm.ZohoCrmException;
import io.zohoconnect.crm.wire.CrmErrorCodes;

import org.springframework.stereotype.Component;

/**
 * Zoho's Bulk Read API (ZOHO-API.md §14) for a connection: create a job, read its state, download its
 * result. Creating and reading go through the service's call path ({@link CrmCalls}: auth, the 401
 * refresh, 429 back-off, the org's concurrency limit); the download is a zip of up to 200,000 rows, so it
 * streams straight into a file instead of into a string, with the same one-refresh-on-401 rule.
 */
@Component
class BulkReadClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Until Zoho starts answering a download; the body itself may take long (see {@link #KEEP_ALIVE}). */
    private static final Duration ANSWER_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(10);

    private final CrmCalls calls;
    private final TokenRefresher tokens;
    private final CrmPaths paths;
    private final ObjectMapper json;
    private final String readPath;
    private final HttpClient http;
    private final CallAccounting accounting;

    BulkReadClient(CrmCalls calls, TokenRefresher tokens, CrmPaths paths, ObjectMapper json, ZohoApiSettings properties,
            CallAccounting accounting) {
        this.calls = calls;
        this.accounting = accounting;
        this.tokens = tokens;
        this.paths = paths;
        this.json = json;
        this.readPath = "/crm/bulk/" + properties.apiVersion() + "/read";
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * Creates a job exporting {@code fields} of the module: page {@code page}, or the page a previous job's
     * {@code pageToken} names; Zoho calls {@code callbackUrl} back when it is done (null: no callback).
     *
     * @return the job id
     */
    String create(String connectionId, String module, List<String> fields, String criteria, int page, String pageToken,
            String callbackUrl) {
        String body = createBody(module, fields, criteria, page, pageToken, callbackUrl);
        CrmReply reply = calls.call(new CrmRequest(connectionId, "POST", readPath, null, body, Map.of()).background());
        JsonNode item = reply.json() == null ? null : reply.json().path("data").path(0);
        String id = item == null ? "" : item.path("details").path("id").asText("");
        if (id.isEmpty()) {
            throw new ZohoCrmException(reply.status(), item == null ? "MALFORMED_RESPONSE" : item.path("code").asText(""),
                    null, "Zoho created no Bulk Read job for " + module + ": " + (item == null ? "no answer"
                            : item.path("code").asText("") + " " + item.path("message").asText("")));
        }
        return id;
    }

    /**
     * The body of a create call:
     * {@code {"callback":{…},"query":{"module":{"api_name"},"fields","criteria"?,["page"|"page_token"]}}}.
     */
    String createBody(String module, List<String> fields, String criteria, int page, String pageToken, String callbackUrl) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("module", Map.of("api_name", module));
        if (!fields.isEmpty()) {
            query.put("fields", fields);
        }
        if (criteria != null) {
            try {
                query.put("criteria", json.readTree(criteria)); // checked when the route started
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("bulkCriteria is not JSON", e);
            }
        }
        if (pageToken != null) {
            query.put("page_token", pageToken);
        } else {
            query.put("page", page);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (callbackUrl != null) {
            body.put("callback", Map.of("url", callbackUrl, "method", "post"));
        }
        body.put("query", query);
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a Bulk Read request could not be written as JSON", e);
        }
    }

    BulkJobStatus status(String connectionId, String jobId) {
        CrmReply reply = calls.call(CrmRequest.get(connectionId, readPath + "/" + jobId, null).background());
        JsonNode job = reply.json() == null ? null : reply.json().path("data").path(0);
        if (job == null || job.isMissingNode()) {
            throw new ZohoCrmException(reply.status(), "MALFORMED_RESPONSE", null, "Zoho described no Bulk Read job " + jobId);
        }
        JsonNode result = job.path("result");
        return new BulkJobStatus(job.path("state").asText(""), result.path("count").asInt(0),
                result.path("more_records").asBoolean(false), text(result.path("next_page_token")),
                text(result.path("download_url")));
    }

    /**
     * Downloads a completed job's result into {@code target}, streaming.
     *
     * @throws ResultGoneException when Zoho no longer serves it (older than a day, or unknown)
     */
    void download(String connectionId, String jobId, String downloadUrl, Path target, Runnable whileWaiting)
            throws IOException, InterruptedException {
        String path = downloadUrl != null && !downloadUrl.isBlank() ? downloadUrl : readPath + "/" + jobId + "/result";
        for (int attempt = 1; ; attempt++) {
            AccessToken token = tokens.accessToken(connectionId);
            HttpRequest request = HttpRequest.newBuilder(URI.create(url(token, path))).timeout(ANSWER_TIMEOUT)
                    .header("Authorization", token.authorization()).header("Accept", "application/zip").GET().build();
            // the download streams past the call path, but it is a CRM call all the same: it costs a credit
            CrmRequest accounted = CrmRequest.get(connectionId, path, null).withPurpose(CallPurpose.BACKGROUND);
            accounting.beforeAttempt(accounted);
            HttpResponse<Path> response;
            try {
                response = await(http.sendAsync(request, HttpResponse.BodyHandlers.ofFile(target)), whileWaiting);
            } catch (IOException | InterruptedException | RuntimeException noAnswer) {
                accounting.afterAttempt(accounted, 0);
                throw noAnswer;
            }
            int status = response.statusCode();
            accounting.afterAttempt(accounted, status);
            if (status == 200) {
                return;
            }
            JsonNode error = errorIn(target);
            Files.deleteIfExists(target);
            String code = error.path("code").asText("");
            if (attempt == 1 && CrmErrorCodes.isTokenRejected(status, code)) {
                // the same rule as every CRM call: one refresh, only if the rejected token is still the current one
                tokens.afterRejection(connectionId, new Secret(token.authorization().substring(AccessToken.SCHEME.length())));
                continue;
            }
            String message = "Zoho refused the download of Bulk Read job " + jobId + ": HTTP " + status + " " + code
                    + (error.path("message").isMissingNode() ? "" : " (" + error.path("message").asText() + ")");
            if (status == 400 || status == 404) {
                throw new ResultGoneException(message);
            }
            throw new ZohoCrmException(status, code, error.path("message").asText(null), message);
        }
    }

    /** A big result takes a while: the caller shows it is alive meanwhile (its sync lease lasts minutes). */
    private static HttpResponse<Path> await(CompletableFuture<HttpResponse<Path>> download, Runnable whileWaiting)
            throws IOException, InterruptedException {
        try {
            while (true) {
                try {
                    return download.get(KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException stillRunning) {
                    whileWaiting.run();
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("the Bulk Read download failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException | RuntimeException e) {
            download.cancel(true);
            throw e;
        }
    }

    /** Zoho gives the download URL relative to the api domain; an absolute one must be on that domain. */
    private String url(AccessToken token, String path) {
        if (path.startsWith(token.apiDomain() + "/")) {
            return path;
        }
        return token.url(path, paths::normalize);
    }

    /** A refused download's body is a small JSON error (an unreadable one gives an empty node). */
    private JsonNode errorIn(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(64 * 1024);
            JsonNode node = json.readTree(new String(head, StandardCharsets.UTF_8));
            return node == null ? json.createObjectNode() : node;
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    private static String text(JsonNode node) {
        return node.isTextual() && !node.asText().isEmpty() ? node.asText() : null;
    }

    /** The job's result can no longer be downloaded: its page has to be exported by a new job. */
    static final class ResultGoneException extends RuntimeException {
        ResultGoneException(String message) {
            super(message);
        }
    }
}
