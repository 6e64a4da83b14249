package org.mrdflow.pipeline.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mrdflow.pipeline.config.ConfigException;

class PseudonymizerTest {

  private static byte[] repeated(int value, int length) {
    byte[] key = new byte[length];
    Arrays.fill(key, (byte) value);
    return key;
  }

  @Test
  void pseudonymsAreHmacSha256AsInRfc4231TestCase1() {
    assertThat(new Pseudonymizer(repeated(0x0b, 20)).pseudonym("Hi There"))
        .isEqualTo("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  }

  @Test
  void keysLongerThanTheBlockAreHashedFirstAsInRfc4231TestCase6() {
    assertThat(new Pseudonymizer(repeated(0xaa, 131)).pseudonym("Test Using Larger Than Block-Size Key - Hash Key First"))
        .isEqualTo("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
  }

  @Test
  void theEnvironmentKeyWinsOverTheKeyFile(@TempDir Path tmp) throws Exception {
    Path file = ownerOnly(Files.writeString(tmp.resolve("key.txt"), "file-key-0123456789abcdef\n"));
    Pseudonymizer fromEnv = PseudonymKeys.resolve("env-key-0123456789abcdef", file).orElseThrow();
    Pseudonymizer fromFile = PseudonymKeys.resolve(null, file).orElseThrow();
    assertThat(fromEnv.pseudonym("P1"))
        .isEqualTo(new Pseudonymizer("env-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8)).pseudonym("P1"));
    // The trailing newline of the key file is not part of the key.
    assertThat(fromFile.pseudonym("P1"))
        .isEqualTo(new Pseudonymizer("file-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8)).pseudonym("P1"));
    assertThat(PseudonymKeys.resolve(null, null)).isEmpty();
  }

  private static Path ownerOnly(Path file) throws java.io.IOException {
    return Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void aKeyFileNamedByTheEnvironmentWinsOverTheConfiguredOneAndMustBeOwnerOnly(@TempDir Path tmp) throws Exception {
    Path mounted = ownerOnly(Files.writeString(tmp.resolve("mounted.key"), "mounted-key-0123456789abcdef"));
    Path configured = ownerOnly(Files.writeString(tmp.resolve("configured.key"), "configured-key-0123456789ab"));
    assertThat(PseudonymKeys.resolve(null, mounted.toString(), configured).orElseThrow().pseudonym("P1"))
        .isEqualTo(new Pseudonymizer("mounted-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8)).pseudonym("P1"));
    Files.setPosixFilePermissions(configured, PosixFilePermissions.fromString("rw-r-----"));
    assertThatThrownBy(() -> PseudonymKeys.resolve(null, null, configured))
        .isInstanceOf(ConfigException.class).hasMessageContaining("configured.key")
        .hasMessageContaining("readable by group or others").hasMessageContaining("chmod 600");
  }

  @Test
  void theKeyFingerprintIsTheHmacOfAFixedLabelNotAHashOfTheKey() {
    Pseudonymizer p = new Pseudonymizer("a-test-key-of-32-characters-long".getBytes(StandardCharsets.UTF_8));
    // Python: hmac.new(key, b"mrdflow pseudonym key fingerprint v1", sha256).hexdigest()[:16]
    assertThat(p.keyFingerprint()).isEqualTo("dc8cbc99007621b0")
        // hashlib.sha256(key).hexdigest()[:16], the old fingerprint
        .isNotEqualTo("d4171413b3decf5a");
  }

  @Test
  void shortKeysAndMissingKeyFilesAreRefusedNamingTheSource(@TempDir Path tmp) {
    assertThatThrownBy(() -> PseudonymKeys.resolve("short", null))
        .isInstanceOf(ConfigException.class).hasMessageContaining("MRDFLOW_PSEUDONYM_KEY").hasMessageContaining("16");
    Path missing = tmp.resolve("nokey.txt");
    assertThatThrownBy(() -> PseudonymKeys.resolve(null, missing))
        .isInstanceOf(ConfigException.class).hasMessageContaining("nokey.txt");
  }

  @Test
  void onlyAllowListedKeywordsAreKeptWhateverTheirCase() {
    KeywordAllowList allow = new KeywordAllowList(java.util.List.of("$CYT", "$TOT"));
    java.util.Map<String, String> kept = allow.filter(java.util.Map.of(
        "$cyt", "Canto", "$TOT", "100", "$SRC", "Jane Doe", "PATIENT ID", "123", "$FIL", "jd.fcs"));
    assertThat(kept).containsOnlyKeys("$cyt", "$TOT");
    assertThat(allow.valueOf(java.util.Map.of("$cyt", "Canto"), "$CYT")).isEqualTo("Canto");
    assertThat(allow.valueOf(java.util.Map.of("$SRC", "Jane"), "$SRC")).isNull();
  }
}
