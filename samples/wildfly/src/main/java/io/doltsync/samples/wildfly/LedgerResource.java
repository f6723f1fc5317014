package io.doltsync.samples.wildfly;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.sql.SQLException;
import java.util.stream.Collectors;

/** Opens accounts, makes payments and shows balances, as plain text. */
@Path("/")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class LedgerResource {

  @Inject
  private Ledger ledger;

  @Context
  private SecurityContext security;

  @GET
  @Path("whoami")
  public String whoami() {
    return security.getUserPrincipal().getName();
  }

  @POST
  @Path("accounts")
  public Response open(@FormParam("name") String name, @FormParam("balance") long balance) throws SQLException {
    ledger.openAccount(name, balance);
    return Response.status(Response.Status.CREATED).entity(name).build();
  }

  @POST
  @Path("payments")
  public Response pay(@FormParam("payer") String payer, @FormParam("payee") String payee,
      @FormParam("amount") long amount) throws SQLException {
    try {
      return Response.ok(Long.toString(ledger.pay(payer, payee, amount))).build();
    } catch (InsufficientFundsException refused) {
      return Response.status(Response.Status.CONFLICT).entity(refused.getMessage()).build();
    }
  }

  @GET
  @Path("accounts")
  public String balances() throws SQLException {
    return ledger.balances().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining("\n"));
  }
}
