package org.qinglang.detectors.order;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.qinglang.alert.Subject;
import org.qinglang.detect.AlertBuilder;
import org.qinglang.detect.Context;
import org.qinglang.detect.DetectorSpec;
import org.qinglang.detect.Directory;
import org.qinglang.detect.RecencyMap;
import org.qinglang.detect.Scope;
import org.qinglang.detect.SpecDetector;
import org.qinglang.event.Event;
import org.qinglang.event.EventType;
import org.qinglang.event.Product;
import org.qinglang.event.RoomStart;

/**
 * {@code counterfeit_risk}: a branded luxury, cosmetics or electronics item sold far below the
 * price of the genuine article.
 *
 * <p>The genuine article's price comes, in this order, from: the reference table's row for the
 * brand's product line the listing's title names (a shipped default table of the most
 * counterfeited brands and lines, {@code qinglang/counterfeit_reference.csv}, with source and
 * date per row, overridden row by row by the user's table named in {@value #TABLE_PROPERTY});
 * the price level learned from the listings seen, when it is trustworthy (below); the table's
 * entry price for the brand (its cheapest regular item in the category), when the title names
 * no known line. So one listing of a brand in an evening is enough: a 25,000-yuan bag at 2,770
 * is found though nobody else sold the brand that day.
 *
 * <p>A listing is a finding when its price is below {@link #FAR_BELOW} of that reference.
 * Outlets, grey imports (代购) and second-hand (中古) items sell at 40-75% of list, and an
 * authorised seller's sale at up to half off: all above the gate, whatever the seller's history,
 * so being new to a brand is reported, never required or sufficient. The listing's own claimed
 * original price is reported beside the reference: a seller striking through the genuine price
 * claims the genuine article.
 *
 * <p>Learned references: the median price of a brand's items in a category (one price per
 * item, the highest it was listed at, so a discount does not pull the reference down), trusted
 * only when it rests on at least {@link #MIN_LISTINGS} items from {@link #MIN_MERCHANTS}
 * merchants and the prices agree: the median absolute deviation of log prices at most
 * {@link #MAX_LOG_MAD}, and no item listed at {@link #ONE_LINE_CEILING} times the median or
 * more (a brand spread wider sells several lines and has no single reference).
 *
 * <p>When a reference forms after a listing was seen, the brand's recent listings (at most
 * {@link #KEEP_LISTINGS}, within {@link #RECHECK_DAYS} days) are checked again, so the alert
 * appears when the evidence does.
 *
 * <p>Keyed by brand within a category ({@link #key(String, String)}, the detector's own
 * unit of state): a finding reads only its brand's listings, items and merchants and the
 * reference table, never another brand, so the engine spreads brands over its tasks instead of
 * holding all of them on one. The key is the normalised one, so "Apple" and "APPLE " listings
 * share a brand as they did when all brands were one state. Per brand: {@link #KEEP_PRICES}
 * items and {@link #MAX_MERCHANTS} merchants; a brand quiet for the retention (30 days) is
 * forgotten. ({@link #MAX_BRANDS} bounded the one state that held every brand; a key's state
 * now holds one brand, and what bounds the number of brands is the retention.)
 */
