package dev.openactions.executor.warmup;

import dev.openactions.executor.flow.WarmupFlow;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection of the warm-up to this service's own endpoint, sending the same
 * post-login request again and again. A plain socket rather than the JDK's HttpClient: the warm-up is
 * there to get the server's code compiled, and a heavier client would take CPU and JIT compiler time
 * from it on a small machine (measured: about half the requests in the same time with HttpClient).
 */
final class WarmupClient implements AutoCloseable {
    private static final int TIMEOUT_MILLIS = 30_000;

    private final String host;
    private final int port;
    private final byte[] request;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private String lastFailure = "none";

    WarmupClient(String host, int port, String path, String token) {
        this.host = host;
        this.port = port;
        byte[] body = WarmupFlow.REQUEST.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\n"
                + "Host: " + host + ":" + port + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Authorization: Bearer " + token + "\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        this.request = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
    }

    /** Whether the flow ran to completion (200 with status completed); a broken connection is opened again. */
    boolean send() {
        try {
            if (socket == null) {
                connect();
            }
            out.write(request);
            out.flush();
            int status = readStatus();
            boolean chunked = false;
            boolean close = false;
            int length = -1;
            for (String line = readLine(); !line.isEmpty(); line = readLine()) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                }
            }
            String body =
                    chunked ? readChunked() : new String(in.readNBytes(Math.max(0, length)), StandardCharsets.UTF_8);
            if (close) {
                close();
            }
            if (status == 200 && body.contains("\"status\":\"completed\"")) {
                return true;
            }
            lastFailure = "status " + status;
        } catch (IOException | RuntimeException e) {
            lastFailure = e.toString();
            close();
        }
        return false;
    }

    String lastFailure() {
        return lastFailure;
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a connection we give up anyway
            }
            socket = null;
        }
    }

    static boolean listening(String host, int port) {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(host, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void connect() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    private int readStatus() throws IOException {
        String line = readLine(); // HTTP/1.1 200 OK
        int space = line.indexOf(' ');
        if (!line.startsWith("HTTP/") || space < 0 || line.length() < space + 4) {
            throw new IOException("not an HTTP response: " + line);
        }
        return Integer.parseInt(line.substring(space + 1, space + 4));
    }

    private String readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = readLine();
            int semicolon = size.indexOf(';');
            int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            if (n == 0) {
                while (!readLine().isEmpty()) {
                    // trailers
                }
                return body.toString(StandardCharsets.UTF_8);
            }
            body.write(in.readNBytes(n));
            readLine();
        }
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the connection closed");
            }
            if (b == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) b);
        }
    }
}
