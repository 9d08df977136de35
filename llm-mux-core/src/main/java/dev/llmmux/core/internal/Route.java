package dev.llmmux.core.internal;

import dev.llmmux.core.spi.Account;
import dev.llmmux.core.spi.Provider;

/** One way to serve a model: a provider, one of its accounts, and the model's upstream name. */
public record Route(Provider provider, Account account, String upstreamModel) {}
