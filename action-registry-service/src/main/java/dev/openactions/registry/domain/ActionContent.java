package dev.openactions.registry.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * What an action runs: its triggers, code, runtime, npm dependencies and secret names. The draft
 * ({@link ActionEntity}) and every version ({@link ActionVersionEntity}) hold one, in the same columns,
 * so deploying, rolling back and comparing copy one value instead of five fields each.
 *
 * <p>A value: nothing changes it after construction (the {@code with…} methods return a new one), so
 * an entity changes its content only by replacing it, which is what Hibernate's dirty tracking sees.
 */
@Embeddable
public class ActionContent {
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "supported_triggers", nullable = false)
    private List<SupportedTrigger> supportedTriggers;

    @Column(nullable = false)
    private String code;

    @Column(nullable = false)
    private String runtime;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private List<Dependency> dependencies;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private List<SecretRef> secrets;

    /** For Hibernate. */
    protected ActionContent() {}

    public ActionContent(
            List<SupportedTrigger> supportedTriggers,
            String code,
            String runtime,
            List<Dependency> dependencies,
            List<SecretRef> secrets) {
        this.supportedTriggers = new ArrayList<>(supportedTriggers);
        this.code = code;
        this.runtime = runtime;
        this.dependencies = new ArrayList<>(dependencies);
        this.secrets = new ArrayList<>(secrets);
    }

    public List<SupportedTrigger> supportedTriggers() {
        return Collections.unmodifiableList(supportedTriggers);
    }

    public String code() {
        return code;
    }

    public String runtime() {
        return runtime;
    }

    public List<Dependency> dependencies() {
        return Collections.unmodifiableList(dependencies);
    }

    public List<SecretRef> secrets() {
        return Collections.unmodifiableList(secrets);
    }

    /** The trigger the action is written for (Auth0 binds an action to exactly one). */
    public String triggerId() {
        return supportedTriggers.get(0).id();
    }

    public boolean supports(String triggerId) {
        return supportedTriggers.stream().anyMatch(t -> t.id().equals(triggerId));
    }

    /** The ids of the supported triggers, sorted. */
    public Set<String> triggerIds() {
        Set<String> ids = new TreeSet<>();
        supportedTriggers.forEach(t -> ids.add(t.id()));
        return ids;
    }

    /** An independent copy (the lists are copied too, so the two never share a mutable list). */
    public ActionContent copy() {
        return new ActionContent(supportedTriggers, code, runtime, dependencies, secrets);
    }

    public ActionContent withSupportedTriggers(List<SupportedTrigger> next) {
        return new ActionContent(next, code, runtime, dependencies, secrets);
    }

    public ActionContent withCode(String next) {
        return new ActionContent(supportedTriggers, next, runtime, dependencies, secrets);
    }

    public ActionContent withRuntime(String next) {
        return new ActionContent(supportedTriggers, code, next, dependencies, secrets);
    }

    public ActionContent withDependencies(List<Dependency> next) {
        return new ActionContent(supportedTriggers, code, runtime, next, secrets);
    }

    public ActionContent withSecrets(List<SecretRef> next) {
        return new ActionContent(supportedTriggers, code, runtime, dependencies, next);
    }

    /**
     * True when deploying this draft would change nothing in {@code version}: same code, runtime,
     * dependencies, triggers and secrets (names and when their values last changed, in any order).
     * Dependencies match either as the version pinned them or as its draft asked for them
     * ({@code requested}, null for versions from before pinning).
     */
    public boolean sameAs(ActionContent version, List<Dependency> requested) {
        return code.equals(version.code)
                && runtime.equals(version.runtime)
                && (dependencies.equals(version.dependencies) || dependencies.equals(requested))
                && supportedTriggers.equals(version.supportedTriggers)
                && new HashSet<>(secrets).equals(new HashSet<>(version.secrets));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ActionContent other
                && Objects.equals(supportedTriggers, other.supportedTriggers)
                && Objects.equals(code, other.code)
                && Objects.equals(runtime, other.runtime)
                && Objects.equals(dependencies, other.dependencies)
                && Objects.equals(secrets, other.secrets);
    }

    @Override
    public int hashCode() {
        return Objects.hash(supportedTriggers, code, runtime, dependencies, secrets);
    }

    /** Without the code (it may be long, and a partner's code is not for logs). */
    @Override
    public String toString() {
        return "ActionContent[triggers=" + supportedTriggers + ", runtime=" + runtime + ", dependencies=" + dependencies
                + ", secrets=" + secrets.stream().map(SecretRef::name).toList() + "]";
    }
}
