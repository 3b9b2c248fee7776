package dev.openactions.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection that sends the same prebuilt request again and again and reads
 * each response completely (Content-Length or chunked). Deliberately minimal, like wrk: on 2 cores
 * the load generator shares the CPU with the server, so it must cost as little as possible per
 * request, and it costs the same for every server measured.
 */
final class HttpConnection implements Closeable {
    private final String host;
    private final int port;
    private final byte[] request;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final byte[] line = new byte[8192];
    private final byte[] skip = new byte[16384];
    /** The last response body, kept only when asked (to check what a server answers). */
    private final boolean keepBody;

    private byte[] lastBody;

    HttpConnection(URI url, String[] headers, byte[] body, boolean keepBody) {
        this.host = url.getHost();
        this.port = url.getPort();
        this.keepBody = keepBody;
        StringBuilder head = new StringBuilder()
                .append("POST ")
                .append(url.getRawPath())
                .append(" HTTP/1.1\r\n")
                .append("Host: ")
                .append(host)
                .append(':')
                .append(port)
                .append("\r\n")
                .append("Content-Type: application/json\r\n")
                .append("Accept: application/json\r\n")
                .append("Content-Length: ")
                .append(body.length)
                .append("\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        this.request = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
    }

    /** Sends the request and reads the response; returns the status code. Reconnects when needed. */
    int exchange() throws IOException {
        if (socket == null) {
            connect();
        }
        try {
            out.write(request);
            out.flush();
            return readResponse();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    byte[] lastBody() {
        return lastBody;
    }

    private void connect() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), 5000);
        socket.setSoTimeout(30_000);
        in = new BufferedInputStream(socket.getInputStream(), 16384);
        out = socket.getOutputStream();
    }

    private int readResponse() throws IOException {
        String status = readLine();
        if (status == null || !status.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP response: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean closeAfter = false;
        String header;
        while ((header = readLine()) != null && !header.isEmpty()) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = header.substring(0, colon).trim();
            String value = header.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("content-length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("transfer-encoding") && value.equalsIgnoreCase("chunked")) {
                chunked = true;
            } else if (name.equalsIgnoreCase("connection") && value.equalsIgnoreCase("close")) {
                closeAfter = true;
            }
        }
        ByteArrayOutputStream body = keepBody ? new ByteArrayOutputStream() : null;
        if (chunked) {
            while (true) {
                String size = readLine();
                if (size == null) {
                    throw new IOException("connection closed inside a chunked body");
                }
                int semicolon = size.indexOf(';');
                long chunk = Long.parseLong((semicolon >= 0 ? size.substring(0, semicolon) : size).trim(), 16);
                if (chunk == 0) {
                    while ((header = readLine()) != null && !header.isEmpty()) {
                        // trailers
                    }
                    break;
                }
                consume(chunk, body);
                readLine(); // CRLF after the chunk
            }
        } else if (length >= 0) {
            consume(length, body);
        } else {
            throw new IOException("response without Content-Length or chunked encoding");
        }
        lastBody = body == null ? null : body.toByteArray();
        if (closeAfter) {
            close();
        }
        return code;
    }

    private void consume(long bytes, ByteArrayOutputStream body) throws IOException {
        long left = bytes;
        while (left > 0) {
            int n = in.read(skip, 0, (int) Math.min(skip.length, left));
            if (n < 0) {
                throw new IOException("connection closed inside a body");
            }
            if (body != null) {
                body.write(skip, 0, n);
            }
            left -= n;
        }
    }

    private String readLine() throws IOException {
        int length = 0;
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                if (length > 0 && line[length - 1] == '\r') {
                    length--;
                }
                return new String(line, 0, length, StandardCharsets.ISO_8859_1);
            }
            if (length < line.length) {
                line[length++] = (byte) b;
            }
        }
        return length == 0 ? null : new String(line, 0, length, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }
}
