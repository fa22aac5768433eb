#!/usr/bin/env perl
# Writes gatehouse-city-test.mmdb, the small GeoIP2 City database of the location tests, with MaxMind's own
# writer (Debian: libmaxmind-db-writer-perl). MaxMind's published GeoIP2-City-Test.mmdb cannot be fetched
# from the build machines; this file has the same record layout (city.names, country.iso_code and
# country.names, as GeoIP2 City), so the tests read it with the real geoip2 DatabaseReader.
#
#   perl src/test/resources/geoip/make-city-test-db.pl src/test/resources/geoip/gatehouse-city-test.mmdb
use strict;
use warnings;
use MaxMind::DB::Writer::Tree;

my $out = shift @ARGV or die "usage: $0 <output.mmdb>\n";

my %types = (
    city       => 'map',
    country    => 'map',
    names      => 'map',
    en         => 'utf8_string',
    iso_code   => 'utf8_string',
    geoname_id => 'uint32',
);

my $tree = MaxMind::DB::Writer::Tree->new(
    ip_version               => 6,
    record_size              => 28,
    database_type            => 'GeoIP2-City',
    languages                => ['en'],
    description              => { en => 'Gatehouse location test database (GeoIP2 City layout)' },
    # The test networks are documentation ranges, which the writer would drop by default.
    remove_reserved_networks => 0,
    map_key_type_callback    => sub { $types{ $_[0] } },
);

sub place {
    my ($city, $iso, $country, $id) = @_;
    my %record = (country => { iso_code => $iso, names => { en => $country }, geoname_id => $id });
    $record{city} = { names => { en => $city }, geoname_id => $id + 1 } if defined $city;
    return \%record;
}

$tree->insert_network('81.2.69.0/24',      place('London',    'GB', 'United Kingdom', 2635167));
$tree->insert_network('198.51.100.0/24',   place('Berlin',    'DE', 'Germany',        2921044));
$tree->insert_network('203.0.113.0/25',    place('Sydney',    'AU', 'Australia',      2077456));
$tree->insert_network('203.0.113.128/25',  place('Melbourne', 'AU', 'Australia',      2077460));
$tree->insert_network('192.0.2.0/24',      place('Paris',     'FR', 'France',         3017382));
# A network known only to its country.
$tree->insert_network('198.18.0.0/15',     place(undef,       'JP', 'Japan',          1861060));
# A private range in the database: private addresses must still resolve to the internal network.
$tree->insert_network('10.99.0.0/16',      place('Seattle',   'US', 'United States',  6252001));
$tree->insert_network('2001:db8:1::/48',   place('Tokyo',     'JP', 'Japan',          1861060));

open my $fh, '>:raw', $out or die "cannot write $out: $!\n";
$tree->write_tree($fh);
close $fh;
