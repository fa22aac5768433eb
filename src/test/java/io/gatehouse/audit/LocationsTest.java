package io.gatehouse.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/**
 * Resolving addresses with a real GeoIP2 City database (src/test/resources/geoip, written with MaxMind's
 * writer and read with MaxMind's reader) and a table of named networks.
 */
class LocationsTest {

    private static final String TABLE = "198.51.100.128/25=Berlin office; 10.1.0.0/16 = Corporate VPN\n"
            + "# a comment\n10.1.5.0/24=VPN Berlin; 2001:db8:1:5::/64=Tokyo lab";

    private final Locations withDatabase = new Locations(TABLE, database());
    private final Locations withoutDatabase = new Locations(TABLE, "");

    @Test
    void ofWhenDatabaseKnowsTheAddressThenCityAndCountry() {
        Location sydney = withDatabase.of("203.0.113.10");
        assertThat(sydney).isEqualTo(new Location(Location.Source.GEOIP, "Sydney, Australia", "AU", "Sydney"));
        assertThat(sydney.key(Location.Granularity.CITY)).isEqualTo("Sydney, Australia");
        assertThat(sydney.key(Location.Granularity.COUNTRY)).isEqualTo("Australia");
        assertThat(withDatabase.of("203.0.113.200").label()).isEqualTo("Melbourne, Australia");
        assertThat(withDatabase.of("2001:db8:1:7::1").label()).isEqualTo("Tokyo, Japan");
    }

    @Test
    void ofWhenDatabaseKnowsOnlyTheCountryThenTheCountryAtBothGranularities() {
        Location japan = withDatabase.of("198.18.4.4");
        assertThat(japan.label()).isEqualTo("Japan");
        assertThat(japan.city()).isNull();
        assertThat(japan.key(Location.Granularity.CITY)).isEqualTo("Japan");
        assertThat(japan.key(Location.Granularity.COUNTRY)).isEqualTo("Japan");
    }

    @Test
    void ofWhenTableHoldsTheAddressThenTheTableWinsOverTheDatabaseMostSpecificFirst() {
        assertThat(withDatabase.of("198.51.100.7").label()).isEqualTo("Berlin, Germany");
        assertThat(withDatabase.of("198.51.100.200")).isEqualTo(new Location(Location.Source.NAMED, "Berlin office",
                null, null));
        assertThat(withDatabase.of("10.1.2.3").label()).isEqualTo("Corporate VPN");
        assertThat(withDatabase.of("10.1.5.9").label()).isEqualTo("VPN Berlin");
        assertThat(withDatabase.of("2001:db8:1:5::9").label()).isEqualTo("Tokyo lab");
        assertThat(withDatabase.of("10.1.2.3").key(Location.Granularity.COUNTRY)).isEqualTo("Corporate VPN");
    }

    @Test
    void ofWhenPrivateOrLoopbackThenInternalNetworkEvenWhereTheDatabaseHasARecord() {
        for (String ip : new String[] {"10.99.1.1", "10.2.3.4", "172.16.5.5", "192.168.1.1", "127.0.0.1", "::1",
                "fd00::1", "fe80::1", "169.254.1.1", "::ffff:10.2.3.4"}) {
            assertThat(withDatabase.of(ip).label()).as(ip).isEqualTo("internal network");
        }
        assertThat(withDatabase.of("10.99.1.1").source()).isEqualTo(Location.Source.INTERNAL);
    }

    @Test
    void ofWhenNothingKnowsTheAddressThenUnknownWhichComparesWithNothing() {
        assertThat(withDatabase.of("8.8.8.8")).isEqualTo(Location.UNKNOWN);
        assertThat(withoutDatabase.of("203.0.113.10")).isEqualTo(Location.UNKNOWN);
        assertThat(withoutDatabase.of("198.51.100.200").label()).isEqualTo("Berlin office");
        assertThat(withoutDatabase.of("10.2.3.4").label()).isEqualTo("internal network");
        assertThat(withDatabase.of(null)).isEqualTo(Location.UNKNOWN);
        assertThat(withDatabase.of("example.com")).isEqualTo(Location.UNKNOWN);
        assertThat(withDatabase.of("1.2.3.4:80")).isEqualTo(Location.UNKNOWN);
        assertThat(Location.UNKNOWN.key(Location.Granularity.CITY)).isNull();
    }

    @Test
    void storedWhenReadBackThenTheSameKeys() {
        for (String ip : new String[] {"203.0.113.10", "198.18.4.4", "198.51.100.200", "10.2.3.4", "8.8.8.8"}) {
            Location l = withDatabase.of(ip);
            Location back = Location.stored(l.label(), l.countryCode(), l.city());
            for (Location.Granularity g : Location.Granularity.values()) {
                assertThat(back.key(g)).as(ip + " " + g).isEqualTo(l.key(g));
            }
        }
    }

    @Test
    void newWhenTableEntryMalformedOrDatabaseMissingThenRefusedNamingIt() {
        assertThatThrownBy(() -> new Locations("10.0.0.0=office", "")).hasMessageContaining("10.0.0.0=office");
        assertThatThrownBy(() -> new Locations("10.0.0.0/33=office", "")).hasMessageContaining("10.0.0.0/33");
        assertThatThrownBy(() -> new Locations("office.example/8=office", "")).hasMessageContaining("office.example");
        assertThatThrownBy(() -> new Locations("10.0.0.0/8=", "")).hasMessageContaining("10.0.0.0/8=");
        assertThatThrownBy(() -> new Locations("", "/nonexistent/city.mmdb"))
                .hasMessageContaining("/nonexistent/city.mmdb");
    }

    private static String database() {
        try {
            File file = new ClassPathResource("geoip/gatehouse-city-test.mmdb").getFile();
            return file.getAbsolutePath();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
