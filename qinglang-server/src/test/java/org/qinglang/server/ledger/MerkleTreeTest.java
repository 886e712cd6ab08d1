package org.qinglang.server.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {

  private static List<byte[]> leaves(int n) {
    List<byte[]> l = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      l.add(Hashes.sha256(("record " + i).getBytes(StandardCharsets.UTF_8)));
    }
    return l;
  }

  @Test
  void everyLeafOfEveryTreeSizeProvesInclusionAndNothingElseDoes() {
    for (int n = 1; n <= 33; n++) {
      List<byte[]> l = leaves(n);
      byte[] root = MerkleTree.root(l);
      for (int i = 0; i < n; i++) {
        List<byte[]> path = MerkleTree.proof(l, i);
        assertThat(MerkleTree.verify(l.get(i), i, n, path, root)).as("n=%d i=%d", n, i).isTrue();
        // the same proof must not vouch for another leaf, index or size
        int j = (i + 1) % n;
        if (j != i) {
          assertThat(MerkleTree.verify(l.get(j), i, n, path, root)).isFalse();
          assertThat(MerkleTree.verify(l.get(i), j, n, path, root)).isFalse();
        }
        // nor against the root of a longer tree (the root, not the path, binds the size)
        assertThat(MerkleTree.verify(l.get(i), i, n + 1, path, MerkleTree.root(leaves(n + 1))))
            .isFalse();
      }
    }
  }

  @Test
  void rootMatchesRfc6962ShapeForThreeLeaves() {
    List<byte[]> l = leaves(3);
    byte[] expected = MerkleTree.nodeHash(
        MerkleTree.nodeHash(MerkleTree.leafHash(l.get(0)), MerkleTree.leafHash(l.get(1))),
        MerkleTree.leafHash(l.get(2)));
    assertThat(MerkleTree.root(l)).isEqualTo(expected);
  }
}
