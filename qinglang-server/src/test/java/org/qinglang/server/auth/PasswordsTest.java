package org.qinglang.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordsTest {

  @Test
  void hashIsSaltedSelfDescribingAndVerifiesOnlyTheRightPassword() {
    String a = Passwords.hash("密码 correct horse", 1000);
    String b = Passwords.hash("密码 correct horse", 1000);
    assertThat(a).startsWith("pbkdf2-sha256$1000$").isNotEqualTo(b).doesNotContain("horse");
    assertThat(Passwords.verify("密码 correct horse", a)).isTrue();
    assertThat(Passwords.verify("密码 correct hors", a)).isFalse();
    assertThat(Passwords.verify("密码 correct horse", "md5$abc")).isFalse();
  }

  @Test
  void defaultHashUsesTheFullIterationCount() {
    assertThat(Passwords.hash("x")).startsWith("pbkdf2-sha256$" + Passwords.ITERATIONS + "$");
  }
}
