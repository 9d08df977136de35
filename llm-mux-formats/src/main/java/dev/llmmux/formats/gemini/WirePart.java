package dev.llmmux.formats.gemini;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Gemini {@code Part} as read from the wire, before it becomes IR. Exactly one kind of content
 * is set; {@code signature} may ride on any kind.
 */
final class WirePart {
  String text;
  boolean thought;
  String signature;
  String inlineMimeType;
  String inlineData;
  String fileMimeType;
  String fileUri;
  String callName;
  String callArgs;
  String callId;
  String responseName;
  String responseRaw;
  String responseId;
  /** Unknown fields: {@code gemini:<field>} for the part's, {@code gemini:functionCall.<field>} inside. */
  final Map<String, String> extensions = new LinkedHashMap<>();

  boolean isCall() {
    return callName != null;
  }

  boolean isResponse() {
    return responseRaw != null || responseName != null;
  }

  boolean isInline() {
    return inlineData != null;
  }

  boolean isFile() {
    return fileUri != null;
  }

  boolean isText() {
    return text != null && !isCall() && !isResponse() && !isInline() && !isFile();
  }
}
