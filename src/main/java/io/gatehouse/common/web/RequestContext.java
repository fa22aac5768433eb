package io.gatehouse.common.web;

import jakarta.servlet.http.HttpServletRequest;

/** Request attributes set by the request path's filters and read further along it. */
public final class RequestContext {

    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    private static final String CLIENT = RequestContext.class.getName() + ".client";
    private static final String CALLER = RequestContext.class.getName() + ".caller";
    private static final String ACTION = RequestContext.class.getName() + ".action";

    private RequestContext() {
    }

    public static void setClient(HttpServletRequest request, ClientInfo client) {
        request.setAttribute(CLIENT, client);
    }

    public static ClientInfo client(HttpServletRequest request) {
        Object client = request.getAttribute(CLIENT);
        return client instanceof ClientInfo info ? info : new ClientInfo(request.getRemoteAddr(), null, null);
    }

    public static void setCaller(HttpServletRequest request, Caller caller) {
        request.setAttribute(CALLER, caller);
    }

    public static Caller caller(HttpServletRequest request) {
        return (Caller) request.getAttribute(CALLER);
    }

    public static void setAction(HttpServletRequest request, RequiresAction action) {
        request.setAttribute(ACTION, action);
    }

    public static RequiresAction action(HttpServletRequest request) {
        return (RequiresAction) request.getAttribute(ACTION);
    }
}
