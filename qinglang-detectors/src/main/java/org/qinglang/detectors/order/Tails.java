package org.qinglang.detectors.order;

/**
 * Tail probabilities used to say "far above the normal rate" with a number a reviewer can
 * re-check, instead of a bare multiplier.
 */
final class Tails {
  private Tails() {}

  /**
   * Chernoff upper bound on P(X &ge; k) for X ~ Binomial(n, p): exp(-n KL(k/n || p)). It is an
   * upper bound, so a finding that passes it would also pass the exact test.
   */
  static double binomialUpper(int k, int n, double p) {
    if (n <= 0 || k <= n * p) {
      return 1.0;
    }
    if (k >= n) {
      return Math.pow(p, n);
    }
    double q = k / (double) n;
    double kl = q * Math.log(q / p) + (1 - q) * Math.log((1 - q) / (1 - p));
    return Math.exp(-n * kl);
  }

  /** Exact P(X &ge; k) for X ~ Binomial(n, p), summed in log space (no underflow for n). */
  static double binomialExactUpper(int k, int n, double p) {
    if (k <= 0) {
      return 1.0;
    }
    if (k > n || p <= 0) {
      return 0.0;
    }
    if (p >= 1) {
      return 1.0;
    }
    double lp = Math.log(p);
    double lq = Math.log1p(-p);
    // log C(n, k) built up once, then each next term from the last
    double logTerm = 0;
    for (int i = 0; i < k; i++) {
      logTerm += Math.log(n - i) - Math.log(i + 1);
    }
    logTerm += k * lp + (n - k) * lq;
    double sum = 0;
    for (int i = k; i <= n; i++) {
      sum += Math.exp(logTerm);
      logTerm += Math.log(n - i) - Math.log(i + 1) + lp - lq;
    }
    return Math.min(1, sum);
  }

  /** Exact P(X &ge; k) for X ~ Poisson(lambda). */
  static double poissonUpper(int k, double lambda) {
    if (k <= 0) {
      return 1.0;
    }
    double term = Math.exp(-lambda);
    double below = term;
    for (int i = 1; i < k; i++) {
      term *= lambda / i;
      below += term;
    }
    return Math.max(0, 1 - below);
  }

  static double round(double v, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(v * f) / f;
  }
}
