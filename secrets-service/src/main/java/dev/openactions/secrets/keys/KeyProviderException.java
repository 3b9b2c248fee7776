package dev.openactions.secrets.keys;

/** The key backend refused or could not be reached. Never carries a plaintext. */
public class KeyProviderException extends RuntimeException {
    private final boolean unavailable;

    public KeyProviderException(String message, boolean unavailable, Throwable cause) {
        super(message, cause);
        this.unavailable = unavailable;
    }

    /** True when the backend is down (retry later), false when the data itself is bad. */
    public boolean unavailable() {
        return unavailable;
    }
}
