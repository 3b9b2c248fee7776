package dev.openactions.contracts;

import java.util.Arrays;
import java.util.Optional;

/** The six triggers, with the version and handler names Auth0 uses for them. */
public enum TriggerId {
    POST_LOGIN("post-login", "v3", Kind.SYNC, "onExecutePostLogin"),
    CREDENTIALS_EXCHANGE("credentials-exchange", "v2", Kind.SYNC, "onExecuteCredentialsExchange"),
    PRE_USER_REGISTRATION("pre-user-registration", "v2", Kind.SYNC, "onExecutePreUserRegistration"),
    POST_USER_REGISTRATION("post-user-registration", "v2", Kind.ASYNC, "onExecutePostUserRegistration"),
    POST_CHANGE_PASSWORD("post-change-password", "v2", Kind.ASYNC, "onExecutePostChangePassword"),
    SEND_PHONE_MESSAGE("send-phone-message", "v2", Kind.SYNC, "onExecuteSendPhoneMessage");

    /** Synchronous triggers are called over HTTP; asynchronous ones arrive from Kafka. */
    public enum Kind {
        SYNC,
        ASYNC
    }

    private final String id;
    private final String version;
    private final Kind kind;
    private final String handler;

    TriggerId(String id, String version, Kind kind, String handler) {
        this.id = id;
        this.version = version;
        this.kind = kind;
        this.handler = handler;
    }

    public String id() {
        return id;
    }

    public String version() {
        return version;
    }

    public Kind kind() {
        return kind;
    }

    /** The exported function an action must define for this trigger. */
    public String handler() {
        return handler;
    }

    public static Optional<TriggerId> fromId(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
    }
}
