package io.zohoconnect.web;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * {@code /error} for everything Spring or the container sends there: always the JSON error shape,
 * whatever the {@code Accept} header (there are no HTML error views to render).
 */
@RestController
class JsonErrorController implements ErrorController {

    private final ErrorAttributes errors;

    JsonErrorController(ErrorAttributes errors) {
        this.errors = errors;
    }

    @RequestMapping(path = "${server.error.path:/error}", produces = MediaType.ALL_VALUE)
    ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        Object code = request.getAttribute("jakarta.servlet.error.status_code");
        if (code == null) {
            // not an error dispatch: someone asked for /error itself
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", "not_found");
            body.put("message", "No such endpoint: " + Html.printable(request.getRequestURI(), 200));
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_JSON)
                    .header("Cache-Control", "no-store").body(body);
        }
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value) : HttpStatus.INTERNAL_SERVER_ERROR;
        Map<String, Object> body = errors.getErrorAttributes(new ServletWebRequest(request), ErrorAttributeOptions.defaults());
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).header("Cache-Control", "no-store")
                .body(body);
    }
}
