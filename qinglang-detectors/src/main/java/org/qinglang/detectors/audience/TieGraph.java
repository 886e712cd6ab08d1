package org.qinglang.detectors.audience;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * {@code lockstep_group}'s two tie graphs (strong and weak) and each tied account's last tie
 * time, by account number: what were {@code HashMap<String, Map<String, Float>> ties} and
 * {@code weak} and {@code HashMap<String, Long> tieLast}. A tie re-made at a meeting cost six
 * lookups in maps of up to 100,000 accounts and a boxed {@code Float} and {@code Long}; here the
 * two accounts' nodes come from their histories ({@link JoinHistory#node}) and a tie is a probe
 * in each one's {@link TieMap} of numbers and floats.
 *
 * <p>The order matters: the peel sums degrees, and walks components, in each account's tie-map
 * order, and a sum in another order can differ in its last bit. A {@link TieMap} therefore keeps
 * its neighbours exactly as {@code java.util.HashMap<String, Float>} keeps its keys: a table of
 * the same capacity, grown at the same size, the neighbour's {@code String} hash spread the same
 * way, each bucket a chain in insertion order, split the same way when the table doubles. So it
 * iterates in the order the map did. (One case is not followed: a chain of more than eight in a
 * table of 64 or more, which {@code HashMap} turns into a tree: with {@code String} hashes spread
 * as here that takes eight names colliding in one bucket, and only the order of such a bucket
 * would differ from the old maps', not what it holds.)
 *
 * <p>Kryo writes it as arrays of numbers: the nodes by number, each with its two maps' arrays.
 */
final class TieGraph {

  /** One tied account. */
  static final class Node {
    String name;
    int num;
    /** {@code HashMap}'s spread of the name's hash. */
    int hash;
    /** Last tie made (what tieLast held); {@link #hasLast} false: never written. */
    long last;
    boolean hasLast;
    /** Null: no map in that graph (an empty map is not null, as in the maps before). */
    TieMap strong;
    TieMap weak;
  }

  Node[] nodes = new Node[64];
  /** Numbers handed out so far: nodes[0 .. top) hold the live ones and freed holes. */
  int top;
  int[] free = new int[16];
  int freeCount;
  /** Accounts with a strong map, with a weak map (what ties.size() and weak.size() were). */
  int strongCount;
  int weakCount;
  /** Name to node; rebuilt after a restore. */
  private transient HashMap<String, Node> byName;
  /** Scratch marks by account number for a walk ({@link #stamp}), and a number per mark. */
  private transient int[] mark;
  private transient int[] slot;
  private transient int stamp;

  /** A fresh mark for a walk over the graph: {@link #marked} is false for every node. */
  int stamp() {
    if (mark == null || mark.length < top) {
      mark = new int[Math.max(1024, top * 2)];
      slot = new int[mark.length];
      stamp = 0;
    }
    return ++stamp;
  }

  boolean marked(int num) {
    return mark[num] == stamp;
  }

  void mark(int num, int value) {
    mark[num] = stamp;
    slot[num] = value;
  }

  int slot(int num) {
    return slot[num];
  }

  /** Whether the maps' hashes are there (false after a restore until {@link #rehash}). */
  private transient boolean hashed;

  /**
   * Puts back the hashes a restore leaves out (each is its neighbour's, kept by the node): once
   * after a restore, before any tie is made.
   */
  void rehash() {
    if (hashed) {
      return;
    }
    hashed = true;
    for (int i = 0; i < top; i++) {
      if (nodes[i] != null) {
        rehash(nodes[i].strong);
        rehash(nodes[i].weak);
      }
    }
  }

  private void rehash(TieMap m) {
    if (m == null || m.key == null || m.hash != null) {
      return;
    }
    m.hash = new int[m.key.length];
    for (int e = 0; e < m.used; e++) {
      Node v = nodes[m.key[e]];
      m.hash[e] = v == null ? 0 : v.hash; // a freed entry's is never read
    }
  }

  static int spread(String name) {
    int h = name.hashCode();
    return h ^ (h >>> 16);
  }

  private HashMap<String, Node> byName() {
    if (byName == null) {
      byName = new HashMap<>(Math.max(16, top * 2));
      for (int i = 0; i < top; i++) {
        if (nodes[i] != null) {
          byName.put(nodes[i].name, nodes[i]);
        }
      }
    }
    return byName;
  }

  Node find(String name) {
    return byName().get(name);
  }

  /** The node of {@code name}, made if it has none. */
  Node node(String name) {
    Node n = byName().get(name);
    if (n == null) {
      n = new Node();
      n.name = name;
      n.hash = spread(name);
      n.num = freeCount > 0 ? free[--freeCount] : top++;
      if (n.num == nodes.length) {
        nodes = java.util.Arrays.copyOf(nodes, nodes.length * 2);
      }
      nodes[n.num] = n;
      byName.put(name, n);
    }
    return n;
  }

  boolean live(Node n) {
    return n != null && n.num < top && nodes[n.num] == n;
  }

  /** The strong map of {@code n}, made empty if it has none (computeIfAbsent). */
  TieMap strong(Node n) {
    if (n.strong == null) {
      n.strong = new TieMap();
      strongCount++;
    }
    return n.strong;
  }

  TieMap weak(Node n) {
    if (n.weak == null) {
      n.weak = new TieMap();
      weakCount++;
    }
    return n.weak;
  }

  /**
   * Forgets accounts whose last tie is older than {@code cutoff}: their maps in both graphs,
   * their entries in their neighbours' maps, their numbers.
   */
  void forgetBefore(long cutoff) {
    for (int i = 0; i < top; i++) {
      Node a = nodes[i];
      if (a == null || !a.hasLast || a.last >= cutoff) {
        continue;
      }
      if (a.strong != null) {
        unlink(a, a.strong, true);
        a.strong = null;
        strongCount--;
      }
      if (a.weak != null) {
        unlink(a, a.weak, false);
        a.weak = null;
        weakCount--;
      }
      nodes[i] = null;
      if (freeCount == free.length) {
        free = java.util.Arrays.copyOf(free, free.length * 2);
      }
      free[freeCount++] = i;
      byName().remove(a.name);
    }
  }

  private void unlink(Node a, TieMap m, boolean strong) {
    for (int b = 0; m.table != null && b < m.table.length; b++) {
      for (int e = m.table[b]; e >= 0; e = m.next[e]) {
        Node v = nodes[m.key[e]];
        TieMap back = v == null ? null : strong ? v.strong : v.weak;
        if (back != null) {
          back.remove(a.num, a.hash);
        }
      }
    }
  }

  /** Builds the graph from the maps of a state written before it existed (see State). */
  static TieGraph of(Map<String, Map<String, Float>> ties, Map<String, Map<String, Float>> weak,
      Map<String, Long> tieLast) {
    TieGraph g = new TieGraph();
    g.load(ties, true);
    g.load(weak, false);
    if (tieLast != null) {
      tieLast.forEach((a, t) -> {
        Node n = g.node(a);
        n.last = t;
        n.hasLast = true;
      });
    }
    return g;
  }

  private void load(Map<String, Map<String, Float>> graph, boolean strong) {
    if (graph == null) {
      return;
    }
    graph.forEach((a, nb) -> {
      Node n = node(a);
      TieMap m = strong ? strong(n) : weak(n);
      // As Kryo's map serializer sized the HashMap it read this map into: the capacity the old
      // version had after a restore, so the order it went on with.
      m.presize(nb.size());
      nb.forEach((v, w) -> {
        Node o = node(v);
        m.put(o.num, o.hash, w);
      });
    });
  }

  /** A read-only {@code Map} view of one graph, by name, in the old maps' iteration order. */
  Map<String, Map<String, Float>> view(boolean strong) {
    return new GraphView(strong);
  }

  private final class GraphView extends AbstractMap<String, Map<String, Float>> {
    private final boolean strong;

    GraphView(boolean strong) {
      this.strong = strong;
    }

    private TieMap mapOf(Object key) {
      if (!(key instanceof String name)) {
        return null;
      }
      Node n = find(name);
      return n == null ? null : strong ? n.strong : n.weak;
    }

    @Override
    public Map<String, Float> get(Object key) {
      TieMap m = mapOf(key);
      return m == null ? null : new Neighbours(m);
    }

    @Override
    public boolean containsKey(Object key) {
      return mapOf(key) != null;
    }

    @Override
    public int size() {
      return strong ? strongCount : weakCount;
    }

    @Override
    public Set<Entry<String, Map<String, Float>>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public int size() {
          return GraphView.this.size();
        }

        @Override
        public Iterator<Entry<String, Map<String, Float>>> iterator() {
          return new Iterator<>() {
            int i = advance(0);

            private int advance(int from) {
              while (from < top && (nodes[from] == null
                  || (strong ? nodes[from].strong : nodes[from].weak) == null)) {
                from++;
              }
              return from;
            }

            @Override
            public boolean hasNext() {
              return i < top;
            }

            @Override
            public Entry<String, Map<String, Float>> next() {
              if (i >= top) {
                throw new NoSuchElementException();
              }
              Node n = nodes[i];
              i = advance(i + 1);
              return Map.entry(n.name, new Neighbours(strong ? n.strong : n.weak));
            }
          };
        }
      };
    }
  }

  /** One account's neighbours by name, in {@link TieMap}'s (the old HashMap's) order. */
  private final class Neighbours extends AbstractMap<String, Float> {
    private final TieMap m;

    Neighbours(TieMap m) {
      this.m = m;
    }

    @Override
    public int size() {
      return m.size;
    }

    @Override
    public Float get(Object key) {
      if (!(key instanceof String name)) {
        return null;
      }
      Node n = find(name);
      if (n == null) {
        return null;
      }
      int e = m.find(n.num, n.hash);
      return e < 0 ? null : m.val[e];
    }

    @Override
    public boolean containsKey(Object key) {
      return get(key) != null;
    }

    /** In the same order as the entries, without an entry or an iterator per neighbour. */
    @Override
    public void forEach(java.util.function.BiConsumer<? super String, ? super Float> f) {
      int[] t = m.table;
      for (int b = 0; t != null && b < t.length; b++) {
        for (int e = t[b]; e >= 0; e = m.next[e]) {
          f.accept(nodes[m.key[e]].name, m.val[e]);
        }
      }
    }

    @Override
    public Set<String> keySet() {
      return new AbstractSet<>() {
        @Override
        public int size() {
          return m.size;
        }

        @Override
        public Iterator<String> iterator() {
          return new Walk<>(m) {
            @Override
            String at(int e) {
              return nodes[m.key[e]].name;
            }
          };
        }
      };
    }

    @Override
    public Set<Entry<String, Float>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public int size() {
          return m.size;
        }

        @Override
        public Iterator<Entry<String, Float>> iterator() {
          return new Walk<>(m) {
            @Override
            Entry<String, Float> at(int e) {
              return Map.entry(nodes[m.key[e]].name, m.val[e]);
            }
          };
        }
      };
    }
  }

  /**
   * Walks a {@link TieMap}'s entries bucket by bucket, each chain in order: the order
   * {@code HashMap}'s iterators give. {@link #at} makes the element of an entry.
   */
  private abstract static class Walk<T> implements Iterator<T> {
    private final TieMap m;
    private int bucket = -1;
    private int e = -1;

    Walk(TieMap m) {
      this.m = m;
      step();
    }

    private void step() {
      if (e >= 0) {
        e = m.next[e];
      }
      while (e < 0 && m.table != null && ++bucket < m.table.length) {
        e = m.table[bucket];
      }
    }

    abstract T at(int entry);

    @Override
    public boolean hasNext() {
      return e >= 0;
    }

    @Override
    public T next() {
      if (e < 0) {
        throw new NoSuchElementException();
      }
      T out = at(e);
      step();
      return out;
    }
  }

  /**
   * Neighbour number to weight, laid out as {@code java.util.HashMap} lays out its keys (see the
   * class comment): {@link #table} of bucket heads, entries chained by {@link #next}.
   */
  static final class TieMap {
    private static final int DEFAULT_CAPACITY = 16;
    private static final int TREEIFY = 8;
    private static final int MIN_TREEIFY_CAPACITY = 64;

    /** Bucket heads (entry index, -1 none); null until the first put, as HashMap's table. */
    int[] table;
    /** Capacity of the first table: 0 for HashMap's default. */
    int initial;
    int[] key;
    float[] val;
    /** The neighbours' spread hashes, for the splits; not written, {@link #rehash} restores it. */
    transient int[] hash;
    int[] next;
    int size;
    /** Entries used so far (live and freed), and the freed ones chained through next. */
    int used;
    int freed = -1;

    /** The capacity {@code new HashMap<>(n)} takes, n as Kryo's map serializer asks for it. */
    void presize(int entries) {
      int n = entries < 3 ? entries + 1 : (int) (entries / 0.75f + 1);
      int cap = 1;
      while (cap < n) {
        cap <<= 1;
      }
      initial = cap;
    }

    int find(int k, int h) {
      if (table == null) {
        return -1;
      }
      for (int e = table[h & (table.length - 1)]; e >= 0; e = next[e]) {
        if (key[e] == k) {
          return e;
        }
      }
      return -1;
    }

    /** The weight of neighbour {@code k}, NaN when none. */
    float get(int k, int h) {
      int e = find(k, h);
      return e < 0 ? Float.NaN : val[e];
    }

    /** Puts {@code w} for neighbour {@code k}; returns the weight before (NaN when new). */
    float put(int k, int h, float w) {
      if (table == null) {
        table = new int[initial == 0 ? DEFAULT_CAPACITY : initial];
        java.util.Arrays.fill(table, -1);
      }
      int b = h & (table.length - 1);
      int e = table[b];
      int chain = 0;
      int tail = -1;
      while (e >= 0) {
        if (key[e] == k) {
          float was = val[e];
          val[e] = w;
          return was;
        }
        chain++;
        tail = e;
        e = next[e];
      }
      int x = entry(k, h, w);
      if (tail < 0) {
        table[b] = x;
      } else {
        next[tail] = x;
      }
      // HashMap grows a small table instead of making a long chain a tree; a big table's long
      // chain stays a chain here (the class comment says what that changes).
      if (chain >= TREEIFY && table.length < MIN_TREEIFY_CAPACITY) {
        resize();
      }
      if (++size > (int) (table.length * 0.75f)) {
        resize();
      }
      return Float.NaN;
    }

    private int entry(int k, int h, float w) {
      int x;
      if (freed >= 0) {
        x = freed;
        freed = next[x];
      } else {
        if (key == null || used == key.length) {
          int n = key == null ? 4 : key.length * 2;
          key = key == null ? new int[n] : java.util.Arrays.copyOf(key, n);
          val = val == null ? new float[n] : java.util.Arrays.copyOf(val, n);
          hash = hash == null ? new int[n] : java.util.Arrays.copyOf(hash, n);
          next = next == null ? new int[n] : java.util.Arrays.copyOf(next, n);
        }
        x = used++;
      }
      key[x] = k;
      val[x] = w;
      hash[x] = h;
      next[x] = -1;
      return x;
    }

    void remove(int k, int h) {
      if (table == null) {
        return;
      }
      int b = h & (table.length - 1);
      int prev = -1;
      for (int e = table[b]; e >= 0; prev = e, e = next[e]) {
        if (key[e] == k) {
          if (prev < 0) {
            table[b] = next[e];
          } else {
            next[prev] = next[e];
          }
          next[e] = freed;
          freed = e;
          size--;
          return;
        }
      }
    }

    /** Doubles the table, splitting each chain in order as HashMap.resize does. */
    private void resize() {
      int old = table.length;
      int[] t = new int[old * 2];
      java.util.Arrays.fill(t, -1);
      for (int b = 0; b < old; b++) {
        int loHead = -1;
        int loTail = -1;
        int hiHead = -1;
        int hiTail = -1;
        for (int e = table[b]; e >= 0; ) {
          int nx = next[e];
          if ((hash[e] & old) == 0) {
            if (loTail < 0) {
              loHead = e;
            } else {
              next[loTail] = e;
            }
            loTail = e;
          } else {
            if (hiTail < 0) {
              hiHead = e;
            } else {
              next[hiTail] = e;
            }
            hiTail = e;
          }
          e = nx;
        }
        if (loTail >= 0) {
          next[loTail] = -1;
          t[b] = loHead;
        }
        if (hiTail >= 0) {
          next[hiTail] = -1;
          t[b + old] = hiHead;
        }
      }
      table = t;
    }
  }
}
