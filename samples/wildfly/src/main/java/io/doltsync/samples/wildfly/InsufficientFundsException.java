package io.doltsync.samples.wildfly;

/** A payment the ledger refuses; thrown inside the transaction, it rolls the transaction back. */
public class InsufficientFundsException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public InsufficientFundsException(String message) {
    super(message);
  }
}
