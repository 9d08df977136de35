package dev.llmmux.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ConversationsTest {
  @Test
  void streamsHave200Events() {
    assertEquals(Conversations.STREAM_EVENTS, Conversations.stream("small").size());
    assertEquals(Conversations.STREAM_EVENTS, Conversations.stream("large").size());
  }

  @Test
  void conversationsAreDeterministic() {
    assertEquals(Conversations.request("large"), Conversations.request("large"));
  }

  @Test
  void largeConversationHas100MessagesAnd50Tools() {
    assertEquals(100, Conversations.request("large").messages().size());
    assertEquals(50, Conversations.request("large").tools().size());
    assertEquals(1, Conversations.request("small").messages().size());
  }
}