public final class CounterfeitRiskDetector extends SpecDetector<CounterfeitRiskDetector.State> {
  public static final String KIND = "counterfeit_risk";
  static final DetectorSpec SPEC = DetectorSpec.of(KIND, Scope.KEYED)
      .accepts(EventType.PRODUCT)
      .reads(Directory.Part.ROOMS)
      .retention(java.time.Duration.ofDays(30));
  public static final String TABLE_PROPERTY = "qinglang.counterfeit.reference";
  static final Set<String> CATEGORIES = Set.of("luxury", "cosmetics", "electronics");
  static final double FAR_BELOW = 0.4;
  /** The shipped default reference table (classpath). */
  public static final String DEFAULT_TABLE = "/qinglang/counterfeit_reference.csv";
  static final int MIN_LISTINGS = 8;
  static final int MIN_MERCHANTS = 3;
  static final double MAX_LOG_MAD = 0.2;
  static final double ONE_LINE_CEILING = 1.5;
  static final int KEEP_PRICES = 64;
  static final int KEEP_LISTINGS = 64;
  static final int MAX_MERCHANTS = 512;
  static final int MAX_BRANDS = 50_000;
  static final int RECHECK_DAYS = 7;
  /** Distinct prices remembered per item, for its own record of what it was offered at. */
  static final int KEEP_ITEM_PRICES = 8;
  /** A struck-through price within this share of one the listing was offered at is that one. */
  static final double SAME_PRICE = 0.01;
  private static final long DAY = 24 * 3_600_000L;

  /** A reference price from the user's table. */
  public record Reference(long priceFen, String source, String date, String line)
      implements java.io.Serializable {
    public Reference(long priceFen, String source) {
      this(priceFen, source, null, null);
    }
  }

  /** What a reviewer re-checks: the listing, the reference it was held against and why. */
  public record Evidence(String brand, String category, long price, Long claimedOriginalPrice,
      long referencePrice, double priceToReference, Map<String, Object> reference,
      String seller, boolean sellerNewToBrand, int otherSellersOfBrand,
      Map<String, Object> listing, String threshold) implements org.qinglang.alert.Evidence {}

  /** One listing of a brand, kept for re-checking. */
  static final class Seen implements java.io.Serializable {
    String room;
    String platform;
    String sku;
    String title;
    String merchant;
    long price;
    long ts;
    Long listPrice;
    boolean newSeller;
    int establishedSellers;
    boolean raised;
    /** The price at which the listing was found to be its seller's own sale: not re-checked. */
    long ownSalePrice = -1;
  }

  /** One item (sku) of a brand: its seller and the prices it was offered at. */
  static final class Item implements java.io.Serializable {
    final String merchant;
    long highest;
    /** Distinct listed price -> when first seen, the most recent {@link #KEEP_ITEM_PRICES}. */
    final LinkedHashMap<Long, Long> prices = new LinkedHashMap<>();

    Item(String merchant) {
      this.merchant = merchant;
    }
  }

  /** What is known of one brand in one category. */
  static final class Brand implements java.io.Serializable {
    String name;
    String category;
    /** Items by sku; least recently listed dropped first. */
    final LinkedHashMap<String, Item> items = new RecencyMap<>();
    final LinkedHashSet<String> merchants = new LinkedHashSet<>();
    final ArrayDeque<Seen> recent = new ArrayDeque<>();
  }

  /** The brands of one key: one, since the key is the brand (see the class comment). */
  public static final class State implements java.io.Serializable {
    final LinkedHashMap<String, Brand> brands = new RecencyMap<>();
  }

  private final Map<String, Reference> table;

  /** The default table, with the rows of the table named by {@value #TABLE_PROPERTY} over it. */
  public CounterfeitRiskDetector() {
    this(loadFromProperty());
  }

  /**
   * The default table with {@code overrides} over it, keyed by {@link #key(String, String)}
   * (entry prices) or {@link #key(String, String, String)} (product lines).
   */
  public CounterfeitRiskDetector(Map<String, Reference> overrides) {
    super(SPEC);
    Map<String, Reference> t = new HashMap<>(defaults());
    t.putAll(overrides);
    this.table = Map.copyOf(t);
  }

