package dev.aitrace;

/** aitrace's version, as recorded in {@code telemetry.sdk.version}. */
final class Version {
  static final String VERSION = read();

  private Version() {}

  private static String read() {
    String v = Version.class.getPackage() == null ? null : Version.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0-SNAPSHOT" : v;
  }
}
