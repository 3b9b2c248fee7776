package dev.openactions.secrets.keys;

import java.util.Set;

/** The key backend refused or could not be reached. Never carries a plaintext. */
public class KeyProviderException extends RuntimeException {
    private final boolean unavailable;
    private final Set<Integer> failedItems;

    public KeyProviderException(String message, boolean unavailable, Throwable cause) {
        this(message, unavailable, cause, Set.of());
    }

    /** {@code failedItems}: positions in the request of the values that did not authenticate, when known. */
    public KeyProviderException(String message, boolean unavailable, Throwable cause, Set<Integer> failedItems) {
        super(message, cause);
        this.unavailable = unavailable;
        this.failedItems = Set.copyOf(failedItems);
    }

    /** True when the backend is down (retry later), false when the data itself is bad. */
    public boolean unavailable() {
        return unavailable;
    }

    /** Which values of the batch failed (empty: unknown, or the whole batch). */
    public Set<Integer> failedItems() {
        return failedItems;
    }
}
