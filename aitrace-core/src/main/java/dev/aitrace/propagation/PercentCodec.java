package dev.aitrace.propagation;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Percent-encoding of W3C baggage values: UTF-8 bytes, {@code baggage-octet} left as is. */
final class PercentCodec {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private PercentCodec() {}

  /**
   * {@code baggage-octet = %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E}: printable ASCII except
   * space, {@code "}, {@code ,}, {@code ;} and {@code \}.
   */
  static boolean isBaggageOctet(int c) {
    return c >= 0x21 && c <= 0x7e && c != '"' && c != ',' && c != ';' && c != '\\';
  }

  static boolean isBaggageOctets(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (!isBaggageOctet(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The decoded value, or null when {@code value} holds a character outside {@code baggage-octet} or
   * a {@code '%'} that does not start two hex digits. Bytes that are not UTF-8 decode to U+FFFD.
   */
  static String decode(String value) {
    if (value.indexOf('%') < 0) {
      return isBaggageOctets(value) ? value : null;
    }
    ByteBuffer bytes = ByteBuffer.allocate(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!isBaggageOctet(c)) {
        return null;
      }
      if (c == '%') {
        int hi = i + 2 < value.length() ? Character.digit(value.charAt(i + 1), 16) : -1;
        int lo = hi < 0 ? -1 : Character.digit(value.charAt(i + 2), 16);
        if (lo < 0) {
          return null;
        }
        bytes.put((byte) (hi << 4 | lo));
        i += 2;
      } else {
        bytes.put((byte) c);
      }
    }
    bytes.flip();
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE)
          .decode(bytes)
          .toString();
    } catch (CharacterCodingException e) {
      return null; // not reached: REPLACE never throws
    }
  }

  /** {@code value} with every UTF-8 byte outside {@code baggage-octet}, and {@code '%'}, encoded. */
  static String encode(String value) {
    boolean plain = true;
    for (int i = 0; i < value.length() && plain; i++) {
      char c = value.charAt(i);
      plain = isBaggageOctet(c) && c != '%';
    }
    if (plain) {
      return value;
    }
    StringBuilder out = new StringBuilder(value.length() + 16);
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (isBaggageOctet(c) && c != '%') {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return out.toString();
  }
}
