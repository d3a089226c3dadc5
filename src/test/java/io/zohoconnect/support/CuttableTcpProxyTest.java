package io.zohoconnect.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The outage stand-in of the outage tests does what they rely on: forwards, cuts, refuses, forwards again. */
class CuttableTcpProxyTest {

    ServerSocket echo;
    CuttableTcpProxy proxy;

    @BeforeEach
    void startEchoServer() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread server = new Thread(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket s = echo.accept();
                    Thread each = new Thread(() -> {
                        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                            in.transferTo(out);
                        } catch (IOException e) {
                            // the test cut it
                        }
                    });
                    each.setDaemon(true);
                    each.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        server.setDaemon(true);
        server.start();
        proxy = CuttableTcpProxy.to("127.0.0.1", echo.getLocalPort());
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echo.close();
    }

    @Test
    void forwardsCutsEveryConnectionRefusesNewOnesAndForwardsAgainOnceRestored() throws IOException {
        try (Socket before = connect()) {
            assertThat(roundTrip(before, "hello")).isEqualTo("hello");

            proxy.cut();
            assertThatThrownBy(() -> {
                roundTrip(before, "still there?");
                roundTrip(before, "still there?");
            }).isInstanceOf(IOException.class);
            try (Socket during = connect()) {
                assertThatThrownBy(() -> roundTrip(during, "anyone?")).isInstanceOf(IOException.class);
            }

            proxy.restore();
            try (Socket after = connect()) {
                assertThat(roundTrip(after, "back")).isEqualTo("back");
            }
            assertThat(proxy.accepted()).isEqualTo(3);
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
        socket.setSoTimeout(5000);
        return socket;
    }

    private static String roundTrip(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes());
        socket.getOutputStream().flush();
        byte[] answer = socket.getInputStream().readNBytes(text.length());
        if (answer.length < text.length()) {
            throw new IOException("connection ended");
        }
        return new String(answer);
    }
}
