package fr.accueil.core.routing;

/**
 * Exact comparison of effective priorities {@code base + waitedMillis / stepMillis} held as fractions
 * {@code numerator / denominator}, so that the engine and any reference agree to the last millisecond
 * (floating point would make near-ties depend on rounding).
 */
final class AgedPriority {
    private AgedPriority() {}

    /** Compares {@code n1/d1} with {@code n2/d2} for positive denominators, with 128-bit products. */
    static int compare(long n1, long d1, long n2, long d2) {
        return compareProducts(n1, d2, n2, d1);
    }

    /** Compares {@code a*b} with {@code c*d} without overflow. */
    static int compareProducts(long a, long b, long c, long d) {
        long high1 = Math.multiplyHigh(a, b);
        long high2 = Math.multiplyHigh(c, d);
        if (high1 != high2) {
            return Long.compare(high1, high2);
        }
        return Long.compareUnsigned(a * b, c * d);
    }
}
