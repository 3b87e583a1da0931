use crate::engine::interval_ns_from_ms;

#[test]
fn a_positive_interval_never_becomes_flood() {
    assert_eq!(interval_ns_from_ms(1e-7), 1);
    assert_eq!(interval_ns_from_ms(f64::MIN_POSITIVE), 1);
    assert_eq!(interval_ns_from_ms(0.0001), 100);
}

#[test]
fn intervals_round_to_the_nearest_nanosecond() {
    // 0.3 ms is 299999.99999999994 ns in binary floating point; truncating says 299999.
    assert_eq!(interval_ns_from_ms(0.3), 300_000);
    assert_eq!(interval_ns_from_ms(1000.0), 1_000_000_000);
}

#[test]
fn zero_negative_and_nan_are_flood_and_huge_values_saturate() {
    assert_eq!(interval_ns_from_ms(0.0), 0);
    assert_eq!(interval_ns_from_ms(-5.0), 0);
    assert_eq!(interval_ns_from_ms(f64::NAN), 0);
    assert_eq!(interval_ns_from_ms(f64::INFINITY), u64::MAX);
}
