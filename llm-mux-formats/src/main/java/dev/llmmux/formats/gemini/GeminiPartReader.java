package dev.llmmux.formats.gemini;

import com.squareup.moshi.JsonReader;
import dev.llmmux.core.Extensions;
import dev.llmmux.core.MuxException;
import dev.llmmux.formats.internal.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Gemini {@code Content} objects and their parts. Shared by the request decoder (a client's
 * body, where problems are the client's) and the response decoders (an upstream's body).
 */
final class GeminiPartReader {
  static final String DIALECT = "gemini";

  private static final Fields CONTENT = Fields.of("role", "parts");
  private static final Fields PART = Fields.of(
      "text", "thought", "thoughtSignature", "inlineData", "fileData", "functionCall",
      "functionResponse");
  private static final Fields BLOB = Fields.of("mimeType", "data");
  private static final Fields FILE = Fields.of("mimeType", "fileUri");
  private static final Fields CALL = Fields.of("name", "args", "id");
  private static final Fields RESPONSE = Fields.of("name", "response", "id");

  private final boolean client;

  private GeminiPartReader(boolean client) {
    this.client = client;
  }

  /** A reader for a client's request: problems are {@code INVALID_REQUEST} with their path. */
  static GeminiPartReader forClient() {
    return new GeminiPartReader(true);
  }

  /** A reader for an upstream's answer: problems are {@code UPSTREAM}. */
  static GeminiPartReader forUpstream() {
    return new GeminiPartReader(false);
  }

  /** One {@code Content}: its role (null when absent) and parts. */
  record WireContent(String role, List<WirePart> parts) {}

  WireContent readContent(JsonReader reader) throws IOException {
    return readContent(reader, true);
  }

  /** Reads a content; {@code checkRole} is false for a system instruction, whose role is ignored. */
  WireContent readContent(JsonReader reader, boolean checkRole) throws IOException {
    expectObject(reader, "a content");
    String role = null;
    List<WirePart> parts = new ArrayList<>();
    reader.beginObject();
    while (reader.hasNext()) {
      switch (CONTENT.select(reader)) {
        case 0:
          role = Json.nextStringOrNull(reader);
          if (checkRole && role != null && !role.equals("user") && !role.equals("model")
              && !role.equals("function") && !role.equals("tool")) {
            throw problem(reader, "role must be \"user\" or \"model\", found \"" + role + "\"");
          }
          break;
        case 1:
          if (reader.peek() == JsonReader.Token.NULL) {
            reader.skipValue();
            break;
          }
          expectArray(reader, "parts");
          reader.beginArray();
          while (reader.hasNext()) {
            WirePart part = readPart(reader);
            if (part != null) parts.add(part);
          }
          reader.endArray();
          break;
        default:
          reader.skipName();
          reader.skipValue();
      }
    }
    reader.endObject();
    return new WireContent(role, parts);
  }

  /** Reads one part; returns null for a part that holds nothing. */
  WirePart readPart(JsonReader reader) throws IOException {
    expectObject(reader, "a part");
    WirePart part = new WirePart();
    reader.beginObject();
    while (reader.hasNext()) {
      switch (PART.select(reader)) {
        case 0:
          part.text = Json.nextStringOrNull(reader);
          break;
        case 1:
          Boolean thought = Json.nextBooleanOrNull(reader);
          part.thought = thought != null && thought;
          break;
        case 2:
          part.signature = Json.nextStringOrNull(reader);
          break;
        case 3:
          readBlob(reader, part);
          break;
        case 4:
          readFile(reader, part);
          break;
        case 5:
          readCall(reader, part);
          break;
        case 6:
          readResponse(reader, part);
          break;
        default:
          String name = reader.nextName();
          part.extensions.put(Extensions.dialectKey(DIALECT, name), Json.readRaw(reader));
      }
    }
    reader.endObject();
    if (part.isInline() && part.inlineMimeType == null) {
      throw problem(reader, "inlineData needs a mimeType");
    }
    if (part.text == null && !part.isCall() && !part.isResponse() && !part.isInline()
        && !part.isFile() && part.signature == null && part.extensions.isEmpty()) {
      return null;
    }
    return part;
  }

