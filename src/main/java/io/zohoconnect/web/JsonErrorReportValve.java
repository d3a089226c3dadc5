package io.zohoconnect.web;

import java.io.IOException;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's error report for requests it refuses before the application sees them (an encoded slash
 * or NUL in the path, bytes that are not UTF-8, a request head over the size limit): a {@link Problem}
 * (a page on the callback) instead of Tomcat's HTML page, and nothing about the server.
 */
public final class JsonErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        Problem problem = status >= 500
                ? new Problem(status, "server_error", "The server could not handle the request.")
                : new Problem(status, "invalid_request", "The request was refused: it is malformed.");
        try {
            ProblemResponses.write(request, response, problem);
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // the client is gone: nothing left to tell it
        }
    }
}
