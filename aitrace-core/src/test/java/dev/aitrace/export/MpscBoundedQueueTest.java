package dev.aitrace.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MpscBoundedQueueTest {

  @Test
  void fullQueue_refusesOffers_untilTheConsumerTakesOne() {
    MpscBoundedQueue<Integer> queue = new MpscBoundedQueue<>(3);
    assertThat(queue.offer(1)).isTrue();
    assertThat(queue.offer(2)).isTrue();
    assertThat(queue.offer(3)).isTrue();
    assertThat(queue.offer(4)).isFalse();
    assertThat(queue.size()).isEqualTo(3);

    assertThat(queue.poll()).isEqualTo(1);
    assertThat(queue.offer(5)).isTrue();
    assertThat(queue.offer(6)).isFalse();
    assertThat(List.of(queue.poll(), queue.poll(), queue.poll())).containsExactly(2, 3, 5);
    assertThat(queue.poll()).isNull();
    assertThat(queue.size()).isZero();
  }

  @Test
  void wrapsAroundManyTimes_inOrder() {
    MpscBoundedQueue<Integer> queue = new MpscBoundedQueue<>(5);
    for (int i = 0; i < 1000; i++) {
      assertThat(queue.offer(i)).isTrue();
      assertThat(queue.offer(-i)).isTrue();
      assertThat(queue.poll()).isEqualTo(i);
      assertThat(queue.poll()).isEqualTo(-i);
    }
    assertThat(queue.poll()).isNull();
  }

  @Test
  void concurrentProducers_everyElementIsEitherTakenOnceOrRefused() throws Exception {
    MpscBoundedQueue<Integer> queue = new MpscBoundedQueue<>(64);
    int producers = 4;
    int perProducer = 20_000;
    AtomicInteger refused = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < producers; t++) {
      int base = t * perProducer;
      Thread thread = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int i = 0; i < perProducer; i++) {
          if (!queue.offer(base + i)) {
            refused.incrementAndGet();
          }
        }
      });
      thread.start();
      threads.add(thread);
    }
    Set<Integer> taken = new HashSet<>();
    int duplicates = 0;
    start.countDown();
    boolean producing = true;
    while (producing) {
      producing = threads.stream().anyMatch(Thread::isAlive);
      Integer e;
      while ((e = queue.poll()) != null) {
        assertThat(queue.size()).isLessThanOrEqualTo(64);
        if (!taken.add(e)) {
          duplicates++;
        }
      }
    }
    for (Thread thread : threads) {
      thread.join();
    }
    Integer e;
    while ((e = queue.poll()) != null) {
      taken.add(e);
    }
    assertThat(duplicates).isZero();
    assertThat(taken.size() + refused.get()).isEqualTo(producers * perProducer);
  }
}
