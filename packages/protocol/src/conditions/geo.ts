/** IUGG mean Earth radius R1 (Moritz, Geodetic Reference System 1980), in metres. */
export const EARTH_RADIUS_METERS = 6_371_008.8;

export interface GeoPoint {
  lat: number;
  lon: number;
}

const rad = (deg: number) => (deg * Math.PI) / 180;

/**
 * Great-circle distance by the haversine formula (spherical Earth). The sphere is off by up to
 * about 0.5% against the WGS 84 ellipsoid, far below what a "pay only near this shop" circle needs;
 * what matters more is that great-circle distance obeys the triangle inequality, which is what
 * makes area containment in narrows() sound.
 */
export function haversineMeters(a: GeoPoint, b: GeoPoint): number {
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  // Rounding can push h a hair above 1 for antipodal points; asin would then return NaN.
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.sqrt(Math.min(1, h)));
}

/** True when (lat, lon) are finite numbers inside the WGS 84 ranges. */
export function isValidPoint(lat: unknown, lon: unknown): boolean {
  return (
    typeof lat === 'number' &&
    typeof lon === 'number' &&
    Number.isFinite(lat) &&
    Number.isFinite(lon) &&
    lat >= -90 &&
    lat <= 90 &&
    lon >= -180 &&
    lon <= 180
  );
}