  private void readBlob(JsonReader reader, WirePart part) throws IOException {
    if (skipNull(reader)) return;
    expectObject(reader, "inlineData");
    reader.beginObject();
    while (reader.hasNext()) {
      switch (BLOB.select(reader)) {
        case 0: part.inlineMimeType = Json.nextStringOrNull(reader); break;
        case 1: part.inlineData = Json.nextStringOrNull(reader); break;
        default: reader.skipName(); reader.skipValue();
      }
    }
    reader.endObject();
    if (part.inlineData == null) throw problem(reader, "inlineData needs data");
  }

  private void readFile(JsonReader reader, WirePart part) throws IOException {
    if (skipNull(reader)) return;
    expectObject(reader, "fileData");
    reader.beginObject();
    while (reader.hasNext()) {
      switch (FILE.select(reader)) {
        case 0: part.fileMimeType = Json.nextStringOrNull(reader); break;
        case 1: part.fileUri = Json.nextStringOrNull(reader); break;
        default: reader.skipName(); reader.skipValue();
      }
    }
    reader.endObject();
    if (part.fileUri == null) throw problem(reader, "fileData needs a fileUri");
  }

  private void readCall(JsonReader reader, WirePart part) throws IOException {
    if (skipNull(reader)) return;
    expectObject(reader, "functionCall");
    reader.beginObject();
    while (reader.hasNext()) {
      switch (CALL.select(reader)) {
        case 0:
          part.callName = Json.nextStringOrNull(reader);
          break;
        case 1:
          if (reader.peek() == JsonReader.Token.NULL) {
            reader.skipValue();
          } else {
            expectObject(reader, "functionCall.args");
            part.callArgs = Json.readRaw(reader);
          }
          break;
        case 2:
          part.callId = Json.nextStringOrNull(reader);
          if (part.callId != null) {
            part.extensions.put(GeminiContents.CALL_ID_KEY, Json.quote(part.callId));
          }
          break;
        default:
          String name = reader.nextName();
          part.extensions.put(Extensions.dialectKey(DIALECT, "functionCall." + name), Json.readRaw(reader));
      }
    }
    reader.endObject();
    if (part.callName == null) throw problem(reader, "functionCall needs a name");
    if (part.callArgs == null) part.callArgs = "{}";
  }

  private void readResponse(JsonReader reader, WirePart part) throws IOException {
    if (skipNull(reader)) return;
    expectObject(reader, "functionResponse");
    reader.beginObject();
    while (reader.hasNext()) {
      switch (RESPONSE.select(reader)) {
        case 0:
          part.responseName = Json.nextStringOrNull(reader);
          break;
        case 1:
          part.responseRaw = Json.readRaw(reader);
          break;
        case 2:
          part.responseId = Json.nextStringOrNull(reader);
          break;
        default:
          String name = reader.nextName();
          part.extensions.put(
              Extensions.dialectKey(DIALECT, "functionResponse." + name), Json.readRaw(reader));
      }
    }
    reader.endObject();
    if (part.responseName == null && part.responseId == null) {
      throw problem(reader, "functionResponse needs a name");
    }
    if (part.responseRaw == null) part.responseRaw = "{}";
  }

  private boolean skipNull(JsonReader reader) throws IOException {
    if (reader.peek() != JsonReader.Token.NULL) return false;
    reader.skipValue();
    return true;
  }

  void expectObject(JsonReader reader, String what) throws IOException {
    if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
      throw problem(reader, what + " must be a JSON object, found " + reader.peek());
    }
  }

  void expectArray(JsonReader reader, String what) throws IOException {
    if (reader.peek() != JsonReader.Token.BEGIN_ARRAY) {
      throw problem(reader, what + " must be a JSON array, found " + reader.peek());
    }
  }

  /** The problem {@code message} at the reader's position, blamed on whoever sent the body. */
  MuxException problem(JsonReader reader, String message) {
    if (client) return Json.invalid(reader, message);
    return Json.malformedUpstream("Gemini answer", new IllegalStateException(
        message + " (at " + reader.getPath() + ")"));
  }
}
