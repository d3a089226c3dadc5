package io.zohoconnect.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import com.samskivert.mustache.Escapers;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;

/**
 * The page templates under {@code src/main/resources/templates}, compiled once. {@code {{value}}} is escaped
 * exactly as {@link Html#escape} escapes (so an org name or a Zoho answer never becomes markup); only
 * {@code {{{…}}}} is not, and it is used for HTML the service itself built (a page body, the CSRF field, a chart). Static,
 * because pages are also written where no Spring bean is at hand: Tomcat's error report and the servlet filters.
 */
public final class PageTemplates {

    private static final Mustache.Compiler COMPILER = Mustache.compiler()
            .withEscaper(Escapers.simple(new String[][] {
                {"&", "&amp;"}, {"<", "&lt;"}, {">", "&gt;"}, {"\"", "&quot;"}, {"'", "&#39;"}}))
            .nullValue("")
            .emptyStringIsFalse(true)
            .withLoader(PageTemplates::reader);

    static final Template LAYOUT = compile("layout");
    static final Template PROBLEM = compile("problem");
    static final Template CONFIRM_CONNECT = compile("confirm-connect");
    static final Template CONFIRM_LINK = compile("confirm-link");
    static final Template CONNECTED = compile("connected");
    static final Template DENIED = compile("denied");
    public static final Template LINK_CREATED = compile("link-created");
    public static final Template CONFIRM_DELETE = compile("confirm-delete");
    public static final Template DELETED = compile("deleted");
    public static final Template CONNECTIONS = compile("connections");
    public static final Template CONNECTION = compile("connection");
    public static final Template SYNCS = compile("syncs");
    public static final Template KEYS = compile("keys");
    public static final Template CONFIRM_DELETE_KEY = compile("confirm-delete-key");

    private PageTemplates() {
    }

    private static Template compile(String name) {
        try (InputStreamReader reader = reader(name)) {
            return COMPILER.compile(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("template " + name, e);
        }
    }

    private static InputStreamReader reader(String name) {
        InputStream in = PageTemplates.class.getResourceAsStream("/templates/" + name + ".mustache");
        if (in == null) {
            throw new IllegalStateException("no template templates/" + name + ".mustache on the classpath");
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }
}
