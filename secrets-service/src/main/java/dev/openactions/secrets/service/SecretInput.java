package dev.openactions.secrets.service;

/** A secret to store: a null value means "keep the current value of this name". */
public record SecretInput(String name, String value) {
    @Override
    public String toString() {
        return "SecretInput[name=" + name + ", value=" + (value == null ? "unchanged" : "***") + "]";
    }
}
