package dev.llmmux.formats.ollama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class OllamaImagesTest {
  @Test
  void mediaTypeComesFromMagicNumbers() {
    assertEquals("image/png", OllamaImages.sniff(Fixtures.PNG));
    assertEquals("image/jpeg", OllamaImages.sniff(Fixtures.JPEG));
    assertEquals("image/gif", OllamaImages.sniff(Fixtures.GIF));
    assertEquals("image/webp", OllamaImages.sniff(Fixtures.WEBP));
  }

  @Test
  void otherFormatsAreUnknownAndNonBase64IsNull() {
    assertEquals("application/octet-stream", OllamaImages.sniff(Fixtures.BMP));
    assertEquals("application/octet-stream", OllamaImages.sniff("UklGRhoAAABBVkkg")); // RIFF, but AVI
    assertNull(OllamaImages.sniff("not base64!"));
    assertNull(OllamaImages.sniff(""));
  }
}
