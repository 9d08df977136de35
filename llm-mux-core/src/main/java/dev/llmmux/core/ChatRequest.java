package dev.llmmux.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A request for one chat answer, in the form every dialect translates to and from. Optional
 * settings are null when the client did not set them, so that encoders send only what was asked.
 *
 * <pre>{@code
 * ChatRequest request = ChatRequest.builder()
 *     .model("gpt-4o-mini")
 *     .addMessage(Message.user("Hello"))
 *     .build();
 * }</pre>
 */
public record ChatRequest(
    String model,
    List<Part> system,
    List<Message> messages,
    List<ToolDefinition> tools,
    ToolChoice toolChoice,
    Boolean parallelToolCalls,
    Integer maxOutputTokens,
    Double temperature,
    Double topP,
    Integer topK,
    List<String> stopSequences,
    Long seed,
    Integer candidateCount,
    Double presencePenalty,
    Double frequencyPenalty,
    ResponseFormat responseFormat,
    Reasoning reasoning,
    boolean stream,
    Map<String, String> metadata,
    Map<String, String> extensions) {

  public ChatRequest {
    Objects.requireNonNull(model, "model == null");
    system = List.copyOf(system);
    messages = List.copyOf(messages);
    tools = List.copyOf(tools);
    stopSequences = List.copyOf(stopSequences);
    metadata = Extensions.copy(metadata);
    extensions = Extensions.copy(extensions);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Returns the system parts' text joined by blank lines, or "" when there is none. */
  public String systemText() {
    StringBuilder result = new StringBuilder();
    for (Part part : system) {
      if (part instanceof Part.Text) {
        if (result.length() > 0) result.append("\n\n");
        result.append(((Part.Text) part).text());
      }
    }
    return result.toString();
  }

  /** Returns a copy with the given model, the rest unchanged. */
  public ChatRequest withModel(String model) {
    return model.equals(this.model) ? this : toBuilder().model(model).build();
  }

  /** Builds a {@link ChatRequest}. */
  public static final class Builder {
    private String model;
    private final List<Part> system = new ArrayList<>();
    private final List<Message> messages = new ArrayList<>();
    private final List<ToolDefinition> tools = new ArrayList<>();
    private ToolChoice toolChoice;
    private Boolean parallelToolCalls;
    private Integer maxOutputTokens;
    private Double temperature;
    private Double topP;
    private Integer topK;
    private final List<String> stopSequences = new ArrayList<>();
    private Long seed;
    private Integer candidateCount;
    private Double presencePenalty;
    private Double frequencyPenalty;
    private ResponseFormat responseFormat;
    private Reasoning reasoning;
    private boolean stream;
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private final Map<String, String> extensions = new LinkedHashMap<>();

    Builder() {}

    Builder(ChatRequest r) {
      model = r.model;
      system.addAll(r.system);
      messages.addAll(r.messages);
      tools.addAll(r.tools);
      toolChoice = r.toolChoice;
      parallelToolCalls = r.parallelToolCalls;
      maxOutputTokens = r.maxOutputTokens;
      temperature = r.temperature;
      topP = r.topP;
      topK = r.topK;
      stopSequences.addAll(r.stopSequences);
      seed = r.seed;
      candidateCount = r.candidateCount;
      presencePenalty = r.presencePenalty;
      frequencyPenalty = r.frequencyPenalty;
      responseFormat = r.responseFormat;
      reasoning = r.reasoning;
      stream = r.stream;
      metadata.putAll(r.metadata);
      extensions.putAll(r.extensions);
    }

    public Builder model(String model) {
      this.model = model;
      return this;
    }

    public String model() {
      return model;
    }

    public Builder addSystem(Part part) {
      system.add(Objects.requireNonNull(part, "part == null"));
      return this;
    }

    public Builder addSystem(String text) {
      return addSystem(new Part.Text(text));
    }

    public Builder system(List<Part> parts) {
      system.clear();
      system.addAll(parts);
      return this;
    }

    public Builder addMessage(Message message) {
      messages.add(Objects.requireNonNull(message, "message == null"));
      return this;
    }

    public Builder messages(List<Message> messages) {
      this.messages.clear();
      this.messages.addAll(messages);
      return this;
    }

    public Builder addTool(ToolDefinition tool) {
      tools.add(Objects.requireNonNull(tool, "tool == null"));
      return this;
    }

    public Builder tools(List<ToolDefinition> tools) {
      this.tools.clear();
      this.tools.addAll(tools);
      return this;
    }

    public Builder toolChoice(ToolChoice toolChoice) {
      this.toolChoice = toolChoice;
      return this;
    }

    public Builder parallelToolCalls(Boolean parallelToolCalls) {
      this.parallelToolCalls = parallelToolCalls;
      return this;
    }

    public Builder maxOutputTokens(Integer maxOutputTokens) {
      this.maxOutputTokens = maxOutputTokens;
      return this;
    }

    public Builder temperature(Double temperature) {
      this.temperature = temperature;
      return this;
    }

    public Builder topP(Double topP) {
      this.topP = topP;
      return this;
    }

    public Builder topK(Integer topK) {
      this.topK = topK;
      return this;
    }

    public Builder addStopSequence(String stop) {
      stopSequences.add(Objects.requireNonNull(stop, "stop == null"));
      return this;
    }

    public Builder stopSequences(List<String> stops) {
      stopSequences.clear();
      stopSequences.addAll(stops);
      return this;
    }

    public Builder seed(Long seed) {
      this.seed = seed;
      return this;
    }

    public Builder candidateCount(Integer candidateCount) {
      this.candidateCount = candidateCount;
      return this;
    }

    public Builder presencePenalty(Double presencePenalty) {
      this.presencePenalty = presencePenalty;
      return this;
    }

    public Builder frequencyPenalty(Double frequencyPenalty) {
      this.frequencyPenalty = frequencyPenalty;
      return this;
    }

    public Builder responseFormat(ResponseFormat responseFormat) {
      this.responseFormat = responseFormat;
      return this;
    }

    public Builder reasoning(Reasoning reasoning) {
      this.reasoning = reasoning;
      return this;
    }

    public Reasoning reasoning() {
      return reasoning;
    }

    public Builder stream(boolean stream) {
      this.stream = stream;
      return this;
    }

    public Builder putMetadata(String key, String value) {
      metadata.put(key, value);
      return this;
    }

    /** Keeps a field without an IR home; see {@link Extensions} for the key's form. */
    public Builder putExtension(String key, String rawJson) {
      extensions.put(key, rawJson);
      return this;
    }

    public Builder removeExtension(String key) {
      extensions.remove(key);
      return this;
    }

    public ChatRequest build() {
      if (model == null) throw new IllegalStateException("model == null");
      return new ChatRequest(
          model, system, messages, tools, toolChoice, parallelToolCalls, maxOutputTokens,
          temperature, topP, topK, stopSequences, seed, candidateCount, presencePenalty,
          frequencyPenalty, responseFormat, reasoning, stream, metadata, extensions);
    }
  }
}
