package dev.llmmux.formats.internal;

/** Reads and writes {@code data:} URLs, as OpenAI dialects carry inline images. */
public final class DataUrl {
  private DataUrl() {}

  /** A parsed base64 data URL. */
  public record Parsed(String mediaType, String base64) {}

  /** Returns the parts of a base64 data URL, or null when {@code url} is not one. */
  public static Parsed parse(String url) {
    if (url == null || !url.startsWith("data:")) return null;
    int comma = url.indexOf(',');
    if (comma < 0) return null;
    String meta = url.substring(5, comma);
    if (!meta.endsWith(";base64")) return null;
    String mediaType = meta.substring(0, meta.length() - ";base64".length());
    if (mediaType.isEmpty()) mediaType = "application/octet-stream";
    return new Parsed(mediaType, url.substring(comma + 1));
  }

  public static String format(String mediaType, String base64) {
    return "data:" + mediaType + ";base64," + base64;
  }
}
