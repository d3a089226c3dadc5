package io.zohoconnect.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's error report for requests it refuses before the application sees them (an encoded slash
 * or NUL in the path, bytes that are not UTF-8, a request head over the size limit): the service's
 * JSON error shape instead of Tomcat's HTML page, and nothing about the server.
 */
public final class JsonErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String error = status >= 500 ? "server_error" : "invalid_request";
        String message = status >= 500 ? "The server could not handle the request." : "The request was refused: it is malformed.";
        String uri = request.getDecodedRequestURI();
        boolean page = uri != null && uri.startsWith(ErrorBodies.CALLBACK_PATH);
        try {
            response.resetBuffer();
            response.setContentType(page ? "text/html" : "application/json");
            response.setCharacterEncoding("UTF-8");
            byte[] body = (page ? new Pages().problem(status, error, message) : ErrorBodies.json(error, message))
                    .getBytes(StandardCharsets.UTF_8);
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // the client is gone: nothing left to tell it
        }
    }
}
