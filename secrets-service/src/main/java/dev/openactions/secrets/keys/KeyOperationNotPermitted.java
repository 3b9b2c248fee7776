package dev.openactions.secrets.keys;

/**
 * The key backend does not let this service administer the key (Vault: permission denied on rotate
 * or config, where the policy leaves those to an operator). Not transient: retrying will not help.
 */
public class KeyOperationNotPermitted extends KeyProviderException {
    private final String operation;

    public KeyOperationNotPermitted(String operation, Throwable cause) {
        super("the key backend does not permit this service to " + operation, false, cause);
        this.operation = operation;
    }

    public String operation() {
        return operation;
    }
}
