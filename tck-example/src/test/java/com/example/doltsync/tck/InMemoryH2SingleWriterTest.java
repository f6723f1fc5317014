package com.example.doltsync.tck;

import io.doltsync.tck.Primary;
import io.doltsync.tck.SingleWriterTck;

/**
 * doltsync's single-writer oracle run from a third party's project against its own {@link Primary}. The
 * multi-writer and fault suites ({@code MultiWriterTck}, {@code FaultTck}) are extended the same way; an
 * in-memory H2 database suits neither (H2 has no table locks for concurrent whole-table copies, and a second
 * JVM cannot reach it), so this example runs the oracle only.
 */
class InMemoryH2SingleWriterTest extends SingleWriterTck {

  @Override
  protected Primary primary() {
    return new InMemoryH2Primary();
  }
}
