package org.qinglang.detectors.audience;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Hosting and cloud IPv4 ranges, read from the data file {@code qinglang/datacenter_ranges.txt}
 * so that the list is refreshed as data, not code. A viewer behind one of them is not at home.
 */
public final class DataCentreRanges implements java.io.Serializable {
  private static final String RESOURCE = "/qinglang/datacenter_ranges.txt";
  private static final DataCentreRanges DEFAULT = load();

  private final long[] nets;
  private final long[] masks;

  DataCentreRanges(List<String> cidrs) {
    nets = new long[cidrs.size()];
    masks = new long[cidrs.size()];
    for (int i = 0; i < cidrs.size(); i++) {
      String c = cidrs.get(i);
      int slash = c.indexOf('/');
      if (slash < 0) {
        throw new IllegalArgumentException("not a CIDR range: '" + c + "' in " + RESOURCE);
      }
      long addr = ipv4(c.substring(0, slash));
      int bits = Integer.parseInt(c.substring(slash + 1));
      if (addr < 0 || bits < 0 || bits > 32) {
        throw new IllegalArgumentException("not an IPv4 CIDR range: '" + c + "' in " + RESOURCE);
      }
      masks[i] = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
      nets[i] = addr & masks[i];
    }
  }

  public static DataCentreRanges defaults() {
    return DEFAULT;
  }

  private static DataCentreRanges load() {
    List<String> out = new ArrayList<>();
    try (InputStream in = DataCentreRanges.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing data file " + RESOURCE);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = r.readLine()) != null; ) {
        int hash = line.indexOf('#');
        String s = (hash >= 0 ? line.substring(0, hash) : line).trim();
        if (!s.isEmpty()) {
          out.add(s);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new DataCentreRanges(out);
  }

  /** True when {@code ip} is an IPv4 address inside one of the ranges (IPv6: never, for now). */
  public boolean contains(String ip) {
    long a = ipv4(ip);
    if (a < 0) {
      return false;
    }
    for (int i = 0; i < nets.length; i++) {
      if ((a & masks[i]) == nets[i]) {
        return true;
      }
    }
    return false;
  }

  /** The /24 (IPv4) or /48 (IPv6) an address belongs to, as a grouping key; null if none. */
  public static String block(String ip) {
    if (ip == null) {
      return null;
    }
    int dot = ip.lastIndexOf('.');
    if (dot > 0 && ip.indexOf(':') < 0) {
      return ip.substring(0, dot) + ".0/24";
    }
    String[] parts = ip.split(":");
    if (parts.length >= 3) {
      return parts[0] + ":" + parts[1] + ":" + parts[2] + "::/48";
    }
    return ip;
  }

  /** The address as an unsigned 32-bit number, or -1 when it is not dotted-quad IPv4. */
  static long ipv4(String ip) {
    if (ip == null) {
      return -1;
    }
    long v = 0;
    int parts = 0;
    int cur = -1;
    for (int i = 0; i <= ip.length(); i++) {
      char ch = i < ip.length() ? ip.charAt(i) : '.';
      if (ch == '.') {
        if (cur < 0 || cur > 255) {
          return -1;
        }
        v = (v << 8) | cur;
        parts++;
        cur = -1;
      } else if (ch >= '0' && ch <= '9') {
        cur = (cur < 0 ? 0 : cur * 10) + (ch - '0');
        if (cur > 255) {
          return -1;
        }
      } else {
        return -1;
      }
    }
    return parts == 4 ? v : -1;
  }
}
