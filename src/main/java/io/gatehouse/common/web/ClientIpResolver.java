package io.gatehouse.common.web;

import com.google.common.net.InetAddresses;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;

/**
 * The client address of a request. {@code X-Forwarded-For} is believed only when the direct peer is
 * one of the configured trusted proxies; then the right-most address not itself a trusted proxy wins,
 * because every hop appends and only our own proxies' additions can be trusted.
 */
@Component
@EnableConfigurationProperties(ClientIpResolver.Settings.class)
public class ClientIpResolver {

    private final List<IpAddressMatcher> trustedProxies;

    public ClientIpResolver(Settings settings) {
        this.trustedProxies = settings.trustedProxies().stream().map(String::trim).filter(s -> !s.isEmpty())
                .map(IpAddressMatcher::new).toList();
    }

    public String resolve(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null || !isTrusted(peer)) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!InetAddresses.isInetAddress(hop)) {
                // Not an address literal: a forged or broken header. Never resolved through DNS.
                return peer;
            }
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return peer;
    }

    private boolean isTrusted(String address) {
        for (IpAddressMatcher proxy : trustedProxies) {
            try {
                if (proxy.matches(address)) {
                    return true;
                }
            } catch (IllegalArgumentException notAnAddress) {
                return false;
            }
        }
        return false;
    }

    @ConfigurationProperties("gatehouse.http")
    public record Settings(List<String> trustedProxies) {
        public Settings {
            trustedProxies = trustedProxies == null ? List.of() : trustedProxies;
        }
    }
}
