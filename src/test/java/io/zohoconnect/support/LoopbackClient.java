package io.zohoconnect.support;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP/1.1 on a plain socket <em>from a chosen loopback address</em>: the whole of 127/8 reaches the
 * service, so a test can be a client at 127.0.0.1 and a reverse proxy at {@link #PROXY} (the one
 * address the tests' configuration trusts, {@code zoho.trusted-proxies}) on one machine. Java's
 * HttpClient cannot pick its local address on Java 17. Header lines and the body are sent as given.
 */
public final class LoopbackClient {

    /** The address of the tests' stand-in reverse proxy, listed in zoho.trusted-proxies of the test configuration. */
    public static final String PROXY = "127.0.0.2";
    /** The address every other test request comes from: not a trusted proxy. */
    public static final String CLIENT = "127.0.0.1";

    private final String from;
    private final int port;

    public LoopbackClient(String from, int port) {
        this.from = from;
        this.port = port;
    }

    public Answer get(String target, String... headerLines) {
        return send("GET", target, null, headerLines);
    }

    /** {@code method target} with the header lines and body as given (a Content-Length is added for a body). */
    public Answer send(String method, String target, String body, String... headerLines) {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: localhost:").append(port).append("\r\nConnection: close\r\n");
        for (String line : headerLines) {
            head.append(line).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Length: ").append(content.length).append("\r\n");
        }
        head.append("\r\n");
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 5_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            return Answer.parse(socket.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + target + " from " + from + " failed", e);
        }
    }

    /** One answer: status, header lines in order, body (de-chunked). */
    public record Answer(int status, List<String[]> headers, String body) {

        /** Every value of header {@code name} (case-insensitive), in order. */
        public List<String> headers(String name) {
            return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).toList();
        }

        public Optional<String> header(String name) {
            return headers(name).stream().findFirst();
        }

        /** The Set-Cookie line of cookie {@code name}, if this answer sets it. */
        public Optional<String> setCookie(String name) {
            return headers("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).findFirst();
        }

        static Answer parse(byte[] bytes) throws IOException {
            String all = new String(bytes, StandardCharsets.ISO_8859_1);
            int split = all.indexOf("\r\n\r\n");
            if (split < 0) {
                throw new IOException("no complete HTTP answer: " + all);
            }
            String[] lines = all.substring(0, split).split("\r\n");
            List<String[]> headers = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.add(new String[] {lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim()});
            }
            byte[] body = Arrays.copyOfRange(bytes, split + 4, bytes.length);
            boolean chunked = headers.stream().anyMatch(h -> h[0].equalsIgnoreCase("Transfer-Encoding")
                    && h[1].toLowerCase(Locale.ROOT).contains("chunked"));
            return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers,
                    new String(chunked ? unchunk(new ByteArrayInputStream(body)) : body, StandardCharsets.UTF_8));
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
                in.read();
                in.read();
            }
        }
    }
}
