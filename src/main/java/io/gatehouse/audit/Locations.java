package io.gatehouse.audit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.common.net.InetAddresses;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where a client address is. In order: the operator's named networks ({@code GATEHOUSE_LOCATION_NETWORKS}),
 * which win over everything; then a private, loopback or link-local address is the internal network;
 * then the GeoIP City database when one is configured ({@code GATEHOUSE_GEOIP_DATABASE}); otherwise
 * unknown. No lookup touches the network or the database, and answers are kept per address (Caffeine).
 */
@Component
public class Locations {

    private final NamedNetworks named;
    private final Optional<GeoIpCity> geoIp;
    private final Cache<String, Location> resolved = Caffeine.newBuilder().maximumSize(50_000).build();

    Locations(@Value("${gatehouse.location.networks:}") String networks,
            @Value("${gatehouse.location.geoip-database:}") String geoIpDatabase) {
        this.named = NamedNetworks.parse(networks);
        this.geoIp = GeoIpCity.open(geoIpDatabase);
    }

    /** The location of {@code ip}, a literal address; anything else (null, a host name) is unknown. */
    public Location of(String ip) {
        if (ip == null || !InetAddresses.isInetAddress(ip)) {
            return Location.UNKNOWN;
        }
        return resolved.get(ip, this::resolve);
    }

    private Location resolve(String ip) {
        InetAddress address = InetAddresses.forString(ip);
        String name = named.nameOf(address);
        if (name != null) {
            return new Location(Location.Source.NAMED, name, null, null);
        }
        if (internal(address)) {
            return Location.INTERNAL;
        }
        return geoIp.flatMap(db -> db.locate(address)).orElse(Location.UNKNOWN);
    }

    /** Private (RFC 1918, IPv6 unique local), loopback, link-local or unspecified. */
    private static boolean internal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()) {
            return true;
        }
        return a instanceof Inet6Address && (a.getAddress()[0] & 0xfe) == 0xfc;
    }

    @PreDestroy
    void close() throws IOException {
        if (geoIp.isPresent()) {
            geoIp.get().close();
        }
    }
}
