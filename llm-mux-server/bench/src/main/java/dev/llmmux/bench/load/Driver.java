package dev.llmmux.bench.load;

import java.io.IOException;

/** What a run does when connections become ready, complete an answer, or break. */
interface Driver {
  void onReady(Conn conn) throws IOException;

  void onComplete(Conn conn, long now, boolean reusable) throws IOException;

  /** Called under the loop's lock. */
  void onBroken(Conn conn, boolean wasBusy);

  boolean done(long now);
}
