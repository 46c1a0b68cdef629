package io.berth.core.identity;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Enforces {@link SysadminOnly}. */
@SysadminOnly
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
class SysadminOnlyInterceptor {
    @Inject
    CurrentCaller current;

    @AroundInvoke
    Object requireSysadmin(InvocationContext invocation) throws Exception {
        current.sysadmin();
        return invocation.proceed();
    }
}
