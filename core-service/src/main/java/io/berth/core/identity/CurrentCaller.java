package io.berth.core.identity;

import io.berth.common.error.HarborException;
import jakarta.enterprise.context.RequestScoped;

/** The caller of the current API request, set once by {@code auth.AuthenticationFilter}. */
@RequestScoped
public class CurrentCaller {
    private Caller caller = Caller.ANONYMOUS;
    private String clientAddress = "";

    public Caller get() {
        return caller;
    }

    /** For the authentication filter only, once per request. */
    public void set(Caller caller, String clientAddress) {
        this.caller = caller;
        this.clientAddress = clientAddress;
    }

    public String clientAddress() {
        return clientAddress;
    }

    /** The caller, or 401 if the request is anonymous. */
    public Caller authenticated() {
        if (!caller.authenticated()) {
            throw HarborException.unauthorized("authentication required");
        }
        return caller;
    }

    /** The caller if a system administrator, else 401/403. */
    public Caller sysadmin() {
        Caller c = authenticated();
        if (!c.sysadmin()) {
            throw HarborException.forbidden("only system administrators may do this");
        }
        return c;
    }
}
