package io.gatehouse.audit;

import com.maxmind.db.CHMCache;
import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.exception.GeoIp2Exception;
import com.maxmind.geoip2.model.CityResponse;
import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MaxMind GeoIP2 or GeoLite2 City database (.mmdb), read with MaxMind's own reader, memory-mapped.
 * Its answers are in English.
 */
final class GeoIpCity implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(GeoIpCity.class);

    private final DatabaseReader reader;

    private GeoIpCity(DatabaseReader reader) {
        this.reader = reader;
    }

    /** The database at {@code path}; empty when no path is configured. A path that does not open stops the start. */
    static Optional<GeoIpCity> open(String path) {
        if (path == null || path.isBlank()) {
            return Optional.empty();
        }
        File file = new File(path.strip());
        try {
            DatabaseReader reader = new DatabaseReader.Builder(file).withCache(new CHMCache()).build();
            log.info("GeoIP database {} ({}, built {})", file, reader.getMetadata().databaseType(),
                    reader.getMetadata().buildTime());
            return Optional.of(new GeoIpCity(reader));
        } catch (IOException e) {
            throw new UncheckedIOException("GATEHOUSE_GEOIP_DATABASE: cannot open " + file, e);
        }
    }

    /** The database's place for {@code address}; empty when it has none. */
    Optional<Location> locate(InetAddress address) {
        try {
            return reader.tryCity(address).map(GeoIpCity::location);
        } catch (IOException | GeoIp2Exception | RuntimeException e) {
            // A damaged record must not fail a sign-in: the address is then simply unknown.
            log.warn("GeoIP lookup failed: {}", e.toString());
            return Optional.empty();
        }
    }

    private static Location location(CityResponse r) {
        String country = r.country() == null ? null : r.country().name();
        String code = r.country() == null ? null : r.country().isoCode();
        String city = r.city() == null ? null : r.city().name();
        if (code == null && country == null) {
            return Location.UNKNOWN;
        }
        String countryLabel = country != null ? country : code;
        String label = city == null ? countryLabel : city + ", " + countryLabel;
        return new Location(Location.Source.GEOIP, label, code != null ? code : country, city);
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
