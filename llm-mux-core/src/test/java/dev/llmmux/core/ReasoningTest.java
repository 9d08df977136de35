package dev.llmmux.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReasoningTest {
  @Test
  void effortMapsToTheDesignBudgets() {
    assertEquals(1024, Reasoning.effort(Reasoning.Effort.LOW).budgetTokensOrDefault());
    assertEquals(8192, Reasoning.effort(Reasoning.Effort.MEDIUM).budgetTokensOrDefault());
    assertEquals(24576, Reasoning.effort(Reasoning.Effort.HIGH).budgetTokensOrDefault());
  }

  @Test
  void budgetMapsBackToAnEffort() {
    assertEquals(Reasoning.Effort.LOW, Reasoning.budget(1000).effortOrDefault());
    assertEquals(Reasoning.Effort.MEDIUM, Reasoning.budget(5000).effortOrDefault());
    assertEquals(Reasoning.Effort.HIGH, Reasoning.budget(30000).effortOrDefault());
    assertTrue(Reasoning.budget(0).disabled());
    assertTrue(Reasoning.DISABLED.disabled());
  }

  @Test
  void wireNamesParseCaseInsensitively() {
    assertEquals(Reasoning.Effort.HIGH, Reasoning.Effort.fromWire("High"));
    assertEquals(null, Reasoning.Effort.fromWire("extreme"));
  }
}
