//! ETRS-TM35FIN (EPSG:3067) plane coordinates → geographic degrees, as PTV gives service-location
//! coordinates in the plane and the catalogue stores latitude and longitude.
//!
//! EPSG:3067 is a transverse Mercator projection of ETRS89 on the GRS80 ellipsoid: central meridian
//! 27° E, scale 0.9996, false easting 500 000 m, no false northing. The inverse uses Krüger's series
//! to the fourth power of the third flattening, as in the Finnish public-administration recommendation
//! JHS 197 (EUREF-FIN coordinate systems and their transformations), which gives sub-millimetre
//! accuracy across Finland. ETRS89 and WGS84 differ by less than a metre in Finland, which does not
//! matter for showing a service point on a map, so the result is stored as WGS84.
//!
//! PTV names its plane coordinates `latitude` (the northing N) and `longitude` (the easting E).

const A: f64 = 6_378_137.0;
const F: f64 = 1.0 / 298.257_222_101;
const K0: f64 = 0.9996;
const E0: f64 = 500_000.0;
const LAMBDA0_DEG: f64 = 27.0;

/// Series constants derived from the ellipsoid.
struct Series {
    a1: f64,
    /// Krüger β coefficients (plane → conformal sphere) and δ (conformal → geodetic latitude).
    beta: [f64; 4],
    delta: [f64; 4],
}

fn series() -> Series {
    let n = F / (2.0 - F);
    let (n2, n3, n4) = (n * n, n * n * n, n * n * n * n);
    Series {
        a1: A / (1.0 + n) * (1.0 + n2 / 4.0 + n4 / 64.0),
        beta: [
            n / 2.0 - 2.0 * n2 / 3.0 + 37.0 * n3 / 96.0 - n4 / 360.0,
            n2 / 48.0 + n3 / 15.0 - 437.0 * n4 / 1440.0,
            17.0 * n3 / 480.0 - 37.0 * n4 / 840.0,
            4397.0 * n4 / 161_280.0,
        ],
        delta: [
            2.0 * n - 2.0 * n2 / 3.0 - 2.0 * n3 + 116.0 * n4 / 45.0,
            7.0 * n2 / 3.0 - 8.0 * n3 / 5.0 - 227.0 * n4 / 45.0,
            56.0 * n3 / 15.0 - 136.0 * n4 / 35.0,
            4279.0 * n4 / 630.0,
        ],
    }
}

/// ETRS-TM35FIN northing and easting (metres) → (latitude, longitude) in degrees.
pub(crate) fn tm35fin_to_wgs84(northing: f64, easting: f64) -> (f64, f64) {
    let s = series();
    let xi = northing / (s.a1 * K0);
    let eta = (easting - E0) / (s.a1 * K0);
    let mut xi_prime = xi;
    let mut eta_prime = eta;
    for (j, beta) in s.beta.iter().enumerate() {
        let k = 2.0 * (j as f64 + 1.0);
        xi_prime -= beta * (k * xi).sin() * (k * eta).cosh();
        eta_prime -= beta * (k * xi).cos() * (k * eta).sinh();
    }
    let chi = (xi_prime.sin() / eta_prime.cosh()).asin();
    let mut latitude = chi;
    for (j, delta) in s.delta.iter().enumerate() {
        latitude += delta * (2.0 * (j as f64 + 1.0) * chi).sin();
    }
    let longitude = LAMBDA0_DEG.to_radians() + (eta_prime.sinh() / xi_prime.cos()).atan();
    (latitude.to_degrees(), longitude.to_degrees())
}

