package org.mrdflow.review.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class PasswordHashTest {
  @Test
  void theStoredHashIsPbkdf2HmacSha256AsRfc8018DefinesIt() throws Exception {
    String stored = PasswordHash.hash("pass phrase".toCharArray());
    String[] parts = stored.split("\\$");
    byte[] salt = Base64.getDecoder().decode(parts[2]);
    // RFC 8018 section 5.2, one 32-byte block: U1 = HMAC(P, S || INT(1)), T = U1 xor U2 xor ... xor Uc
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec("pass phrase".getBytes(), "HmacSHA256"));
    mac.update(salt);
    byte[] u = mac.doFinal(new byte[] {0, 0, 0, 1});
    byte[] t = u.clone();
    for (int i = 1; i < Integer.parseInt(parts[1]); i++) {
      u = mac.doFinal(u);
      for (int j = 0; j < t.length; j++) {
        t[j] ^= u[j];
      }
    }
    assertThat(HexFormat.of().formatHex(Base64.getDecoder().decode(parts[3]))).isEqualTo(HexFormat.of().formatHex(t));
    assertThat(parts[1]).isEqualTo("600000");
    assertThat(salt).hasSize(16);
  }

  @Test
  void twoHashesOfOnePasswordDifferByTheirSaltAndBothMatch() {
    String a = PasswordHash.hash("same password".toCharArray());
    String b = PasswordHash.hash("same password".toCharArray());
    assertThat(a).isNotEqualTo(b);
    assertThat(PasswordHash.matches("same password".toCharArray(), a)).isTrue();
    assertThat(PasswordHash.matches("same password".toCharArray(), b)).isTrue();
    assertThat(PasswordHash.matches("other".toCharArray(), a)).isFalse();
    assertThat(PasswordHash.matches("same password".toCharArray(), "md5$abc")).isFalse();
  }
}
