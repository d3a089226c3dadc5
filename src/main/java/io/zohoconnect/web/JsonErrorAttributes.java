package io.zohoconnect.web;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.web.servlet.error.DefaultErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.WebRequest;

/**
 * Errors raised outside the Camel routes (unknown paths, wrong methods, filter failures) in the
 * same {@code {"error","message"}} shape as everything else; never a stack trace or exception text.
 */
@Component
class JsonErrorAttributes extends DefaultErrorAttributes {

    @Override
    public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
        Map<String, Object> defaults = super.getErrorAttributes(request, ErrorAttributeOptions.defaults());
        int status = defaults.get("status") instanceof Integer code ? code : 500;
        HttpStatus known = HttpStatus.resolve(status);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", known == null ? "error" : known.name().toLowerCase(Locale.ROOT));
        body.put("message", switch (status) {
            case 404 -> "No such endpoint: " + Html.printable(String.valueOf(defaults.get("path")), 200);
            case 405 -> "This method is not allowed here.";
            default -> known == null ? "Request failed." : known.getReasonPhrase() + ".";
        });
        return body;
    }
}
