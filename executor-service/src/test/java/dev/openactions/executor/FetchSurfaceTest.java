package dev.openactions.executor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openactions.executor.runtime.ActionCode;
import dev.openactions.executor.runtime.ActionSandbox;
import dev.openactions.executor.runtime.ExecutionOutcome;
import dev.openactions.localstack.HttpSink;
import dev.openactions.testsupport.HttpSinkResource;
import dev.openactions.testsupport.KafkaResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The WHATWG fetch surface Auth0 actions assume (docs/runtime.md), against a loopback server: AbortController
 * and AbortSignal (abort, timeout, any) honoured by fetch and body reads, iterable Headers,
 * Response.clone, Request, FormData and Blob bodies, numeric hosts parsed as WHATWG URL parsing does.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(
        value = HttpSinkResource.class,
        initArgs = @ResourceArg(name = "property", value = "quarkus.rest-client.secrets-service.url"))
class FetchSurfaceTest {
    @Inject
    ActionSandbox sandbox;

    HttpSink server;

    @BeforeEach
    void start() {
        server = HttpSink.start();
        server.respondWith(200, "{\"hello\":\"wörld\"}", Map.of("X-Trace", "t-1", "Set-Cookie", "a=1"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Map<String, JsonNode> claims(String body) {
        String code = "exports.onExecutePostLogin = async (event, api) => {\nconst url = '" + server.url() + "';\n"
                + body + "\n};";
        ExecutionOutcome outcome = sandbox.run(
                new ActionCode("fetch-surface", "fetch-surface", 0, code),
                "onExecutePostLogin",
                "tenant-f",
                "post-login",
                "{\"user\":{\"user_id\":\"u1\"}}",
                Duration.ofSeconds(5));
        assertThat(outcome.failure()).as("failure").isNull();
        Map<String, JsonNode> claims = new LinkedHashMap<>();
        outcome.commands()
                .forEach(
                        c -> claims.put(c.args().path("name").asText(), c.args().path("value")));
        return claims;
    }

    private static String claim(String name, String expression) {
        return "api.accessToken.setCustomClaim('" + name + "', " + expression + ");\n";
    }

    @Test
    void headersAreIterableSortedAndCombined() {
        Map<String, JsonNode> c = claims("""
                const h = new Headers({ 'B-Header': '2', a: '1' });
                h.append('b-header', '3');
                const seen = [];
                for (const [k, v] of h) seen.push(k + '=' + v);
                const viaForEach = []; h.forEach((v, k) => viaForEach.push(k));
                const fromPairs = new Headers([['x', 'y']]);
                const res = await fetch(url + '/h', { headers: h });
                const responseNames = [...res.headers.keys()];
                """
                + claim("iterated", "seen.join(';')")
                + claim("entries", "[...h.entries()].length")
                + claim("forEach", "viaForEach.join(',')")
                + claim("pairs", "fromPairs.get('X')")
                + claim("trace", "res.headers.get('x-trace')")
                + claim("cookies", "res.headers.getSetCookie().join('|')")
                + claim("hasContentType", "responseNames.includes('content-type')")
                + claim("sent", "'sent'"));
        assertThat(c.get("iterated").asText()).isEqualTo("a=1;b-header=2, 3");
        assertThat(c.get("entries").asInt()).isEqualTo(2);
        assertThat(c.get("forEach").asText()).isEqualTo("a,b-header");
        assertThat(c.get("pairs").asText()).isEqualTo("y");
        assertThat(c.get("trace").asText()).isEqualTo("t-1");
        assertThat(c.get("cookies").asText()).isEqualTo("a=1");
        assertThat(c.get("hasContentType").asBoolean()).isTrue();
        assertThat(server.received().get(0).header("b-header")).isEqualTo("2, 3");
    }

    @Test
    void responsesCloneAndReadOnce() {
        Map<String, JsonNode> c = claims("""
                const res = await fetch(url + '/r');
                const copy = res.clone();
                const text = await res.text();
                let again;
                try { await res.text(); again = 'read twice'; } catch (e) { again = e.name; }
                const json = await copy.json();
                const made = Response.json({ n: 1 }, { status: 201 });
                const buffer = await (await fetch(url + '/b')).arrayBuffer();
                """
                + claim("text", "text")
                + claim("again", "again")
                + claim("cloneJson", "json.hello")
                + claim("bodyUsed", "res.bodyUsed && copy.bodyUsed")
                + claim("ok", "res.ok && res.status === 200 && res.url === url + '/r' && !res.redirected")
                + claim("made", "made.status + ':' + made.headers.get('content-type')")
                + claim("bytes", "buffer.byteLength"));
        assertThat(c.get("text").asText()).isEqualTo("{\"hello\":\"wörld\"}");
        assertThat(c.get("again").asText()).isEqualTo("TypeError");
        assertThat(c.get("cloneJson").asText()).isEqualTo("wörld");
        assertThat(c.get("bodyUsed").asBoolean()).isTrue();
        assertThat(c.get("ok").asBoolean()).isTrue();
        assertThat(c.get("made").asText()).isEqualTo("201:application/json");
        assertThat(c.get("bytes").asInt()).isEqualTo("{\"hello\":\"wörld\"}".getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void aFollowedRedirectIsReportedOnTheResponse() {
        HttpSink redirector = HttpSink.start();
        try {
            redirector.respondWith(302, "", Map.of("Location", server.url() + "/final"));
            Map<String, JsonNode> c = claims("const r = await fetch('" + redirector.url() + "/start');\n"
                    + claim("redirected", "r.redirected + ' ' + r.url + ' ' + r.status"));
            assertThat(c.get("redirected").asText()).isEqualTo("true " + server.url() + "/final 200");
        } finally {
            redirector.close();
        }
    }

    @Test
    void requestsFormDataUrlSearchParamsAndBlobsAreSent() {
        claims("""
                const req = new Request(url + '/req', { method: 'post', headers: { 'x-a': '1' }, body: 'plain text' });
                await fetch(req);
                const form = new FormData();
                form.append('field', 'value');
                form.append('file', new Blob(['file body'], { type: 'text/plain' }), 'note.txt');
                await fetch(url + '/form', { method: 'POST', body: form });
                await fetch(url + '/params', { method: 'POST', body: new URLSearchParams({ a: 'b c', d: 'é' }) });
                const blob = new Blob(['ab', new Uint8Array([99, 100])]);
                await fetch(url + '/blob', { method: 'PUT', body: blob.slice(1) });
                api.accessToken.setCustomClaim('blob', blob.size + ':' + await blob.text());
                """);
        List<HttpSink.Received> received = server.received();
        assertThat(received).hasSize(4);
        assertThat(received.get(0).method()).isEqualTo("POST");
        assertThat(received.get(0).body()).isEqualTo("plain text");
        assertThat(received.get(0).header("x-a")).isEqualTo("1");
        assertThat(received.get(0).header("content-type")).startsWith("text/plain");
        assertThat(received.get(1).header("content-type")).startsWith("multipart/form-data; boundary=");
        assertThat(received.get(1).body())
                .contains("name=\"field\"\r\n\r\nvalue")
                .contains("name=\"file\"; filename=\"note.txt\"\r\nContent-Type: text/plain\r\n\r\nfile body");
        assertThat(received.get(2).header("content-type")).startsWith("application/x-www-form-urlencoded");
        assertThat(received.get(2).body()).isEqualTo("a=b+c&d=%C3%A9");
        assertThat(received.get(3).method()).isEqualTo("PUT");
        assertThat(received.get(3).body()).isEqualTo("bcd");
    }

    @Test
    void abortControllerAndSignalsAreHonoured() {
        Map<String, JsonNode> c = claims("""
                const before = new AbortController();
                before.abort();
                let aborted;
                try { await fetch(url + '/never', { signal: before.signal }); aborted = 'sent'; } catch (e) { aborted = e.name; }
                const custom = new AbortController();
                custom.abort(new Error('my reason'));
                let reason;
                try { await fetch(url + '/never', { signal: custom.signal }); } catch (e) { reason = e.message; }
                const later = new AbortController();
                const res = await fetch(url + '/then-abort', { signal: later.signal });
                later.abort();
                let body;
                try { await res.text(); body = 'read'; } catch (e) { body = e.name; }
                const any = new AbortController();
                const combined = AbortSignal.any([any.signal, AbortSignal.timeout(60000)]);
                let events = 0;
                combined.addEventListener('abort', () => events++);
                any.abort();
                const timeout = AbortSignal.timeout(10);
                await new Promise((r) => setTimeout(r, 30));
                """
                + claim("aborted", "aborted")
                + claim("reason", "reason")
                + claim("bodyAfterAbort", "body")
                + claim("any", "combined.aborted + ':' + combined.reason.name + ':' + events")
                + claim("timeout", "timeout.aborted + ':' + timeout.reason.name")
                + claim(
                        "throwIfAborted",
                        "(() => { try { timeout.throwIfAborted(); return 'no'; } catch (e) { return e.name; } })()")
                + claim("staticAbort", "AbortSignal.abort().reason.name"));
        assertThat(c.get("aborted").asText()).isEqualTo("AbortError");
        assertThat(c.get("reason").asText()).isEqualTo("my reason");
        assertThat(c.get("bodyAfterAbort").asText()).isEqualTo("AbortError");
        assertThat(c.get("any").asText()).isEqualTo("true:AbortError:1");
        assertThat(c.get("timeout").asText()).isEqualTo("true:TimeoutError");
        assertThat(c.get("throwIfAborted").asText()).isEqualTo("TimeoutError");
        assertThat(c.get("staticAbort").asText()).isEqualTo("AbortError");
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void aTimeoutSignalEndsARequestToAServerThatNeverAnswers() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new ArrayList<>();
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    while (!silent.isClosed()) {
                        held.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // test over
                }
            });
            long started = System.nanoTime();
            Map<String, JsonNode> c = claims("let name;\n"
                    + "try { await fetch('http://127.0.0.1:" + silent.getLocalPort()
                    + "/', { signal: AbortSignal.timeout(300) }); name = 'answered'; }"
                    + " catch (e) { name = e.name; }\n" + claim("name", "name"));
            assertThat(c.get("name").asText()).isEqualTo("TimeoutError");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
            acceptor.interrupt();
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void numericHostsAreParsedTheWhatwgWay() {
        int port = URI.create(server.url()).getPort();
        Map<String, JsonNode> c = claims(""
                + claim("hex", "new URL('http://0x7f000001/').hostname")
                + claim("octal", "new URL('http://0177.0.0.1/').hostname")
                + claim("short", "new URL('http://127.1:8080/x').host")
                + claim("metadata", "new URL('http://0xa9fea9fe/latest').hostname")
                + claim("invalid", "URL.canParse('http://256.0.0.1/')")
                + "const res = await fetch('http://0x7f000001:" + port + "/numeric');\n"
                + claim("reached", "res.url"));
        assertThat(c.get("hex").asText()).isEqualTo("127.0.0.1");
        assertThat(c.get("octal").asText()).isEqualTo("127.0.0.1");
        assertThat(c.get("short").asText()).isEqualTo("127.0.0.1:8080");
        assertThat(c.get("metadata").asText()).isEqualTo("169.254.169.254");
        assertThat(c.get("invalid").asBoolean()).isFalse();
        assertThat(c.get("reached").asText()).isEqualTo("http://127.0.0.1:" + port + "/numeric");
        assertThat(server.received())
                .singleElement()
                .satisfies(r -> assertThat(r.path()).isEqualTo("/numeric"));
    }
}
