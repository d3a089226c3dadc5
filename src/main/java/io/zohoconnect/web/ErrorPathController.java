package io.zohoconnect.web;

import java.io.IOException;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * {@code /error}, where Spring and the container send what no route answered (unknown paths, wrong methods, a
 * {@code sendError} of a filter): a {@link Problem} written by {@link ProblemResponses}, whatever the
 * {@code Accept} header; never a stack trace or exception text.
 */
@Controller
class ErrorPathController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ProblemResponses.write(request, response, problem(request));
    }

    static Problem problem(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (code == null) {
            // not an error dispatch: someone asked for /error itself
            return notFound(request.getRequestURI());
        }
        int status = code instanceof Integer value && value >= 400 && value <= 599 ? value : 500;
        Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        HttpStatus known = HttpStatus.resolve(status);
        return switch (status) {
            case 404 -> notFound(String.valueOf(path));
            case 405 -> new Problem(405, "method_not_allowed", "This method is not allowed here.");
            default -> new Problem(status, known == null ? "error" : known.name().toLowerCase(java.util.Locale.ROOT),
                    known == null ? "Request failed." : known.getReasonPhrase() + ".");
        };
    }

    private static Problem notFound(String path) {
        return new Problem(404, "not_found", "No such endpoint: " + Html.printable(path, 200));
    }
}
