package org.qinglang.sim;

/**
 * Address pools. Ordinary viewers have residential addresses spread wide; mobile carriers put
 * many honest users behind one CGNAT address; a campus puts a whole school behind a few;
 * bot farms sit in a few data-centre ranges (or, when careful, rent residential proxies).
 */
public final class Net {
  private final World w;

  Net(World w) {
    this.w = w;
  }

  public String residential() {
    return (36 + w.rnd.nextInt(80)) + "." + w.rnd.nextInt(256) + "." + w.rnd.nextInt(256) + "."
        + (1 + w.rnd.nextInt(254));
  }

  /** One of a small pool of carrier-grade NAT addresses (100.64.0.0/10 style egress). */
  public String cgnat(int pool) {
    return "117.136.8." + (10 + w.rnd.nextInt(pool));
  }

  /** A campus egress address. */
  public String campus(int campusId, int pool) {
    return "202.120." + campusId + "." + (1 + w.rnd.nextInt(pool));
  }

  /** An address in a data-centre range: a /24 per farm, few hosts. */
  public String datacenter(int farm) {
    return "47.96." + (farm % 256) + "." + (2 + w.rnd.nextInt(12));
  }

  /** A residential proxy exit: looks like any home address. */
  public String residentialProxy() {
    return residential();
  }
}
