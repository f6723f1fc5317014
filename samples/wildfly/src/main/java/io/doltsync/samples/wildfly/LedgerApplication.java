package io.doltsync.samples.wildfly;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The ledger's HTTP API under {@code /ledger/api}, for logged-in tellers (see {@code web.xml}). */
@ApplicationPath("api")
public class LedgerApplication extends Application {
}