/// Whether plane coordinates can be in Finland's ETRS-TM35FIN extent (with a margin), which catches
/// swapped axes and coordinates in another system.
pub(crate) fn plausible_tm35fin(northing: f64, easting: f64) -> bool {
    (6_500_000.0..=7_900_000.0).contains(&northing) && (-100_000.0..=900_000.0).contains(&easting)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (latitude, longitude) in degrees → ETRS-TM35FIN (northing, easting), for tests and round trips.
    fn wgs84_to_tm35fin(latitude: f64, longitude: f64) -> (f64, f64) {
        let s = series();
        let n = F / (2.0 - F);
        let (n2, n3, n4) = (n * n, n * n * n, n * n * n * n);
        let h = [
            n / 2.0 - 2.0 * n2 / 3.0 + 5.0 * n3 / 16.0 + 41.0 * n4 / 180.0,
            13.0 * n2 / 48.0 - 3.0 * n3 / 5.0 + 557.0 * n4 / 1440.0,
            61.0 * n3 / 240.0 - 103.0 * n4 / 140.0,
            49561.0 * n4 / 161_280.0,
        ];
        let e = (2.0 * F - F * F).sqrt();
        let phi = latitude.to_radians();
        let lambda = longitude.to_radians() - LAMBDA0_DEG.to_radians();
        let q = phi.tan().asinh() - e * (e * phi.sin()).atanh();
        let beta = q.sinh().atan();
        let eta_prime = (beta.cos() * lambda.sin()).atanh();
        let xi_prime = (beta.tan() / lambda.cos()).atan();
        let mut xi = xi_prime;
        let mut eta = eta_prime;
        for (j, h) in h.iter().enumerate() {
            let k = 2.0 * (j as f64 + 1.0);
            xi += h * (k * xi_prime).sin() * (k * eta_prime).cosh();
            eta += h * (k * xi_prime).cos() * (k * eta_prime).sinh();
        }
        (s.a1 * xi * K0, s.a1 * eta * K0 + E0)
    }

    /// JHS 197, appendix 3 (worked example of the ETRS89 ↔ ETRS-TM35FIN conversion): the point
    /// φ 60.3851068722° λ 19.84813676944° is N 6 715 706.37708 E 106 256.35961. It lies 7° west of the
    /// central meridian, where the series are least accurate.
    #[test]
    fn jhs_197_example_point_inverts_within_a_millimetre() {
        let (lat, lon) = tm35fin_to_wgs84(6_715_706.377_08, 106_256.359_61);
        assert!((lat - 60.385_106_872_2).abs() < 1e-8, "{lat}");
        assert!((lon - 19.848_136_769_44).abs() < 1e-8, "{lon}");
        let (n, e) = wgs84_to_tm35fin(60.385_106_872_2, 19.848_136_769_44);
        assert!((n - 6_715_706.377_08).abs() < 1e-3, "{n}");
        assert!((e - 106_256.359_61).abs() < 1e-3, "{e}");
    }

    /// Helsinki Cathedral, 60°10′13″ N 24°57′08″ E (60.1703°, 24.9522°), lies at about
    /// N 6 672 137 E 386 379: the brief's rough "N 6 675 000 E 386 000" is 2.9 km further north.
    #[test]
    fn helsinki_cathedral_is_where_expected() {
        let (lat, lon) = tm35fin_to_wgs84(6_672_137.0, 386_379.0);
        assert!((lat - 60.1703).abs() < 0.0002, "{lat}");
        assert!((lon - 24.9522).abs() < 0.0002, "{lon}");
        let (lat, _) = tm35fin_to_wgs84(6_675_000.0, 386_000.0);
        assert!((lat - 60.196).abs() < 0.001, "{lat}");
    }

    /// The Otavan Opisto service location in the PTV API example (N 6834688 E 503879) is in Otava,
    /// Mikkeli, just east of the central meridian.
    #[test]
    fn otava_campus_is_in_mikkeli() {
        let (lat, lon) = tm35fin_to_wgs84(6_834_688.0, 503_879.0);
        assert!((61.6..61.7).contains(&lat), "{lat}");
        assert!((27.0..27.1).contains(&lon), "{lon}");
    }

    #[test]
    fn round_trips_across_finland_within_a_millimetre() {
        for (lat, lon) in [
            (59.8, 19.5),
            (60.17, 24.95),
            (65.0, 27.0),
            (70.09, 27.9),
            (69.0, 31.5),
        ] {
            let (n, e) = wgs84_to_tm35fin(lat, lon);
            let (back_lat, back_lon) = tm35fin_to_wgs84(n, e);
            assert!((back_lat - lat).abs() < 1e-8 && (back_lon - lon).abs() < 1e-8);
        }
    }
}
