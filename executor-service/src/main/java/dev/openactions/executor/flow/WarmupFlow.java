package dev.openactions.executor.flow;

import dev.openactions.contracts.FlowSnapshot;
import dev.openactions.contracts.TriggerId;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The throw-away flow the startup warm-up runs: a post-login flow of three small actions that use the
 * common parts of {@code api} and {@code event} (claims, app metadata, a deny check, console output),
 * for a tenant that exists only in this process. Its id is random per process, so no token of the auth
 * server names it and no real tenant's flows, records or metrics can meet it. Its runs publish no
 * execution record and are not timed in {@code executor.flow.duration}; no action declares secrets or
 * calls {@code fetch}, so nothing leaves the process.
 */
public final class WarmupFlow {
    /** The warm-up's tenant id: valid as a tenant id, unknown to every auth server. */
    public static final String TENANT = "openactions-warmup-" + HexFormat.of().formatHex(seed());

    /** The request body each warm-up call sends (the shape of a real login). */
    public static final String REQUEST = """
            {"event":{"user":{"user_id":"warmup|1","email":"warmup@example.invalid","app_metadata":{"plan":"pro"},\
            "user_metadata":{}},"request":{"ip":"198.51.100.7","user_agent":"warmup"},\
            "client":{"client_id":"warmup","name":"warmup"},\
            "connection":{"id":"con_warmup","name":"Username-Password-Authentication","strategy":"auth0"}}}""";

    private static final List<String> CODE = List.of("""
            exports.onExecutePostLogin = async (event, api) => {
              api.accessToken.setCustomClaim('https://example.invalid/plan', event.user.app_metadata.plan);
              api.idToken.setCustomClaim('https://example.invalid/email', event.user.email);
            };""", """
            exports.onExecutePostLogin = async (event, api) => {
              api.user.setAppMetadata('last_login_ip', event.request.ip);
              console.log('login of', event.user.user_id);
            };""", """
            const BLOCKED = new Set(['192.0.2.1', '203.0.113.9']);
            exports.onExecutePostLogin = async (event, api) => {
              if (BLOCKED.has(event.request.ip)) {
                api.access.deny('login from a blocked address');
              }
            };""");

    private WarmupFlow() {}

    public static boolean isWarmup(String tenantId) {
        return TENANT.equals(tenantId);
    }

    /** The warm-up's post-login flow snapshot. */
    public static FlowSnapshot snapshot() {
        List<FlowSnapshot.BoundAction> actions = new ArrayList<>();
        for (int i = 0; i < CODE.size(); i++) {
            String id = "warmup-" + (i + 1);
            actions.add(new FlowSnapshot.BoundAction(
                    "binding-" + id,
                    id,
                    id,
                    id,
                    id + "-v1",
                    1,
                    CODE.get(i),
                    "node22",
                    List.of(),
                    FlowSnapshot.OnError.FAIL,
                    null,
                    false,
                    null));
        }
        return new FlowSnapshot(TENANT, TriggerId.POST_LOGIN.id(), 1, Instant.now(), List.copyOf(actions));
    }

    private static byte[] seed() {
        byte[] bytes = new byte[8];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
