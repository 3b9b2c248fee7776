package dev.openactions.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Checks an AWS Signature Version 4 the way AWS does, from the request as the server received it. */
public final class SigV4 {
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})");

    private SigV4() {}

    /** Whether {@code received} carries a valid signature by {@code accessKey}/{@code secret}. */
    public static boolean valid(SesEndpoint.Received received, String accessKey, String secret) throws Exception {
        Matcher m = AUTHORIZATION.matcher(received.headers().getOrDefault("authorization", ""));
        if (!m.matches() || !m.group(1).equals(accessKey)) {
            return false;
        }
        String date = m.group(2), region = m.group(3), service = m.group(4), signedHeaders = m.group(5);
        Map<String, String> headers = received.headers();
        StringBuilder canonicalHeaders = new StringBuilder();
        for (String name : signedHeaders.split(";")) {
            canonicalHeaders
                    .append(name)
                    .append(':')
                    .append(headers.getOrDefault(name, "").trim().replaceAll(" +", " "))
                    .append('\n');
        }
        String path = received.path().contains("?")
                ? received.path().substring(0, received.path().indexOf('?'))
                : received.path();
        String query = received.path().contains("?")
                ? received.path().substring(received.path().indexOf('?') + 1)
                : "";
        String canonicalRequest = String.join(
                "\n",
                received.method(),
                path,
                query,
                canonicalHeaders.toString(),
                signedHeaders,
                hex(sha256(received.body().getBytes(StandardCharsets.UTF_8))));
        String scope = date + "/" + region + "/" + service + "/aws4_request";
        String stringToSign = String.join(
                "\n",
                "AWS4-HMAC-SHA256",
                headers.get("x-amz-date"),
                scope,
                hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8))));
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        return hex(hmac(key, stringToSign)).equals(m.group(6));
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
