package io.zohoconnect.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP answer, from {@link io.zohoconnect.support.ServiceClient} or from {@link #raw}: a
 * request written byte by byte on a socket, for request targets that {@link java.net.URI} refuses
 * to build ({@code %zz}, a bare {@code %}, raw spaces) but a browser or a script can still send.
 */
public record Reply(String request, int status, Map<String, String> headers, String body) {

    /** The status of a raw request that got no answer within {@link #RAW_TIMEOUT_MILLIS}. */
    public static final int NO_ANSWER = -1;
    static final int RAW_TIMEOUT_MILLIS = 10_000;

    public static Reply of(String request, HttpResponse<String> response) {
        Map<String, String> headers = new LinkedHashMap<>();
        response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                String.join(", ", values)));
        return new Reply(request, response.statusCode(), headers, response.body());
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String contentType() {
        String type = header("content-type");
        return type == null ? "" : type.toLowerCase(Locale.ROOT);
    }

    /** {@code GET target} (exactly as given, e.g. {@code /connect?a=%zz}) on loopback, with extra header lines. */
    public static Reply raw(int port, String method, String target, String... headerLines) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(RAW_TIMEOUT_MILLIS);
            StringBuilder request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                    .append("Host: localhost:").append(port).append("\r\n").append("Connection: close\r\n");
            for (String line : headerLines) {
                request.append(line).append("\r\n");
            }
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return parse(method + " " + target, socket.getInputStream().readAllBytes());
        } catch (java.net.SocketTimeoutException e) {
            return new Reply(method + " " + target, NO_ANSWER, Map.of(), "");
        } catch (IOException e) {
            throw new UncheckedIOException("raw request " + method + " " + Fuzz.show(target) + " failed", e);
        }
    }

    private static Reply parse(String request, byte[] bytes) throws IOException {
        String all = new String(bytes, StandardCharsets.ISO_8859_1);
        int split = all.indexOf("\r\n\r\n");
        if (split < 0) {
            throw new IOException("no complete HTTP response head: " + Fuzz.show(all));
        }
        String[] lines = all.substring(0, split).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim(), (a, b) -> a + ", " + b);
        }
        byte[] body = java.util.Arrays.copyOfRange(bytes, split + 4, bytes.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = unchunk(new java.io.ByteArrayInputStream(body));
        }
        return new Reply(request, status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] unchunk(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            StringBuilder size = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                if (c != '\r') {
                    size.append((char) c);
                }
            }
            int length = size.length() == 0 ? 0 : Integer.parseInt(size.toString().split(";")[0].trim(), 16);
            if (length == 0) {
                return out.toByteArray();
            }
            out.write(in.readNBytes(length));
            in.read(); // \r
            in.read(); // \n
        }
    }

    @Override
    public String toString() {
        return request.length() > 300 ? request.substring(0, 300) + "…" : request;
    }
}
