package io.gatehouse.auth;

import io.gatehouse.common.web.ClientInfo;
import io.gatehouse.user.User;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One sign-in as the guards see it. {@code user} is null when no user matched the name; guards must
 * then behave as they would for a wrong password, so nothing tells the two apart. An attempt lives on
 * one request thread, from the first guard to the success or refusal.
 */
public final class SignInAttempt {

    private final SignInRequest request;
    private final User user;
    private final ClientInfo client;
    private final String channel;
    /** What guards looked up once for this attempt, so that the next guard or step does not read it again. */
    private final Map<Class<?>, Object> lookups = new HashMap<>();
    private final Map<Class<?>, Supplier<?>> preloads = new HashMap<>();

    public SignInAttempt(SignInRequest request, User user, ClientInfo client, String channel) {
        this.request = request;
        this.user = user;
        this.client = client;
        this.channel = channel;
    }

    public SignInRequest request() {
        return request;
    }

    public User user() {
        return user;
    }

    public ClientInfo client() {
        return client;
    }

    public String channel() {
        return channel;
    }

    public boolean knownUser() {
        return user != null;
    }

    /**
     * The value of type {@code type} looked up for this attempt, computing it on first use. Each guard keys
     * its lookups by a type of its own, so two guards that need the same setting read it once.
     */
    public <T> T lookup(Class<T> type, Supplier<T> compute) {
        Object known = lookups.get(type);
        if (known == null) {
            Supplier<?> preloaded = preloads.remove(type);
            known = preloaded != null ? preloaded.get() : compute.get();
            lookups.put(type, known);
        }
        return type.cast(known);
    }

    /**
     * Gives {@link #lookup} the value of type {@code type} from a read already under way (see
     * {@link SignInGuard#prefetch}); it is taken from {@code value} at the first lookup.
     */
    public <T> void preload(Class<T> type, Supplier<T> value) {
        preloads.put(type, value);
    }

    /** Whether a value of type {@code type} was looked up or preloaded for this attempt. */
    public boolean holds(Class<?> type) {
        return lookups.containsKey(type) || preloads.containsKey(type);
    }
}
