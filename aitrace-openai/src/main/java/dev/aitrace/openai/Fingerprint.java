package dev.aitrace.openai;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The fingerprint a loop guard compares: a SHA-256 of the model and what the model is asked (the
 * messages or input), so that the same request repeated within a trace is recognised without the
 * guard ever seeing the prompt itself.
 */
final class Fingerprint {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Fingerprint() {}

  /** 32 hex characters (the first 128 bits of the hash); empty if the hash cannot be computed. */
  static String of(String model, Object request) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(model.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) '\n');
      byte[] hash = sha.digest(String.valueOf(request).getBytes(StandardCharsets.UTF_8));
      char[] out = new char[32];
      for (int i = 0; i < 16; i++) {
        out[2 * i] = HEX[(hash[i] >> 4) & 0xf];
        out[2 * i + 1] = HEX[hash[i] & 0xf];
      }
      return new String(out);
    } catch (NoSuchAlgorithmException e) {
      return "";
    }
  }
}