  /** The shipped default table. */
  public static Map<String, Reference> defaults() {
    try (java.io.InputStream in = CounterfeitRiskDetector.class.getResourceAsStream(
        DEFAULT_TABLE)) {
      if (in == null) {
        throw new IllegalStateException("missing " + DEFAULT_TABLE);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList(),
          DEFAULT_TABLE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Reference> loadFromProperty() {
    String path = System.getProperty(TABLE_PROPERTY);
    return path == null || path.isBlank() ? Map.of() : readTable(Path.of(path));
  }

  /**
   * Reads a CSV reference table: {@code brand,category,reference_fen[,source]}, '#' comments.
   * A malformed line fails with its file and line number: a reference table is configuration,
   * and a silently skipped brand would hide counterfeits.
   */
  public static Map<String, Reference> readTable(Path file) {
    try {
      return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read counterfeit reference table " + file, e);
    }
  }

  private static Map<String, Reference> parse(List<String> lines, String file) {
    Map<String, Reference> out = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("brand,")) {
        continue;
      }
      String[] f = line.split(",", -1);
      try {
        if (f.length < 3 || f[0].isBlank() || f[1].isBlank()) {
          throw new IllegalArgumentException("need brand,category,reference_fen[,source]");
        }
        long fen = Long.parseLong(f[2].strip());
        if (fen <= 0) {
          throw new IllegalArgumentException("reference_fen must be positive");
        }
        String productLine = f.length > 5 && !f[5].isBlank() ? f[5].strip() : null;
        out.put(productLine == null ? key(f[0], f[1]) : key(f[0], f[1], productLine),
            new Reference(fen, f.length > 3 && !f[3].isBlank() ? f[3].strip() : file,
                f.length > 4 && !f[4].isBlank() ? f[4].strip() : null, productLine));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + e.getMessage()
            + " in '" + line + "'", e);
      }
    }
    return out;
  }

  /** A product line's row: the brand's key and the title keyword, matched the same way. */
  public static String key(String brand, String category, String line) {
    return key(brand, category) + "|" + norm(line);
  }

  private static String norm(String text) {
    return text.strip().toLowerCase(Locale.ROOT).replace(" ", "");
  }

  /** Brands are matched case- and space-insensitively within a category. */
  public static String key(String brand, String category) {
    return brand.strip().toLowerCase(Locale.ROOT).replace(" ", "") + "|"
        + category.strip().toLowerCase(Locale.ROOT);
  }

  /** Branded listings of the categories counterfeited. */
  @Override
  protected boolean wants(Event e) {
    return e instanceof Product p && p.brand() != null && !p.brand().isBlank()
        && p.category() != null && CATEGORIES.contains(p.category());
  }

  /** The brand in its category: every listing a finding compares with has the same key. */
  @Override
  public java.util.Collection<String> keysOf(Event e) {
    Product p = (Product) e;
    return List.of(key(p.brand(), p.category()));
  }

  @Override
  public State newState() {
    return new State();
  }

  @Override
  public void onEvent(State s, Event e, Context ctx) {
    Product p = (Product) e;
    String key = key(p.brand(), p.category());
    Brand b = s.brands.get(key);
    if (b == null) {
      b = new Brand();
      b.name = p.brand();
      b.category = p.category();
      s.brands.put(key, b);
      if (s.brands.size() > MAX_BRANDS) {
        s.brands.remove(s.brands.keySet().iterator().next());
      }
    }
    String merchant = merchantOf(p, ctx);
    Seen seen = sameListing(b, p, merchant);
    if (seen == null) {
      seen = new Seen();
      seen.room = p.room();
      seen.platform = p.platform();
      seen.sku = p.sku();
      seen.merchant = merchant;
      seen.establishedSellers = b.merchants.size() - (b.merchants.contains(merchant) ? 1 : 0);
      seen.newSeller = merchant != null && !b.merchants.contains(merchant);
      b.recent.addLast(seen);
      if (b.recent.size() > KEEP_LISTINGS) {
        b.recent.pollFirst();
      }
      if (merchant != null && b.merchants.size() < MAX_MERCHANTS) {
        b.merchants.add(merchant);
      }
    }
    seen.title = p.title();
    seen.price = p.price();
    seen.listPrice = p.listPrice();
    seen.ts = p.ts();
    Item item = b.items.get(p.sku());
    if (item == null) {
      item = new Item(merchant);
      b.items.put(p.sku(), item);
      if (b.items.size() > KEEP_PRICES) {
        b.items.remove(b.items.keySet().iterator().next());
      }
    }
    item.highest = Math.max(item.highest, p.price());
    if (!item.prices.containsKey(p.price())) {
      item.prices.put(p.price(), p.ts());
      if (item.prices.size() > KEEP_ITEM_PRICES) {
        item.prices.remove(item.prices.keySet().iterator().next());
      }
    }
    for (Seen x : b.recent) {
      if (!x.raised && x.ownSalePrice != x.price && x.ts >= ctx.now() - RECHECK_DAYS * DAY) {
        Object[] ref = reference(b, key, x.title);
        if (ref != null) {
          check(b, x, ref, ctx);
        }
      }
    }
  }

