package io.gatehouse.security;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * An access control list compiled for checking addresses. A list without any entry lets every address
 * through; otherwise an address passes when any entry matches it. An address that is not a literal
 * (a forwarded header holding a name, say) matches no entry.
 */
final class AclGate {

    static final AclGate OPEN = new AclGate(true, List.of());

    private final boolean open;
    private final List<AclMatcher> matchers;

    private AclGate(boolean open, List<AclMatcher> matchers) {
        this.open = open;
        this.matchers = matchers;
    }

    /** Compiles stored or validated entries; VPC endpoints count as entries but match nothing here. */
    static AclGate of(AclPolicy policy) {
        if (policy.size() == 0) {
            return OPEN;
        }
        List<AclMatcher> matchers = new ArrayList<>();
        for (AclPolicy.Kind kind : policy.type().kinds()) {
            if (kind.family() == null) {
                continue;
            }
            for (AclPolicy.Entry entry : policy.list(kind)) {
                matchers.add(kind.isRange() ? AclMatcher.range(entry.value(), kind.family())
                        : AclMatcher.netmask(entry.value(), kind.family()));
            }
        }
        return new AclGate(false, List.copyOf(matchers));
    }

    boolean isOpen() {
        return open;
    }

    boolean allows(String clientIp) {
        if (open) {
            return true;
        }
        InetAddress address = AclMatcher.client(clientIp);
        if (address == null) {
            return false;
        }
        for (AclMatcher matcher : matchers) {
            if (matcher.matches(address)) {
                return true;
            }
        }
        return false;
    }
}
