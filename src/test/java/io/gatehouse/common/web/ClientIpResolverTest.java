package io.gatehouse.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ClientIpResolverTest {

    private static MockHttpServletRequest request(String peer, String forwarded) {
        MockHttpServletRequest r = new MockHttpServletRequest();
        r.setRemoteAddr(peer);
        if (forwarded != null) {
            r.addHeader("X-Forwarded-For", forwarded);
        }
        return r;
    }

    @Test
    void resolveWhenPeerIsNotATrustedProxyThenForwardedHeaderIgnored() {
        ClientIpResolver resolver = new ClientIpResolver(new ClientIpResolver.Settings(List.of("10.0.0.0/8")));
        assertThat(resolver.resolve(request("203.0.113.9", "1.2.3.4"))).isEqualTo("203.0.113.9");
    }

    @Test
    void resolveWhenPeerIsTrustedThenRightMostUntrustedHopWins() {
        ClientIpResolver resolver = new ClientIpResolver(new ClientIpResolver.Settings(List.of("10.0.0.0/8")));
        // The client forged the first entry; our proxies appended the rest.
        assertThat(resolver.resolve(request("10.0.0.2", "6.6.6.6, 198.51.100.7, 10.0.0.1"))).isEqualTo("198.51.100.7");
    }

    @Test
    void resolveWhenNoProxiesConfiguredThenPeer() {
        ClientIpResolver resolver = new ClientIpResolver(new ClientIpResolver.Settings(null));
        assertThat(resolver.resolve(request("127.0.0.1", "1.2.3.4"))).isEqualTo("127.0.0.1");
    }

    @Test
    void resolveWhenForwardedHopIsNotAnAddressThenPeerAndNoLookup() {
        ClientIpResolver resolver = new ClientIpResolver(new ClientIpResolver.Settings(List.of("10.0.0.0/8")));
        assertThat(resolver.resolve(request("10.0.0.2", "attacker.example, 10.0.0.1"))).isEqualTo("10.0.0.2");
        assertThat(resolver.resolve(request("10.0.0.2", "300.1.1.1"))).isEqualTo("10.0.0.2");
        assertThat(resolver.resolve(request("10.0.0.2", "2001:db8::7"))).isEqualTo("2001:db8::7");
    }
}
