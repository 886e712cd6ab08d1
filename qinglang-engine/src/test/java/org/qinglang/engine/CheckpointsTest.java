package org.qinglang.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run's checkpoint directory is removed even while Flink still prunes it. */
class CheckpointsTest {
  @TempDir
  Path dir;

  /**
   * Flink's coordinator deletes subsumed {@code chk-N} directories on its own thread, also as
   * a job ends; a CI run once failed because a directory vanished between the walk listing it
   * and reading it. Here a second thread prunes checkpoints the way Flink does while the tree
   * is deleted, many times over, and every deletion must finish with nothing left.
   */
  @Test
  void aTreePrunedWhileItIsDeletedIsStillDeleted() throws Exception {
    for (int round = 0; round < 40; round++) {
      Path root = dir.resolve("run-" + round);
      List<Path> chks = new ArrayList<>();
      for (int n = 0; n < 30; n++) {
        Path chk = root.resolve("job").resolve("chk-" + n);
        Files.createDirectories(chk);
        for (int f = 0; f < 20; f++) {
          Files.writeString(chk.resolve("part-" + f), "x");
        }
        Files.writeString(chk.resolve("_metadata"), "m");
        chks.add(chk);
      }
      CountDownLatch go = new CountDownLatch(1);
      Thread pruner = new Thread(() -> {
        try {
          go.await();
          for (Path chk : chks) {
            prune(chk);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      pruner.start();
      go.countDown();
      Engine.Checkpoints.deleteTree(root);
      pruner.join();
      assertThat(root).doesNotExist();
    }
  }

  @Test
  void aMissingTreeIsNotAnError() throws Exception {
    Engine.Checkpoints.deleteTree(dir.resolve("never-written"));
    assertThat(dir.resolve("never-written")).doesNotExist();
  }

  private static void prune(Path chk) {
    try (var files = Files.list(chk)) {
      for (Path f : files.toList()) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(chk);
    } catch (IOException e) {
      // The deletion under test got there first: nothing left to prune.
    }
  }
}
