package dev.openactions.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A Vault Transit API server for tests: real AES-256-GCM, versioned keys, derived keys (the context
 * is mixed into the key, as Vault does), rotation, rewrap and minimum decryption versions. Speaks the
 * subset of the HTTP API that quarkus-vault uses, with {@code X-Vault-Token} checked. It can be
 * switched "down" (every request answers 503, as a sealed Vault does), "unresponsive" (requests hang
 * until switched back, as behind a black-holing network) or limited to a number of rewrap calls (to
 * interrupt a rewrap half-way), to test what happens when Vault is unreachable.
 */
public final class VaultTransitServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpServer server;
    // Cached, not fixed: requests held while "unresponsive" must not starve the ones that follow.
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "vault-transit-test-server");
        t.setDaemon(true);
        return t;
    });
    private final String token;
    private final Map<String, TransitKey> keys = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger rewrapsLeft = new AtomicInteger(Integer.MAX_VALUE);
    private volatile boolean down;
    private volatile boolean keyAdministrationDenied;
    private volatile CountDownLatch unresponsive;

    private VaultTransitServer(HttpServer server, String token) {
        this.server = server;
        this.token = token;
    }

    public static VaultTransitServer start(String token) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            VaultTransitServer vault = new VaultTransitServer(http, token);
            http.createContext("/v1/", vault::handle);
            http.setExecutor(vault.executor);
            http.start();
            return vault;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** While down, every request answers 503 as a sealed or unreachable Vault would. */
    public void setDown(boolean down) {
        this.down = down;
    }

    /**
     * While unresponsive, requests are accepted but not answered until {@code false} is set again (or
     * the server closes): what a client sees when Vault hangs, which only its read timeout bounds.
     */
    public synchronized void setUnresponsive(boolean hang) {
        if (hang && unresponsive == null) {
            unresponsive = new CountDownLatch(1);
        } else if (!hang && unresponsive != null) {
            unresponsive.countDown();
            unresponsive = null;
        }
    }

    /**
     * Answers the next {@code count} rewrap calls, then 503 to every further rewrap (other operations
     * keep working) until called again; {@link Integer#MAX_VALUE} lifts the limit.
     */
    public void allowRewraps(int count) {
        rewrapsLeft.set(count);
    }

    /**
     * Answers 403 "permission denied" to rotate and config, as Vault does for a policy that grants
     * encrypt/decrypt/rewrap/read only and leaves key administration to operators.
     */
    public void setKeyAdministrationDenied(boolean denied) {
        this.keyAdministrationDenied = denied;
    }

    /** Rotates a key as an operator would ({@code vault write -f transit/keys/<key>/rotate}); returns the new version. */
    public int rotate(String key) {
        TransitKey k = keys.get(key);
        if (k == null) {
            throw new IllegalArgumentException("no key " + key);
        }
        k.rotate();
        return k.versions.size();
    }

    /** The key's minimum decryption version (1 until raised); 0 if the key does not exist. */
    public int minDecryptionVersion(String key) {
        TransitKey k = keys.get(key);
        return k == null ? 0 : k.minDecryptionVersion;
    }

    public int requestCount() {
        return requests.get();
    }

    public int latestVersion(String key) {
        TransitKey k = keys.get(key);
        return k == null ? 0 : k.versions.size();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            CountDownLatch hang = unresponsive;
            if (hang != null) {
                try {
                    hang.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return; // the client has given up by now; closing the exchange is all that is left
            }
            if (down) {
                reply(exchange, 503, errors("Vault is sealed"));
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.equals("/v1/sys/health")) {
                reply(
                        exchange,
                        200,
                        JSON.createObjectNode()
                                .put("initialized", true)
                                .put("sealed", false)
                                .put("standby", false));
                return;
            }
            if (!token.equals(exchange.getRequestHeaders().getFirst("X-Vault-Token"))) {
                reply(exchange, 403, errors("permission denied"));
                return;
            }
            byte[] bodyBytes = exchange.getRequestBody().readAllBytes();
            JsonNode body = bodyBytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bodyBytes);
            String[] parts = path.split("/");
            // ["", "v1", "transit", op, key, (sub)]
            if (parts.length < 5 || !"transit".equals(parts[2])) {
                reply(exchange, 404, errors("no handler for route '" + path + "'"));
                return;
            }
            String op = parts[3];
            String keyName = parts[4];
            String sub = parts.length > 5 ? parts[5] : null;
            switch (op) {
                case "keys" -> keys(exchange, method, keyName, sub, body);
                case "encrypt" -> batch(exchange, keyName, body, this::encryptItem);
                case "decrypt" -> batch(exchange, keyName, body, this::decryptItem);
                case "rewrap" -> {
                    if (rewrapsLeft.getAndUpdate(n -> n == Integer.MAX_VALUE ? n : Math.max(0, n - 1)) <= 0) {
                        reply(exchange, 503, errors("Vault is sealed"));
                    } else {
                        batch(exchange, keyName, body, this::rewrapItem);
                    }
                }
                default -> reply(exchange, 404, errors("unsupported path " + path));
            }
        } catch (RuntimeException e) {
            reply(exchange, 500, errors(e.getMessage()));
        }
    }

    private void keys(HttpExchange exchange, String method, String keyName, String sub, JsonNode body)
            throws IOException {
        if (sub == null && "POST".equals(method)) {
            keys.computeIfAbsent(
                    keyName, n -> new TransitKey(body.path("derived").asBoolean(false)));
            exchange.sendResponseHeaders(204, -1);
            return;
        }
        TransitKey key = keys.get(keyName);
        if (key == null) {
            reply(exchange, 404, errors("key not found"));
            return;
        }
        if (sub != null && keyAdministrationDenied) {
            reply(exchange, 403, errors("permission denied"));
            return;
        }
        if (sub == null && "GET".equals(method)) {
            ObjectNode data = JSON.createObjectNode();
            data.put("name", keyName)
                    .put("type", "aes256-gcm96")
                    .put("derived", key.derived)
                    .put("latest_version", key.versions.size())
                    .put("min_decryption_version", key.minDecryptionVersion)
                    .put("min_encryption_version", 0)
                    .put("deletion_allowed", false)
                    .put("exportable", false)
                    .put("supports_encryption", true)
                    .put("supports_decryption", true)
                    .put("supports_derivation", true)
                    .put("supports_signing", false)
                    .put("allow_plaintext_backup", false)
                    .put("auto_rotate_period", 0)
                    .put("imported_key", false)
                    .put("min_available_version", 0)
                    .put("convergent_encryption", false);
            ObjectNode versions = data.putObject("keys");
            for (int v = 1; v <= key.versions.size(); v++) {
                versions.put(Integer.toString(v), System.currentTimeMillis() / 1000);
            }
            ObjectNode response = JSON.createObjectNode();
            response.set("data", data);
            reply(exchange, 200, response);
        } else if ("rotate".equals(sub)) {
            key.rotate();
            exchange.sendResponseHeaders(204, -1);
        } else if ("config".equals(sub)) {
            JsonNode min = body.path("min_decryption_version");
            if (min.isNumber()) {
                if (min.asInt() < 1 || min.asInt() > key.versions.size()) {
                    // like Vault: the minimum must name an existing version
                    reply(exchange, 400, errors("cannot set min_decryption_version to " + min.asInt()));
                    return;
                }
                key.minDecryptionVersion = min.asInt();
            }
            exchange.sendResponseHeaders(204, -1);
        } else {
            reply(exchange, 405, errors("unsupported operation"));
        }
    }

    private interface ItemOperation {
        ObjectNode apply(TransitKey key, JsonNode item) throws GeneralSecurityException;
    }

    private void batch(HttpExchange exchange, String keyName, JsonNode body, ItemOperation operation)
            throws IOException {
        TransitKey key = keys.get(keyName);
        if (key == null) {
            reply(exchange, 400, errors("encryption key not found"));
            return;
        }
        List<JsonNode> items = new ArrayList<>();
        if (body.has("batch_input")) {
            body.get("batch_input").forEach(items::add);
        } else {
            items.add(body);
        }
        ArrayNode results = JSON.createArrayNode();
        boolean anyError = false;
        int errors = 0;
        for (JsonNode item : items) {
            ObjectNode result;
            try {
                result = operation.apply(key, item);
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                result = JSON.createObjectNode().put("error", "cipher: message authentication failed");
                anyError = true;
                errors++;
            }
            results.add(result);
        }
        ObjectNode response = JSON.createObjectNode();
        if (body.has("batch_input")) {
            response.putObject("data").set("batch_results", results);
        } else if (anyError) {
            reply(exchange, 400, errors(results.get(0).get("error").asText()));
            return;
        } else {
            response.set("data", results.get(0));
        }
        // Like Vault: a batch answers 400 when every item failed, 200 (with per-item errors) otherwise.
        reply(exchange, errors == items.size() ? 400 : 200, response);
    }

    private ObjectNode encryptItem(TransitKey key, JsonNode item) throws GeneralSecurityException {
        byte[] plaintext = Base64.getDecoder().decode(item.path("plaintext").asText(""));
        int version = key.versions.size();
        return JSON.createObjectNode()
                .put("ciphertext", key.encrypt(version, plaintext, context(item)))
                .put("key_version", version);
    }

    private ObjectNode decryptItem(TransitKey key, JsonNode item) throws GeneralSecurityException {
        byte[] plaintext = key.decrypt(item.path("ciphertext").asText(), context(item));
        return JSON.createObjectNode().put("plaintext", Base64.getEncoder().encodeToString(plaintext));
    }

    private ObjectNode rewrapItem(TransitKey key, JsonNode item) throws GeneralSecurityException {
        byte[] context = context(item);
        byte[] plaintext = key.decrypt(item.path("ciphertext").asText(), context);
        int version = key.versions.size();
        return JSON.createObjectNode()
                .put("ciphertext", key.encrypt(version, plaintext, context))
                .put("key_version", version);
    }

    private static byte[] context(JsonNode item) {
        String context = item.path("context").asText("");
        return context.isEmpty() ? new byte[0] : Base64.getDecoder().decode(context);
    }

    private static ObjectNode errors(String message) {
        ObjectNode node = JSON.createObjectNode();
        node.putArray("errors").add(message);
        return node;
    }

    private static void reply(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        setUnresponsive(false);
        server.stop(0);
        executor.shutdownNow();
    }

    /** A named key: a list of AES-256 versions, the newest encrypting, all above the minimum decrypting. */
    private static final class TransitKey {
        private final boolean derived;
        private final List<byte[]> versions = new CopyOnWriteArrayList<>();
        private volatile int minDecryptionVersion = 1;

        TransitKey(boolean derived) {
            this.derived = derived;
            rotate();
        }

        void rotate() {
            byte[] material = new byte[32];
            RANDOM.nextBytes(material);
            versions.add(material);
        }

        String encrypt(int version, byte[] plaintext, byte[] context) throws GeneralSecurityException {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keyFor(version, context), new GCMParameterSpec(128, nonce));
            byte[] out = cipher.doFinal(plaintext);
            return "vault:v" + version + ":"
                    + Base64.getEncoder()
                            .encodeToString(ByteBuffer.allocate(nonce.length + out.length)
                                    .put(nonce)
                                    .put(out)
                                    .array());
        }

        byte[] decrypt(String ciphertext, byte[] context) throws GeneralSecurityException {
            String[] parts = ciphertext.split(":", 3);
            if (parts.length != 3 || !"vault".equals(parts[0]) || !parts[1].startsWith("v")) {
                throw new IllegalArgumentException("invalid ciphertext");
            }
            int version = Integer.parseInt(parts[1].substring(1));
            if (version < minDecryptionVersion || version > versions.size()) {
                throw new IllegalArgumentException("ciphertext version is disallowed by policy (too old)");
            }
            byte[] data = Base64.getDecoder().decode(parts[2]);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, keyFor(version, context), new GCMParameterSpec(128, data, 0, 12));
            return cipher.doFinal(data, 12, data.length - 12);
        }

        private SecretKeySpec keyFor(int version, byte[] context) throws GeneralSecurityException {
            byte[] material = versions.get(version - 1);
            if (!derived) {
                return new SecretKeySpec(material, "AES");
            }
            if (context.length == 0) {
                throw new IllegalArgumentException("missing 'context' for key derivation");
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(material, "HmacSHA256"));
            return new SecretKeySpec(mac.doFinal(context), "AES");
        }
    }

    /** For tests that need the raw ciphertext format: {@code vault:v<N>:}. */
    public static int versionOf(String ciphertext) {
        return Integer.parseInt(ciphertext.split(":")[1].substring(1));
    }
}
