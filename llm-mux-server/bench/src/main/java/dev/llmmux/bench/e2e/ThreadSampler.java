package dev.llmmux.bench.e2e;

/** Samples the server's threads while the streams are open; stops by itself after ten minutes. */
final class ThreadSampler implements Runnable {
  private final Gateway gateway;
  private final Thread thread = new Thread(this, "thread-sampler");
  private volatile boolean stop;
  volatile long maxThreads;

  ThreadSampler(Gateway gateway) {
    this.gateway = gateway;
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  void stop() throws InterruptedException {
    stop = true;
    thread.join(5_000);
  }

  @Override
  public void run() {
    for (int i = 0; i < 6_000 && !stop; i++) {
      maxThreads = Math.max(maxThreads, gateway.status("Threads"));
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      }
    }
  }
}