  /** A repeated listing of the same item in the same room is the same listing. */
  private static Seen sameListing(Brand b, Product p, String merchant) {
    for (Seen x : b.recent) {
      if (x.sku.equals(p.sku()) && x.room.equals(p.room())) {
        return x;
      }
    }
    return null;
  }

  private static String merchantOf(Product p, Context ctx) {
    if (p.merchant() != null) {
      return p.merchant();
    }
    RoomStart r = ctx.directory().room(p.room());
    if (r == null) {
      return null;
    }
    return r.merchant() != null ? r.merchant() : "anchor:" + r.anchor();
  }

  /** {reference fen, description map}, or null when there is no trustworthy reference. */
  private Object[] reference(Brand b, String key, String title) {
    Reference line = null;
    String t = title == null ? "" : norm(title);
    for (Map.Entry<String, Reference> en : table.entrySet()) {
      Reference r = en.getValue();
      if (r.line() != null && en.getKey().startsWith(key + "|") && t.contains(norm(r.line()))
          && (line == null || r.line().length() > line.line().length())) {
        line = r; // the longest line named: "AirPods Pro" over "AirPods"
      }
    }
    Map<String, Object> learned = learned(b);
    boolean trusted = learned != null && Boolean.TRUE.equals(learned.get("trusted"));
    Reference entry = table.get(key);
    if (line == null && trusted) {
      return new Object[] {learned.get("median_fen"), learned};
    }
    Reference r = line != null ? line : entry;
    if (r == null) {
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("from", line != null ? "reference table: product line " + line.line()
        : "reference table: the brand's entry price (no known line named)");
    m.put("source", r.source());
    m.put("date", r.date());
    m.put("reference_fen", r.priceFen());
    m.put("learned", learned);
    return new Object[] {r.priceFen(), m};
  }

  private static Map<String, Object> learned(Brand b) {
    if (b.items.size() < MIN_LISTINGS) {
      return null;
    }
    java.util.HashSet<Object> merchants = new java.util.HashSet<>();
    double[] logs = new double[b.items.size()];
    int n = 0;
    for (Item it : b.items.values()) {
      logs[n++] = Math.log(it.highest);
      merchants.add(it.merchant);
    }
    if (merchants.size() < MIN_MERCHANTS) {
      return null;
    }
    double med = median(logs);
    double[] dev = new double[n];
    for (int i = 0; i < n; i++) {
      dev[i] = Math.abs(logs[i] - med);
    }
    double mad = median(dev);
    double ceiling = med + Math.log(ONE_LINE_CEILING);
    int above = 0;
    long highest = 0;
    for (int i = 0; i < n; i++) {
      if (logs[i] >= ceiling) {
        above++;
      }
      highest = Math.max(highest, Math.round(Math.exp(logs[i])));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("from", "listings seen");
    m.put("median_fen", Math.round(Math.exp(med)));
    m.put("items", n);
    m.put("merchants", merchants.size());
    m.put("log_price_mad", Tails.round(mad, 3));
    m.put("highest_item_fen", highest);
    m.put("items_at_or_above_" + ONE_LINE_CEILING + "x_median", above);
    m.put("trusted", mad <= MAX_LOG_MAD && above == 0);
    return m;
  }

  private static double median(double[] v) {
    double[] c = v.clone();
    Arrays.sort(c);
    int n = c.length;
    return n % 2 == 1 ? c[n / 2] : (c[n / 2 - 1] + c[n / 2]) / 2;
  }

  /**
   * Whether the listing strikes through a price the same seller offered this same item at in
   * the last {@value #RECHECK_DAYS} days, and that price was the genuine article's level: a
   * flash sale or clearance of goods the seller sold as genuine the day before (a 小米 earphone
   * listed at 49.90 yesterday, 29.00 today with 49.90 struck through). The price alone cannot
   * tell that from a fake; the listing's own record says it is the same goods. A fake shows the
   * brand's price struck through, which its listing never charged.
   */
  private static boolean ownGenuinePriceStruck(Brand b, Seen x, long reference) {
    Item it = b.items.get(x.sku);
    if (x.listPrice == null || it == null || !java.util.Objects.equals(it.merchant, x.merchant)) {
      return false;
    }
    for (Map.Entry<Long, Long> en : it.prices.entrySet()) {
      long p = en.getKey();
      if (en.getValue() <= x.ts && en.getValue() >= x.ts - RECHECK_DAYS * DAY
          && Math.abs(p - x.listPrice) <= SAME_PRICE * x.listPrice
          && p >= FAR_BELOW * reference) {
        return true;
      }
    }
    return false;
  }

  @SuppressWarnings("unchecked")
  private void check(Brand b, Seen x, Object[] ref, Context ctx) {
    long reference = ((Number) ref[0]).longValue();
    double ratio = x.price / (double) reference;
    if (ratio >= FAR_BELOW) {
      return;
    }
    if (ownGenuinePriceStruck(b, x, reference)) {
      // Every listing of the brand re-checks the recent ones against the table: an explained
      // sale is left alone until the listing shows another price.
      x.ownSalePrice = x.price;
      return;
    }
    x.raised = true;
    boolean claimsGenuine = x.listPrice != null && x.listPrice >= 0.7 * reference;
    double score = Math.min(1, 0.6 + 0.3 * Math.min(1, (FAR_BELOW - ratio) / 0.3)
        + (claimsGenuine ? 0.05 : 0) + (x.newSeller ? 0.05 : 0));
    AlertBuilder ab = AlertBuilder.of(KIND, x.room, x.sku).at(ctx.now(), x.platform).room(x.room)
        .subject(Subject.room(x.room)).subject(Subject.sku(x.sku));
    if (x.merchant != null && !x.merchant.startsWith("anchor:")) {
      ab.subject(Subject.merchant(x.merchant));
    }
    ctx.emit(ab.score(score)
        .summary(String.format("%s %s sold at %.2f yuan, %.0f%% of the genuine article's %.2f%s%s",
            b.name, x.title, x.price / 100.0, 100 * ratio, reference / 100.0,
            claimsGenuine ? String.format("; the listing itself claims an original price of %.2f",
                x.listPrice / 100.0) : "",
            x.newSeller ? "; the seller never sold the brand before" : ""))
        .evidence(new Evidence(b.name, b.category, x.price, x.listPrice, reference,
            Tails.round(ratio, 3), (Map<String, Object>) ref[1], x.merchant, x.newSeller,
            x.establishedSellers, AlertBuilder.ref("product", x.ts, "room", x.room, "sku", x.sku,
                "price", x.price, "list_price", x.listPrice, "brand", b.name),
            "price < " + FAR_BELOW + " x the genuine article's price (outlets, grey imports and"
                + " second-hand sell at 40-75%)"))
        .rule("QL-ORD-006")
        .basis("trademark_counterfeit")
        .build());
  }
}
